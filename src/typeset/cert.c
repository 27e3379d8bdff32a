/* cert.c - award certificates: layout files, awardee lists, fitting.
 *
 * A layout file (templates/certificates/<type>.yaml) lists the elements of
 * the certificate with their place, size and text (a Mustache template).
 * The awardees come from the document (awardees:) or a CSV file
 * (awardees_file:); a row's own reason, date and decision replace the
 * shared ones. Long names and units shrink to fit their line, down to the
 * element's min_size, then wrap into at most `lines` lines; beyond that the
 * row is reported, before anything is written. */
#include "typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct element {
	const char *id, *text;
	struct pos pos;          /* in the layout file */
	double x, y;             /* mm; x < 0: the sheet's centre */
	double size, min_size;   /* pt */
	double max_width;        /* mm; 0: no limit */
	int lines;
	bool bold, italic, caps, rule, variable;
	bool centred;            /* no x given: on the sheet's centre line, in the flow */
	bool blank;              /* printed on pre-printed blanks too */
	uint32_t color;
};

struct awardee {
	const struct ynode *row; /* the awardee's fields */
	const char *name;
	struct pos pos;          /* the row, for messages */
	bool no_reason;
};

/* What an element's text became for one awardee, fitted. */
struct fitted {
	size_t n;
	const char **lines;
	double *widths;
	double size;
	double y;      /* baseline of the first line, pt (after pushing down) */
};

struct cert {
	const struct doc *doc;
	const struct style *st;
	struct arena *ar;
	const char *title;
	double page_w, page_h;   /* pt */
	double scale, ox, oy;    /* design mm -> page pt */
	bool blank;
	double off_x, off_y;     /* blank-form calibration, mm */
	uint32_t border_color;
	double outer_inset, outer_w, inner_inset, inner_w, ornament;
	VEC(struct element) el;
	VEC(struct awardee) aw;
	const struct source *layout_src;
	bool prints_reason;      /* an element shows {{awardee.reason}} */
};


static bool color(const struct ynode *v, uint32_t *out)
{
	if (!v || v->kind != Y_SCALAR || v->len != 7 || v->str[0] != '#' ||
	    strspn(v->str + 1, "0123456789abcdefABCDEF") != 6)
		return false;
	*out = (uint32_t)strtoul(v->str + 1, NULL, 16);
	return true;
}

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
	struct element el = {0};
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
	if ((v = ymap_get(e, "color")) && !color(v, &el.color))
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
	c->layout_src = src;
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
		if ((v = ymap_get(b, "color")) && !color(v, &c->border_color))
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
			struct element *e = NULL;
			for (size_t j = 0; j < c->el.n; j++)
				if (c->el.v[j].id && !strcmp(c->el.v[j].id, k->str))
					e = &c->el.v[j];
			double x, y;
			if (!e)
				diag_error(d, k->pos, "no element '%s' to move", k->str);
			else if (!p || p->kind != Y_SEQ || p->n != 2 || !ynode_number(p->items[0], &x) ||
				 !ynode_number(p->items[1], &y))
				diag_error(d, k->pos, "'%s' must be [x, y] in mm", k->str);
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

static void map_set(struct arena *ar, struct ynode *map, const char *key, struct ynode *val)
{
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->pairs[i].key->str, key)) {
			map->pairs[i].val = val;
			return;
		}
	struct ypair *np = arena_alloc(ar, (map->n + 1) * sizeof *np);
	if (map->n)
		memcpy(np, map->pairs, map->n * sizeof *np);
	np[map->n].key = scalar(ar, key, val ? val->pos : pos_none());
	np[map->n].val = val;
	map->pairs = np;
	map->n++;
}

static struct ynode *new_map(struct arena *ar, struct pos p)
{
	struct ynode *m = arena_alloc(ar, sizeof *m);
	m->kind = Y_MAP;
	m->pos = m->end = p;
	return m;
}

/* Column names of a list as people write them in a spreadsheet. */
static const char *canonical(const char *h)
{
	static const struct { const char *alias, *key; } names[] = {
		{"Họ và tên", "name"}, {"Họ tên", "name"}, {"Tên", "name"},
		{"Tên tập thể", "name"}, {"Đơn vị", "unit"}, {"Thành tích", "reason"},
		{"Lý do", "reason"}, {"Số sổ", "book_number"}, {"Số vào sổ", "book_number"}};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(h, names[i].alias))
			return names[i].key;
	return h;
}

