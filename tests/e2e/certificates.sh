# Award certificates in batch: one page per awardee, --split with a
# manifest, unique ASCII file names, names shrunk to fit (or refused),
# CSV exports, calibration pages and pre-printed blanks.
. tests/lib.sh
SAMPLE=samples/giay-khen-2020.yaml

# The shared part of the small documents below.
head_yaml() {
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

# ---- The 102 certificates of the sample, in one PDF ----------------------
"$VANBAN" render $SAMPLE -o "$TMP/all.pdf" 2> "$TMP/err"; rc=$?
check "sample batch renders" test $rc -eq 0 -a ! -s "$TMP/err"
pages=$(pdfinfo "$TMP/all.pdf" | awk '/^Pages:/ { print $2 }')
check "sample batch has 102 pages" test "$pages" = 102
# pdftotext ends every page with a form feed: count the titles page by page.
pdftotext "$TMP/all.pdf" "$TMP/all.txt"
awk 'BEGIN { RS = "\f" } NR <= 102 { n = gsub(/GIẤY KHEN/, "&"); if (n != 1) print NR ": " n }' \
	"$TMP/all.txt" > "$TMP/bad-pages"
check "every page has exactly one GIẤY KHEN" test ! -s "$TMP/bad-pages" -a "$(grep -c 'GIẤY KHEN' "$TMP/all.txt")" = 102
check "page 1 is the first row of the list" test "$(pdftotext -f 1 -l 1 "$TMP/all.pdf" - | grep -c '^Công đoàn cơ sở Sở Y tế$')" = 1
check "page 102 is the last row of the list" \
	test "$(pdftotext -f 102 -l 102 "$TMP/all.pdf" - | grep -c "^$(tail -1 samples/giay-khen/danh-sach.csv | cut -d, -f2)$")" = 1
check "a row's own reason replaces the shared one" \
	test "$(pdftotext -f 4 -l 4 "$TMP/all.pdf" - | grep -c 'thi đua “Giỏi việc nước, đảm việc nhà” năm 2020$')" = 1
check "the shared reason where a row has none" \
	test "$(pdftotext -f 1 -l 1 "$TMP/all.pdf" - | grep -c '^Đã có thành tích xuất sắc trong hoạt động công đoàn năm 2020$')" = 1
check "the book number from the list" test "$(pdftotext -f 3 -l 3 "$TMP/all.pdf" - | grep -c '^Số sổ: 003/GK$')" = 1

# Same input, same bytes.
"$VANBAN" render $SAMPLE -o "$TMP/all2.pdf"
check "two renders of the batch are identical" cmp -s "$TMP/all.pdf" "$TMP/all2.pdf"

# ---- --split: one PDF per awardee and a manifest --------------------------
"$VANBAN" render $SAMPLE --split "$TMP/split" 2> "$TMP/err"; rc=$?
check "--split renders" test $rc -eq 0 -a ! -s "$TMP/err"
check "--split writes 102 PDFs" test "$(ls "$TMP/split" | grep -c '\.pdf$')" = 102
check "--split writes nothing else but the manifest" test "$(ls "$TMP/split" | wc -l)" = 103
check "the manifest has a header and 102 rows" test "$(wc -l < "$TMP/split/manifest.csv")" = 103
check "the manifest header" test "$(head -1 "$TMP/split/manifest.csv")" = "file,awardee,sha256"
check "the manifest names the files as written" test "$(tail -n +2 "$TMP/split/manifest.csv" |
	cut -d, -f1 | tr -d '"' | LC_ALL=C sort)" = "$(ls "$TMP/split" | grep '\.pdf$' | LC_ALL=C sort)"
# The sha256 column against sha256sum of each file (file names have no comma).
tail -n +2 "$TMP/split/manifest.csv" | awk -F, '{ gsub(/"/, "", $1); print $NF "  " $1 }' > "$TMP/sums"
check "the manifest's sha256 match the files" sh -c "cd '$TMP/split' && sha256sum --quiet -c '$TMP/sums'"
check "file names are ASCII only" test -z "$(ls "$TMP/split" | LC_ALL=C grep '[^A-Za-z0-9._-]')"
check "file names number the rows" test "$(LC_ALL=C ls "$TMP/split" | head -2 | tr '\n' ' ')" = \
	"001-Cong-doan-co-so-So-Y-te.pdf 002-Cong-doan-co-so-So-Giao-duc-va-Dao-tao.pdf "
check "a split file is one page" test "$(pdfinfo "$TMP/split/001-Cong-doan-co-so-So-Y-te.pdf" | awk '/^Pages:/ { print $2 }')" = 1
pdftotext "$TMP/split/001-Cong-doan-co-so-So-Y-te.pdf" "$TMP/one.txt"
pdftotext -f 1 -l 1 "$TMP/all.pdf" "$TMP/page1.txt"
check "a split file has the text of its page in the batch" cmp -s "$TMP/one.txt" "$TMP/page1.txt"
check "the manifest names the awardee in Vietnamese" \
	grep -q '^"001-Cong-doan-co-so-So-Y-te.pdf","Công đoàn cơ sở Sở Y tế",[0-9a-f]\{64\}$' "$TMP/split/manifest.csv"
