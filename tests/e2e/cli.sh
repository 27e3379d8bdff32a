# The command line: help, version, usage errors, outputs.
. tests/lib.sh
OK=tests/bad/ok.yaml

"$VANBAN" --help > "$TMP/out"; rc=$?
check "--help exits 0" test $rc -eq 0
check "--help shows the commands" grep -q '^  render FILE' "$TMP/out"
for cmd in render check info register help; do
	check "--help lists $cmd" grep -q "^  $cmd " "$TMP/out"
done
for cmd in render check info register; do
	for h in --help -h; do
		"$VANBAN" $cmd $h > "$TMP/h.out" 2> "$TMP/h.err"; rc=$?
		check "$cmd $h: exit 0, help on stdout, nothing on stderr" \
			test $rc -eq 0 -a -s "$TMP/h.out" -a ! -s "$TMP/h.err"
	done
done
"$VANBAN" info --help > "$TMP/h.out"
check "info --help is info's help" test "$(head -1 "$TMP/h.out")" = "usage: vanban info [--json] FILE.pdf"
"$VANBAN" info --json -h > "$TMP/h.out"; rc=$?
check "info --json -h: the help too" test $rc -eq 0 -a "$(head -1 "$TMP/h.out")" = "usage: vanban info [--json] FILE.pdf"
"$VANBAN" help info > "$TMP/h2.out"; rc=$?
check "help info: the same" test $rc -eq 0 && cmp -s "$TMP/h.out" "$TMP/h2.out"
"$VANBAN" register book --help > "$TMP/h.out"; rc=$?
check "register book --help: register's help" test $rc -eq 0 && grep -q '^  book     the register book' "$TMP/h.out"
"$VANBAN" help register > "$TMP/h2.out"
check "help register: the same" cmp -s "$TMP/h.out" "$TMP/h2.out"
"$VANBAN" help frobnicate 2> "$TMP/err"; rc=$?
check "help of an unknown command: usage error" test $rc -eq 2 && grep -q "^vanban: help: unknown command 'frobnicate'$" "$TMP/err"
"$VANBAN" info 2> "$TMP/err"; rc=$?
check "info without a file is still a usage error" test $rc -eq 2
check "--version" test "$("$VANBAN" --version)" = "vanban 0.1.0"

"$VANBAN" 2> "$TMP/err"; rc=$?
check "no arguments is a usage error" test $rc -eq 2
"$VANBAN" frobnicate x 2> "$TMP/err"; rc=$?
check "unknown command is a usage error" test $rc -eq 2
check "unknown command is named" grep -q "unknown command 'frobnicate'" "$TMP/err"
"$VANBAN" render --bogus $OK 2> "$TMP/err"; rc=$?
check "unknown option is a usage error" test $rc -eq 2
"$VANBAN" render 2> "$TMP/err"; rc=$?
check "render without a file is a usage error" test $rc -eq 2
"$VANBAN" render $OK -f svgz 2> "$TMP/err"; rc=$?
check "unknown format is a usage error" test $rc -eq 2
grep -qx "vanban: --format takes pdf, docx, dump or svg" "$TMP/err"; check "unknown format: the message names the four" test $? -eq 0

