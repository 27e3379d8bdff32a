# make install into a temporary prefix (DESTDIR and PREFIX): the installed
# program renders from another directory with no VANBAN_HOME, finding its
# data from its own place; the manual pages render cleanly; a copy of the
# program alone is exit 2 with what is missing; uninstall removes what
# install put. make is told not to rebuild (-o all): the program under test
# ($VANBAN, the sanitizer build under make asan) is the one installed.
. tests/lib.sh
unset VANBAN_HOME
STAGE=$TMP/stage
P=/opt/vanban
minst() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -o all "$@" BIN="$VANBAN" PREFIX=$P; }
mkdir -p "$TMP/locale/vi/LC_MESSAGES"
printf 'catalog' > "$TMP/locale/vi/LC_MESSAGES/vanban.mo"
minst install DESTDIR="$STAGE" LOCALE="$TMP/locale" > "$TMP/out" 2> "$TMP/err"; rc=$?
check "make install: exit 0, quiet" test $rc -eq 0 -a ! -s "$TMP/err"
check "... says where" grep -q "^installed vanban in $STAGE$P (" "$TMP/out"
check "the program in PREFIX/bin" test -x "$STAGE$P/bin/vanban"
D=$STAGE$P/share/vanban
check "the styles in PREFIX/share/vanban/templates" test -f "$D/templates/styles/nd30.yaml" -a \
	-f "$D/templates/types.yaml" -a -f "$D/templates/certificates/giay-khen.yaml" -a -f "$D/templates/ket-luan.md"
check "every file of templates/" test "$(cd templates && find . -type f | sort)" = "$(cd "$D/templates" && find . -type f | sort)"
check "the workspace's pages in PREFIX/share/vanban/web" test "$(cd web && find . -type f | sort)" = "$(cd "$D/web" && find . -type f | sort)"
links=0
for f in Regular Bold Italic BoldItalic; do
	[ "$(readlink "$D/fonts/LiberationSerif-$f.ttf")" = /usr/share/fonts/truetype/liberation2/LiberationSerif-$f.ttf ] &&
		links=$((links + 1))
done
check "the fonts: links to Debian's fonts-liberation2" test $links -eq 4
check "the catalogs in locale/" cmp -s "$D/locale/vi/LC_MESSAGES/vanban.mo" "$TMP/locale/vi/LC_MESSAGES/vanban.mo"
M=$STAGE$P/share/man
check "the manual pages: man1 and vi/man1" test -f "$M/man1/vanban.1" -a -f "$M/vi/man1/vanban.1"
check "the guides in share/doc/vanban" test -f "$STAGE$P/share/doc/vanban/input.md"
check "the manifest lists every file installed" test "$(sed "s|^|$STAGE|" "$D/installed-files" | sort)" = \
	"$(find "$STAGE" -type f -o -type l | sort)"

# The installed program, run from elsewhere, with the input's directory
# its only other link to the world.
mkdir "$TMP/work"
cp samples/thong-bao-ket-luan.yaml "$TMP/work/tb.yaml"
(cd "$TMP/work" && "$STAGE$P/bin/vanban" render tb.yaml -o tb.pdf) 2> "$TMP/err"; rc=$?
check "the installed program renders from another directory: exit 0" test $rc -eq 0 -a ! -s "$TMP/err"
pdftotext "$TMP/work/tb.pdf" "$TMP/work/tb.txt"
check "... the PDF's text" test "$(grep -c '^Số: 125/TB-LĐLĐ$\|^Kết luận tại Hội nghị Ban Thường vụ LĐLĐ tỉnh$\|^Nguyễn Thanh Hải$' "$TMP/work/tb.txt")" -eq 3
VANBAN_HOME=$ROOT "$VANBAN" render samples/thong-bao-ket-luan.yaml -o "$TMP/ref.pdf"
check "... the same bytes as from the source tree" cmp -s "$TMP/work/tb.pdf" "$TMP/ref.pdf"
(cd "$TMP/work" && "$STAGE$P/bin/vanban" render ../../nonexistent.yaml) 2> /dev/null; rc=$?
check "... and its errors are input errors still" test $rc -eq 1

# Copies of the fonts instead of links.
minst install DESTDIR="$TMP/copy" FONTS_INSTALL=copy > /dev/null; rc=$?
check "FONTS_INSTALL=copy: files, the same bytes" test $rc -eq 0 -a ! -L "$TMP/copy$P/share/vanban/fonts/LiberationSerif-Regular.ttf" &&
	cmp -s "$TMP/copy$P/share/vanban/fonts/LiberationSerif-Regular.ttf" fonts/LiberationSerif-Regular.ttf
