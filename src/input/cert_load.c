/* cert_load.c - award certificates as read: the layout file and the
 * awardees, all validated before anything is laid out.
 *
 * A layout file (templates/certificates/<type>.yaml) lists the elements of
 * the certificate with their place, size and text (a Mustache template).
 * The awardees come from the document (awardees:) or a CSV file
 * (awardees_file:); a row's own reason, date and decision replace the
 * shared ones. The document's tree is only read: a row that inherits the
 * shared reason is a copy. */
#include "input.h"
#include "base/base.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool flag(const struct ynode *v, bool *out, struct diag *d, const char *what)
{
	if (!v)
		return true;
	if (v->kind == Y_SCALAR && v->style == YS_PLAIN && (!strcmp(v->str, "true") ||
							   !strcmp(v->str, "false"))) {
		*out = !strcmp(v->str, "true");
		return true;
	}
	diag_error(d, v->pos, "'%s' must be true or false", what);
	return false;
}

/* ---- The layout file --------------------------------------------------- */

static void load_element(struct cert *c, const struct ynode *e, struct diag *d)
{
	static const char *const keys[] = {"id", "text", "x", "y", "size", "min_size",
					   "max_width", "lines", "bold", "italic", "caps",
					   "rule", "variable", "color", "blank"};
	if (e->kind != Y_MAP) {
		diag_error(d, e->pos, "an element must be a mapping (id, text, y, size, ...)");
		return;
	}
	ymap_check_keys(e, "elements.", keys, sizeof keys / sizeof keys[0], d);
	struct cert_element el = {0};
	el.pos = e->pos;
	el.x = 148.5; /* the centre of the design sheet */
	el.centred = !ymap_get(e, "x");
	el.blank = true;
	el.lines = 1;
	const struct ynode *v;
	if ((v = ymap_get(e, "id")) && v->kind == Y_SCALAR)
		el.id = v->str;
	else
		diag_error(d, e->pos, "an element needs an 'id'");
	if ((v = ymap_get(e, "text")) && v->kind == Y_SCALAR)
		el.text = v->str;
	else
		diag_error(d, e->pos, "an element needs a 'text'");
	if (!ynode_number(ymap_get(e, "y"), &el.y) || el.y < 0 || el.y > 500)
		diag_error(d, e->pos, "an element needs 'y', the baseline in mm from the top");
	if (ymap_get(e, "x") && (!ynode_number(ymap_get(e, "x"), &el.x) || el.x < 0 || el.x > 500))
		diag_error(d, ymap_get(e, "x")->pos, "'x' must be mm from the left edge");
	if (!ynode_number(ymap_get(e, "size"), &el.size) || el.size < 6 || el.size > 96)
		diag_error(d, e->pos, "an element needs a 'size' from 6 to 96 pt");
	el.min_size = el.size;
	if (ymap_get(e, "min_size") && (!ynode_number(ymap_get(e, "min_size"), &el.min_size) ||
					el.min_size < 6 || el.min_size > el.size))
		diag_error(d, ymap_get(e, "min_size")->pos, "'min_size' must be from 6 pt to 'size'");
	if (ymap_get(e, "max_width") && (!ynode_number(ymap_get(e, "max_width"), &el.max_width) ||
					 el.max_width <= 0))
		diag_error(d, ymap_get(e, "max_width")->pos, "'max_width' must be mm, above 0");
	double lines = 1;
	if (ymap_get(e, "lines") && (!ynode_number(ymap_get(e, "lines"), &lines) || lines < 1 ||
				     lines > 9 || lines != floor(lines)))
		diag_error(d, ymap_get(e, "lines")->pos, "'lines' must be a whole number from 1 to 9");
	el.lines = (int)lines;
	flag(ymap_get(e, "bold"), &el.bold, d, "bold");
	flag(ymap_get(e, "italic"), &el.italic, d, "italic");
	flag(ymap_get(e, "caps"), &el.caps, d, "caps");
	flag(ymap_get(e, "rule"), &el.rule, d, "rule");
	flag(ymap_get(e, "variable"), &el.variable, d, "variable");
	flag(ymap_get(e, "blank"), &el.blank, d, "blank");
	if ((v = ymap_get(e, "color")) && !ynode_color(v, &el.color))
		diag_error(d, v->pos, "'color' must be \"#RRGGBB\"");
	vec_push(&c->el, el);
}

