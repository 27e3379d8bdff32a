#!/bin/sh
# Golden page dumps: tests/golden/<name>.{yaml,md} -> <name>.dump.txt.
#   tests/golden.sh          compare (as part of make test, via tests/e2e)
#   tests/golden.sh update   rewrite the .dump.txt files (make golden-update)
set -u
VANBAN=${VANBAN:-./vanban}
export VANBAN_HOME=${VANBAN_HOME:-$(pwd)}
status=0
for f in tests/golden/*.yaml tests/golden/*.md; do
	[ -f "$f" ] || continue
	exp=${f%.*}.dump.txt
	if [ "${1:-}" = update ]; then
		"$VANBAN" render -f dump "$f" -o "$exp" && echo "updated $exp"
		continue
	fi
	out=$("$VANBAN" render -f dump "$f" -o - 2>&1)
	if [ "$out" = "$(cat "$exp" 2>/dev/null)" ]; then
		echo "[       OK ] golden $(basename "$f")"
	else
		echo "[  FAILED  ] golden $(basename "$f")"
		printf '%s\n' "$out" | diff "$exp" - | head -20 | sed 's/^/             /'
		status=1
	fi
done
exit $status
