# How the PDF backend writes fonts and streams: each face's subset is the
# font program itself, with only the tables a PDF reader uses; the faces
# share one ToUnicode CMap; every font descriptor has /CapHeight; the
# streams are compressed (libdeflate) and read back whole. And the build:
# libharu's byte loops are the program's, the archives linked in.
. tests/lib.sh
S=samples/thong-bao-ket-luan.yaml
"$VANBAN" render $S -o "$TMP/n.pdf"; rc=$?
check "the notice renders" test $rc -eq 0
qpdf --qdf --object-streams=disable "$TMP/n.pdf" "$TMP/q.pdf"
faces=$(grep -c '/Subtype /Type0' "$TMP/q.pdf")
check "four faces in the notice ($faces)" test "$faces" -eq 4
check "CapHeight in every font descriptor of an ordinary file" \
	test "$(grep -c '/CapHeight' "$TMP/q.pdf")" -eq "$(grep -c '/Type /FontDescriptor' "$TMP/q.pdf")"
check "no CIDSet outside PDF/A" test "$(grep -c '/CIDSet' "$TMP/q.pdf")" -eq 0
tu=$(grep -ao '/ToUnicode [0-9]* 0 R' "$TMP/q.pdf" | sort -u | wc -l)
check "the faces share one ToUnicode CMap ($tu)" test "$tu" -eq 1
check "the CMap maps by bfrange, surrogates left out" test "$(grep -ac '^48 beginbfrange$' "$TMP/q.pdf")" -eq 1
# The tables of each embedded program, from the file as written.
python3 - "$TMP/n.pdf" > "$TMP/tables" <<'PY'
import re, struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
for m in re.finditer(rb'/Length1 (\d+)', d):
    start = d.index(b'stream', m.end())
    start = d.index(b'\n', start) + 1
    font = zlib.decompress(d[start:d.index(b'endstream', start)])
    n = struct.unpack('>H', font[4:6])[0]
    tags = [font[12 + 16 * i:16 + 16 * i].decode() for i in range(n)]
    print(len(font) == int(m.group(1)), ' '.join(tags))
PY
check "four font programs" test "$(wc -l < "$TMP/tables")" -eq 4
check "each program as long as its /Length1" test -z "$(grep -v '^True ' "$TMP/tables")"
check "only the tables a PDF reader uses" test -z "$(grep -v \
	'^True OS/2 cmap cvt  fpgm glyf head hhea hmtx loca maxp name post prep$' "$TMP/tables")"
# Every compressed stream inflates to its end, and the text is all there.
python3 - "$TMP/n.pdf" > "$TMP/streams" <<'PY'
import re, sys, zlib
d = open(sys.argv[1], 'rb').read()
bad = good = 0
for m in re.finditer(rb'/Filter /FlateDecode\n>>\nstream\r?\n', d):
    end = d.index(b'endstream', m.end())
    z = zlib.decompressobj()
    z.decompress(d[m.end():end])
    if z.eof and z.unused_data.strip() == b'':
        good += 1
    else:
        bad += 1
print(good, bad)
PY
read -r good bad < "$TMP/streams"
check "compressed streams inflate whole ($good, $bad bad)" test "$good" -ge 10 -a "$bad" -eq 0
check "no stream left to libharu's compression" test "$(grep -ac '/Filter \[ /FlateDecode \]' "$TMP/n.pdf")" -eq 0
pdftotext "$TMP/n.pdf" "$TMP/n.txt"
check "the text extracts as before" cmp -s "$TMP/n.txt" tests/expect/thong-bao-ket-luan.txt
# The build: HPDF_MemCpy and HPDF_MemSet are the program's (they take
# libharu's place only while the program exports them), and the archives
# are linked in unless LINK=shared.
nm -D --defined-only "$VANBAN" > "$TMP/syms"
check "the program defines HPDF_MemCpy for libharu" grep -q ' T HPDF_MemCpy$' "$TMP/syms"
check "the program defines HPDF_MemSet for libharu" grep -q ' T HPDF_MemSet$' "$TMP/syms"
make -s -n -B vanban | tail -n 1 > "$TMP/link"
make -s -n -B LINK=shared vanban | tail -n 1 > "$TMP/link-shared"
check "archives linked in by default" grep -q -- '-Wl,-Bstatic .*-lsqlite3 .*-Wl,-Bdynamic .*-lhpdf' "$TMP/link"
check "LINK=shared links shared objects only" test "$(grep -c -- '-Bstatic' "$TMP/link-shared")" -eq 0
check "LINK=shared still links every library" grep -q -- '-lsqlite3 .*-ldeflate .*-lhpdf .*-lcrypto .*-lp11' "$TMP/link-shared"
done_tests
