# The register and a document with its own number: --issue records that
# number, and refuses one its sequence already holds (naming the row that
# holds it); the book's archive column comes from the document; a register
# of schema 2 is brought forward.
. tests/lib.sh
cp samples/thong-bao-ket-luan.yaml "$TMP/tb.yaml"   # number: 125, archive: VT, TH
sed 's/^number: 125/number: auto/' "$TMP/tb.yaml" > "$TMP/auto.yaml"
sed 's/^  code: LĐLĐ/  code: CĐ/' "$TMP/tb.yaml" > "$TMP/cd.yaml"
REG=$TMP/so.db
rows() { "$VANBAN" register list --format csv --register "$REG" | tail -n +2 | wc -l; }

"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/a.pdf" 2> "$TMP/err"; rc=$?
check "a fixed number with --issue: exit 0" test $rc -eq 0
check "... says what it recorded" test "$(cat "$TMP/err")" = "vanban: issued number 125/2020 (TB-LĐLĐ)"
check "... the file is there" test "$(pdftotext "$TMP/a.pdf" - | grep -c '^Số: 125/TB-LĐLĐ$')" -eq 1
"$VANBAN" register list --format csv --register "$REG" > "$TMP/list.csv"
check "... one row, number 125, with its file and archive" test "$(tail -n +2 "$TMP/list.csv" | \
	grep -c "^125,2020,\"LĐLĐ\",\"TB-LĐLĐ\",\"2020-09-07\",.*,\"$TMP/a.pdf\",\"[0-9a-f]\{64\}\",0,\"\",\"VT, TH\"$")" -eq 1
check "... and only that row" test "$(rows)" -eq 1
check "... its SHA-256 is the file's" grep -q "\"$(sha256sum "$TMP/a.pdf" | cut -d' ' -f1)\"" "$TMP/list.csv"

held="number 125/2020 is already in the register '$REG': 125/TB-LĐLĐ of 2020-09-07, file '$TMP/a.pdf', \"Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh\""
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/b.pdf" 2> "$TMP/err"; rc=$?
check "the same number again: exit 1" test $rc -eq 1
check "... names the row that holds it, at the number" test "$(head -1 "$TMP/err")" = \
	"$TMP/tb.yaml:7:9: error: $held; a number is given once (write number: auto for the next one)"
check "... no file" test ! -e "$TMP/b.pdf"
check "... no row" test "$(rows)" -eq 1
cp "$TMP/a.pdf" "$TMP/a.orig"
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/a.pdf" 2> /dev/null; rc=$?
check "... over the issued file itself: refused, the file unchanged" test $rc -eq 1 && cmp -s "$TMP/a.pdf" "$TMP/a.orig"
ls "$TMP" | grep '\.pdf\.' > "$TMP/left"
check "... no temporary file left" test ! -s "$TMP/left"

"$VANBAN" render "$TMP/cd.yaml" --issue --register "$REG" -o "$TMP/cd.pdf" 2> "$TMP/err"; rc=$?
check "the same number in another sequence (issuer): recorded" test $rc -eq 0 -a "$(cat "$TMP/err")" = \
	"vanban: issued number 125/2020 (TB-CĐ)"
"$VANBAN" render "$TMP/auto.yaml" --issue --register "$REG" -o "$TMP/n.pdf" 2> "$TMP/err"
check "number: auto after a fixed 125 takes 126" test "$(cat "$TMP/err")" = "vanban: issued number 126/2020 (TB-LĐLĐ)"
"$VANBAN" render "$TMP/auto.yaml" --set number=7 --issue --register "$REG" -o "$TMP/s.pdf" 2> "$TMP/err"; rc=$?
check "--set number=7 --issue records 7" test $rc -eq 0 -a "$(cat "$TMP/err")" = "vanban: issued number 7/2020 (TB-LĐLĐ)"
check "... the file has 7" test "$(pdftotext "$TMP/s.pdf" - | grep -c '^Số: 07/TB-LĐLĐ$')" -eq 1

"$VANBAN" register void 125/2020 --issuer LĐLĐ --reason "Ban hành nhầm" --register "$REG"
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$REG" -o "$TMP/v.pdf" 2> "$TMP/err"; rc=$?
check "a voided number is held too: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/v.pdf"
check "... the message says it is void" test "$(head -1 "$TMP/err")" = \
	"$TMP/tb.yaml:7:9: error: $held (void: Ban hành nhầm); a number is given once (write number: auto for the next one)"