/* The data a certificate's texts see: the document's fields, the title,
 * the row as `awardee`, and the row's own date and decision in place of
 * the shared ones. Built when needed, in ar, so that a batch keeps only
 * its rows. */
static struct ynode *awardee_data(struct cert *c, const struct awardee *a, struct arena *ar)
{
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
		map_set(ar, ns, "for", (struct ynode *)ti);
		map_set(ar, ns, "title", scalar(ar, "", ti->pos));
		map_set(ar, data, "signature", ns);
	}
	const struct ynode *dt = ymap_get(row, "date");
	if (dt && dt->kind == Y_SCALAR && dt->len)
		map_set(ar, data, "date", (struct ynode *)dt);
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
			map_set(ar, ndec, dk[i], (struct ynode *)o);
	}
	map_set(ar, data, "decision", ndec);
	map_set(ar, data, "awardee", (struct ynode *)row);
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
static void add_awardee(struct cert *c, struct ynode *row, struct pos pos, struct diag *d)
{
	const struct ynode *nm = ymap_get(row, "name");
	if (!nm || nm->kind != Y_SCALAR || all_blank(nm->str, nm->len)) {
		diag_error(d, nm && nm->kind == Y_SCALAR ? nm->pos : pos,
			   "an awardee needs a 'name'");
		return;
	}
	const struct ynode *root = c->doc->root;
	const struct ynode *r = ymap_get(row, "reason");
	if (!r || (r->kind == Y_SCALAR && !r->len))
		map_set(c->ar, row, "reason", (struct ynode *)ymap_get(root, "reason"));
	const struct ynode *dt = ymap_get(row, "date");
	int yy, mm, dd;
	if (dt && dt->kind == Y_SCALAR && dt->len && !vn_parse_date(dt->str, &yy, &mm, &dd))
		diag_error(d, dt->pos, "'date' must be a date (YYYY-MM-DD), got \"%s\"", dt->str);
	const struct ynode *o = ymap_get(row, "decision_date");
	if (o && o->kind == Y_SCALAR && o->len && !vn_parse_date(o->str, &yy, &mm, &dd))
		diag_error(d, o->pos, "'decision_date' must be a date (YYYY-MM-DD), got \"%s\"",
			   o->str);
	o = ymap_get(row, "decision_number");
	if (o && o->kind == Y_SCALAR && o->len && !decision_number_ok(o))
		diag_error(d, o->pos, "'decision_number' must be a whole number from 1 to 999999, "
			   "got \"%s\"", o->str);

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
		struct source *src = srcset_load(files, p, p, file->pos, d);
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
		bool has_name = false;
		for (size_t k = 0; k < t.ncols; k++)
			has_name |= !strcmp(canonical(t.head[k].s), "name");
		if (!has_name) {
			diag_error(d, (struct pos){src, t.head[0].pos.line, 0},
				   "the header has no 'name' column (or 'Họ và tên')");
			csv_free(&t);
			return;
		}
		for (size_t r = 0; r < t.rows.n; r++) {
			struct ynode *row = new_map(c->ar, (struct pos){src, t.rows.v[r].line, 0});
			for (size_t k = 0; k < t.ncols; k++) {
				struct ynode *v = scalar(c->ar, t.rows.v[r].f[k].s, t.rows.v[r].f[k].pos);
				const char *key = canonical(t.head[k].s);
				const struct ynode *had = ymap_get(row, key);
				/* Two columns for one field ("Họ và tên", "Tên tập
				 * thể"): the one filled in wins. */
				if (had && had->len && !v->len)
					continue;
				map_set(c->ar, row, key, v);
			}
			add_awardee(c, row, (struct pos){src, t.rows.v[r].line, 0}, d);
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
		struct ynode *it = list->items[i];
		if (it->kind != Y_MAP) {
			diag_error(d, it->pos, "an awardee must be a mapping {name, unit, reason, ...}");
			continue;
		}
		add_awardee(c, it, it->pos, d);
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
				   v->kind == Y_SCALAR ? v->str : ykind_name(v),
				   v->kind == Y_SCALAR ? "\"" : "");
		v = dec->kind == Y_MAP ? ymap_get(dec, "date") : NULL;
		int yy, mm, dd;
		if (v && (v->kind != Y_SCALAR || !vn_parse_date(v->str, &yy, &mm, &dd)))
			diag_error(d, v->pos, "'decision.date' must be a date (YYYY-MM-DD), got %s%s%s",
				   v->kind == Y_SCALAR ? "\"" : "",
				   v->kind == Y_SCALAR ? v->str : ykind_name(v),
				   v->kind == Y_SCALAR ? "\"" : "");
		v = dec->kind == Y_MAP ? ymap_get(dec, "code") : NULL;
		if (v && (v->kind != Y_SCALAR || all_blank(v->str, v->len)))
			diag_error(d, v->pos, "'decision.code' must be text, as QĐ-CĐVC");
	}
	const struct ynode *lay = ymap_get(root, "layout");
	char *path;
	if (lay && lay->kind == Y_SCALAR) {
		path = path_join(basedir, lay->str);
	} else {
		char file[128];
		snprintf(file, sizeof file, "%s.yaml", doc->dt->key);
		path = datadir_path(datadir, "templates/certificates", file);
	}
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
					   c->aw.v[i].name);
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

