/* layout.c - composes the regulated parts of a document and flows the body
 * onto pages.
 *
 * Everything is built as a vertical list of "flow lines": a body line, a
 * heading line, or a whole unbreakable block (the page-1 header with the
 * title, the closing with Nơi nhận and the signature). Each carries its
 * pitch from the previous baseline, the space above it, and whether a page
 * may break before it. Pagination then fills pages greedily, breaking at
 * the last legal place: never inside a paragraph so as to leave one line
 * alone (widows and orphans), never after a heading, and never between the
 * closing block and the two body lines before it (NĐ 30/2020 Phụ lục I:
 * the signature page must carry text of the document). */
#include "layout_int.h"
#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Roman numerals for appendices and headings. */
static void roman(char *out, size_t n, int v)
{
	static const struct { int v; const char *s; } r[] = {
		{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
		{50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}};
	size_t k = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
		while (v >= r[i].v && k + 3 < n) {
			k += (size_t)snprintf(out + k, n - k, "%s", r[i].s);
			v -= r[i].v;
		}
}

/* The issuer as named in a sentence: issuer.in_text, or the name as
 * written, or - when it was written in capitals - in lower case but for its
 * first letter ("BAN THƯỜNG VỤ" -> "Ban thường vụ"; in_text gives the
 * proper capitals). Line breaks of the name become spaces. */
static void issuer_in_text(struct buf *b, const struct doc *doc)
{
	if (doc->issuer_in_text.s) {
		buf_puts(b, doc->issuer_in_text.s);
		return;
	}
	const char *s = doc->issuer.s;
	bool caps = true;
	for (const char *p = s; *p;)
		if (text_is_lower(utf8_next(&p)))
			caps = false;
	char *t = caps ? text_lower(s) : xstrdup(s);
	bool first = true;
	for (const char *p = t; *p;) {
		int32_t cp = utf8_next(&p);
		if (cp == '\n')
			cp = ' ';
		if (first && caps)
			cp = text_upper_cp(cp);
		first = false;
		char enc[8];
		buf_add(b, enc, (size_t)utf8_encode(cp, enc));
	}
	free(t);
}

/* An appendix (Phụ lục, NĐ 30 Phụ lục I §III.1.đ): on a new page, "Phụ
 * lục I" and its title centred, then "(Kèm theo <Thông báo> số ... ngày ...
 * của ...)" in italic, then its body. */
static void compose_appendix(struct lctx *c, size_t i, const struct blocks *body)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	struct fline f = {0};
	double tc = c->text_w / 2, hp = st->header_pitch;
	char label[48] = "Phụ lục";
	if (doc->appendices.n > 1) {
		char r[24];
		roman(r, sizeof r, (int)i + 1);
		snprintf(label, sizeof label, "Phụ lục %s", r);
	}
	double y = 0;
	centred_line(c, &f, label, F_BOLD, st->sz_appendix_label, tc, y);
	y += st->sz_title * hp;
	char *t = text_upper(doc->appendices.v[i].title.s);
	y = centred(c, &f, t, F_BOLD, st->sz_title, tc, c->text_w, y, st->sz_title * hp, NULL);
	free(t);
	/* "(Kèm theo Thông báo số 125/TB-LĐLĐ ngày 07/9/2020 của Ban Thường vụ)" */
	struct buf b = {0};
	buf_puts(&b, "(Kèm theo ");
	const char *tn = doc->title.s ? doc->title.s : doc->dt->name;
	char *lower = text_lower(tn[0] ? tn : "Văn bản");
	const char *p = lower;
	int32_t cp0 = utf8_next(&p);
	char enc[8];
	enc[utf8_encode(text_upper_cp(cp0), enc)] = 0;
	buf_printf(&b, "%s%s số ", enc, p);
	free(lower);
	if (doc->number) {
		char *n = vn_number(doc->number);
		buf_puts(&b, n);
		free(n);
	} else {
		buf_puts(&b, "     ");
	}
	buf_puts(&b, st->number_sep);
	code_text(&b, doc, st);
	char *d = vn_date_words(doc->year, doc->month, doc->day);
	buf_printf(&b, " %s của ", d);
	free(d);
	issuer_in_text(&b, doc);
	buf_putc(&b, ')');
	y += st->sz_title * hp;
	y = centred(c, &f, b.data, F_ITALIC, st->sz_body, tc, c->text_w, y, st->sz_body * hp,
		    NULL);
	buf_free(&b);
	/* The block's baseline is its last line. */
	for (size_t k = 0; k < f.segs.n; k++)
		f.segs.v[k].dy -= y;
	f.above = y + st->sz_appendix_label * INK_ABOVE;
	f.below = st->sz_body * INK_BELOW;
	f.pitch = 0;
	f.para = -1;
	f.keep_with_next = true;
	f.new_page = true;
	f.restart_numbers = st->appendix_restart;
	vec_push(&c->fl, f);
	flow_body(c, body, false);
}

/* ---- Pagination ------------------------------------------------------- */

