# The include check of the stages (tests/layers.sh): clean on the tree, and
# each kind of wrong include, planted in a copy of src/, is reported with
# its file, line and reason, and fails.
. tests/lib.sh

sh tests/layers.sh > "$TMP/out" 2>&1; rc=$?
n=$(ls src/*/*.[ch] src/main.c 2>/dev/null | wc -l)
check "layers: the tree has no wrong include" test $rc -eq 0
check "layers: the clean line counts the files" \
	test "$(cat "$TMP/out")" = "layers: 5 stages, $n files, no wrong include"

# expect NAME MESSAGE: runs the check on $TMP/tree, which must fail with
# MESSAGE as its only output.
expect() {
	(cd "$TMP/tree" && sh "$ROOT/tests/layers.sh") > "$TMP/out" 2>&1; rc=$?
	if [ $rc -eq 1 ] && [ "$(cat "$TMP/out")" = "$2" ]; then
		ok "$1"
	else
		fail "$1" "exit $rc, want 1" "got:  $(head -3 "$TMP/out")" "want: $2"
	fi
}
# fresh: a new copy of src/ to plant one fault in.
fresh() { rm -rf "$TMP/tree"; mkdir "$TMP/tree"; cp -r src "$TMP/tree/"; }

fresh
sed -i '1i #include "app/app.h"' "$TMP/tree/src/base/base.h"
expect "layers: a lower stage including a higher one fails" \
	"src/base/base.h:1: error: base includes app/app.h (a higher stage)"

fresh
touch "$TMP/tree/src/typeset/layout_int.h"
printf '#include "output.h"\n#include "typeset/layout_int.h"\n' > "$TMP/tree/src/output/planted.c"
expect "layers: a private header of another folder fails" \
	"src/output/planted.c:2: error: output includes typeset/layout_int.h (private to typeset; include typeset/typeset.h)"

fresh
printf '#include "typeset.h"\n#include "base.h"\n' > "$TMP/tree/src/typeset/planted.c"
expect "layers: another folder's header without its folder fails" \
	"src/typeset/planted.c:2: error: typeset includes \"base.h\" without its folder (write \"base/base.h\")"

fresh
printf '#include "input.h"\n\n#include "no_such.h"\n' > "$TMP/tree/src/input/planted.c"
expect "layers: a quoted include of a missing file fails" \
	"src/input/planted.c:3: error: input includes \"no_such.h\", which does not exist"
done_tests
