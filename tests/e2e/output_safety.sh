# Outputs never harm inputs, messages never harm the terminal: values
# shown escaped and cut, no output over an input, the replaced file's mode
# kept, no temporary file left by a signal, --split names checked first.
. tests/lib.sh
DOC=samples/thong-bao-cong-doan.yaml

# ---- Messages ---------------------------------------------------------------
cp $DOC "$TMP/key.yaml"
printf '"x\\e[2Jy": 1\n' >> "$TMP/key.yaml"
"$VANBAN" check "$TMP/key.yaml" 2> "$TMP/err"; rc=$?
check "an unknown key with ESC: exit 1" test $rc -eq 1
check "an unknown key with ESC: shown as \\x1b" test "$(head -1 "$TMP/err")" = \
	"$TMP/key.yaml:62:1: error: unknown key 'x\\x1b[2Jy'"
check "no ESC reaches the terminal" test -z "$(LC_ALL=C tr -d -c '\033\007' < "$TMP/err")"

sed 's/^style: cong-doan/style: "nd\\e[2J\\a"/' $DOC > "$TMP/style.yaml"
"$VANBAN" check "$TMP/style.yaml" 2> "$TMP/err"; rc=$?
check "a style name with ESC: exit 1" test $rc -eq 1
check "a style name with ESC and BEL: shown escaped" test "$(head -1 "$TMP/err")" = \
	"$TMP/style.yaml:2:8: error: 'nd\\x1b[2J\\x07' is not a style name (letters a-z, digits and '-') nor a path to a .yaml file"

# The quoted line: escaped, and the caret still under the value.
printf 'type: "a\001b\001c"\n' > "$TMP/ctl.yaml"
sed 1d $DOC >> "$TMP/ctl.yaml"
"$VANBAN" check "$TMP/ctl.yaml" 2> "$TMP/err"
check "a control character in the quoted line is escaped" grep -qx '   1 | type: "a\\x01b\\x01c"' "$TMP/err"
check "the caret moves past the escape" grep -qx '     |              ^' "$TMP/err"

python3 -c "
import sys
s = open('$DOC').read().replace('type: thong-bao', 'type: \"' + 'q' * 1000000 + '\"', 1)
open('$TMP/long.yaml', 'w').write(s)"
"$VANBAN" check "$TMP/long.yaml" 2> "$TMP/err"; rc=$?
check "a 1 MB value: exit 1" test $rc -eq 1
check "a 1 MB value: too long" grep -q "error: 'type' is too long: 1000000 characters, at most 2000" "$TMP/err"
check "no line of the message is long" test "$(LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m }' "$TMP/err")" -le 300
python3 -c "
s = open('$DOC').read().replace('type: thong-bao', 'type: \"' + 'q' * 1500 + '\"', 1)
open('$TMP/long.yaml', 'w').write(s)"
"$VANBAN" check "$TMP/long.yaml" 2> "$TMP/err"
check "a long value is cut with …" grep -q "'q\{80\}…' (known:" "$TMP/err"
check "no line of that message is long" test "$(LC_ALL=C awk '{ if (length($0) > m) m = length($0) } END { print m }' "$TMP/err")" -le 300

"$VANBAN" register list --register "$(printf '%s/r\033[2J.db' "$TMP")" 2> "$TMP/err"
check "a register name with ESC: shown escaped" test "$(head -1 "$TMP/err")" = \
	"vanban: error: register '$TMP/r\\x1b[2J.db' does not exist"
sed 's/^style: cong-doan/style: own.yaml/' $DOC > "$TMP/own-doc.yaml"
printf 'base: cong-doan\nsignature:\n  authorities: ["X.", "K\\e[2JT."]\n' > "$TMP/own.yaml"
"$VANBAN" check "$TMP/own-doc.yaml" 2> "$TMP/err"
check "a style's authorities with ESC: shown escaped" grep -q "allows X\\. or K\\\\x1b\\[2JT\\.$" "$TMP/err"
check "a style's authorities: no ESC on the terminal" test -z "$(LC_ALL=C tr -d -c '\033' < "$TMP/err")"

# ---- No output over an input ------------------------------------------------
cp $DOC "$TMP/doc.yaml"
cp "$TMP/doc.yaml" "$TMP/doc.orig"
"$VANBAN" render "$TMP/doc.yaml" -o "$TMP/doc.yaml" 2> "$TMP/err"; rc=$?
check "-o the input: a usage error" test $rc -eq 2
check "-o the input: the message" test "$(head -1 "$TMP/err")" = \
	"vanban: '$TMP/doc.yaml' would be written over the input '$TMP/doc.yaml'; name another output"
check "-o the input: the input unchanged" cmp -s "$TMP/doc.yaml" "$TMP/doc.orig"
ln -s doc.yaml "$TMP/link.yaml"
"$VANBAN" render "$TMP/doc.yaml" -o "$TMP/link.yaml" 2> /dev/null; rc=$?
check "-o a link to the input: a usage error" test $rc -eq 2
check "-o a link to the input: the input unchanged" cmp -s "$TMP/doc.yaml" "$TMP/doc.orig"
check "-o a link to the input: still a link" test -L "$TMP/link.yaml"

