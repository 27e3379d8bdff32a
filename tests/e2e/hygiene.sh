# Files as Word, Excel and Windows editors write them: invisible format
# characters taken out of the text (one warning a field, at the first),
# a byte-order mark in every kind of file, UTF-16, Excel's CSV habits,
# "-Thường trực" recipients and Word's bullets. Every test file is made
# here, byte by byte.
. tests/lib.sh

ZW=$'\xe2\x80\x8b' NJ=$'\xe2\x80\x8c' ZJ=$'\xe2\x80\x8d' WJ=$'\xe2\x81\xa0'
FEFF=$'\xef\xbb\xbf' SHY=$'\xc2\xad'
BOM=$FEFF
# the six, as one pattern for grep -F (one per line)
INVISIBLE=$(printf '%s\n' "$ZW" "$NJ" "$ZJ" "$WJ" "$FEFF" "$SHY")

# A small document; $1 is put after the subject line (more keys).
doc_head() {
	cat <<EOF
type: thong-bao
issuer:
  parent: UBND TỈNH QUẢNG TRỊ
  name: Sở Nội vụ
  code: SNV
number: 21
place: Quảng Trị
date: 2021-12-10
EOF
}
doc_tail() {
	cat <<'EOF'
signature:
  title: GIÁM ĐỐC
  name: Nguyễn Văn An
EOF
}

# render NAME FILE: renders FILE to $TMP/NAME.pdf, stderr in $TMP/NAME.err,
# the exit status in $rc and the text in $TMP/NAME.txt.
render() {
	rm -f "$TMP/$1.pdf" "$TMP/$1.txt"
	"$VANBAN" render "$2" -o "$TMP/$1.pdf" 2> "$TMP/$1.err"
	rc=$?
	[ -f "$TMP/$1.pdf" ] && pdftotext "$TMP/$1.pdf" "$TMP/$1.txt"
	return 0
}
# same NAME EXPECTED: stderr of NAME is EXPECTED (the excerpts left out).
same_err() {
	local got
	got=$(grep -E '(error|warning|note): ' "$TMP/$1.err")
	if [ "$got" = "$2" ]; then return 0; fi
	echo "             expected: $2"
	echo "             got:      $got"
	return 1
}
no_invisible() { ! grep -qF "$INVISIBLE" "$1"; }

# ---- Invisible characters in YAML values ----------------------------------
cd "$TMP" || exit 1
{ doc_head | sed "s/^  name: Sở Nội vụ\$/  name: Sở Nội${ZW} vụ/"
  echo "subject: \"Về việc${NJ} thăm${ZJ} hỏi${WJ} đoàn${FEFF} viên\\u200B\""
  echo "body: |"
  echo "  Thực hiện${SHY} Kế${ZW} hoạch của Ban${ZW} Thường vụ."
  doc_tail | sed "s/Văn An\$/Văn An${SHY}/"; } > inv.yaml
render inv inv.yaml
check "invisible characters: the document renders" test $rc -eq 0
check "invisible characters: one warning a field, at the first" same_err inv \
"inv.yaml:4:15: warning: removed an invisible character (zero-width space U+200B) that would print as a mark or break search
inv.yaml:9:18: warning: removed 5 invisible characters (zero-width space U+200B, zero-width non-joiner U+200C, zero-width joiner U+200D, word joiner U+2060, byte-order mark U+FEFF) that would print as marks or break search
inv.yaml:11:12: warning: removed 3 invisible characters (zero-width space U+200B, soft hyphen U+00AD) that would print as marks or break search
inv.yaml:14:22: warning: removed an invisible character (soft hyphen U+00AD) that would print as a mark or break search"
check "invisible characters: none in the PDF's text" no_invisible inv.txt
check "invisible characters: the subject prints clean" grep -qx 'Về việc thăm hỏi đoàn viên' inv.txt
check "invisible characters: the body prints clean, no hyphen" \
	grep -qx 'Thực hiện Kế hoạch của Ban Thường vụ./.' inv.txt
check "invisible characters: the name prints clean" grep -qx 'Nguyễn Văn An' inv.txt
check "invisible characters: the issuer prints clean" grep -qx 'SỞ NỘI VỤ' inv.txt

