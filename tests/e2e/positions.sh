# Word positions from pdftotext -bbox on the sample notice: the header is
# where the decree puts it and the body meets both margins exactly.
. tests/lib.sh
"$VANBAN" render samples/thong-bao-ket-luan.yaml -o "$TMP/tb.pdf" || exit 1
pdftotext -bbox "$TMP/tb.pdf" "$TMP/bbox.html"
# one line per word: page xMin yMin xMax yMax baseline text
words() {
	awk -F'"' '
		/<page /  { page++ }
		/<word /  { h = $8 - $4; base = $8 - h * 0.216 / 1.107;
			    t = $0; sub(/.*">/, "", t); sub(/<\/word>.*/, "", t);
			    printf "%d %.3f %.3f %.3f %.3f %.3f %s\n", page, $2, $4, $6, $8, base, t }
	' "$1"
}
words "$TMP/bbox.html" > "$TMP/words"

near() { awk -v a="$1" -v b="$2" -v t="${3:-0.5}" 'BEGIN { d = a - b; exit !(d <= t && d >= -t) }'; }
word() { awk -v p="$1" -v w="$2" -v f="$3" '$1 == p && $7 == w { print $f; exit }' "$TMP/words"; }

# National title centred in the right column (30 + 66 + 99/2 mm = 412.44 pt).
l=$(word 1 CỘNG 2); r=$(word 1 NAM 4)
check "national title centred on the right column" near "$(awk -v l="$l" -v r="$r" 'BEGIN{print (l+r)/2}')" 412.44
# The number and the date share a baseline.
check "number and date on one baseline" near "$(word 1 Số: 6)" "$(word 1 Quảng 6)" 0.3
# The number is centred in the left column (30 + 33 mm = 178.58 pt).
l=$(word 1 Số: 2); r=$(word 1 125/TB-LĐLĐ 4)
check "number centred on the issuer column" near "$(awk -v l="$l" -v r="$r" 'BEGIN{print (l+r)/2}')" 178.58
# Nothing crosses the margins: left 30 mm (85.04 pt), right 195 mm (552.76 pt),
# top and bottom 20 mm (56.69 pt, 785.20 pt) but for the page numbers.
check "no word left of the left margin" test "$(awk '$2 < 85.03' "$TMP/words" | wc -l)" -eq 0
check "no word right of the right margin" test "$(awk '$4 > 552.77' "$TMP/words" | wc -l)" -eq 0
check "no word below the bottom margin" test "$(awk '$5 > 785.2 + 3' "$TMP/words" | wc -l)" -eq 0
check "only the page number above the top margin" \
	test "$(awk '$3 < 56.69 { print $1 ":" $7 }' "$TMP/words" | tr '\n' ' ')" = "2:2 "
# Justified lines end exactly at the right margin: many words do.
n=$(awk '$4 > 552.26 && $4 <= 552.77' "$TMP/words" | wc -l)
check "justified lines meet the right margin ($n lines)" test "$n" -ge 40
# The first line of a paragraph is indented 1.27 cm (36 pt): "Ngày" opens the body.
check "first-line indent 1.27 cm" near "$(word 1 Ngày 2)" 121.04 0.05
# Nơi nhận level with the first signature line.
check "Nơi nhận level with the signature" near "$(word 2 Nơi 6)" "$(word 2 TL. 6)" 0.3

# A table row taller than what is left of the page is cut between its
# lines and goes on under the header row repeated on the next page.
"$VANBAN" render tests/golden/tall-row.md -o "$TMP/tall.pdf" || exit 1
pdftotext -bbox "$TMP/tall.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
check "tall row: no word below the bottom margin" \
	test "$(awk '$5 > 785.2 + 3' "$TMP/words" | wc -l)" -eq 0
check "tall row: its 700 words once each, in order" \
	test "$(awk '$7 ~ /^từ[0-9]+$/ { sub(/từ/, "", $7); print $7 }' "$TMP/words" | tr '\n' ' ')" = \
	"$(seq 1 700 | tr '\n' ' ')"
check "tall row: cut between pages 1 and 2" \
	test "$(awk '$7 ~ /^từ/ { print $1 }' "$TMP/words" | uniq | tr '\n' ' ')" = "1 2 "
check "tall row: page 2 opens with the header row" \
	test "$(awk '$1 == 2 && $7 != "2"' "$TMP/words" | sort -t' ' -k3,3n -k2,2n | head -5 |
		cut -d' ' -f7 | LC_ALL=C sort | tr '\n' ' ')" = "Kết Nhiệm TT quả vụ "
