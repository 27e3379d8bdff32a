# Pathological inputs: huge, deep, self-referential and degenerate documents.
# Each must be rendered (or refused) with status 0 or 1, never a crash, and
# with no sanitizer report. A run is cut off after 10 s (60 under the
# sanitizers) so that a runaway fails instead of blocking; how long each
# case takes is measured in bench/hostile.sh, not here.
. tests/lib.sh
OK=tests/bad/ok.yaml
CUT=10
case "$VANBAN" in *asan*) CUT=60 ;; esac

# The fields of ok.yaml without some of its keys (each key with the
# indented lines under it): fields KEY... > file
fields() {
	awk -v drop=" $* " '
		/^[^ ]/ { k = $1; sub(/:.*/, "", k); skip = index(drop, " " k " ") > 0 }
		!skip' $OK
}
# A front-matter document: the fields of ok.yaml, then the body on stdin.
md_doc() {
	echo ---
	fields body
	echo ---
	cat
}

# run NAME FILE: renders FILE to a PDF and checks time, status and stderr.
run() {
	local name=$1 file=$2 t0 rc ms why=()
	t0=$(date +%s%N)
	timeout $CUT "$VANBAN" render "$file" -o "$TMP/out.pdf" > /dev/null 2> "$TMP/err"
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	if [ $rc -eq 124 ]; then
		why+=("no result after $CUT s (killed)")
	elif [ $rc -ge 128 ]; then
		why+=("killed by signal $((rc - 128)) (status $rc)")
	elif [ $rc -gt 1 ]; then
		why+=("status $rc (expected 0 or 1)")
	fi
	grep -q 'Sanitizer\|runtime error:' "$TMP/err" &&
		why+=("sanitizer report: $(grep -m1 'Sanitizer\|runtime error:' "$TMP/err")")
	if [ ${#why[@]} -eq 0 ]; then
		ok "$name ($ms ms, status $rc)"
	else
		fail "$name ($ms ms)" "${why[@]}" "stderr: $(head -1 "$TMP/err" | cut -c1-200)"
	fi
	rm -f "$TMP/out.pdf" "$TMP/err"
}

# Lists nested 10,000 deep: "- - - ... x" opens a list in each item.
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "Mục cuối." }' | md_doc > "$TMP/nested.md"
run "10,000 nested list items (markers on one line)" "$TMP/nested.md"
# 1,000 levels the usual way, each item indented under the one before
# (the indentation grows with the depth: 1 MB).
awk 'BEGIN { s = ""; for (i = 1; i <= 1000; i++) { print s "- Mục " i; s = s "  " } }' |
	md_doc > "$TMP/indented.md"
run "1,000 nested list items (indented)" "$TMP/indented.md"

awk 'BEGIN { for (i = 1; i <= 10000; i++) print "- Mục " i "." }' | md_doc > "$TMP/flat.md"
run "10,000 items in one list" "$TMP/flat.md"

awk 'BEGIN { s = "a"; while (length(s) < 1048576) s = s s; print "Từ " s " cuối." }' |
	md_doc > "$TMP/word.md"
run "a 1 MB word in a paragraph" "$TMP/word.md"
# An address of 384 KB with a place to break every three bytes.
awk 'BEGIN { s = "ab/"; while (length(s) < 262144) s = s s; print "Xem " s " cuối." }' |
	md_doc > "$TMP/address.md"
run "a 384 KB web address (131,000 places to break)" "$TMP/address.md"

awk 'BEGIN { for (r = 0; r < 3; r++) { s = "|"
	for (i = 1; i <= 300; i++) s = s (r == 1 ? " --- |" : " c" i " |"); print s } }' |
	md_doc > "$TMP/wide.md"
run "a table of 300 columns" "$TMP/wide.md"

{
	printf '| Nội dung | Ghi chú |\n|---|---|\n| '
	awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "từ%d ", i }'
	printf '| x |\n| a | b |\n'
} | md_doc > "$TMP/tall.md"
run "a table cell of 5,000 words (taller than a page)" "$TMP/tall.md"

