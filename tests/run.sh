#!/bin/sh
# Runs the unit test binaries given as arguments, then every tests/e2e/*.sh,
# and ends with one line: "N passed, M failed", followed by ", K skipped"
# when cmocka skipped some tests (a test whose input is not there). Exit
# status 0 only if none failed. A binary that crashes before its summary
# counts as a failure.
pass=0; fail=0; skip=0
# English messages, as the tests expect, whatever the session's language.
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
logdir=${TMPDIR:-/tmp}/vanban-tests.$$
mkdir -p "$logdir"
for t in "$@"; do
	log=$logdir/$(basename "$t").log
	"$t" >"$log" 2>&1
	cat "$log"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' "$log")
	k=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test(s), listed below:/\1/p' "$log")
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-0})); skip=$((skip + ${k:-0}))
	grep -q '^\[  PASSED  \]' "$log" || { echo "[  CRASH   ] $t"; fail=$((fail + 1)); }
done
for s in tests/e2e/*.sh; do
	log=$logdir/$(basename "$s").log
	bash "$s" >"$log" 2>&1
	cat "$log"
	p=$(grep -c '^\[       OK \]' "$log")
	f=$(grep -c '^\[  FAILED  \]' "$log")
	pass=$((pass + p)); fail=$((fail + f))
	grep -q '^\[  DONE    \]' "$log" || { echo "[  CRASH   ] $s"; fail=$((fail + 1)); }
done
rm -rf "$logdir"
if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
test "$fail" -eq 0