static bool load_layout(struct cert *c, const char *path, struct pos from, struct srcset *files,
			struct diag *d)
{
	int before = d->errors;
	struct source *src = srcset_load(files, path, path, from, d);
	if (!src)
		return false;
	const struct ynode *root = yaml_load(src, 0, src->len, c->ar, d);
	if (!root || root->kind != Y_MAP) {
		if (d->errors == before)
			diag_error(d, (struct pos){src, 1, 1}, "a certificate layout is a mapping "
				   "(title, paper, border, elements, blank_form)");
		return false;
	}
	static const char *const keys[] = {"title", "paper", "border", "elements", "blank_form"};
	ymap_check_keys(root, "", keys, 5, d);
	const struct ynode *v;
	if ((v = ymap_get(root, "title")) && v->kind == Y_SCALAR)
		c->title = v->str;
	const struct ynode *b = ymap_get(root, "border");
	if (b && b->kind == Y_MAP) {
		static const char *const bk[] = {"color", "outer", "inner", "ornament"};
		ymap_check_keys(b, "border.", bk, 4, d);
		if ((v = ymap_get(b, "color")) && !ynode_color(v, &c->border_color))
			diag_error(d, v->pos, "'border.color' must be \"#RRGGBB\"");
		const struct ynode *o = ymap_get(b, "outer"), *in = ymap_get(b, "inner");
		if (!o || !ynode_number(ymap_get(o, "inset"), &c->outer_inset) ||
		    !ynode_number(ymap_get(o, "width"), &c->outer_w) || !in ||
		    !ynode_number(ymap_get(in, "inset"), &c->inner_inset) ||
		    !ynode_number(ymap_get(in, "width"), &c->inner_w))
			diag_error(d, b->pos, "'border' needs outer and inner, each {inset: mm, width: pt}");
		if ((v = ymap_get(b, "ornament")) &&
		    (!ynode_number(v, &c->ornament) || c->ornament < 0 || c->ornament > 50))
			diag_error(d, v->pos, "'border.ornament' must be mm, from 0 to 50");
	}
	const struct ynode *els = ymap_get(root, "elements");
	if (!els || els->kind != Y_SEQ || !els->n)
		diag_error(d, els ? els->pos : root->pos, "'elements' must be a list of elements");
	else
		for (size_t i = 0; i < els->n; i++)
			load_element(c, els->items[i], d);
	/* Checked whether or not this document prints on blanks: a typo in
	 * the calibration must not wait for the day it is used. */
	const struct ynode *bf = ymap_get(root, "blank_form");
	if (bf && bf->kind != Y_MAP) {
		diag_error(d, bf->pos, "'blank_form' must be a mapping (offset, move)");
		bf = NULL;
	}
	if (bf) {
		static const char *const fk[] = {"offset", "move"};
		ymap_check_keys(bf, "blank_form.", fk, 2, d);
		double ox = 0, oy = 0;
		const struct ynode *off = ymap_get(bf, "offset");
		if (off && (off->kind != Y_SEQ || off->n != 2 || !ynode_number(off->items[0], &ox) ||
			    !ynode_number(off->items[1], &oy)))
			diag_error(d, off->pos, "'blank_form.offset' must be [x, y] in mm");
		else if (c->blank)
			c->off_x = ox, c->off_y = oy;
		const struct ynode *mv = ymap_get(bf, "move");
		if (mv && mv->kind != Y_MAP)
			diag_error(d, mv->pos, "'blank_form.move' must map element ids to [x, y] in "
				   "mm, e.g. {name: [148.5, 100]}");
		for (size_t i = 0; mv && mv->kind == Y_MAP && i < mv->n; i++) {
			const struct ynode *k = mv->pairs[i].key, *p = mv->pairs[i].val;
			struct cert_element *e = NULL;
			for (size_t j = 0; j < c->el.n; j++)
				if (c->el.v[j].id && !strcmp(c->el.v[j].id, k->str))
					e = &c->el.v[j];
			double x, y;
			if (!e)
				diag_error(d, k->pos, "no element '%s' to move",
					   diag_quote(d, k->str));
			else if (!p || p->kind != Y_SEQ || p->n != 2 || !ynode_number(p->items[0], &x) ||
				 !ynode_number(p->items[1], &y))
				diag_error(d, k->pos, "'%s' must be [x, y] in mm",
					   diag_quote(d, k->str));
			else if (c->blank)
				e->x = x, e->y = y;
		}
	}
	return d->errors == before;
}

