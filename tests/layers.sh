#!/bin/sh
# Checks the includes of src/ against its stages, lowest first:
#   base < input < typeset < output < app   (src/main.c, if any, above app)
# Every src/*/*.c and src/*/*.h (and src/main.c) is read; a fault is one
# line "file:line: error: ..." and the exit status is 1. A file may include
#   - a header of its own folder, by its bare name ("typeset.h", "layout_int.h");
#   - the interface header of a folder of its own stage or a lower one, by
#     its folder and name ("base/base.h"); the other headers of a folder are
#     private to it;
# and a quoted include must name a file that exists (looked up as the
# compiler does: beside the file, then in src/).
#
# usage: tests/layers.sh [DIR]    DIR holds src/ (default: the current one)
cd "${1:-.}" || exit 2
STAGES="base input typeset output app"

files=
for f in src/*/*.c src/*/*.h src/main.c; do
	[ -f "$f" ] && files="$files $f"
done
[ -n "$files" ] || { echo "layers: no src/*/*.[ch] under $(pwd)"; exit 2; }

# shellcheck disable=SC2086 # the file names have no blanks
awk -v stages="$STAGES" '
BEGIN {
	nstages = split(stages, s, " ")
	for (i = 1; i <= nstages; i++)
		stage[s[i]] = i
	stage["main"] = nstages + 1
	while (("find src -type f" | getline p) > 0)
		exists[p] = 1
	close("find src -type f")
	faults = 0
}

# A path outside src/ is looked up on the disk.
function found(path) {
	return (path in exists) || (path !~ /^src\// && system("test -f \"" path "\"") == 0)
}

function fault(msg) {
	printf "%s:%d: error: %s\n", FILENAME, FNR, msg
	faults++
}

# "a/./b/../c" -> "a/c"; a path that climbs above its start keeps its "..".
function normal(path,    n, part, out, k, i) {
	n = split(path, part, "/")
	k = 0
	for (i = 1; i <= n; i++) {
		if (part[i] == "." || part[i] == "")
			continue
		if (part[i] == ".." && k > 0 && out[k] != "..")
			k--
		else
			out[++k] = part[i]
	}
	path = ""
	for (i = 1; i <= k; i++)
		path = path (i > 1 ? "/" : "") out[i]
	return path
}

FNR == 1 {
	dir = FILENAME
	sub(/\/[^\/]*$/, "", dir)
	if (FILENAME == "src/main.c") {
		folder = "main"
	} else {
		folder = dir
		sub(/^src\//, "", folder)
		if (!(folder in stage))
			fault("src/" folder " is not a stage (" stages ")")
	}
}

/^[ \t]*#[ \t]*include[ \t]*["<]/ {
	line = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
	quoted = substr(line, 1, 1) == "\""
	if (quoted ? !match(line, /^"[^"]*"/) : !match(line, /^<[^>]*>/))
		next
	name = substr(line, 2, RLENGTH - 2)
	shown = quoted ? "\"" name "\"" : "<" name ">"
	target = ""
	if (quoted && found(normal(dir "/" name)))
		target = normal(dir "/" name)
	else if (normal("src/" name) in exists)
		target = normal("src/" name)
	else if (quoted && name !~ /\//)	# a header of another folder, named bare
		for (i = 1; i <= nstages && target == ""; i++)
			if (("src/" s[i] "/" name) in exists)
				target = "src/" s[i] "/" name
	if (target == "") {
		if (quoted)
			fault(folder " includes " shown ", which does not exist")
		next			# a system header
	}
	if (!quoted)
		fault(folder " includes " shown ": a header of src/ is included in quotes")
	if (target !~ /^src\/[^\/]+\/[^\/]+$/) {
		fault(folder " includes " shown " (" target "), which is not in a stage folder")
		next
	}
	split(target, part, "/")
	to = part[2]
	header = part[3]
	if (!(to in stage)) {
		fault(folder " includes " shown " (" target "), which is not in a stage folder")
		next
	}
	if (to == folder) {
		if (name != header)
			fault(folder " includes its own " header " as " shown " (write \"" header "\")")
		next
	}
	if (name != to "/" header) {
		if (name !~ /\//)
			fault(folder " includes " shown " without its folder (write \"" to "/" header "\")")
		else
			fault(folder " includes " to "/" header " as " shown " (write \"" to "/" header "\")")
	}
	if (header != to ".h")
		fault(folder " includes " to "/" header " (private to " to "; include " to "/" to ".h)")
	if (stage[to] > stage[folder])
		fault(folder " includes " to "/" header " (a higher stage)")
}

END {
	if (faults)
		exit 1
	printf "layers: %d stages, %d files, no wrong include\n", nstages, nfiles
}
' nfiles="$(echo $files | wc -w)" $files
