# Helpers for the tests of `vanban serve` (sourced after tests/lib.sh):
# start_server DIR starts it on a free loopback port and sets URL, HOSTPORT
# and TOKEN; the server is stopped when the script ends.
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
SERVER_PID=
stop_server() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }
trap 'stop_server; rm -rf "$TMP"' EXIT
start_server() {
	: > "$TMP/serve.err"
	"$VANBAN" serve "$1" --listen 127.0.0.1:0 2>"$TMP/serve.err" &
	SERVER_PID=$!
	# Until it says where it listens (bounded: 400 tries).
	for _ in $(seq 400); do
		grep -q 'at http://' "$TMP/serve.err" && break
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.05
	done
	HOSTPORT=$(sed -n 's|.* at http://\([^/]*\)/.*|\1|p' "$TMP/serve.err")
	URL=http://$HOSTPORT
	TOKEN=$(curl -s "$URL/" | sed -n 's/.*name="vanban-token" content="\([0-9a-f]*\)".*/\1/p')
}
# json FILE EXPR: a Python expression over the JSON in FILE (as j).
json() { $PY -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }
