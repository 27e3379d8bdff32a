# Every file in tests/bad with a .err file is rendered: the exit status must
# be 1, stderr must equal the .err file byte for byte, and an existing output
# file must be left untouched (a missing one must not be created).
. tests/lib.sh
cd tests/bad || exit 1
export VANBAN_HOME=../..  # messages then name data files relatively
for f in *.yaml *.md; do
	exp=${f%.*}.err
	[ -f "$exp" ] || continue
	echo "sentinel" > "$TMP/out.pdf"
	"$VANBAN" render "$f" -o "$TMP/out.pdf" 2> "$TMP/err"
	rc=$?
	if [ $rc -ne 1 ]; then
		fail "bad input $f" "exit status $rc, expected 1"
	elif ! cmp -s "$TMP/err" "$exp"; then
		fail "bad input $f" "stderr differs:" "$(diff "$exp" "$TMP/err" | head -20)"
	elif [ "$(cat "$TMP/out.pdf")" != sentinel ]; then
		fail "bad input $f" "the existing output file was overwritten"
	else
		ok "bad input $f"
	fi
	rm -f "$TMP/new.pdf"
	"$VANBAN" render "$f" -o "$TMP/new.pdf" 2>/dev/null
	check "bad input $f creates no file" test ! -e "$TMP/new.pdf"
done
# The check command reports the same and writes nothing.
"$VANBAN" check unknown-key.yaml 2> "$TMP/err"
rc=$?
check "check reports errors with status 1" test $rc -eq 1
check "check prints the same messages as render" cmp -s "$TMP/err" unknown-key.err
check "no stray files in tests/bad" test -z "$(ls | grep -v -E '\.(yaml|md|err|png)$|^styles$')"
done_tests
