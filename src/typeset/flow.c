/* flow.c - the body as flow lines: paragraphs broken into lines (total
 * fit, justified, with the ties and cuts of items.c), headings, Căn cứ
 * lines and the end mark "./."; tables go to table.c. */
#include "layout_int.h"
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

/* Breaking between "ngày" and "05" is possible but costs this much. */

/* How a paragraph is set: its measure and left edge (from the margin),
 * the first line's indent, size, alignment, and the width of a space. */
struct pset {
	double x0, width, first_indent, size, space;
	int align;
	bool ragged; /* not justified */
};

/* A paragraph as lb_break takes it; box_word[k] is the word of box k. */
struct breakable {
	VEC(struct lb_item) it;
	size_t *box_word;
};

/* What goes before word w (not the first): the cut inside an address, a
 * hard break, or a space, with the tie that holds it to the word before. */
static void push_gap_before(struct breakable *b, const struct style *st,
			    const struct pset *ps, const struct word *w, bool tied_last)
{
	double space = ps->space, width = ps->width;
	bool ragged = ps->ragged;
	if (w->join_before) {
		/* A cut inside an address: no space, a small cost. */
		struct lb_item t = {LB_PENALTY, 0, 0, 0,
				    w->join_stretch ? st->join_penalty
				    : tied_last      ? LB_INF
						     : st->tie_penalty};
		vec_push(&b->it, t);
		/* Room to stretch, as TeX gives URL breaks: a line of pieces
		 * alone is set ragged, not refused. */
		struct lb_item g = {LB_GLUE, 0,
				    ragged ? width
				    : w->join_stretch ? space * st->space_stretch
						      : 0,
				    0, 0};
		vec_push(&b->it, g);
	} else if (w->hard_before) {
		struct lb_item g = {LB_GLUE, 0, 1e6, 0, 0};
		struct lb_item f = {LB_PENALTY, 0, 0, 0, -LB_INF};
		vec_push(&b->it, g);
		vec_push(&b->it, f);
	} else {
		if (w->tie_before) {
			/* A soft tie costs like a mediocre line (TeX's badness
			 * 200 is about 500 demerits' worth). */
			struct lb_item t = {LB_PENALTY, 0, 0, 0,
					    w->tie_before == 2 ? LB_INF : st->tie_penalty};
			vec_push(&b->it, t);
		}
		struct lb_item g = {LB_GLUE, space,
				    ragged ? width : space * st->space_stretch,
				    ragged ? 0 : space * st->space_shrink, 0};
		vec_push(&b->it, g);
	}
}

/* Whether p fills more than two lines: then the lines above can give
 * way so that its last word never stands alone with the end mark; a
 * shorter one would go loose for it. */
static bool long_enough(const struct para *p, const struct pset *ps, double width,
			double first_indent)
{
	double w = first_indent;
	for (size_t i = 0; i < p->words.n; i++)
		w += p->words.v[i].width + (i ? ps->space : 0);
	return w > 2 * width;
}

/* The boxes, glue and penalties of p, ended by fill glue and a forced
 * break. last_short: the last word is held to the one before. */
static void para_items(struct breakable *b, const struct style *st, const struct pset *ps,
		       const struct para *p, bool last_short)
{
	size_t nw = p->words.n;
	b->box_word = xmalloc((2 * nw + 4) * 3 * sizeof *b->box_word);
	for (size_t i = 0; i < nw; i++) {
		const struct word *w = &p->words.v[i];
		if (i > 0)
			push_gap_before(b, st, ps, w, i + 1 == nw && last_short);
		b->box_word[b->it.n] = i;
		struct lb_item box = {LB_BOX, w->width, 0, 0, 0};
		vec_push(&b->it, box);
	}
	struct lb_item g = {LB_GLUE, 0, 1e6, 0, 0};
	struct lb_item f = {LB_PENALTY, 0, 0, 0, -LB_INF};
	vec_push(&b->it, g);
	vec_push(&b->it, f);
}