/* ---- The document's certificate fields ------------------------------ */

static bool paper(struct cert *c, const struct ynode *v, struct diag *d)
{
	double w = 297, h = 210;
	if (v) {
		double a, b;
		char extra;
		if (v->kind == Y_SCALAR && !strcmp(v->str, "a4"))
			;
		else if (v->kind == Y_SCALAR && !strcmp(v->str, "a3"))
			w = 420, h = 297;
		else if (v->kind == Y_SCALAR && sscanf(v->str, "%lfx%lf%c", &a, &b, &extra) == 2 &&
			 a >= 100 && b >= 100 && a <= 1000 && b <= 1000)
			w = fmax(a, b), h = fmin(a, b);
		else {
			diag_error(d, v->pos, "'paper' must be a4, a3 or WxH in mm (e.g. 400x300)");
			return false;
		}
	}
	c->page_w = MM(w);
	c->page_h = MM(h);
	c->scale = fmin(w / 297, h / 210);
	c->ox = (w - 297 * c->scale) / 2;
	c->oy = (h - 210 * c->scale) / 2;
	return true;
}

/* A scalar node made here (for computed values). */
static struct ynode *scalar(struct arena *ar, const char *s, struct pos p)
{
	struct ynode *n = arena_alloc(ar, sizeof *n);
	n->kind = Y_SCALAR;
	n->str = arena_strdup(ar, s);
	n->len = strlen(s);
	n->pos = n->end = p;
	return n;
}

/* Sets key in a map made here. The maps made here are read only once
 * built (data for Mustache), so they may hold the document's own nodes:
 * the one place a const node goes into a pair. */
static void map_set(struct arena *ar, struct ynode *map, const char *key,
		    const struct ynode *val)
{
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->pairs[i].key->str, key)) {
			map->pairs[i].val = (struct ynode *)val;
			return;
		}
	struct ypair *np = arena_alloc(ar, (map->n + 1) * sizeof *np);
	if (map->n)
		memcpy(np, map->pairs, map->n * sizeof *np);
	np[map->n].key = scalar(ar, key, val ? val->pos : pos_none());
	np[map->n].val = (struct ynode *)val;
	map->pairs = np;
	map->n++;
}

/* A scalar node for a string that already lives in the arena (a field of
 * the list): a list of 100,000 rows is not copied again. */
static struct ynode *scalar_in(struct arena *ar, const char *s, struct pos p)
{
	struct ynode *n = arena_alloc(ar, sizeof *n);
	n->kind = Y_SCALAR;
	n->str = s;
	n->len = strlen(s);
	n->pos = n->end = p;
	return n;
}

/* Sets key (a node shared by every row) in a row of the list, whose pairs
 * were made with room for one more than its columns. */
static void row_set(struct ynode *row, struct ynode *key, const struct ynode *val)
{
	for (size_t i = 0; i < row->n; i++)
		if (!strcmp(row->pairs[i].key->str, key->str)) {
			row->pairs[i].val = (struct ynode *)val;
			return;
		}
	row->pairs[row->n].key = key;
	row->pairs[row->n].val = (struct ynode *)val;
	row->n++;
}

static struct ynode *new_map(struct arena *ar, struct pos p)
{
	struct ynode *m = arena_alloc(ar, sizeof *m);
	m->kind = Y_MAP;
	m->pos = m->end = p;
	return m;
}

/* A copy of a mapping, its pairs its own, to change without changing the
 * tree it came from. */
static struct ynode *copy_map(struct arena *ar, const struct ynode *map)
{
	struct ynode *m = arena_alloc(ar, sizeof *m);
	*m = *map;
	m->pairs = arena_alloc(ar, (map->n + 1) * sizeof *m->pairs);
	if (map->n)
		memcpy(m->pairs, map->pairs, map->n * sizeof *m->pairs);
	return m;
}

