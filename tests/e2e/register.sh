# The register of outgoing documents: numbers that never collide, even
# under concurrent issuing; a killed process leaves nothing half-done; void
# keeps the row; the book prints; a foreign file is never touched.
. tests/lib.sh
sed 's/^number: 125/number: auto/' samples/thong-bao-ket-luan.yaml > "$TMP/tb.yaml"
cp -r samples/images "$TMP/" 2>/dev/null
REG=$TMP/so.db

# Without --issue: a draft, the number left blank, nothing taken.
"$VANBAN" render "$TMP/tb.yaml" -o "$TMP/draft.pdf"; rc=$?
check "draft renders" test $rc -eq 0
pdftotext "$TMP/draft.pdf" "$TMP/draft.txt"
check "draft has a blank number" test "$(grep -c '^Số: *[0-9]' "$TMP/draft.txt")" -eq 0 -a \
	"$(grep -c '^Số:' "$TMP/draft.txt")" -eq 1
check "draft creates no register" test ! -e "$REG"
"$VANBAN" render "$TMP/tb.yaml" --issue -o "$TMP/x.pdf" 2> "$TMP/err"; rc=$?
check "--issue without a register is an input error" test $rc -eq 1
check "--issue names where a register comes from" grep -q "needs a register" "$TMP/err"

# Twenty processes at once: twenty distinct consecutive numbers, twenty rows.
N=20
for i in $(seq $N); do
	"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/c$i.pdf" 2>/dev/null &
done
wait
"$VANBAN" register list --format csv --register "$REG" > "$TMP/list.csv"; rc=$?
check "list after concurrent issuing" test $rc -eq 0
check "$N rows" test "$(tail -n +2 "$TMP/list.csv" | wc -l)" -eq $N
check "numbers 1..$N, each once" test "$(tail -n +2 "$TMP/list.csv" | cut -d, -f1 | sort -n | tr '\n' ' ')" = "$(seq $N | tr '\n' ' ')"
ok_files=0
for i in $(seq $N); do
	n=$(pdftotext "$TMP/c$i.pdf" - | sed -n 's/^Số: \([0-9]*\)\/TB-LĐLĐ$/\1/p')
	[ -n "$n" ] || continue
	row=$(grep -c "^$((10#$n)),2020,.*\"$TMP/c$i.pdf\"" "$TMP/list.csv")
	[ "$row" -eq 1 ] && ok_files=$((ok_files + 1))
done
check "each file shows the number its row records" test $ok_files -eq $N
sums_ok=0
while IFS=, read -r num yr rest; do
	f=$(printf '%s' "$rest" | grep -o "\"$TMP/c[0-9]*\.pdf\"" | tr -d '"')
	h=$(printf '%s' "$rest" | grep -o '"[0-9a-f]\{64\}"' | tr -d '"')
	[ -n "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$h" ] && sums_ok=$((sums_ok + 1))
done < <(tail -n +2 "$TMP/list.csv")
check "each row's SHA-256 is its file's" test $sums_ok -eq $N

# A process killed inside the transaction: no number taken, no row, no file.
VANBAN_TEST_HOLD_ISSUE=5000 "$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/killed.pdf" 2>/dev/null &
pid=$!
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed issue wrote no file" test ! -e "$TMP/killed.pdf"
check "killed issue left no row" test "$("$VANBAN" register list --register "$REG" | wc -l)" -eq $N
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/next.pdf" 2> "$TMP/err"
check "the next issue takes the next number" grep -q "issued number $((N + 1))/2020" "$TMP/err"
check "the register is intact" test "$(sqlite3 "$REG" 'PRAGMA integrity_check')" = ok

# Void keeps the row; the number is never given again.
"$VANBAN" register void 3/2020 --reason "Ban hành nhầm" --register "$REG"; rc=$?
check "void" test $rc -eq 0
"$VANBAN" register show 3/2020 --register "$REG" > "$TMP/show"
check "show tells it is void" grep -q "\[VOID: Ban hành nhầm\]" "$TMP/show"
"$VANBAN" register void 3/2020 --reason again --register "$REG" 2>/dev/null; rc=$?
check "voiding twice is an error" test $rc -eq 1
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/after.pdf" 2> "$TMP/err"
check "a voided number is not reused" grep -q "issued number $((N + 2))/2020" "$TMP/err"
"$VANBAN" register list --format json --register "$REG" > "$TMP/list.json"
check "JSON list" test "$(grep -c '"number":' "$TMP/list.json")" -eq $((N + 2))
"$VANBAN" register list --year 2019 --register "$REG" > "$TMP/none"
check "list by year" test ! -s "$TMP/none"