# Columns after them still count them: a character the font lacks, after
# two invisible ones on the same line, is reported where it is.
{ doc_head; echo "subject: Về${ZW} việc${SHY} 中 hỏi"; echo "body: Nội dung."; doc_tail; } > col.yaml
render col col.yaml
check "invisible characters: a later error on the line exits 1" test $rc -eq 1
check "invisible characters: a later error keeps its column" same_err col \
"col.yaml:9:12: warning: removed 2 invisible characters (zero-width space U+200B, soft hyphen U+00AD) that would print as marks or break search
col.yaml:9:20: error: character U+4E2D '中' is not in the font LiberationSerif-Regular.ttf (fonts.regular)"
check "invisible characters: no PDF after an error" test ! -e col.pdf
# The excerpt shows them escaped, the caret under the right character.
check "invisible characters: shown escaped in the excerpt" test "$(sed -n 4,6p col.err)" = \
"col.yaml:9:20: error: character U+4E2D '中' is not in the font LiberationSerif-Regular.ttf (fonts.regular)
   9 | subject: Về\u200b việc\u00ad 中 hỏi
     |                              ^"

# A value used again through an alias is warned of once, and clean twice.
{ doc_head | sed "s/^  name: Sở Nội vụ\$/  name: \&n Phòng${ZW} Nội vụ/"
  echo "subject: *n"; echo "body: Nội dung."; doc_tail; } > alias.yaml
render alias alias.yaml
check "invisible characters through an alias: one warning" same_err alias \
"alias.yaml:4:17: warning: removed an invisible character (zero-width space U+200B) that would print as a mark or break search"
check "invisible characters through an alias: both clean" test "$(grep -cix 'phòng nội vụ' alias.txt)" = 2

# A value given with --set, pasted from Word too.
"$VANBAN" render alias.yaml --set "subject=Về${ZW} việc" -o set.pdf 2> set.err; rc=$?
check "invisible characters in --set: renders" test $rc -eq 0
check "invisible characters in --set: warned at the first" same_err set \
"--set:1:11: warning: removed an invisible character (zero-width space U+200B) that would print as a mark or break search
alias.yaml:4:17: warning: removed an invisible character (zero-width space U+200B) that would print as a mark or break search"
check "invisible characters in --set: the subject prints clean" \
	test "$(pdftotext set.pdf - | grep -cx 'Về việc')" = 1

# ---- A Markdown body: the body is one field -------------------------------
{ echo "---"; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---"; echo
  echo "Đoạn${ZW} văn thứ nhất."; echo
  echo "Đoạn văn${SHY} thứ hai ![ảnh](x.png)"; } > inv.md