{
	fields recipients archive
	echo recipients:
	awk 'BEGIN { for (i = 1; i <= 100000; i++) print "  - Đơn vị số " i }'
	echo "archive: VT"
} > "$TMP/recipients.yaml"
run "100,000 recipients" "$TMP/recipients.yaml"

{
	fields
	printf 'data: '
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "["; for (i = 0; i < 10000; i++) printf "]"; print "" }'
} > "$TMP/deep.yaml"
run "YAML nested 10,000 deep" "$TMP/deep.yaml"

# Billion laughs: ten levels of ten each, 10^10 values if aliases were copied.
{
	fields
	echo data:
	echo '  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'
	prev=a
	for k in b c d e f g h i j; do
		printf '  %s: &%s [' $k $k
		for n in 1 2 3 4 5 6 7 8 9; do printf '*%s, ' $prev; done
		printf '*%s]\n' $prev
		prev=$k
	done
	echo '  all: *j'
} > "$TMP/laughs.yaml"
run "YAML alias expansion (billion laughs)" "$TMP/laughs.yaml"

# A body template that includes itself.
printf 'Mở đầu.\n\n{{> self}}\n' > "$TMP/self.md"
{ fields; echo "template: self.md"; } > "$TMP/self-include.yaml"
run "a template that includes itself" "$TMP/self-include.yaml"

: > "$TMP/empty.yaml"
run "an empty .yaml file" "$TMP/empty.yaml"
: > "$TMP/empty.md"
run "an empty .md file" "$TMP/empty.md"
printf -- '---\ntype: thong-bao\n---\n' > "$TMP/front.md"
run "only front matter" "$TMP/front.md"

{ head -c 200 $OK; printf '\0\0'; tail -c +201 $OK; } > "$TMP/nul.yaml"
run "NUL bytes in the middle" "$TMP/nul.yaml"

awk 'BEGIN { for (i = 1; i <= 10000; i++) print "Đoạn " i ".\n" }' | md_doc > "$TMP/paragraphs.md"
run "10,000 short paragraphs (20,000 lines)" "$TMP/paragraphs.md"
# 20,000 unknown keys in one flow mapping on one line (200 KB): each
# error quotes the line, and duplicate keys are looked up by hash.
{ fields issuer; awk 'BEGIN { printf "issuer: {name: A, code: B"
	for (i = 0; i < 20000; i++) printf ", k%d: 1", i; print "}" }'; } > "$TMP/wide-map.yaml"
run "20,000 unknown keys on one line" "$TMP/wide-map.yaml"
# 50,000 keys in a block mapping, the last 10,000 repeated.
{ fields; echo "data:"; awk 'BEGIN { for (i = 0; i < 50000; i++) print "  k" i % 40000 ": 1" }'; } > "$TMP/many-keys.yaml"
run "50,000 keys in one mapping, 10,000 of them repeated" "$TMP/many-keys.yaml"
# Inputs of many of one thing, each linear in time: a run must end within
# 10 s (the real times are in bench/README.md).
# limited NAME FILE STATUS [MESSAGE]: `check`s FILE, expecting the status
# and, for a refused input, exactly the message as its first line; no
# output file is written by a refused render.
limited() {
	local name=$1 file=$2 want=$3 msg=$4 rc
	rm -f "$TMP/out.pdf"
	timeout $CUT "$VANBAN" render "$file" -o "$TMP/out.pdf" > /dev/null 2> "$TMP/err"
	rc=$?
	if [ $rc -ne "$want" ]; then
		fail "$name" "status $rc (expected $want)" "stderr: $(head -1 "$TMP/err" | cut -c1-200)"
	elif [ -n "$msg" ] && [ "$(head -1 "$TMP/err")" != "$msg" ]; then
		fail "$name" "expected: $msg" "got: $(head -1 "$TMP/err" | cut -c1-200)"
	elif [ $rc -ne 0 ] && [ -e "$TMP/out.pdf" ]; then
		fail "$name" "an output file was written"
	else
		ok "$name (status $rc)"
	fi
	rm -f "$TMP/out.pdf" "$TMP/err"
}
py() { /usr/bin/python3 -c "$1"; }

py 'print(" ".join("[l%d](http://x.vn/%d)" % (i, i) for i in range(100000)))' |
	md_doc > "$TMP/links.md"
limited "100,000 links in one paragraph" "$TMP/links.md" 0
py '
for i in range(100000): print("[r%d]: http://x.vn/%d" % (i, i))
print(); print(" ".join("[t%d][r%d]" % (i, i) for i in range(100000)))' |
	md_doc > "$TMP/refs.md"
limited "100,000 reference definitions, each used" "$TMP/refs.md" 0
py 'print(" ".join("`" * (i + 1) for i in range(3000)))' | md_doc > "$TMP/ticks.md"
limited "3,000 unmatched backtick runs" "$TMP/ticks.md" 0
py 'print("| a | b |\n|---|---|\n| " + "<br>".join("dòng %d" % i for i in range(20000)) + " | x |")' |
	md_doc > "$TMP/cell-lines.md"
limited "a table cell of 20,000 lines" "$TMP/cell-lines.md" 0
py '
print("|" + " a |" * 1000); print("|" + "---|" * 1000)
for r in range(100): print("|" + " x |" * 1000)' | md_doc > "$TMP/cells.md"
limited "a table of 101,000 cells" "$TMP/cells.md" 1 \
	"$TMP/cells.md:20:1: error: this table has 101000 cells, at most 20000"

{ fields; printf 'data: ["x", '; py 'print("[" * 100000 + "]" * 100001)'; } > "$TMP/deep-q.yaml"
limited "YAML nested 100,000 deep after a quoted scalar" "$TMP/deep-q.yaml" 1 \
	"$TMP/deep-q.yaml:20:76: error: data nested more than 64 levels deep"

sed "s/^subject: .*/subject: $(py 'print("Kết luận " * 300)')/" $OK > "$TMP/subject.yaml"
limited "a subject of 2,700 characters" "$TMP/subject.yaml" 1 \
	"$TMP/subject.yaml:9:10: error: 'subject' is too long: 2699 characters, at most 2000"

# Certificate lists: the sample's batch with its list replaced.
cert() { sed "s#giay-khen/danh-sach.csv#$1#" samples/giay-khen-2020.yaml > "$TMP/$2"; }
py 'print("Họ và tên," + ",".join("c%d" % i for i in range(100000)))
print("A," + ",".join("x" for i in range(100000)))' > "$TMP/cols.csv"
cert cols.csv cols.yaml
limited "a list of 100,000 columns" "$TMP/cols.yaml" 1 \
	"$TMP/cols.csv:1:896: error: the header has 100001 columns, at most 200"
py 'print("Họ và tên,Đơn vị"); print("A" * 50000000 + ",x")' > "$TMP/long.csv"
cert long.csv long.yaml
limited "a name of 50 MB in a list" "$TMP/long.yaml" 1 \
	"$TMP/long.csv:2:1: error: this field is too long: 50000000 bytes, at most 10240 (10 KB)"
py 'print("STT,Họ và tên,Đơn vị,Thành tích,Số sổ")
for i in range(1000000): print("%d,Nguyễn Văn %d,Đơn vị %d,,%d/GK" % (i, i, i % 100, i))' > "$TMP/rows.csv"
cert rows.csv rows.yaml
limited "a list of 1,000,000 rows" "$TMP/rows.yaml" 1 \
	"$TMP/rows.csv:100002:1: error: the list has more than 100000 rows; split it into several files"
head -c 70000000 /dev/zero | tr '\0' 'x' > "$TMP/huge.csv"
cert huge.csv huge.yaml
limited "a list of 70 MB" "$TMP/huge.yaml" 1 \
	"$TMP/huge.yaml:$(grep -n awardees_file "$TMP/huge.yaml" | cut -d: -f1):16: error: '$TMP/huge.csv' is larger than 64 MB, the most an input file may be"
rm -f "$TMP"/*.csv
done_tests