/* A column name folded for matching: without diacritics, in lower case,
 * the spaces around it dropped and those inside it made one ("  HỌ VÀ
 * Tên " -> "ho va ten"). 0 when it does not fit. */
static size_t fold_name(const char *h, char *out, size_t cap)
{
	char *f = text_fold_ascii(h);
	size_t n = 0;
	bool space = false;
	for (const char *p = f; *p && n + 1 < cap; p++) {
		if (*p == ' ' || *p == '\t') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		if (n + 1 < cap)
			out[n++] = (char)tolower((unsigned char)*p);
	}
	out[n] = '\0';
	free(f);
	return n;
}

/* Column names of a list as people write them in a spreadsheet, matched
 * folded (fold_name): "Họ và tên", "HỌ VÀ TÊN", "Ho va ten" are the same
 * column. docs/certificates.md lists them. Other names stay as written. */
static const char *canonical(const char *h)
{
	static const struct { const char *alias, *key; } names[] = {
		{"ho va ten", "name"}, {"ho ten", "name"}, {"ten", "name"},
		{"ten tap the", "name"}, {"name", "name"}, {"don vi", "unit"}, {"unit", "unit"},
		{"thanh tich", "reason"}, {"ly do", "reason"}, {"reason", "reason"},
		{"so so", "book_number"}, {"so vao so", "book_number"},
		{"book_number", "book_number"}};
	char f[64];
	if (!fold_name(h, f, sizeof f))
		return h;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(f, names[i].alias))
			return names[i].key;
	return h;
}

/* A total row at the foot of a list ("Tổng cộng", "TỔNG: 25", "Cộng (12
 * người)"): one of the words, folded, then nothing, or a count. "Tổng công
 * ty ..." and "Cộng đồng ..." go on with a word: names. */
static bool is_total(const char *name)
{
	static const char *const words[] = {"tong cong", "tong so", "tong", "cong"};
	char f[64];
	if (!fold_name(name, f, sizeof f))
		return false;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t l = strlen(words[i]);
		if (strncmp(f, words[i], l))
			continue;
		const char *p = f + l;
		if (*p && *p != ' ' && *p != ':' && *p != '(')
			continue; /* a longer word: "congo" */
		while (*p == ' ' || *p == ':' || *p == '.' || *p == '-' || *p == '=')
			p++;
		if (!*p || isdigit((unsigned char)*p) || *p == '(')
			return true;
	}
	return false;
}

/* Built when needed, in ar, so that a batch keeps only its rows. */
struct ynode *cert_data(const struct cert *c, size_t at, struct arena *ar)
{
	const struct awardee *a = &c->aw.v[at];
	const struct ynode *root = c->doc->root, *row = a->row;
	struct ynode *data = new_map(ar, root->pos);
	data->pairs = arena_alloc(ar, (root->n + 4) * sizeof *data->pairs);
	for (size_t i = 0; i < root->n; i++)
		data->pairs[data->n++] = root->pairs[i];
	char *title = text_upper(c->doc->title.s ? c->doc->title.s
				 : c->title ? c->title : c->doc->dt->name);
	map_set(ar, data, "title", scalar(ar, title, a->pos));
	free(title);
	/* Q. (acting head) stands before the title, "Q. CHỦ TỊCH": the
	 * layouts print "{{authority}} {{for}}" over "{{title}}", so the title
	 * takes the place of 'for' and its own line stays empty. */
	const struct ynode *sig = ymap_get(root, "signature");
	const struct ynode *au = sig && sig->kind == Y_MAP ? ymap_get(sig, "authority") : NULL;
	const struct ynode *ti = sig && sig->kind == Y_MAP ? ymap_get(sig, "title") : NULL;
	if (au && au->kind == Y_SCALAR && !strcmp(au->str, "Q.") && ti && ti->kind == Y_SCALAR) {
		struct ynode *ns = new_map(ar, sig->pos);
		for (size_t i = 0; i < sig->n; i++)
			map_set(ar, ns, sig->pairs[i].key->str, sig->pairs[i].val);
		map_set(ar, ns, "for", ti);
		map_set(ar, ns, "title", scalar(ar, "", ti->pos));
		map_set(ar, data, "signature", ns);
	}
	const struct ynode *dt = ymap_get(row, "date");
	if (dt && dt->kind == Y_SCALAR && dt->len)
		map_set(ar, data, "date", dt);
	const struct ynode *dec = ymap_get(root, "decision");
	struct ynode *ndec = new_map(ar, dec ? dec->pos : a->pos);
	for (size_t i = 0; dec && dec->kind == Y_MAP && i < dec->n; i++)
		map_set(ar, ndec, dec->pairs[i].key->str, dec->pairs[i].val);
	static const char *const dk[] = {"number", "code", "date"};
	for (int i = 0; i < 3; i++) {
		char col[32];
		snprintf(col, sizeof col, "decision_%s", dk[i]);
		const struct ynode *o = ymap_get(row, col);
		if (o && o->kind == Y_SCALAR && o->len)
			map_set(ar, ndec, dk[i], o);
	}
	map_set(ar, data, "decision", ndec);
	map_set(ar, data, "awardee", row);
	return data;
}

