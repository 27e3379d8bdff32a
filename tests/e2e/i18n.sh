# Messages in Vietnamese: chosen from LANGUAGE, LC_ALL, LC_MESSAGES and LANG
# as gettext chooses, read from the catalog whether or not the vi_VN locale
# is installed; English otherwise. The catalog is complete and up to date
# with the sources, and the PDF does not depend on the language.
. tests/lib.sh
OK=tests/bad/ok.yaml
BAD=tests/bad/unknown-key.yaml

# The point is that no vi locale is needed: on this machine there is none
# (a machine that has one still runs every check below).
locale -a 2>/dev/null | grep -qi '^vi' && echo "note: a vi locale is installed here"

vi_err="$TMP/ok.yaml:1:1: lỗi: thiếu 'place'
   1 | type: thong-bao
     | ^
$TMP/ok.yaml:7:1: lỗi: không có khóa 'palce'; có phải ý bạn là 'place'?
   7 | palce: Quảng Trị
     | ^"
en_err="$TMP/ok.yaml:1:1: error: missing 'place'
   1 | type: thong-bao
     | ^
$TMP/ok.yaml:7:1: error: unknown key 'palce'; did you mean 'place'?
   7 | palce: Quảng Trị
     | ^"
cp $BAD "$TMP/ok.yaml"
# lang NAME EXPECTED VAR=VALUE...: `check` of the bad file in that environment.
lang() {
	local name=$1 want=$2; shift 2
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" "$VANBAN" check "$TMP/ok.yaml" \
		2> "$TMP/err"
	local rc=$?
	if [ $rc -ne 1 ]; then
		fail "$name" "exit status $rc, expected 1"
	elif [ "$(cat "$TMP/err")" != "$want" ]; then
		fail "$name" "stderr differs:" "$(diff <(echo "$want") "$TMP/err" | head -10)"
	else
		ok "$name"
	fi
}
lang "LANG=vi_VN.UTF-8: errors in Vietnamese" "$vi_err" LANG=vi_VN.UTF-8
lang "LANG=vi: Vietnamese" "$vi_err" LANG=vi
lang "LC_ALL=vi_VN.UTF-8: Vietnamese" "$vi_err" LC_ALL=vi_VN.UTF-8 LANG=C
lang "LC_MESSAGES=vi_VN: Vietnamese" "$vi_err" LC_MESSAGES=vi_VN LANG=en_US.UTF-8
lang "LANGUAGE=vi over LANG=C" "$vi_err" LANGUAGE=vi LANG=C
lang "LANGUAGE=fr:vi: the first language with a catalog" "$vi_err" LANGUAGE=fr:vi
lang "LANGUAGE=en:vi: English first" "$en_err" LANGUAGE=en:vi LANG=vi_VN.UTF-8
lang "an empty LANGUAGE is not set" "$vi_err" LANGUAGE= LANG=vi_VN.UTF-8
lang "LC_ALL=C wins over LANG=vi" "$en_err" LC_ALL=C LANG=vi_VN.UTF-8
lang "LC_ALL over LC_MESSAGES" "$en_err" LC_ALL=en_US.UTF-8 LC_MESSAGES=vi_VN.UTF-8
lang "LANG=C: English" "$en_err" LANG=C
lang "nothing set: English" "$en_err"
lang "a name that only starts with 'vi' is not Vietnamese" "$en_err" LANG=vim

# A warning, a YAML syntax error and a usage error.
sed 's/tổ chức Hội nghị\./tổ chức Hội nghị. ![Biểu trưng](logo.png)/' $OK > "$TMP/img.yaml"
LANG=vi_VN.UTF-8 "$VANBAN" render "$TMP/img.yaml" -o "$TMP/img.pdf" 2> "$TMP/err"; rc=$?
check "a warning in Vietnamese (status 0)" test $rc -eq 0 -a "$(head -1 "$TMP/err")" = \
	"$TMP/img.yaml:11:51: cảnh báo: ảnh không được vẽ trong nội dung văn bản: phần mô tả 'Biểu trưng' được in thay cho ảnh (ảnh chỉ đặt ở signature.image hoặc trong bố cục giấy khen)"
LANG=vi_VN.UTF-8 "$VANBAN" check tests/bad/yaml-no-colon.yaml 2> "$TMP/err"
check "a YAML syntax error in Vietnamese" test "$(head -1 "$TMP/err")" = \
	"tests/bad/yaml-no-colon.yaml:10:1: lỗi: dòng này không có ':': mỗi trường được viết \"khóa: giá trị\" (nếu dòng này viết tiếp đoạn chữ phía trên thì hãy thụt lề sâu hơn khóa)"
LANG=vi_VN.UTF-8 "$VANBAN" check tests/bad/yaml-tab-indent.yaml 2> "$TMP/err"
check "a tab in the indentation, in Vietnamese" test "$(head -1 "$TMP/err")" = \
	"tests/bad/yaml-tab-indent.yaml:5:1: lỗi: có ký tự tab trong phần thụt lề: YAML chỉ thụt lề bằng dấu cách; hãy thay tab bằng dấu cách"
