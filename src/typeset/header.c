/* header.c - the page-1 header (NĐ 30/2020, Phụ lục I, ô 1-5, 9a, 10, 11):
 * the national title and the issuing body side by side, the number and
 * the date lines, the boxed stamps, the title block and Kính gửi. */
#include "layout_int.h"
#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_cong_van(const struct doc *doc)
{
	return doc->dt && !doc->dt->name[0];
}

/* What follows the number: "TB-LĐLĐ" (type-issuer), "UBND-VX" for a công
 * văn (issuer-unit), "TB/TU" in the Party's style; or `code:` as given. */
void code_text(struct buf *b, const struct doc *doc, const struct style *st)
{
	if (doc->code.s) {
		buf_puts(b, doc->code.s);
	} else if (is_cong_van(doc) && st->cong_van_code && *st->cong_van_code) {
		buf_printf(b, "%s%s%s", st->cong_van_code, st->code_sep,
			   doc->issuer_code.s ? doc->issuer_code.s : "");
	} else if (is_cong_van(doc)) {
		buf_puts(b, doc->issuer_code.s ? doc->issuer_code.s : "");
		if (doc->unit.s)
			buf_printf(b, "-%s", doc->unit.s);
	} else {
		buf_printf(b, "%s%s%s", doc->dt ? doc->dt->abbr : "", st->code_sep,
			   doc->issuer_code.s ? doc->issuer_code.s : "");
	}
}

char *layout_number_line(const struct doc *doc, const struct style *st)
{
	struct buf b = {0};
	buf_puts(&b, st->number_label);
	if (doc->number) {
		char *n = vn_number(doc->number);
		buf_printf(&b, " %s", n);
		free(n);
	} else {
		/* Numbered after signing: room to write it by hand. */
		buf_puts(&b, "        ");
	}
	buf_puts(&b, st->number_sep);
	code_text(&b, doc, st);
	return buf_take(&b);
}

char *layout_date_line(const struct doc *doc)
{
	char *d = vn_date_words(doc->year, doc->month, doc->day);
	struct buf b = {0};
	buf_printf(&b, "%s, %s", doc->place.s, d);
	free(d);
	return buf_take(&b);
}

/* Text in a box (độ khẩn, phạm vi lưu hành), centred at cx with its top at
 * y; returns the box's bottom. w = 0 sizes the box to the text. */
static double boxed(struct lctx *c, struct fline *f, const char *text, double size, double cx,
		    double y, double w, double h, uint32_t color)
{
	double tw = width_of(c, F_BOLD, size, text);
	if (w < tw + size)
		w = tw + size;
	if (h < size * 1.6)
		h = size * 1.6;
	struct seg box = {SG_RECT, 0, 0, cx - w / 2, y, cx + w / 2, y + h, NULL, color};
	vec_push(&f->segs, box);
	struct seg t = {SG_TEXT, F_BOLD, size, cx - tw / 2, y + h / 2 + size * 0.33, 0, 0,
			keep(c, text, strlen(text)), color};
	vec_push(&f->segs, t);
	return y + h;
}

/* "Kính gửi:" (ô 9a). One addressee on the same line; several as "- …;"
 * lines, the last ending ".", aligned after the label. The block is
 * centred on the text. Returns the last baseline. */
static double kinh_gui(struct lctx *c, struct fline *f, double y)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	/* Addressees are set apart like paragraphs. */
	double sz = st->sz_to, pitch = sz * st->line_pitch, gap = st->para_space;
	const char *label = st->to_label;
	double lw = width_of(c, F_REGULAR, sz, label) + width_of(c, F_REGULAR, sz, " ");
	size_t n = doc->to.n;
	char **items = xmalloc(n * sizeof *items);
	double widest = 0, avail = c->text_w - lw;
	bool over = false;
	for (size_t i = 0; i < n; i++) {
		const char *s = doc->to.v[i].s;
		size_t l = strlen(s);
		while (l && (s[l - 1] == ';' || s[l - 1] == '.' || s[l - 1] == ','))
			l--;
		struct buf b = {0};
		if (n > 1)
			buf_puts(&b, "- ");
		buf_add(&b, s, l);
		if (n > 1)
			buf_putc(&b, i + 1 < n ? ';' : '.');
		items[i] = buf_take(&b);
		double w = width_of(c, F_REGULAR, sz, items[i]);
		if (w > avail)
			over = true;
		else if (w > widest)
			widest = w;
	}
	/* An addressee too long for one line wraps within the block the
	 * others make (three quarters of the line at least), which stays
	 * centred instead of moving to the margin. */
	if (over)
		widest = fmax(widest, 0.75 * avail);
	double x0 = (c->text_w - lw - widest) / 2;
	if (x0 < 0)
		x0 = 0;
	seg_text(f, F_REGULAR, sz, x0, y, keep(c, label, strlen(label)));
	for (size_t i = 0; i < n; i++) {
		const char **lines;
		double *w;
		size_t nl = wrap(c, items[i], F_REGULAR, sz, widest, WRAP_RAGGED, &lines, &w);
		for (size_t k = 0; k < nl; k++) {
			if (i || k)
				y += pitch + (k ? 0 : gap);
			seg_text(f, F_REGULAR, sz, x0 + lw, y, lines[k]);
		}
		free(items[i]);
	}
	free(items);
	return y;
}