/* Whether a text prints the reason outside a section that asks for it
 * ("{{#awardee.reason}}{{awardee.reason}}{{/awardee.reason}}" is optional). */
static bool reason_required(const char *t)
{
	int depth = 0;
	for (const char *p = t; p && (p = strstr(p, "{{")); p += 2) {
		const char *q = p + 2;
		bool open = *q == '#' || *q == '^', close = *q == '/';
		if (open || close)
			q++;
		bool awardee = !strncmp(q, "awardee.reason}}", 16) || !strncmp(q, "reason}}", 8);
		if (!awardee)
			continue;
		if (open)
			depth++;
		else if (close)
			depth -= depth > 0;
		else if (!depth)
			return true;
	}
	return false;
}

/* A decision's number as the document's: 1 to 999999, digits only. */
static bool decision_number_ok(const struct ynode *v)
{
	if (v->kind != Y_SCALAR || !v->len || v->len > 6 || strspn(v->str, "0123456789") != v->len)
		return false;
	return atoi(v->str) >= 1;
}

static bool all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ')
			return false;
	return true;
}

/* Checks a row and keeps it: its own reason, date and decision replace
 * the shared ones. */
static void add_awardee(struct cert *c, const struct ynode *row, struct ynode *own_row,
			struct ynode *reason_key, struct pos pos, struct diag *d)
{
	const struct ynode *nm = ymap_get(row, "name");
	if (!nm || nm->kind != Y_SCALAR || all_blank(nm->str, nm->len)) {
		diag_error(d, nm && nm->kind == Y_SCALAR ? nm->pos : pos,
			   "an awardee needs a 'name'");
		return;
	}
	const struct ynode *root = c->doc->root;
	const struct ynode *r = ymap_get(row, "reason");
	if (!r || (r->kind == Y_SCALAR && !r->len)) {
		/* The shared reason, in a copy of the row: the document's
		 * tree stays as it was read. A row of a list file is ours
		 * and has room for it. */
		if (own_row) {
			row_set(own_row, reason_key, ymap_get(root, "reason"));
		} else {
			struct ynode *own = copy_map(c->ar, row);
			map_set(c->ar, own, "reason", ymap_get(root, "reason"));
			row = own;
		}
	}
	const struct ynode *dt = ymap_get(row, "date");
	int yy, mm, dd;
	if (dt && dt->kind == Y_SCALAR && dt->len && !vn_parse_date(dt->str, &yy, &mm, &dd))
		diag_error(d, dt->pos, "'date' must be a date (YYYY-MM-DD), got \"%s\"",
			   diag_quote(d, dt->str));
	const struct ynode *o = ymap_get(row, "decision_date");
	if (o && o->kind == Y_SCALAR && o->len && !vn_parse_date(o->str, &yy, &mm, &dd))
		diag_error(d, o->pos, "'decision_date' must be a date (YYYY-MM-DD), got \"%s\"",
			   diag_quote(d, o->str));
	o = ymap_get(row, "decision_number");
	if (o && o->kind == Y_SCALAR && o->len && !decision_number_ok(o))
		diag_error(d, o->pos, "'decision_number' must be a whole number from 1 to 999999, "
			   "got \"%s\"", diag_quote(d, o->str));

