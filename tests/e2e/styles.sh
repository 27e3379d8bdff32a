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
done_tests
