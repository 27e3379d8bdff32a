/* closing.c - the closing of a document (NĐ 30/2020, Phụ lục I, ô 7-9b,
 * 12): the signature blocks, one or several side by side, and Nơi nhận
 * level with them, whose long lists may run on to the next page. */
#include "layout_int.h"
#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void layout_drafter_line(struct buf *b, const struct doc *doc)
{
	if (doc->drafter.s) {
		char *u = text_upper(doc->drafter.s);
		buf_puts(b, u);
		free(u);
	}
	if (doc->copies)
		buf_printf(b, "%s(%d)", doc->drafter.s ? "." : "", doc->copies);
}

/* One signature block (ô 7a-7c, 8) centred at cx; returns its depth. */
static double signature_block(struct lctx *c, struct fline *f, const struct signature *sig,
			      double cx, double width, size_t *name_seg, double *name_y)
{
	const struct style *st = c->st;
	double ss = st->sz_signature, hp = st->header_pitch;
	double y = 0;
	/* Q. (acting head) stands before the title: "Q. GIÁM ĐỐC". */
	bool acting = sig->authority.s && !strcmp(sig->authority.s, "Q.");
	if (sig->authority.s && !acting) {
		struct buf b = {0};
		char *u = text_upper(sig->sign_for.s ? sig->sign_for.s : "");
		buf_printf(&b, "%s %s", sig->authority.s, u);
		free(u);
		y = centred(c, f, b.data, F_BOLD, ss, cx, width, y, ss * hp, NULL) + ss * hp;
		buf_free(&b);
	}
	char *t = text_upper(sig->title.s);
	if (acting) {
		struct buf b = {0};
		buf_printf(&b, "Q. %s", t);
		free(t);
		t = buf_take(&b);
	}
	y = centred(c, f, t, F_BOLD, ss, cx, width, y, ss * hp, NULL);
	free(t);
	double top = y + ss * c->ink_below;
	y += st->signature_gap;
	/* The signature image between the title and the name; the seal over
	 * its left third (NĐ 30, Điều 33). Heights are set by the backend from
	 * the images' proportions; here they get the space of the gap. */
	double room = y - top - ss * c->ink_above;
	if (sig->image.s) {
		double w = fmin(st->sig_image_w, width);
		struct seg im = {SG_IMAGE, 0, 0, cx - w / 2, top + 2, cx + w / 2, top + room - 2,
				 sig->image.s, 0};
		vec_push(&f->segs, im);
	}
	if (sig->seal.s) {
		double w = st->seal_w;
		double left = cx - fmin(st->sig_image_w, width) / 2 - w * 2 / 3;
		double mid = top + room / 2;
		struct seg im = {SG_IMAGE, 0, 0, left, mid - w / 2, left + w, mid + w / 2,
				 sig->seal.s, 0};
		vec_push(&f->segs, im);
	}
	if (name_seg)
		*name_seg = f->segs.n;
	if (name_y)
		*name_y = y;
	/* A name is one line at the signature's size, never shrunk nor
	 * wrapped: the columns beside each other are made wide enough. */
	if (name_seg)
		centred_line(c, f, sig->name.s, F_BOLD, ss, cx, y);
	else
		y = centred(c, f, sig->name.s, F_BOLD, ss, cx, width, y, ss * hp, NULL);
	return y + ss * c->ink_below;
}

/* Joint documents (văn bản liên tịch): two signers side by side, each in
 * half the text with a gap between; three or four in rows of two, as the
 * decree's samples set them, the last of three alone in the middle. The
 * names of a row stand on one baseline under its deepest titles. Returns
 * the depth of the blocks. */
