/* cert_page.c - award certificates laid out: every text of a row fitted
 * to its element (long names and units shrink to fit their line, down to
 * the element's min_size, then wrap into at most `lines` lines; beyond
 * that the row is reported, before anything is written), and the pages:
 * one certificate, or the calibration grid for pre-printed blanks. Pure:
 * fonts only through struct metrics. */
#include "typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What an element's text became for one awardee, fitted. */
struct fitted {
	size_t n;
	const char **lines;
	double *widths;
	double size;
	double y;      /* baseline of the first line, pt (after pushing down) */
};

static double X(const struct cert *c, double mm)
{
	return MM(c->ox + mm * c->scale + (c->blank ? c->off_x : 0));
}

static double Y(const struct cert *c, double mm)
{
	return MM(c->oy + mm * c->scale + (c->blank ? c->off_y : 0));
}

/* ---- Fitting ------------------------------------------------------------ */

/* The text of element e for awardee a, as printed: one line, in capitals
 * when the element asks. Template errors go to d when given. */
static char *expand(const struct cert_element *e, const struct awardee *a,
		    const struct ynode *data, struct diag *d)
{
	struct mu_errors errs = {0};
	char *s = cert_render(e->text, data, &errs);
	for (size_t i = 0; i < errs.n && d; i++) {
		diag_error(d, a->pos, "%s (element '%s')", errs.v[i].msg,
			   e->id ? diag_quote(d, e->id) : "?");
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

static int face(const struct cert_element *e)
{
	return (e->bold ? F_BOLD : 0) | (e->italic ? F_ITALIC : 0);
}

/* The width a text without max_width may take, centred at its x: inside
 * the inner frame (3 mm clear of it), or 10 mm clear of the sheet's
 * edges on a blank. */
static double room_at(const struct cert *c, const struct cert_element *e)
{
	double edge = c->blank || !c->inner_w ? MM(10) : MM((c->inner_inset + 3) * c->scale);
	double cx = X(c, e->x);
	return fmax(2 * fmin(cx - edge, c->page_w - edge - cx), MM(20));
}

/* Shrinks to one line if that stays above min_size, else wraps at the
 * largest size (in half points) that needs no more than `lines`. A text
 * without max_width keeps to one line, inside the frame: smaller, down to
 * three quarters of its size. */
static bool fit(const struct cert *c, const struct metrics *m, const struct cert_element *e,
		const char *text, struct fitted *out, struct arena *ar)
{
	double size = e->size * c->scale;
	double maxw = e->max_width ? MM(e->max_width * c->scale) : room_at(c, e);
	double minsz = e->max_width ? e->min_size * c->scale : size * 0.75;
	double w = text_width(m, face(e), size, text, strlen(text));
	if (w <= maxw) {
		out->n = layout_wrap(m, c->phrases, ar, text, face(e), size, 1e9, false, &out->lines,
				     &out->widths);
		out->size = size;
		return true;
	}
	if (!e->max_width) {
		double s1 = floor(size * maxw / w * 2) / 2;
		if (s1 < minsz - 1e-9)
			return false;
		out->n = layout_wrap(m, c->phrases, ar, text, face(e), s1, 1e9, false, &out->lines,
				     &out->widths);
		out->size = s1;
		return true;
	}
	double s1 = floor(size * maxw / w * 2) / 2;
	if (s1 >= minsz) {
		out->n = layout_wrap(m, c->phrases, ar, text, face(e), s1, 1e9, false, &out->lines,
				     &out->widths);
		out->size = s1;
		return true;
	}
	for (double s = floor(size * 2) / 2; s >= minsz - 1e-9; s -= 0.5) {
		size_t n = layout_wrap(m, c->phrases, ar, text, face(e), s, maxw, true, &out->lines,
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
static struct pos element_pos(const struct cert *c, const struct cert_element *e,
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
static bool fit_awardee(const struct cert *c, const struct metrics *m, size_t i, struct fitted *f,
			struct arena *ar, struct diag *d)
{
	size_t ne = c->el.n;
	bool ok = true;
	memset(f, 0, ne * sizeof *f);
	const struct ynode *data = cert_data(c, i, ar);
	for (size_t k = 0; k < ne; k++) {
		const struct cert_element *e = &c->el.v[k];
		char *s = expand(e, &c->aw.v[i], data, d);
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
						   "not in the font", name, diag_quote(d, e->id));
				ok = false;
				break;
			}
		}
		if (!fit(c, m, e, s, &f[k], ar)) {
			struct pos at = element_pos(c, e, &c->aw.v[i]);
			if (d && e->max_width && e->lines != 1)
				diag_error(d, at, "'%s' does not fit its place (element "
					   "'%s': %g mm wide, at most %d lines, down to %g pt)",
					   diag_quote(d, s), diag_quote(d, e->id),
					   e->max_width, e->lines, e->min_size);
			else if (d && e->max_width)
				diag_error(d, at, "'%s' does not fit its place (element "
					   "'%s': %g mm wide, at most 1 line, down to %g pt)",
					   diag_quote(d, s), diag_quote(d, e->id),
					   e->max_width, e->min_size);
			else if (d)
				diag_error(d, at, "'%s' is wider than the sheet allows "
					   "(element '%s': %.0f mm inside the frame, down to %g pt); "
					   "shorten it, or give the element a max_width and lines",
					   diag_quote(d, s), diag_quote(d, e->id), room_at(c, e) / MM(1),
					   e->size * 0.75);
			ok = false;
		}
		free(s);
	}
	if (!ok)
		return false;
	/* Centred texts follow each other down the sheet: one that took more
	 * lines pushes the next ones down, which must stay clear of the
	 * corner blocks (decision, date, signature) by half a line. Heights
	 * are the fonts' ink, not guesses: when the texts come too close to
	 * the corners, the gaps between them close up (down to the least
	 * clearance) to make the room. */
	double above = m->ink_above / 1000.0, below = m->ink_below / 1000.0;
	double corner_top = c->page_h;
	for (size_t k = 0; k < ne; k++)
		if (!c->el.v[k].centred)
			corner_top = fmin(corner_top, Y(c, c->el.v[k].y) -
					  c->el.v[k].size * c->scale * above);
	double bottom = 0; /* of the previous centred text */
	double lift = 0;   /* the places of empty centred texts, taken up */
	size_t last = ne;  /* the lowest centred text */
	double *room = xcalloc(ne + 1, sizeof *room); /* how far each may rise */
	for (size_t k = 0; k < ne; k++) {
		const struct cert_element *e = &c->el.v[k];
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
		double top = f[k].y - f[k].size * above;
		if (top < bottom + clear)
			f[k].y += bottom + clear - top;
		top = f[k].y - f[k].size * above;
		room[k] = last < ne && !c->blank ? fmax(0, top - bottom - clear) : 0;
		bottom = f[k].y + (double)(f[k].n - 1) * f[k].size * 1.2 + f[k].size * below;
		last = k;
	}
	bool ok2 = true;
	if (last < ne) {
		double gap = 0.5 * f[last].size;
		double excess = bottom + gap - corner_top;
		/* every gap gives its share of the room, in proportion to
		 * what it can give; each rise moves the texts under it too */
		double total = 0;
		for (size_t k = 0; k <= last; k++)
			total += room[k];
		double share = excess > 0 && total > 0 ? fmin(1, excess / total) : 0;
		for (size_t k = 0; share > 0 && k <= last; k++) {
			double r = room[k] * share;
			for (size_t j = k; r > 0 && j <= last; j++)
				if (c->el.v[j].centred)
					f[j].y -= r;
		}
		excess -= total * share;
		if (excess > 1e-6) {
			if (d)
				diag_error(d, c->aw.v[i].pos, "the texts run into the signature and "
					   "decision blocks (element '%s'); shorten them, or give the "
					   "layout more room", diag_quote(d, c->el.v[last].id));
			ok2 = false;
		}
	}
	free(room);
	return ok2;
}

/* Every certificate is fitted once here, in a scratch arena, so that the
 * batch is known good before anything is written; cert_page fits its own
 * again. Memory does not grow with the batch. */
bool cert_check(const struct cert *c, const struct metrics *m, struct diag *d)
{
	int before = d->errors;
	cert_check_text(c, m, d);
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
static void border(const struct cert *c, struct page *pg)
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

void cert_page(const struct cert *c, size_t i, const struct metrics *m, struct layout *lo)
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
		const struct cert_element *e = &c->el.v[k];
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

void cert_calibration(const struct cert *c, struct layout *lo)
{
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
		const struct cert_element *e = &c->el.v[k];
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
