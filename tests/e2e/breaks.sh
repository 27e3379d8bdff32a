# What stays together on a line: a date's words and their numbers, "Số:"
# and its number, an e-mail address's "@" and its name, "./." and its word; and
# the Kính gửi block, which keeps its place when an addressee is long.
. tests/lib.sh
for s in samples/*.yaml samples/*.md; do
	name=$(basename "${s%.*}")
	"$VANBAN" render "$s" -o "$TMP/$name.pdf" 2> /dev/null
	pdftotext "$TMP/$name.pdf" - >> "$TMP/all.txt"
done
check "the samples' text is there" test "$(wc -l < "$TMP/all.txt")" -gt 1000
ends=$(awk 'p ~ /(^| )(ngày|Ngày|tháng|Tháng|năm|Năm|Số:|số)$/ && /^[0-9]/ { print NR ": " p " / " $0 } { p = $0 }' "$TMP/all.txt")
check "no line ends with ngày, tháng, năm or Số before its number" test -z "$ends"
[ -z "$ends" ] || echo "$ends" | head -5
starts=$(grep -nE '^(@|\./\.)' "$TMP/all.txt")
check "no line starts with '@' or a lone './.'" test -z "$starts"
[ -z "$starts" ] || echo "$starts" | head -5
# an address that fits is cut, if need be, after its "@" (never before),
# so that the line before it stays tight
check "the invitation's e-mail address is cut after its @" \
	grep -qx 'quangtri.gov.vn.' "$TMP/all.txt"
"$VANBAN" render samples/giay-moi.yaml -o "$TMP/gm.pdf"
check "... at the end of a full line" test "$(pdftotext -layout "$TMP/gm.pdf" - |
	grep -c 'thư điện tử vanphong.cdvc@$')" -eq 1

# Kính gửi with one addressee longer than the line: the block stays where
# the short ones put it, the long one wraps inside it.
long="Ban Chấp hành Công đoàn cơ sở các trường trung học phổ thông, trung học cơ sở và tiểu học trên địa bàn tỉnh Quảng Trị"
sed "s|^recipients:|to:\n  - Liên đoàn Lao động tỉnh\n  - $long\n  - Công đoàn ngành Giáo dục\nrecipients:|" \
	tests/bad/ok.yaml > "$TMP/to.yaml"
"$VANBAN" render -f dump "$TMP/to.yaml" -o "$TMP/to.dump" 2> "$TMP/err"
check "a long addressee renders" test $? -eq 0 -a ! -s "$TMP/err"
label_x=$(awk '/"Kính gửi:"/ { print $2; exit }' "$TMP/to.dump")
check "the label is not pushed to the margin" awk -v x="$label_x" 'BEGIN { exit !(x > 100) }'
# every line of the addressees starts at one x, after the label
xs=$(awk '/"Kính gửi:"/ { f = 1; next } f && /"- |^  text/ && $4 == "R" && $5 == "14.00" { print $2 } /"THÔNG BÁO"/ { exit }' "$TMP/to.dump" | sort -u)
check "the addressees' lines are aligned" test "$(echo "$xs" | wc -l)" -eq 1
check "the long addressee wraps" test "$(grep -c '"- Ban Chấp hành' "$TMP/to.dump")" -eq 1 -a \
	-z "$(grep -F "\"- $long;\"" "$TMP/to.dump")"

# Table cells break between words while their column can be wider: the
# columns make room for the compounds ("Công nghệ", "Môi trường", "đề
# nghị"), and the cells keep them whole.
body_doc() { echo ---; sed '/^body:/,/^[^ ]/{/^body:/d;/^ /d}' tests/bad/ok.yaml; echo ---; echo "$1"; }
body_doc "Các đơn vị:

| TT | Đơn vị | Nội dung đề nghị khen thưởng | Kết quả |
|---|---|---|---|
| 1 | Sở Khoa học và Công nghệ | Hoàn thành xuất sắc nhiệm vụ năm 2020, dẫn đầu phong trào thi đua của khối các cơ quan tỉnh | Đề nghị |
| 2 | Sở Tài nguyên và Môi trường | Hoàn thành tốt nhiệm vụ, tích cực tham gia các hoạt động của công đoàn cơ sở | Đề nghị |
| 3 | Trung tâm Công nghệ thông tin | Hoàn thành nhiệm vụ | Không đề nghị |" > "$TMP/cells.md"
"$VANBAN" render -f dump "$TMP/cells.md" -o "$TMP/cells.dump" 2> "$TMP/err"
check "a table of compounds renders" test $? -eq 0 -a ! -s "$TMP/err"
# the dump gives a cell line word by word, each but the last with its
# space; a line may not end with the first syllable of a compound
awk '$1 == "text" && $5 == "13.00" { t = $0; sub(/^[^"]*"/, "", t); sub(/"$/, "", t)
	line = line t; if (t !~ / $/) { print line; line = "" } }' "$TMP/cells.dump" > "$TMP/cells.txt"
cut=$(grep -E '(Công|Môi|đề|Đề|Tài|Khoa|thi|nhiệm|xuất|công|Trung)[ ]*$' "$TMP/cells.txt")
check "no cell line ends inside a compound" test -s "$TMP/cells.txt" -a -z "$cut"
[ -z "$cut" ] || echo "$cut" | head -5
# A Nơi nhận entry too long for its line breaks where its name does, not
# inside "Giáo dục" or "thường xuyên".
sed 's|^  - Ban Thường vụ LĐLĐ tỉnh$|  - Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên huyện Hải Lăng|' \
	tests/bad/ok.yaml > "$TMP/nn.yaml"
"$VANBAN" render -f dump "$TMP/nn.yaml" -o "$TMP/nn.dump"
check "Nơi nhận: a long entry breaks between the two names" \
	grep -q ' R  11.00 "Giáo dục thường xuyên huyện Hải Lăng;"' "$TMP/nn.dump"
# The end mark's word does not stand alone on the last line of a
# paragraph of three lines or more ("17/02/2021./."); the lines above
# give way.
body_doc "Đề nghị các đơn vị $(for i in $(seq 14); do printf 'báo cáo '; done)kết quả trước hạn chót 17/02/2021" > "$TMP/mark.md"
"$VANBAN" render "$TMP/mark.md" -o "$TMP/mark.pdf"
check "the end mark with the word before it" test "$(pdftotext "$TMP/mark.pdf" - | grep -c '^chót 17/02/2021./.$')" -eq 1
done_tests
