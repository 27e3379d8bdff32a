# -f docx: every sample as a .docx whose parts are well-formed XML, which
# python-docx reads as meant, which is the same bytes twice, and which
# LibreOffice turns into a PDF with vanban's own PDF's text and the header
# and closing where vanban puts them (tests/docx/*.py).
# Needs libxml2-utils, python3-docx, libreoffice-writer-nogui (.ci/run).
. tests/lib.sh
PY=/usr/bin/python3
need() {
	command -v "$1" >/dev/null 2>&1 || { fail "docx: $1 is installed (make deps, .ci/run)"; done_tests; exit 0; }
}
need xmllint
need soffice
need pdftotext
check "docx: python3-docx is installed" $PY -c "import docx"

# Unpacks a .docx into a directory (Python's zipfile: our ZIP read by
# another reader).
unpack() { $PY -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; }

mkdir -p "$TMP/d" "$TMP/p" "$TMP/lo"
# Joint signers side by side, Nơi nhận under them.
cat > "$TMP/joint.yaml" <<'EOF'
type: thong-bao
issuer:
  parent: LĐLĐ tỉnh Quảng Trị
  name: Ban Thường vụ
  code: LĐLĐ
number: 7
place: Quảng Trị
date: 2021-03-02
subject: Phối hợp tổ chức Tháng Công nhân năm 2021
body: |
  Ban Thường vụ Liên đoàn Lao động tỉnh và Sở Lao động - Thương binh và Xã hội thống nhất
  phối hợp tổ chức các hoạt động Tháng Công nhân năm 2021 trên địa bàn tỉnh.

  Các đơn vị triển khai thực hiện, báo cáo kết quả trước ngày 15/6/2021.
signature:
  - authority: TM.
    for: Ban Thường vụ
    title: Chủ tịch
    name: Nguyễn Văn An
  - authority: KT.
    for: Giám đốc
    title: Phó Giám đốc
    name: Trần Thị Bình
recipients:
  - Các công đoàn cơ sở