"$VANBAN" render $SAMPLE --split "$TMP/split2"
check "two splits give the same files" diff -r "$TMP/split" "$TMP/split2"
"$VANBAN" render $SAMPLE --split "$TMP/split3" -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "--split with -o is a usage error" test $rc -eq 2

# Two awardees with one name: the files never overwrite each other.
{ head_yaml; cat <<'EOF'
awardees:
  - {name: Ông Nguyễn Văn An, unit: Sở Y tế}
  - {name: Ông Nguyễn Văn An, unit: Sở Tài chính}
  - {name: "Bà Đỗ Thị Ánh Tuyết", unit: Sở Nội vụ}
EOF
} > "$TMP/same.yaml"
"$VANBAN" render "$TMP/same.yaml" --split "$TMP/same1"; rc=$?
check "same names, numbered: renders" test $rc -eq 0
check "same names, numbered: the numbers tell them apart" test "$(LC_ALL=C ls "$TMP/same1" | tr '\n' ' ')" = \
	"001-Ong-Nguyen-Van-An.pdf 002-Ong-Nguyen-Van-An.pdf 003-Ba-Do-Thi-Anh-Tuyet.pdf manifest.csv "
"$VANBAN" render "$TMP/same.yaml" --split "$TMP/same2" --pattern '{{name}}.pdf'; rc=$?
check "same names, no number: renders" test $rc -eq 0
check "same names, no number: -2 on the second" test "$(LC_ALL=C ls "$TMP/same2" | tr '\n' ' ')" = \
	"Ba-Do-Thi-Anh-Tuyet.pdf Ong-Nguyen-Van-An-2.pdf Ong-Nguyen-Van-An.pdf manifest.csv "
check "same names: the manifest tells which is which" test "$(cut -d, -f1,2 "$TMP/same2/manifest.csv")" = \
	"$(printf '%s\n' 'file,awardee' '"Ong-Nguyen-Van-An.pdf","Ông Nguyễn Văn An"' \
		'"Ong-Nguyen-Van-An-2.pdf","Ông Nguyễn Văn An"' '"Ba-Do-Thi-Anh-Tuyet.pdf","Bà Đỗ Thị Ánh Tuyết"')"
check "same names: the two files differ" test -n "$(pdftotext "$TMP/same2/Ong-Nguyen-Van-An-2.pdf" - | grep '^Sở Tài chính$')"
"$VANBAN" render "$TMP/same.yaml" --split "$TMP/same3" --pattern 'gk-{{seq}}-{{awardee.unit}}.pdf'; rc=$?
check "--pattern with an awardee field" test $rc -eq 0 -a -f "$TMP/same3/gk-002-Sở Tài chính.pdf"
"$VANBAN" render "$TMP/same.yaml" --split "$TMP/same4" --pattern '{{nosuch}}.pdf' 2> "$TMP/err"; rc=$?
check "--pattern with an unknown field is an error" test $rc -eq 1
check "--pattern with an unknown field writes no file" test -z "$(ls "$TMP/same4")"

# ---- Fitting: long names shrink, then wrap; too long is an error ---------
{ head_yaml; echo "awardees: [{name: Ông Lê Văn Bình, unit: Sở Y tế}]"; } > "$TMP/plain-ref.yaml"
"$VANBAN" render "$TMP/plain-ref.yaml" -f dump -o "$TMP/plain-ref.dump"
check "a short name keeps the layout's 28 pt" grep -q ' B  28.00 "Ông Lê Văn Bình"$' "$TMP/plain-ref.dump"
{ head_yaml; cat <<'EOF'
awardees:
  - {name: Công đoàn cơ sở Trường Trung học phổ thông chuyên Lê Quý Đôn, unit: Thành phố Đông Hà}
EOF
} > "$TMP/long.yaml"
"$VANBAN" render "$TMP/long.yaml" -f dump -o - > "$TMP/long.dump"; rc=$?
check "a long name renders" test $rc -eq 0
# Dump lines: '  text X Y FACE SIZE "TEXT"'.
size=$(awk '$1 == "text" && /"Công đoàn cơ sở Trường/ { print $5 }' "$TMP/long.dump")
check "a long name is on one line" test "$(grep -c '"Công đoàn cơ sở Trường Trung học phổ thông chuyên Lê Quý Đôn"' "$TMP/long.dump")" = 1
check "a long name shrinks below the layout's 28 pt ($size)" awk -v s="$size" 'BEGIN { exit !(s < 28) }'
check "a long name stays at min_size 18 pt or more ($size)" awk -v s="$size" 'BEGIN { exit !(s >= 18) }'
# ... and fits the 235 mm (666.14 pt) of the layout, centred on the sheet.
check "a shrunk name fits max_width" awk -v n="$(awk '$1 == "text" && /"Công đoàn cơ sở Trường/ { print $2 }' "$TMP/long.dump")" \
	'BEGIN { w = 2 * (841.89 / 2 - n); exit !(w > 600 && w <= 666.15) }'
check "the unit keeps its size" grep -q ' R  17.00 "Thành phố Đông Hà"$' "$TMP/long.dump"

