# Damaged, oversized and unknown images as a signature or a seal: each is an
# input error at the image's name in the YAML, exit 1, nothing written,
# with and without --pdfa. The files are made here from a good PNG.
. tests/lib.sh

python3 - "$TMP" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b))
def png(w, h, idat, ihdr=None):
    ihdr = ihdr or struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b"")
raw = zlib.compress(b"".join(b"\0" + b"\x10\x20\x30\x80" * 8 for _ in range(8)))
good = png(8, 8, chunk(b"IDAT", raw))
files = {
    "good.png": good,
    # the IDAT's checksum off by one
    "crc.png": good.replace(chunk(b"IDAT", raw), chunk(b"IDAT", raw)[:-1] +
                            bytes([chunk(b"IDAT", raw)[-1] ^ 1])),
    # half the pixels' data
    "short.png": png(8, 8, chunk(b"IDAT", zlib.compress(b"\0" * 70))),
    # colour type 6 with 3 bits, and the colour type 5 that does not exist
    "bits.png": png(8, 8, chunk(b"IDAT", raw), struct.pack(">IIBBBBB", 8, 8, 3, 6, 0, 0, 0)),
    "ihdr.png": png(8, 8, chunk(b"IDAT", raw), struct.pack(">IIBBBBB", 8, 8, 8, 5, 0, 0, 0)),
    # a tiny file that claims 100000×100000
    "huge.png": png(100000, 100000, chunk(b"IDAT", raw)),
    "wide.png": png(10001, 1, chunk(b"IDAT", raw)),
    "many.png": png(8000, 8000, chunk(b"IDAT", raw)),
    "photo.png": b"\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0" + b"\0" * 64 + b"\xff\xd9",
}
# a valid 6000×6000 RGBA image: 144 MB once decoded
z = zlib.compressobj(1)
row = b"\0" + b"\x10\x20\x30\x80" * 6000
big = b"".join(z.compress(row) for _ in range(6000)) + z.flush()
files["big.png"] = png(6000, 6000, chunk(b"IDAT", big))
for n, b in files.items():
    open(d + "/" + n, "wb").write(b)
PY

# A real JPEG (a page rendered by pdftoppm), cut short, and claiming
# 60000×60000 in its frame header.
"$VANBAN" render tests/bad/ok.yaml -o "$TMP/page.pdf" 2> /dev/null &&
	pdftoppm -jpeg -r 15 -singlefile "$TMP/page.pdf" "$TMP/scan"
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
b = open(d + "/scan.jpg", "rb").read()
open(d + "/short.jpg", "wb").write(b[:600])
i = b.index(b"\xff\xc0")
open(d + "/huge.jpg", "wb").write(b[:i + 5] + b"\xea\x60\xea\x60" + b[i + 9:])
PY

# doc IMAGE SEAL: ok.yaml with a signature image and a seal, in $TMP.
doc() {
	sed -e "s/^  name: Nguyễn Thanh Hải$/&\n  image: $1\n  seal: $2/" tests/bad/ok.yaml > "$TMP/doc.yaml"
	grep -q "^  seal: $2" "$TMP/doc.yaml"
}

# bad NAME FILE MESSAGE: the image as the seal (line 18, column 9).
bad() {
	local name=$1 file=$2 want="doc.yaml:18:9: error: $3" mode got rc
	doc good.png "$file" || { fail "$name" "ok.yaml has no signer's name line"; return; }
	for mode in "" --pdfa; do
		rm -f "$TMP/out.pdf"
		(cd "$TMP" && "$VANBAN" render $mode doc.yaml -o out.pdf) > /dev/null 2> "$TMP/err"
		rc=$?
		got=$(head -1 "$TMP/err")
		if [ $rc -ne 1 ]; then
			fail "$name $mode" "exit $rc, want 1" "$(head -3 "$TMP/err")"
		elif [ "$got" != "$want" ]; then
			fail "$name $mode" "got:  $got" "want: $want"
		elif [ -e "$TMP/out.pdf" ] || ls "$TMP" | grep -q '^out\.pdf\.'; then
			fail "$name $mode" "an output file was written"
		else
			ok "$name $mode"
		fi
	done
}

bad "crc error" crc.png "'crc.png' is a damaged PNG image (IDAT: CRC error)"
bad "truncated data" short.png "'short.png' is a damaged PNG image (Not enough image data)"
bad "3 bits per channel" bits.png "'bits.png' has 3 bits per channel; save it as an 8-bit PNG"
bad "invalid IHDR" ihdr.png "'ihdr.png' is a damaged PNG image (Invalid IHDR data)"
bad "huge header" huge.png "'huge.png' is 100000×100000 pixels; an image may have at most 10000 a side and 40 million pixels in all"
bad "too wide" wide.png "'wide.png' is 10001×1 pixels; an image may have at most 10000 a side and 40 million pixels in all"
bad "too many pixels" many.png "'many.png' is 8000×8000 pixels; an image may have at most 10000 a side and 40 million pixels in all"
bad "damaged JPEG named .png" photo.png "'photo.png' is a damaged JPEG image (Corrupt JPEG data: 64 extraneous bytes before marker 0xd9)"
bad "truncated JPEG" short.jpg "'short.jpg' is a damaged JPEG image (Premature end of JPEG file)"
bad "huge JPEG header" huge.jpg "'huge.jpg' is 60000×60000 pixels; an image may have at most 10000 a side and 40 million pixels in all"

# The good images render, with and without --pdfa (a JPEG named .png too).
cp "$TMP/scan.jpg" "$TMP/scan-jpeg.png"
doc scan-jpeg.png scan.jpg
for mode in "" --pdfa; do
	rm -f "$TMP/out.pdf"
	(cd "$TMP" && "$VANBAN" render $mode doc.yaml -o out.pdf) > /dev/null 2> "$TMP/err"
	check "good JPEGs $mode" test $? -eq 0 -a -s "$TMP/out.pdf"
done
doc good.png good.png
for mode in "" --pdfa; do
	rm -f "$TMP/out.pdf"
	(cd "$TMP" && "$VANBAN" render $mode doc.yaml -o out.pdf) > /dev/null 2> "$TMP/err"
	check "good PNGs $mode" test $? -eq 0 -a -s "$TMP/out.pdf"
done

# Out of memory (the address space cut to 200 MB): a clean error, exit 3,
# no output and no temporary file left, an existing output kept. The
# sanitizers reserve terabytes of address space, so not under them.
case "$VANBAN" in
*asan*) ok "out of memory (skipped under the sanitizers)" ;;
*)
	doc good.png big.png
	echo old > "$TMP/out.pdf"
	(ulimit -v 200000; cd "$TMP" && "$VANBAN" render doc.yaml -o out.pdf) > /dev/null 2> "$TMP/err"
	rc=$?
	if [ $rc -ne 3 ] || [ "$(cat "$TMP/err")" != "vanban: error: out of memory" ]; then
		fail "out of memory" "exit $rc, want 3" "$(head -3 "$TMP/err")"
	elif [ "$(cat "$TMP/out.pdf")" != old ] || ls "$TMP" | grep -q '^out\.pdf\.'; then
		fail "out of memory" "the output was touched"
	else
		ok "out of memory"
	fi ;;
esac

done_tests
