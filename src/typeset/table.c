/* table.c - tables: a ruled grid whose columns share the text width by
 * what their cells hold, set smaller when the longest words do not fit;
 * rows as flow lines, and rows taller than half a page cut into one flow
 * line per text line. */
#include "layout_int.h"
#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* The box of a table row or of a cut of one: top and bottom rules when
 * asked, a vertical rule at each column edge from dy 0 to h. */
static void row_box(struct lctx *c, struct fline *f, const double *w, int nc, double pad,
		    double h, bool top, bool bottom)
{
	if (top)
		seg_rule(f, 0, c->text_w, 0);
	if (bottom)
		seg_rule(f, 0, c->text_w, h);
	double x = 0;
	for (int k = 0; k <= nc; k++) {
		struct seg v = {SG_RULE, 0, 0, x, 0, x, h, NULL, 0};
		vec_push(&f->segs, v);
		if (k < nc)
			x += w[k] + 2 * pad;
	}
}

/* Cuts a table row (the text of flow line *row, height h, maxl lines at
 * baselines base + i * pitch) into one flow line per text line. Cut k
 * spans from pad + k * pitch (0 for the first) to pad + (k + 1) * pitch
 * (h for the last) and draws its own column rules; the first cut draws
 * the top rule, the last the bottom one. Takes the row's segments;
 * returns the height of the last cut. */
static double split_row(struct lctx *c, struct fline *row, const double *w, int nc,
			size_t maxl, double h, double base, double pad, double pitch)
{
	int para = c->npara++;
	double prev = row->pitch;
	/* The segments by text line (a counting sort, in order within a
	 * line): at[from[k]..from[k+1]) are those of line k. */
	size_t ns = row->segs.n;
	size_t *from = xcalloc(maxl + 1, sizeof *from);
	size_t *lineof = xmalloc((ns + 1) * sizeof *lineof);
	size_t *at = xmalloc((ns + 1) * sizeof *at);
	for (size_t i = 0; i < ns; i++) {
		double line = floor((row->segs.v[i].dy - base) / pitch + 0.5);
		lineof[i] = (size_t)fmin(fmax(line, 0), (double)(maxl - 1));
		from[lineof[i] + 1]++;
	}
	for (size_t k = 0; k < maxl; k++)
		from[k + 1] += from[k];
	{
		size_t *pos = xmalloc((maxl + 1) * sizeof *pos);
		memcpy(pos, from, (maxl + 1) * sizeof *pos);
		for (size_t i = 0; i < ns; i++)
			at[pos[lineof[i]]++] = i;
		free(pos);
	}
	for (size_t k = 0; k < maxl; k++) {
		double top = k ? pad + (double)k * pitch : 0;
		double bot = k + 1 < maxl ? pad + (double)(k + 1) * pitch : h;
		struct fline f = {0};
		f.pitch = prev;
		f.below = bot - top;
		f.para = para;
		f.idx = (int)k;
		f.nlines = (int)maxl;
		f.table = row->table;
		f.row_cont = k > 0;
		f.cut_pad = pad;
		for (size_t q = from[k]; q < from[k + 1]; q++) {
			struct seg t = row->segs.v[at[q]];
			t.dy -= top;
			t.dy2 -= top;
			vec_push(&f.segs, t);
		}
		row_box(c, &f, w, nc, pad, f.below, k == 0, k + 1 == maxl);
		prev = f.below;
		vec_push(&c->fl, f);
	}
	free(from);
	free(lineof);
	free(at);
	vec_free(&row->segs);
	return prev;
}

/* Builds the cells of table b at size (the header row bold) and the
 * widest word (minw) and whole text (maxw) of each column. */