# Longer still: two lines (at the largest size that needs no more), and the
# texts below are pushed down.
{ head_yaml; cat <<'EOF'
awardees:
  - name: Công đoàn cơ sở Trường Trung học phổ thông chuyên Lê Quý Đôn thành phố Đông Hà tỉnh Quảng Trị
    unit: Sở Giáo dục và Đào tạo
EOF
} > "$TMP/wrap.yaml"
"$VANBAN" render "$TMP/wrap.yaml" -f dump -o "$TMP/wrap.dump"; rc=$?
check "a longer name renders" test $rc -eq 0
awk '$1 == "text" && $4 == "B" && $3 > 280 && $3 < 340 { print $3, $5, 2 * (841.89 / 2 - $2) }' "$TMP/wrap.dump" > "$TMP/wrap.lines"
check "a longer name wraps into two lines" test "$(wc -l < "$TMP/wrap.lines")" = 2
check "the two lines have one size, from 18 to 28 pt" awk 'NR == 1 { s = $2 } $2 != s || $2 < 18 || $2 > 28 { exit 1 }' "$TMP/wrap.lines"
check "each line fits max_width" awk '$3 > 666.15 { exit 1 }' "$TMP/wrap.lines"
check "the lines are 1.2 times the size apart" awk 'NR == 1 { y = $1 } NR == 2 { exit !($1 - y > $2 * 1.19 && $1 - y < $2 * 1.21) }' "$TMP/wrap.lines"
check "the unit is pushed down below the name" awk -v u="$(awk '/"Sở Giáo dục và Đào tạo"$/ { print $3 }' "$TMP/wrap.dump")" \
	-v n="$(tail -1 "$TMP/wrap.lines" | cut -d' ' -f1)" -v p="$(awk '/"Sở Y tế"$/ { print $3 }' "$TMP/plain-ref.dump")" \
	'BEGIN { exit !(u > p && u > n + 10) }'

# No unit: the reason takes the unit's place, so no gap opens under the
# name (the unit's baseline is 117 mm from the top: 331.65 pt).
{ head_yaml; echo "awardees: [{name: Ông Lê Văn Bình}, {name: Bà Trần Thị Hoa, unit: Sở Y tế}]"; } > "$TMP/nounit.yaml"
"$VANBAN" render "$TMP/nounit.yaml" -f dump -o "$TMP/nounit.dump"; rc=$?
check "a row without a unit renders" test $rc -eq 0
reason_y() { awk -v p="$1" '/^page/ { n++ } n == p && / I  16.00 "Đã có/ { print $3; exit }' "$TMP/nounit.dump"; }
check "without a unit, the reason is on the unit's line (331.65 pt)" test "$(reason_y 1)" = 331.65
check "with a unit, the unit is there and the reason below" \
	test "$(awk '/"Sở Y tế"$/ { print $3 }' "$TMP/nounit.dump") $(reason_y 2)" = "331.65 368.50"

# Too long for min_size even on two lines: an error naming the row, no file.
name=$(printf 'Nguyễn Văn An %.0s' $(seq 30) | sed 's/ $//')
{ head_yaml; echo "awardees:"; echo "  - {name: Ông Lê Văn Bình}"; echo "  - {name: $name}"; } > "$TMP/toolong.yaml"
check "the impossible name is 400 characters" test "${#name}" -ge 400
rm -f "$TMP/toolong.pdf"
"$VANBAN" render "$TMP/toolong.yaml" -o "$TMP/toolong.pdf" 2> "$TMP/err"; rc=$?
check "a name that cannot fit gives status 1" test $rc -eq 1
cut="Nguyễn Văn An Nguyễn Văn An Nguyễn Văn An Nguyễn Văn An Nguyễn Văn An Nguyễn Văn…"
check "a name that cannot fit: the message, the name cut" grep -q "^$TMP/toolong.yaml:12:5: error: '$cut' does not fit its place (element 'name': 235 mm wide, at most 2 lines, down to 18 pt)$" "$TMP/err"
check "a name that cannot fit: one error" test "$(grep -c 'error:' "$TMP/err")" = 1
check "a name that cannot fit: no output file" test ! -e "$TMP/toolong.pdf"
"$VANBAN" render "$TMP/toolong.yaml" --split "$TMP/toolong-split" 2> /dev/null; rc=$?
check "a name that cannot fit: --split writes nothing" test $rc -eq 1 -a -z "$(ls "$TMP/toolong-split")"

# ---- CSV exports ------------------------------------------------------------
# Semicolons (Excel in a Vietnamese locale), a byte-order mark, CRLF, quoted
# separators and quotes, an empty line, a short row, extra columns, and a
# row's own reason, date and decision.
{ head_yaml; echo "awardees_file: ds.csv"; } > "$TMP/csv.yaml"
{ printf '\xEF\xBB\xBF'; printf '%s\r\n' \
	'STT;Họ tên;Đơn vị;Lý do;Số vào sổ;date;decision_number;decision_code;decision_date;Ghi chú' \
	'1;Ông Lê Văn Bình;"Phòng Tổ chức; Sở Y tế";;001/GK;;;;;' \
	'' \
	'2;Bà Hoàng Thị Lan;Sở Tài chính;"Đạt danh hiệu ""Lao động tiên tiến""";002/GK;2021-02-03;12;QĐ-LĐLĐ;2021-02-01;x' \
	'3;Ông Trần Minh Đức'; } > "$TMP/ds.csv"
