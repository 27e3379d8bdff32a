# Archival output: what can be checked without Java (PDFBox Preflight runs
# outside the tests): metadata present and well-formed, agreeing with the
# Info dictionary; PDF/A identification, output intent, font descriptors,
# no soft masks; repeatable bytes; `vanban info`.
. tests/lib.sh
S=samples/thong-bao-ket-luan.yaml
"$VANBAN" render --pdfa $S -o "$TMP/a.pdf"; rc=$?
check "renders as PDF/A" test $rc -eq 0
"$VANBAN" render --pdfa $S -o "$TMP/b.pdf"
check "PDF/A output is repeatable" cmp -s "$TMP/a.pdf" "$TMP/b.pdf"
# The XMP packet is stored uncompressed: cut it out and parse it.
sed -n '/<?xpacket begin/,/<?xpacket end/p' "$TMP/a.pdf" > "$TMP/xmp.xml"
check "XMP packet present" test -s "$TMP/xmp.xml"
check "XMP is well-formed XML" xmllint --noout "$TMP/xmp.xml"
check "XMP declares PDF/A-1b" grep -q "<pdfaid:part>1</pdfaid:part>" "$TMP/xmp.xml"
check "XMP extension schema declared" grep -q "<pdfaSchema:prefix>vb</pdfaSchema:prefix>" "$TMP/xmp.xml"
# Info dictionary and XMP agree.
pdfinfo "$TMP/a.pdf" > "$TMP/info"
"$VANBAN" info --json "$TMP/a.pdf" > "$TMP/json"; rc=$?
check "vanban info --json" test $rc -eq 0
check "title: Info = XMP" test "$(sed -n 's/^Title: *//p' "$TMP/info")" = \
	"$(sed -n 's/^  "title": "\(.*\)",*$/\1/p' "$TMP/json")"
check "author: Info = XMP" test "$(sed -n 's/^Author: *//p' "$TMP/info")" = \
	"$(sed -n 's/^  "creator": "\(.*\)",*$/\1/p' "$TMP/json")"
check "metadata: number" grep -q '"number": "125"' "$TMP/json"
check "metadata: notation" grep -q '"notation": "TB-LĐLĐ"' "$TMP/json"
check "metadata: issued date" grep -q '"issued_date": "2020-09-07"' "$TMP/json"
check "metadata: page count" grep -q '"pages": "2"' "$TMP/json"
check "metadata: signer" grep -q '"signer_name": "Nguyễn Thanh Hải"' "$TMP/json"
"$VANBAN" info "$TMP/a.pdf" > "$TMP/text"
check "vanban info text form" grep -q "^type_name: THÔNG BÁO$" "$TMP/text"
"$VANBAN" info tests/bad/ok.yaml 2> "$TMP/err"; rc=$?
check "vanban info on a non-PDF is an error" test $rc -eq 1
# Structure, through qpdf's uncompressed rewrite.
qpdf --qdf --object-streams=disable "$TMP/a.pdf" "$TMP/q.pdf"
check "output intent GTS_PDFA1" grep -q "/S /GTS_PDFA1" "$TMP/q.pdf"
check "CIDSet in every font descriptor" test "$(grep -c '/CIDSet' "$TMP/q.pdf")" -eq \
	"$(grep -c '/Type /FontDescriptor' "$TMP/q.pdf")"
check "CapHeight in every font descriptor" test "$(grep -c '/CapHeight' "$TMP/q.pdf")" -eq \
	"$(grep -c '/Type /FontDescriptor' "$TMP/q.pdf")"
check "a file identifier" grep -aq "/ID \[<" "$TMP/q.pdf"
pdffonts "$TMP/a.pdf" | tail -n +3 > "$TMP/fonts"
check "fonts embedded" test -z "$(awk '$(NF-4) != "yes"' "$TMP/fonts")"
# Images: soft masks in ordinary files, colour-key masks in PDF/A.
"$VANBAN" render samples/cong-van.yaml -o "$TMP/img.pdf"
"$VANBAN" render --pdfa samples/cong-van.yaml -o "$TMP/img-a.pdf"
qpdf --qdf --object-streams=disable "$TMP/img.pdf" "$TMP/img-q.pdf"
qpdf --qdf --object-streams=disable "$TMP/img-a.pdf" "$TMP/img-aq.pdf"
check "ordinary file keeps soft masks" grep -q "/SMask" "$TMP/img-q.pdf"
check "PDF/A has no soft mask" test "$(grep -c '/SMask' "$TMP/img-aq.pdf")" -eq 0
check "PDF/A masks by colour key" grep -aq "/Mask \[" "$TMP/img-aq.pdf"
# Every file, PDF/A or not, carries metadata.
"$VANBAN" info --json "$TMP/img.pdf" > "$TMP/j2"
check "metadata in an ordinary file" grep -q '"type_name": "CÔNG VĂN"' "$TMP/j2"
check "no PDF/A claim in an ordinary file" test "$(grep -c pdfa_part "$TMP/j2")" -eq 0
# Size: the two-page notice stays small.
size=$(stat -c %s "$TMP/a.pdf")
check "two-page notice as PDF/A under 80 KB ($size bytes)" test "$size" -le 81920
done_tests
