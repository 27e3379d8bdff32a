# A batch longer than one part (500 certificates) in one PDF: drawn in
# parts and joined. The joined file shows the same text as the parts made
# separately, has every page, passes qpdf, carries each font once, is the
# same twice, and stays PDF/A with --pdfa.
. tests/lib.sh
# list FILE FROM TO: the awardees FROM..TO of one long list.
list() {
	awk -v a="$2" -v b="$3" 'BEGIN {
		print "STT,Họ và tên,Đơn vị,Thành tích,Số sổ"
		n = split("An Bình Cường Dũng Hải Hùng Khánh Long Nam Phong", g, " ")
		for (i = a; i <= b; i++) {
			r = i % 7 == 0 ? "\"Đã có thành tích xuất sắc trong phong trào “Giỏi việc nước, đảm việc nhà”\"" : ""
			printf "%d,Ông Nguyễn Văn %s %d,\"Tổ trưởng Công đoàn, Sở Y tế\",%s,%04d/GK\n", i, g[i % n + 1], i, r, i
		}
	}' > "$1"
}
doc() {
	cat <<YAML
type: giay-khen
style: cong-doan
issuer:
  name: Ban Thường vụ Công đoàn Viên chức tỉnh Quảng Trị
place: Quảng Trị
date: 2021-01-08
decision: {number: 5, code: QĐ-CĐVC, date: 2021-01-06}
reason: Đã có thành tích xuất sắc trong hoạt động công đoàn năm 2020
signature: {authority: TM., for: Ban Thường vụ, title: Chủ tịch, name: Trần Quốc Bảo}
awardees_file: $1
YAML
}
list "$TMP/all.csv" 1 1150
doc all.csv > "$TMP/all.yaml"
for r in "1 500" "501 1000" "1001 1150"; do
	set -- $r
	list "$TMP/p$1.csv" "$1" "$2"
	doc "p$1.csv" > "$TMP/p$1.yaml"
	"$VANBAN" render "$TMP/p$1.yaml" -o "$TMP/p$1.pdf"
done
"$VANBAN" render "$TMP/all.yaml" -o "$TMP/all.pdf" 2> "$TMP/err"; rc=$?
check "a batch of 1150 renders in one PDF" test $rc -eq 0 -a ! -s "$TMP/err"
check "it has 1150 pages" test "$(pdfinfo "$TMP/all.pdf" | awk '/^Pages:/ { print $2 }')" = 1150
qpdf --check "$TMP/all.pdf" > "$TMP/qpdf" 2>&1; rc=$?
check "qpdf --check finds nothing" test $rc -eq 0 -a "$(grep -c WARNING "$TMP/qpdf")" = 0
for p in 1 501 1001; do pdftotext "$TMP/p$p.pdf" -; done > "$TMP/parts.txt"
pdftotext "$TMP/all.pdf" "$TMP/all.txt"
check "the text is that of the parts made one by one" cmp -s "$TMP/parts.txt" "$TMP/all.txt"
check "page 501 is row 501" test "$(pdftotext -f 501 -l 501 "$TMP/all.pdf" - |
	grep -c '^Số sổ: 0501/GK$')" = 1
check "page 1150 is the last row" test "$(pdftotext -f 1150 -l 1150 "$TMP/all.pdf" - |
	grep -c '^Số sổ: 1150/GK$')" = 1
check "each font once, as in a short batch" test "$(pdffonts "$TMP/all.pdf" | tail -n +3 | wc -l)" = \
	"$(pdffonts "$TMP/p1.pdf" | tail -n +3 | wc -l)"
"$VANBAN" render "$TMP/all.yaml" -o "$TMP/again.pdf"
check "two renders are identical" cmp -s "$TMP/all.pdf" "$TMP/again.pdf"
"$VANBAN" info --json "$TMP/all.pdf" > "$TMP/json"
check "the metadata counts every page" grep -q '"pages": "1150"' "$TMP/json"
check "no temporary file is left beside it" test -z "$(ls -A "$TMP" | grep '^\.vanban-')"
# The file is written as it is made, to a temporary name: standard output
# gets the same bytes, and a file that cannot be written is an error.
"$VANBAN" render "$TMP/all.yaml" -o - > "$TMP/stdout.pdf"
check "to standard output: the same bytes" cmp -s "$TMP/all.pdf" "$TMP/stdout.pdf"
: > "$TMP/plain"
"$VANBAN" render "$TMP/all.yaml" -o "$TMP/plain/x.pdf" 2> "$TMP/err"; rc=$?
check "a path that cannot be written: exit 3" test $rc -eq 3
check "a path that cannot be written: the reason" test "$(cat "$TMP/err")" = \
	"vanban: error: cannot write '$TMP/plain/x.pdf': Not a directory"
