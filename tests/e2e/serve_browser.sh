# The workspace in headless Chromium (tests/browser/workspace.test.js, with
# npm's playwright-core driving Debian's /usr/bin/chromium). Skipped, with
# a message, only outside CI when Chromium or the npm package is absent.
. tests/lib.sh
. tests/serve_lib.sh
if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null ||
   [ ! -d tests/browser/node_modules/playwright-core ]; then
	if [ -n "$CI" ]; then
		fail "the browser test needs /usr/bin/chromium, node and tests/browser/node_modules (.ci/run installs them)"
	else
		echo "skipped: the browser test needs /usr/bin/chromium, node and playwright-core" \
		     "(apt-get install chromium nodejs npm; cd tests/browser && npm ci)"
	fi
	done_tests
	exit 0
fi
W=$TMP/ws
mkdir -p "$W"
cp samples/thong-bao-cong-doan.yaml "$W/"
export VANBAN_REGISTER=$TMP/so-di.db
start_server "$W"
SHOTS=${SHOTS:-$TMP/shots}
mkdir -p "$SHOTS"
URL=$URL DIR=$W VANBAN=$VANBAN SHOTS=$SHOTS HOME=$TMP node tests/browser/workspace.test.js
check "the browser test ran to its end" test $? -eq 0
stop_server
done_tests