static bool can_break_before(const struct lctx *c, size_t j)
{
	const struct fline *a = &c->fl.v[j - 1], *b = &c->fl.v[j];
	if (a->keep_with_next)
		return false;
	if (a->para >= 0 && a->para == b->para)
		return b->idx >= 2 && b->nlines - b->idx >= 2;
	return true;
}

/* Draws flow line f at baseline base; the vertical rules of a cut table
 * row reach up by up and down by down (to the rules at a page's cut). */
static void emit_ext(struct lctx *c, struct page *pg, const struct fline *f, double base,
		     double up, double down)
{
	for (size_t k = 0; k < f->segs.n; k++) {
		const struct seg *s = &f->segs.v[k];
		struct fitem it = {0};
		it.x = c->st->margin_left + s->x;
		it.y = base + s->dy;
		it.color = s->color;
		it.x2 = c->st->margin_left + s->x2;
		it.y2 = base + s->dy2;
		if (s->kind == SG_RULE && s->x == s->x2 && f->table) {
			if (s->dy == 0)
				it.y -= up;
			if (s->dy2 == f->below)
				it.y2 += down;
		}
		it.width = c->st->rule_width;
		it.text = s->text;
		switch (s->kind) {
		case SG_TEXT:
			it.kind = FI_TEXT;
			it.face = s->face;
			it.size = s->size;
			break;
		case SG_RULE:
			it.kind = FI_RULE;
			break;
		case SG_RECT:
			it.kind = FI_RECT;
			break;
		case SG_IMAGE:
			it.kind = FI_IMAGE;
			break;
		}
		vec_push(&pg->items, it);
	}
}

static void emit(struct lctx *c, struct page *pg, const struct fline *f, double base)
{
	emit_ext(c, pg, f, base, 0, 0);
}

/* The contact footer of page 1 (ô 13): a full-width rule, then the lines.
 * Returns its height (0 if none); items go on pg when given. */
static double footer(struct lctx *c, struct page *pg)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	if (!doc->contact.n)
		return 0;
	double sz = st->sz_footer, pitch = sz * st->header_pitch;
	double h = 4 + pitch * (double)doc->contact.n;
	if (pg) {
		double y = st->page_h - st->margin_bottom - h;
		struct fitem r = {0};
		r.kind = FI_RULE;
		r.x = st->margin_left;
		r.x2 = st->margin_left + c->text_w;
		r.y = r.y2 = y;
		r.width = st->rule_width;
		vec_push(&pg->items, r);
		for (size_t i = 0; i < doc->contact.n; i++) {
			struct fitem t = {0};
			t.kind = FI_TEXT;
			t.x = st->margin_left;
			t.y = y + 2 + sz * INK_ABOVE + pitch * (double)i;
			t.face = F_REGULAR;
			t.size = sz;
			t.text = doc->contact.v[i].s;
			vec_push(&pg->items, t);
		}
	}
	return h + st->sz_body; /* and a line's room above the rule */
}

/* A full-width rule across the text at y (closing or opening a table row
 * cut by the page's end). */
static void page_rule(struct lctx *c, struct page *pg, double y)
{
	struct fitem r = {0};
	r.kind = FI_RULE;
	r.x = c->st->margin_left;
	r.x2 = c->st->margin_left + c->text_w;
	r.y = r.y2 = y;
	r.width = c->st->rule_width;
	vec_push(&pg->items, r);
}

/* The table a flow line belongs to starts with a header row: find it. */
static size_t table_header_of(const struct lctx *c, size_t i)
{
	int id = c->fl.v[i].table;
	while (i > 0 && !(c->fl.v[i].table == id && c->fl.v[i].table_header))
		i--;
	return i;
}

