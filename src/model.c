/* model.c - YAML tree -> struct doc, with every error of the file reported.
 *
 * Values are typed here, not by libyaml (which types nothing): a number is
 * a plain scalar of digits, a date a plain YYYY-MM-DD. Messages name the
 * key as the user wrote it and point at the offending value. */
#include "model.h"
#include "style.h"
#include "text.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* NĐ 30/2020 Phụ lục III §I: tên loại văn bản and their abbreviations. */
static const struct doctype types[] = {
	{"nghi-quyet", "NGHỊ QUYẾT", "NQ"},
	{"quyet-dinh", "QUYẾT ĐỊNH", "QĐ"},
	{"chi-thi", "CHỈ THỊ", "CT"},
	{"quy-che", "QUY CHẾ", "QC"},
	{"quy-dinh", "QUY ĐỊNH", "QyĐ"},
	{"thong-cao", "THÔNG CÁO", "TC"},
	{"thong-bao", "THÔNG BÁO", "TB"},
	{"huong-dan", "HƯỚNG DẪN", "HD"},
	{"chuong-trinh", "CHƯƠNG TRÌNH", "CTr"},
	{"ke-hoach", "KẾ HOẠCH", "KH"},
	{"phuong-an", "PHƯƠNG ÁN", "PA"},
	{"de-an", "ĐỀ ÁN", "ĐA"},
	{"du-an", "DỰ ÁN", "DA"},
	{"bao-cao", "BÁO CÁO", "BC"},
	{"bien-ban", "BIÊN BẢN", "BB"},
	{"to-trinh", "TỜ TRÌNH", "TTr"},
	{"hop-dong", "HỢP ĐỒNG", "HĐ"},
	{"cong-dien", "CÔNG ĐIỆN", "CĐ"},
	{"ban-ghi-nho", "BẢN GHI NHỚ", "BGN"},
	{"ban-thoa-thuan", "BẢN THỎA THUẬN", "BTT"},
	{"giay-uy-quyen", "GIẤY ỦY QUYỀN", "GUQ"},
	{"giay-moi", "GIẤY MỜI", "GM"},
	{"giay-gioi-thieu", "GIẤY GIỚI THIỆU", "GGT"},
	{"giay-nghi-phep", "GIẤY NGHỈ PHÉP", "GNP"},
	{"phieu-gui", "PHIẾU GỬI", "PG"},
	{"phieu-chuyen", "PHIẾU CHUYỂN", "PC"},
	{"phieu-bao", "PHIẾU BÁO", "PB"},
};
enum { NTYPES = sizeof types / sizeof types[0] };

const struct doctype *doctype_find(const char *key)
{
	for (int i = 0; i < NTYPES; i++)
		if (!strcmp(types[i].key, key))
			return &types[i];
	return NULL;
}

const char *const *doctype_keys(size_t *n)
{
	static const char *keys[NTYPES];
	for (int i = 0; i < NTYPES; i++)
		keys[i] = types[i].key;
	*n = NTYPES;
	return keys;
}

struct ctx {
	struct doc *doc;
	const struct source *src;
	struct srcset *files;
	struct arena *arena;
	struct diag *d;
};

static void add_span(struct ctx *c, const struct ynode *n)
{
	struct text_span sp = {n->pos.src, source_offset(n->pos.src, n->pos.line, n->pos.col),
			       source_offset(n->end.src, n->end.line, n->end.col)};
	vec_push(&c->doc->spans, sp);
}

static void check_keys(struct ctx *c, const struct ynode *map, const char *what,
		       const char *const *known, size_t nknown)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;
		bool ok = false;
		for (size_t j = 0; j < nknown; j++)
			if (!strcmp(k->str, known[j]))
				ok = true;
		if (ok)
			continue;
		const char *near = nearest_word(k->str, known, nknown);
		if (near)
			diag_error(c->d, k->pos, "unknown key '%s%s'; did you mean '%s'?", what,
				   k->str, near);
		else
			diag_error(c->d, k->pos, "unknown key '%s%s'", what, k->str);
	}
}

/* The position of a key (for "missing" messages inside a mapping). */
static struct pos map_pos(const struct ynode *map)
{
	return map->pos;
}

static bool is_null(const struct ynode *v)
{
	return !v || (v->kind == Y_SCALAR && v->style == YS_PLAIN &&
		      (!v->len || !strcmp(v->str, "~") || !strcmp(v->str, "null")));
}