# A file the document names (body_file) is an input too.
mkdir "$TMP/bf"
awk '/^body: \|/ { skip = 1; print "body_file: body.md"; next }
	skip && /^[^ ]/ { skip = 0 } !skip' $DOC > "$TMP/bf/doc.yaml"
printf 'Nội dung của văn bản.\n' > "$TMP/bf/body.md"
cp "$TMP/bf/body.md" "$TMP/bf/body.orig"
"$VANBAN" render "$TMP/bf/doc.yaml" -o "$TMP/bf/body.md" 2> "$TMP/err"; rc=$?
check "-o the body_file: exit 3" test $rc -eq 3
check "-o the body_file: the message" grep -qx "vanban: error: cannot write '$TMP/bf/body.md': it is a file this run reads" "$TMP/err"
check "-o the body_file: unchanged" cmp -s "$TMP/bf/body.md" "$TMP/bf/body.orig"

# ---- Modes --------------------------------------------------------------------
"$VANBAN" render $DOC -o "$TMP/m.pdf" && chmod 600 "$TMP/m.pdf"
"$VANBAN" render $DOC -o "$TMP/m.pdf"
check "a rewritten file keeps mode 0600" test "$(stat -c %a "$TMP/m.pdf")" = 600
ln -s m.pdf "$TMP/ml.pdf"
chmod 640 "$TMP/m.pdf"
"$VANBAN" render $DOC -o "$TMP/ml.pdf"
check "through a link: the target keeps its mode" test "$(stat -c %a "$TMP/m.pdf")" = 640
check "through a link: the link stays" test -L "$TMP/ml.pdf"
(umask 022; "$VANBAN" render $DOC -o "$TMP/new.pdf")
check "a new file: 0644 under umask 022" test "$(stat -c %a "$TMP/new.pdf")" = 644

# ---- Signals ------------------------------------------------------------------
mkdir "$TMP/xfsz"
{ (ulimit -f 1; exec "$VANBAN" render -f dump $DOC -o "$TMP/xfsz/out.txt"); rc=$?; } 2> /dev/null
check "a file size limit ends the run (SIGXFSZ)" test $rc -eq $((128 + 25))
check "SIGXFSZ: no temporary file left, no output" test -z "$(ls -A "$TMP/xfsz")"

# ---- --split names --------------------------------------------------------------
head_yaml() {
	sed -n '1,/^signature:/p' samples/giay-khen-2020.yaml | grep -v '^#'
	echo "awardees:"
	echo "  - {name: Ông Nguyễn Văn An, unit: Sở Tài chính}"
	echo "  - {name: Ông Nguyễn Văn An, unit: Sở Nội vụ}"
}
head_yaml > "$TMP/two.yaml"
long=$(printf 'x%.0s' $(seq 251))
"$VANBAN" render "$TMP/two.yaml" --split "$TMP/sp1" --pattern "$long.pdf" 2> "$TMP/err"; rc=$?
check "a split name 257 bytes with its -2: exit 1" test $rc -eq 1
check "a split name too long: the message" grep -q "^$TMP/two.yaml:.*error: --split: the file name for 'Ông Nguyễn Văn An' is longer than 255 bytes ('x\{80\}…')$" "$TMP/err"
check "a split name too long: nothing written" test -z "$(ls -A "$TMP/sp1")"
"$VANBAN" render "$TMP/two.yaml" --split "$TMP/sp2" --pattern "$(printf 'y%.0s' $(seq 245)){{seq}}.pdf" 2> "$TMP/err"; rc=$?
check "split names of 252 bytes are written" test $rc -eq 0 -a "$(ls "$TMP/sp2" | wc -l)" = 3
mkdir "$TMP/sp3"
printf 'name,unit\nÔng A,Sở B\n' > "$TMP/sp3/manifest.csv"
{ sed -n '1,/^signature:/p' samples/giay-khen-2020.yaml | grep -v '^#'; echo "awardees_file: manifest.csv"; } > "$TMP/sp3/doc.yaml"
cp "$TMP/sp3/manifest.csv" "$TMP/manifest.orig"
"$VANBAN" render "$TMP/sp3/doc.yaml" --split "$TMP/sp3" 2> "$TMP/err"; rc=$?
check "--split over an input (the awardees file): exit 1" test $rc -eq 1
check "--split over an input: the message" grep -q "error: --split: '$TMP/sp3/manifest.csv' is a file this run reads; the manifest would be written over it" "$TMP/err"
check "--split over an input: nothing written" test "$(ls "$TMP/sp3" | wc -l)" = 2 -a "$(cat "$TMP/sp3/manifest.csv")" = "$(cat "$TMP/manifest.orig")"
done_tests
