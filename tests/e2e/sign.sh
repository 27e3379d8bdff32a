# Signatures: PAdES-B-B through `render --sign`, checked by poppler's
# pdfsig, OpenSSL's cms and `vanban verify`, against a throwaway CA made
# here; tampering found; the bytes repeatable.
. tests/lib.sh
K=$TMP/keys
mkdir -p "$K"
ossl() { openssl "$@" 2>>"$K/log"; }
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$K/ca.key" -out "$K/ca.pem" -days 3650 \
	-subj "/CN=Test CA/O=vanban tests" -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign,cRLSign"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > "$K/ext"
# person KEYNAME "CN": a key and a certificate the CA issued.
serial=1
person() {
	serial=$((serial + 1))
	ossl req -newkey rsa:2048 -nodes -keyout "$K/$1.key" -out "$K/$1.csr" -utf8 -subj "/CN=$2"
	ossl x509 -req -in "$K/$1.csr" -CA "$K/ca.pem" -CAkey "$K/ca.key" -set_serial $serial \
		-days 3650 -extfile "$K/ext" -out "$K/$1.crt"
}
person signer "Nguyễn Thanh Hải"
person org "LĐLĐ tỉnh Quảng Trị"
cat "$K/signer.key" "$K/signer.crt" "$K/ca.pem" > "$K/signer.pem"
printf 'bí mật 1\n' > "$K/pw"
ossl pkcs12 -export -inkey "$K/org.key" -in "$K/org.crt" -certfile "$K/ca.pem" \
	-passout "pass:bí mật 1" -out "$K/org.p12"
check "a CA, a signer and an organisation made" test -s "$K/signer.pem" -a -s "$K/org.p12"

S=samples/thong-bao-ket-luan.yaml
# The CMS of the last signature of $1 into $2.der and the bytes it covers
# into $2.data.
extract() {
	local br
	br=$(grep -ao '/ByteRange \[[0-9 ]*\]' "$1" | tail -1 | tr -dc '0-9 ' | tr -s ' ')
	set -- "$1" "$2" $br
	head -c "$4" "$1" > "$2.data"
	tail -c +$(($5 + 1)) "$1" | head -c "$6" >> "$2.data"
	grep -ao '/Contents <[0-9a-f]*>' "$1" | tail -1 | sed 's/.*<\(.*\)>/\1/' | tr a-f A-F | basenc --base16 -d \
		> "$2.der"
}

"$VANBAN" render $S --sign "$K/signer.pem" -o "$TMP/one.pdf" 2> "$TMP/err"; rc=$?
check "render --sign with a PEM key and chain" test $rc -eq 0 -a ! -s "$TMP/err"
pdfsig "$TMP/one.pdf" > "$TMP/pdfsig" 2>&1
check "pdfsig: Signature is Valid" grep -q "Signature Validation: Signature is Valid" "$TMP/pdfsig"
check "pdfsig: ETSI.CAdES.detached" grep -q "Signature Type: ETSI.CAdES.detached" "$TMP/pdfsig"
check "pdfsig: the whole document signed" grep -q "Total document signed" "$TMP/pdfsig"
check "pdfsig: SHA-256" grep -q "Signing Hash Algorithm: SHA-256" "$TMP/pdfsig"
check "pdfsig: the signer" grep -q "Common Name: Nguyễn Thanh Hải" "$TMP/pdfsig"
check "the document date is the signing time" grep -q "/M (D:20200907000000+07'00')" "$TMP/one.pdf"
extract "$TMP/one.pdf" "$TMP/one"
ossl cms -verify -cades -binary -inform DER -in "$TMP/one.der" -content "$TMP/one.data" \
	-CAfile "$K/ca.pem" -purpose any -out /dev/null; rc=$?
check "openssl cms -verify -cades on the extracted CMS" test $rc -eq 0
ossl cms -cmsout -print -inform DER -in "$TMP/one.der" > "$TMP/cms.txt"
check "CMS: signing-certificate-v2" grep -q "id-smime-aa-signingCertificateV2" "$TMP/cms.txt"
check "CMS: no signing-time attribute" test "$(grep -c signingTime "$TMP/cms.txt")" -eq 0
check "CMS: content type and message digest" test \
	"$(grep -c 'object: contentType\|object: messageDigest' "$TMP/cms.txt")" -eq 2
