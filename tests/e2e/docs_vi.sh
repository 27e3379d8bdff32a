# The Vietnamese guide (docs/vi/) shows what the program really does:
# every complete example under docs/vi/examples/ renders with exit 0 and no
# message, every example of an error is refused with exit 1 and writes
# nothing, every file the guide links to exists, and every ```console block
# of the guide (indented in a list or not), run in a fresh copy of docs/vi/examples/, prints exactly
# what the guide shows. A block's "$ " lines are commands (as a user types
# them, `vanban ...`); the lines under one are what it prints, standard
# output and standard error together. A command that ends with the
# comment "# mã thoát N" must exit N; otherwise one whose shown output has
# "lỗi:" (or "error:") must exit 1, and any other 0.
# The blocks run under LANG=vi_VN.UTF-8, as the guide tells its reader to
# set (no vi_VN locale is installed here, and none is needed), so they show
# the messages in Vietnamese; a command written "LANG=C vanban ..." shows
# them in English.
. tests/lib.sh
EX=docs/vi/examples
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=vi_VN.UTF-8
unset VANBAN_REGISTER
vanban() { "$VANBAN" "$@"; }

# ---- Complete examples: each renders, quietly, to a PDF with text --------
n=0
for f in $EX/*.yaml $EX/*.md; do
	name=$(basename "$f")
	n=$((n + 1))
	"$VANBAN" render "$f" -o "$TMP/$name.pdf" 2> "$TMP/err"; rc=$?
	check "example $name renders" test $rc -eq 0 -a ! -s "$TMP/err"
	pdftotext "$TMP/$name.pdf" - 2>/dev/null | grep -q -e "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" -e "ĐẢNG CỘNG SẢN VIỆT NAM"
	check "example $name: the national title extracts" test $? -eq 0
	check "example $name is shown in the guide" grep -q -F "examples/$name" docs/vi/*.md
done
check "there are complete examples" test $n -ge 6

# ---- Examples of errors: refused, nothing written -------------------------
# Run from a copy outside vanban's data (the source tree is the data
# directory here): a file outside the document's folder is refused there.
cp -r "$EX" "$TMP/examples"
n=0
for f in "$TMP"/examples/loi/*.yaml "$TMP"/examples/loi/*.md; do
	[ -e "$f" ] || continue
	name=$(basename "$f")
	case $name in canh-bao-*) continue ;; esac
	n=$((n + 1))
	rm -f "$TMP/bad.pdf"
	"$VANBAN" render "$f" -o "$TMP/bad.pdf" 2> "$TMP/err"; rc=$?
	check "error example $name is refused (exit 1)" test $rc -eq 1 -a -s "$TMP/err" -a ! -e "$TMP/bad.pdf"
	check "error example $name is shown in the guide" grep -q -F "loi/$name" docs/vi/loi-thuong-gap.md
done
check "there are examples of errors" test $n -ge 10
# Examples of warnings: made, with a warning.
for f in "$TMP"/examples/loi/canh-bao-*.yaml; do
	name=$(basename "$f")
	"$VANBAN" render "$f" -o "$TMP/warn.pdf" 2> "$TMP/err"; rc=$?
	check "warning example $name renders (exit 0)" test $rc -eq 0 -a -s "$TMP/warn.pdf"
	check "warning example $name warns" grep -q ': cảnh báo: ' "$TMP/err"
	check "warning example $name is shown in the guide" grep -q -F "loi/$name" docs/vi/loi-thuong-gap.md
done

# ---- Links of the guide (outside code blocks) lead to files that exist ---
for d in docs/vi/*.md; do
	awk '/^ *```/ { fenced = !fenced; next } !fenced' "$d" |
	grep -o '](\([^)#]*\))' | sed 's/^](//; s/)$//' | grep -v '://' | sort -u |
	while read -r link; do
		test -e "$(dirname "$d")/$link" || echo "$d: $link"
	done
done > "$TMP/dead"
check "every link of docs/vi leads to a file" test ! -s "$TMP/dead"
test -s "$TMP/dead" && cat "$TMP/dead"

# ---- The console blocks: commands and their output, exactly ---------------
# Splits the blocks of one page into cmd.N (the command) and exp.N (what it
# prints), numbered in the order of the page.
split_blocks() {
	awk -v dir="$2" '
		/^ *```console$/ { inblock = 1; indent = index($0, "`") - 1; next }
		/^ *```/ && inblock { inblock = 0; next }
		!inblock { next }
		{ $0 = substr($0, indent + 1) }
		/^\$ / { n++; print substr($0, 3) > (dir "/cmd." n); printf "" > (dir "/exp." n); next }
		n { print > (dir "/exp." n) }
		END { print n + 0 > (dir "/count") }
	' "$1"
}
total=0
for d in docs/vi/*.md; do
	page=$(basename "$d" .md)
	blocks=$TMP/blocks-$page
	mkdir -p "$blocks"
	split_blocks "$d" "$blocks"
	count=$(cat "$blocks/count")
	total=$((total + count))
	test "$count" -gt 0 || continue
	work=$TMP/work-$page
	cp -r "$EX" "$work"
	i=1
	while [ $i -le "$count" ]; do
		cmd=$(cat "$blocks/cmd.$i")
		(cd "$work" && eval "$cmd") > "$blocks/out.$i" 2>&1; rc=$?
		if cmp -s "$blocks/exp.$i" "$blocks/out.$i"; then
			ok "$page: \$ $cmd"
		else
			fail "$page: \$ $cmd" "$(diff "$blocks/exp.$i" "$blocks/out.$i" | head -20)"
		fi
		want=$(printf '%s\n' "$cmd" | sed -n 's/.*# mã thoát \([0-9]*\)$/\1/p')
		if [ -z "$want" ]; then
			want=0
			grep -q -e 'lỗi:' -e 'error:' "$blocks/exp.$i" && want=1
		fi
		check "$page: \$ $cmd: exits $want" test $rc -eq "$want"
		i=$((i + 1))
	done
done
check "the guide shows commands with their output" test $total -ge 20
done_tests
