# vanban serve over HTTP (curl): every route, and every refusal: a foreign
# Host or Origin, a POST without the token, a name outside the folder
# (.., a link out), an oversized body.
. tests/lib.sh
. tests/serve_lib.sh
W=$TMP/ws
mkdir -p "$W" "$TMP/outside"
cp samples/thong-bao-cong-doan.yaml "$W/tb.yaml"
cp samples/ket-luan-giao-ban.md "$W/kl.md"
cp samples/thong-bao-cong-doan.yaml "$TMP/outside/secret.yaml"
ln -s "$TMP/outside/secret.yaml" "$W/link.yaml"
start_server "$W"
check "serve says where it listens" grep -q "^vanban: serving $W at http://127.0.0.1:[0-9]*/ (Ctrl-C stops)$" "$TMP/serve.err"
check "the page carries a 32-digit token" test ${#TOKEN} -eq 32

# code METHOD PATH [curl args]: the status code alone.
code() { local m=$1 p=$2; shift 2; curl -s -o "$TMP/body" -w '%{http_code}' -X "$m" "$@" "$URL$p"; }
post() { local p=$1; shift; code POST "$p" -H "X-Vanban-Token: $TOKEN" "$@"; }

# The page and its files.
check "GET / is 200" test "$(code GET / -D "$TMP/head")" = 200
check "the page is Vietnamese" grep -q '<html lang="vi">' "$TMP/body"
check "the page has a content security policy" grep -qi "^Content-Security-Policy: default-src 'self'" "$TMP/head"
check "the page is not to be framed" grep -qi "^X-Frame-Options: DENY" "$TMP/head"
check "GET /static/app.js is JavaScript" test "$(code GET /static/app.js -D "$TMP/head")" = 200 -a \
	-n "$(grep -i '^Content-Type: text/javascript' "$TMP/head")"
check "GET /static/app.css is 200" test "$(code GET /static/app.css)" = 200
check "GET /fonts/LiberationSerif-Bold.ttf is the font" test "$(code GET /fonts/LiberationSerif-Bold.ttf)" = 200
check "the font served is the font of fonts/" cmp -s "$TMP/body" fonts/LiberationSerif-Bold.ttf
check "GET /fonts/ of another name: 404" test "$(code GET /fonts/x.ttf)" = 404
check "GET /fonts/ with ..: 404" test "$(code GET /fonts/..%2fMakefile --path-as-is)" = 404
check "GET /static/ of another file: 404" test "$(code GET /static/new.yaml)" = 404
check "an unknown page: 404" test "$(code GET /nothing)" = 404

# The folder's documents.
check "GET /api/list is 200" test "$(code GET /api/list)" = 200
check "the list has the folder's two documents, not the link out" \
	test "$(json "$TMP/body" '" ".join(d["name"] for d in j["docs"])')" = "kl.md tb.yaml"
check "the list gives type, number, date and subject" \
	test "$(json "$TMP/body" '[(d["type_name"], d["number"], d["date"], d["subject"][:20]) for d in j["docs"] if d["name"] == "tb.yaml"][0]')" = \
	"('THÔNG BÁO', '21', '2021-12-10', 'Về việc thăm hỏi, tặ')"
check "the front matter of a .md is read" \
	test "$(json "$TMP/body" '[d["type"] for d in j["docs"] if d["name"] == "kl.md"][0]')" = thong-bao
check "the list has the types" test "$(json "$TMP/body" '[t["name"] for t in j["types"] if t["key"] == "quyet-dinh"][0]')" = "QUYẾT ĐỊNH"

# The schema: every key the model accepts, in its order.
check "GET /api/schema is 200" test "$(code GET /api/schema)" = 200
check "the schema has the model's 27 keys" test "$(json "$TMP/body" 'len(j["keys"])')" = 27
check "the date is a date, labelled in Vietnamese" \
	test "$(json "$TMP/body" '[(k["kind"], k["label"]) for k in j["keys"] if k["key"] == "date"][0]')" = "('date', 'Ngày ban hành')"
check "only the nested keys are left to the YAML view" test "$(json "$TMP/body" '" ".join(k["key"] for k in j["keys"] if k["kind"] == "yaml")')" = "appendices meeting data attachment copy qr"
check "recipients are a list" test "$(json "$TMP/body" '[k["kind"] for k in j["keys"] if k["key"] == "recipients"][0]')" = list

# A document's text.
check "GET /api/file is 200" test "$(code GET '/api/file?name=tb.yaml')" = 200
json "$TMP/body" 'j["text"]' > "$TMP/text"
printf '\n' >> "$W/tb.yaml.nl"; cat "$W/tb.yaml" "$W/tb.yaml.nl" > "$TMP/expect"; rm "$W/tb.yaml.nl"
check "the text is the file's" cmp -s "$TMP/text" "$TMP/expect"

# Preview: the pages as SVG, the diagnostics with their lines.
check "POST /api/preview is 200" test "$(post '/api/preview?name=tb.yaml' --data-binary @"$W/tb.yaml")" = 200
check "the preview is ok" test "$(json "$TMP/body" 'j["ok"]')" = True
"$VANBAN" render "$W/tb.yaml" -o "$TMP/tb.pdf"
check "one SVG page for each PDF page" \
	test "$(json "$TMP/body" 'len(j["pages"])')" = "$(pdfinfo "$TMP/tb.pdf" | awk '/^Pages:/ { print $2 }')"
json "$TMP/body" 'j["pages"][0]' > "$TMP/p1.svg"
check "a preview page is well-formed SVG" xmllint --noout "$TMP/p1.svg"
check "the preview's fonts are the server's" grep -q 'src:url("/fonts/LiberationSerif-Bold.ttf")' "$TMP/p1.svg"
check "the style's authorities come with it" test "$(json "$TMP/body" '" ".join(j["authorities"])')" = "TM. KT. TL. TUQ. Q."
sed 's/^date: 2021-12-10$/date: 2021-13-10/' "$W/tb.yaml" > "$TMP/bad.yaml"
post '/api/preview?name=tb.yaml' --data-binary @"$TMP/bad.yaml" >/dev/null
check "a bad date: not ok" test "$(json "$TMP/body" 'j["ok"]')" = False
check "a bad date: its message at its line" \
	test "$(json "$TMP/body" '[(d["severity"], d["file"], d["line"], d["col"]) for d in j["diagnostics"]][0]')" = "('error', '', 9, 7)"
check "a bad date: the message" \
	test "$(json "$TMP/body" 'j["diagnostics"][0]["message"]')" = "'date' 2021-13-10: không có tháng 13"
check "a bad date: no pages" test "$(json "$TMP/body" 'len(j["pages"])')" = 0
mkdir -p "$W/giay-khen"
cp samples/giay-khen/danh-sach.csv "$W/giay-khen/"
cp samples/giay-khen-2020.yaml "$W/gk.yaml"
post '/api/preview?name=gk.yaml' --data-binary @"$W/gk.yaml" >/dev/null
"$VANBAN" render "$W/gk.yaml" -o "$TMP/gk.pdf"
check "preview of a certificate batch: a page for each awardee" \
	test "$(json "$TMP/body" '(j["ok"], len(j["pages"]))')" = "(True, $(pdfinfo "$TMP/gk.pdf" | awk '/^Pages:/ { print $2 }'))"
rm -r "$W/gk.yaml" "$W/giay-khen"
check "preview of a .md" test "$(post '/api/preview?name=kl.md' --data-binary @"$W/kl.md")" = 200 -a \
	"$(json "$TMP/body" 'j["ok"]')" = True

# New document from the template.
check "POST /api/new is 200" test "$(post '/api/new?type=thong-bao&name=moi.yaml')" = 200
check "the new document is a thong-bao" grep -qx 'type: thong-bao' "$W/moi.yaml"
check "the new document checks without error" "$VANBAN" check "$W/moi.yaml"
check "new over an existing file: 409" test "$(post '/api/new?type=thong-bao&name=tb.yaml')" = 409
check "new over an existing file: the file is kept" cmp -s "$W/tb.yaml" samples/thong-bao-cong-doan.yaml
check "new of an unknown type: 400" test "$(post '/api/new?type=nope&name=x.yaml')" = 400
check "new of an unknown type: the reason" test "$(json "$TMP/body" 'j["error"]')" = "no such document type (type=...)"
check "new of a certificate batch: 400" test "$(post '/api/new?type=giay-khen&name=x.yaml')" = 400
check "new of a certificate batch: the reason" test "$(json "$TMP/body" 'j["error"]')" = \
	"a certificate batch is not made from the template (see docs/certificates.md)"
check "no file made by a refused new" test ! -e "$W/x.yaml"

# Save: only a document without errors, atomically.
sed 's/^subject: .*/subject: Về việc nghỉ Tết/' "$W/moi.yaml" > "$TMP/moi2.yaml"
check "POST /api/save is 200" test "$(post '/api/save?name=moi.yaml' --data-binary @"$TMP/moi2.yaml")" = 200
check "the file saved is the text sent" cmp -s "$W/moi.yaml" "$TMP/moi2.yaml"
cp "$W/moi.yaml" "$TMP/good.yaml"
sed 's/^date: .*/date: 2021-02-30/' "$TMP/moi2.yaml" > "$TMP/moi3.yaml"
check "saving a document with errors: 422" test "$(post '/api/save?name=moi.yaml' --data-binary @"$TMP/moi3.yaml")" = 422
check "saving a document with errors: the message" \
	test "$(json "$TMP/body" 'j["diagnostics"][0]["message"]')" = "'date' 2021-02-30 không tồn tại (tháng 2 năm 2021 có 28 ngày)"
check "saving a document with errors: the last good file is kept" cmp -s "$W/moi.yaml" "$TMP/good.yaml"
check "saving leaves no temporary file" test "$(ls -A "$W" | wc -l)" -eq 4

# PDF: the bytes of vanban render.
check "GET /api/pdf is 200" test "$(code GET '/api/pdf?name=tb.yaml' -D "$TMP/head")" = 200
check "the PDF is the CLI's, byte for byte" cmp -s "$TMP/body" "$TMP/tb.pdf"
check "the PDF comes as an attachment" grep -qi '^Content-Disposition: attachment; filename="tb.pdf"' "$TMP/head"
"$VANBAN" render --pdfa "$W/tb.yaml" -o "$TMP/tba.pdf"
code GET '/api/pdf?name=tb.yaml&pdfa=1' >/dev/null
check "the PDF/A is the CLI's, byte for byte" cmp -s "$TMP/body" "$TMP/tba.pdf"
check "a saved document may be saved again after its PDF was read" \
	test "$(post '/api/save?name=tb.yaml' --data-binary @"$W/tb.yaml")" = 200
check "the PDF of a missing document: 404" test "$(code GET '/api/pdf?name=none.yaml')" = 404

# Issue a number through the register.
export VANBAN_REGISTER=$TMP/so.db
stop_server
start_server "$W"
check "issuing a fixed number records it: 200" test "$(post '/api/issue?name=tb.yaml')" = 200
check "issuing a fixed number records it: its number" test "$(json "$TMP/body" 'j["number"]')" = \
	"$(sed -n 's/^number: //p' "$W/tb.yaml")"
check "issuing it again: 422, the number is held" test "$(post '/api/issue?name=tb.yaml')" = 422
rm -f "$W/tb.pdf"
sed 's/^number: 1$/number: auto/' "$W/moi.yaml" > "$W/auto.yaml"
check "POST /api/issue is 200" test "$(post '/api/issue?name=auto.yaml')" = 200
check "the number issued is 1" test "$(json "$TMP/body" '(j["number"], j["pdf"])')" = "(1, 'auto.pdf')"
check "the issued PDF is written beside the document" test -s "$W/auto.pdf"
check "the register has it" test "$("$VANBAN" register list --register "$TMP/so.db" 2>/dev/null | grep -c 'Về việc nghỉ Tết')" -eq 1
post '/api/issue?name=auto.yaml' >/dev/null
check "issuing again gives the next number" test "$(json "$TMP/body" 'j["number"]')" = 2
rm -f "$W/auto.yaml" "$W/auto.pdf"

# Refusals.
check "a foreign Host: 403" test "$(code GET /api/list -H 'Host: attacker.example:80')" = 403
check "a foreign Host: the reason" test "$(json "$TMP/body" 'j["error"]')" = "the Host is not this server's"
check "a foreign Host on the page: 403" test "$(code GET / -H 'Host: attacker.example')" = 403
check "localhost:PORT is this server" test "$(code GET /api/list -H "Host: localhost:${HOSTPORT#*:}")" = 200
check "another port is not: 403" test "$(code GET /api/list -H 'Host: 127.0.0.1:1')" = 403
check "a foreign Origin: 403" \
	test "$(post '/api/save?name=tb.yaml' -H 'Origin: http://attacker.example' --data-binary @"$W/tb.yaml")" = 403
check "a foreign Origin: the reason" test "$(json "$TMP/body" 'j["error"]')" = "the request comes from another site"
check "the server's own Origin: 200" \
	test "$(post '/api/save?name=tb.yaml' -H "Origin: http://$HOSTPORT" --data-binary @"$W/tb.yaml")" = 200
check "a POST without the token: 403" test "$(code POST '/api/save?name=tb.yaml' --data-binary @"$TMP/bad.yaml")" = 403
check "a POST without the token: the reason" \
	test "$(json "$TMP/body" 'j["error"]')" = "a change needs the token of this run (reload the page)"
check "a POST with a wrong token: 403" \
	test "$(code POST '/api/new?type=thong-bao&name=w.yaml' -H 'X-Vanban-Token: 0123')" = 403
check "a POST with a wrong token of the right length: 403" \
	test "$(code POST '/api/new?type=thong-bao&name=w.yaml' -H 'X-Vanban-Token: 00000000000000000000000000000000')" = 403
check "no file made without the token" test ! -e "$W/w.yaml"
check "a file outside the folder: 400" test "$(code GET '/api/file?name=../outside/secret.yaml')" = 400
check "a file outside the folder: the reason" \
	test "$(json "$TMP/body" 'j["error"]')" = "a name is a file of the folder: no '/' and no control characters"
check "a name with ..: 400" test "$(code GET '/api/file?name=..secret.yaml')" = 400
check "an absolute name: 400" test "$(code GET "/api/file?name=$TMP/outside/secret.yaml")" = 400
check "a link that leads out: 403" test "$(code GET '/api/file?name=link.yaml')" = 403
check "a link that leads out: its PDF 403" test "$(code GET '/api/pdf?name=link.yaml')" = 403
check "saving through a link out: 403" test "$(post '/api/save?name=link.yaml' --data-binary @"$W/tb.yaml")" = 403
check "the file outside is untouched" cmp -s "$TMP/outside/secret.yaml" samples/thong-bao-cong-doan.yaml
check "a hidden file: 400" test "$(code GET '/api/file?name=.tb.yaml')" = 400
check "not a document: 400" test "$(code GET '/api/file?name=notes.txt')" = 400
head -c 3000000 /dev/zero | tr '\0' 'a' > "$TMP/big"
check "an oversized body: 413" test "$(post '/api/preview?name=tb.yaml' --data-binary @"$TMP/big")" = 413
check "an oversized body: the reason" test "$(json "$TMP/body" 'j["error"]')" = "the request is too large (at most 2 MB)"
check "an oversized body sent in chunks: 413" \
	test "$(post '/api/preview?name=tb.yaml' -H 'Transfer-Encoding: chunked' --data-binary @"$TMP/big")" = 413
head -c 70000 /dev/zero | tr '\0' 'a' > "$TMP/bighead"
check "an oversized header is refused" test "$(code GET /api/list -H "X-Big: $(cat "$TMP/bighead")")" -ge 400
check "PUT: 405" test "$(code PUT /api/list)" = 405
check "the server still answers after the refusals" test "$(code GET /api/list)" = 200

# The command line.
"$VANBAN" serve "$W" --listen "$HOSTPORT" 2>"$TMP/err"
check "a port already taken: exit 3" test $? -eq 3
check "a port already taken: the message" grep -q "^vanban: error: cannot listen on $HOSTPORT: Address already in use$" "$TMP/err"
"$VANBAN" serve "$W" extra 2>"$TMP/err"
check "a second folder is a usage error" test $? -eq 2
check "a second folder: the message" grep -qx "vanban: serve: unexpected 'extra'" "$TMP/err"
"$VANBAN" --help | grep -q "^  serve \[DIR\]"
check "--help tells of serve" test $? -eq 0
"$VANBAN" serve "$W" --listen nowhere 2>"$TMP/err"
check "a bad --listen is a usage error" test $? -eq 2
check "a bad --listen: the message" grep -q "^vanban: --listen takes ADDR:PORT with an IPv4 address, e.g. 127.0.0.1:8030$" "$TMP/err"
"$VANBAN" serve "$W" --listen 0.0.0.0:0 2>"$TMP/err"
check "--listen 0.0.0.0 is a usage error" test $? -eq 2
check "--listen 0.0.0.0: the message" grep -q "^vanban: --listen 0.0.0.0 names no address that requests could name in their Host; give the address to listen on$" "$TMP/err"
"$VANBAN" serve "$TMP/none" 2>"$TMP/err"
check "serve of a missing folder is a usage error" test $? -eq 2
check "serve of a missing folder: the message" grep -qx "vanban: serve: '$TMP/none' is not a directory" "$TMP/err"
"$VANBAN" serve "$(printf 'a\033b')" 2>"$TMP/err"
check "a folder's name is quoted in the message" grep -Fqx "vanban: serve: 'a\\x1bb' is not a directory" "$TMP/err"
stop_server
done_tests