# A PDF is never written to a terminal: refused, nothing read or written.
# on_tty CMD...: runs CMD with its standard output a terminal (a pty),
# standard input from $TTY_IN, standard error to $TMP/tty.err; prints what
# reached the terminal, exits with CMD's status.
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
on_tty() {
	$PY -c '
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.dup2(os.open(os.environ["TTY_IN"], os.O_RDONLY), 0)
    os.dup2(os.open(os.environ["TTY_ERR"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        d = os.read(fd, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
sys.stdout.buffer.write(out)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))' "$@"
}
export TTY_IN=$OK TTY_ERR=$TMP/tty.err
TTY_MSG="vanban: the PDF would be written to the terminal; name a file with -o FILE, or redirect the output: > file.pdf"
on_tty "$VANBAN" render - > "$TMP/tty.out"; rc=$?
check "render - to a terminal: exit 2" test $rc -eq 2
check "... nothing reaches the terminal" test ! -s "$TMP/tty.out"
check "... the hint" test "$(head -1 "$TMP/tty.err")" = "$TTY_MSG"
on_tty "$VANBAN" render $OK -o - > "$TMP/tty.out"; rc=$?
check "render -o - to a terminal: exit 2, nothing written" test $rc -eq 2 -a ! -s "$TMP/tty.out"
check "... the hint" test "$(head -1 "$TMP/tty.err")" = "$TTY_MSG"
on_tty "$VANBAN" register book --year 2020 -o - --register "$TMP/none.db" > "$TMP/tty.out"; rc=$?
check "register book -o - to a terminal: exit 2, nothing written" test $rc -eq 2 -a ! -s "$TMP/tty.out"
check "... the hint" test "$(cat "$TMP/tty.err")" = "$TTY_MSG"
on_tty "$VANBAN" render -f dump $OK -o - > "$TMP/tty.out"; rc=$?
check "the dump (text) may go to a terminal" test $rc -eq 0 && grep -q "^page 1" "$TMP/tty.out"
on_tty "$VANBAN" render - -o "$TMP/tty.pdf" > "$TMP/tty.out"; rc=$?
check "render - -o FILE with a terminal: written" test $rc -eq 0 -a -s "$TMP/tty.pdf" -a ! -s "$TMP/tty.out"
"$VANBAN" render - < $OK > "$TMP/piped.pdf"; rc=$?
check "render - into a file: written" test $rc -eq 0 && cmp -s "$TMP/piped.pdf" "$TMP/tty.pdf"
rm -f "$TMP/tty.out" "$TMP/tty.err" "$TMP/tty.pdf" "$TMP/piped.pdf" "$TMP/h.out" "$TMP/h2.out" "$TMP/h.err"

# An output path that cannot be written: status 3, a clear message.
"$VANBAN" render $OK -o "$TMP/no/such/dir/x.pdf" 2> "$TMP/err"; rc=$?
check "unwritable output gives status 3" test $rc -eq 3
check "unwritable output message" test "$(cat "$TMP/err")" = \
	"vanban: error: cannot write '$TMP/no/such/dir/x.pdf': No such file or directory"
check "no temporary file is left behind" test -z "$(ls "$TMP" | grep -v '^err$\|^out$')"

# Default output: the input path with .pdf; an existing file is replaced whole.
cp $OK "$TMP/tb.yaml"
"$VANBAN" render "$TMP/tb.yaml"; rc=$?
check "default output name" test $rc -eq 0 -a -s "$TMP/tb.pdf"
check "output is a PDF" test "$(head -c 5 "$TMP/tb.pdf")" = "%PDF-"
check "output is readable by others (not mkstemp's 0600)" test -r "$TMP/tb.pdf" -a "$(stat -c %a "$TMP/tb.pdf")" != 600

# Standard input and output.
"$VANBAN" render - -o - < $OK > "$TMP/stdout.pdf"; rc=$?
check "stdin to stdout" test $rc -eq 0
check "stdin to stdout gives the same bytes" cmp -s "$TMP/stdout.pdf" "$TMP/tb.pdf"

# check writes nothing.
cp $OK "$TMP/c.yaml"
"$VANBAN" check "$TMP/c.yaml"; rc=$?
check "check succeeds on a good file" test $rc -eq 0
check "check writes nothing" test ! -e "$TMP/c.pdf"

# Several inputs into a directory.
mkdir -p "$TMP/outdir"
cp $OK "$TMP/a.yaml"; cp $OK "$TMP/b.yaml"
"$VANBAN" render "$TMP/a.yaml" "$TMP/b.yaml" -o "$TMP/outdir"; rc=$?
check "several inputs into a directory" test $rc -eq 0 -a -s "$TMP/outdir/a.pdf" -a -s "$TMP/outdir/b.pdf"
"$VANBAN" render "$TMP/a.yaml" "$TMP/b.yaml" -o "$TMP/x.pdf" 2>/dev/null; rc=$?
check "several inputs need a directory" test $rc -eq 2 -a ! -e "$TMP/x.pdf"
"$VANBAN" render "$TMP/a.yaml" "$TMP/b.yaml" -o "$TMP/made/"; rc=$?
check "-o DIR/ makes the directory" test $rc -eq 0 -a -s "$TMP/made/a.pdf" -a -s "$TMP/made/b.pdf"
"$VANBAN" render "$TMP/a.yaml" -o "$TMP/made1/"; rc=$?
check "-o DIR/ with one input writes into it" test $rc -eq 0 -a -s "$TMP/made1/a.pdf"
"$VANBAN" render "$TMP/a.yaml" -o "$TMP/no/such/"; rc=$?
check "-o DIR/ makes the directories above it" test $rc -eq 0 -a -s "$TMP/no/such/a.pdf"
"$VANBAN" render "$TMP/a.yaml" -o "$TMP/a.yaml/sub/" 2> "$TMP/err"; rc=$?
check "-o DIR/ that cannot be made" test $rc -eq 2 -a "$(head -1 "$TMP/err")" = \
	"vanban: -o: cannot make the directory '$TMP/a.yaml/sub/': Not a directory"

# One bad file among good ones: the good ones are written, status 1.
cp tests/bad/unknown-key.yaml "$TMP/bad.yaml"
rm -f "$TMP/outdir/"*
"$VANBAN" render "$TMP/a.yaml" "$TMP/bad.yaml" -o "$TMP/outdir" 2>/dev/null; rc=$?
check "a bad file among good ones gives status 1" test $rc -eq 1
check "the good file is still written" test -s "$TMP/outdir/a.pdf" -a ! -e "$TMP/outdir/bad.pdf"

# --set overrides a field, and its errors point into the setting.
"$VANBAN" render $OK --set number=7 --set "place=Thừa Thiên Huế" -o "$TMP/set.pdf"; rc=$?
check "--set renders" test $rc -eq 0
pdftotext "$TMP/set.pdf" "$TMP/set.txt"
check "--set changes the number" grep -q "^Số: 07/TB-LĐLĐ$" "$TMP/set.txt"
check "--set changes the place" grep -q "^Thừa Thiên Huế, ngày 07 tháng 9 năm 2020$" "$TMP/set.txt"
"$VANBAN" check $OK --set date=2021-02-30 2> "$TMP/err"; rc=$?
check "--set with a bad value is an input error" test $rc -eq 1
check "--set error message" test "$(head -1 "$TMP/err")" = \
	"--set:1:6: error: 'date' 2021-02-30 does not exist (February 2021 has 28 days)"
"$VANBAN" check $OK --set novalue 2> "$TMP/err"; rc=$?
check "--set without = is a usage error" test $rc -eq 2

# A web address longer than the line breaks after a slash or before a
# dot or hyphen, with no space added and no warning.
body_doc() { echo ---; sed '/^body:/,/^[^ ]/{/^body:/d;/^ /d}' $OK; echo ---; echo "$1"; }
body_doc "Xem tại https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh-30-2020-ND-CP-433033.aspx để biết." > "$TMP/url.md"
"$VANBAN" render "$TMP/url.md" -o "$TMP/url.pdf" 2> "$TMP/err"; rc=$?
check "a long address renders without a warning" test $rc -eq 0 -a ! -s "$TMP/err"
pdftotext "$TMP/url.pdf" - | grep -A1 '^Xem' > "$TMP/url.txt"
check "... broken before a hyphen" test "$(cat "$TMP/url.txt")" = "Xem tại https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Nghi-dinh
-30-2020-ND-CP-433033.aspx để biết./."
# A word with no such place: rendered, with a warning naming it.
body_doc "Xem tại $(printf 'x%.0s' $(seq 120)) để biết." > "$TMP/long.md"
"$VANBAN" render "$TMP/long.md" -o "$TMP/long.pdf" 2> "$TMP/err"; rc=$?
check "an over-long word renders" test $rc -eq 0 -a -s "$TMP/long.pdf"
check "... with a warning" test "$(cat "$TMP/err")" = \
	"vanban: warning: 1 line is wider than the text: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' does not fit in a line (372 pt too wide); a space in it lets it break"

# A wrapped line that starts with a year is text, not an item numbered 2020;
# a number that follows a finished clause is still an item.
body_text() { body_doc "$(printf "$1")" > "$TMP/li.md"; "$VANBAN" render "$TMP/li.md" -o "$TMP/li.pdf" &&
	pdftotext "$TMP/li.pdf" - | sed -n '/^THÔNG BÁO$/,/^Nơi nhận:$/p' | sed '1,2d;$d'; }
check "a line starting '2020.' continues the item before" test "$(body_text \
	'1. Một việc tháng 11 năm\n2020. Tiếp *tục* câu.\n2. Việc hai.')" = \
	"1. Một việc tháng 11 năm 2020. Tiếp tục câu.
2. Việc hai./."
check "a line that is only '11.' continues the item before" test "$(body_text \
	'1. Việc một hết tháng\n11.\n\n2. Việc hai.')" = \
	"1. Việc một hết tháng 11.
2. Việc hai./."
check "'1.' on every item is a list numbered 1, 2, 3" test "$(body_text \
	'1. Mục tiêu\n1. Yêu cầu\n1. Tổ chức thực hiện')" = \
	"1. Mục tiêu
2. Yêu cầu
3. Tổ chức thực hiện./."
check "a number skipped is still an item" test "$(body_text \
	'1. Mục tiêu\n2. Yêu cầu\n4. Tổ chức thực hiện')" = \
	"1. Mục tiêu
2. Yêu cầu
3. Tổ chức thực hiện./."
check "two wrapped years in one item" test "$(body_text \
	'1. Theo Quyết định ngày 06 tháng 11 năm\n2020. của UBND và Nghị định số 30 năm\n2020. về văn thư;\n2. Mục hai.')" = \
	"1. Theo Quyết định ngày 06 tháng 11 năm 2020. của UBND và Nghị định số 30
năm 2020. về văn thư;
2. Mục hai./."
check "a wrapped line starting with the dash of 'chính trị - xã hội' stays text" test "$(body_text \
	'Phối hợp với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị\n- xã hội tỉnh tổ chức tốt các hoạt động.')" = \
	"Phối hợp với Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh tổ
chức tốt các hoạt động./."
check "a list under a line ending ':' stays a list" test "$(body_text \
	'Nội dung như sau:\n- Một là tăng cường.')" = \
	"Nội dung như sau:
- Một là tăng cường./."
check "after a clause that ends, the next number is an item" test "$(body_text \
	'1. Việc một;\n2. Việc hai;\n5. Việc ba.')" = \
	"1. Việc một;
2. Việc hai;
3. Việc ba./."
# A table whose columns need more than the text width: set smaller, down
# to 8 pt; beyond that rendered with a warning. 30 columns of "c1".."c30"
# are set at 8 pt with narrower paddings; 90 do not fit at all.
cols() { awk -v n="$1" 'BEGIN { for (r = 0; r < 3; r++) { s = "|"
	for (i = 1; i <= n; i++) s = s (r == 1 ? " --- |" : " c" i " |"); print s } }'; }
body_doc "$(cols 30)" > "$TMP/cols30.md"
"$VANBAN" render "$TMP/cols30.md" -o "$TMP/cols.pdf" 2> "$TMP/err"; rc=$?
check "a table of 30 columns fits, without a warning" test $rc -eq 0 -a ! -s "$TMP/err"
pdftotext -bbox "$TMP/cols.pdf" - | awk -F'"' '/<word/ && $6 > 552.77' > "$TMP/right"
check "... nothing right of the right margin" test ! -s "$TMP/right"
body_doc "$(cols 90)" > "$TMP/cols90.md"
"$VANBAN" render "$TMP/cols90.md" -o "$TMP/cols.pdf" 2> "$TMP/err"; rc=$?
check "a table of 90 columns renders" test $rc -eq 0 -a -s "$TMP/cols.pdf"
check "... with a warning" test "$(cat "$TMP/err")" = \
	"vanban: warning: a table of 90 columns is wider than the text even at 8 pt: its columns need at least 1183 pt, the text is 468 pt wide, so some cells overflow; fewer columns or shorter words let it fit"

# Parallel processes and shards.
mkdir -p "$TMP/par" "$TMP/seq" "$TMP/sh1" "$TMP/sh2"
"$VANBAN" render samples/thong-bao-ket-luan.yaml samples/ket-luan-giao-ban.md samples/cong-van.yaml -j 2 -o "$TMP/par"; rc=$?
check "-j 2 renders every input" test $rc -eq 0 -a "$(ls "$TMP/par" | wc -l)" -eq 3
"$VANBAN" render samples/thong-bao-ket-luan.yaml samples/ket-luan-giao-ban.md samples/cong-van.yaml -o "$TMP/seq"
check "-j gives the same files" diff -r "$TMP/par" "$TMP/seq"
cp tests/bad/unknown-key.yaml "$TMP/bad.yaml"
"$VANBAN" render samples/thong-bao-ket-luan.yaml "$TMP/bad.yaml" -j 2 -o "$TMP/par" 2>/dev/null; rc=$?
check "-j reports the worst status" test $rc -eq 1
"$VANBAN" render samples/thong-bao-ket-luan.yaml samples/ket-luan-giao-ban.md samples/cong-van.yaml --shard 1/2 -o "$TMP/sh1"
"$VANBAN" render samples/thong-bao-ket-luan.yaml samples/ket-luan-giao-ban.md samples/cong-van.yaml --shard 2/2 -o "$TMP/sh2"
check "--shard 1/2 takes the 1st and 3rd" test "$(ls "$TMP/sh1" | tr '\n' ' ')" = "cong-van.pdf thong-bao-ket-luan.pdf "
check "--shard 2/2 takes the 2nd" test "$(ls "$TMP/sh2" | tr '\n' ' ')" = "ket-luan-giao-ban.pdf "
"$VANBAN" render samples/giay-khen-2020.yaml --shard 3/4 -o "$TMP/shc.pdf"
check "--shard of a certificate batch" test "$(pdfinfo "$TMP/shc.pdf" | sed -n 's/^Pages: *//p')" -eq 25
"$VANBAN" render $OK --shard 3/2 2>/dev/null; rc=$?
check "a bad shard is a usage error" test $rc -eq 2

# A run killed half-way never leaves a truncated file under the output
# name: the file appears whole (by rename) or not at all.
{
	sed '/^body: |/,$d' samples/thong-bao-ket-luan.yaml
	echo "body: |"
	for i in $(seq 3000); do
		echo "  Đoạn $i: các cấp công đoàn đã chủ động triển khai nhiều hoạt động thiết thực."
		echo
	done
	sed -n '/^signature:/,$p' samples/thong-bao-ket-luan.yaml
} > "$TMP/long.yaml"
echo "the old file" > "$TMP/long.pdf"
"$VANBAN" render "$TMP/long.yaml" -o "$TMP/long.pdf" &
pid=$!
sleep 0.2
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
if [ "$(head -c 12 "$TMP/long.pdf" | tr -d "\\0")" = "the old file" ]; then
	ok "killed run left the old file as it was"
elif qpdf --check "$TMP/long.pdf" >/dev/null 2>&1; then
	ok "killed run finished first: the new file is whole"
else
	fail "killed run left a broken file under the output name"
fi

# Output to a pipe, a device or through a link: written in place, never
# replaced by an ordinary file (as root, -o /dev/null must not replace
# /dev/null).
mkfifo "$TMP/fifo"
timeout 20 cat "$TMP/fifo" > "$TMP/from-fifo" &
"$VANBAN" render $OK -o "$TMP/fifo"; rc=$?
wait
check "-o a named pipe: status 0" test $rc -eq 0
check "-o a named pipe stays a pipe" test -p "$TMP/fifo"
check "-o a named pipe: the PDF came through it" test "$(head -c 5 "$TMP/from-fifo")" = "%PDF-"
"$VANBAN" render $OK -o /dev/null; rc=$?
check "-o /dev/null: status 0" test $rc -eq 0
check "-o /dev/null stays a device" test -c /dev/null
echo "old" > "$TMP/target.pdf"
ln -s target.pdf "$TMP/link.pdf"
"$VANBAN" render $OK -o "$TMP/link.pdf"
check "-o a link: the link stays a link" test -L "$TMP/link.pdf"
check "-o a link: the file it names is replaced" test "$(head -c 5 "$TMP/target.pdf")" = "%PDF-"

# An article's title is bold whole; an article that runs on, or one
# without a full stop followed by the next article, has only "Điều N." bold.
# A last line ending ";" ends "./.", a half-typed "./" too.
{
	sed '/^body: |/,$d' $OK
	cat <<'BODY'
body: |
  Điều 1. Phạm vi điều chỉnh

  Quy chế này quy định về chế độ làm việc.

  Điều 2. Quy chế này có hiệu lực kể từ ngày ký.

  Điều 3. Các đơn vị chịu trách nhiệm thi hành

  Điều 4. Văn phòng thực hiện

  - Văn phòng bảo đảm điều kiện phục vụ;
BODY
	sed -n '/^signature:/,$p' $OK
} > "$TMP/dieu.yaml"
"$VANBAN" render -f dump "$TMP/dieu.yaml" -o "$TMP/dieu.txt"
check "article title bold whole" grep -q ' B  14.00 "Phạm "' "$TMP/dieu.txt"
check "article text stays regular" grep -q ' R  14.00 "Quy "' "$TMP/dieu.txt"
check "an article followed by the next: its text regular" grep -q ' R  14.00 "Các "' "$TMP/dieu.txt"
check "a last ';' gives way to ./." grep -q '"vụ./."' "$TMP/dieu.txt"
sed -i 's/phục vụ;$/phục vụ.\//' "$TMP/dieu.yaml"
"$VANBAN" render -f dump "$TMP/dieu.yaml" -o "$TMP/dieu.txt"
check "a half-typed ./ is completed" grep -q '"vụ./."' "$TMP/dieu.txt"

# Q. (acting head): "Q. GIÁM ĐỐC" on one line, no "for" line.
sed -e 's/^  authority: TL./  authority: Q./' -e '/^  for: /d' -e 's/^  title: .*/  title: Giám đốc/' $OK > "$TMP/q.yaml"
"$VANBAN" render -f dump "$TMP/q.yaml" -o "$TMP/q.txt"
check "Q.: one line with the title" grep -q ' B  14.00 "Q. GIÁM ĐỐC"' "$TMP/q.txt"
check "Q.: no other title line" test "$(grep -c 'GIÁM ĐỐC' "$TMP/q.txt")" -eq 1
# With a 'for' (written for the other authorities): left out, with a warning.
sed -e 's/^  authority: TL./  authority: Q./' -e 's/^  title: .*/  title: Giám đốc/' $OK > "$TMP/qf.yaml"
"$VANBAN" render -f dump "$TMP/qf.yaml" -o "$TMP/qf.txt" 2> "$TMP/err"; rc=$?
check "Q. with a 'for': rendered without it" test $rc -eq 0 -a "$(grep -c ' B  14.00 "\(Q. GIÁM ĐỐC\|.*BAN THƯỜNG VỤ\)"' "$TMP/qf.txt")" -eq 1
check "Q. with a 'for': a warning" grep -q "warning: Q. (acting head) signs with the title alone, as \"Q. GIÁM ĐỐC\": 'signature.for' is left out" "$TMP/err"

# Joint signers: the names on one baseline however many lines the titles take.
{
	sed '/^signature:/,$d' $OK
	cat <<'SIG'
signature:
  - authority: TM.
    for: Ban Chấp hành Công đoàn Giáo dục tỉnh
    title: Chủ tịch
    name: Nguyễn Văn Bình
  - title: Giám đốc
    name: Trần Thị Thanh Hương
recipients:
  - Ban Thường vụ LĐLĐ tỉnh
SIG
} > "$TMP/joint.yaml"
"$VANBAN" render -f dump "$TMP/joint.yaml" -o "$TMP/joint.txt"
y1=$(awk '/"Nguyễn Văn Bình"/ { print $3 }' "$TMP/joint.txt")
y2=$(awk '/"Trần Thị Thanh Hương"/ { print $3 }' "$TMP/joint.txt")
check "joint signers: names on one baseline ($y1, $y2)" test -n "$y1" -a "$y1" = "$y2"

# Nơi nhận: an entry too long for a line breaks between words, not inside
# "báo cáo" (the lines filled, the last ragged).
sed 's/^  - Ban Thường vụ LĐLĐ tỉnh$/  - Tổng Liên đoàn Lao động Việt Nam (để báo cáo)/' $OK > "$TMP/nn.yaml"
"$VANBAN" render -f dump "$TMP/nn.yaml" -o "$TMP/nn.txt"
check "Nơi nhận: the entry breaks before (để báo cáo)" grep -q ' R  11.00 "(để báo cáo);"' "$TMP/nn.txt"

# A Party công văn: "Số 15-CV/BTGTU", the V/v line in italic.
sed -e 's/^type: .*/type: cong-van/' -e 's/^subject: .*/subject: Tuyên truyền kỷ niệm Ngày thành lập Đảng/' \
	-e '1a style: dang' -e 's/^  authority: TL./  authority: T\/L/' $OK > "$TMP/dangcv.yaml"
"$VANBAN" render -f dump "$TMP/dangcv.yaml" -o "$TMP/dangcv.txt"
check "Party công văn: number with CV" grep -q '"Số 125-CV/LĐLĐ"' "$TMP/dangcv.txt"
check "Party công văn: V/v in italic" grep -q ' I  12.00 "V/v ' "$TMP/dangcv.txt"
sed -i 's/^  code: LĐLĐ/  code: LĐLĐ\n  unit: VP/' "$TMP/dangcv.yaml"
"$VANBAN" check "$TMP/dangcv.yaml" 2> "$TMP/err"
check "Party công văn: a unit is left out, with a warning" grep -q "warning: the number of a công văn in this style (\"Số 15-CV/...\") has no drafting unit" "$TMP/err"

# Links print their address; an image in the body is its description, with
# a warning.
{
	sed '/^body: |/,$d' $OK
	cat <<'BODY'
body: |
  Đăng ký tại [Cổng dịch vụ công](https://dichvucong.gov.vn).

  Hoặc <https://snv.gov.vn>, [thư](mailto:vp@snv.gov.vn).

  Gửi [vp@snv.gov.vn](mailto:vp@snv.gov.vn). Mẫu ![mẫu số 1](mau.png).
BODY
	sed -n '/^signature:/,$p' $OK
} > "$TMP/link.yaml"
"$VANBAN" render "$TMP/link.yaml" -o "$TMP/link.pdf" 2> "$TMP/link.err"
pdftotext "$TMP/link.pdf" "$TMP/link.txt"
check "links: the address in brackets" grep -qx "Đăng ký tại Cổng dịch vụ công (https://dichvucong.gov.vn)." "$TMP/link.txt"
check "links: an address once; mailto: left out" grep -qx "Hoặc https://snv.gov.vn, thư (vp@snv.gov.vn)." "$TMP/link.txt"
check "links: an e-mail address written as itself, once" grep -qx "Gửi vp@snv.gov.vn. Mẫu mẫu số 1./." "$TMP/link.txt"
check "an image in the body: a warning" grep -q "^$TMP/link.yaml:15:.*warning: images are not drawn in the body: its description 'mẫu số 1' is printed" "$TMP/link.err"

# Two inputs that would write one file; certificate options on a notice; a
# shard of one document.
mkdir -p "$TMP/d1" "$TMP/d2"
cp $OK "$TMP/d1/tb.yaml"; cp $OK "$TMP/d2/tb.yaml"
"$VANBAN" render "$TMP/d1/tb.yaml" "$TMP/d2/tb.yaml" -o "$TMP/both/" 2> "$TMP/err"; rc=$?
check "two inputs, one output name: a usage error" test $rc -eq 2
check "... naming both" grep -q "'$TMP/d1/tb.yaml' and '$TMP/d2/tb.yaml' would both be written to '$TMP/both/tb.pdf'" "$TMP/err"
"$VANBAN" render $OK --split "$TMP/nsplit/" 2> "$TMP/err"; rc=$?
check "--split on a notice: an error" test $rc -eq 1
check "... saying what it is for" grep -q "error: --split is for award certificates (type: giay-khen or bang-khen); this is a thong-bao" "$TMP/err"
"$VANBAN" render $OK --shard 2/3 -o "$TMP/sh.pdf" 2> "$TMP/err"; rc=$?
check "--shard 2/3 of one notice: nothing written" test $rc -eq 0 -a ! -e "$TMP/sh.pdf"
"$VANBAN" render $OK --shard 1/3 -o "$TMP/sh.pdf"; rc=$?
check "--shard 1/3 of one notice: written" test $rc -eq 0 -a -s "$TMP/sh.pdf"

# A place so long that the date, moved to the margin, would touch the
# number: two lines, centred, after the comma.
sed -e 's/^place: .*/place: Thành phố Phan Rang - Tháp Chàm/' -e 's/^number: .*/number: 1234/' \
	-e 's/^date: .*/date: 2019-12-29/' $OK > "$TMP/place.yaml"
"$VANBAN" render -f dump "$TMP/place.yaml" -o "$TMP/place.txt"
check "a very long place: the date in two lines" test "$(grep -c ' I  14.00 "\(Thành phố Phan Rang - Tháp Chàm,\|ngày 29 tháng 12 năm 2019\)"' "$TMP/place.txt")" = 2

# A long Nơi nhận runs on to the next page below the signature, rather
# than taking the signature away from the body (the two-page notice with
# 28 recipients: the closing starts on page 2, the list ends on page 3);
# an entry's lines stay together.
# the sample notice with 28 recipients named "$1 N$2"
many_recipients() {
	sed '/^recipients:/,$d' samples/thong-bao-ket-luan.yaml
	echo "recipients:"
	for i in $(seq 28); do echo "  - $1 $i$2"; done
	echo "archive: VT, TH"
}
many_recipients "Đơn vị số" "" > "$TMP/many.yaml"
"$VANBAN" render "$TMP/many.yaml" -o "$TMP/many.pdf"
check "a long Nơi nhận: the signature with the body's end" \
	test "$(pdftotext -f 2 -l 2 "$TMP/many.pdf" - | grep -c 'Nơi nhận:\|Nguyễn Thanh Hải')" = 2
check "... the list runs on to the next page" test "$(pdftotext -f 3 -l 3 "$TMP/many.pdf" - | grep -c '^- Lưu: VT, TH.$')" = 1
many_recipients "Ủy ban nhân dân xã số" " thuộc huyện miền núi phía Tây tỉnh Quảng Trị" > "$TMP/many2.yaml"
"$VANBAN" render "$TMP/many2.yaml" -o "$TMP/many2.pdf"
n=$(pdfinfo "$TMP/many2.pdf" | awk '/^Pages:/ { print $2 }')
check "... no entry cut between pages" test "$(pdftotext -f $n -l $n "$TMP/many2.pdf" - | grep -v '^[0-9]*$' | head -1 | cut -c1-2)" = "- "

# Missing data directory.
VANBAN_HOME=$TMP/nowhere "$VANBAN" check $OK 2> "$TMP/err"; rc=$?
check "missing data directory: exit 2 (not installed), not an input error" test $rc -eq 2
check "missing data directory message" test "$(cat "$TMP/err")" = \
	"vanban: error: cannot find vanban's data (templates/, fonts/): looked in $TMP/nowhere; set VANBAN_HOME or install with make install"
mkdir -p "$TMP/half/templates"
cp templates/types.yaml "$TMP/half/templates/"
VANBAN_HOME=$TMP/half "$VANBAN" render $OK -o "$TMP/half.pdf" 2> "$TMP/err"; rc=$?
check "a data directory without fonts/ is not one" test $rc -eq 2 -a ! -e "$TMP/half.pdf"
check "... the message names it" grep -q "looked in $TMP/half;" "$TMP/err"
VANBAN_HOME=$TMP/nowhere "$VANBAN" register book --year 2020 -o "$TMP/b.pdf" --register "$TMP/none.db" 2> "$TMP/err"; rc=$?
check "register book without the data: exit 2" test $rc -eq 2 -a ! -e "$TMP/b.pdf"
check "... the same message" grep -q "^vanban: error: cannot find vanban's data" "$TMP/err"
done_tests