# --shard 1/2 keeps 575: joined too, the rows 1, 3, 5 ...
"$VANBAN" render "$TMP/all.yaml" --shard 1/2 -o "$TMP/s1.pdf"
check "a shard of 575 has 575 pages" test "$(pdfinfo "$TMP/s1.pdf" | awk '/^Pages:/ { print $2 }')" = 575
check "the shard's last page is row 1149" test "$(pdftotext -f 575 -l 575 "$TMP/s1.pdf" - |
	grep -c '^Số sổ: 1149/GK$')" = 1
# PDF/A: the checks of archive.sh on the joined file.
"$VANBAN" render --pdfa "$TMP/all.yaml" -o "$TMP/a.pdf"; rc=$?
check "renders as PDF/A" test $rc -eq 0
check "PDF/A: same text" sh -c "pdftotext '$TMP/a.pdf' - | cmp -s - '$TMP/all.txt'"
qpdf --check "$TMP/a.pdf" > /dev/null 2>&1
check "PDF/A: qpdf --check" test $? -eq 0
sed -n '/<?xpacket begin/,/<?xpacket end/p' "$TMP/a.pdf" > "$TMP/xmp.xml"
check "PDF/A: one XMP packet" test "$(grep -c '<?xpacket begin' "$TMP/xmp.xml")" = 1
check "PDF/A: XMP is well-formed XML" xmllint --noout "$TMP/xmp.xml"
check "PDF/A: XMP declares PDF/A-1b" grep -q "<pdfaid:part>1</pdfaid:part>" "$TMP/xmp.xml"
"$VANBAN" info --json "$TMP/a.pdf" > "$TMP/ja"
pdfinfo "$TMP/a.pdf" > "$TMP/info"
check "PDF/A: title Info = XMP" test "$(sed -n 's/^Title: *//p' "$TMP/info")" = \
	"$(sed -n 's/^  "title": "\(.*\)",*$/\1/p' "$TMP/ja")"
qpdf --qdf --object-streams=disable "$TMP/a.pdf" "$TMP/q.pdf"
check "PDF/A: one output intent GTS_PDFA1" test "$(grep -c "/S /GTS_PDFA1" "$TMP/q.pdf")" = 1
check "PDF/A: CIDSet in every font descriptor" test "$(grep -c '/CIDSet' "$TMP/q.pdf")" -eq \
	"$(grep -c '/Type /FontDescriptor' "$TMP/q.pdf")"
check "PDF/A: a file identifier" grep -aq "/ID \[<" "$TMP/q.pdf"
pdffonts "$TMP/a.pdf" | tail -n +3 > "$TMP/fonts"
check "PDF/A: fonts embedded" test -z "$(awk '$(NF-4) != "yes"' "$TMP/fonts")"
# --qr: each page its own code, on the joined pages as on a short batch.
"$VANBAN" render "$TMP/all.yaml" --qr -o "$TMP/qr.pdf" 2> "$TMP/err"; rc=$?
check "--qr: renders" test $rc -eq 0 -a ! -s "$TMP/err"
"$VANBAN" render "$TMP/p501.yaml" --qr -o "$TMP/qr501.pdf"
pdftoppm -f 600 -l 600 -r 100 -gray "$TMP/qr.pdf" "$TMP/qa"
pdftoppm -f 100 -l 100 -r 100 -gray "$TMP/qr501.pdf" "$TMP/qb"
check "--qr: page 600 has row 600's code, as the part alone" test \
	"$(zbarimg -q --raw "$TMP"/qa*.pgm 2>/dev/null | sed -n 1p)" = "$(zbarimg -q --raw "$TMP"/qb*.pgm 2>/dev/null | sed -n 1p)" \
	-a -n "$(zbarimg -q --raw "$TMP"/qa*.pgm 2>/dev/null)"
# --sign: the joined file is signed as a whole.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$TMP/k.key" -out "$TMP/k.crt" -days 3650 \
	-subj "/CN=Test" 2> /dev/null
cat "$TMP/k.key" "$TMP/k.crt" > "$TMP/k.pem"
"$VANBAN" render "$TMP/all.yaml" --sign "$TMP/k.pem" -o "$TMP/signed.pdf" 2> "$TMP/err"; rc=$?
check "--sign: renders" test $rc -eq 0 -a ! -s "$TMP/err"
check "--sign: the signature covers the whole file" sh -c \
	"pdfsig '$TMP/signed.pdf' 2>&1 | grep -q 'Signature Validation: Signature is Valid'"
check "--sign: every page" test "$(pdfinfo "$TMP/signed.pdf" | awk '/^Pages:/ { print $2 }')" = 1150
qpdf --check "$TMP/signed.pdf" > /dev/null 2>&1
check "--sign: qpdf --check" test $? -eq 0
# -f docx: one Word file of every certificate.
"$VANBAN" render "$TMP/all.yaml" -f docx -o "$TMP/all.docx" 2> "$TMP/err"; rc=$?
check "-f docx: renders" test $rc -eq 0 -a ! -s "$TMP/err"
check "-f docx: row 1150 is in it" sh -c "/usr/bin/python3 -c 'import sys, zipfile
sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(\"word/document.xml\"))' '$TMP/all.docx' |
	grep -q '1150/GK'"
done_tests