archive: VT, VP
EOF
docs=""
for s in samples/*.yaml samples/*.md "$TMP/joint.yaml"; do
	name=$(basename "${s%.*}")
	"$VANBAN" render -f docx "$s" -o "$TMP/d/$name.docx" 2> "$TMP/err"; rc=$?
	check "docx $name renders" test $rc -eq 0 -a ! -s "$TMP/err"
	"$VANBAN" render -f docx "$s" -o "$TMP/d/$name.2.docx"
	check "docx $name: same input, same bytes" cmp -s "$TMP/d/$name.docx" "$TMP/d/$name.2.docx"
	rm -f "$TMP/d/$name.2.docx"
	"$VANBAN" render "$s" -o "$TMP/p/$name.pdf"
	rm -rf "$TMP/x"
	if unpack "$TMP/d/$name.docx" "$TMP/x" 2> "$TMP/err"; then
		bad=""
		for part in $(cd "$TMP/x" && find . -name '*.xml' -o -name '*.rels' | sort); do
			xmllint --noout "$TMP/x/$part" 2>> "$TMP/err" || bad="$bad $part"
		done
		check "docx $name: every part is well-formed XML" test -z "$bad"
		check "docx $name: has its document, styles and metadata" \
			test -f "$TMP/x/word/document.xml" -a -f "$TMP/x/word/styles.xml" -a -f "$TMP/x/docProps/core.xml"
	else
		fail "docx $name: a ZIP that zipfile reads" "$(cat "$TMP/err")"
	fi
	if out=$($PY tests/docx/order.py "$TMP/d/$name.docx" 2>&1); then
		ok "docx $name: properties in the schema's order (Word's reading)"
	else
		fail "docx $name: properties in the schema's order (Word's reading)" "$out"
	fi
	docs="$docs $TMP/d/$name.docx"
done
# ... which order.py can tell: a table's layout moved before its borders.
$PY - "$TMP/d/ket-luan-mau.docx" "$TMP/swapped.docx" <<'EOF'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for n in src.namelist():
    data = src.read(n)
    if n == "word/document.xml":
        lay = b'<w:tblLayout w:type="fixed"/>'
        data = data.replace(lay, b"", 1).replace(b"<w:tblBorders>", lay + b"<w:tblBorders>", 1)
    dst.writestr(n, data)
dst.close()
EOF
out=$($PY tests/docx/order.py "$TMP/swapped.docx")
check "docx: order.py finds tblBorders after tblLayout" test "$out" = "word/document.xml: tblBorders after tblLayout in tblPr"

# python-docx: styles, the header and closing tables, body paragraphs.
for d in $docs; do
	name=$(basename "$d" .docx)
	case $name in
	giay-khen*) continue ;;
	thong-bao-dang) args="national=ĐẢNG CỘNG SẢN VIỆT NAM" ;;
	joint) args="signer=Trần Thị Bình" ;;
	*) args="" ;;
	esac
	if out=$($PY tests/docx/read_docx.py "$d" ${args:+"$args"} 2>&1); then ok "docx $name: python-docx reads it"
	else fail "docx $name: python-docx reads it" "$out"; fi
done
if out=$($PY tests/docx/read_docx.py "$TMP/d/thong-bao-ket-luan.docx" "number=Số: 125/TB-LĐLĐ" \
	"signer=Nguyễn Thanh Hải" "author=BAN THƯỜNG VỤ" "tables=2" \
	"title=Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh" \
	"paragraph=3. Sửa đổi Quy chế khen thưởng của LĐLĐ tỉnh." 2>&1); then
	ok "docx thong-bao-ket-luan: number, signer, metadata, a list item"
else
	fail "docx thong-bao-ket-luan: number, signer, metadata, a list item" "$out"
fi
# The checks can fail: a file with another number is not taken.
"$VANBAN" render -f docx samples/thong-bao-ket-luan.yaml --set number=126 -o "$TMP/other.docx"
check "docx: read_docx.py tells another number" \
	bash -c "! $PY tests/docx/read_docx.py '$TMP/other.docx' 'number=Số: 125/TB-LĐLĐ' >/dev/null"

# LibreOffice: all of them in one run, its own profile in TMP.
HOME=$TMP soffice -env:UserInstallation=file://$TMP/profile --headless --convert-to pdf \
	--outdir "$TMP/lo" $docs > "$TMP/soffice.log" 2>&1
for d in $docs; do
	name=$(basename "$d" .docx)
	if [ ! -s "$TMP/lo/$name.pdf" ]; then
		fail "docx $name: LibreOffice converts it" "$(tail -3 "$TMP/soffice.log")"
		continue
	fi
	ok "docx $name: LibreOffice converts it"
	out=$($PY tests/docx/same_text.py "$TMP/p/$name.pdf" "$TMP/lo/$name.pdf" 2>&1)
	if [ $? -eq 0 ]; then ok "docx $name: LibreOffice's PDF has the PDF's text"
	else fail "docx $name: LibreOffice's PDF has the PDF's text" "$out"; fi
	case $name in giay-khen*|joint) continue ;; esac
	out=$($PY tests/docx/positions.py "$TMP/p/$name.pdf" "$TMP/lo/$name.pdf" 3 2>&1)
	if [ $? -eq 0 ]; then ok "docx $name: header and closing within 3 pt of the PDF's"
	else fail "docx $name: header and closing within 3 pt of the PDF's" "$out"; fi
done
# ... and the text check can fail: another document's PDF is not the same.
check "docx: same_text.py tells two documents apart" \
	bash -c "! $PY tests/docx/same_text.py '$TMP/p/giay-moi.pdf' '$TMP/lo/cong-van.pdf' >/dev/null"

# The output name is chosen from the input: a.yaml -> a.docx.
cp samples/ket-luan-mau.yaml "$TMP/a.yaml"
"$VANBAN" render -f docx "$TMP/a.yaml"; rc=$?
check "docx: --format docx writes a.docx beside a.yaml" test $rc -eq 0 -a -s "$TMP/a.docx"
check "docx: ... a ZIP (PK)" test "$(head -c 2 "$TMP/a.docx")" = "PK"
"$VANBAN" render --format docx "$TMP/a.yaml" -o "$TMP/out/" > /dev/null 2>&1
check "docx: into a directory, a.docx" test -s "$TMP/out/a.docx"

# --issue: the register gives the number and records the .docx.
sed 's/^number: .*/number: auto/' samples/thong-bao-ket-luan.yaml > "$TMP/auto.yaml"
"$VANBAN" render -f docx "$TMP/auto.yaml" --issue --register "$TMP/r.db" 2> "$TMP/err"; rc=$?
check "docx --issue: issued" test $rc -eq 0 -a -s "$TMP/auto.docx"
check "docx --issue: the number told" grep -q "issued number 1/2020 (TB-LĐLĐ)" "$TMP/err"
check "docx --issue: recorded with its code" \
	bash -c "'$VANBAN' register list --register '$TMP/r.db' | grep -q '^01/2020  TB-LĐLĐ'"
check "docx --issue: the file has the number" \
	$PY tests/docx/read_docx.py "$TMP/auto.docx" "number=Số: 01/TB-LĐLĐ" >/dev/null

# A bad format is a usage error naming the four.
"$VANBAN" render -f odt "$TMP/a.yaml" 2> "$TMP/err"; rc=$?
check "docx: -f odt is a usage error (2)" test $rc -eq 2
check "docx: ... the message names pdf, docx, dump and svg" grep -q -- "--format takes pdf, docx, dump or svg" "$TMP/err"

# Certificates: one file, a page per awardee; --split one .docx each.
pages=$(pdfinfo "$TMP/lo/giay-khen-2020.pdf" | sed -n 's/^Pages: *//p')
vpages=$(pdfinfo "$TMP/p/giay-khen-2020.pdf" | sed -n 's/^Pages: *//p')
check "docx giay-khen-2020: a page per awardee ($vpages)" test "$pages" = "$vpages"
# python-docx: a landscape A4 section, one GIẤY KHEN line per awardee.
got=$($PY -c 'import sys, docx
d = docx.Document(sys.argv[1]); s = d.sections[0]
print(s.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE, round(s.page_width.mm), round(s.page_height.mm),
      sum(p.text == "GIẤY KHEN" for p in d.paragraphs))' "$TMP/d/giay-khen-2020.docx" 2>&1)
check "docx giay-khen-2020: python-docx reads a landscape A4 of $vpages certificates" \
	test "$got" = "True 297 210 $vpages"
"$VANBAN" render -f docx samples/giay-khen-2020.yaml --split "$TMP/split/" 2> "$TMP/err"; rc=$?
check "docx: --split writes a .docx per awardee" \
	test $rc -eq 0 -a "$(ls "$TMP/split"/*.docx | wc -l)" = "$vpages"
first=$(ls "$TMP/split"/*.docx | head -1)
check "docx: --split names end .docx" test -n "$first"

done_tests
