/* model.c - YAML tree -> struct doc, with every error of the file reported.
 *
 * Values are typed here, not by libyaml (which types nothing): a number is
 * a plain scalar of digits, a date a plain YYYY-MM-DD. Messages name the
 * key as the user wrote it and point at the offending value. */
#include "input.h"
#include "base/base.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct doctype *doctype_find(const struct doctypes *t, const char *key)
{
	for (size_t i = 0; i < t->v.n; i++)
		if (!strcmp(t->v.v[i].key, key))
			return &t->v.v[i];
	return NULL;
}

bool doctypes_load(struct doctypes *t, const char *datadir, struct srcset *files,
		   struct arena *arena, struct diag *d)
{
	char *path = datadir_path(datadir, "templates", "types.yaml");
	int before = d->errors;
	if (access(path, R_OK) != 0) {
		diag_error(d, pos_none(), "cannot find the templates in '%s' (set VANBAN_HOME to "
			   "the directory that holds templates/ and fonts/)",
			   diag_quote(d, datadir));
		free(path);
		return false;
	}
	struct source *src = srcset_load(files, path, path, pos_none(), d);
	free(path);
	if (!src)
		return false;
	struct ynode *root = yaml_load(src, 0, src->len, arena, d);
	if (!root || root->kind != Y_MAP) {
		if (d->errors == before)
			diag_error(d, (struct pos){src, 1, 1}, "the types file must be a mapping");
		return false;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct ynode *k = root->pairs[i].key, *v = root->pairs[i].val;
		const struct ynode *name = ymap_get(v, "name"), *abbr = ymap_get(v, "abbr");
		const struct ynode *cert = ymap_get(v, "certificate");
		if (!v || v->kind != Y_MAP || !name || name->kind != Y_SCALAR || !abbr ||
		    abbr->kind != Y_SCALAR || v->n != 2 + (cert != NULL)) {
			diag_error(d, k->pos, "type '%s' must be {name: ..., abbr: ...}",
				   diag_quote(d, k->str));
			continue;
		}
		struct doctype dt = {k->str, name->str, abbr->str,
				     cert && cert->kind == Y_SCALAR && !strcmp(cert->str, "true")};
		vec_push(&t->v, dt);
	}
	return d->errors == before;
}

void doctypes_free(struct doctypes *t)
{
	vec_free(&t->v);
}

struct ctx {
	struct doc *doc;
	const struct doctypes *types;
	const char *basedir;
	const struct source *src;
	struct srcset *files;
	struct arena *arena;
	struct diag *d;
};

/* Text with ": " in it, unquoted, reads as a key and its value. */
static const char *colon_hint(const struct ynode *v)
{
	if (v->kind == Y_MAP && v->n == 1 && v->pairs[0].key->style == YS_PLAIN &&
	    v->pairs[0].val->kind == Y_SCALAR)
		return _(" (the ': ' made it a key and a value: put the text in quotes, \"...\")");
	return "";
}

/* The one warning of a Markdown body, src[start, end), that holds
 * invisible characters: Markdown reading leaves them out. */
static void warn_invisible(struct ctx *c, const struct source *src, size_t start, size_t end)
{
	struct invisible inv = {0};
	text_find_invisible(src->text + start, end - start, &inv);
	if (inv.count)
		diag_invisible(c->d, source_pos(src, start + inv.first), &inv);
}

static void add_text_span(struct ctx *c, const struct ynode *n, bool markdown)
{
	struct text_span sp = {n->pos.src, source_offset(n->pos.src, n->pos.line, n->pos.col),
			       source_offset(n->end.src, n->end.line, n->end.col), n->str, n->len,
			       markdown};
	vec_push(&c->doc->spans, sp);
}

static void add_span(struct ctx *c, const struct ynode *n)
{
	add_text_span(c, n, false);
}

static void add_spans_under(struct ctx *c, const struct ynode *n)
{
	if (!n)
		return;
	if (n->kind == Y_SCALAR) {
		add_span(c, n);
		return;
	}
	for (size_t i = 0; i < n->n; i++)
		add_spans_under(c, n->kind == Y_MAP ? n->pairs[i].val : n->items[i]);
}

static void check_keys(struct ctx *c, const struct ynode *map, const char *what,
		       const char *const *known, size_t nknown)
{
	ymap_check_keys(map, what, known, nknown, c->d);
}