sed '/^number:/d' "$TMP/tb.yaml" > "$TMP/none.yaml"
"$VANBAN" render "$TMP/none.yaml" --issue --register "$REG" -o "$TMP/none.pdf" 2> "$TMP/err"; rc=$?
check "--issue on a document with no number: exit 1, no file" test $rc -eq 1 -a ! -e "$TMP/none.pdf"
check "... says so" test "$(cat "$TMP/err")" = \
	"$TMP/none.yaml: error: --issue records the document's number in the register, and this one has none: write number: auto (the next number) or its number"
check "the refusals recorded nothing" test "$(rows)" -eq 4

# The archive column: from the document ("Lưu: ..." and a final '.' as
# the closing takes them), VT when it names none.
sed 's/^archive: .*/archive: "Lưu: VT, P.TC."/' "$TMP/auto.yaml" > "$TMP/arch.yaml"
sed '/^archive:/d' "$TMP/auto.yaml" > "$TMP/noarch.yaml"
"$VANBAN" render "$TMP/arch.yaml" --issue --register "$REG" -o "$TMP/arch.pdf" 2> /dev/null
"$VANBAN" render "$TMP/noarch.yaml" --issue --register "$REG" -o "$TMP/noarch.pdf" 2> /dev/null
"$VANBAN" register show 127/2020 --issuer LĐLĐ --register "$REG" > "$TMP/show"
check "show prints the archive" grep -qx "  archive:    VT, P.TC" "$TMP/show"
"$VANBAN" register list --format json --register "$REG" > "$TMP/list.json"
check "JSON has the archive" test "$(grep -c '"archive": "VT", ' "$TMP/list.json")" -eq 1
"$VANBAN" register book --year 2020 -o "$TMP/book.pdf" --register "$REG"; rc=$?
check "the book renders" test $rc -eq 0
pdftotext -layout "$TMP/book.pdf" "$TMP/book.txt"
check "book: the archive of 125 (VT, TH)" grep -q '^ *125/TB-LĐLĐ .* VT, TH\( \|$\)' "$TMP/book.txt"
check "book: the archive of 127 (VT, P.TC)" grep -q '^ *127/TB-LĐLĐ .* VT, P\.TC\( \|$\)' "$TMP/book.txt"
check "book: 128 has none named: VT" test "$(grep '^ *128/TB-LĐLĐ ' "$TMP/book.txt" | grep -c ' VT\(  \|$\)')" -eq 1

# A register of schema 2 (before the archive was kept): brought forward
# on open, its rows with no archive; new rows have it.
OLD=$TMP/old.db
sqlite3 "$OLD" "
CREATE TABLE documents (id INTEGER PRIMARY KEY, seq TEXT NOT NULL, year INTEGER NOT NULL,
 number INTEGER NOT NULL, code TEXT, date TEXT, type TEXT, subject TEXT, signer TEXT,
 recipients TEXT, copies INTEGER, file TEXT, sha256 TEXT, voided INTEGER NOT NULL DEFAULT 0,
 void_reason TEXT, UNIQUE (seq, year, number));
CREATE TABLE history (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents (id),
 at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')), action TEXT NOT NULL, reason TEXT);
INSERT INTO documents (seq, year, number, code, date, type, subject, signer, recipients, copies, file, sha256)
 VALUES ('LĐLĐ', 2020, 125, 'TB-LĐLĐ', '2020-09-07', 'THÔNG BÁO', 'Cũ', 'X', 'Y', 0, 'old.pdf', '00');
PRAGMA application_id = 1447186002; PRAGMA user_version = 2;"
"$VANBAN" register list --format csv --register "$OLD" > "$TMP/old.csv"; rc=$?
check "schema 2: listed" test $rc -eq 0
check "schema 2: brought forward to 3" test "$(sqlite3 "$OLD" 'PRAGMA user_version')" = 3
check "schema 2: its row has no archive" test "$(tail -1 "$TMP/old.csv")" = \
	'125,2020,"LĐLĐ","TB-LĐLĐ","2020-09-07","THÔNG BÁO","Cũ","X","Y",0,"old.pdf","00",0,"",""'
"$VANBAN" render "$TMP/tb.yaml" --issue --register "$OLD" -o "$TMP/o.pdf" 2> "$TMP/err"; rc=$?
check "schema 2: its numbers are held" test $rc -eq 1 && grep -q "is already in the register '$OLD': 125/TB-LĐLĐ of 2020-09-07, file 'old.pdf', \"Cũ\";" "$TMP/err"
"$VANBAN" render "$TMP/auto.yaml" --issue --register "$OLD" -o "$TMP/o.pdf" 2> /dev/null
check "schema 2: a new row has its archive" test "$(sqlite3 "$OLD" 'SELECT number, archive FROM documents ORDER BY number')" = \
	"$(printf '125|\n126|VT, TH')"
check "schema 2: intact" test "$(sqlite3 "$OLD" 'PRAGMA integrity_check')" = ok
done_tests