static double X(const struct cert *c, double mm)
{
	return MM(c->ox + mm * c->scale + (c->blank ? c->off_x : 0));
}

static double Y(const struct cert *c, double mm)
{
	return MM(c->oy + mm * c->scale + (c->blank ? c->off_y : 0));
}

/* ---- Fitting ------------------------------------------------------------ */

static void plain(struct buf *out, const char *s, size_t n, void *user)
{
	(void)user;
	buf_add(out, s, n);
}

/* Texts on a certificate: plain text, the templates' date and number
 * fields, every field required. */
static struct mu_opts cert_opts(void)
{
	struct mu_opts o = {0};
	o.escape = plain;
	o.scalar_field = template_field;
	o.scalar_text = template_text;
	o.strict = true;
	return o;
}

static char *expand(struct cert *c, const struct element *e, const struct awardee *a,
		    const struct ynode *data, struct diag *d)
{
	struct mu_opts o = cert_opts();
	struct mu_errors errs = {0};
	size_t len;
	char *s = mustache_render(e->text, strlen(e->text), data, &o, &len, &errs);
	for (size_t i = 0; i < errs.n && d; i++) {
		diag_error(d, a->pos, "%s (element '%s')", errs.v[i].msg, e->id ? e->id : "?");
		diag_add(d, SEV_NOTE, e->pos, "the element is here");
	}
	mu_errors_free(&errs);
	if (s && e->caps) {
		char *u = text_upper(s);
		free(s);
		s = u;
	}
	/* A value's line breaks are spaces on a certificate. */
	for (char *p = s; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

static int face(const struct element *e)
{
	return (e->bold ? F_BOLD : 0) | (e->italic ? F_ITALIC : 0);
}

/* The width a text without max_width may take, centred at its x: inside
 * the inner frame (3 mm clear of it), or 10 mm clear of the sheet's
 * edges on a blank. */
static double room_at(const struct cert *c, const struct element *e)
{
	double edge = c->blank || !c->inner_w ? MM(10) : MM((c->inner_inset + 3) * c->scale);
	double cx = X(c, e->x);
	return fmax(2 * fmin(cx - edge, c->page_w - edge - cx), MM(20));
}

/* Shrinks to one line if that stays above min_size, else wraps at the
 * largest size (in half points) that needs no more than `lines`. A text
 * without max_width keeps to one line, inside the frame: smaller, down to
 * three quarters of its size. */
static bool fit(struct cert *c, const struct metrics *m, const struct element *e,
		const char *text, struct fitted *out, struct arena *ar)
{
	double size = e->size * c->scale;
	double maxw = e->max_width ? MM(e->max_width * c->scale) : room_at(c, e);
	double minsz = e->max_width ? e->min_size * c->scale : size * 0.75;
	double w = text_width(m, face(e), size, text, strlen(text));
	if (w <= maxw) {
		out->n = layout_wrap(m, ar, text, face(e), size, 1e9, false, &out->lines,
				     &out->widths);
		out->size = size;
		return true;
	}
	if (!e->max_width) {
		double s1 = floor(size * maxw / w * 2) / 2;
		if (s1 < minsz - 1e-9)
			return false;
		out->n = layout_wrap(m, ar, text, face(e), s1, 1e9, false, &out->lines,
				     &out->widths);
		out->size = s1;
		return true;
	}
	double s1 = floor(size * maxw / w * 2) / 2;
	if (s1 >= minsz) {
		out->n = layout_wrap(m, ar, text, face(e), s1, 1e9, false, &out->lines,
				     &out->widths);
		out->size = s1;
		return true;
	}
	for (double s = floor(size * 2) / 2; s >= minsz - 1e-9; s -= 0.5) {
		size_t n = layout_wrap(m, ar, text, face(e), s, maxw, true, &out->lines,
				       &out->widths);
		bool ok = n <= (size_t)e->lines;
		for (size_t i = 0; i < n; i++)
			ok &= out->widths[i] <= maxw + 0.01;
		if (ok) {
			out->n = n;
			out->size = s;
			return true;
		}
	}
	return false;
}

/* Where the document writes what a shared element prints: the field of
 * its first {{name}} ("{{signature.title}}": the title's line), when the
 * element shows nothing of the awardee's; else the awardee's row. */
static struct pos element_pos(const struct cert *c, const struct element *e,
			      const struct awardee *a)
{
	const char *t = e->text;
	struct pos row = a->pos;
	/* the document's reason, copied into the row: where it is written */
	const struct ynode *rr = ymap_get(c->doc->root, "reason");
	if (t && strstr(t, "awardee.reason") && rr && ymap_get(a->row, "reason") == rr &&
	    !strstr(t, "{{#awardee}}"))
		return rr->pos;
	if (!t || strstr(t, "awardee") || strstr(t, "{{date") || strstr(t, "{{decision"))
		return row;
	const char *o = strstr(t, "{{");
	if (!o)
		return row;
	o += 2;
	while (*o == '#' || *o == '^' || *o == '&' || *o == '{' || *o == ' ')
		o++;
	size_t n = strcspn(o, "} ");
	char path[128];
	if (!n || n >= sizeof path)
		return row;
	memcpy(path, o, n);
	path[n] = 0;
	const struct ynode *v = c->doc->root;
	for (char *part = strtok(path, "."); part && v; part = strtok(NULL, "."))
		v = v->kind == Y_MAP ? ymap_get(v, part) : NULL;
	return v && v->kind == Y_SCALAR ? v->pos : row;
}

/* Expands, checks and fits every text of certificate i into f[0..ne),
 * lines allocated in ar; places the centred texts one under another.
 * Reports problems to d when given. */
static bool fit_awardee(struct cert *c, const struct metrics *m, size_t i, struct fitted *f,
			struct arena *ar, struct diag *d)
{
	size_t ne = c->el.n;
	bool ok = true;
	memset(f, 0, ne * sizeof *f);
	const struct ynode *data = awardee_data(c, &c->aw.v[i], ar);
	for (size_t k = 0; k < ne; k++) {
		const struct element *e = &c->el.v[k];
		char *s = expand(c, e, &c->aw.v[i], data, d);
		if (!s) {
			ok = false;
			continue;
		}
		/* The fonts must have every character of the text. */
		for (const char *p = s; *p;) {
			int32_t cp = utf8_next(&p);
			if (draw_fault(cp, m, face(e)) != DRAW_OK) {
				char name[32];
				text_cp_name(cp, name, sizeof name);
				if (d)
					diag_error(d, c->aw.v[i].pos, "character %s (element '%s') is "
						   "not in the font", name, e->id);
				ok = false;
				break;
			}
		}
		if (!fit(c, m, e, s, &f[k], ar)) {
			struct pos at = element_pos(c, e, &c->aw.v[i]);
			if (d && e->max_width)
				diag_error(d, at, "'%s' does not fit its place (element "
					   "'%s': %g mm wide, at most %d line%s, down to %g pt)", s, e->id,
					   e->max_width, e->lines, e->lines > 1 ? "s" : "", e->min_size);
			else if (d)
				diag_error(d, at, "'%s' is wider than the sheet allows "
					   "(element '%s': %.0f mm inside the frame, down to %g pt); "
					   "shorten it, or give the element a max_width and lines",
					   s, e->id, room_at(c, e) / MM(1), e->size * 0.75);
			ok = false;
		}
		free(s);
	}
	if (!ok)
		return false;
	/* Centred texts follow each other down the sheet: one that took more
	 * lines pushes the next ones down, which must stay clear of the
	 * corner blocks (decision, date, signature). */
	double corner_top = c->page_h;
	for (size_t k = 0; k < ne; k++)
		if (!c->el.v[k].centred)
			corner_top = fmin(corner_top, Y(c, c->el.v[k].y) - c->el.v[k].size * c->scale);
	double bottom = 0; /* of the previous centred text */
	double lift = 0;   /* the places of empty centred texts, taken up */
	for (size_t k = 0; k < ne; k++) {
		const struct element *e = &c->el.v[k];
		f[k].y = Y(c, e->y);
		if (!e->centred)
			continue;
		f[k].y -= lift;
		if (!f[k].n || !f[k].lines[0][0]) {
			/* An empty line (no unit) gives its place to the next
			 * centred text, so no gap opens in the middle; not on a
			 * pre-printed blank, whose places are printed on it. */
			for (size_t j = k + 1; j < ne && !c->blank; j++)
				if (c->el.v[j].centred) {
					lift += Y(c, c->el.v[j].y) - Y(c, e->y);
					break;
				}
			continue;
		}
		/* a text moved up into an empty place keeps more room */
		double clear = f[k].size * (lift > 0 ? 0.9 : 0.2);
		double top = f[k].y - f[k].size * 0.75;
		if (top < bottom + clear)
			f[k].y += bottom + clear - top;
		bottom = f[k].y + (double)(f[k].n - 1) * f[k].size * 1.2 + f[k].size * 0.25;
		if (bottom > corner_top) {
			if (d)
				diag_error(d, c->aw.v[i].pos, "the texts run into the signature and "
					   "decision blocks (element '%s'); shorten them, or give the "
					   "layout more room", e->id);
			return false;
		}
	}
	return true;
}

/* Every certificate is fitted once here, in a scratch arena, so that the
 * batch is known good before anything is written; cert_page fits its own
 * again. Memory does not grow with the batch. */
/* Whether an element prints the row's field key ("{{awardee.unit}}"); the
 * row's date and decision replace the document's. */
static bool field_printed(const struct cert *c, const char *key)
{
	if (!strcmp(key, "date") || !strncmp(key, "decision_", 9))
		return true;
	for (size_t k = 0; k < c->el.n; k++)
		if (c->el.v[k].text && (strstr(c->el.v[k].text, "{{#awardee}}") ||
					(!strcmp(key, "reason") && strstr(c->el.v[k].text, "{{reason}}"))))
			return true;
	char ref[96];
	snprintf(ref, sizeof ref, "awardee.%s", key);
	size_t n = strlen(ref);
	for (size_t k = 0; k < c->el.n; k++)
		for (const char *t = c->el.v[k].text; t && (t = strstr(t, ref)); t += n)
			if (!isalnum((unsigned char)t[n]) && t[n] != '_')
				return true;
	return false;
}

/* Where character `col` (0-based, of the value as read) of a field is in
 * its source: past an opening quote, the spaces trimmed before the value,
 * and a doubled quote counted once. */
static struct pos field_char_pos(const struct ynode *v, int col)
{
	struct pos at = v->pos;
	if (!at.src || at.line < 1 || at.col < 1)
		return at;
	const char *t = at.src->text, *e = t + at.src->len;
	const char *p = t + source_offset(at.src, at.line, at.col);
	bool quoted = p < e && *p == '"' && v->style == YS_PLAIN;
	if (v->style != YS_PLAIN)
		return at; /* a quoted YAML value: its start */
	if (quoted)
		p++;
	while (p < e && (*p == ' ' || *p == '\r'))
		p++;
	for (int k = 0; k < col && p < e; k++) {
		if (quoted && p + 1 < e && p[0] == '"' && p[1] == '"')
			p += 2;
		else
			utf8_next(&p);
		while (p < e && *p == '\r')
			p++;
	}
	return source_pos(at.src, (size_t)(p - t));
}

/* The printed fields of the rows, each character where it is written: a
 * tab, a control character, one a face lacks. A line break prints as a
 * space. At most MAX_TEXT_ERRORS errors. */
static void check_fields(const struct cert *c, const struct metrics *m, struct diag *d)
{
	int count = 0;
	for (size_t i = 0; i < c->aw.n && count < MAX_TEXT_ERRORS; i++) {
		const struct ynode *row = c->aw.v[i].row;
		for (size_t k = 0; row->kind == Y_MAP && k < row->n && count < MAX_TEXT_ERRORS; k++) {
			const struct ynode *v = row->pairs[k].val;
			if (!v || v->kind != Y_SCALAR || !v->str ||
			    !field_printed(c, row->pairs[k].key->str))
				continue;
			/* the document's own reason, copied into every row, is
			 * checked once, with the first */
			if (i > 0 && !strcmp(row->pairs[k].key->str, "reason") &&
			    v == ymap_get(c->doc->root, "reason"))
				continue;
			int col = 0;
			for (const char *p = v->str; *p; col++) {
				int32_t cp = utf8_next(&p);
				if (cp == '\n')
					continue;
				int fault = draw_fault(cp, m, DRAW_ANY_FACE);
				if (fault == DRAW_OK)
					continue;
				char name[32];
				text_cp_name(cp, name, sizeof name);
				const char *what = fault == DRAW_TAB ? "a tab character; use spaces"
						   : fault == DRAW_CONTROL ? "a control character"
						   : "not in the font";
				diag_error(d, field_char_pos(v, col), "'%s' of '%s': character %s is %s",
					   row->pairs[k].key->str, c->aw.v[i].name, name, what);
				if (++count >= MAX_TEXT_ERRORS)
					break;
			}
		}
	}
}

bool cert_check(struct cert *c, const struct metrics *m, struct diag *d)
{
	int before = d->errors;
	check_fields(c, m, d);
	if (d->errors != before)
		return false;
	size_t first = d->list.n;
	struct fitted *f = xcalloc(c->el.n + 1, sizeof *f);
	for (size_t i = 0; i < c->aw.n; i++) {
		struct arena scratch = {0};
		fit_awardee(c, m, i, f, &scratch, d);
		arena_free(&scratch);
	}
	free(f);
	/* A text every certificate shares (the issuer, the signer) fails on
	 * every one of them: said once. */
	diag_fold_repeats(d, first, "awardees");
	return d->errors == before;
}

/* ---- Drawing ------------------------------------------------------------ */

static void item(struct page *pg, struct fitem it)
{
	vec_push(&pg->items, it);
}

static void rect(struct page *pg, double x0, double y0, double x1, double y1, double w,
		 uint32_t col)
{
	item(pg, (struct fitem){FI_RECT, x0, y0, x1, y1, w, 0, 0, NULL, col});
}

static void line(struct page *pg, double x0, double y0, double x1, double y1, double w,
		 uint32_t col)
{
	item(pg, (struct fitem){FI_RULE, x0, y0, x1, y1, w, 0, 0, NULL, col});
}

/* A double frame with a diamond in each corner, as vectors. */
static void border(struct cert *c, struct page *pg)
{
	if (!c->outer_w)
		return;
	double W = c->page_w, H = c->page_h;
	double o = MM(c->outer_inset * c->scale), i = MM(c->inner_inset * c->scale);
	uint32_t col = c->border_color;
	rect(pg, o, o, W - o, H - o, c->outer_w * c->scale, col);
	rect(pg, i, i, W - i, H - i, c->inner_w * c->scale, col);
	/* The diamonds sit on the inner frame's corners and reach at most to
	 * the outer frame. */
	double r = fmin(MM(c->ornament * c->scale) / 2, i - o);
	if (r <= 0)
		return;
	double cx[] = {i, W - i, i, W - i}, cy[] = {i, i, H - i, H - i};
	for (int k = 0; k < 4; k++) {
		double x = cx[k], y = cy[k], w = c->inner_w * c->scale;
		line(pg, x - r, y, x, y - r, w, col);
		line(pg, x, y - r, x + r, y, w, col);
		line(pg, x + r, y, x, y + r, w, col);
		line(pg, x, y + r, x - r, y, w, col);
	}
}

void cert_page(struct cert *c, size_t i, const struct metrics *m, struct layout *lo)
{
	lo->page_w = c->page_w;
	lo->page_h = c->page_h;
	struct page pg = {0};
	if (!c->blank)
		border(c, &pg);
	size_t ne = c->el.n;
	struct fitted *fits = xcalloc(ne + 1, sizeof *fits);
	fit_awardee(c, m, i, fits, &lo->arena, NULL);
	for (size_t k = 0; k < ne; k++) {
		const struct element *e = &c->el.v[k];
		const struct fitted *f = &fits[k];
		if (c->blank && !e->blank)
			continue;
		double cx = X(c, e->x);
		double y = f->y;
		double maxw = 0;
		for (size_t l = 0; l < f->n; l++) {
			if (!f->lines[l][0])
				continue;
			struct fitem t = {0};
			t.kind = FI_TEXT;
			t.x = cx - f->widths[l] / 2;
			t.y = y + (double)l * f->size * 1.2;
			t.face = face(e);
			t.size = f->size;
			t.text = f->lines[l];
			t.color = e->color;
			item(&pg, t);
			maxw = fmax(maxw, f->widths[l]);
		}
		if (e->rule && maxw > 0)
			line(&pg, cx - maxw / 2, y + f->size * 0.4, cx + maxw / 2, y + f->size * 0.4,
			     0.6, 0);
	}
	free(fits);
	vec_push(&lo->pages, pg);
}

void cert_calibration(struct cert *c, const struct metrics *m, struct layout *lo)
{
	(void)m;
	lo->page_w = c->page_w;
	lo->page_h = c->page_h;
	struct page pg = {0};
	/* A grid every 10 mm (5 mm lighter), numbered every 10 mm. */
	for (int x = 0; MM(x) <= c->page_w; x += 5)
		line(&pg, MM(x), 0, MM(x), c->page_h, x % 10 ? 0.1 : 0.3, 0x999999);
	for (int y = 0; MM(y) <= c->page_h; y += 5)
		line(&pg, 0, MM(y), c->page_w, MM(y), y % 10 ? 0.1 : 0.3, 0x999999);
	for (int x = 10; MM(x) < c->page_w; x += 10) {
		char n[16];
		snprintf(n, sizeof n, "%d", x);
		item(&pg, (struct fitem){FI_TEXT, MM(x) + 1, MM(4), 0, 0, 0, F_REGULAR, 6,
					 arena_strdup(&lo->arena, n), 0x666666});
	}
	for (int y = 10; MM(y) < c->page_h; y += 10) {
		char n[16];
		snprintf(n, sizeof n, "%d", y);
		item(&pg, (struct fitem){FI_TEXT, MM(1), MM(y) - 1, 0, 0, 0, F_REGULAR, 6,
					 arena_strdup(&lo->arena, n), 0x666666});
	}
	/* Each element's box: its width, one line of its size above the baseline. */
	for (size_t k = 0; k < c->el.n; k++) {
		const struct element *e = &c->el.v[k];
		double w = e->max_width ? MM(e->max_width * c->scale) : MM(60 * c->scale);
		double cx = X(c, e->x), y = Y(c, e->y);
		double h = e->size * c->scale * (1.0 + 1.2 * (e->lines - 1));
		rect(&pg, cx - w / 2, y - e->size * c->scale, cx + w / 2,
		     y - e->size * c->scale + h + 3, 0.5, 0xC00000);
		char label[96];
		snprintf(label, sizeof label, "%s (%g, %g)", e->id ? e->id : "?",
			 e->x, e->y);
		item(&pg, (struct fitem){FI_TEXT, cx - w / 2 + 1, y - e->size * c->scale - 1, 0, 0, 0,
					 F_REGULAR, 6, arena_strdup(&lo->arena, label), 0xC00000});
	}
	vec_push(&lo->pages, pg);
}

char *cert_file_name(struct cert *c, size_t i, const char *pattern, struct diag *d)
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
	struct ynode *data = awardee_data(c, a, &scratch);
	map_set(&scratch, data, "seq", scalar(&scratch, seq, a->pos));
	map_set(&scratch, data, "name", scalar(&scratch, nm.data ? nm.data : "", a->pos));
	buf_free(&nm);
	struct mu_opts o = cert_opts();
	struct mu_errors errs = {0};
	char *s = mustache_render(pattern, strlen(pattern), data, &o, NULL, &errs);
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
	free(c);
}