/* A text value; one line unless multiline (names whose line breaks the
 * user chooses). */
static void get_text2(struct ctx *c, const struct ynode *map, const char *key,
		      const char *path, bool required, bool multiline, struct text_field *out)
{
	const struct ynode *v = ymap_get(map, key);
	out->s = NULL;
	out->pos = map->pos;
	if (is_null(v)) {
		if (required)
			diag_error(c->d, v ? v->pos : map_pos(map), "missing '%s'%s", path,
				   v ? " (the key has no value)" : "");
		return;
	}
	out->pos = v->pos;
	if (v->kind != Y_SCALAR) {
		diag_error(c->d, v->pos, "'%s' must be text, got %s", path, ykind_name(v));
		return;
	}
	/* Trim and refuse line breaks: these fields are single lines. */
	const char *s = v->str;
	size_t n = v->len;
	while (n && (*s == ' ' || *s == '\n')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (!n) {
		if (required)
			diag_error(c->d, v->pos, "'%s' is empty", path);
		return;
	}
	if (memchr(s, '\n', n) && !multiline) {
		diag_error(c->d, v->pos, "'%s' must be one line", path);
		return;
	}
	out->s = arena_strndup(c->arena, s, n);
	add_span(c, v);
}

static void get_text(struct ctx *c, const struct ynode *map, const char *key,
		     const char *path, bool required, struct text_field *out)
{
	get_text2(c, map, key, path, required, false, out);
}

static bool all_digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};

static void get_date(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *v = ymap_get(root, "date");
	if (is_null(v)) {
		diag_error(c->d, v ? v->pos : root->pos, "missing 'date'");
		return;
	}
	doc->date_pos = v->pos;
	if (v->kind != Y_SCALAR) {
		diag_error(c->d, v->pos, "'date' must be a date (YYYY-MM-DD), got %s",
			   ykind_name(v));
		return;
	}
	const char *s = v->str;
	if (v->len == 4 && all_digits(s, 4)) {
		doc->year = atoi(s);
	} else if (v->len == 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) &&
		   s[7] == '-' && all_digits(s + 8, 2)) {
		int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
		if (m < 1 || m > 12) {
			diag_error(c->d, v->pos, "'date' %s has no month %d", s, m);
			return;
		}
		if (dd < 1 || dd > days_in_month(y, m)) {
			diag_error(c->d, v->pos, "'date' %s does not exist (%s %d has %d days)", s,
				   month_names[m - 1], y, days_in_month(y, m));
			return;
		}
		doc->year = y;
		doc->month = m;
		doc->day = dd;
	} else {
		diag_error(c->d, v->pos, "'date' must be a date (YYYY-MM-DD), got \"%s\"", s);
		return;
	}
	if (doc->year < 1945 || doc->year > 2999) {
		diag_error(c->d, v->pos, "'date' year %d is out of range (1945-2999)", doc->year);
		doc->year = 0;
	}
}