/* The header's two columns: the left one (the issuing body, the number)
 * L wide, centred at cl; the right one (the national title, the date) R
 * wide, centred at cr; line pitch hp (in sizes), rules drop below. */
struct hcols {
	double L, R, cl, cr;
	double hp, drop;
};

/* Right: national title, motto, and a rule as long as the motto (or, with
 * no motto, as the title: the Party's header), the first baseline at y.
 * Returns the rule's dy; *LW is the width left beside the national title
 * for the lines of the left column level with it, *nright their count. */
static double right_column(struct lctx *c, struct fline *f, const struct hcols *g, double y,
			   double *LW, size_t *nright)
{
	const struct style *st = c->st;
	double R = g->R, cr = g->cr, hp = g->hp;
	double tw;
	double yr = centred_narrowed(c, f, st->national_title, F_BOLD, st->sz_national, cr, R,
				     R, 0, y, st->sz_national * hp, &tw, nright);
	/* Left lines level with the national title keep clear of it; the
	 * shorter motto and the lines below leave the whole column free. */
	*LW = fmin(g->L, 2 * (cr - tw / 2 - st->column_gap - g->cl));
	double rule_r = yr + st->sz_national * g->drop;
	if (st->motto[0] != 0) {
		yr += st->sz_motto * hp;
		yr = centred(c, f, st->motto, F_BOLD, st->sz_motto, cr, R, yr, st->sz_motto * hp,
			     &tw);
		rule_r = yr + st->sz_motto * g->drop;
	}
	seg_rule(f, cr - tw / 2, cr + tw / 2, rule_r);
	return rule_r;
}

/* Left: parent body (regular caps), issuing body (bold caps), then a rule
 * of 1/3-1/2 of its width, or the Party's "*"; the first baseline at y,
 * the first nright lines at most LW wide. Returns the rule's dy. */
static double left_column(struct lctx *c, struct fline *f, const struct hcols *g, double y,
			  double LW, size_t nright)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	double L = g->L, cl = g->cl, hp = g->hp;
	size_t used = 0;
	double yl = y;
	bool any = false;
	if (doc->parent.s) {
		char *p = text_upper(doc->parent.s);
		yl = centred_narrowed(c, f, p, F_REGULAR, st->sz_parent, cl, L, LW, nright, yl,
				      st->sz_parent * hp, NULL, &used);
		free(p);
		any = true;
	}
	char *is = text_upper(doc->issuer.s);
	if (any)
		yl += st->sz_issuer * hp;
	double iw;
	yl = centred_narrowed(c, f, is, F_BOLD, st->sz_issuer, cl, L, LW,
			      used < nright ? nright - used : 0, yl, st->sz_issuer * hp, &iw, NULL);
	free(is);
	double rule_l;
	if (st->issuer_star) {
		yl += st->sz_issuer * hp;
		centred_line(c, f, "*", F_REGULAR, st->sz_issuer, cl, yl);
		rule_l = yl;
	} else {
		rule_l = yl + st->sz_issuer * g->drop;
		double rl = iw * st->issuer_rule;
		seg_rule(f, cl - rl / 2, cl + rl / 2, rule_l);
	}
	return rule_l;
}

/* The number in the left column and the date in the right one, on the
 * baseline ynum. Returns the date's last baseline. */
static double number_and_date(struct lctx *c, struct fline *f, const struct hcols *g,
			      double ynum)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	double cl = g->cl, cr = g->cr;
	char *num = layout_number_line(doc, st);
	centred_line(c, f, num, F_REGULAR, st->sz_number, cl, ynum);
	double num_r = cl + width_of(c, F_REGULAR, st->sz_number, num) / 2;
	free(num);
	/* The date centred under the national title. A long place name
	 * ("Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2019") would cross the
	 * right margin: the line is set smaller, half a point at a time down
	 * to 13 pt (the decree allows 13-14), and if it still would, it ends
	 * at the margin. */
	char *date = layout_date_line(doc);
	double dsz = st->sz_date, dw = width_of(c, F_ITALIC, dsz, date);
	while (cr + dw / 2 > c->text_w && dsz > fmin(13, st->sz_date)) {
		dsz -= 0.5;
		dw = width_of(c, F_ITALIC, dsz, date);
	}
	double dcx = fmin(cr, c->text_w - dw / 2);
	double bottom = ynum;
	if (dcx - dw / 2 < num_r + st->column_gap / 2)
		/* Moved left it would touch the number: two lines, centred,
		 * after the comma ("Thành phố Phan Rang - Tháp Chàm, / ngày
		 * ..."). */
		bottom = centred(c, f, date, F_ITALIC, st->sz_date, cr, g->R, ynum,
				 st->sz_date * g->hp, NULL);
	else
		seg_text(f, F_ITALIC, dsz, dcx - dw / 2, ynum, keep(c, date, strlen(date)));
	free(date);
	return bottom;
}

