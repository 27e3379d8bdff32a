# Signing with a key on a PKCS#11 token: SoftHSM2 as the token, the key
# and certificates of a throwaway CA put on it with softhsm2-util and
# pkcs11-tool (OpenSC). An RSA key signs alike on the token and in a file,
# so the two PDFs are the same bytes.
. tests/lib.sh
K=$TMP/keys
mkdir -p "$K/tokens"
ossl() { openssl "$@" 2>>"$K/log"; }
ossl req -x509 -newkey rsa:2048 -nodes -keyout "$K/ca.key" -out "$K/ca.pem" -days 3650 \
	-subj "/CN=Test CA/O=vanban tests" -addext "basicConstraints=critical,CA:TRUE" \
	-addext "keyUsage=critical,keyCertSign,cRLSign"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' > "$K/ext"
ossl req -newkey rsa:2048 -nodes -keyout "$K/signer.key" -out "$K/signer.csr" -utf8 \
	-subj "/CN=Nguyễn Thanh Hải"
ossl x509 -req -in "$K/signer.csr" -CA "$K/ca.pem" -CAkey "$K/ca.key" -set_serial 2 \
	-days 3650 -extfile "$K/ext" -out "$K/signer.crt"
cat "$K/signer.key" "$K/signer.crt" "$K/ca.pem" > "$K/signer.pem"
ossl x509 -in "$K/signer.crt" -outform DER -out "$K/signer.der"
ossl x509 -in "$K/ca.pem" -outform DER -out "$K/ca.der"
export SOFTHSM2_CONF=$K/softhsm2.conf
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
	"$K/tokens" > "$SOFTHSM2_CONF"
M=/usr/lib/softhsm/libsofthsm2.so
softhsm2-util --init-token --free --label vanban --pin 4711 --so-pin 0815 >> "$K/log" 2>&1 &&
softhsm2-util --import "$K/signer.key" --token vanban --label signer --id 01 --pin 4711 \
	>> "$K/log" 2>&1 &&
pkcs11-tool --module $M --login --pin 4711 --token-label vanban --write-object "$K/signer.der" \
	--type cert --id 01 --label signer >> "$K/log" 2>&1 &&
pkcs11-tool --module $M --login --pin 4711 --token-label vanban --write-object "$K/ca.der" \
	--type cert --id 02 --label ca >> "$K/log" 2>&1; rc=$?
check "a SoftHSM2 token with the signer's key and certificates" test $rc -eq 0
printf '4711\n' > "$K/pin"
S=samples/thong-bao-ket-luan.yaml
URI="pkcs11:token=vanban;object=signer?module-path=$M"
"$VANBAN" render $S --sign "$URI" --sign-password-file "$K/pin" -o "$TMP/tok.pdf" 2> "$TMP/err"; rc=$?
check "render --sign pkcs11:..." test $rc -eq 0 -a ! -s "$TMP/err"
pdfsig "$TMP/tok.pdf" > "$TMP/pdfsig" 2>&1
check "pdfsig: Signature is Valid" grep -q "Signature Validation: Signature is Valid" "$TMP/pdfsig"
check "pdfsig: ETSI.CAdES.detached" grep -q "Signature Type: ETSI.CAdES.detached" "$TMP/pdfsig"
"$VANBAN" verify "$TMP/tok.pdf" --ca "$K/ca.pem" > "$TMP/v"; rc=$?
check "vanban verify: valid" test $rc -eq 0
check "vanban verify: the signer" grep -q "^  signer: Nguyễn Thanh Hải$" "$TMP/v"
"$VANBAN" render $S --sign "$K/signer.pem" -o "$TMP/file.pdf"
check "the token signs as the key file does: the same bytes" cmp -s "$TMP/tok.pdf" "$TMP/file.pdf"
VANBAN_PKCS11_MODULE=$M VANBAN_SIGN_PASSWORD=4711 "$VANBAN" render $S \
	--sign "pkcs11:token=vanban;id=%01" -o "$TMP/id.pdf"; rc=$?
check "by id, the module and PIN from the environment" test $rc -eq 0
check "by id: the same bytes" cmp -s "$TMP/id.pdf" "$TMP/file.pdf"
"$VANBAN" render $S --sign "$URI" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "no PIN: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/x.pdf"
check "no PIN: the message" test "$(cat "$TMP/err")" = \
	"vanban: error: --sign '$URI': the token needs its PIN: --sign-password-file FILE or VANBAN_SIGN_PASSWORD"
printf '0000\n' > "$K/wrong"
"$VANBAN" render $S --sign "$URI" --sign-password-file "$K/wrong" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "a wrong PIN: the message" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: --sign '$URI': the token refused the PIN"
"$VANBAN" render $S --sign "pkcs11:token=vanban;object=other?module-path=$M" \
	--sign-password-file "$K/pin" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "no such key on the token" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: --sign 'pkcs11:token=vanban;object=other?module-path=$M': no private key of that name on the token"
env -u VANBAN_PKCS11_MODULE "$VANBAN" render $S --sign "pkcs11:token=vanban" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "no module: the message" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: --sign 'pkcs11:token=vanban': no PKCS#11 module: ?module-path=FILE in the URI, or VANBAN_PKCS11_MODULE"
done_tests