qpdf --check "$TMP/one.pdf" > "$TMP/qpdf" 2>&1; rc=$?
check "qpdf --check" test $rc -eq 0
check "the page text unchanged" test "$(pdftotext "$TMP/one.pdf" - | md5sum)" = \
	"$("$VANBAN" render $S -o - | pdftotext - - | md5sum)"
"$VANBAN" render $S --sign "$K/signer.pem" -o "$TMP/one-b.pdf"
check "two runs give the same bytes" cmp -s "$TMP/one.pdf" "$TMP/one-b.pdf"

"$VANBAN" verify "$TMP/one.pdf" --ca "$K/ca.pem" > "$TMP/v" 2>&1; rc=$?
check "vanban verify: exit 0" test $rc -eq 0
cat > "$TMP/v.expect" <<EOF
Signature1: valid
  signer: Nguyễn Thanh Hải
  time: 2020-09-07T00:00:00+07:00
  format: ETSI.CAdES.detached
  covers: the whole file
$TMP/one.pdf: 1 of 1 signature valid
EOF
check "vanban verify: signer, time, result" diff "$TMP/v.expect" "$TMP/v"
"$VANBAN" verify "$TMP/one.pdf" > "$TMP/v" 2>&1; rc=$?
check "verify against the system's store: an unknown CA fails" test $rc -eq 1
check "verify names the chain" grep -q "problem: certificate chain: self-signed certificate in certificate chain" "$TMP/v"
LANG=vi_VN.UTF-8 "$VANBAN" verify "$TMP/one.pdf" > "$TMP/v" 2>&1
check "verify names the chain in Vietnamese" grep -q \
	"^  vấn đề: chuỗi chứng thư số: trong chuỗi có chứng thư số tự ký không được tin cậy$" "$TMP/v"

# One flipped byte in the signed part (inside the first stream).
cp "$TMP/one.pdf" "$TMP/bad.pdf"
at=$(($(grep -abo 'stream' "$TMP/bad.pdf" | head -1 | cut -d: -f1) + 20))
byte=$(od -An -tx1 -j "$at" -N1 "$TMP/bad.pdf" | tr -d ' ')
if [ "$byte" = 41 ]; then new=B; else new=A; fi
printf '%s' "$new" | dd of="$TMP/bad.pdf" bs=1 seek="$at" conv=notrunc 2>/dev/null
check "one byte flipped" test "$(cmp "$TMP/one.pdf" "$TMP/bad.pdf" -l | wc -l)" -eq 1
pdfsig "$TMP/bad.pdf" > "$TMP/pdfsig" 2>&1
check "pdfsig: a flipped byte is a digest mismatch" grep -q "Signature Validation: Digest Mismatch" "$TMP/pdfsig"
"$VANBAN" verify "$TMP/bad.pdf" --ca "$K/ca.pem" > "$TMP/v" 2>&1; rc=$?
check "vanban verify: a flipped byte fails" test $rc -eq 1
check "vanban verify: digest mismatch" grep -q "problem: digest mismatch: the signed bytes have changed" "$TMP/v"
check "vanban verify: 0 of 1 valid" grep -q "bad.pdf: 0 of 1 signature valid" "$TMP/v"
# Bytes appended after the signature are not signed.
cp "$TMP/one.pdf" "$TMP/tail.pdf"
printf '%% appended\n' >> "$TMP/tail.pdf"
"$VANBAN" verify "$TMP/tail.pdf" --ca "$K/ca.pem" > "$TMP/v" 2>&1; rc=$?
check "vanban verify: an unsigned tail fails" test $rc -eq 1
check "vanban verify: says the end is not signed" grep -q "^the end of the file is not covered by any signature$" "$TMP/v"
"$VANBAN" render $S -o "$TMP/plain.pdf"
"$VANBAN" verify "$TMP/plain.pdf" 2> "$TMP/err"; rc=$?
check "vanban verify: no signature is exit 1" test $rc -eq 1
check "vanban verify: no signature message" test "$(cat "$TMP/err")" = \
	"vanban: $TMP/plain.pdf: no signature in the file"
"$VANBAN" verify "$S" 2> "$TMP/err"; rc=$?
check "vanban verify: not a PDF" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: $S: not a PDF file"
"$VANBAN" verify 2> /dev/null; rc=$?
check "vanban verify without a file is a usage error" test $rc -eq 2

