# Joint signatures (văn bản liên tịch): two signers side by side, three or
# four in rows of two, a gap between the columns; names at the signature's
# size on one line, one baseline a row.
. tests/lib.sh
OK=tests/bad/ok.yaml
signers() {
	cat <<'SIG' | awk -v n="$1" 'BEGIN { RS = "--\n" } NR <= n { printf "%s", $0 }'
  - authority: TM.
    for: Ban Chấp hành Công đoàn Giáo dục tỉnh
    title: Chủ tịch
    name: Nguyễn Văn Minh
--
  - authority: KT.
    for: Giám đốc Sở Giáo dục và Đào tạo
    title: Phó Giám đốc
    name: Trần Thị Lan Anh
--
  - authority: TM.
    for: Ban Thường vụ Tỉnh đoàn
    title: Phó Bí thư Thường trực
    name: Lê Hoàng Phương Nam
--
  - authority: KT.
    for: Trưởng Ban Tuyên giáo Tỉnh ủy
    title: Phó Trưởng ban
    name: Phạm Nguyễn Thị Hồng Nhung
--
SIG
}
for n in 2 3 4; do
	{ sed '/^signature:/,$d' $OK; echo "signature:"; signers $n
	  printf 'recipients:\n  - Ban Thường vụ LĐLĐ tỉnh\narchive: VT, TH\n'; } > "$TMP/j$n.yaml"
	"$VANBAN" render -f dump "$TMP/j$n.yaml" -o "$TMP/j$n.dump" 2> "$TMP/err"
	check "$n joint signers render" test $? -eq 0 -a ! -s "$TMP/err"
	"$VANBAN" render "$TMP/j$n.yaml" -o "$TMP/j$n.pdf"
	# every name whole, on one line, at 14 pt
	names=$(grep -c ' B  14.00 "\(Nguyễn Văn Minh\|Trần Thị Lan Anh\|Lê Hoàng Phương Nam\|Phạm Nguyễn Thị Hồng Nhung\)"$' "$TMP/j$n.dump")
	check "$n joint signers: each name whole at 14 pt" test "$names" -eq $n
	# nothing of the closing crosses the gap in the middle of the text
	# (the text from 85.0 to 552.8 pt: the middle at 318.9, a gap of 28 pt);
	# of three, the third stands alone in the middle
	[ $n = 3 ] && continue
	pdftotext -bbox "$TMP/j$n.pdf" - | awk '
		/<word/ { match($0, /xMin="[0-9.]*"/); x0 = substr($0, RSTART + 6, RLENGTH - 7)
			  match($0, /xMax="[0-9.]*"/); x1 = substr($0, RSTART + 6, RLENGTH - 7)
			  match($0, /yMin="[0-9.]*"/); y = substr($0, RSTART + 6, RLENGTH - 7)
			  w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w) }
		/<word/ && w == "nghị./." { body = y }
		/<word/ && w == "Nơi" { exit }
		/<word/ && body && y > body && x0 < 318.9 + 10 && x1 > 318.9 - 10 { print w }' > "$TMP/cross"
	check "$n joint signers: a gap between the columns" test -s "$TMP/j$n.pdf" -a ! -s "$TMP/cross"
done
# names of a row on one baseline; rows of two
rows() { awk '/ B  14.00 "(Nguyễn Văn Minh|Trần Thị Lan Anh|Lê Hoàng Phương Nam|Phạm Nguyễn Thị Hồng Nhung)"$/ { print $3 }' "$1" | sort -u | wc -l; }
check "2 joint signers: one row" test "$(rows "$TMP/j2.dump")" -eq 1
check "3 joint signers: two rows" test "$(rows "$TMP/j3.dump")" -eq 2
check "4 joint signers: two rows" test "$(rows "$TMP/j4.dump")" -eq 2
x3=$(awk '/"Lê Hoàng Phương Nam"/ { print $2 }' "$TMP/j3.dump")
x4=$(awk '/"Lê Hoàng Phương Nam"/ { print $2 }' "$TMP/j4.dump")
check "3 joint signers: the third in the middle, the third of four on the left" \
	awk -v a="$x3" -v b="$x4" 'BEGIN { exit !(a > 200 && b < 150) }'
check "the authority stays with its body: 'TM. BAN CHẤP HÀNH'" grep -q '"TM. BAN CHẤP HÀNH"' "$TMP/j4.dump"
done_tests