static void measure_table(struct lctx *c, const struct block *b, double size,
			  struct para *cells, double *minw, double *maxw, double *pmin)
{
	int nr = b->nrows, nc = b->ncols;
	double space = width_of(c, F_REGULAR, size, " ");
	for (int k = 0; k < nc; k++)
		minw[k] = maxw[k] = pmin[k] = 0;
	for (int r = 0; r < nr; r++)
		for (int k = 0; k < nc; k++) {
			const struct cell *cl = &b->cells[r * nc + k];
			size_t n = cl->runs.n;
			struct run *runs = xmalloc((n ? n : 1) * sizeof *runs);
			if (n)
				memcpy(runs, cl->runs.v, n * sizeof *runs);
			if (r == 0)
				for (size_t i = 0; i < n; i++)
					runs[i].face |= F_BOLD;
			struct para *p = &cells[r * nc + k];
			para_build(c, p, runs, n, NULL, size);
			double phrase = para_phrase_ties(c, p, size);
			double line = 0, longest = 0;
			for (size_t i = 0; i < p->words.n; i++) {
				const struct word *wd = &p->words.v[i];
				longest = fmax(longest, wd->width);
				if (wd->hard_before) { /* <br>: a line of its own */
					maxw[k] = fmax(maxw[k], line);
					line = 0;
				}
				line += wd->width + (i && !wd->hard_before ? space : 0);
			}
			maxw[k] = fmax(maxw[k], line);
			/* A word longer than a quarter of the text (a web address)
			 * counts by the pieces it breaks into, as the cell will
			 * break it; shorter ones (dates, numbers) stay whole. */
			if (longest > c->text_w / 4) {
				struct para q = {0};
				para_build(c, &q, runs, n, NULL, size);
				split_long_words(c, &q, size, c->text_w / 4);
				longest = 0;
				for (size_t i = 0; i < q.words.n; i++)
					longest = fmax(longest, q.words.v[i].width);
				para_free(&q);
			}
			minw[k] = fmax(minw[k], longest);
			/* a phrase no wider than a third of the text is kept whole
			 * when the columns have the room */
			pmin[k] = fmax(pmin[k], fmax(longest, phrase <= c->text_w / 3 ? phrase : 0));
			free(runs);
		}
}

/* Measures the cells of table b, setting the whole table smaller when
 * its columns cannot hold their longest words at *size, or leave too
 * little room for the text that wraps: in half points, down to
 * the style's sizes.table_min; then the cell padding *pad gives way, down to a point a
 * side. Leaves the cells built at the size chosen, each column's widest
 * word and whole text in minw and maxw, their sums in *smin and *smax;
 * returns the width the columns share. */
static double fit_table(struct lctx *c, const struct block *b, struct para *cells, double *minw,
			double *maxw, double *pmin, double *size, double *pad, double *smin,
			double *smax)
{
	int nr = b->nrows, nc = b->ncols;
	double avail = c->text_w - 2 * *pad * nc;
	for (;;) {
		measure_table(c, b, *size, cells, minw, maxw, pmin);
		*smin = *smax = 0;
		for (int k = 0; k < nc; k++) {
			*smin += minw[k];
			*smax += maxw[k];
		}
		/* Room for the text that wraps: an eighth of the width, or all it
		 * needs when it needs less. */
		if (avail - *smin >= fmin(0.125 * avail, *smax - *smin) || *size <= c->st->sz_table_min)
			break;
		for (int i = 0; i < nr * nc; i++)
			para_free(&cells[i]);
		memset(cells, 0, (size_t)(nr * nc) * sizeof *cells);
		double fit = *smin > avail ? avail / *smin : 1;
		*size = fmax(c->st->sz_table_min, fmin(*size - 0.5, floor(*size * fit * 2) / 2));
	}
	if (*smin > avail) {
		*pad = fmax(1, fmin(*pad, (c->text_w - *smin) / (2 * nc)));
		avail = c->text_w - 2 * *pad * nc;
	}
	if (*smin > avail) {
		c->stats->wide_tables++;
		if (c->stats->wide_tables == 1) {
			c->stats->wide_columns = nc;
			c->stats->wide_need = *smin + 2 * *pad * nc;
		}
	}
	return avail;
}

/* Column widths: natural widths when they fit, else shared out in
 * proportion to what each column would need beyond its longest word, or
 * beyond its longest phrase when every column can have that. */
static void column_widths(int nc, const double *minw0, const double *maxw, const double *pmin,
			  double smin, double smax, double avail, double *w)
{
	double sp = 0;
	for (int k = 0; k < nc; k++)
		sp += fmin(pmin[k], maxw[k]);
	double *minw = xmalloc((size_t)nc * sizeof *minw);
	for (int k = 0; k < nc; k++)
		minw[k] = sp <= avail ? fmin(fmax(pmin[k], minw0[k]), maxw[k]) : minw0[k];
	if (sp <= avail)
		smin = sp;
	for (int k = 0; k < nc; k++) {
		if (smax <= avail)
			w[k] = smax > 0 ? maxw[k] + (avail - smax) * maxw[k] / smax : avail / nc;
		else if (smin <= avail && smax > smin)
			w[k] = minw[k] + (avail - smin) * (maxw[k] - minw[k]) / (smax - smin);
		else
			w[k] = fmax(avail, 0) * (smin > 0 ? minw[k] / smin : 1.0 / nc);
	}
	free(minw);
}