# The signer, then the organisation (PKCS#12, password from a file), over
# the signature image and the seal; PDF/A.
C=samples/cong-van.yaml
"$VANBAN" render $C --pdfa --sign "$K/signer.pem" --sign "$K/org.p12" \
	--sign-password-file "$K/pw" -o "$TMP/two.pdf" 2> "$TMP/err"; rc=$?
check "two signatures, PDF/A" test $rc -eq 0 -a ! -s "$TMP/err"
pdfsig "$TMP/two.pdf" > "$TMP/pdfsig" 2>&1
check "pdfsig: both valid" test "$(grep -c 'Signature is Valid' "$TMP/pdfsig")" -eq 2
check "pdfsig: the organisation signs last" grep -q "Common Name: LĐLĐ tỉnh Quảng Trị" "$TMP/pdfsig"
"$VANBAN" verify "$TMP/two.pdf" --ca "$K/ca.pem" > "$TMP/v" 2>&1; rc=$?
check "vanban verify: two valid" test $rc -eq 0
check "vanban verify: the first covers its revision" grep -q "covers: bytes 0-[0-9]* of [0-9]* (a later revision follows)" "$TMP/v"
check "vanban verify: 2 of 2" grep -q "two.pdf: 2 of 2 signatures valid" "$TMP/v"
qpdf --check "$TMP/two.pdf" > "$TMP/qpdf" 2>&1; rc=$?
check "qpdf --check, two signatures" test $rc -eq 0
check "no cross-reference streams" test "$(grep -ac '/XRef' "$TMP/two.pdf")" -eq 0
check "widgets have appearance streams" test "$(grep -ac '/Subtype /Widget .*/AP << /N' "$TMP/two.pdf")" -eq 2
# The widgets over the images: the signature image's box, then the seal's.
"$VANBAN" render $C -f dump -o "$TMP/dump"
rects=$(grep -ao '/Rect \[[0-9. ]*\]' "$TMP/two.pdf" | sed 's/.*\[\(.*\)\]/\1/')
check "the signer's widget over the signature image" test "$(echo "$rects" | head -1)" = \
	"$(awk '/image .*chu-ky/ { printf "%.2f %.2f %.2f %.2f\n", $2, 841.89 - $5, $4, 841.89 - $3 }' "$TMP/dump")"
check "the organisation's widget over the seal" test "$(echo "$rects" | sed -n 2p)" = \
	"$(awk '/image .*con-dau/ { printf "%.2f %.2f %.2f %.2f\n", $2, 841.89 - $5, $4, 841.89 - $3 }' "$TMP/dump")"
"$VANBAN" render $C --pdfa --sign "$K/signer.pem" --sign "$K/org.p12" \
	--sign-password-file "$K/pw" -o "$TMP/two-b.pdf"
check "two signatures: the same bytes again" cmp -s "$TMP/two.pdf" "$TMP/two-b.pdf"
VANBAN_SIGN_PASSWORD="bí mật 1" "$VANBAN" render $S --sign "$K/org.p12" -o "$TMP/env.pdf"; rc=$?
check "PKCS#12 password from VANBAN_SIGN_PASSWORD" test $rc -eq 0

# Signing time.
"$VANBAN" render $S --sign "$K/signer.pem" --sign-time 2020-09-07T14:30:00+07:00 -o "$TMP/t.pdf"
check "--sign-time" grep -q "/M (D:20200907143000+07'00')" "$TMP/t.pdf"
"$VANBAN" render $S --sign "$K/signer.pem" --sign-time 2020-09-07T07:30:00Z -o "$TMP/t.pdf"
check "--sign-time in UTC, written in Vietnam's time" grep -q "/M (D:20200907143000+07'00')" "$TMP/t.pdf"
SOURCE_DATE_EPOCH=1599465600 "$VANBAN" render $S --sign "$K/signer.pem" -o "$TMP/t.pdf"
check "SOURCE_DATE_EPOCH" grep -q "/M (D:20200907150000+07'00')" "$TMP/t.pdf"
"$VANBAN" render $S --sign "$K/signer.pem" --sign-time 2020-13-01 -o "$TMP/t2.pdf" 2> "$TMP/err"; rc=$?
check "a bad --sign-time is a usage error" test $rc -eq 2 -a ! -e "$TMP/t2.pdf"
check "a bad --sign-time: the message" grep -q "^vanban: --sign-time takes now, YYYY-MM-DD" "$TMP/err"