	struct awardee a = {row, nm->str, pos, false};
	vec_push(&c->aw, a);
}

static void load_awardees(struct cert *c, const char *basedir, struct srcset *files,
			  struct diag *d)
{
	const struct ynode *root = c->doc->root;
	const struct ynode *list = ymap_get(root, "awardees");
	const struct ynode *file = ymap_get(root, "awardees_file");
	if (list && file) {
		diag_error(d, file->pos, "give either 'awardees' or 'awardees_file', not both");
		return;
	}
	if (file) {
		if (file->kind != Y_SCALAR || !file->len) {
			diag_error(d, file->pos, "'awardees_file' must be the name of a CSV file");
			return;
		}
		char *p = path_join(basedir, file->str);
		struct source *src = srcset_allowed(files, p, file->str, file->pos, d)
				   ? srcset_load_csv(files, p, p, file->pos, d) : NULL;
		free(p);
		if (!src)
			return;
		struct csv t;
		/* The rows read are checked even after an error in the file, so
		 * that every error is reported at once. */
		if (!csv_parse(src, &t, c->ar, d) && !t.ncols) {
			csv_free(&t);
			return;
		}
		/* the keys of the columns, folded once */
		const char **keys = arena_alloc(c->ar, (t.ncols ? t.ncols : 1) * sizeof *keys);
		struct ynode **knodes = arena_alloc(c->ar, (t.ncols ? t.ncols : 1) * sizeof *knodes);
		bool has_name = false;
		for (size_t k = 0; k < t.ncols; k++) {
			keys[k] = canonical(t.head[k].s);
			knodes[k] = scalar(c->ar, keys[k], t.head[k].pos);
			has_name |= !strcmp(keys[k], "name");
		}
		struct ynode *reason_key = scalar(c->ar, "reason", pos_none());
		if (!has_name) {
			diag_error(d, (struct pos){src, t.head[0].pos.line, 0},
				   "the header has no 'name' column (or 'Họ và tên')");
			csv_free(&t);
			return;
		}
		for (size_t r = 0; r < t.rows.n; r++) {
			struct pos at = {src, t.rows.v[r].line, 0};
			struct ynode *row = new_map(c->ar, at);
			row->pairs = arena_alloc(c->ar, (t.ncols + 1) * sizeof *row->pairs);
			bool bad = false;
			for (size_t k = 0; k < t.ncols; k++) {
				struct ynode *v = scalar_in(c->ar, t.rows.v[r].f[k].s,
							    t.rows.v[r].f[k].pos);
				const char *key = keys[k];
				const struct ynode *had = ymap_get(row, key);
				/* Two columns for one field ("Họ và tên", "Tên tập
				 * thể"): the one filled in is the value; both
				 * filled, no one can tell which is meant. */
				if (had && had->len && !v->len)
					continue;
				if (had && had->len) {
					size_t j = 0;
					while (j < k && strcmp(keys[j], key))
						j++;
					/* a column named twice is an error of the header */
					if (!strcmp(t.head[j].s, t.head[k].s))
						continue;
					diag_error(d, at, "this row fills in both '%s' and '%s', two "
						   "columns for the same '%s': keep one of them",
						   diag_quote(d, t.head[j].s), diag_quote(d, t.head[k].s),
						   key);
					bad = true;
				}
				row_set(row, knodes[k], v);
			}
			const struct ynode *nm = ymap_get(row, "name");
			if (nm && is_total(nm->str)) {
				diag_error(d, at, "this row is a total ('%s'), not an awardee: delete "
					   "the row from the list", diag_quote(d, nm->str));
				bad = true;
			}
			if (!bad)
				add_awardee(c, row, row, reason_key, at, d);
		}
		if (!t.rows.n)
			diag_error(d, (struct pos){src, 0, 0}, "the list has no awardees");
		csv_free(&t);
		return;
	}
	if (!list) {
		diag_error(d, root->pos, "missing 'awardees' (the list of {name, unit, ...}) or "
			   "'awardees_file'");
		return;
	}
	if (list->kind != Y_SEQ || !list->n) {
		diag_error(d, list->pos,
			   "'awardees' must be a list of {name, unit, ...} (or give awardees_file)");
		return;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *it = list->items[i];
		if (it->kind != Y_MAP) {
			diag_error(d, it->pos, "an awardee must be a mapping {name, unit, reason, ...}");
			continue;
		}
		add_awardee(c, it, NULL, NULL, it->pos, d);
	}
}

