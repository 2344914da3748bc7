# po2c.awk — turns the French message catalogues po/AREA.fr.po into one C file
# holding a table {msgid, msgstr} sorted by msgid in byte (strcmp) order, for
# the binary search in src/base/i18n.c.
#
# Usage (POSIX awk: mawk or gawk; LC_ALL=C makes string order byte order):
#   LC_ALL=C awk -f tools/po2c.awk po/*.fr.po > build/gen/i18n_table.c
# The output includes "../../src/base/i18nInt.h", which is right for a file in
# build/gen/; set another path with -v include=PATH.
#
# Understood: # comments, msgid "..." / msgstr "..." with continuation lines
# "...", the escapes \" \\ \n \t, and the header entry (msgid "", skipped).
# Rejected, with file:line on stderr and exit status 1, and nothing written:
# an empty msgstr, a fuzzy entry, a msgid defined twice (in any of the files),
# printf conversions that differ between msgid and msgstr, msgctxt and plural
# forms (not used here), other escapes, control characters, malformed lines.

function err(file, line, msg) {
	printf "%s:%d: error: %s\n", file, line, msg > "/dev/stderr"
	failed = 1
}

# Decodes the quoted PO string that makes up all of s (after the keyword).
# Sets ok = 0 and reports on error.
function unquote(s, file, line,    out, i, c, n) {
	ok = 1
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	n = length(s)
	if (n < 2 || substr(s, 1, 1) != "\"" || substr(s, n, 1) != "\"") {
		err(file, line, "expected a string in double quotes")
		ok = 0
		return ""
	}
	out = ""
	for (i = 2; i < n; i++) {
		c = substr(s, i, 1)
		if (c == "\"") {
			err(file, line, "unescaped double quote inside a string")
			ok = 0
			return ""
		}
		if (c == "\\") {
			if (i + 1 >= n) {
				err(file, line, "backslash at the end of a string")
				ok = 0
				return ""
			}
			i++
			c = substr(s, i, 1)
			if (c == "n") c = "\n"
			else if (c == "t") c = "\t"
			else if (c != "\"" && c != "\\") {
				err(file, line, "unsupported escape \\" c " (use \\\" \\\\ \\n \\t)")
				ok = 0
				return ""
			}
		}
		out = out c
	}
	c = s
	gsub(/\t/, "", c)
	if (c ~ /[[:cntrl:]]/) {
		err(file, line, "control character in a string")
		ok = 0
		return ""
	}
	return out
}

# The printf conversions of s in order, e.g. "%s%zu", to compare msgid with
# msgstr: a translation must take the same arguments as the English text.
function convs(s,    out, i, n, c, spec) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		if (substr(s, i, 1) != "%")
			continue
		spec = "%"
		for (i++; i <= n; i++) {
			c = substr(s, i, 1)
			spec = spec c
			if (index("diouxXeEfFgGaAcspn%", c))
				break
		}
		out = out spec
	}
	return out
}

# Ends the entry being read, if any, and stores it.
# A "#, fuzzy" flag read before the entry's msgid stays set until then.
function flush() {
	if (state == "")
		return
	if (state == "skip") {
		# an entry already reported as malformed
	} else if (state == "id") {
		err(ent_file, ent_line, "msgid without msgstr")
	} else if (id == "") {
		# the header entry: metadata, not a message
	} else if (str == "") {
		err(ent_file, ent_line, "empty msgstr: every message needs its French text")
	} else if (fuzzy) {
		err(ent_file, ent_line, "fuzzy entry: review the translation and remove the fuzzy flag")
	} else if (id in where) {
		err(ent_file, ent_line, "duplicate msgid (first defined at " where[id] ")")
	} else if (convs(id) != convs(str)) {
		err(ent_file, ent_line, "msgstr has different printf conversions than msgid")
	} else {
		where[id] = ent_file ":" ent_line
		count++
		ids[count] = id
		strs[id] = str
	}
	state = ""
	fuzzy = 0
}

# C string literal for s. "?" is escaped so that no trigraph can form.
function cstr(s,    out, i, n, c) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\") c = "\\\\"
		else if (c == "\"") c = "\\\""
		else if (c == "\n") c = "\\n"
		else if (c == "\t") c = "\\t"
		else if (c == "?") c = "\\?"
		out = out c
	}
	return "\"" out "\""
}

BEGIN {
	failed = 0
	count = 0
	state = ""
	fuzzy = 0
	if (include == "")
		include = "../../src/base/i18nInt.h"
}

FNR == 1 && NR > 1 { flush() }

{ sub(/\r$/, "") }

/^[ \t]*$/ { flush(); next }

/^#/ {
	if (state == "str")
		flush()
	if ($0 ~ /^#,/ && $0 ~ /fuzzy/)
		fuzzy = 1
	next
}

/^msgid[ \t]/ {
	flush()
	id = unquote(substr($0, 6), FILENAME, FNR)
	if (!ok) { state = "skip"; next }
	state = "id"
	ent_file = FILENAME
	ent_line = FNR
	next
}

/^msgstr[ \t]/ {
	if (state == "skip")
		next
	if (state != "id") {
		err(FILENAME, FNR, "msgstr without a msgid before it")
		state = "skip"
		next
	}
	str = unquote(substr($0, 7), FILENAME, FNR)
	if (!ok) { state = "skip"; next }
	state = "str"
	next
}

/^[ \t]*"/ {
	if (state == "skip")
		next
	s = unquote($0, FILENAME, FNR)
	if (!ok) { state = "skip"; next }
	if (state == "id") id = id s
	else if (state == "str") str = str s
	else err(FILENAME, FNR, "string continuation outside an entry")
	next
}

/^(msgctxt|msgid_plural|msgstr\[)/ {
	err(FILENAME, FNR, "msgctxt and plural forms are not supported")
	state = "skip"
	next
}

{ err(FILENAME, FNR, "line not understood") }

END {
	flush()
	if (NR == 0 && !failed) {
		print "po2c.awk: error: no input (give the po/*.fr.po files)" > "/dev/stderr"
		exit 1
	}
	if (count == 0 && !failed) {
		print "po2c.awk: error: no messages found" > "/dev/stderr"
		exit 1
	}
	if (failed)
		exit 1

	# Shell sort of ids[1..count] in byte order (LC_ALL=C).
	for (gap = int(count / 2); gap > 0; gap = int(gap / 2)) {
		for (i = gap + 1; i <= count; i++) {
			t = ids[i]
			for (j = i; j > gap && ids[j - gap] > t; j -= gap)
				ids[j] = ids[j - gap]
			ids[j] = t
		}
	}

	print "/* Generated by tools/po2c.awk from the po/AREA.fr.po files. Do not edit. */"
	print "#include \"" include "\""
	print ""
	print "const struct i18n_entry i18n_table[] = {"
	for (i = 1; i <= count; i++)
		print "\t{ " cstr(ids[i]) ",\n\t  " cstr(strs[ids[i]]) " },"
	print "};"
	print "const size_t i18n_table_len = sizeof i18n_table / sizeof i18n_table[0];"
}