check "... no locale/ when there is none" test ! -e "$TMP/copy$P/share/vanban/locale" -o -d locale
minst install DESTDIR="$TMP/bad" FONTS_INSTALL=maybe > /dev/null 2>&1; rc=$?
check "FONTS_INSTALL other than link or copy: refused" test $rc -ne 0 -a ! -e "$TMP/bad"

# The manual pages render without a warning (groff -ww, and man's own
# pipeline), in English and in Vietnamese.
for page in "$M/man1/vanban.1" "$M/vi/man1/vanban.1"; do
	groff -k -man -Tutf8 -ww -z "$page" 2> "$TMP/err"; rc=$?
	check "groff -ww: no warning in ${page#$STAGE}" test $rc -eq 0 -a ! -s "$TMP/err"
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" > "$TMP/man.txt" 2> "$TMP/err"; rc=$?
	check "man -l: no warning in ${page#$STAGE}" test $rc -eq 0 -a ! -s "$TMP/err"
done
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$M/man1/vanban.1" > "$TMP/man.txt"
check "vanban(1): its sections" test "$(grep -c '^NAME$\|^SYNOPSIS$\|^COMMANDS$\|^OPTIONS$\|^REGISTER$\|^EXIT STATUS$\|^ENVIRONMENT$\|^FILES$\|^EXAMPLES$' "$TMP/man.txt")" -eq 9
for o in --output --format --pdfa --jobs --shard --issue --register --set --split --pattern --calibrate --json VANBAN_HOME VANBAN_REGISTER; do
	grep -q -- "$o" "$TMP/man.txt" || fail "vanban(1) names $o"
done
ok "vanban(1) names every option"
for s in list show void unvoid check book; do
	grep -q "^       $s" "$TMP/man.txt" || fail "vanban(1) has register $s"
done
ok "vanban(1) has every register subcommand"
check "vanban(1): exit statuses 0 to 3" test "$(sed -n '/^EXIT STATUS$/,/^ENVIRONMENT$/p' "$TMP/man.txt" | grep -c '^       [0-3]  ')" -eq 4
LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$M/vi/man1/vanban.1" > "$TMP/man.txt"
check "vanban(1) in Vietnamese: its sections" test "$(grep -c '^TÊN$\|^CÚ PHÁP$\|^CÁC LỆNH$\|^TÙY CHỌN$\|^SỔ ĐĂNG KÝ$\|^MÃ THOÁT$\|^BIẾN MÔI TRƯỜNG$\|^TỆP$\|^VÍ DỤ$' "$TMP/man.txt")" -eq 9
check "... exit statuses 0 to 3" test "$(sed -n '/^MÃ THOÁT$/,/^BIẾN MÔI TRƯỜNG$/p' "$TMP/man.txt" | grep -c '^       [0-3]  ')" -eq 4

check "man -L vi finds the Vietnamese page" test "$(MANPATH=$M man -L vi -w vanban)" = "$M/vi/man1/vanban.1"
check "man finds the English one" test "$(MANPATH=$M LC_ALL=C man -w vanban)" = "$M/man1/vanban.1"

# The program copied alone: exit 2, where it looked, nothing written.
mkdir "$TMP/lone"
cp "$STAGE$P/bin/vanban" "$TMP/lone/vanban"
(cd "$TMP/work" && "$TMP/lone/vanban" render tb.yaml -o lone.pdf) 2> "$TMP/err"; rc=$?
check "a copied program: exit 2" test $rc -eq 2
check "... says what is missing and where it looked" test "$(cat "$TMP/err")" = \
	"vanban: error: cannot find vanban's data (templates/, fonts/): looked in $TMP/lone, $TMP/share/vanban; set VANBAN_HOME or install with make install"
check "... nothing written" test ! -e "$TMP/work/lone.pdf"
VANBAN_HOME=$D "$TMP/lone/vanban" check "$TMP/work/tb.yaml"; rc=$?
check "... VANBAN_HOME gives it the data" test $rc -eq 0

# Uninstall: nothing of what install put is left; folders of others stay.
mkdir -p "$STAGE$P/share/man/man1"
touch "$STAGE$P/share/man/man1/other.1"
minst uninstall DESTDIR="$STAGE" > "$TMP/out" 2> "$TMP/err"; rc=$?
check "make uninstall: exit 0" test $rc -eq 0 -a ! -s "$TMP/err"
check "... no file or link left but another package's" test "$(cd "$STAGE" && find . -type f -o -type l)" = \
	"./opt/vanban/share/man/man1/other.1"
check "... share/vanban, share/doc/vanban, share/man/vi removed" test ! -e "$D" -a \
	! -e "$STAGE$P/share/doc/vanban" -a ! -e "$M/vi"
minst uninstall DESTDIR="$STAGE" > "$TMP/out" 2>&1; rc=$?
check "uninstall with nothing installed: refused" test $rc -ne 0 && grep -q "nothing to uninstall: no $D/installed-files" "$TMP/out"
done_tests