/* The words [*wa, *wb) on line ln; *wa = SIZE_MAX when it has none. */
static void line_words(const struct breakable *b, const struct lb_line *ln, size_t *wa,
		       size_t *wb)
{
	*wa = SIZE_MAX;
	*wb = 0;
	for (size_t k = ln->start; k < ln->end; k++) {
		if (b->it.v[k].type != LB_BOX)
			continue;
		if (*wa == SIZE_MAX)
			*wa = b->box_word[k];
		*wb = b->box_word[k] + 1;
	}
}

/* A line is justified unless it ends the paragraph or a hard break. */
static bool ends_para_or_hard(const struct breakable *b, const struct lb_line *ln)
{
	size_t n = b->it.n;
	return ln->end >= n ||
	       (ln->end < n && b->it.v[ln->end].type == LB_PENALTY &&
		b->it.v[ln->end].penalty <= -LB_INF);
}

/* The first overfull line of the layout: its widest word and excess. */
static void note_overfull(struct lctx *c, const struct para *p, size_t wa, size_t wb,
			  double by)
{
	if (c->stats->overfull++)
		return;
	size_t widest = wa;
	for (size_t w = wa; w < wb; w++)
		if (p->words.v[w].width > p->words.v[widest].width)
			widest = w;
	const struct word *wd = &p->words.v[widest];
	struct buf b = {0};
	for (size_t k = 0; k < wd->count; k++)
		buf_add(&b, p->segs.v[wd->first + k].s, p->segs.v[wd->first + k].n);
	c->stats->overfull_word = b.len ? arena_strndup(&c->out->arena, b.data, b.len) : "";
	c->stats->overfull_by = by;
	buf_free(&b);
}

/* The segments of words [wa, wb) from x, gap between words. */
static void set_words(struct lctx *c, struct fline *fl, const struct para *p, size_t wa,
		      size_t wb, double x, double gap, double size)
{
	for (size_t w = wa; w < wb; w++) {
		const struct word *wd = &p->words.v[w];
		for (size_t k = 0; k < wd->count; k++) {
			const struct wseg *s = &p->segs.v[wd->first + k];
			bool tail = k + 1 == wd->count && w + 1 < wb &&
				    !p->words.v[w + 1].join_before;
			/* The space glyph after a word keeps the text extractable. */
			char *t = arena_alloc(&c->out->arena, s->n + 2);
			memcpy(t, s->s, s->n);
			if (tail)
				t[s->n] = ' ';
			seg_text(fl, s->face, size, x, 0, t);
			x += text_width(c->m, s->face, size, s->s, s->n);
		}
		if (w + 1 < wb && !p->words.v[w + 1].join_before)
			x += gap;
	}
}

/* Sets words [wa, wb) as line ln (the first of the paragraph when first):
 * justified, or aligned; counted in the statistics. */
static void set_line(struct lctx *c, struct fline *fl, const struct para *p,
		     const struct pset *ps, const struct breakable *b, const struct lb_line *ln,
		     size_t wa, size_t wb, bool first)
{
	const struct style *st = c->st;
	double space = ps->space;
	bool ragged = ps->ragged;
	double lw = first ? ps->width - ps->first_indent : ps->width;
	double left = ps->x0 + (first ? ps->first_indent : 0);
	double natural = 0;
	for (size_t w = wa; w < wb; w++)
		natural += p->words.v[w].width;
	size_t gaps = 0; /* the spaces: pieces of one address have none */
	for (size_t w = wa + 1; w < wb; w++)
		gaps += !p->words.v[w].join_before;
	bool last = ends_para_or_hard(b, ln);
	double gap = space;
	if (!ragged && last && ln->ratio < 0)
		gap = space + ln->ratio * space * st->space_shrink;
	if (!ragged && !last && gaps > 0) {
		gap = (lw - natural) / (double)gaps;
		c->stats->justified++;
		c->stats->gaps += gaps;
		if (gap / space > c->stats->max_ratio)
			c->stats->max_ratio = gap / space;
	}
	double linew = natural + gap * (double)gaps;
	if (linew > lw + 0.5)
		note_overfull(c, p, wa, wb, linew - lw);
	double x = left;
	if (ps->align == AL_CENTER)
		x = left + (lw - linew) / 2;
	else if (ps->align == AL_RIGHT)
		x = left + lw - linew;
	c->stats->lines++;
	set_words(c, fl, p, wa, wb, x, gap, ps->size);
}