LANG=vi_VN.UTF-8 "$VANBAN" render 2> "$TMP/err"; rc=$?
check "a usage error in Vietnamese (status 2)" test $rc -eq 2 -a "$(head -2 "$TMP/err")" = \
	"vanban: chưa có tệp đầu vào
cách dùng: vanban render TỆP... [-o RA] [--format pdf|docx|dump|svg] [--set KHÓA=GIÁ_TRỊ]..."
LANG=vi_VN.UTF-8 "$VANBAN" render $OK -o "$TMP/no/such/dir/x.pdf" 2> "$TMP/err"
check "the system's reason in Vietnamese" test "$(cat "$TMP/err")" = \
	"vanban: lỗi: không ghi được '$TMP/no/such/dir/x.pdf': không có tệp hoặc thư mục như vậy"
LANG=vi_VN.UTF-8 "$VANBAN" frob 2> "$TMP/err"
check "an unknown command in Vietnamese" test "$(head -1 "$TMP/err")" = "vanban: không có lệnh 'frob'"
LANG=vi_VN.UTF-8 "$VANBAN" render $OK --sign "$TMP/none.pem" -o "$TMP/s.pdf" 2> "$TMP/err"; rc=$?
check "a missing --sign key in Vietnamese, the system's reason too" test $rc -eq 1 -a ! -e "$TMP/s.pdf" -a "$(cat "$TMP/err")" = \
	"vanban: lỗi: --sign '$TMP/none.pem': không đọc được: không có tệp hoặc thư mục như vậy"
"$VANBAN" render $OK -o "$TMP/u.pdf"
LANG=vi_VN.UTF-8 "$VANBAN" verify "$TMP/u.pdf" 2> "$TMP/err"; rc=$?
check "verify of an unsigned PDF in Vietnamese (status 1)" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: $TMP/u.pdf: tệp không có chữ ký số nào"

# The parts of a message given as values are translated too: no English
# inside a Vietnamese message.
printf 'type: thong-bao\u200b\n' > "$TMP/inv.yaml"
LANG=vi_VN.UTF-8 "$VANBAN" check "$TMP/inv.yaml" 2> "$TMP/err"
check "the names of invisible characters in Vietnamese" test "$(grep cảnh "$TMP/err")" = \
	"$TMP/inv.yaml:1:16: cảnh báo: đã bỏ một ký tự vô hình (dấu cách độ rộng 0 U+200B): ký tự này sẽ in ra thành một vạch hoặc làm hỏng việc tìm kiếm"
env -u SLURM_ARRAY_TASK_ID -u AWS_BATCH_JOB_ARRAY_INDEX -u PARALLEL_SEQ JOB_COMPLETION_INDEX=0 \
	LANG=vi_VN.UTF-8 "$VANBAN" render $OK --shard auto -o "$TMP/s.pdf" 2> "$TMP/err"
check "the job runner of --shard auto in Vietnamese" test "$(head -1 "$TMP/err")" = \
	"vanban: --shard auto: Indexed Job của Kubernetes cho biết số thứ tự của tiến trình này (JOB_COMPLETION_INDEX) nhưng không cho biết có tất cả bao nhiêu; hãy dùng --shard auto/N"
"$VANBAN" render $OK --issue --register "$TMP/so.db" -o "$TMP/a.pdf" 2> /dev/null
"$VANBAN" register void 125/2020 --reason "Ban hành nhầm" --register "$TMP/so.db"
LANG=vi_VN.UTF-8 "$VANBAN" render $OK --issue --register "$TMP/so.db" -o "$TMP/b.pdf" 2> "$TMP/err"
check "a fixed number held by a void row, in Vietnamese" test "$(head -1 "$TMP/err")" = \
	"$OK:6:9: lỗi: số 125/2020 đã có trong sổ đăng ký '$TMP/so.db': 125/TB-LĐLĐ ngày 2020-09-07, tệp '$TMP/a.pdf', \"Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh\" (đã hủy: Ban hành nhầm); mỗi số chỉ được cấp một lần (ghi number: auto để lấy số tiếp theo)"

# The progress of --split, shown on a terminal only (script gives one).
LANG=vi_VN.UTF-8 script -qec "'$VANBAN' render samples/giay-khen-2020.yaml --split '$TMP/split/'" \
	"$TMP/typescript" > /dev/null
check "the progress of --split in Vietnamese" \
	grep -qax 'vanban: đã ghi 100 giấy khen' <(tr '\r' '\n' < "$TMP/typescript")

# --help of the program and of register.
LANG=vi_VN.UTF-8 "$VANBAN" --help > "$TMP/out"; rc=$?
check "--help in Vietnamese (status 0)" test $rc -eq 0 -a "$(sed -n '3,4p' "$TMP/out")" = \
	"Lệnh:
  render TỆP...    trình bày từng văn bản thành PDF (mặc định: TỆP đuôi .pdf)"
