/* layout.c - a document laid out: the page-1 header, the body, the
 * closing and the appendices composed in turn, then paginated; and the
 * register book.
 *
 * Everything is built as a vertical list of "flow lines": a body line, a
 * heading line, or a whole unbreakable block (the page-1 header with the
 * title, the closing with Nơi nhận and the signature). Each carries its
 * pitch from the previous baseline, the space above it, and whether a page
 * may break before it. Pagination then fills pages greedily, breaking at
 * the last legal place: never inside a paragraph so as to leave one line
 * alone (widows and orphans), never after a heading, and never between the
 * closing block and the two body lines before it (NĐ 30/2020 Phụ lục I:
 * the signature page must carry text of the document).
 *
 * The parts: header.c, flow.c (and table.c), closing.c; their words and
 * lines come from items.c; paginate.c puts the flow lines on pages. */
#include "layout_int.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
void layout_issuer_in_text(struct buf *b, const struct doc *doc)
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

void layout_appendix_note(struct buf *b, const struct doc *doc, const struct style *st)
{
	buf_puts(b, "(Kèm theo ");
	const char *tn = doc->title.s ? doc->title.s : doc->dt->name;
	char *lower = text_lower(tn[0] ? tn : "Văn bản");
	const char *p = lower;
	int32_t cp0 = utf8_next(&p);
	char enc[8];
	enc[utf8_encode(text_upper_cp(cp0), enc)] = 0;
	buf_printf(b, "%s%s số ", enc, p);
	free(lower);
	if (doc->number) {
		char *n = vn_number(doc->number);
		buf_puts(b, n);
		free(n);
	} else {
		buf_puts(b, "     ");
	}
	buf_puts(b, st->number_sep);
	code_text(b, doc, st);
	char *d = vn_date_words(doc->year, doc->month, doc->day);
	buf_printf(b, " %s của ", d);
	free(d);
	layout_issuer_in_text(b, doc);
	buf_putc(b, ')');
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
	layout_appendix_note(&b, doc, st);
	y += st->sz_title * hp;
	y = centred(c, &f, b.data, F_ITALIC, st->sz_body, tc, c->text_w, y, st->sz_body * hp,
		    NULL);
	buf_free(&b);
	/* The block's baseline is its last line. */
	for (size_t k = 0; k < f.segs.n; k++)
		f.segs.v[k].dy -= y;
	f.above = y + st->sz_appendix_label * c->ink_above;
	f.below = st->sz_body * c->ink_below;
	f.pitch = 0;
	f.para = -1;
	f.keep_with_next = true;
	f.new_page = true;
	f.restart_numbers = st->appendix_restart;
	vec_push(&c->fl, f);
	flow_body(c, body, false);
}

void layout_document(const struct doc *doc, const struct blocks *body,
		     const struct blocks *apps, const struct style *st, const struct metrics *m,
		     struct layout *out, struct layout_stats *stats)
{
	struct layout_stats dummy;
	struct lctx c = {0};
	c.doc = doc;
	c.st = st;
	c.ph = st->phrases;
	c.m = m;
	c.out = out;
	c.stats = stats ? stats : &dummy;
	memset(c.stats, 0, sizeof *c.stats);
	out->page_w = st->page_w;
	out->page_h = st->page_h;
	c.text_w = st->page_w - st->margin_left - st->margin_right;
	c.ink_above = ink_em(m->ink_above, INK_ROOM_ABOVE);
	c.ink_below = ink_em(m->ink_below, INK_ROOM_BELOW);
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
	c.ph = st->phrases;
	c.m = m;
	c.out = out;
	c.stats = &stats;
	out->page_w = st->page_w;
	out->page_h = st->page_h;
	c.text_w = st->page_w - st->margin_left - st->margin_right;
	c.ink_above = ink_em(m->ink_above, INK_ROOM_ABOVE);
	c.ink_below = ink_em(m->ink_below, INK_ROOM_BELOW);
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
	f.above = y + st->sz_title * c.ink_above;
	f.below = st->sz_body * c.ink_below;
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