static double joint_signatures(struct lctx *c, struct fline *f)
{
	const struct doc *doc = c->doc;
	double ss = c->st->sz_signature, hp = c->st->header_pitch;
	size_t ns = doc->signatures.n;
	double gap = 2 * ss; /* white space kept between two columns */
	double w = (c->text_w - gap) / 2;
	double top = 0, bottom = 0;
	size_t *from = xcalloc(2 * ns, sizeof *from); /* each name's segments */
	double *ny = xcalloc(ns, sizeof *ny);
	for (size_t r = 0; r < ns; r += 2) {
		size_t n = ns - r < 2 ? ns - r : 2;
		size_t first = f->segs.n;
		double low = 0, rb = 0;
		for (size_t i = r; i < r + n; i++) {
			/* the lone last signer of three in the middle */
			double cx = n == 1 ? c->text_w / 2 : i == r ? w / 2 : c->text_w - w / 2;
			rb = fmax(rb, signature_block(c, f, &doc->signatures.v[i], cx, w,
						      &from[2 * i], &ny[i]));
			from[2 * i + 1] = f->segs.n;
			low = fmax(low, ny[i]);
		}
		for (size_t i = r; i < r + n; i++)
			for (size_t k = from[2 * i]; k < from[2 * i + 1]; k++) {
				f->segs.v[k].dy += low - ny[i];
				rb = fmax(rb, f->segs.v[k].dy + ss * c->ink_below);
			}
		/* the row under the one before, a blank line apart */
		for (size_t k = first; k < f->segs.n; k++) {
			f->segs.v[k].dy += top;
			if (f->segs.v[k].kind != SG_TEXT)
				f->segs.v[k].dy2 += top;
		}
		bottom = top + rb;
		top = bottom + ss * hp + ss * c->ink_above;
	}
	free(from);
	free(ny);
	return bottom;
}

/* Entry i of Nơi nhận (before its dash): 0 "Như trên;", 1..nr the
 * recipients ending ";", nr + 1 "Lưu: VT, ...". */
void layout_recipient_entry(struct buf *b, const struct doc *doc, const struct style *st,
			    size_t i)
{
	size_t nr = doc->recipients.n;
	if (i == 0) {
		buf_puts(b, st->as_above);
		buf_puts(b, ";");
	} else if (i <= nr) {
		const char *s = doc->recipients.v[i - 1].s;
		size_t l = strlen(s);
		while (l && (s[l - 1] == ';' || s[l - 1] == '.' || s[l - 1] == ','))
			l--;
		buf_add(b, s, l);
		buf_putc(b, ';');
	} else {
		const char *a = doc->archive.s ? doc->archive.s : "VT";
		size_t l = strlen(a);
		while (l && (a[l - 1] == '.' || a[l - 1] == ';'))
			l--;
		if (strncmp(a, "Lưu:", strlen("Lưu:")))
			buf_puts(b, "Lưu: ");
		buf_add(b, a, l);
		buf_putc(b, '.');
	}
}

/* Nơi nhận: "- item;" lines, "- Như trên;" first when there is a Kính
 * gửi, the last "- Lưu: VT, ...", then the drafter and copies (ô 12); the
 * label's baseline at ynn, the lines at most rw wide. Returns the last
 * baseline. */
static double recipients(struct lctx *c, struct fline *f, double ynn, double rw)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	double rs = st->sz_recipients, hp = st->header_pitch;
	seg_text(f, F_BOLD_ITALIC, st->sz_recipients_label, 0, ynn,
		 keep(c, st->recipients_label, strlen(st->recipients_label)));
	double yl = ynn;
	double dash = text_width(c->m, F_REGULAR, rs, "- ", 2);
	size_t nr = doc->recipients.n, first = doc->to.n ? 0 : 1;
	for (size_t i = first; i <= nr + 1; i++) {
		struct buf b = {0};
		layout_recipient_entry(&b, doc, st, i);
		const char **lines;
		double *w;
		size_t n = wrap(c, b.data, F_REGULAR, rs, rw - dash, WRAP_RAGGED, &lines, &w);
		for (size_t k = 0; k < n; k++) {
			yl += rs * hp;
			if (k == 0) {
				struct buf lb = {0};
				buf_puts(&lb, "- ");
				buf_puts(&lb, lines[k]);
				seg_text(f, F_REGULAR, rs, 0, yl, keep(c, lb.data, lb.len));
				buf_free(&lb);
			} else {
				seg_text(f, F_REGULAR, rs, dash, yl, lines[k]);
			}
		}
		buf_free(&b);
	}
	if (doc->drafter.s || doc->copies) {
		struct buf b = {0};
		layout_drafter_line(&b, doc);
		yl += rs * hp;
		seg_text(f, F_REGULAR, rs, 0, yl, keep(c, b.data, b.len));
		buf_free(&b);
	}
	return yl;
}

/* Where the list of recipients (its last baseline at yl) runs on to the
 * next page: before the first entry ("- ...", never inside one) below the
 * signature, whose bottom is sig_bottom; HUGE_VAL when it does not. */