/* The cells of row r (its paragraphs in cells) set into f, columns w wide,
 * the first baselines at base; the header row's cells centred in its
 * height too. Returns the number of lines of the deepest cell. */
static size_t set_row(struct lctx *c, struct fline *f, const struct block *b, int r,
		      struct para *cells, const double *w, double size, double pad,
		      double pitch, double base)
{
	int nc = b->ncols;
	double x = 0;
	size_t maxl = 1;
	size_t *seg_from = xmalloc(((size_t)nc + 1) * sizeof *seg_from);
	size_t *nlines = xmalloc(((size_t)nc + 1) * sizeof *nlines);
	for (int k = 0; k < nc; k++) {
		char al = b->aligns ? b->aligns[k] : 0;
		int align = r == 0 || al == 'c' ? AL_CENTER : al == 'r' ? AL_RIGHT : AL_LEFT;
		seg_from[k] = f->segs.n;
		size_t n = lines_into(c, f, &cells[r * nc + k], x + pad, w[k], align, size, pitch,
				      base);
		nlines[k] = n;
		if (n > maxl)
			maxl = n;
		x += w[k] + 2 * pad;
	}
	seg_from[nc] = f->segs.n;
	for (int k = 0; r == 0 && k < nc; k++)
		for (size_t i = seg_from[k]; i < seg_from[k + 1]; i++) {
			double shift = (double)(maxl - (nlines[k] ? nlines[k] : 1)) * pitch / 2;
			f->segs.v[i].dy += shift;
			f->segs.v[i].dy2 += shift;
		}
	free(seg_from);
	free(nlines);
	return maxl;
}

/* A table: ruled grid, header row bold, column widths from the content,
 * cells wrapped; each row one unbreakable flow line, the header row kept
 * with the first row and repeated on every page the table spans. A row
 * taller than a page (under the repeated header) is cut into one flow
 * line per text line, which break like a paragraph's lines (two at least
 * on each side); paginate closes the box at the page's foot and opens it
 * again on the next page. Returns the height of the last flow line. */
double flow_table(struct lctx *c, const struct block *b, double first_pitch)
{
	const struct style *st = c->st;
	int nr = b->nrows, nc = b->ncols;
	double size = st->sz_table, pad = st->table_pad;
	struct para *cells = xcalloc((size_t)(nr * nc) + 1, sizeof *cells);
	double *minw = xcalloc((size_t)nc, sizeof *minw), *maxw = xcalloc((size_t)nc, sizeof *maxw);
	double *pmin = xcalloc((size_t)nc, sizeof *pmin);
	double smin = 0, smax = 0;
	double avail = fit_table(c, b, cells, minw, maxw, pmin, &size, &pad, &smin, &smax);
	double pitch = size * st->header_pitch;
	double *w = xcalloc((size_t)nc, sizeof *w);
	column_widths(nc, minw, maxw, pmin, smin, smax, avail, w);
	int id = ++c->ntables;
	double last_h = 0, head_h = 0;
	for (int r = 0; r < nr; r++) {
		struct fline f = {0};
		double base = pad + size * 0.9;
		size_t maxl = set_row(c, &f, b, r, cells, w, size, pad, pitch, base);
		double h = 2 * pad + (double)(maxl - 1) * pitch + size * (0.9 + c->ink_below);
		f.pitch = r == 0 ? first_pitch : last_h;
		f.above = 0;
		f.below = h;
		f.para = -1;
		f.table = id;
		f.table_header = r == 0;
		f.keep_with_next = r == 0;
		double body_h = st->page_h - st->margin_top - st->margin_bottom;
		if (r == 0) {
			/* A header row taller than half a page is not repeated. */
			head_h = h;
			if (head_h > body_h / 2) {
				id = 0;
				f.table = 0;
				f.table_header = false;
				head_h = 0;
			}
		}
		/* Rows of four lines or more taller than half the room under
		 * the header may be cut, so that no page is left half empty
		 * (and so may a header row that is not repeated). */
		if ((r > 0 || id == 0) && maxl >= 4 && h > (body_h - head_h) / 2) {
			last_h = split_row(c, &f, w, nc, maxl, h, base, pad, pitch);
			continue;
		}
		/* The grid: each row draws its own box, so a row stands whole on
		 * whichever page it falls. */
		row_box(c, &f, w, nc, pad, h, true, true);
		vec_push(&c->fl, f);
		last_h = h;
	}
	for (int i = 0; i < nr * nc; i++)
		para_free(&cells[i]);
	free(cells);
	free(minw);
	free(maxw);
	free(pmin);
	free(w);
	return last_h;
}