# Two sequences with the same number: void says which it voids; unvoid
# undoes it, and show keeps both reasons.
R2=$TMP/two.db
sed 's/^  code: LĐLĐ/  code: CĐ/' "$TMP/tb.yaml" > "$TMP/tb2.yaml"
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$R2" -o "$TMP/t1.pdf" 2>/dev/null
"$VANBAN" render "$TMP/tb2.yaml" --issue --register "$R2" -o "$TMP/t2.pdf" 2>/dev/null
"$VANBAN" register void 1/2020 --reason "Ban hành nhầm" --register "$R2" 2> "$TMP/err"; rc=$?
check "void of a number two sequences have: exit 1" test $rc -eq 1
check "void of a number two sequences have: names them" test "$(cat "$TMP/err")" = \
	"vanban: error: number 1/2020 is in 2 sequences: CĐ (TB-CĐ), LĐLĐ (TB-LĐLĐ); say which with --issuer CODE or --type TB"
check "the ambiguous void voided nothing" test "$("$VANBAN" register list --register "$R2" | grep -c VOID)" -eq 0
"$VANBAN" register void 1/2020 --issuer CĐ --reason "Ban hành nhầm" --register "$R2"; rc=$?
check "void --issuer" test $rc -eq 0
check "void --issuer voids that sequence only" test "$("$VANBAN" register list --register "$R2" | grep VOID | awk '{print $2}')" = "TB-CĐ"
"$VANBAN" register unvoid 1/2020 --issuer LĐLĐ --reason x --register "$R2" 2> "$TMP/err"; rc=$?
check "unvoid of a number not void" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: number 1/2020 LĐLĐ (TB-LĐLĐ) is not void"
"$VANBAN" register unvoid 1/2020 --issuer CĐ --register "$R2" 2> /dev/null; rc=$?
check "unvoid needs a reason" test $rc -eq 2
"$VANBAN" register unvoid 1/2020 --issuer CĐ --reason "Không nhầm" --register "$R2"; rc=$?
check "unvoid" test $rc -eq 0
check "unvoid: no longer void" test "$("$VANBAN" register list --register "$R2" | grep -c VOID)" -eq 0
"$VANBAN" register show 1/2020 --register "$R2" > "$TMP/show"
check "show: the history keeps both reasons" test "$(grep -A2 '^  history:' "$TMP/show" | sed 's/^    [0-9-]* [0-9:]* //')" = \
	"$(printf '  history:\nvoid    Ban hành nhầm\nunvoid  Không nhầm')"
"$VANBAN" register void 9/2020 --issuer CĐ --reason x --register "$R2" 2> "$TMP/err"; rc=$?
check "void of a number not given" test $rc -eq 1 -a "$(cat "$TMP/err")" = \
	"vanban: error: number 9/2020 is not in the register for that issuer and type"

# The book.
"$VANBAN" register book --year 2020 -o "$TMP/book.pdf" --register "$REG"; rc=$?
check "book renders" test $rc -eq 0
pdftotext "$TMP/book.pdf" "$TMP/book.txt" 2> "$TMP/err"
check "book text extracts" grep -q "SỔ ĐĂNG KÝ VĂN BẢN ĐI" "$TMP/book.txt"
# (pdftotext may read the date beside the number on one line)
check "book lists every number" test "$(grep -c '^[0-9][0-9]/TB-LĐLĐ\( \|$\)' "$TMP/book.txt")" -eq $((N + 2))
check "book is landscape" pdfinfo "$TMP/book.pdf" -f 1 -l 1 | grep -q "841.89 x 595.276"
pages=$(pdfinfo "$TMP/book.pdf" | sed -n 's/^Pages: *//p')
check "book: the header row on every page ($pages pages)" test "$(grep -c '^Số, ký hiệu' "$TMP/book.txt")" -eq "$pages"

# Foreign and damaged files are refused and left as they were.
printf 'not a database' > "$TMP/bad.db"
cp "$TMP/bad.db" "$TMP/bad.orig"
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$TMP/bad.db" -o "$TMP/y.pdf" 2> "$TMP/err"; rc=$?
check "damaged register is an error" test $rc -eq 1
check "damaged register message" grep -q "is not a register" "$TMP/err"
check "damaged register untouched" cmp -s "$TMP/bad.db" "$TMP/bad.orig"
sqlite3 "$TMP/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
cp "$TMP/other.db" "$TMP/other.orig"
"$VANBAN" register list --register "$TMP/other.db" 2> "$TMP/err"; rc=$?
check "foreign database is an error" test $rc -eq 1
check "foreign database untouched" cmp -s "$TMP/other.db" "$TMP/other.orig"
# A register another program keeps locked: a bounded wait, then "busy",
# not "damaged".
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
$PY -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN EXCLUSIVE')
open(sys.argv[2], 'w').close()
time.sleep(3)" "$REG" "$TMP/locked" &
lockpid=$!
for i in $(seq 50); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
t0=$(date +%s%N)
VANBAN_REGISTER_WAIT_MS=300 "$VANBAN" register list --register "$REG" > /dev/null 2> "$TMP/err"; rc=$?
t1=$(date +%s%N)
check "locked register: exit 1" test $rc -eq 1
check "locked register: busy, not damaged" test "$(cat "$TMP/err")" = \
	"$REG: error: the register is in use by another program (waited 0.3 s); try again"