static double run_on_cut(const struct lctx *c, const struct fline *f, double sig_bottom,
			 double yl)
{
	const struct style *st = c->st;
	double rs = st->sz_recipients;
	/* Only a list that would make the closing tall (two fifths of the
	 * page) runs on: a short one goes over whole with the signature. */
	bool run_on = yl > 0.4 * (st->page_h - st->margin_top - st->margin_bottom);
	double cut = HUGE_VAL;
	for (size_t i = 0; run_on && i < f->segs.n; i++) {
		const struct seg *sg = &f->segs.v[i];
		if (sg->kind == SG_TEXT && sg->size == rs && sg->dy > sig_bottom + rs &&
		    sg->x < 0.01 && sg->dy < cut)
			cut = sg->dy;
	}
	return cut;
}

/* The lines of Nơi nhận cut from the closing (segments at their dy from
 * the closing's baseline) as flow lines of their own: an entry's lines
 * kept together, and the last two. */
static void push_run_on(struct lctx *c, const struct seg *rest, size_t n)
{
	double rs = c->st->sz_recipients;
	double prev = 0;
	size_t first_rest = c->fl.n;
	for (size_t i = 0; i < n; i++) {
		if (i && rest[i].dy == rest[i - 1].dy) {
			vec_push(&c->fl.v[c->fl.n - 1].segs, rest[i]);
			c->fl.v[c->fl.n - 1].segs.v[c->fl.v[c->fl.n - 1].segs.n - 1].dy = 0;
			continue;
		}
		struct fline l = {0};
		struct seg sg = rest[i];
		l.pitch = sg.dy - prev;
		prev = sg.dy;
		sg.dy = 0;
		vec_push(&l.segs, sg);
		l.above = rs * c->ink_above;
		l.below = rs * c->ink_below;
		l.para = -1;
		vec_push(&c->fl, l);
	}
	/* An entry's lines stay together ("- Trung tâm ..." and the line
	 * under it, set in from the dash). */
	for (size_t j = first_rest; j + 1 < c->fl.n; j++)
		if (c->fl.v[j + 1].segs.n && c->fl.v[j + 1].segs.v[0].x > 0.01)
			c->fl.v[j].keep_with_next = true;
	/* The last two lines of the list go over together. */
	if (n && c->fl.n >= 2 && c->fl.v[c->fl.n - 2].segs.n &&
	    c->fl.v[c->fl.n - 2].segs.v[0].size == rs)
		c->fl.v[c->fl.n - 2].keep_with_next = true;
}

/* Nơi nhận (ô 9b) on the left and the signature (ô 7) on the right, level
 * with each other: one unbreakable flow line. Several signers stand side
 * by side above Nơi nhận. */
void compose_closing(struct lctx *c)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	struct fline f = {0};
	double L = st->left_col, R = c->text_w - L, cr = L + R / 2;
	double hp = st->header_pitch;
	double ss = st->sz_signature;
	double bottom, ynn = 0;
	size_t ns = doc->signatures.n;

	if (ns <= 1) {
		bottom = ns ? signature_block(c, &f, &doc->signatures.v[0], cr, R, NULL, NULL) : 0;
	} else {
		bottom = joint_signatures(c, &f);
		ynn = bottom + ss * hp;
	}

	double rs = st->sz_recipients, rw = st->recipients_width;
	/* Beside a single signature, the list keeps 10 pt clear of its widest
	 * line (a long title reaches far to the left). */
	if (ns <= 1)
		for (size_t i = 0; i < f.segs.n; i++)
			if (f.segs.v[i].kind == SG_TEXT)
				rw = fmin(rw, f.segs.v[i].x - 10);
	rw = fmax(rw, L / 2);
	double yl = recipients(c, &f, ynn, rw);
	/* A list of recipients longer than the signature block may run on to
	 * the next page: the lines below the signature become flow lines of
	 * their own. */
	double cut = run_on_cut(c, &f, bottom, yl);
	VEC(struct seg) rest = {0};
	size_t k = 0;
	for (size_t i = 0; i < f.segs.n; i++) {
		struct seg *sg = &f.segs.v[i];
		bool recipient = sg->kind == SG_TEXT && sg->size == rs && sg->dy > 0;
		if (recipient && sg->dy >= cut - 0.01)
			vec_push(&rest, *sg);
		else
			f.segs.v[k++] = *sg;
	}
	f.segs.n = k;
	bottom = fmax(bottom, (rest.n ? rest.v[0].dy - rs * hp : yl) + rs * c->ink_below);
	f.pitch = st->closing_space + ss * c->ink_above;
	f.above = ss * c->ink_above;
	f.below = bottom;
	f.para = -1;
	vec_push(&c->fl, f);
	push_run_on(c, rest.v, rest.n);
	vec_free(&rest);
}