check "header row: a one-line cell is centred beside a two-line one" \
	near "$(word 1 TT 6)" "$(awk '$1 == 1 && $2 > 500 && ($7 == "Kết" || $7 == "quả") { s += $6; n++ }
		END { print s / n }' "$TMP/words")" 0.05
first2=$(awk '$1 == 2 && $7 ~ /^từ/ { print $7; exit }' "$TMP/words")
last1=$(awk '$1 == 1 && $7 ~ /^từ/ { w = $7 } END { print w }' "$TMP/words")
check "tall row: page 2 goes on where page 1 stopped ($last1, $first2)" \
	test "${last1#từ}" -eq $((${first2#từ} - 1))

# A table that ends the body: set smaller to fit the width, the end mark
# on a line of its own under it, and the closing below both.
"$VANBAN" render tests/golden/wide-table.md -o "$TMP/wide.pdf" || exit 1
pdftotext -bbox "$TMP/wide.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
check "wide table: no word right of the right margin" \
	test "$(awk '$4 > 552.77' "$TMP/words" | wc -l)" -eq 0
check "wide table: its cells set at 11 pt" near "$(word 1 12345678 5)" "$(awk -v y="$(word 1 12345678 3)" 'BEGIN { print y + 11 * 1.107 }')" 0.05
check "wide table: the end mark on a line of its own" \
	test "$(awk -v y="$(word 1 ./. 3)" '$1 == 1 && $3 == y { print $7 }' "$TMP/words" | tr '\n' ' ')" = "./. "
check "wide table: the end mark under the table's last line" \
	awk -v a="$(word 1 ./. 3)" -v b="$(word 1 tạo 5)" 'BEGIN { exit !(a > b) }'
check "wide table: the end mark at the left margin" near "$(word 1 ./. 2)" 85.04 0.05
check "wide table: Nơi nhận below the end mark" \
	awk -v a="$(word 1 Nơi 3)" -v b="$(word 1 ./. 5)" 'BEGIN { exit !(a > b + 10) }'

# A web address in a cell breaks like one in the text, so it does not make
# the table smaller; a table right after a table; a row of 560 words (over
# half a page) cut to fill page 1.
"$VANBAN" render tests/golden/tables.md -o "$TMP/tables.pdf" || exit 1
pdftotext -bbox "$TMP/tables.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
url=https://congdoan.quangngai.gov.vn/van-ban/2021/bao-cao/so
check "tables: a cell's web address at the table size (13 pt)" \
	near "$(word 1 $url 5)" "$(awk -v y="$(word 1 $url 3)" 'BEGIN { print y + 13 * 1.107 }')" 0.05
check "tables: ... broken before a hyphen, on the next line" \
	test "$(awk -v u=$url 'f { print $7 " " ($3 > y); exit } $7 == u { f = 1; y = $5 }' "$TMP/words")" = \
	"-12-bc-cdvc-ket-qua-thuc-hien-nhiem-vu.pdf 1"
check "tables: <br> in a cell starts a line under the cell's first" \
	test "$(word 1 '(bản' 2)" = "$(word 1 Thông 2)" -a "$(awk -v a="$(word 1 '(bản' 3)" -v b="$(word 1 Thông 5)" 'BEGIN { print (a > b) }')" = 1
check "tables: the second table starts below the first" \
	awk -v a="$(word 1 Ngày 3)" -v b="$(word 1 -12-bc-cdvc-ket-qua-thuc-hien-nhiem-vu.pdf 5)" \
	'BEGIN { exit !(a > b + 6) }'
check "tables: no word below the bottom margin" \
	test "$(awk '$5 > 785.2 + 3' "$TMP/words" | wc -l)" -eq 0
check "tables: the long row's 560 words once each, in order" \
	test "$(awk '$7 ~ /^từ[0-9]+$/ { sub(/từ/, "", $7); print $7 }' "$TMP/words" | tr '\n' ' ')" = \
	"$(seq 1 560 | tr '\n' ' ')"
check "tables: the long row starts on page 1" test "$(word 1 từ1 1)" = 1

# A header row taller than half a page is not repeated, and is cut.
{
	sed -n '1,/^---$/{p}' tests/golden/tables.md | head -1
	sed -n '2,/^---$/p' tests/golden/tables.md
	printf '| TT | '; awk 'BEGIN { for (i = 1; i <= 650; i++) printf "h%d ", i }'
	printf '| Ghi chú |\n|---|---|---|\n| 1 | '
	awk 'BEGIN { for (i = 1; i <= 300; i++) printf "w%d ", i }'; printf '| x |\n'
} > "$TMP/head.md"
"$VANBAN" render "$TMP/head.md" -o "$TMP/head.pdf" || exit 1
pdftotext -bbox "$TMP/head.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
check "tall header row: no word below the bottom margin" \
	test "$(awk '$5 > 785.2 + 3' "$TMP/words" | wc -l)" -eq 0
check "tall header row: printed once" test "$(awk '$7 == "h1"' "$TMP/words" | wc -l)" -eq 1

# A long signer's title reaches left of the usual signature column: the
# recipients beside it wrap short of it.
sed -e 's/^  title: .*/  title: Phó Chánh Văn phòng phụ trách công tác tổng hợp/' \
    -e 's/^  - Ban Thường vụ LĐLĐ tỉnh/  - Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh (để phối hợp)/' \
    tests/bad/ok.yaml > "$TMP/title.yaml"
"$VANBAN" render "$TMP/title.yaml" -o "$TMP/title.pdf" || exit 1
pdftotext -bbox "$TMP/title.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
# (words under Nơi nhận: 11 pt ones are recipients, 14 pt ones the signature)
below() { awk -v y="$(word 1 Nơi 3)" -v lo="$1" -v hi="$2" -v f="$3" \
	'$3 >= y - 20 && $5 - $3 > lo && $5 - $3 < hi { v = f == "min" ? $2 : $4;
	 if (m == "" || (f == "min" ? v < m : v > m)) m = v } END { print m }' "$TMP/words"; }
sig=$(below 15 16 min)
rec=$(below 11.5 12.5 max)
check "long title: the recipients end 10 pt short of it ($rec < $sig)" \
	awk -v a="$rec" -v b="$sig" 'BEGIN { exit !(a + 10 <= b + 0.01) }'
# A long place name: the date line is set at 13 pt (the decree allows
# 13-14) and stays centred under the national title, inside the margin.
sed -e 's/^place: .*/place: Thành phố Hồ Chí Minh/' -e 's/^date: .*/date: 2024-12-31/' \
	samples/thong-bao-ket-luan.yaml > "$TMP/hcm.yaml"
"$VANBAN" render "$TMP/hcm.yaml" -o "$TMP/hcm.pdf" || exit 1
"$VANBAN" render -f dump "$TMP/hcm.yaml" -o "$TMP/hcm.txt"
pdftotext -bbox "$TMP/hcm.pdf" "$TMP/bbox.html"
words "$TMP/bbox.html" > "$TMP/words"
r=$(word 1 2024 4); l=$(word 1 Thành 2)
check "long place name: the date inside the margin ($r)" awk -v r="$r" 'BEGIN { exit !(r <= 552.77) }'
check "long place name: the date at 13 pt" grep -q ' I  13.00 "Thành phố Hồ Chí Minh, ngày 31 tháng 12 năm 2024"' "$TMP/hcm.txt"
check "long place name: still centred on the right column" \
	near "$(awk -v l="$l" -v r="$r" 'BEGIN{print (l+r)/2}')" 412.44 0.6
check "long place name: the date on the number's baseline" near "$(word 1 Số: 6)" "$(word 1 Thành 6)" 0.5
done_tests
