# render -f svg: one well-formed SVG file, the pages one under the other,
# every word where the PDF has it (pdftotext -bbox, within 0.5 pt).
. tests/lib.sh
"$VANBAN" render samples/thong-bao-ket-luan.yaml -o "$TMP/tb.pdf" || exit 1
"$VANBAN" render samples/thong-bao-ket-luan.yaml -f svg -o "$TMP/tb.svg"
check "render -f svg exits 0" test $? -eq 0
check "the SVG is well-formed XML" xmllint --noout "$TMP/tb.svg"
pages=$(pdfinfo "$TMP/tb.pdf" | awk '/^Pages:/ { print $2 }')
check "one page group per PDF page ($pages)" \
	test "$(grep -c '^<g id="page-' "$TMP/tb.svg")" -eq "$pages"
check "page size in millimetres" grep -q '^<svg xmlns="http://www.w3.org/2000/svg" width="210mm"' "$TMP/tb.svg"
check "the four faces' fonts are embedded" \
	test "$(grep -o '@font-face{font-family:vb[0-3];src:url("data:font/ttf;base64,' "$TMP/tb.svg" | wc -l)" -ge 3
check "bold text is set in the bold class" grep -q '<text class="f1" [^>]*>THÔNG BÁO</text>' "$TMP/tb.svg"
check "italic text is set in the italic class" grep -q '<text class="f2" [^>]*>Quảng Trị, ngày' "$TMP/tb.svg"
check "rules are lines" grep -q '<line x1=' "$TMP/tb.svg"

# The SVG's items (a run of words set from one point): page x baseline
# and the first word.
awk '/^<g id="page-/ { page++ }
     /^<text / { x = $0; sub(/.* x="/, "", x); sub(/".*/, "", x);
		 y = $0; sub(/.* y="/, "", y); sub(/".*/, "", y);
		 t = $0; sub(/^<text [^>]*>/, "", t); sub(/<\/text>$/, "", t);
		 gsub(/&quot;/, "\"", t); gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t); gsub(/&amp;/, "\\&", t);
		 if (t ~ /^ /) next; sub(/ .*/, "", t); print page, x, y, t }' "$TMP/tb.svg" > "$TMP/svgwords"
pdftotext -bbox "$TMP/tb.pdf" "$TMP/bbox.html"
awk -F'"' '/<page / { page++ }
	/<word / { h = $8 - $4; base = $8 - h * 0.216 / 1.107;
		   t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t);
		   gsub(/&quot;/, "\"", t); gsub(/&lt;/, "<", t); gsub(/&gt;/, ">", t); gsub(/&amp;/, "\\&", t);
		   printf "%d %.3f %.3f %s\n", page, $2, base, t }' "$TMP/bbox.html" > "$TMP/pdfwords"
# Each SVG item against the PDF word of the same text on its page nearest
# to it: how many are within 0.5 pt, and how many are not. pdftotext joins
# a word and the punctuation set after it ("20/9/2020" "." makes one
# word): those without a twin are counted apart and must be few.
awk 'NR == FNR { k = $1 SUBSEP $4; n[k]++; X[k, n[k]] = $2; Y[k, n[k]] = $3; next }
     { k = $1 SUBSEP $4; best = 1e9; if (!n[k]) { joined++; next }
       for (i = 1; i <= n[k]; i++) { d = (X[k, i] - $2)^2 + (Y[k, i] - $3)^2; if (d < best) best = d }
       if (best <= 0.25) good++; else { bad++; if (bad < 4) print "far:", $0 > "/dev/stderr" } }
     END { print good + 0, bad + 0, joined + 0 }' "$TMP/pdfwords" "$TMP/svgwords" > "$TMP/cmp"
read good bad joined < "$TMP/cmp"
total=$(wc -l < "$TMP/svgwords")
check "every SVG item starts where the PDF word does, within 0.5 pt ($good of $total)" \
	test "$bad" -eq 0 -a "$total" -gt 500 -a "$good" -ge $((total * 99 / 100))
check "pdftotext joined at most 1% of the items ($joined)" test "$joined" -le $((total / 100))

# Certificates: a page for each awardee, as in the PDF.
"$VANBAN" render samples/giay-khen-2020.yaml -o "$TMP/gk.pdf" || exit 1
"$VANBAN" render samples/giay-khen-2020.yaml -f svg -o "$TMP/gk.svg"
check "certificates with -f svg: exit 0" test $? -eq 0
check "certificates with -f svg: well-formed" xmllint --noout "$TMP/gk.svg"
check "certificates with -f svg: one page group per PDF page" \
	test "$(grep -c '^<g id="page-' "$TMP/gk.svg")" -eq "$(pdfinfo "$TMP/gk.pdf" | awk '/^Pages:/ { print $2 }')"

# Refusals: --split.
"$VANBAN" render samples/giay-khen-2020.yaml -f svg --split "$TMP/split" 2>"$TMP/err"
check "--split with -f svg is a usage error" test $? -eq 2
check "--split with -f svg: the message" \
	grep -qx "vanban: --split writes PDF or .docx files; -f dump or svg does not go with it" "$TMP/err"
"$VANBAN" render samples/cong-van.yaml -f svg -o "$TMP/" 2>/dev/null
check "-o DIR/ names the file .svg" test -s "$TMP/cong-van.svg"
done_tests