LANG=vi_VN.UTF-8 "$VANBAN" render --help > "$TMP/out2"
check "render --help is the same help" cmp -s "$TMP/out" "$TMP/out2"
check "--help lines fit 80 columns" test -z "$(python3 -c '
import sys
for l in open(sys.argv[1], encoding="utf-8"):
    if len(l.rstrip("\n")) > 79: print(l)' "$TMP/out")"
LANG=vi_VN.UTF-8 "$VANBAN" register --help > "$TMP/out"
check "register --help in Vietnamese" test "$(head -1 "$TMP/out")" = \
	"cách dùng: vanban register list [--year NĂM] [--type TB] [--format text|csv|json]"
LANG=C "$VANBAN" --help > "$TMP/out"
check "--help in English under LANG=C" grep -qx '  render FILE...   typeset each document to PDF (default: FILE with .pdf)' "$TMP/out"

# Without the catalog (a data directory that has none) or with a damaged
# one: English, and no failure.
mkdir -p "$TMP/data/locale/vi/LC_MESSAGES"
ln -s "$ROOT/templates" "$TMP/data/templates"
ln -s "$ROOT/fonts" "$TMP/data/fonts"
VANBAN_HOME=$TMP/data LANG=vi_VN.UTF-8 "$VANBAN" check "$TMP/ok.yaml" 2> "$TMP/err"
check "no catalog: English" test "$(cat "$TMP/err")" = "$en_err"
head -c 100 "$ROOT/locale/vi/LC_MESSAGES/vanban.mo" > "$TMP/data/locale/vi/LC_MESSAGES/vanban.mo"
VANBAN_HOME=$TMP/data LANG=vi_VN.UTF-8 "$VANBAN" check "$TMP/ok.yaml" 2> "$TMP/err"
check "a cut catalog: English" test "$(cat "$TMP/err")" = "$en_err"
printf 'not a catalog at all, just some text' > "$TMP/data/locale/vi/LC_MESSAGES/vanban.mo"
VANBAN_HOME=$TMP/data LANG=vi_VN.UTF-8 "$VANBAN" check "$TMP/ok.yaml" 2> "$TMP/err"
check "a file that is no catalog: English" test "$(cat "$TMP/err")" = "$en_err"

# The bytes written do not depend on the language of the messages.
for s in samples/thong-bao-ket-luan.yaml samples/giay-khen-2020.yaml; do
	n=$(basename "$s" .yaml)
	LANG=C "$VANBAN" render "$s" -o "$TMP/$n-c.pdf" 2>/dev/null
	LANG=vi_VN.UTF-8 LANGUAGE=vi "$VANBAN" render "$s" -o "$TMP/$n-vi.pdf" 2>/dev/null
	check "$n: the same PDF under LANG=vi_VN.UTF-8 and LANG=C" \
		test -s "$TMP/$n-c.pdf" -a -s "$TMP/$n-vi.pdf"
	check "$n: byte for byte" cmp -s "$TMP/$n-c.pdf" "$TMP/$n-vi.pdf"
done

# The catalog: checked by msgfmt (formats, header), complete, and made
# from the sources as they are. A message added to src/ without its
# translation fails here.
check "po/vi.po passes msgfmt -c" msgfmt -c -o /dev/null po/vi.po
# msgfmt counts them: "N translated messages, M fuzzy translations, K
# untranslated messages."
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null po/vi.po 2>&1)
fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9]*\) fuzzy translation.*/\1/p')
untranslated=$(echo "$stats" | sed -n 's/.* \([0-9]*\) untranslated message.*/\1/p')
if [ -n "$fuzzy$untranslated" ] || ! echo "$stats" | grep -q '^[0-9]* translated message'; then
	fail "po/vi.po: every message translated" \
		"${untranslated:-0} untranslated, ${fuzzy:-0} fuzzy: translate them in po/vi.po" \
		"(msgattrib --untranslated po/vi.po; msgattrib --only-fuzzy po/vi.po)"
else
	ok "po/vi.po: every message translated"
fi
po/extract.sh "$TMP/vanban.pot"
if ! cmp -s "$TMP/vanban.pot" po/vanban.pot; then
	mapfile -t changed < <(diff po/vanban.pot "$TMP/vanban.pot" | grep '^[<>] msgid' | head -6)
	fail "po/vanban.pot is up to date with the sources" \
		"the messages of src/ changed: run 'make po-update' and translate the new" \
		"or changed (fuzzy) entries of po/vi.po; '>' new, '<' gone:" "${changed[@]}"
else
	ok "po/vanban.pot is up to date with the sources"
fi
if msgcmp po/vi.po po/vanban.pot 2> "$TMP/err"; then
	ok "po/vi.po has every message of po/vanban.pot"
else
	fail "po/vi.po has every message of po/vanban.pot" "run 'make po-update' and translate" \
		"$(head -5 "$TMP/err")"
fi
done_tests
