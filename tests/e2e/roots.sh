# Files named in a document are read from its own folder, the data
# directory and the --root folders only: a path outside them, or a link
# that leads out, is an input error at the name, and nothing is written.
. tests/lib.sh
D=$TMP/docs
O=$TMP/outside
mkdir -p "$D/sub" "$O"
printf 'Nội dung ở ngoài thư mục.\n' > "$O/body.md"
printf 'Nội dung trong thư mục.\n' > "$D/sub/body.md"
cp samples/images/chu-ky.png "$O/chu-ky.png"
cp samples/images/chu-ky.png "$D/chu-ky.png"

# doc NAME BODY_FILE_LINE [EXTRA_YAML]: the notice with its body from a file.
doc() {
	python3 - "$1" "$2" "${3:-}" <<'PY'
import sys, re
s = open('samples/thong-bao-ket-luan.yaml').read()
start = s.index('body: |')
end = s.index('\nsignature:')
s = s[:start] + 'body_file: ' + sys.argv[2] + s[end:]
s += sys.argv[3]
open(sys.argv[1], 'w').write(s)
PY
}
# refused NAME FILE MESSAGE: check fails with exactly MESSAGE as its first line, no PDF.
refused() {
	local name=$1 file=$2 msg=$3
	rm -f "${file%.yaml}.pdf"
	"$VANBAN" render "$file" 2> "$TMP/err"; local rc=$?
	check "$name: exit 1" test $rc -eq 1
	check "$name: the message" test "$(head -1 "$TMP/err")" = "$msg"
	check "$name: no PDF" test ! -e "${file%.yaml}.pdf"
}
ROOTS="the folders a document may read from (its own folder and vanban's data); --root DIR allows another"

doc "$D/inside.yaml" sub/body.md
"$VANBAN" render "$D/inside.yaml" -o "$TMP/inside.pdf" 2> "$TMP/err"
check "a file in a subfolder: exit 0" test $? -eq 0
check "a file in a subfolder: its text" grep -q "Nội dung trong thư mục." <(pdftotext "$TMP/inside.pdf" - 2>/dev/null)

doc "$D/up.yaml" ../outside/body.md
refused "../ out of the folder" "$D/up.yaml" \
	"$D/up.yaml:11:12: error: '../outside/body.md' is outside $ROOTS"

doc "$D/abs.yaml" /etc/passwd
refused "an absolute path outside" "$D/abs.yaml" \
	"$D/abs.yaml:11:12: error: '/etc/passwd' is outside $ROOTS"

doc "$D/proc.yaml" /proc/self/environ
refused "/proc/self/environ" "$D/proc.yaml" \
	"$D/proc.yaml:11:12: error: '/proc/self/environ' is outside $ROOTS"
check "/proc/self/environ: nothing of it in the message" test "$(wc -l < "$TMP/err")" -le 3

doc "$D/missing.yaml" ../outside/none.md
refused "a missing file outside" "$D/missing.yaml" \
	"$D/missing.yaml:11:12: error: '../outside/none.md' is outside $ROOTS"

ln -s "$O/body.md" "$D/link.md"
doc "$D/link.yaml" link.md
refused "a link that leads out" "$D/link.yaml" \
	"$D/link.yaml:11:12: error: 'link.md' is a link that leads outside $ROOTS"

ln -s "$O" "$D/outdir"
doc "$D/linkdir.yaml" outdir/body.md
refused "a linked folder that leads out" "$D/linkdir.yaml" \
	"$D/linkdir.yaml:11:12: error: 'outdir/body.md' is a link that leads outside $ROOTS"

ln -s sub/body.md "$D/inlink.md"
doc "$D/inlink.yaml" inlink.md
"$VANBAN" render "$D/inlink.yaml" -o "$TMP/inlink.pdf" 2> "$TMP/err"
check "a link that stays inside: exit 0" test $? -eq 0