"$VANBAN" render "$TMP/csv.yaml" -o "$TMP/csv.pdf" 2> "$TMP/err"; rc=$?
check "a semicolon CSV with a BOM renders" test $rc -eq 0 -a ! -s "$TMP/err"
check "a semicolon CSV: one page per row" test "$(pdfinfo "$TMP/csv.pdf" | awk '/^Pages:/ { print $2 }')" = 3
pdftotext "$TMP/csv.pdf" "$TMP/csv.txt"
check "a semicolon CSV: the first name has no BOM" grep -q '^Ông Lê Văn Bình$' "$TMP/csv.txt"
check "a semicolon CSV: a quoted separator" grep -q '^Phòng Tổ chức; Sở Y tế$' "$TMP/csv.txt"
check "a semicolon CSV: doubled quotes" grep -q '^Đạt danh hiệu "Lao động tiên tiến"$' "$TMP/csv.txt"
check "a semicolon CSV: the short row" grep -q '^Ông Trần Minh Đức$' "$TMP/csv.txt"
check "a row's own decision" test "$(grep -c '^Quyết định số 12/QĐ-LĐLĐ ngày 01/02/2021$' "$TMP/csv.txt")" = 1
check "the shared decision elsewhere" test "$(grep -c '^Quyết định số 05/QĐ-CĐVC ngày 06/01/2021$' "$TMP/csv.txt")" = 2
check "a row's own date" test "$(grep -c '^Quảng Trị, ngày 03 tháng 02 năm 2021$' "$TMP/csv.txt")" = 1
check "the shared date elsewhere" test "$(grep -c '^Quảng Trị, ngày 08 tháng 01 năm 2021$' "$TMP/csv.txt")" = 2
check "Số vào sổ is the book number" grep -q '^Số sổ: 002/GK$' "$TMP/csv.txt"
# The same list with commas, LF line ends and no BOM gives the same PDF.
printf '%s\n' \
	'STT,Họ tên,Đơn vị,Lý do,Số vào sổ,date,decision_number,decision_code,decision_date,Ghi chú' \
	'1,Ông Lê Văn Bình,Phòng Tổ chức; Sở Y tế,,001/GK,,,,,' \
	'2,Bà Hoàng Thị Lan,Sở Tài chính,"Đạt danh hiệu ""Lao động tiên tiến""",002/GK,2021-02-03,12,QĐ-LĐLĐ,2021-02-01,x' \
	'3,Ông Trần Minh Đức' > "$TMP/ds-comma.csv"
sed 's/ds.csv/ds-comma.csv/' "$TMP/csv.yaml" > "$TMP/csv-comma.yaml"
"$VANBAN" render "$TMP/csv-comma.yaml" -o "$TMP/csv-comma.pdf"; rc=$?
check "the same list with commas renders" test $rc -eq 0
check "commas or semicolons, BOM or not: the same PDF" cmp -s "$TMP/csv.pdf" "$TMP/csv-comma.pdf"

# A row with more fields than the header: the file and line (a physical
# line, counting the empty one), nothing written.
printf '%s\r\n' 'Họ và tên,Đơn vị,Số sổ' 'Ông Lê Văn Bình,Sở Y tế,001/GK' '' \
	'Bà Hoàng Thị Lan,Sở Tài chính,Phòng Kế toán,002/GK' 'Ông Trần Minh Đức,Sở Nội vụ,003/GK' > "$TMP/long-row.csv"
{ head_yaml; echo "awardees_file: long-row.csv"; } > "$TMP/long-row.yaml"
(cd "$TMP" && "$VANBAN" render long-row.yaml -o long-row.pdf 2> err); rc=$?
check "a CSV row with too many fields gives status 1" test $rc -eq 1 -a ! -e "$TMP/long-row.pdf"
check "a CSV row with too many fields: the message" test "$(cat "$TMP/err")" = \
	"long-row.csv:4: error: this row has more fields than the header has columns (3)"

# No column for the names.
printf '%s\n' 'STT;Người nhận;Đơn vị' '1;Ông Lê Văn Bình;Sở Y tế' > "$TMP/no-name.csv"
{ head_yaml; echo "awardees_file: no-name.csv"; } > "$TMP/no-name.yaml"
(cd "$TMP" && "$VANBAN" render no-name.yaml -o no-name.pdf 2> err); rc=$?
check "a CSV with no name column gives status 1" test $rc -eq 1 -a ! -e "$TMP/no-name.pdf"
check "a CSV with no name column: the message" test "$(cat "$TMP/err")" = \
	"no-name.csv:1: error: the header has no 'name' column (or 'Họ và tên')"

