-- post.lua — wrk script for bench/web.sh: every request is the same POST of
-- a form body (the results page), with the browser's cookie.
--
-- Environment (set by bench/web.sh):
--   WEB_BODY_FILE  the application/x-www-form-urlencoded body (answers + csrf)
--   WEB_COOKIE     the Cookie header value ("sp_id=..."), may be empty
--
-- wrk runs one Lua state per thread; each reads the body once at load time,
-- so nothing is done per request but sending the prepared bytes.

local function slurp(path)
  local f = assert(io.open(path, "rb"), "post.lua: cannot read WEB_BODY_FILE")
  local s = f:read("*a")
  f:close()
  return s
end

local body_file = os.getenv("WEB_BODY_FILE")
assert(body_file and body_file ~= "", "post.lua: WEB_BODY_FILE is not set")

wrk.method = "POST"
wrk.body = slurp(body_file)
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local cookie = os.getenv("WEB_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
