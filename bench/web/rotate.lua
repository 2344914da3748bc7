-- rotate.lua — wrk script for bench/web.sh: GET requests going round a list
-- of paths (the directory searches), with the browser's cookie.
--
-- Environment (set by bench/web.sh):
--   WEB_PATHS_FILE  one request path per line ("/en/directory?q=..."), blank
--                   lines and lines starting with # ignored
--   WEB_COOKIE      the Cookie header value, may be empty
--
-- Each wrk thread has its own Lua state: setup() numbers the threads and
-- each starts its round at its own share of the list (WEB_WRK_THREADS
-- threads: thread k at k/n of it), so the threads do not ask the same query
-- at the same moment, and over a long list they ask different ones. The
-- requests are formatted once, in init().

local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local reqs = {}
local i = 0

function init(args)
  local file = os.getenv("WEB_PATHS_FILE")
  assert(file and file ~= "", "rotate.lua: WEB_PATHS_FILE is not set")
  local headers = {}
  local cookie = os.getenv("WEB_COOKIE")
  if cookie and cookie ~= "" then
    headers["Cookie"] = cookie
  end
  for line in io.lines(file) do
    if line ~= "" and line:sub(1, 1) ~= "#" then
      reqs[#reqs + 1] = wrk.format("GET", line, headers)
    end
  end
  assert(#reqs > 0, "rotate.lua: no paths in WEB_PATHS_FILE")
  local n = tonumber(os.getenv("WEB_WRK_THREADS") or "") or 1
  i = math.floor((tonumber(tid) or 0) * #reqs / math.max(n, 1)) % #reqs
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end