/* Under the number: a công văn's "V/v ..." (ô 5b), then độ khẩn (ô 10b)
 * and phạm vi lưu hành (ô 11), boxed. Returns the bottom of what is set
 * there (ynum when nothing is). */
static double under_number(struct lctx *c, struct fline *f, const struct hcols *g,
			   double ynum)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	double cl = g->cl;
	double yleft = ynum;
	if (is_cong_van(doc)) {
		struct buf b = {0};
		size_t pl = strlen(st->vv_prefix);
		if (strncmp(doc->subject.s, st->vv_prefix, pl) || doc->subject.s[pl] != ' ') {
			buf_puts(&b, st->vv_prefix);
			buf_puts(&b, " ");
		}
		buf_puts(&b, doc->subject.s);
		yleft = centred(c, f, b.data, st->vv_italic ? F_ITALIC : F_REGULAR, st->sz_vv, cl,
				g->L, ynum + st->vv_space + st->sz_vv, st->sz_vv * g->hp, NULL);
		buf_free(&b);
	}
	double ybox = yleft;
	if (doc->urgency || doc->circulation.s)
		ybox += st->sz_number * c->ink_below;
	if (doc->urgency) {
		static const char *const label[] = {"", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"};
		/* A stamp stands apart from the V/v lines above it. */
		ybox = boxed(c, f, label[doc->urgency], st->sz_stamp, cl, ybox + st->sz_stamp,
			     st->stamp_w[doc->urgency], st->stamp_h, st->stamp_color);
	}
	if (doc->circulation.s) {
		char *u = text_upper(doc->circulation.s);
		ybox = boxed(c, f, u, st->sz_stamp, cl, ybox + st->sz_stamp, 0, st->stamp_h, 0);
		free(u);
	}
	return ybox;
}

/* Title block, centred on the text: tên loại and trích yếu (ô 5a), with
 * the rule under them, below bottom. Returns the rule's dy. */
static double title_block(struct lctx *c, struct fline *f, const struct hcols *g,
			  double bottom)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	double tc = c->text_w / 2, hp = g->hp;
	double yt = bottom + st->title_space + st->sz_title * c->ink_above;
	char *title = text_upper(doc->title.s ? doc->title.s : doc->dt->name);
	yt = centred(c, f, title, F_BOLD, st->sz_title, tc, c->text_w, yt, st->sz_title * hp,
		     NULL);
	free(title);
	yt += st->sz_subject * hp;
	double sw;
	yt = centred(c, f, doc->subject.s, F_BOLD, st->sz_subject, tc, st->subject_width, yt,
		     st->sz_subject * hp, &sw);
	double rule_s = yt + st->sz_subject * g->drop;
	double rs = sw * st->subject_rule;
	seg_rule(f, tc - rs / 2, tc + rs / 2, rule_s);
	return rule_s;
}

/* Page-1 header (ô 1-4, 5b, 10, 11), the title block (ô 5a) and Kính gửi
 * (ô 9a) as one unbreakable flow line whose baseline is its last line. */
void compose_header(struct lctx *c)
{
	const struct doc *doc = c->doc;
	const struct style *st = c->st;
	struct fline f = {0};
	struct hcols g;
	g.L = st->left_col;
	g.R = c->text_w - g.L;
	g.cl = g.L / 2;
	g.cr = g.L + g.R / 2;
	g.hp = st->header_pitch;
	g.drop = st->rule_drop;

	double y = st->sz_national * c->ink_above;
	double LW;
	size_t nright;
	double rule_r = right_column(c, &f, &g, y, &LW, &nright);
	double rule_l = left_column(c, &f, &g, y, LW, nright);
	/* Number and date on one baseline, clear of both rules. */
	double ynum = fmax(rule_l, rule_r) + st->number_space;
	double bottom = number_and_date(c, &f, &g, ynum);
	bottom = fmax(bottom, under_number(c, &f, &g, ynum));
	double yend = is_cong_van(doc) ? bottom : title_block(c, &f, &g, bottom);
	if (doc->to.n) {
		double yk = yend + st->body_space + st->sz_to * c->ink_above;
		yend = kinh_gui(c, &f, yk);
	}

	/* The flow line's baseline is the bottom of the header. */
	for (size_t i = 0; i < f.segs.n; i++) {
		f.segs.v[i].dy -= yend;
		f.segs.v[i].dy2 -= yend;
	}
	f.above = yend;
	f.below = st->rule_width;
	f.para = -1;
	f.keep_with_next = true;
	vec_push(&c->fl, f);
}