# Every accepted spelling of the columns.
for h in 'Họ và tên' 'Họ tên' 'Tên' 'Tên tập thể' 'name'; do
	printf '%s\n' "$h,Đơn vị,Thành tích,Số sổ" "Ông Lê Văn Bình,Sở Y tế,Xuất sắc,009/GK" > "$TMP/h.csv"
	{ head_yaml; echo "awardees_file: h.csv"; } > "$TMP/h.yaml"
	"$VANBAN" render "$TMP/h.yaml" -o "$TMP/h.pdf" 2>/dev/null; rc=$?
	check "column '$h' is the name" test $rc -eq 0 -a \
		"$(pdftotext "$TMP/h.pdf" - | grep -c '^Ông Lê Văn Bình$\|^Sở Y tế$\|^Xuất sắc$\|^Số sổ: 009/GK$')" = 4
done

# A file that is not there.
{ head_yaml; echo "awardees_file: nowhere.csv"; } > "$TMP/nofile.yaml"
"$VANBAN" render "$TMP/nofile.yaml" -o "$TMP/nofile.pdf" 2> "$TMP/err"; rc=$?
check "a missing CSV gives status 1" test $rc -eq 1 -a ! -e "$TMP/nofile.pdf"
check "a missing CSV is named" grep -q "nowhere.csv" "$TMP/err"