/* Breaks a paragraph and appends its lines to the flow. x0 is the left
 * edge (from the margin), width the measure; the first line is indented. */
void flow_paragraph(struct lctx *c, struct para *p, double x0, double width,
		    double first_indent, int align, double size, double pitch,
		    double space_before, bool keep)
{
	size_t nw = p->words.n;
	if (!nw)
		return;
	struct pset ps = {x0, width, first_indent, size,
			  text_width(c->m, F_REGULAR, size, " ", 1), align, align != AL_JUSTIFY};
	split_long_words(c, p, size, width - first_indent);
	nw = p->words.n;
	/* A tie that cannot hold (the two words wider than a narrow cell
	 * together) gives way rather than run the line over. */
	for (size_t i = 1; i < nw; i++)
		if (p->words.v[i].tie_before == 2 && !p->words.v[i].join_before &&
		    p->words.v[i - 1].width + ps.space + p->words.v[i].width > width - first_indent)
			p->words.v[i].tie_before = 1;
	/* A justified paragraph should not end with one short syllable alone
	 * ("hại.", "năm."): the last word is softly tied to the one before;
	 * the last piece of an address that fits a line is kept with it. */
	bool last_short = nw > 1 && p->words.v[nw - 1].width < 0.15 * width;
	/* ... nor with the end mark and its word alone ("17/02/2021./."): in
	 * a paragraph of three lines or more, never */
	const struct word *lw = &p->words.v[nw - 1];
	const struct wseg *ls = lw->count ? &p->segs.v[lw->first + lw->count - 1] : NULL;
	bool marked = ls && ls->n >= 3 && !memcmp(ls->s + ls->n - 3, "./.", 3);
	if (!ps.ragged && nw > 2 && !lw->tie_before && !lw->hard_before && !lw->join_before &&
	    (lw->width < 0.15 * width || marked))
		p->words.v[nw - 1].tie_before = marked && long_enough(p, &ps, width, first_indent) &&
			p->words.v[nw - 2].width + ps.space + lw->width <= width ? 2 : 1;
	struct breakable b = {0};
	para_items(&b, c->st, &ps, p, last_short);

	struct lb_params prm = {width - first_indent, width, c->st->lb_tolerance,
				c->st->lb_line_penalty, c->st->lb_fitness, ps.ragged ? width : 0};
	struct lb_line *lines;
	size_t nl = lb_break(b.it.v, b.it.n, &prm, &lines);
	int para = c->npara++;
	for (size_t li = 0; li < nl; li++) {
		size_t wa, wb;
		line_words(&b, &lines[li], &wa, &wb);
		struct fline fl = {0};
		fl.pitch = pitch;
		fl.space_before = li == 0 ? space_before : 0;
		fl.above = size * c->ink_above;
		fl.below = size * c->ink_below;
		fl.para = para;
		fl.idx = (int)li;
		fl.nlines = (int)nl;
		fl.keep_with_next = keep;
		if (wa != SIZE_MAX)
			set_line(c, &fl, p, &ps, &b, &lines[li], wa, wb, li == 0);
		vec_push(&c->fl, fl);
	}
	free(lines);
	free(b.box_word);
	vec_free(&b.it);
}

/* Ends the body with "./." (NĐ 30 Phụ lục III, samples) unless it has it;
 * a last item's ";" or "," gives way to it, and a mark half typed ("./")
 * is completed. */
