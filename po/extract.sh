#!/bin/sh
# Extracts the messages of src/ into a template catalog (default
# po/vanban.pot): make po-update runs it, and the tests compare its output
# with the committed po/vanban.pot. The keywords are the functions that
# take a message: diag_error's format is its 3rd argument, diag_add's its
# 4th, diag_fold_repeats's noun its 3rd, mustache.c's error_at its 5th and
# fatal its 4th; say, say_error, say_note, _() and N_() their 1st.
# The creation date is left out, so that the same sources give the same
# file.  usage: po/extract.sh [OUT.pot]    (run from the repository root)
out=${1:-po/vanban.pot}
kw="--keyword= --keyword=_ --keyword=N_ --keyword=diag_error:3 --keyword=diag_add:4
    --keyword=diag_fold_repeats:3 --keyword=error_at:5 --keyword=fatal:4
    --keyword=say --keyword=say_error --keyword=say_note
    --flag=diag_error:3:c-format --flag=diag_add:4:c-format --flag=error_at:5:c-format
    --flag=fatal:4:c-format --flag=say:1:c-format --flag=say_error:1:c-format
    --flag=say_note:1:c-format --flag=_:1:pass-c-format"
# The warning about the missing bug address is for projects with a
# Makevars file; this one has none.
# xgettext counts the commas inside braces as arguments: a position
# written (struct pos){src, 1, 1} would shift the message out of its place.
# It reads copies with those made one word, under the same names.
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
for f in $(ls src/*/*.c | LC_ALL=C sort); do
	mkdir -p "$tmp/$(dirname "$f")"
	perl -0pe 's/\(struct pos\)\{[^{}]*\}/POS/g' "$f" > "$tmp/$f" || exit 1
done
here=$(pwd)
case $out in /*) ;; *) out=$here/$out ;; esac
# shellcheck disable=SC2046,SC2086 # the file names have no blanks
{ cd "$tmp" && xgettext --from-code=UTF-8 --language=C --no-wrap --sort-by-file --add-location=file --package-name=vanban \
	--add-comments=TRANSLATORS: $kw -o "$out.tmp" $(ls src/*/*.c | LC_ALL=C sort) 2>&1 1>&3 |
	grep -v -e 'msgid-bugs-address' -e "'Makevars' file" -e 'MSGID_BUGS_ADDRESS' \
		-e 'specify an --msgid-bugs-address' >&2; } 3>&1
test -s "$out.tmp" || { rm -f "$out.tmp"; exit 1; }
grep -v '^"POT-Creation-Date: ' "$out.tmp" > "$out" && rm -f "$out.tmp"
