# The samples render, their text extracts exactly (tests/expect/<name>.txt,
# pdftotext's default reading order), poppler has nothing to complain
# about, and rendering is byte-for-byte repeatable.
. tests/lib.sh
for s in samples/*.yaml samples/*.md; do
	name=$(basename "${s%.*}")
	"$VANBAN" render "$s" -o "$TMP/$name.pdf" 2> "$TMP/err"; rc=$?
	check "sample $name renders" test $rc -eq 0 -a ! -s "$TMP/err"
	pdftotext "$TMP/$name.pdf" "$TMP/$name.txt" 2> "$TMP/pterr"
	check "sample $name: pdftotext prints no warning" test ! -s "$TMP/pterr"
	if cmp -s "$TMP/$name.txt" "tests/expect/$name.txt"; then
		ok "sample $name: extracted text"
	else
		fail "sample $name: extracted text" "$(diff "tests/expect/$name.txt" "$TMP/$name.txt" | head -20)"
	fi
	"$VANBAN" render "$s" -o "$TMP/$name.2.pdf"
	check "sample $name: same input, same bytes" cmp -s "$TMP/$name.pdf" "$TMP/$name.2.pdf"
	if command -v qpdf >/dev/null; then
		check "sample $name: qpdf --check" qpdf --check "$TMP/$name.pdf" >/dev/null
	fi
	# Only the faces used are embedded, each as an embedded subset.
	pdffonts "$TMP/$name.pdf" | tail -n +3 > "$TMP/fonts"
	check "sample $name: fonts embedded" test -z "$(awk '$(NF-4) != "yes"' "$TMP/fonts")"
	check "sample $name: fonts subset" test -z "$(awk '$(NF-3) != "yes"' "$TMP/fonts")"
	check "sample $name: no more than the four faces" test "$(wc -l < "$TMP/fonts")" -le 4
	# Subset tags from the subsets' bytes: six capitals, none libharu's
	# HPDFAA+ that every document would share.
	check "sample $name: subset tags of their own" test -s "$TMP/fonts" -a -z \
		"$(awk '$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ || $1 ~ /^HPDF/' "$TMP/fonts")"
	awk '{ sub(/,.*/, "", $1); print $1 }' "$TMP/fonts" >> "$TMP/tags"
done

# A tag names one subset: the regular faces of two samples (other glyphs)
# have different tags, and no tag stands for two faces.
r1=$(pdffonts "$TMP/cong-van.pdf" | awk '$1 ~ /\+LiberationSerif$/ { print $1 }')
r2=$(pdffonts "$TMP/giay-moi.pdf" | awk '$1 ~ /\+LiberationSerif$/ { print $1 }')
check "different subsets, different tags ($r1, $r2)" test -n "$r1" -a -n "$r2" -a "$r1" != "$r2"
check "no tag for two faces" test -z "$(sed 's/+.*//' "$TMP/tags" | sort | uniq -c |
	awk '$1 > 0 { print $2 }' | while read t; do grep "^$t+" "$TMP/tags" | sort -u | wc -l; done | grep -v '^1$')"

# The locale does not change the output (no decimal commas). vi_VN writes
# decimals with a comma; it is built here from Debian's locales package,
# without root, and must really be in force, or the comparison proves
# nothing.
mkdir -p "$TMP/loc"
localedef -i vi_VN -f UTF-8 "$TMP/loc/vi_VN.UTF-8" >/dev/null 2>&1
vi() { LOCPATH=$TMP/loc LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 "$@"; }
check "the vi_VN locale is in force (decimal comma)" \
	test "$(vi locale decimal_point 2>/dev/null)" = ","
LC_ALL=C.UTF-8 "$VANBAN" render samples/thong-bao-ket-luan.yaml -o "$TMP/c.pdf"
vi "$VANBAN" render samples/thong-bao-ket-luan.yaml -o "$TMP/vi.pdf"
check "output does not depend on the locale" cmp -s "$TMP/c.pdf" "$TMP/vi.pdf"

# Decomposed (NFD) accents are normalised, not an error: the text that
# comes out is the composed one.
nfd=$(printf 'Nguye\xcc\x82\xcc\x83n Thanh Ha\xcc\x89i')
sed "s/Nguyễn Thanh Hải/$nfd/" tests/bad/ok.yaml > "$TMP/nfd.yaml"
check "NFD input is different bytes" test "$(grep -c "$nfd" "$TMP/nfd.yaml")" -eq 1
"$VANBAN" render "$TMP/nfd.yaml" -o "$TMP/nfd.pdf"; rc=$?
check "NFD input renders" test $rc -eq 0
"$VANBAN" render tests/bad/ok.yaml -o "$TMP/nfc.pdf"
check "NFD input gives the NFC output" cmp -s "$TMP/nfd.pdf" "$TMP/nfc.pdf"
pdftotext "$TMP/nfd.pdf" - | grep -q "^Nguyễn Thanh Hải$"
check "NFD name extracts composed" test $? -eq 0

# The front-matter form and the YAML form of one document are the same PDF.
{
	echo "---"
	sed '/^body: |/,/^signature:/{/^signature:/!d}' tests/bad/ok.yaml
	echo "---"
	sed -n '/^body: |/,/^signature:/p' tests/bad/ok.yaml | sed '1d;$d' | sed 's/^  //'
} > "$TMP/fm.md"
"$VANBAN" render "$TMP/fm.md" -o "$TMP/fm.pdf"; rc=$?
check "front matter form renders" test $rc -eq 0
check "front matter and YAML forms give the same PDF" cmp -s "$TMP/fm.pdf" "$TMP/nfc.pdf"
done_tests
