# Verification QR codes on certificates: drawn as vector squares, read
# back with zbarimg from pdftoppm images at 150 dpi, for every awardee of
# the sample batch.
. tests/lib.sh
S=samples/giay-khen-2020.yaml
URL=https://xacminh.example.vn/gk
"$VANBAN" render $S --qr-url $URL -o "$TMP/gk.pdf" 2> "$TMP/err"; rc=$?
check "a batch with QR codes" test $rc -eq 0 -a ! -s "$TMP/err"
# The code sits at the bottom centre of the sheet (A4 landscape here):
# only that part of each page is rasterised.
pdftoppm -r 150 -gray -x 740 -y 960 -W 280 -H 240 "$TMP/gk.pdf" "$TMP/p"
# The names, the second column (quoted when it holds a comma).
tail -n +2 samples/giay-khen/danh-sach.csv | sed -E 's/^[0-9]+,("([^"]*)"|([^,]*)),.*/\2\3/' > "$TMP/names"
n=0; bad=0
for img in "$TMP"/p-*.pgm; do
	n=$((n + 1))
	name=$(sed -n "${n}p" "$TMP/names")
	zbarimg -q --raw "$img" 2>/dev/null > "$TMP/code"
	printf 'Số: 05/QĐ-CĐVC\nNgày: 2021-01-08\nTên: %s\n' "$name" > "$TMP/head"
	if ! head -3 "$TMP/code" | cmp -s - "$TMP/head" ||
	   ! sed -n 4p "$TMP/code" | grep -q "^$URL?h=[0-9a-f]\{64\}$"; then
		bad=$((bad + 1))
		[ $bad -le 3 ] && fail "the code of page $n" "$(cat "$TMP/code")"
	fi
done
check "every page has its code (102)" test $n -eq 102
check "every code decodes to its awardee's text" test $bad -eq 0
# The fingerprint: SHA-256 of the fields as docs/signing.md gives them.
printf 'vanban-qr-1\nso=05/QĐ-CĐVC\nngay=2021-01-08\nten=Công đoàn cơ sở Sở Y tế\nSTT=1\nname=Công đoàn cơ sở Sở Y tế\nunit=\nreason=Đã có thành tích xuất sắc trong hoạt động công đoàn năm 2020\nbook_number=001/GK\n' \
	| sha256sum | cut -c1-64 > "$TMP/h1"
zbarimg -q --raw "$TMP/p-001.pgm" 2>/dev/null | sed -n 4p | sed 's/.*h=//' > "$TMP/got1"
check "the fingerprint is the SHA-256 of the fields" cmp -s "$TMP/h1" "$TMP/got1"
check "the codes differ between awardees" test "$(zbarimg -q --raw "$TMP/p-002.pgm" 2>/dev/null | sed -n 4p)" != \
	"$URL?h=$(cat "$TMP/h1")"
check "vector squares: no image in the file" test "$(pdfimages -list -f 1 -l 1 "$TMP/gk.pdf" | tail -n +3 | wc -l)" -eq 0
"$VANBAN" render $S --qr-url $URL -o "$TMP/gk2.pdf"
check "the same bytes again" cmp -s "$TMP/gk.pdf" "$TMP/gk2.pdf"
# Without a URL: the fingerprint line alone; and none unless asked.
"$VANBAN" render $S --qr --shard 1/102 -o "$TMP/one.pdf"
pdftoppm -r 150 -gray -x 740 -y 960 -W 280 -H 240 "$TMP/one.pdf" "$TMP/o"
check "--qr: the fingerprint without a URL" test "$(zbarimg -q --raw "$TMP"/o-*.pgm 2>/dev/null | sed -n 4p)" = \
	"SHA-256: $(cat "$TMP/h1")"
"$VANBAN" render $S --shard 1/102 -o "$TMP/none.pdf"
pdftoppm -r 150 -gray -x 740 -y 960 -W 280 -H 240 "$TMP/none.pdf" "$TMP/n"
zbarimg -q --raw "$TMP"/n-*.pgm > /dev/null 2>&1; rc=$?
check "no code unless asked" test $rc -ne 0
# qr: {url: ...} in the document.
mkdir -p "$TMP/doc"
cp -r samples/giay-khen "$TMP/doc/"
sed 's|^paper: a4$|paper: a4\nqr: {url: "https://kiemtra.example.vn/?d=gk"}|' $S > "$TMP/doc/gk.yaml"
"$VANBAN" render "$TMP/doc/gk.yaml" --shard 2/102 -o "$TMP/doc.pdf"; rc=$?
pdftoppm -r 150 -gray -x 740 -y 960 -W 280 -H 240 "$TMP/doc.pdf" "$TMP/d"
check "qr.url from the document" grep -q "^https://kiemtra.example.vn/?d=gk&h=[0-9a-f]\{64\}$" \
	<(zbarimg -q --raw "$TMP"/d-*.pgm 2>/dev/null)
sed 's|^paper: a4$|paper: a4\nqr: yes|' $S > "$TMP/doc/bad.yaml"
"$VANBAN" render "$TMP/doc/bad.yaml" -o "$TMP/bad.pdf" 2> "$TMP/err"; rc=$?
line=$(grep -n "^qr:" "$TMP/doc/bad.yaml" | cut -d: -f1)
check "qr: not a mapping is an error" test $rc -eq 1 -a ! -e "$TMP/bad.pdf"
check "qr: the message" grep -q "^$TMP/doc/bad.yaml:$line:5: error: 'qr' must be a mapping (url), got text" "$TMP/err"
# A notice, when asked: page 1, in the bottom margin at the right.
N=samples/thong-bao-ket-luan.yaml
"$VANBAN" render $N --qr-url https://kiemtra.example.vn -o "$TMP/tb.pdf"; rc=$?
check "a notice with a QR code" test $rc -eq 0
pdftoppm -r 150 -gray -f 1 -l 1 -x 1000 -y 1600 -W 240 -H 154 "$TMP/tb.pdf" "$TMP/tb"
printf 'vanban-qr-1\nso=125/TB-LĐLĐ\nngay=2020-09-07\ntrich_yeu=Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh\nco_quan=BAN THƯỜNG VỤ\nky=Nguyễn Thanh Hải\n' \
	| sha256sum | cut -c1-64 > "$TMP/htb"
printf 'Số: 125/TB-LĐLĐ\nNgày: 2020-09-07\nTrích yếu: Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh\nhttps://kiemtra.example.vn?h=%s\n' \
	"$(cat "$TMP/htb")" > "$TMP/tb.expect"
zbarimg -q --raw "$TMP"/tb-*.pgm 2>/dev/null > "$TMP/tb.code"
check "the notice's code: number, date, subject, fingerprint" diff "$TMP/tb.expect" "$TMP/tb.code"
check "the notice's text unchanged by it" test "$(pdftotext "$TMP/tb.pdf" - | md5sum)" = \
	"$("$VANBAN" render $N -o - | pdftotext - - | md5sum)"
done_tests