check "locked register: a bounded wait" test $(((t1 - t0) / 1000000)) -lt 2000
VANBAN_REGISTER_WAIT_MS=300 "$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/busy.pdf" 2> "$TMP/err"; rc=$?
check "locked register: issuing is exit 1" test $rc -eq 1
check "locked register: issuing says busy" grep -qx "$REG: error: the register is in use by another program (waited 0.3 s); try again" "$TMP/err"
check "locked register: no file" test ! -e "$TMP/busy.pdf"
kill $lockpid 2>/dev/null
wait $lockpid 2>/dev/null

# The commit fails (a reader keeps the register from being written): no
# file, not even a temporary one, and the number stays free.
rm -f "$TMP/locked"
$PY -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN')
c.execute('SELECT count(*) FROM documents').fetchall()
open(sys.argv[2], 'w').close()
time.sleep(3)" "$REG" "$TMP/locked" &
lockpid=$!
for i in $(seq 50); do [ -e "$TMP/locked" ] && break; sleep 0.1; done
mkdir "$TMP/out"
VANBAN_REGISTER_WAIT_MS=300 "$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/out/n.pdf" 2> "$TMP/err"; rc=$?
kill $lockpid 2>/dev/null
wait $lockpid 2>/dev/null
check "failed commit: exit 1" test $rc -eq 1
check "failed commit: the message" test "$(cat "$TMP/err")" = \
	"$REG: error: the register is in use by another program (waited 0.3 s); try again"
check "failed commit: no file, no temporary file" test -z "$(ls -A "$TMP/out")"
check "failed commit: no row" test "$("$VANBAN" register list --register "$REG" | wc -l)" -eq $((N + 2))
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/out/n.pdf" 2> "$TMP/err"
check "failed commit: the next issue takes the number" grep -q "issued number $((N + 3))/2020" "$TMP/err"
check "failed commit: then the file is there" test -s "$TMP/out/n.pdf"

# A register the user may only read (root may write anything: the issue
# runs as nobody): no file, nothing taken.
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	chmod 755 "$TMP"
	mkdir "$TMP/ro"
	cp "$REG" "$TMP/ro/so.db"
	chmod 777 "$TMP/ro"
	chmod 644 "$TMP/ro/so.db"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$VANBAN" render "$TMP/tb.yaml" \
		--issue --register "$TMP/ro/so.db" -o "$TMP/ro/n.pdf" 2> "$TMP/err"; rc=$?
	check "read-only register: exit 3" test $rc -eq 3
	check "read-only register: the message" test "$(cat "$TMP/err")" = \
		"$TMP/ro/so.db: error: the register cannot be written here (attempt to write a readonly database); nothing was changed"
	check "read-only register: no file" test "$(ls -A "$TMP/ro")" = so.db
	check "read-only register: unchanged" cmp -s "$REG" "$TMP/ro/so.db"
fi

# register check: every issued file in place with its SHA-256.
"$VANBAN" register check --register "$REG" > "$TMP/chk"; rc=$?
check "check: all in place" test $rc -eq 0
check "check: counts the files" grep -qx "$((N + 2)) files checked: each in place, as issued" "$TMP/chk"
rm "$TMP/next.pdf"
echo changed >> "$TMP/after.pdf"
"$VANBAN" register check --register "$REG" > "$TMP/chk" 2> "$TMP/err"; rc=$?
check "check: a missing or changed file is exit 1" test $rc -eq 1
check "check: names the missing file" grep -q "'$TMP/next.pdf' is missing$" "$TMP/chk"
check "check: names the changed file" grep -q "'$TMP/after.pdf' differs from the register (SHA-256)$" "$TMP/chk"
check "check: two lines" test "$(wc -l < "$TMP/chk")" -eq 2
check "check: the summary" test "$(cat "$TMP/err")" = \
	"vanban: 2 of $((N + 2)) issued files are not as the register records them"
done_tests