struct cert *cert_load(const struct doc *doc, const char *datadir, const char *basedir,
		       struct srcset *files, struct arena *ar, struct diag *d)
{
	struct cert *c = xcalloc(1, sizeof *c);
	c->doc = doc;
	c->ar = ar;
	int before = d->errors;
	const struct ynode *root = doc->root;
	flag(ymap_get(root, "blank_form"), &c->blank, d, "blank_form");
	paper(c, ymap_get(root, "paper"), d);
	const struct ynode *dec = ymap_get(root, "decision");
	if (dec) {
		static const char *const dk[] = {"number", "code", "date"};
		if (dec->kind != Y_MAP)
			diag_error(d, dec->pos, "'decision' must be {number, code, date}");
		else
			ymap_check_keys(dec, "decision.", dk, 3, d);
		const struct ynode *v = dec->kind == Y_MAP ? ymap_get(dec, "number") : NULL;
		if (v && !decision_number_ok(v))
			diag_error(d, v->pos, "'decision.number' must be a whole number from 1 to "
				   "999999, got %s%s%s", v->kind == Y_SCALAR ? "\"" : "",
				   v->kind == Y_SCALAR ? diag_quote(d, v->str) : ykind_name(v),
				   v->kind == Y_SCALAR ? "\"" : "");
		v = dec->kind == Y_MAP ? ymap_get(dec, "date") : NULL;
		int yy, mm, dd;
		if (v && (v->kind != Y_SCALAR || !vn_parse_date(v->str, &yy, &mm, &dd)))
			diag_error(d, v->pos, "'decision.date' must be a date (YYYY-MM-DD), got %s%s%s",
				   v->kind == Y_SCALAR ? "\"" : "",
				   v->kind == Y_SCALAR ? diag_quote(d, v->str) : ykind_name(v),
				   v->kind == Y_SCALAR ? "\"" : "");
		v = dec->kind == Y_MAP ? ymap_get(dec, "code") : NULL;
		if (v && (v->kind != Y_SCALAR || all_blank(v->str, v->len)))
			diag_error(d, v->pos, "'decision.code' must be text, as QĐ-CĐVC");
	}
	const struct ynode *lay = ymap_get(root, "layout");
	char *path;
	if (lay && lay->kind == Y_SCALAR) {
		path = path_join(basedir, lay->str);
		if (!srcset_allowed(files, path, lay->str, lay->pos, d)) {
			free(path);
			path = NULL; /* as a layout that cannot be read */
		}
	} else {
		char file[128];
		snprintf(file, sizeof file, "%s.yaml", doc->dt->key);
		path = datadir_path(datadir, "templates/certificates", file);
	}
	if (path)
		load_layout(c, path, lay ? lay->pos : doc->type.pos, files, d);
	free(path);
	for (size_t k = 0; k < c->el.n; k++)
		c->prints_reason |= reason_required(c->el.v[k].text);
	/* A layout that prints the decision needs one: say so once, not for
	 * every awardee. */
	bool uses = false, rows = false;
	for (size_t k = 0; k < c->el.n; k++)
		uses |= c->el.v[k].text && strstr(c->el.v[k].text, "decision.") != NULL;
	if (uses && !dec && d->errors == before) {
		load_awardees(c, basedir, files, d);
		for (size_t i = 0; i < c->aw.n && !rows; i++)
			rows = ymap_get(c->aw.v[i].row, "decision_number") != NULL;
		if (!rows && d->errors == before)
			diag_error(d, root->pos, "missing 'decision' {number, code, date}: the layout "
				   "prints the decision that awards the certificates");
	} else {
		load_awardees(c, basedir, files, d);
	}
	/* A certificate without its reason is no certificate. */
	size_t missing = 0;
	for (size_t i = 0; c->prints_reason && i < c->aw.n; i++) {
		const struct ynode *r = ymap_get(c->aw.v[i].row, "reason");
		c->aw.v[i].no_reason = !r || r->kind != Y_SCALAR || all_blank(r->str, r->len);
		missing += c->aw.v[i].no_reason;
	}
	const struct ynode *rr = ymap_get(root, "reason");
	if (missing && missing == c->aw.n && (!rr || rr->kind != Y_SCALAR || all_blank(rr->str, rr->len)))
		diag_error(d, root->pos, "missing 'reason' (the achievement the certificates "
			   "are for): give it once for the batch, or in every row");
	else
		for (size_t i = 0; missing && i < c->aw.n; i++)
			if (c->aw.v[i].no_reason) {
				const struct ynode *r = ymap_get(c->aw.v[i].row, "reason");
				diag_error(d, r ? r->pos : c->aw.v[i].pos, "no 'reason' for '%s': "
					   "give the reason once for the batch, or in the row",
					   diag_quote(d, c->aw.v[i].name));
			}
	if (d->errors == before) {
		/* the lexicon of the breaker, for names and reasons that wrap */
		char *ph = datadir_path(datadir, "templates", "phrases.txt");
		c->phrases = phrases_load(ph, root->pos, datadir, files, d);
		free(ph);
	}
	if (d->errors != before) {
		cert_free(c);
		return NULL;
	}
	return c;
}