"$VANBAN" render "$D/up.yaml" -o "$TMP/up.pdf" --root "$O" 2> "$TMP/err"
check "--root allows the folder: exit 0" test $? -eq 0
check "--root allows the folder: its text" grep -q "Nội dung ở ngoài thư mục." <(pdftotext "$TMP/up.pdf" - 2>/dev/null)
"$VANBAN" render "$D/link.yaml" -o "$TMP/link.pdf" --root "$O" 2> "$TMP/err"
check "--root allows a link into it" test $? -eq 0
"$VANBAN" render "$D/up.yaml" -o "$TMP/x.pdf" --root "$O/none" 2> "$TMP/err"; rc=$?
check "--root that is not a directory: exit 2" test $rc -eq 2
check "--root that is not a directory: the message" test "$(head -1 "$TMP/err")" = \
	"vanban: --root '$O/none' is not a directory"

# The other names a document gives: template, style, images, a list.
doc "$D/tpl.yaml" sub/body.md
sed -i 's|^style: nd30|style: ../outside/s.yaml|' "$D/tpl.yaml"
cp templates/styles/nd30.yaml "$O/s.yaml"
refused "a style outside" "$D/tpl.yaml" \
	"$D/tpl.yaml:2:8: error: '../outside/s.yaml' is outside $ROOTS"

python3 - "$D/img.yaml" <<'PY'
import sys
s = open('samples/cong-van.yaml').read()
s = s.replace('image: images/chu-ky.png', 'image: ../outside/chu-ky.png', 1)
s = s.replace('seal: images/con-dau.png', 'seal: chu-ky.png', 1)
open(sys.argv[1], 'w').write(s)
PY
line=$(grep -n 'image: ../outside' "$D/img.yaml" | cut -d: -f1)
refused "an image outside" "$D/img.yaml" \
	"$D/img.yaml:$line:10: error: '../outside/chu-ky.png' is outside $ROOTS"

printf 'type: thong-bao\ntemplate: ../outside/t.md\n' > "$D/t.yaml"
python3 - "$D/t.yaml" <<'PY'
import sys
s = open('samples/thong-bao-ket-luan.yaml').read().replace('style: nd30', 'style: nd30\ntemplate: ../outside/t.md', 1)
open(sys.argv[1], 'w').write(s)
PY
printf 'Mẫu.\n' > "$O/t.md"
refused "a template outside" "$D/t.yaml" \
	"$D/t.yaml:3:11: error: '../outside/t.md' is outside $ROOTS"

sed 's|awardees_file: giay-khen/danh-sach.csv|awardees_file: ../outside/ds.csv|' \
	samples/giay-khen-2020.yaml > "$D/gk.yaml"
cp samples/giay-khen/danh-sach.csv "$O/ds.csv"
refused "a list outside" "$D/gk.yaml" \
	"$D/gk.yaml:14:16: error: '../outside/ds.csv' is outside $ROOTS"
sed 's|awardees_file: giay-khen/danh-sach.csv|awardees_file: giay-khen/danh-sach.csv\nlayout: ../outside/l.yaml|' \
	samples/giay-khen-2020.yaml > "$D/gkl.yaml"
mkdir -p "$D/giay-khen" && cp samples/giay-khen/danh-sach.csv "$D/giay-khen/"
cp templates/certificates/giay-khen.yaml "$O/l.yaml"
refused "a layout outside" "$D/gkl.yaml" \
	"$D/gkl.yaml:15:9: error: '../outside/l.yaml' is outside $ROOTS"

# The data directory's own files are inside: a named style and template.
"$VANBAN" check samples/thong-bao-ket-luan.yaml 2> "$TMP/err"
check "the data directory's styles and templates: exit 0" test $? -eq 0

# A data directory whose templates/ is a link to a shared copy.
mkdir -p "$TMP/data"
ln -s "$ROOT/templates" "$TMP/data/templates"
ln -s "$ROOT/fonts" "$TMP/data/fonts"
VANBAN_HOME=$TMP/data "$VANBAN" check samples/thong-bao-ket-luan.yaml 2> "$TMP/err"
check "a data directory with its templates linked: exit 0" test $? -eq 0

# A document on standard input reads from the current folder.
(cd "$D" && "$VANBAN" check - < "$D/inside.yaml") 2> "$TMP/err"
check "standard input: the current folder is its folder" test $? -eq 0
(cd "$D" && "$VANBAN" check - < "$D/up.yaml") 2> "$TMP/err"
check "standard input: outside the current folder refused" test "$(head -1 "$TMP/err")" = \
	"<stdin>:11:12: error: '../outside/body.md' is outside $ROOTS"
done_tests