static void paginate(struct lctx *c)
{
	const struct style *st = c->st;
	double top = st->margin_top, bottom = st->page_h - st->margin_bottom;
	double foot = footer(c, NULL);
	size_t n = c->fl.n, start = 0;
	double *base = xmalloc((n ? n : 1) * sizeof *base);
	VEC(int) numbers = {0};
	int pageno = 0;
	while (start < n) {
		size_t end = n;
		double limit = c->out->pages.n == 0 ? bottom - foot : bottom;
		/* A table continued from the previous page repeats its header row. */
		size_t head = SIZE_MAX;
		double y0 = top;
		const struct fline *sf = &c->fl.v[start];
		if (sf->table && !sf->table_header && start > 0) {
			head = table_header_of(c, start);
			y0 += c->fl.v[head].below;
		}
		if (sf->row_cont)
			y0 += sf->cut_pad;
		for (size_t i = start; i < n; i++) {
			const struct fline *f = &c->fl.v[i];
			if (i > start && f->new_page) {
				end = i;
				break;
			}
			base[i] = i == start ? y0 + f->above
					     : base[i - 1] + f->pitch + f->space_before;
			if (base[i] + f->below + f->cut_pad > limit + 0.01 && i > start) {
				size_t j = i;
				while (j > start && !can_break_before(c, j))
					j--;
				end = j > start ? j : i; /* nothing legal: break anyway */
				break;
			}
		}
		struct page pg = {0};
		if (head != SIZE_MAX)
			emit(c, &pg, &c->fl.v[head], top);
		/* A table row cut by the page: its box closed at the foot of
		 * the page and opened again at the top of the next. */
		bool opens = sf->row_cont && start < end;
		bool closes = end < n && c->fl.v[end].row_cont && end > start;
		if (opens)
			page_rule(c, &pg, base[start] - sf->cut_pad);
		if (closes)
			page_rule(c, &pg, base[end - 1] + c->fl.v[end - 1].below + c->fl.v[end - 1].cut_pad);
		for (size_t i = start; i < end; i++) {
			const struct fline *f = &c->fl.v[i];
			emit_ext(c, &pg, f, base[i], opens && i == start ? f->cut_pad : 0,
				 closes && i + 1 == end ? f->cut_pad : 0);
			/* Placed for good: only a header row is drawn again. */
			if (!c->fl.v[i].table_header)
				vec_free(&c->fl.v[i].segs);
		}
		if (c->out->pages.n == 0)
			footer(c, &pg);
		pageno = sf->restart_numbers ? 1 : pageno + 1;
		vec_push(&numbers, pageno);
		vec_push(&c->out->pages, pg);
		start = end;
	}
	free(base);
	/* Page numbers from the second page of each numbering, centred in the
	 * top margin (Phụ lục I §I.3). */
	for (size_t p = 0; p < c->out->pages.n; p++) {
		if (numbers.v[p] < 2)
			continue;
		char num[24];
		snprintf(num, sizeof num, "%d", numbers.v[p]);
		double w = width_of(c, F_REGULAR, st->sz_page_number, num);
		struct fitem it = {0};
		it.kind = FI_TEXT;
		it.x = st->margin_left + c->text_w / 2 - w / 2;
		it.y = st->page_number_y;
		it.face = F_REGULAR;
		it.size = st->sz_page_number;
		it.text = keep(c, num, strlen(num));
		vec_push(&c->out->pages.v[p].items, it);
	}
	vec_free(&numbers);
}

void layout_document(const struct doc *doc, const struct blocks *body,
		     const struct blocks *apps, const struct style *st, const struct metrics *m,
		     struct layout *out, struct layout_stats *stats)
{
	struct layout_stats dummy;
	struct lctx c = {0};
	c.doc = doc;
	c.st = st;
	c.m = m;
	c.out = out;
	c.stats = stats ? stats : &dummy;
	memset(c.stats, 0, sizeof *c.stats);
	out->page_w = st->page_w;
	out->page_h = st->page_h;
	c.text_w = st->page_w - st->margin_left - st->margin_right;
	compose_header(&c);
	flow_body(&c, body, true);
	/* The closing pulls the last two body lines with it. */
	for (size_t k = c.fl.n, i = 0; k > 1 && i < 2; k--, i++)
		c.fl.v[k - 1].keep_with_next = true;
	compose_closing(&c);
	for (size_t i = 0; i < doc->appendices.n; i++)
		compose_appendix(&c, i, &apps[i]);
	paginate(&c);
	for (size_t i = 0; i < c.fl.n; i++)
		vec_free(&c.fl.v[i].segs);
	vec_free(&c.fl);
}

void layout_book(const char *title, const char *subtitle, const struct block *table,
		 const struct style *st, const struct metrics *m, struct layout *out)
{
	static const struct doc none;
	struct layout_stats stats = {0};
	struct lctx c = {0};
	c.doc = &none;
	c.st = st;
	c.m = m;
	c.out = out;
	c.stats = &stats;
	out->page_w = st->page_w;
	out->page_h = st->page_h;
	c.text_w = st->page_w - st->margin_left - st->margin_right;
	struct fline f = {0};
	double y = 0, tc = c.text_w / 2;
	y = centred(&c, &f, title, F_BOLD, st->sz_title, tc, c.text_w, y,
		    st->sz_title * st->header_pitch, NULL);
	if (subtitle) {
		y += st->sz_title * st->header_pitch;
		y = centred(&c, &f, subtitle, F_ITALIC, st->sz_body, tc, c.text_w, y,
			    st->sz_body * st->header_pitch, NULL);
	}
	for (size_t k = 0; k < f.segs.n; k++)
		f.segs.v[k].dy -= y;
	f.above = y + st->sz_title * INK_ABOVE;
	f.below = st->sz_body * INK_BELOW;
	f.para = -1;
	f.keep_with_next = true;
	vec_push(&c.fl, f);
	if (table->nrows)
		flow_table(&c, table, st->body_space);
	paginate(&c);
	for (size_t i = 0; i < c.fl.n; i++)
		vec_free(&c.fl.v[i].segs);
	vec_free(&c.fl);
}

void layout_free(struct layout *lo)
{
	for (size_t i = 0; i < lo->pages.n; i++)
		vec_free(&lo->pages.v[i].items);
	vec_free(&lo->pages);
	arena_free(&lo->arena);
}