# Keys that cannot be used: an error, no file.
"$VANBAN" render $S --sign "$K/org.p12" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "PKCS#12 without a password: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/x.pdf"
check "PKCS#12 without a password: the message" test "$(cat "$TMP/err")" = \
	"vanban: error: --sign '$K/org.p12': the PKCS#12 file needs a password: --sign-password-file FILE or VANBAN_SIGN_PASSWORD"
printf 'wrong\n' > "$K/wrong"
"$VANBAN" render $S --sign "$K/org.p12" --sign-password-file "$K/wrong" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "a wrong password: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/x.pdf"
check "a wrong password: the message" test "$(cat "$TMP/err")" = \
	"vanban: error: --sign '$K/org.p12': the PKCS#12 file could not be opened (a wrong password?)"
"$VANBAN" render $S --sign "$K/signer.crt" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "a certificate without its key: exit 1" test $rc -eq 1 -a ! -e "$TMP/x.pdf"
"$VANBAN" render $S --sign "$K/none.pem" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "a missing key file: the message" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: --sign '$K/none.pem': cannot read it: No such file or directory"
"$VANBAN" render $S --sign "$K/signer.pem" -f dump -o "$TMP/x.txt" 2> "$TMP/err"; rc=$?
check "--sign with -f dump is a usage error" test $rc -eq 2 -a ! -e "$TMP/x.txt"
"$VANBAN" render $S --sign-password-file "$K/pw" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "--sign-password-file without --sign is a usage error" test $rc -eq 2 -a ! -e "$TMP/x.pdf"

# The block of an electronic copy (ô 14) and of an attachment in a
# separate file: 10 pt, top right of page 1, the signing time in ISO 8601.
sed -n '/^archive:/q;p' $S > "$TMP/copy.yaml"
cat >> "$TMP/copy.yaml" <<'EOF'
archive: VT, TH
copy:
  form: SAO LỤC
  number: 5
  code: VP
  by: Văn phòng Liên đoàn Lao động tỉnh Quảng Trị
EOF
"$VANBAN" render "$TMP/copy.yaml" --sign "$K/org.p12" --sign-password-file "$K/pw" \
	--sign-time 2020-09-08T09:15:00 -o "$TMP/copy.pdf" 2> "$TMP/err"; rc=$?
check "an electronic copy, signed" test $rc -eq 0 -a ! -s "$TMP/err"
cat > "$TMP/copy.expect" <<'EOF'
Sao lục, số 05/SL-VP
Văn phòng Liên đoàn Lao động tỉnh Quảng Trị
2020-09-08T09:15:00+07:00
EOF
# The block alone: the top 58 pt of the right half.
pdftotext -f 1 -l 1 -x 300 -y 0 -W 300 -H 58 "$TMP/copy.pdf" - | sed '/^\f*$/d' > "$TMP/copy.txt"
check "the copy's block: form, number, organisation, time" diff "$TMP/copy.expect" "$TMP/copy.txt"
check "the block's time is the signature's" grep -q "/M (D:20200908091500+07'00')" "$TMP/copy.pdf"
sed 's/^copy:$/attachment: true\ncopy0:/' "$TMP/copy.yaml" | sed '/^copy0:/,$d' > "$TMP/att.yaml"
SOURCE_DATE_EPOCH=1599465600 "$VANBAN" render "$TMP/att.yaml" -o "$TMP/att.pdf"; rc=$?
pdftotext -f 1 -l 1 -x 300 -y 0 -W 300 -H 58 "$TMP/att.pdf" - | sed '/^\f*$/d' > "$TMP/att.txt"
printf 'Số: 125/TB-LĐLĐ\n2020-09-07T15:00:00+07:00\n' > "$TMP/att.expect"
check "an attachment's block: number and time" diff "$TMP/att.expect" "$TMP/att.txt"
sed 's/form: SAO LỤC/form: SAO CHÉP/' "$TMP/copy.yaml" > "$TMP/badcopy.yaml"
"$VANBAN" render "$TMP/badcopy.yaml" -o "$TMP/badcopy.pdf" 2> "$TMP/err"; rc=$?
line=$(grep -n "form: SAO" "$TMP/badcopy.yaml" | cut -d: -f1)
check "a bad copy form: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/badcopy.pdf"
check "a bad copy form: the message" grep -q "^$TMP/badcopy.yaml:$line:9: error: 'copy.form' must be SAO Y, SAO LỤC or TRÍCH SAO, got 'SAO CHÉP'$" "$TMP/err"
done_tests