/* The position of a key (for "missing" messages inside a mapping). */
static struct pos map_pos(const struct ynode *map)
{
	return map->pos;
}

/* The longest text field (a subject, a name, a title), in characters. */
enum { MAX_FIELD_CHARS = 2000 };

static bool is_null(const struct ynode *v)
{
	return !v || (v->kind == Y_SCALAR && v->style == YS_PLAIN &&
		      (!v->len || !strcmp(v->str, "~") || !strcmp(v->str, "null")));
}

/* A text value; one line unless multiline (names whose line breaks the
 * user chooses). */
static void read_text(struct ctx *c, const struct ynode *map, const char *key,
		      const char *path, bool required, bool multiline, struct text_field *out)
{
	const struct ynode *v = ymap_get(map, key);
	out->s = NULL;
	out->pos = map->pos;
	if (is_null(v)) {
		if (required && v)
			diag_error(c->d, v->pos, "missing '%s' (the key has no value)", path);
		else if (required)
			diag_error(c->d, map_pos(map), "missing '%s'", path);
		return;
	}
	out->pos = v->pos;
	if (v->kind != Y_SCALAR) {
		diag_error(c->d, v->pos, "'%s' must be text, got %s%s", path, ykind_name(v),
			   colon_hint(v));
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
	/* A heading, a name or a title is short; the PDF's metadata and the
	 * PDF library take only so much in one string. */
	size_t chars = 0;
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (chars > MAX_FIELD_CHARS) {
		diag_error(c->d, v->pos, "'%s' is too long: %zu characters, at most %d", path,
			   chars, MAX_FIELD_CHARS);
		return;
	}
	out->s = arena_strndup(c->arena, s, n);
	add_span(c, v);
}

/* A text of one line. */
static void get_text(struct ctx *c, const struct ynode *map, const char *key,
		     const char *path, bool required, struct text_field *out)
{
	read_text(c, map, key, path, required, false, out);
}

/* A text whose line breaks the user chooses (a name or a title set on two
 * lines), kept as written. */
static void get_multiline_text(struct ctx *c, const struct ynode *map, const char *key,
			       const char *path, bool required, struct text_field *out)
{
	read_text(c, map, key, path, required, true, out);
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
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December")};

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
			diag_error(c->d, v->pos, "'date' %s has no month %d", diag_quote(c->d, s), m);
			return;
		}
		if (dd < 1 || dd > days_in_month(y, m)) {
			diag_error(c->d, v->pos, "'date' %s does not exist (%s %d has %d days)",
				   diag_quote(c->d, s),
				   _(month_names[m - 1]), y, days_in_month(y, m));
			return;
		}
		doc->year = y;
		doc->month = m;
		doc->day = dd;
	} else {
		diag_error(c->d, v->pos, "'date' must be a date (YYYY-MM-DD), got \"%s\"",
			   diag_quote(c->d, s));
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
	c->doc->number_pos = v->pos;
	if (v->kind == Y_SCALAR && v->style == YS_PLAIN && !strcmp(v->str, "auto")) {
		c->doc->number_auto = true;
		return;
	}
	if (v->kind != Y_SCALAR || v->style != YS_PLAIN || !all_digits(v->str, v->len) ||
	    v->len > 7) {
		diag_error(c->d, v->pos, "'number' must be a whole number or auto, got %s%s%s",
			   v->kind == Y_SCALAR ? "\"" : ykind_name(v),
			   v->kind == Y_SCALAR ? diag_quote(c->d, v->str) : "",
			   v->kind == Y_SCALAR ? "\"" : "");
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

/* A Markdown value: a block scalar ("body: |"), a one-line scalar, or a
 * file named by the *_file key. Positions map back into the right file. */
static void get_markdown(struct ctx *c, const struct ynode *map, const char *key,
			 const char *file_key, const char *path, struct mdtext *out)
{
	const struct ynode *b = ymap_get(map, key);
	const struct ynode *bf = file_key ? ymap_get(map, file_key) : NULL;
	memset(out, 0, sizeof *out);
	if (b && bf) {
		diag_error(c->d, bf->pos, "give either '%s' or '%s', not both", key, file_key);
		return;
	}
	if (bf) {
		if (bf->kind != Y_SCALAR || !bf->len) {
			diag_error(c->d, bf->pos, "'%s' must be a file name", file_key);
			return;
		}
		char *p = path_join(c->basedir, bf->str);
		struct source *s = srcset_allowed(c->files, p, bf->str, bf->pos, c->d)
				 ? srcset_load(c->files, p, p, bf->pos, c->d) : NULL;
		free(p);
		if (!s)
			return;
		*out = (struct mdtext){s->text, s, 1, 1, 0};
		warn_invisible(c, s, 0, s->len);
		struct text_span sp = {s, 0, s->len, NULL, 0, true};
		vec_push(&c->doc->spans, sp);
		if (blank(s->text, s->len))
			diag_error(c->d, (struct pos){s, 1, 1}, "the file named by '%s' is empty",
				   file_key);
		return;
	}
	if (is_null(b)) {
		if (file_key)
			diag_error(c->d, b ? b->pos : map->pos, "missing '%s' (or '%s')", path,
				   file_key);
		else
			diag_error(c->d, b ? b->pos : map->pos, "missing '%s'", path);
		return;
	}
	if (b->kind != Y_SCALAR) {
		diag_error(c->d, b->pos, "'%s' must be Markdown text, got %s", path, ykind_name(b));
		return;
	}
	if (blank(b->str, b->len)) {
		diag_error(c->d, b->pos, "'%s' is empty", path);
		return;
	}
	/* Markdown reads the text as written, for its columns; it leaves
	 * out the invisible characters yaml_load warned of. */
	out->text = b->raw ? b->raw : b->str;
	out->src = c->src;
	if (b->style == YS_BLOCK) {
		/* "body: |" - the text starts on the next line, indented. */
		out->line = b->pos.line + 1;
		size_t off = source_offset(c->src, out->line, 1);
		while (off < c->src->len && c->src->text[off] == '\n')
			off++; /* leading blank lines stay in the value */
		int ind = 0;
		while (off + (size_t)ind < c->src->len && c->src->text[off + (size_t)ind] == ' ')
			ind++;
		out->indent = ind;
		out->col = 1;
	} else {
		out->line = b->pos.line;
		out->col = b->pos.col + (b->style == YS_QUOTED);
	}
	add_text_span(c, b, true);
}

static void get_body(struct ctx *c, const struct ynode *root, size_t body_start,
		     size_t body_end)
{
	struct doc *doc = c->doc;
	const struct ynode *bkey = NULL;
	for (size_t i = 0; i < root->n; i++)
		if (!strcmp(root->pairs[i].key->str, "body") ||
		    !strcmp(root->pairs[i].key->str, "body_file"))
			bkey = root->pairs[i].key;
	bool fm = body_end > body_start || body_start > 0;
	if (fm && bkey) {
		diag_error(c->d, bkey->pos, "the body is the Markdown after the front matter; "
			   "remove '%s'", diag_quote(c->d, bkey->str));
		return;
	}
	if (!fm) {
		get_markdown(c, root, "body", "body_file", "body", &doc->body);
		return;
	}
	struct pos p = source_pos(c->src, body_start);
	doc->body = (struct mdtext){arena_strndup(c->arena, c->src->text + body_start,
						  body_end - body_start), c->src, p.line, 1, 0};
	warn_invisible(c, c->src, body_start, body_end);
	struct text_span sp = {c->src, body_start, body_end, NULL, 0, true};
	vec_push(&doc->spans, sp);
	if (blank(doc->body.text, body_end - body_start))
		diag_error(c->d, p, "the body is empty: write the text after the front matter");
}

/* An image file named relative to the document; it must exist. */
static void get_image(struct ctx *c, const struct ynode *map, const char *key,
		      const char *path, struct text_field *out)
{
	const struct ynode *v = ymap_get(map, key);
	out->s = NULL;
	if (is_null(v))
		return;
	out->pos = v->pos;
	if (v->kind != Y_SCALAR) {
		diag_error(c->d, v->pos, "'%s' must be the name of a PNG or JPEG file", path);
		return;
	}
	char *p = path_join(c->basedir, v->str);
	if (!srcset_allowed(c->files, p, v->str, v->pos, c->d)) {
		free(p);
		return;
	}
	FILE *f = fopen(p, "rb");
	unsigned char h[26];
	if (!f) {
		diag_error(c->d, v->pos, "cannot read '%s': %s", diag_quote(c->d, v->str),
			   errstr(errno));
		free(p);
		return;
	}
	size_t got = fread(h, 1, 26, f);
	fclose(f);
	bool png = got == 26 && !memcmp(h, "\x89PNG\r\n\x1a\n", 8) && !memcmp(h + 12, "IHDR", 4);
	const char *err = NULL;
	char why[256];
	struct png_pixels im;
	if (got >= 3 && !memcmp(h, "\xff\xd8\xff", 3)) {
		if (jpeg_rgba(p, &im, why, sizeof why))
			free(im.px);
		else
			err = why;
	} else if (!png)
		err = _("is not a PNG image");
	else if (h[24] != 8)
		err = (snprintf(why, sizeof why, _("has %d bits per channel; save it as an 8-bit PNG"),
				h[24]), why);
	else {
		/* Decoded once here, so that a damaged or oversized file is an
		 * input error before anything is written. */
		if (png_rgba(p, &im, why, sizeof why))
			free(im.px);
		else
			err = why;
	}
	if (err) {
		diag_error(c->d, v->pos, "'%s' %s", diag_quote(c->d, v->str), err);
		free(p);
		return;
	}
	out->s = arena_strdup(c->arena, p);
	free(p);
}

static void get_one_signature(struct ctx *c, const struct ynode *s, const char *path)
{
	struct signature sig = {0};
	sig.pos = s->pos;
	if (s->kind != Y_MAP) {
		diag_error(c->d, s->pos, "'%s' must be a mapping (authority, for, title, name), "
			   "got %s", path, ykind_name(s));
		return;
	}
	static const char *const known[] = {"authority", "for", "title", "name", "image", "seal"};
	char pre[64];
	snprintf(pre, sizeof pre, "%s.", path);
	check_keys(c, s, pre, known, 6);
	char k[96];
#define SUB(name) (snprintf(k, sizeof k, "%s.%s", path, name), k)
	get_text(c, s, "authority", SUB("authority"), false, &sig.authority);
	get_multiline_text(c, s, "for", SUB("for"), false, &sig.sign_for);
	get_multiline_text(c, s, "title", SUB("title"), true, &sig.title);
	get_text(c, s, "name", SUB("name"), true, &sig.name);
	get_image(c, s, "image", SUB("image"), &sig.image);
	get_image(c, s, "seal", SUB("seal"), &sig.seal);
	bool acting = sig.authority.s && !strcmp(sig.authority.s, "Q.");
	if (acting && ymap_get(s, "for"))
		diag_add(c->d, SEV_WARNING, ymap_get(s, "for")->pos,
			 "Q. (acting head) signs with the title alone, as \"Q. GIÁM ĐỐC\": "
			 "'%s' is left out", SUB("for"));
	else if (sig.authority.s && !acting && !sig.sign_for.s && !ymap_get(s, "for"))
		diag_error(c->d, sig.authority.pos,
			   "'%s' %s needs '%s' (on whose behalf, e.g. BAN THƯỜNG VỤ)",
			   SUB("authority"), diag_quote(c->d, sig.authority.s),
			   (snprintf(pre, sizeof pre, "%s.for", path), pre));
	if (sig.sign_for.s && !sig.authority.s)
		diag_error(c->d, sig.sign_for.pos, "'%s' needs '%s.authority' (TM., KT., TL., ...)",
			   SUB("for"), path);
#undef SUB
	vec_push(&c->doc->signatures, sig);
}

static void get_signature(struct ctx *c, const struct ynode *root)
{
	const struct ynode *s = ymap_get(root, "signature");
	if (is_null(s)) {
		diag_error(c->d, s ? s->pos : root->pos, "missing 'signature'");
		return;
	}
	if (s->kind == Y_SEQ) {
		/* Joint documents: several signatures side by side. */
		if (s->n < 1 || s->n > 4) {
			diag_error(c->d, s->pos, "'signature' lists 1 to 4 signers, got %zu", s->n);
			return;
		}
		for (size_t i = 0; i < s->n; i++) {
			char path[32];
			snprintf(path, sizeof path, "signature[%zu]", i + 1);
			get_one_signature(c, s->items[i], path);
		}
		return;
	}
	get_one_signature(c, s, "signature");
}

/* The length of the dash that starts an item at p ("-", Word's "•" and
 * "–"; not "+", which starts a telephone number), or 0. */
static size_t item_dash(const char *p)
{
	static const char *const dashes[] = {"-", "•", "–"};
	for (size_t i = 0; i < sizeof dashes / sizeof *dashes; i++)
		if (!strncmp(p, dashes[i], strlen(dashes[i])))
			return strlen(dashes[i]);
	return 0;
}

/* "-Thường trực" on each line, the space after the dash left out: to YAML
 * one text of all the lines, to the user a list. When every line of a plain
 * scalar starts with a dash, each is an item, at its place in the file. */
static bool dashed_lines(struct ctx *c, const struct ynode *r, void *vec)
{
	VEC(struct text_field) *out = vec;
	const struct source *src = r->pos.src;
	if (r->style != YS_PLAIN || !src || !item_dash(r->str))
		return false;
	size_t a = source_offset(src, r->pos.line, r->pos.col);
	size_t e = source_offset(src, r->end.line, r->end.col);
	const char *t = src->text;
	for (size_t i = a; i < e;) { /* every line starts with a dash */
		while (i < e && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (i < e && t[i] != '\n' && t[i] != '\r' && !item_dash(t + i))
			return false;
		while (i < e && t[i] != '\n')
			i++;
		i++;
	}
	for (size_t i = a; i < e;) {
		while (i < e && (t[i] == ' ' || t[i] == '\t'))
			i++;
		size_t end = i;
		while (end < e && t[end] != '\n')
			end++;
		size_t next = end + 1;
		if (i < end && t[i] != '\r') {
			i += item_dash(t + i);
			while (i < end && (t[i] == ' ' || t[i] == '\t'))
				i++;
			while (end > i && (t[end - 1] == ' ' || t[end - 1] == '\r'))
				end--;
			if (end > i) {
				char *v = arena_strndup(c->arena, t + i, end - i);
				size_t n = text_strip_invisible(v, end - i, NULL);
				struct text_field f = {v, source_pos(src, i)};
				if (n)
					vec_push(out, f);
				struct text_span sp = {src, i, end, NULL, 0, false};
				vec_push(&c->doc->spans, sp);
			}
		}
		i = next;
	}
	return true;
}

/* A list of one-line texts, or one text (taken as a list of one, or as
 * dashed lines). */
static void get_list(struct ctx *c, const struct ynode *root, const char *key,
		     const char *what, void *vec)
{
	VEC(struct text_field) *out = vec;
	const struct ynode *r = ymap_get(root, key);
	if (is_null(r))
		return;
	if (r->kind == Y_SCALAR && dashed_lines(c, r, out))
		return;
	if (r->kind == Y_SCALAR) {
		struct text_field f;
		get_text(c, root, key, key, false, &f);
		if (f.s)
			vec_push(out, f);
		return;
	}
	if (r->kind != Y_SEQ) {
		diag_error(c->d, r->pos, "'%s' must be a list (one '- ...' line each), got %s", key,
			   ykind_name(r));
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct ynode *it = r->items[i];
		if (it->kind != Y_SCALAR || blank(it->str, it->len)) {
			diag_error(c->d, it->pos, "%s must be text, got %s%s", what,
				   it->kind == Y_SCALAR ? _("nothing") : ykind_name(it), colon_hint(it));
			continue;
		}
		if (memchr(it->str, '\n', it->len)) {
			diag_error(c->d, it->pos, "%s must be one line", what);
			continue;
		}
		struct text_field f = {arena_strndup(c->arena, it->str, it->len), it->pos};
		vec_push(out, f);
		add_span(c, it);
	}
}

static void get_appendices(struct ctx *c, const struct ynode *root)
{
	const struct ynode *a = ymap_get(root, "appendices");
	if (is_null(a))
		return;
	if (a->kind != Y_SEQ) {
		diag_error(c->d, a->pos, "'appendices' must be a list of {title, body}, got %s",
			   ykind_name(a));
		return;
	}
	static const char *const known[] = {"title", "body", "body_file"};
	for (size_t i = 0; i < a->n; i++) {
		const struct ynode *it = a->items[i];
		char path[48];
		snprintf(path, sizeof path, "appendices[%zu]", i + 1);
		if (it->kind != Y_MAP) {
			diag_error(c->d, it->pos, "'%s' must be a mapping (title, body), got %s", path,
				   ykind_name(it));
			continue;
		}
		char pre[56];
		snprintf(pre, sizeof pre, "%s.", path);
		check_keys(c, it, pre, known, 3);
		struct appendix ap = {0};
		char k[64];
		snprintf(k, sizeof k, "%s.title", path);
		get_multiline_text(c, it, "title", k, true, &ap.title);
		snprintf(k, sizeof k, "%s.body", path);
		get_markdown(c, it, "body", "body_file", k, &ap.body);
		vec_push(&c->doc->appendices, ap);
	}
}

static void get_urgency(struct ctx *c, const struct ynode *root)
{
	struct text_field u;
	get_text(c, root, "urgency", "urgency", false, &u);
	if (!u.s)
		return;
	static const char *const names[] = {"khan", "thuong-khan", "hoa-toc"};
	for (int i = 0; i < 3; i++)
		if (!strcmp(u.s, names[i])) {
			c->doc->urgency = (enum urgency)(i + 1);
			return;
		}
	const char *near = nearest_word(u.s, names, 3);
	if (near)
		diag_error(c->d, u.pos, "'urgency' must be khan, thuong-khan or hoa-toc, got '%s'; "
			   "did you mean '%s'?", diag_quote(c->d, u.s), near);
	else
		diag_error(c->d, u.pos, "'urgency' must be khan, thuong-khan or hoa-toc, got '%s'",
			   diag_quote(c->d, u.s));
}

static int get_count(struct ctx *c, const struct ynode *root, const char *key, int max)
{
	const struct ynode *v = ymap_get(root, key);
	if (is_null(v))
		return 0;
	if (v->kind != Y_SCALAR || v->style != YS_PLAIN || !all_digits(v->str, v->len) ||
	    v->len > 7 || atoi(v->str) < 1 || atoi(v->str) > max) {
		diag_error(c->d, v->pos, "'%s' must be a whole number from 1 to %d", key, max);
		return 0;
	}
	return atoi(v->str);
}

/* attachment: true, and copy: {form, number, code, by}: an electronic
 * attachment in a separate file, or an electronic copy. */
static void get_electronic(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *a = ymap_get(root, "attachment");
	if (!is_null(a)) {
		if (a->kind == Y_SCALAR && a->style == YS_PLAIN && !strcmp(a->str, "true"))
			doc->e_attachment = true;
		else if (!(a->kind == Y_SCALAR && a->style == YS_PLAIN && !strcmp(a->str, "false")))
			diag_error(c->d, a->pos, "'attachment' must be true or false");
	}
	const struct ynode *cp = ymap_get(root, "copy");
	if (is_null(cp))
		return;
	if (cp->kind != Y_MAP) {
		diag_error(c->d, cp->pos, "'copy' must be a mapping (form, number, code, by), got %s",
			   ykind_name(cp));
		return;
	}
	static const char *const known[] = {"form", "number", "code", "by"};
	check_keys(c, cp, "copy.", known, 4);
	get_text(c, cp, "form", "copy.form", true, &doc->copy.form);
	get_text(c, cp, "code", "copy.code", false, &doc->copy.code);
	get_multiline_text(c, cp, "by", "copy.by", true, &doc->copy.by);
	doc->copy.number = get_count(c, cp, "number", 999999);
	static const char *const forms[] = {"SAO Y", "SAO LỤC", "TRÍCH SAO"};
	const char *f = doc->copy.form.s;
	if (f && strcmp(f, forms[0]) && strcmp(f, forms[1]) && strcmp(f, forms[2])) {
		diag_error(c->d, doc->copy.form.pos, "'copy.form' must be SAO Y, SAO LỤC or "
			   "TRÍCH SAO, got '%s'", diag_quote(c->d, f));
		doc->copy.form.s = NULL;
	}
	if (doc->e_attachment && f)
		diag_error(c->d, cp->pos, "a document is an attachment or a copy, not both");
}

/* A certificate's issuer: parent and name, and the code. */
static void get_cert_issuer(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *is = ymap_get(root, "issuer");
	if (is_null(is) || is->kind != Y_MAP) {
		if (is)
			diag_error(c->d, is->pos, "'issuer' must be a mapping (parent, name, code)");
		else
			diag_error(c->d, root->pos, "'issuer' must be a mapping (parent, name, code), "
				   "and is missing");
		return;
	}
	static const char *const ik[] = {"parent", "name", "code"};
	check_keys(c, is, "issuer.", ik, 3);
	get_multiline_text(c, is, "parent", "issuer.parent", false, &doc->parent);
	get_multiline_text(c, is, "name", "issuer.name", true, &doc->issuer);
	get_text(c, is, "code", "issuer.code", false, &doc->issuer_code);
}

/* qr: {url: https://...}: a verification code (on each certificate; on a
 * document's first page). */
static void get_qr(struct ctx *c, const struct ynode *root)
{
	const struct ynode *qr = ymap_get(root, "qr");
	if (!is_null(qr) && qr->kind != Y_MAP) {
		diag_error(c->d, qr->pos, "'qr' must be a mapping (url), got %s", ykind_name(qr));
	} else if (!is_null(qr)) {
		static const char *const qk[] = {"url"};
		check_keys(c, qr, "qr.", qk, 1);
		get_text(c, qr, "url", "qr.url", true, &c->doc->qr_url);
	}
}

/* Certificates share the issuer, place, date and signature with other
 * documents; cert_load.c reads the rest (decision, awardees, paper ...). */
static void get_certificate(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	get_text(c, root, "style", "style", false, &doc->style);
	get_cert_issuer(c, root);
	get_text(c, root, "place", "place", true, &doc->place);
	get_date(c, root);
	get_text(c, root, "title", "title", false, &doc->title);
	get_signature(c, root);
	get_qr(c, root);
}

/* The type's entry in types.yaml; an unknown type is an error, with the
 * nearest known one when there is one. */
static void find_doctype(struct ctx *c)
{
	struct doc *doc = c->doc;
	const struct doctypes *types = c->types;
	doc->dt = doctype_find(types, doc->type.s);
	if (doc->dt)
		return;
	const char **k = xmalloc((types->v.n + 1) * sizeof *k);
	for (size_t i = 0; i < types->v.n; i++)
		k[i] = types->v.v[i].key;
	const char *near = nearest_word(doc->type.s, k, types->v.n);
	if (near)
		diag_error(c->d, doc->type.pos, "unknown document type '%s'; did you "
			   "mean '%s'?", diag_quote(c->d, doc->type.s), near);
	else
		diag_error(c->d, doc->type.pos, "unknown document type '%s' (known: "
			   "thong-bao, bao-cao, ke-hoach, quyet-dinh, cong-van, ...)",
			   diag_quote(c->d, doc->type.s));
	free(k);
}

/* A document's issuer: parent, name, code, drafting unit and the name the
 * text uses for it. */
static void get_issuer(struct ctx *c, const struct ynode *root)
{
	struct doc *doc = c->doc;
	const struct ynode *is = ymap_get(root, "issuer");
	if (is_null(is)) {
		diag_error(c->d, is ? is->pos : root->pos, "missing 'issuer'");
	} else if (is->kind != Y_MAP) {
		diag_error(c->d, is->pos, "'issuer' must be a mapping (parent, name, code), got %s",
			   ykind_name(is));
	} else {
		static const char *const ik[] = {"parent", "name", "code", "unit", "in_text"};
		check_keys(c, is, "issuer.", ik, 5);
		get_text(c, is, "in_text", "issuer.in_text", false, &doc->issuer_in_text);
		get_multiline_text(c, is, "parent", "issuer.parent", false, &doc->parent);
		get_multiline_text(c, is, "name", "issuer.name", true, &doc->issuer);
		get_text(c, is, "code", "issuer.code", !ymap_get(root, "code"), &doc->issuer_code);
		get_text(c, is, "unit", "issuer.unit", false, &doc->unit);
	}
}

/* Data for templates (meeting, data): checked as text wherever it is
 * drawn. */
static void get_template_data(struct ctx *c, const struct ynode *root)
{
	static const char *const free_maps[] = {"meeting", "data"};
	for (int i = 0; i < 2; i++) {
		const struct ynode *m = ymap_get(root, free_maps[i]);
		if (m && m->kind != Y_MAP && !is_null(m))
			diag_error(c->d, m->pos, "'%s' must be a mapping of fields, got %s",
				   free_maps[i], ykind_name(m));
		else if (m)
			add_spans_under(c, m);
	}
}

/* The keys of a document (not a certificate batch); the workspace's form
 * is made from them too. */
const char *const model_doc_keys[] = {
	"type", "style", "issuer", "number", "code", "place", "date", "title",
	"subject", "body", "body_file", "signature", "recipients", "archive", "to",
	"urgency", "circulation", "drafter", "copies", "contact", "appendices",
	"template", "meeting", "data", "attachment", "copy", "qr"};
const size_t model_doc_nkeys = sizeof model_doc_keys / sizeof model_doc_keys[0];

bool model_load(struct doc *doc, const struct ynode *root, const struct source *src,
		size_t body_start, size_t body_end, const char *basedir,
		const struct doctypes *types, struct srcset *files, struct arena *arena,
		struct diag *d)
{
	struct ctx c = {doc, types, basedir, src, files, arena, d};
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
	static const char *const cert_known[] = {
		"type", "style", "issuer", "place", "date", "title", "signature", "decision",
		"reason", "paper", "blank_form", "awardees", "awardees_file", "layout", "data",
		"qr"};
	doc->root = root;
	get_text(&c, root, "type", "type", true, &doc->type);
	const struct doctype *early = doc->type.s ? doctype_find(types, doc->type.s) : NULL;
	if (early && early->certificate) {
		check_keys(&c, root, "", cert_known, sizeof cert_known / sizeof cert_known[0]);
		doc->dt = early;
		get_certificate(&c, root);
		return d->errors == before;
	}
	check_keys(&c, root, "", model_doc_keys, model_doc_nkeys);

	if (doc->type.s)
		find_doctype(&c);
	get_text(&c, root, "style", "style", false, &doc->style);
	get_issuer(&c, root);
	get_number(&c, root);
	get_text(&c, root, "code", "code", false, &doc->code);
	get_text(&c, root, "place", "place", true, &doc->place);
	get_date(&c, root);
	get_text(&c, root, "title", "title", false, &doc->title);
	get_multiline_text(&c, root, "subject", "subject", true, &doc->subject);
	get_text(&c, root, "template", "template", false, &doc->template_name);
	get_template_data(&c, root);
	if (doc->template_name.s && !ymap_get(root, "body") && !ymap_get(root, "body_file") &&
	    !(body_end > body_start))
		; /* the template writes the whole body */
	else
		get_body(&c, root, body_start, body_end);
	get_signature(&c, root);
	get_list(&c, root, "recipients", _("a recipient"), &doc->recipients);
	get_text(&c, root, "archive", "archive", false, &doc->archive);
	get_list(&c, root, "to", _("an addressee of 'to'"), &doc->to);
	get_urgency(&c, root);
	get_text(&c, root, "circulation", "circulation", false, &doc->circulation);
	get_text(&c, root, "drafter", "drafter", false, &doc->drafter);
	doc->copies = get_count(&c, root, "copies", 999999);
	get_list(&c, root, "contact", _("a contact line"), &doc->contact);
	get_appendices(&c, root);
	get_electronic(&c, root);
	get_qr(&c, root);
	return d->errors == before;
}

void model_check_style(const struct doc *doc, const struct style *st, struct diag *d)
{
	/* "Số 15-CV/BTGTU": a Party công văn's number has no drafting unit. */
	if (doc->unit.s && doc->dt && !doc->dt->name[0] && !doc->code.s && st->cong_van_code &&
	    *st->cong_van_code)
		diag_add(d, SEV_WARNING, doc->unit.pos, "the number of a công văn in this style "
			 "(\"Số 15-%s/...\") has no drafting unit: 'issuer.unit' is left out",
			 diag_quote(d, st->cong_van_code));
	for (size_t k = 0; k < doc->signatures.n; k++) {
		const struct text_field *a = &doc->signatures.v[k].authority;
		if (!a->s)
			continue;
		bool ok = false;
		for (int i = 0; i < st->nauthorities; i++)
			if (!strcmp(a->s, st->authorities[i]))
				ok = true;
		if (ok)
			continue;
		struct buf b = {0};
		for (int i = 0; i < st->nauthorities; i++) {
			if (i)
				buf_puts(&b, i + 1 == st->nauthorities ? _(" or ") : ", ");
			buf_puts(&b, diag_quote(d, st->authorities[i]));
		}
		diag_error(d, a->pos, "unknown authority '%s'; style '%s' allows %s",
			   diag_quote(d, a->s), diag_quote(d, st->name), b.data ? b.data : _("none"));
		buf_free(&b);
	}
}

void model_free(struct doc *doc)
{
	vec_free(&doc->recipients);
	vec_free(&doc->spans);
	vec_free(&doc->to);
	vec_free(&doc->signatures);
	vec_free(&doc->contact);
	vec_free(&doc->appendices);
}