bool layout_end_mark(const char *s, struct buf *out)
{
	size_t l = strlen(s);
	while (l && s[l - 1] == ' ')
		l--;
	if (l >= 3 && !memcmp(s + l - 3, "./.", 3))
		return false;
	if (l >= 2 && !memcmp(s + l - 2, "./", 2)) {
		buf_add(out, s, l);
		buf_putc(out, '.');
	} else {
		while (l && (s[l - 1] == ';' || s[l - 1] == ','))
			l--;
		buf_add(out, s, l);
		buf_puts(out, l && s[l - 1] == '.' ? "/." : "./.");
	}
	return true;
}

static const char *with_end_mark(struct lctx *c, const char *s)
{
	struct buf b = {0};
	if (!layout_end_mark(s, &b))
		return s;
	const char *r = keep(c, b.data, b.len);
	buf_free(&b);
	return r;
}

/* Sets the ending punctuation of a block's last run (the Căn cứ lines end
 * with ";", the last of them with ","). */
static void set_end(struct lctx *c, struct run *runs, size_t nr, char ch)
{
	for (size_t r = nr; r-- > 0;) {
		if (!strcmp(runs[r].text, "\n"))
			continue;
		const char *t = runs[r].text;
		size_t l = strlen(t);
		while (l && strchr(" ;,.:", t[l - 1]))
			l--;
		char *n = arena_alloc(&c->out->arena, l + 2);
		memcpy(n, t, l);
		n[l] = ch;
		runs[r].text = n;
		return;
	}
}

/* Lays a paragraph out in a cell or a box: returns its lines' segments
 * (text only) moved into f at dy, and the number of lines. */
size_t lines_into(struct lctx *c, struct fline *f, struct para *p, double x0,
		  double width, int align, double size, double pitch, double dy)
{
	size_t before = c->fl.n;
	struct layout_stats saved = *c->stats;
	flow_paragraph(c, p, x0, width, 0, align, size, pitch, 0, false);
	*c->stats = saved;
	c->npara--;
	size_t n = c->fl.n - before;
	for (size_t i = 0; i < n; i++) {
		struct fline *l = &c->fl.v[before + i];
		for (size_t k = 0; k < l->segs.n; k++) {
			struct seg sg = l->segs.v[k];
			sg.dy = dy + (double)i * pitch;
			vec_push(&f->segs, sg);
		}
		vec_free(&l->segs);
	}
	c->fl.n = before;
	return n;
}

/* Where the end mark goes: at the end of the last text run (*lastb,
 * *lastr); or, when a table ends the body, on a line of its own under
 * it: then true, and *lastb is NULL. */
static bool end_mark_alone(const struct blocks *body, const struct block **lastb,
			   size_t *lastr)
{
	bool alone = false;
	for (size_t i = 0; i < body->v.n; i++) {
		const struct block *b = &body->v.v[i];
		if (b->kind == BK_TABLE && b->nrows > 0)
			alone = true;
		for (size_t r = 0; r < b->runs.n; r++)
			if (strcmp(b->runs.v[r].text, "\n")) {
				*lastb = b;
				*lastr = r;
				alone = false;
			}
	}
	if (alone)
		*lastb = NULL;
	return alone;
}

/* How block i of the body is set beyond its runs' own faces: headings,
 * Căn cứ lines and "QUYẾT ĐỊNH:" change the runs (a copy, nr of them), the
 * alignment, the first line's indent and whether the block keeps with
 * the next. marked: its last run carries the end mark. */