static void get_number(struct ctx *c, const struct ynode *root)
{
	const struct ynode *v = ymap_get(root, "number");
	if (is_null(v))
		return;
	if (v->kind != Y_SCALAR || v->style != YS_PLAIN || !all_digits(v->str, v->len) ||
	    v->len > 7) {
		diag_error(c->d, v->pos, "'number' must be a whole number, got %s%s%s",
			   v->kind == Y_SCALAR ? "\"" : ykind_name(v),
			   v->kind == Y_SCALAR ? v->str : "", v->kind == Y_SCALAR ? "\"" : "");
		return;
	}
	int n = atoi(v->str);
	if (n < 1 || n > 999999) {
		diag_error(c->d, v->pos, "'number' must be between 1 and 999999, got %d", n);
		return;
	}
	c->doc->number = n;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static void get_body(struct ctx *c, const struct ynode *root, size_t body_start,
		     size_t body_end, const char *basedir)
{
	struct doc *doc = c->doc;
	const struct ynode *b = ymap_get(root, "body");
	const struct ynode *bf = ymap_get(root, "body_file");
	const struct ynode *bkey = NULL;
	for (size_t i = 0; i < root->n; i++)
		if (!strcmp(root->pairs[i].key->str, "body") ||
		    !strcmp(root->pairs[i].key->str, "body_file"))
			bkey = root->pairs[i].key;
	bool fm = body_end > body_start || body_start > 0;
	if (fm && bkey) {
		diag_error(c->d, bkey->pos, "the body is the Markdown after the front matter; "
			   "remove '%s'", bkey->str);
		return;
	}
	if (fm) {
		doc->body = arena_strndup(c->arena, c->src->text + body_start,
					  body_end - body_start);
		doc->body_src = c->src;
		struct pos p = source_pos(c->src, body_start);
		doc->body_line = p.line;
		doc->body_col = 1;
		struct text_span sp = {c->src, body_start, body_end};
		vec_push(&doc->spans, sp);
		if (blank(doc->body, body_end - body_start))
			diag_error(c->d, p, "the body is empty: write the text after the front matter");
		return;
	}
	if (b && bf) {
		diag_error(c->d, bf->pos, "give either 'body' or 'body_file', not both");
		return;
	}
	if (bf) {
		if (bf->kind != Y_SCALAR || !bf->len) {
			diag_error(c->d, bf->pos, "'body_file' must be a file name");
			return;
		}
		char *path = path_join(basedir, bf->str);
		struct source *s = srcset_load(c->files, path, path, bf->pos, c->d);
		free(path);
		if (!s)
			return;
		doc->body = s->text;
		doc->body_src = s;
		doc->body_line = 1;
		doc->body_col = 1;
		struct text_span sp = {s, 0, s->len};
		vec_push(&doc->spans, sp);
		if (blank(s->text, s->len))
			diag_error(c->d, (struct pos){s, 1, 1}, "the body file is empty");
		return;
	}
	if (is_null(b)) {
		diag_error(c->d, b ? b->pos : root->pos, "missing 'body' (or 'body_file')");
		return;
	}
	if (b->kind != Y_SCALAR) {
		diag_error(c->d, b->pos, "'body' must be Markdown text, got %s", ykind_name(b));
		return;
	}
	if (blank(b->str, b->len)) {
		diag_error(c->d, b->pos, "'body' is empty");
		return;
	}
	doc->body = b->str;
	doc->body_src = c->src;
	if (b->style == YS_BLOCK) {
		/* "body: |" - the text starts on the next line, indented. */
		doc->body_line = b->pos.line + 1;
		size_t off = source_offset(c->src, doc->body_line, 1);
		while (off < c->src->len && c->src->text[off] == '\n')
			off++; /* leading blank lines stay in the value */
		int ind = 0;
		while (off + (size_t)ind < c->src->len && c->src->text[off + (size_t)ind] == ' ')
			ind++;
		doc->body_indent = ind;
		doc->body_col = 1;
	} else {
		doc->body_line = b->pos.line;
		doc->body_col = b->pos.col + (b->style == YS_QUOTED);
	}
	add_span(c, b);
}

static void get_signature(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *s = ymap_get(root, "signature");
	if (is_null(s)) {
		diag_error(c->d, s ? s->pos : root->pos, "missing 'signature'");
		return;
	}
	if (s->kind != Y_MAP) {
		diag_error(c->d, s->pos,
			   "'signature' must be a mapping (authority, for, title, name), got %s",
			   ykind_name(s));
		return;
	}
	static const char *const known[] = {"authority", "for", "title", "name"};
	check_keys(c, s, "signature.", known, 4);
	get_text(c, s, "authority", "signature.authority", false, &doc->authority);
	get_text(c, s, "for", "signature.for", false, &doc->sign_for);
	get_text(c, s, "title", "signature.title", true, &doc->sign_title);
	get_text(c, s, "name", "signature.name", true, &doc->sign_name);
	if (doc->authority.s && !doc->sign_for.s && !ymap_get(s, "for"))
		diag_error(c->d, doc->authority.pos,
			   "'signature.authority' %s needs 'signature.for' (on whose behalf, e.g. "
			   "BAN THƯỜNG VỤ)", doc->authority.s);
	if (doc->sign_for.s && !doc->authority.s)
		diag_error(c->d, doc->sign_for.pos,
			   "'signature.for' needs 'signature.authority' (TM., KT., TL., ...)");
}

static void get_recipients(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *r = ymap_get(root, "recipients");
	if (is_null(r))
		return;
	if (r->kind != Y_SEQ) {
		diag_error(c->d, r->pos, "'recipients' must be a list (one '- ...' line each), "
			   "got %s", ykind_name(r));
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct ynode *it = r->items[i];
		if (it->kind != Y_SCALAR || blank(it->str, it->len)) {
			diag_error(c->d, it->pos, "a recipient must be text, got %s",
				   it->kind == Y_SCALAR ? "nothing" : ykind_name(it));
			continue;
		}
		if (memchr(it->str, '\n', it->len)) {
			diag_error(c->d, it->pos, "a recipient must be one line");
			continue;
		}
		struct text_field f = {arena_strndup(c->arena, it->str, it->len), it->pos};
		vec_push(&doc->recipients, f);
		add_span(c, it);
	}
}

bool model_load(struct doc *doc, const struct ynode *root, const struct source *src,
		size_t body_start, size_t body_end, const char *basedir,
		struct srcset *files, struct arena *arena, struct diag *d)
{
	struct ctx c = {doc, src, files, arena, d};
	int before = d->errors;
	if (!root) {
		if (d->errors == before)
			diag_error(d, (struct pos){src, 0, 0}, "the document is empty");
		return false;
	}
	if (root->kind != Y_MAP) {
		diag_error(d, root->pos, "a document must be a mapping of keys (type, issuer, "
			   "date, ...), got %s", ykind_name(root));
		return false;
	}
	static const char *const known[] = {
		"type", "style", "issuer", "number", "code", "place", "date", "title",
		"subject", "body", "body_file", "signature", "recipients", "archive"};
	check_keys(&c, root, "", known, sizeof known / sizeof known[0]);

	get_text(&c, root, "type", "type", true, &doc->type);
	if (doc->type.s) {
		doc->dt = doctype_find(doc->type.s);
		if (!doc->dt) {
			size_t n;
			const char *const *k = doctype_keys(&n);
			const char *near = nearest_word(doc->type.s, k, n);
			if (near)
				diag_error(d, doc->type.pos, "unknown document type '%s'; did you "
					   "mean '%s'?", doc->type.s, near);
			else
				diag_error(d, doc->type.pos, "unknown document type '%s' (known: "
					   "thong-bao, bao-cao, ke-hoach, quyet-dinh, ...)", doc->type.s);
		}
	}
	get_text(&c, root, "style", "style", false, &doc->style);

	const struct ynode *is = ymap_get(root, "issuer");
	if (is_null(is)) {
		diag_error(d, is ? is->pos : root->pos, "missing 'issuer'");
	} else if (is->kind != Y_MAP) {
		diag_error(d, is->pos, "'issuer' must be a mapping (parent, name, code), got %s",
			   ykind_name(is));
	} else {
		static const char *const ik[] = {"parent", "name", "code"};
		check_keys(&c, is, "issuer.", ik, 3);
		get_text2(&c, is, "parent", "issuer.parent", false, true, &doc->parent);
		get_text2(&c, is, "name", "issuer.name", true, true, &doc->issuer);
		get_text(&c, is, "code", "issuer.code", !ymap_get(root, "code"), &doc->issuer_code);
	}
	get_number(&c, root);
	get_text(&c, root, "code", "code", false, &doc->code);
	get_text(&c, root, "place", "place", true, &doc->place);
	get_date(&c, root);
	get_text(&c, root, "title", "title", false, &doc->title);
	get_text(&c, root, "subject", "subject", true, &doc->subject);
	get_body(&c, root, body_start, body_end, basedir);
	get_signature(&c, root);
	get_recipients(&c, root);
	get_text(&c, root, "archive", "archive", false, &doc->archive);
	return d->errors == before;
}

void model_check_style(const struct doc *doc, const struct style *st, struct diag *d)
{
	if (!doc->authority.s)
		return;
	for (int i = 0; i < st->nauthorities; i++)
		if (!strcmp(doc->authority.s, st->authorities[i]))
			return;
	struct buf b = {0};
	for (int i = 0; i < st->nauthorities; i++) {
		if (i)
			buf_puts(&b, i + 1 == st->nauthorities ? " or " : ", ");
		buf_puts(&b, st->authorities[i]);
	}
	diag_error(d, doc->authority.pos, "unknown authority '%s'; style '%s' allows %s",
		   doc->authority.s, st->name, b.data ? b.data : "none");
	buf_free(&b);
}

void model_free(struct doc *doc)
{
	vec_free(&doc->recipients);
	vec_free(&doc->spans);
}