render invmd inv.md
check "invisible characters in a .md body: renders" test $rc -eq 0
check "invisible characters in a .md body: one warning, later columns right" same_err invmd \
"inv.md:16:5: warning: removed 2 invisible characters (zero-width space U+200B, soft hyphen U+00AD) that would print as marks or break search
inv.md:18:19: warning: images are not drawn in the body: its description 'ảnh' is printed instead (an image goes in signature.image or a certificate's layout)"
check "invisible characters in a .md body: none in the PDF" no_invisible invmd.txt
check "invisible characters in a .md body: the text is clean" grep -qx 'Đoạn văn thứ hai ảnh./.' invmd.txt

# Written as character references, they are left out too.
{ echo "---"; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---"; echo
  echo "Một&#x200B;hai, ba&shy;bốn&#8205;."; } > refs.md
render refs refs.md
check "character references of invisible characters: renders" test $rc -eq 0
check "character references of invisible characters: left out" grep -qx 'Mộthai, babốn./.' refs.txt

# In a YAML body the warning is yaml's (the field), and Markdown reads the
# text as written: the image's column counts the soft hyphen.
{ doc_head; echo "subject: Về việc thăm hỏi"; echo "body: |"
  echo "  Đoạn văn${SHY} thứ hai ![ảnh](x.png)"; doc_tail; } > invbody.yaml
render invbody invbody.yaml
check "invisible characters in a YAML body: columns of Markdown right" same_err invbody \
"invbody.yaml:11:11: warning: removed an invisible character (soft hyphen U+00AD) that would print as a mark or break search
invbody.yaml:11:21: warning: images are not drawn in the body: its description 'ảnh' is printed instead (an image goes in signature.image or a certificate's layout)"

# ---- A byte-order mark in every kind of file ------------------------------
{ printf '%s' "$BOM"; doc_head; echo "subject: Về việc thăm hỏi"; echo "body: Nội dung."; doc_tail; } > bom.yaml
render bom bom.yaml
check "BOM: a YAML document renders, silently" test $rc -eq 0 -a ! -s bom.err
{ printf '%s' "$BOM"; doc_head | sed 's/^type: thong-bao$/type: thong-baoo/'
  echo "subject: Về việc thăm hỏi"; echo "body: Nội dung."; doc_tail; } > bomerr.yaml
render bomerr bomerr.yaml
check "BOM: columns of line 1 start after it" same_err bomerr \
"bomerr.yaml:1:7: error: unknown document type 'thong-baoo'; did you mean 'thong-bao'?"
{ printf '%s---\n' "$BOM"; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---"
  echo "Nội dung của thông báo."; } > bom.md
render bommd bom.md
check "BOM: a .md file with front matter renders, silently" test $rc -eq 0 -a ! -s bommd.err
check "BOM: the .md body prints" grep -qx 'Nội dung của thông báo./.' bommd.txt
{ printf -- '--- \t\n'; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---  "
  echo "Nội dung của thông báo."; } > spaces.md
render spaces spaces.md
check "'--- ' with spaces and a tab opens front matter" test $rc -eq 0 -a ! -s spaces.err
check "'--- ': the body prints" grep -qx 'Nội dung của thông báo./.' spaces.txt
# a style, a template and a certificate layout of one's own, each with a mark
printf '%sbase: nd30\n' "$BOM" > bomstyle.yaml
{ doc_head; echo "style: bomstyle.yaml"; echo "subject: Về việc thăm hỏi"; echo "body: Nội dung."; doc_tail; } > st.yaml
render st st.yaml
check "BOM: a style file" test $rc -eq 0 -a ! -s st.err
printf '%sNội dung theo mẫu: {{subject}}.\n' "$BOM" > bomtpl.md
{ doc_head; echo "template: bomtpl.md"; echo "subject: Về việc thăm hỏi"; doc_tail; } > tp.yaml
render tp tp.yaml
check "BOM: a template renders, silently" test $rc -eq 0 -a ! -s tp.err
check "BOM: the template's text starts clean" grep -qx 'Nội dung theo mẫu: Về việc thăm hỏi./.' tp.txt

# ---- Excel's lists ----------------------------------------------------------
cert_head() {
	cat <<'EOF'
type: giay-khen
style: cong-doan
issuer:
  name: Ban Thường vụ Công đoàn Viên chức tỉnh Quảng Trị
place: Quảng Trị
date: 2021-01-08
decision: {number: 5, code: QĐ-CĐVC, date: 2021-01-06}
reason: Đã có thành tích xuất sắc trong hoạt động công đoàn năm 2020
signature: {authority: TM., for: Ban Thường vụ, title: Chủ tịch, name: Trần Quốc Bảo}
EOF
}
# list NAME: a certificate batch NAME.yaml reading NAME.csv
list() { { cert_head; echo "awardees_file: $1.csv"; } > "$1.yaml"; }
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

# Header names in any case, with or without their marks, spaces around;
# Excel's trailing rows of empty cells.
printf '%s\r\n' 'STT, HỌ VÀ Tên ,don vi,Thanh tich' '1,Ông Lê Văn Bình,Sở Y tế,' \
	'2,Bà Trần Thị Hoa,Sở Tài chính,' ',,,' ' , ,,' ',,,' > excel.csv
list excel
render excel excel.yaml
check "Excel list: renders, silently" test $rc -eq 0 -a ! -s excel.err
check "Excel list: the empty rows are no certificates" test "$(pages excel.pdf)" = 2
check "Excel list: 'HỌ VÀ Tên' is the name" grep -qx 'Bà Trần Thị Hoa' excel.txt
check "Excel list: 'don vi' is the unit" grep -qx 'Sở Tài chính' excel.txt
printf '%s\n' 'Ho va ten,Đơn vị' 'Ông Lê Văn Bình,Sở Y tế' > noaccents.csv
list noaccents
render noaccents noaccents.yaml
check "Excel list: 'Ho va ten' without marks is the name" \
	test $rc -eq 0 -a "$(grep -cx 'Ông Lê Văn Bình' noaccents.txt)" = 1
printf '%s\n' ',,' ',,' > onlyempty.csv
list onlyempty
render onlyempty onlyempty.yaml
check "Excel list: a header of empty cells is still no header" test $rc -eq 1

# A total row, and two columns for the name both filled in: errors at
# their rows, every one at once, and no PDF.
printf '%s\n' 'STT,Họ và tên,Tên tập thể,Đơn vị' '1,Ông Lê Văn Bình,,Sở Y tế' \
	'2,Bà Trần Thị Hoa,Công đoàn Sở Y tế,Sở Y tế' '3,,Công đoàn cơ sở Sở Tài chính,' \
	',Tổng cộng: 3,,' ',TỔNG,,' ',cong (3 nguoi),,' ',Cộng đồng dân cư thôn 3,,' \
	',Tổng công ty Điện lực,,' > totals.csv
list totals
echo sentinel > totals.pdf
"$VANBAN" render totals.yaml -o totals.pdf 2> totals.err; rc=$?
check "total rows and two names: exit 1" test $rc -eq 1
check "total rows and two names: the output is left alone" test "$(cat totals.pdf)" = sentinel
check "total rows and two names: each an error at its row" same_err totals \
"totals.csv:3: error: this row fills in both 'Họ và tên' and 'Tên tập thể', two columns for the same 'name': keep one of them
totals.csv:5: error: this row is a total ('Tổng cộng: 3'), not an awardee: delete the row from the list
totals.csv:6: error: this row is a total ('TỔNG'), not an awardee: delete the row from the list
totals.csv:7: error: this row is a total ('cong (3 nguoi)'), not an awardee: delete the row from the list"

# A byte-order mark before the header (Excel's "CSV UTF-8"): columns of
# line 1 start after it; and one before a layout file of one's own.
printf '%sHọ và tên,Họ và tên\nÔng Lê Văn Bình,Sở Y tế\n' "$BOM" > bomcsv.csv
list bomcsv
render bomcsv bomcsv.yaml
check "BOM: a CSV list's first line" same_err bomcsv \
"bomcsv.csv:1:11: error: column 'Họ và tên' is named twice"
{ printf '%s' "$BOM"; cat "$ROOT/templates/certificates/giay-khen.yaml"; } > bomlayout.yaml
{ cert_head; echo "layout: bomlayout.yaml"; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > lay.yaml
render lay lay.yaml
check "BOM: a certificate layout" test $rc -eq 0 -a ! -s lay.err -a "$(grep -cx 'Ông Lê Văn Bình' lay.txt)" = 1

# An invisible character in a field of the list.
printf '%s\n' 'Họ và tên,Đơn vị' "Ông Lê Văn${ZW} Bình,Sở Y${SHY} tế" > invcsv.csv
list invcsv
render invcsv invcsv.yaml
check "invisible characters in a list: renders" test $rc -eq 0
check "invisible characters in a list: one warning a field" same_err invcsv \
"invcsv.csv:2:11: warning: removed an invisible character (zero-width space U+200B) that would print as a mark or break search
invcsv.csv:2:22: warning: removed an invisible character (soft hyphen U+00AD) that would print as a mark or break search"
check "invisible characters in a list: the name prints clean" grep -qx 'Ông Lê Văn Bình' invcsv.txt
check "invisible characters in a list: none in the PDF" no_invisible invcsv.txt

# Excel's "Unicode Text": UTF-16 with its mark, tab-separated.
printf '%s\r\n' $'STT\tHọ và tên\tĐơn vị' $'1\tÔng Lê Văn Bình\tSở Y tế' $'2\tBà Trần Thị Hoa\tSở Tài chính' |
	iconv -f UTF-8 -t UTF-16 > utf16.csv
list utf16
render utf16 utf16.yaml
check "UTF-16 list: the file is UTF-16 with a mark" test "$(head -c 2 utf16.csv | od -An -tx1 | tr -d ' ')" = fffe
check "UTF-16 list: renders, silently" test $rc -eq 0 -a ! -s utf16.err
check "UTF-16 list: two certificates" test "$(pages utf16.pdf)" = 2
check "UTF-16 list: tabs separate the fields" grep -qx 'Sở Tài chính' utf16.txt
printf '%s\n' 'Họ và tên,Đơn vị' 'Ông Lê Văn Bình,Sở Y tế' | iconv -f UTF-8 -t UTF-16BE |
	{ printf '\xfe\xff'; cat; } > utf16be.csv
list utf16be
render utf16be utf16be.yaml
check "UTF-16 list, big-endian: renders" test $rc -eq 0 -a "$(grep -cx 'Ông Lê Văn Bình' utf16be.txt)" = 1

# Windows-1258 (and -1252, TCVN3): refused, with Excel's menu.
printf '%s\r\n' 'Họ và tên,Đơn vị' 'Ông Lê Văn Bình,Sở Y tế' | iconv -f UTF-8 -t WINDOWS-1258 > cp1258.csv
list cp1258
echo sentinel > cp1258.pdf
"$VANBAN" render cp1258.yaml -o cp1258.pdf 2> cp1258.err; rc=$?
check "Windows-1258 list: exit 1" test $rc -eq 1
check "Windows-1258 list: the output is left alone" test "$(cat cp1258.pdf)" = sentinel
check "Windows-1258 list: one error with Excel's menu" same_err cp1258 \
"cp1258.csv:1:3: error: the list is not in UTF-8 (byte 0xF2: Windows-1258, Windows-1252 or TCVN3?); in Excel save it with File > Save As > CSV UTF-8 (Comma delimited) (*.csv), in Excel in Vietnamese Tệp > Lưu Như > CSV UTF-8 (Được phân tách bằng dấu phẩy) (*.csv)"
printf 'Họ và tên,Đơn vị\nÔng Lê Van B\xecnh,S\xf4 Y te\n' > cp1252.csv
list cp1252
render cp1252 cp1252.yaml
check "Windows-1252 list: the error is at the first bad byte" same_err cp1252 \
"cp1252.csv:2:13: error: the list is not in UTF-8 (byte 0xEC: Windows-1258, Windows-1252 or TCVN3?); in Excel save it with File > Save As > CSV UTF-8 (Comma delimited) (*.csv), in Excel in Vietnamese Tệp > Lưu Như > CSV UTF-8 (Được phân tách bằng dấu phẩy) (*.csv)"

# A document in UTF-16 (Notepad's "Unicode") is read as UTF-8 too.
{ doc_head; echo "subject: Về việc thăm hỏi"; echo "body: Nội dung bằng UTF-16."; doc_tail; } |
	iconv -f UTF-8 -t UTF-16 > utf16.yaml
render utf16doc utf16.yaml
check "UTF-16 document: renders" test $rc -eq 0 -a ! -s utf16doc.err
check "UTF-16 document: its text" grep -qx 'Nội dung bằng UTF-16./.' utf16doc.txt
{ echo "---"; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---"; echo "Nội dung."
  echo "Sai 中 ở đây."; } | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } > utf16.md
render utf16md utf16.md
check "UTF-16 .md: an error has the line:col of the text" same_err utf16md \
"utf16.md:16:5: error: character U+4E2D '中' is not in the font LiberationSerif-Regular.ttf (fonts.regular)"
printf '\xff\xfe\x41\x00\x00\xd8' > broken16.yaml
render broken16 broken16.yaml
check "UTF-16 cut in a surrogate pair: an error" same_err broken16 \
"broken16.yaml:1:2: error: the file is in UTF-16 but is broken here; save it as UTF-8"

# ---- Recipients and bullets as Word users write them --------------------
{ doc_head; echo "subject: Về việc thăm hỏi"; echo "body: Nội dung."; doc_tail
  echo "recipients:"; echo "  -Thường trực Tỉnh ủy"; echo "  -UBND tỉnh (để b/c)"
  echo "  •Các sở, ngành"; } > rec.yaml
render rec rec.yaml
check "'-Thường trực' recipients: renders, silently" test $rc -eq 0 -a ! -s rec.err
check "'-Thường trực' recipients: one line each" test "$(sed -n '/^Nơi nhận:$/,/^- Lưu/p' rec.txt)" = \
"Nơi nhận:
- Thường trực Tỉnh ủy;
- UBND tỉnh (để b/c);
- Các sở, ngành;
- Lưu: VT."
{ doc_head; echo "subject: Về việc thăm hỏi"; echo "body: Nội dung."; doc_tail
  echo "recipients:"; echo "  -Thường trực Tỉnh ủy"; echo "  Lưu trữ"
  echo "contact: +84 233 3852 123"; } > rec2.yaml
render rec2 rec2.yaml
check "a recipient text with one dashed line is one recipient" \
	grep -qx -- '- -Thường trực Tỉnh ủy Lưu trữ;' rec2.txt
check "a contact line starting '+' is a telephone number" grep -qx -- '+84 233 3852 123' rec2.txt
{ echo "---"; doc_head; echo "subject: Về việc thăm hỏi"; doc_tail; echo "---"
  echo "Đề nghị các đơn vị"; echo "• tổ chức tốt hội nghị;"; echo "•	báo cáo kết quả;"
  echo "– gửi danh sách về Sở."; echo; echo "Các tổ chức chính trị"; echo "– xã hội tỉnh phối hợp."; } > bullets.md
render bullets bullets.md
check "Word bullets: renders, silently" test $rc -eq 0 -a ! -s bullets.err
check "Word bullets: list items, as '-' items print" test "$(sed -n '/^Đề nghị/,/xã hội/p' bullets.txt)" = \
"Đề nghị các đơn vị
- tổ chức tốt hội nghị;
- báo cáo kết quả;
- gửi danh sách về Sở.
Các tổ chức chính trị – xã hội tỉnh phối hợp./."

done_tests