static void style_block(struct lctx *c, const struct blocks *body, size_t i, bool marked,
			struct run *runs, size_t nr, int *align, double *indent,
			bool *keep_next)
{
	const struct style *st = c->st;
	const struct block *b = &body->v.v[i];
	if (b->kind == BK_HEADING) {
		const struct heading_style *h =
			&st->heading[(b->level > MAX_HEADINGS ? MAX_HEADINGS : b->level) - 1];
		int face = (h->bold ? F_BOLD : 0) | (h->italic ? F_ITALIC : 0);
		for (size_t r = 0; r < nr; r++)
			runs[r].face |= face;
		if (h->caps) {
			for (size_t r = 0; r < nr; r++) {
				char *u = text_upper(b->runs.v[r].text);
				runs[r].text = keep(c, u, strlen(u));
				free(u);
			}
		}
		*align = h->align;
		*indent = h->indent ? st->indent : 0;
		*keep_next = true;
	} else if (b->kind == BK_BASIS) {
		/* Căn cứ lines: italic, each ending ";", the last with the
		 * style's mark (NĐ 30, Phụ lục I: "."). */
		for (size_t r = 0; r < nr; r++)
			runs[r].face |= F_ITALIC;
		bool last = i + 1 >= body->v.n || body->v.v[i + 1].kind != BK_BASIS;
		if (!marked)
			set_end(c, runs, nr, last ? st->basis_last[0] : ';');
	} else if (b->kind == BK_DECIDE) {
		/* "QUYẾT ĐỊNH:" centred, bold, kept with the first article. */
		for (size_t r = 0; r < nr; r++)
			runs[r].face |= F_BOLD;
		*align = AL_CENTER;
		*indent = 0;
		*keep_next = true;
	}
}

/* The end mark on a line of its own, after_table below the table that
 * ends the body. */
static void flow_mark_alone(struct lctx *c, double after_table)
{
	const struct style *st = c->st;
	double size = st->sz_body, pitch = size * st->line_pitch;
	struct run mark = {F_REGULAR, "./."};
	struct para p = {0};
	para_build(c, &p, &mark, 1, NULL, size);
	size_t before = c->fl.n;
	flow_paragraph(c, &p, 0, c->text_w, 0, AL_LEFT, size, pitch, 0, false);
	if (c->fl.n > before)
		c->fl.v[before].pitch = after_table + st->para_space + size * c->ink_above;
	para_free(&p);
}

void flow_body(struct lctx *c, const struct blocks *body, bool end_mark)
{
	const struct style *st = c->st;
	double size = st->sz_body, pitch = size * st->line_pitch;
	bool first = true;
	double pending = -1; /* pitch for the block after a table */
	/* The last text run gets the end mark; after a table that ends the
	 * body, it stands on a line of its own under the table. */
	const struct block *lastb = NULL;
	size_t lastr = 0;
	bool mark_alone = end_mark && end_mark_alone(body, &lastb, &lastr);
	for (size_t i = 0; i < body->v.n; i++) {
		const struct block *b = &body->v.v[i];
		double sb = first ? 0 : st->para_space;
		double first_pitch = first ? st->body_space + size * c->ink_above : -1;
		double after_table = pending;
		if (pending >= 0)
			first_pitch = pending + st->para_space + size * c->ink_above, sb = 0;
		pending = -1;
		if (b->kind == BK_TABLE) {
			double fp = first ? st->body_space : st->para_space + size * c->ink_below;
			if (after_table >= 0) /* a table right after a table */
				fp = after_table + st->para_space;
			if (b->nrows > 0)
				pending = flow_table(c, b, fp);
			first = false;
			continue;
		}
		size_t nr = b->runs.n;
		struct run *runs = xmalloc((nr ? nr : 1) * sizeof *runs);
		if (nr)
			memcpy(runs, b->runs.v, nr * sizeof *runs);
		if (b == lastb)
			runs[lastr].text = with_end_mark(c, runs[lastr].text);
		int align = AL_JUSTIFY;
		double indent = st->indent;
		bool keep_next = false;
		style_block(c, body, i, b == lastb, runs, nr, &align, &indent, &keep_next);
		struct para p = {0};
		para_build(c, &p, runs, nr, b->marker, size);
		size_t before = c->fl.n;
		flow_paragraph(c, &p, 0, c->text_w, indent, align, size, pitch, sb, keep_next);
		if (first_pitch >= 0 && c->fl.n > before) {
			c->fl.v[before].pitch = first_pitch;
			c->fl.v[before].space_before = 0;
		}
		first = false;
		para_free(&p);
		free(runs);
	}
	if (mark_alone)
		flow_mark_alone(c, pending);
}
