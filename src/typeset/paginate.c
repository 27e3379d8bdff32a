/* paginate.c - flow lines onto pages: filled greedily, broken at the last
 * legal place (no widow or orphan, nothing after a heading, the closing
 * with two body lines); a table's header row repeated on each page it
 * spans, a cut row closed and opened again; the contact footer of page 1
 * and the page numbers. */
#include "layout_int.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static void emit_extended(struct lctx *c, struct page *pg, const struct fline *f, double base,
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
	emit_extended(c, pg, f, base, 0, 0);
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
			t.y = y + 2 + sz * c->ink_above + pitch * (double)i;
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

void paginate(struct lctx *c)
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
			emit_extended(c, &pg, f, base[i], opens && i == start ? f->cut_pad : 0,
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
