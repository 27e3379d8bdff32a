# Style values that are not sizes: the wordings of the header and the
# closing, and the stamp colour, come from the style file.
. tests/lib.sh
mkdir -p "$TMP/doc"
cat > "$TMP/doc/house.yaml" <<'YAML'
base: nd30
header:
  vv_prefix: "Về việc"
  to_label: "Kính gởi:"
closing:
  recipients_label: "Nơi gửi:"
  as_above: Như trên (để thực hiện)
stamps:
  color: "#0000C0"
YAML
cp -r samples/images "$TMP/doc/"
sed 's|^style: nd30$|style: house.yaml|' samples/cong-van.yaml > "$TMP/doc/cv.yaml"
"$VANBAN" render -f dump "$TMP/doc/cv.yaml" -o "$TMP/cv.dump" 2> "$TMP/err"
check "a house style's wordings and colours render" test $? -eq 0
check "the V/v prefix comes from the style" grep -q '"Về việc Rà soát' "$TMP/cv.dump"
check "the Kính gửi label comes from the style" grep -q '"Kính gởi:"' "$TMP/cv.dump"
check "the Nơi nhận label comes from the style" grep -q 'BI 12.00 "Nơi gửi:"' "$TMP/cv.dump"
check "the first recipient after a Kính gửi comes from the style" \
	grep -q '"- Như trên (để thực hiện);"' "$TMP/cv.dump"
check "the stamp colour comes from the style" grep -q '#0000C0 "KHẨN"' "$TMP/cv.dump"
check "no text keeps the default wording" test -s "$TMP/cv.dump" -a -z "$(grep -e '"V/v ' -e '"Nơi nhận:"' "$TMP/cv.dump")"

# A house style extends the breaker's lexicon with a list that includes
# the shipped one: "dự án đầu tư" kept whole moves the issuer's breaks.
sed 's|^  name: BAN THƯỜNG VỤ|  name: BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG CÔNG TRÌNH DÂN DỤNG|' \
	tests/bad/ok.yaml > "$TMP/doc/ql.yaml"
printf 'base: nd30\nbreaking:\n  phrases: house-phrases.txt\n' > "$TMP/doc/ph.yaml"
printf '# the house list\ninclude phrases.txt\n[compound]\ndự án đầu tư\n' > "$TMP/doc/house-phrases.txt"
sed 's|^type: thong-bao|type: thong-bao\nstyle: ph.yaml|' "$TMP/doc/ql.yaml" > "$TMP/doc/ql2.yaml"
"$VANBAN" render -f dump "$TMP/doc/ql.yaml" -o "$TMP/ql.dump"
"$VANBAN" render -f dump "$TMP/doc/ql2.yaml" -o "$TMP/ql2.dump" 2> "$TMP/err"
check "a house list of phrases renders" test $? -eq 0 -a ! -s "$TMP/err"
check "without it the issuer breaks inside the phrase" grep -q '"ĐẦU TƯ XÂY DỰNG"' "$TMP/ql.dump"
check "with it the phrase stays on one line" grep -q '"DỰ ÁN ĐẦU TƯ XÂY DỰNG"' "$TMP/ql2.dump"
check "the shipped list is still in force" grep -q '"CÔNG TRÌNH DÂN DỤNG"' "$TMP/ql2.dump"
printf '[compund]\nx\n' > "$TMP/doc/house-phrases.txt"
"$VANBAN" render "$TMP/doc/ql2.yaml" -o "$TMP/ql2.pdf" 2> "$TMP/err"; rc=$?
check "a bad list is an error" test $rc -eq 1 -a ! -e "$TMP/ql2.pdf"
check "a bad list's message" grep -qF "house-phrases.txt:1:1: error: unknown section '[compund]' (known: [compound], [agency], [place], [surname], [unit], [free], [leader], [number], [authority])" "$TMP/err"
printf 'base: nd30\nbreaking:\n  phrases: none.txt\n' > "$TMP/doc/ph.yaml"
"$VANBAN" render "$TMP/doc/ql2.yaml" -o "$TMP/ql2.pdf" 2> "$TMP/err"; rc=$?
check "a missing list is an error" test $rc -eq 1 -a ! -e "$TMP/ql2.pdf"
check "a missing list's message" grep -qF "ph.yaml:3:12: error: cannot open phrase list 'none.txt' (looked in $TMP/doc and" "$TMP/err"
done_tests