size_t cert_count(const struct cert *c)
{
	return c->aw.n;
}

struct pos cert_pos(const struct cert *c, size_t i)
{
	return c->aw.v[i].pos;
}

const char *cert_awardee(const struct cert *c, size_t i)
{
	return c->aw.v[i].name;
}

static void plain(struct buf *out, const char *s, size_t n, void *user)
{
	(void)user;
	buf_add(out, s, n);
}

char *cert_render(const char *tmpl, const struct ynode *data, struct mu_errors *errs)
{
	struct mu_opts o = {0};
	o.escape = plain;
	o.scalar_field = template_field;
	o.scalar_text = template_text;
	o.strict = true;
	return mustache_render(tmpl, strlen(tmpl), data, &o, NULL, errs);
}

char *cert_file_name(const struct cert *c, size_t i, const char *pattern, struct diag *d)
{
	const struct awardee *a = &c->aw.v[i];
	/* {{seq}}: zero-padded to the width of the count; {{name}}: ASCII. */
	char seq[32];
	int width = snprintf(NULL, 0, "%zu", c->aw.n);
	snprintf(seq, sizeof seq, "%0*zu", width < 3 ? 3 : width, i + 1);
	char *folded = text_fold_ascii(a->name);
	struct buf nm = {0};
	for (const char *p = folded; *p; p++) {
		char ch = *p;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
			buf_putc(&nm, ch);
		else if (nm.len && nm.data[nm.len - 1] != '-')
			buf_putc(&nm, '-');
	}
	while (nm.len && nm.data[nm.len - 1] == '-')
		nm.data[--nm.len] = 0;
	free(folded);
	struct arena scratch = {0};
	struct ynode *data = cert_data(c, i, &scratch);
	map_set(&scratch, data, "seq", scalar(&scratch, seq, a->pos));
	map_set(&scratch, data, "name", scalar(&scratch, nm.data ? nm.data : "", a->pos));
	buf_free(&nm);
	struct mu_errors errs = {0};
	char *s = cert_render(pattern, data, &errs);
	for (size_t k = 0; k < errs.n; k++)
		diag_error(d, a->pos, "--pattern: %s", errs.v[k].msg);
	mu_errors_free(&errs);
	arena_free(&scratch);
	if (!s)
		return NULL;
	/* No directories, no hidden files. */
	for (char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '-';
	if (s[0] == '.')
		s[0] = '_';
	return s;
}

void cert_free(struct cert *c)
{
	if (!c)
		return;
	vec_free(&c->el);
	vec_free(&c->aw);
	phrases_free(c->phrases);
	free(c);
}