# ---- Paper ------------------------------------------------------------------
for p in "a4 841.89 x 595.28" "a3 1190.55 x 841.89" "210x297 841.89 x 595.28" "400x300 1133.86 x 850.39"; do
	set -- $p
	{ head_yaml; echo "paper: $1"; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > "$TMP/paper.yaml"
	"$VANBAN" render "$TMP/paper.yaml" -f dump -o "$TMP/paper.dump"; rc=$?
	check "paper $1 is landscape $2 $3 $4 pt" test $rc -eq 0 -a "$(head -1 "$TMP/paper.dump")" = "page 1 $2 $3 $4"
done

# ---- Calibration page ---------------------------------------------------------
"$VANBAN" render $SAMPLE --calibrate -o "$TMP/cal.pdf"; rc=$?
check "--calibrate renders" test $rc -eq 0
check "--calibrate gives one page" test "$(pdfinfo "$TMP/cal.pdf" | awk '/^Pages:/ { print $2 }')" = 1
"$VANBAN" render $SAMPLE --calibrate -f dump -o "$TMP/cal.dump"
check "--calibrate labels every element" test "$(grep -c ' R   6.00 #[0-9A-F]* "[a-z_]* ([0-9.]*, [0-9.]*)"$' "$TMP/cal.dump")" = \
	"$(grep -c '^  - {id:' templates/certificates/giay-khen.yaml)"
check "--calibrate numbers the grid" grep -q ' R   6.00 #666666 "290"$' "$TMP/cal.dump"
check "--calibrate shows no awardee" test -z "$(grep 'Công đoàn cơ sở' "$TMP/cal.dump")"

# ---- Pre-printed blanks ----------------------------------------------------
# The dump prints the frame's rectangles and the corner ornaments as "rule"
# lines too: on plain paper there are lines that are not horizontal (the
# frame from corner to corner, the diamonds); on a blank there are none,
# only the rule under the motto.
{ head_yaml; echo "awardees: [{name: Ông Lê Văn Bình, unit: Sở Y tế}]"; } > "$TMP/plain.yaml"
{ head_yaml; echo "blank_form: true"; echo "awardees: [{name: Ông Lê Văn Bình, unit: Sở Y tế}]"; } > "$TMP/blank.yaml"
"$VANBAN" render "$TMP/plain.yaml" -f dump -o "$TMP/plain.dump"
"$VANBAN" render "$TMP/blank.yaml" -f dump -o "$TMP/blank.dump"; rc=$?
check "blank_form renders" test $rc -eq 0
check "plain paper has the frame" grep -q '^  rect   19.84   19.84  822.05  575.43 w 2.50$' "$TMP/plain.dump"
check "plain paper: two frames, 16 ornament lines and the motto's rule" test \
	"$(grep -c '^  rect' "$TMP/plain.dump") $(grep -c '^  rule' "$TMP/plain.dump")" = "2 17"
check "blank_form: no frame" test -z "$(awk '$1 == "rule" && $3 != $5' "$TMP/blank.dump")"
check "blank_form: only the motto's rule" test "$(grep -c '^  rule' "$TMP/blank.dump")" = 1
check "blank_form: the same texts in the same places" \
	test "$(grep '^  text' "$TMP/plain.dump")" = "$(grep '^  text' "$TMP/blank.dump")"
{ head_yaml; echo "blank_form: yes"; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > "$TMP/blank-bad.yaml"
"$VANBAN" render "$TMP/blank-bad.yaml" -o "$TMP/blank-bad.pdf" 2> "$TMP/err"; rc=$?
check "blank_form must be true or false" test $rc -eq 1 -a "$(head -1 "$TMP/err")" = \
	"$TMP/blank-bad.yaml:10:13: error: 'blank_form' must be true or false"

# The blank sample: 6 awardees, no frame.
"$VANBAN" render samples/giay-khen-phoi.yaml -f dump -o "$TMP/phoi.dump"; rc=$?
check "the blank sample renders" test $rc -eq 0 -a "$(grep -c '^page' "$TMP/phoi.dump")" = 6
check "the blank sample has no frame" test -z "$(awk '$1 == "rule" && $3 != $5' "$TMP/phoi.dump")"

# A layout of one's own, with the blank moved by blank_form.offset: the
# corner blocks move by the offset (3 mm = 8.50 pt right, 2 mm = 5.67 pt up).
sed 's/offset: \[0, 0\]/offset: [3, -2]/' templates/certificates/giay-khen.yaml > "$TMP/lay.yaml"
{ head_yaml; echo "blank_form: true"; echo "layout: lay.yaml"; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > "$TMP/moved.yaml"
"$VANBAN" render "$TMP/moved.yaml" -f dump -o "$TMP/moved.dump"; rc=$?
check "a blank with an offset renders" test $rc -eq 0
check "the offset moves the decision" grep -q '^  text   83.48  470.55 R  12.00 "Quyết định số' "$TMP/moved.dump"
check "the offset moves the signer" grep -q '^  text  576.90  538.58 B  15.00 "Trần Quốc Bảo"$' "$TMP/moved.dump"
check "the offset moves the name up" grep -q '  289.13 B  28.00 "Ông Lê Văn Bình"$' "$TMP/moved.dump"
# On plain paper the blank_form section is not used.
{ head_yaml; echo "layout: lay.yaml"; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > "$TMP/unmoved.yaml"
"$VANBAN" render "$TMP/unmoved.yaml" -f dump -o "$TMP/unmoved.dump"
check "the offset is for blanks only" grep -q '^  text   74.98  476.22 R  12.00 "Quyết định số' "$TMP/unmoved.dump"

# ---- Bằng khen: the same engine, its own layout -------------------------------
{ head_yaml | sed 's/^type: giay-khen/type: bang-khen/'; echo "awardees: [{name: Ông Lê Văn Bình}]"; } > "$TMP/bk.yaml"
"$VANBAN" render "$TMP/bk.yaml" -o "$TMP/bk.pdf"; rc=$?
check "bang-khen renders" test $rc -eq 0 -a "$(pdftotext "$TMP/bk.pdf" - | grep -c '^BẰNG KHEN$')" = 1

# ---- More pages than one array of the page tree holds (8191) ----------------
{ echo "Họ và tên"; awk 'BEGIN { for (i = 1; i <= 8200; i++) print "Người " i }'; } > "$TMP/many.csv"
{ head_yaml; echo "awardees_file: many.csv"; } > "$TMP/many.yaml"
"$VANBAN" render "$TMP/many.yaml" -o "$TMP/many.pdf" 2> "$TMP/err"; rc=$?
check "8,200 certificates render in one PDF" test $rc -eq 0 -a ! -s "$TMP/err"
check "... with 8,200 pages" test "$(pdfinfo "$TMP/many.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')" = 8200
check "... whose page 8,200 is the last awardee" \
	test "$(pdftotext -f 8200 -l 8200 "$TMP/many.pdf" - | grep -c '^Người 8200$')" = 1
qpdf --check "$TMP/many.pdf" > "$TMP/qpdf" 2>&1; rc=$?
check "... and a sound structure" test $rc -eq 0
# ---- Sharded and checked --split -----------------------------------------
# Alike names get their -2 over the whole list, so the shards' directories
# merge into what one run writes.
{
	head_yaml
	echo "awardees:"
	for n in "Ông Nguyễn Văn An" "Bà Lê Thị Hoa" "Ông Nguyễn Văn An" "Bà Lê Thị Hoa" "Ông Nguyễn Văn An"; do
		echo "  - {name: $n, unit: Sở Y tế}"
	done
} > "$TMP/alike.yaml"
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/al-all/" --pattern '{{name}}.pdf'
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/al-1/" --pattern '{{name}}.pdf' --shard 1/2
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/al-2/" --pattern '{{name}}.pdf' --shard 2/2
check "shards name alike files as one run does" test \
	"$(ls "$TMP/al-1" "$TMP/al-2" | grep pdf | LC_ALL=C sort | tr '\n' ' ')" = \
	"$(ls "$TMP/al-all" | grep pdf | LC_ALL=C sort | tr '\n' ' ')"
check "... five names, three alike" test "$(ls "$TMP/al-all" | grep -c 'Ong-Nguyen-Van-An\(-[23]\)\?\.pdf')" = 3
# A shard with no awardee writes nothing, and says so.
"$VANBAN" render "$TMP/alike.yaml" --shard 7/7 -o "$TMP/none.pdf" 2> "$TMP/err"; rc=$?
check "an empty shard: status 0" test $rc -eq 0
check "an empty shard: no file" test ! -e "$TMP/none.pdf"
check "an empty shard: a warning" grep -q "warning: --shard 7/7 takes no awardee: the list has 5; nothing is written" "$TMP/err"
# Bad file names are found before any file is written.
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/bad-names/" --pattern '{{#awardee.book_number}}x{{/awardee.book_number}}' 2> "$TMP/err"; rc=$?
check "--split: an empty file name is an error" test $rc -eq 1
check "--split: ... and nothing is written" test -z "$(ls "$TMP/bad-names")"
check "--split: ... the message" grep -q "error: --split: the file name for 'Ông Nguyễn Văn An' is empty" "$TMP/err"
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/bad-names/" --pattern 'manifest.csv' 2> "$TMP/err"; rc=$?
check "--split: the manifest's name is refused" grep -q "is the manifest's ('manifest.csv')" "$TMP/err"
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/deep/er/dir/"; rc=$?
check "--split makes the directories above" test $rc -eq 0 -a -f "$TMP/deep/er/dir/manifest.csv"
"$VANBAN" render "$TMP/alike.yaml" --pattern '{{name}}.pdf' -o "$TMP/p.pdf" 2>/dev/null; rc=$?
check "--pattern without --split is a usage error" test $rc -eq 2
"$VANBAN" render "$TMP/alike.yaml" --split "$TMP/sd/" -f dump 2>/dev/null; rc=$?
check "--split with -f dump is a usage error" test $rc -eq 2

# A text with no max_width keeps inside the frame: a long signer's line is
# set smaller, centred where it was.
sed 's/^signature: .*/signature: {authority: TM., for: Ban Chấp hành Liên đoàn Lao động Thành phố, title: Chủ tịch, name: Trần Quốc Bảo}/' \
	"$TMP/alike.yaml" > "$TMP/wide.yaml"
"$VANBAN" render -f dump "$TMP/wide.yaml" -o "$TMP/wide.txt"
check "a long signer's line set smaller" grep -q ' B  1[0-3]\.[05]0 "TM. BAN CHẤP HÀNH LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ"' "$TMP/wide.txt"
"$VANBAN" render "$TMP/wide.yaml" -o "$TMP/wide.pdf"
pdftotext -bbox -f 1 -l 1 "$TMP/wide.pdf" "$TMP/wide.html"
right=$(awk -F'"' '/<word / { if ($6 > m) m = $6 } END { print m }' "$TMP/wide.html")
# the inner frame: 10.5 mm from the right edge of 297 mm (812.13 pt)
check "... inside the inner frame ($right)" awk -v r="$right" 'BEGIN { exit !(r < 812.13) }'
# A shared text too long fails once, not on every certificate.
sed 's/^  name: Ban Thường vụ.*/  name: Ban Chấp hành Công đoàn Viên chức tỉnh Quảng Trị khóa XV nhiệm kỳ 2018 - 2023 và Ban Thường vụ Liên đoàn Lao động tỉnh Quảng Trị cùng Ủy ban Kiểm tra Công đoàn các cấp/' \
	"$TMP/alike.yaml" > "$TMP/long-issuer.yaml"
"$VANBAN" check "$TMP/long-issuer.yaml" 2> "$TMP/err"
check "a shared text too long: one error" test "$(grep -c 'error:' "$TMP/err")" = 1
check "... counting the others" grep -q "does not fit its place (element 'issuer'.*(the same for 4 more awardees)" "$TMP/err"
check "... at the issuer's name" grep -q "^$TMP/long-issuer.yaml:4:9: error: 'BAN CHẤP HÀNH" "$TMP/err"
# The fields of a list: a tab, a character the fonts lack, each at its
# column (past the quote of a quoted field), all of them at once.
printf 'Họ và tên,Đơn vị\nÔng An,Sở\tY tế\nBà Bình,"Sở 中 A"\nÔng 😀 C,Sở B\n' > "$TMP/chars.csv"
{ head_yaml; echo "awardees_file: chars.csv"; } > "$TMP/chars.yaml"
"$VANBAN" check "$TMP/chars.yaml" 2> "$TMP/err"; rc=$?
check "list fields: status 1" test $rc -eq 1
check "list fields: a tab at its place" grep -q "^$TMP/chars.csv:2:10: error: 'unit' of 'Ông An': character U+0009 is a tab character; use spaces" "$TMP/err"
check "list fields: a quoted field's character at its place" grep -q "^$TMP/chars.csv:3:13: error: 'unit' of 'Bà Bình': character U+4E2D '中' is not in the font" "$TMP/err"
check "list fields: in a name too" grep -q "^$TMP/chars.csv:4:5: error: 'name' of 'Ông 😀 C': character U+1F600" "$TMP/err"
# An error in the list does not hide the rows after it.
printf 'Họ và tên,Đơn vị,date\nÔng An,"Sở Y tế" (cũ),2021-01-01\nÔng Bình,Sở A,2021-02-30\n' > "$TMP/stop.csv"
{ head_yaml; echo "awardees_file: stop.csv"; } > "$TMP/stop.yaml"
"$VANBAN" check "$TMP/stop.yaml" 2> "$TMP/err"
check "a CSV error and the rows after it" test "$(grep -o '^[^ ]*: error' "$TMP/err" | tr '\n' ' ')" = \
	"$TMP/stop.csv:2:18: error $TMP/stop.csv:3:15: error "
# What the field checks leave alone: a line break in a field (Alt+Enter in
# a spreadsheet, a folded YAML reason) prints as a space; a column the
# layout does not print may hold anything; a doubled quote counts once in
# a message's column.
printf 'Họ và tên,Đơn vị,Ghi chú\nÔng An,"Sở Y tế\ntỉnh Quảng Trị",✓ đã nhận\n' > "$TMP/ok.csv"
{ head_yaml | sed 's/^reason: .*/reason: >\n  Đã có thành tích xuất sắc\n  năm 2020/'; echo "awardees_file: ok.csv"; } > "$TMP/okf.yaml"
"$VANBAN" render -f dump "$TMP/okf.yaml" -o "$TMP/okf.txt" 2> "$TMP/err"; rc=$?
check "a line break in a field, a folded reason, a column not printed: accepted" test $rc -eq 0 -a ! -s "$TMP/err"
check "... the line break prints as a space" grep -q '"Sở Y tế tỉnh Quảng Trị"' "$TMP/okf.txt"
printf 'Họ và tên,Đơn vị\nÔng An,"a""b""c""d\tc"\n' > "$TMP/q.csv"
{ head_yaml; echo "awardees_file: q.csv"; } > "$TMP/q.yaml"
"$VANBAN" check "$TMP/q.yaml" 2> "$TMP/err"
check "a doubled quote counts once in the column" grep -q "^$TMP/q.csv:2:19: error: 'unit' of 'Ông An': character U+0009 is a tab" "$TMP/err"
# A layout that prints the reason only when there is one.
sed 's/text: "{{awardee.reason}}"/text: "{{#awardee.reason}}{{awardee.reason}}{{\/awardee.reason}}"/' \
	templates/certificates/giay-khen.yaml > "$TMP/opt-layout.yaml"
{ head_yaml | sed '/^reason:/d'; echo "layout: opt-layout.yaml"; echo "awardees:"; echo "  - {name: Ông An, unit: Sở Y tế}"; } > "$TMP/opt.yaml"
"$VANBAN" check "$TMP/opt.yaml"; rc=$?
check "a reason in its own section is optional" test $rc -eq 0
# Q. on a certificate: "Q. CHỦ TỊCH" on the authority's line.
sed 's/^signature: .*/signature: {authority: Q., title: Chủ tịch, name: Trần Quốc Bảo}/' "$TMP/alike.yaml" > "$TMP/q.yaml"
"$VANBAN" render -f dump "$TMP/q.yaml" -o "$TMP/q.txt"; rc=$?
check "Q. on a certificate" test $rc -eq 0 -a "$(grep -c '"Q. CHỦ TỊCH"' "$TMP/q.txt")" = 5
# The document's reason is checked where it is written, once.
{ head_yaml | sed 's/^reason: .*/reason: "Đã có thành tích\txuất sắc"/'; echo "awardees:"; echo "  - {name: Ông An}"; echo "  - {name: Ông Bình}"; } > "$TMP/rt.yaml"
"$VANBAN" check "$TMP/rt.yaml" 2> "$TMP/err"
check "a tab in the document's reason: once, at its place" test "$(grep -c 'error' "$TMP/err")" = 1 -a \
	"$(grep -c "^$TMP/rt.yaml:8:9:.*tab character" "$TMP/err")" = 1
# A reason printed bare and in a section is required.
sed 's/text: "{{awardee.reason}}"/text: "{{awardee.reason}}{{#awardee.reason}}.{{\/awardee.reason}}"/' \
	templates/certificates/giay-khen.yaml > "$TMP/bare-layout.yaml"
{ head_yaml | sed '/^reason:/d'; echo "layout: bare-layout.yaml"; echo "awardees:"; echo "  - {name: Ông An, unit: Sở Y tế}"; } > "$TMP/bare.yaml"
"$VANBAN" check "$TMP/bare.yaml" 2> /dev/null; rc=$?
check "a reason printed outside its section is required" test $rc -eq 1
# A long name, a unit and a reason of three lines: the reason keeps half
# a line clear of the date block (its ink: Liberation Serif reaches 0.221
# em below the baseline, the date's 0.916 em above), the texts above
# closing up to make the room; a long unit name wraps at a phrase.
{ head_yaml | sed '/^reason:/d'; cat <<'ROWS'
awardees:
  - name: Công đoàn cơ sở Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng thuộc Sở Khoa học và Công nghệ tỉnh Quảng Trị
    unit: Công đoàn Viên chức tỉnh Quảng Trị
    reason: Đã có thành tích xuất sắc trong hoạt động công đoàn và phong trào thi đua lao động giỏi, lao động sáng tạo năm 2020, góp phần hoàn thành thắng lợi nhiệm vụ chính trị của cơ quan, đơn vị
ROWS
} > "$TMP/tall.yaml"
"$VANBAN" render -f dump "$TMP/tall.yaml" -o "$TMP/tall.dump" 2> "$TMP/err"
check "a tall certificate renders" test $? -eq 0 -a ! -s "$TMP/err"
check "... its long name wraps at a phrase" grep -q '"thuộc Sở Khoa học và Công nghệ tỉnh Quảng Trị"' "$TMP/tall.dump"
check "... its reason clear of the date by half a line" awk '
	/ I  16.00 "góp phần/ { r = $3 } / I  14.00 ".*, ngày / { d = $3 }
	END { exit !(r && d && r + 16 * 0.221 + 8 <= d - 14 * 0.916 + 0.01) }' "$TMP/tall.dump"
done_tests
