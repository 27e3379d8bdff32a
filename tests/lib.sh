# Helpers for the end-to-end tests: run from the repository root.
# Each check prints "[       OK ] name" or "[  FAILED  ] name" (with why);
# a script ends with done_tests, which prints "[  DONE    ]".
ROOT=$(pwd)
VANBAN=${VANBAN:-$ROOT/vanban}  # make asan points this at the sanitizer build
export VANBAN_HOME=$ROOT
# The messages the tests expect are the English ones, whatever the language
# of the developer's session: a test of another language sets its own.
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "[       OK ] $1"; }
fail() { echo "[  FAILED  ] $1"; shift; for l in "$@"; do echo "             $l"; done; }
# check NAME CONDITION...: runs the condition (a command) and reports.
check() { local n=$1; shift; if "$@"; then ok "$n"; else fail "$n"; fi; }
done_tests() { echo "[  DONE    ]"; }
