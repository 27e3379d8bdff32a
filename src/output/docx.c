/* docx.c - a document as an editable Word file (.docx): written from the
 * model and its blocks, not from the laid-out pages, so that Word and
 * LibreOffice wrap and paginate it themselves and it edits like any
 * document. The decree's layout is kept with the style's measures: the
 * header as a borderless two-column table with the rules as paragraph
 * borders of the decree's lengths, the title block, the body as real
 * paragraphs in named styles, tables with the header row repeated, the
 * closing as a borderless table kept together, appendices in sections of
 * their own, page numbers in the header from page 2.
 *
 * Vertical places follow the PDF's: every line has an exact pitch, so a
 * line of height h set at size s has its baseline h - DESC * s below its
 * top (LibreOffice and Word keep the font's descent under a fixed line),
 * and the spaces before paragraphs are worked out from that. */
#include "docx_int.h"
#include "typeset/typeset.h"
#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The descent of Times New Roman and Liberation Serif, in ems. */
#define DESC 0.216
/* The ink above the baseline the layout gives a line (layout_int.h: the
 * font's 0.916 em rounded, and room). */
#define INK_ABOVE 0.98
/* The height of a rule paragraph: its top border is the rule. */
#define RULE_H 1.0
#define FONT "Times New Roman"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define WP_NS "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

static bool is_cong_van(const struct doc *doc)
{
	return doc->dt && !doc->dt->name[0];
}

/* Text as runs: "\n" a line break; face the Markdown flags on top of the
 * paragraph style's. */
static void run(struct buf *b, const char *text, int face, const char *extra)
{
	buf_puts(b, "<w:r>");
	if (face || extra) {
		buf_puts(b, "<w:rPr>");
		if (face & RUN_BOLD)
			buf_puts(b, "<w:b/><w:bCs/>");
		if (face & RUN_ITALIC)
			buf_puts(b, "<w:i/><w:iCs/>");
		if (extra)
			buf_puts(b, extra);
		buf_puts(b, "</w:rPr>");
	}
	const char *s = text;
	while (*s) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n) {
			char *piece = xstrndup(s, n);
			buf_puts(b, "<w:t xml:space=\"preserve\">");
			xml_escape(b, piece);
			buf_puts(b, "</w:t>");
			free(piece);
		}
		if (!e)
			break;
		buf_puts(b, "<w:br/>");
		s = e + 1;
	}
	buf_puts(b, "</w:r>");
}

/* The start of a paragraph in style id; ppr: more of its properties. */
static void para_open(struct buf *b, const char *id, const char *ppr)
{
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/>%s</w:pPr>", id, ppr ? ppr : "");
}

/* A paragraph of one text in style id. */
static void para_text(struct buf *b, const char *id, const char *ppr, const char *text,
		      const char *rpr)
{
	para_open(b, id, ppr);
	run(b, text, 0, rpr);
	buf_puts(b, "</w:p>");
}

/* w:spacing with before (pt, at least 0), as a pPr piece in p. */
static void spacing(struct buf *p, double before, double after)
{
	buf_printf(p, "<w:spacing w:before=\"%ld\" w:after=\"%ld\"/>",
		   dx_tw(fmax(before, 0)), dx_tw(fmax(after, 0)));
}

/* A rule len long, centred in a container w wide, its top border drop
 * below the bottom of the line above: an empty paragraph RULE_H high. */
static void rule_para(struct docx *x, struct buf *b, double w, double len, double drop)
{
	double side = fmax((w - len) / 2, 0);
	long sz = lround(x->st->rule_width * 8);
	if (sz < 2)
		sz = 2;
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"VanbanRule\"/><w:keepNext/>"
		   "<w:pBdr><w:top w:val=\"single\" w:sz=\"%ld\" w:space=\"0\" w:color=\"000000\"/>"
		   "</w:pBdr><w:spacing w:before=\"%ld\" w:after=\"0\" w:line=\"%ld\" "
		   "w:lineRule=\"exact\"/><w:ind w:left=\"%ld\" w:right=\"%ld\"/>"
		   "<w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>",
		   sz, dx_tw(fmax(drop, 0)), dx_tw(RULE_H), dx_tw(side), dx_tw(side));
}

/* Balanced lines of text within width (as the layout breaks titles),
 * joined with "\n"; in x->ar. */
static const char *balanced(struct docx *x, const char *text, int face, double size,
			    double width, double *maxw)
{
	const char **lines;
	double *w;
	size_t n = layout_wrap(x->m, x->st->phrases, &x->ar, text, face, size, width, true, &lines,
			       &w);
	struct buf b = {0};
	double mw = 0;
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, '\n');
		buf_puts(&b, lines[i]);
		mw = fmax(mw, w[i]);
	}
	if (maxw)
		*maxw = mw;
	const char *r = arena_strdup(&x->ar, b.data ? b.data : "");
	buf_free(&b);
	return r;
}

static double width(struct docx *x, int face, double size, const char *s)
{
	return text_width(x->m, face, size, s, strlen(s));
}

/* ---- Tables ---------------------------------------------------------- */

/* A borderless table of columns w[0..n) (pt), started. */
static void plain_table(struct buf *b, const double *w, int n)
{
	/* Word wants the properties in the schema's order. */
	buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders>"
		 "<w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
		 "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>"
		 "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
		 "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
		 "<w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>"
		 "<w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>");
	for (int i = 0; i < n; i++)
		buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", dx_tw(w[i]));
	buf_puts(b, "</w:tblGrid>");
}

static void cell_open(struct buf *b, double w, int span)
{
	buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>", dx_tw(w));
	if (span > 1)
		buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
	buf_puts(b, "</w:tcPr>");
}

/* ---- The header (ô 1-5) ---------------------------------------------- */

/* The space before a line of size s and pitch h whose baseline is to be
 * `want` below the bottom of what is above it. */
static double before_for(double want, double s, double h)
{
	return want - (h - DESC * s);
}

/* Left column, row 1: parent body, issuing body, the rule or the star. */
static void issuer_cell(struct docx *x, struct buf *b, double L)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	cell_open(b, L, 1);
	if (doc->parent.s) {
		char *p = text_upper(doc->parent.s);
		para_text(b, "VanbanParent", "<w:keepNext/>",
			  balanced(x, p, F_REGULAR, st->sz_parent, L, NULL), NULL);
		free(p);
	}
	char *is = text_upper(doc->issuer.s);
	double iw;
	const char *lines = balanced(x, is, F_BOLD, st->sz_issuer, L, &iw);
	free(is);
	para_text(b, "VanbanIssuer", "<w:keepNext/>", lines, NULL);
	if (st->issuer_star)
		para_text(b, "VanbanIssuer", "<w:keepNext/>", "*", "<w:b w:val=\"0\"/>");
	else
		rule_para(x, b, L, iw * st->issuer_rule,
			  st->sz_issuer * (st->rule_drop - DESC));
	buf_puts(b, "</w:tc>");
}

/* Right column, row 1: national title, motto and the rule as long as the
 * motto (as the title when there is no motto). */
static void national_cell(struct docx *x, struct buf *b, double R)
{
	const struct style *st = x->st;
	cell_open(b, R, 1);
	double tw;
	const char *t = balanced(x, st->national_title, F_BOLD, st->sz_national, R, &tw);
	para_text(b, "VanbanNational", "<w:keepNext/>", t, NULL);
	double drop = st->sz_national * (st->rule_drop - DESC);
	if (st->motto[0]) {
		para_text(b, "VanbanMotto", "<w:keepNext/>", st->motto, NULL);
		tw = width(x, F_BOLD, st->sz_motto, st->motto);
		drop = st->sz_motto * (st->rule_drop - DESC);
	}
	rule_para(x, b, R, tw, drop);
	buf_puts(b, "</w:tc>");
}

/* The independent depth of the two columns' rules, to set the number and
 * the date on one baseline under the lower: how far below the row's
 * bottom each rule lies does not matter, the row ends RULE_H under the
 * lower rule. */
static void number_cell(struct docx *x, struct buf *b, double L)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	double hp = st->header_pitch;
	cell_open(b, L, 1);
	struct buf p = {0};
	double h = st->sz_number * hp;
	spacing(&p, before_for(st->number_space - RULE_H, st->sz_number, h), 0);
	char *num = layout_number_line(doc, st);
	para_text(b, "VanbanNumber", p.data, num, NULL);
	free(num);
	buf_free(&p);
	if (is_cong_van(doc)) {
		struct buf v = {0};
		size_t pl = strlen(st->vv_prefix);
		if (strncmp(doc->subject.s, st->vv_prefix, pl) || doc->subject.s[pl] != ' ')
			buf_printf(&v, "%s ", st->vv_prefix);
		buf_puts(&v, doc->subject.s);
		double vh = st->sz_vv * hp;
		spacing(&p, before_for(st->vv_space + st->sz_vv, st->sz_vv, vh) - DESC * st->sz_number,
			0);
		para_text(b, "VanbanVv", p.data,
			  balanced(x, v.data, st->vv_italic ? F_ITALIC : F_REGULAR, st->sz_vv, L, NULL),
			  NULL);
		buf_free(&p);
		buf_free(&v);
	}
	static const char *const label[] = {"", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"};
	for (int k = 0; k < 2; k++) {
		const char *text = NULL;
		char *u = NULL;
		double w = 0;
		if (k == 0 && doc->urgency) {
			text = label[doc->urgency];
			w = st->stamp_w[doc->urgency];
		} else if (k == 1 && doc->circulation.s) {
			text = u = text_upper(doc->circulation.s);
		}
		if (!text)
			continue;
		double tw = width(x, F_BOLD, st->sz_stamp, text);
		if (w < tw + st->sz_stamp)
			w = tw + st->sz_stamp;
		double side = fmax((L - w) / 2, 0);
		uint32_t col = k == 0 ? st->stamp_color : 0;
		buf_printf(&p, "<w:pBdr>");
		static const char *const edge[] = {"top", "left", "bottom", "right"};
		for (int e = 0; e < 4; e++)
			buf_printf(&p, "<w:%s w:val=\"single\" w:sz=\"8\" w:space=\"1\" "
				   "w:color=\"%06X\"/>", edge[e], (unsigned)col);
		buf_printf(&p, "</w:pBdr><w:spacing w:before=\"%ld\" w:after=\"0\"/>"
			   "<w:ind w:left=\"%ld\" w:right=\"%ld\"/>", dx_tw(st->sz_stamp),
			   dx_tw(side), dx_tw(side));
		char rpr[64];
		snprintf(rpr, sizeof rpr, "<w:color w:val=\"%06X\"/>", (unsigned)col);
		para_text(b, "VanbanStamp", p.data, text, rpr);
		buf_free(&p);
		free(u);
	}
	buf_puts(b, "</w:tc>");
}

/* The date under the national title, set smaller down to 13 pt when a
 * long place name would cross the margin (as the layout does). */
static void date_cell(struct docx *x, struct buf *b, double L, double R)
{
	const struct style *st = x->st;
	cell_open(b, R, 1);
	char *date = layout_date_line(x->doc);
	double dsz = st->sz_date, cr = L + R / 2;
	while (cr + width(x, F_ITALIC, dsz, date) / 2 > x->text_w && dsz > fmin(13, st->sz_date))
		dsz -= 0.5;
	double h = st->sz_date * st->header_pitch;
	struct buf p = {0};
	spacing(&p, before_for(st->number_space - RULE_H, dsz, h), 0);
	char rpr[80] = "";
	if (dsz != st->sz_date)
		snprintf(rpr, sizeof rpr, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
			 lround(dsz * 2), lround(dsz * 2));
	para_text(b, "VanbanDate", p.data, date, rpr[0] ? rpr : NULL);
	buf_free(&p);
	free(date);
	buf_puts(b, "</w:tc>");
}

static void header_table(struct docx *x)
{
	const struct style *st = x->st;
	struct buf *b = &x->body;
	double L = st->left_col, R = x->text_w - L;
	double w[2] = {L, R};
	plain_table(b, w, 2);
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	issuer_cell(x, b, L);
	national_cell(x, b, R);
	buf_puts(b, "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>");
	number_cell(x, b, L);
	date_cell(x, b, L, R);
	buf_puts(b, "</w:tr></w:tbl>");
}

/* Tên loại and trích yếu (ô 5a) with the rule under them. below: the
 * bottom of what is above, from the number's baseline. */
static void title_block(struct docx *x, double below)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	struct buf *b = &x->body;
	double hp = st->header_pitch, h = st->sz_title * hp;
	char *title = text_upper(doc->title.s ? doc->title.s : doc->dt->name);
	struct buf p = {0};
	buf_puts(&p, "<w:keepNext/>");
	spacing(&p, before_for(st->title_space + st->sz_title * INK_ABOVE - below, st->sz_title, h),
		0);
	para_text(b, "VanbanTitle", p.data, balanced(x, title, F_BOLD, st->sz_title, x->text_w, NULL),
		  NULL);
	buf_free(&p);
	free(title);
	double sw;
	const char *subj = balanced(x, doc->subject.s, F_BOLD, st->sz_subject, st->subject_width, &sw);
	para_text(b, "VanbanSubject", "<w:keepNext/>", subj, NULL);
	rule_para(x, b, x->text_w, sw * st->subject_rule, st->sz_subject * (st->rule_drop - DESC));
}

/* Kính gửi (ô 9a): the label and one addressee on a line, or "- …;"
 * lines set in after the label; the block centred on the text. */
static void kinh_gui(struct docx *x, double first_before)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	struct buf *b = &x->body;
	double sz = st->sz_to;
	double lw = width(x, F_REGULAR, sz, st->to_label) + width(x, F_REGULAR, sz, " ");
	size_t n = doc->to.n;
	char **items = xmalloc(n * sizeof *items);
	double widest = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = doc->to.v[i].s;
		size_t l = strlen(s);
		while (l && (s[l - 1] == ';' || s[l - 1] == '.' || s[l - 1] == ','))
			l--;
		struct buf t = {0};
		if (n > 1)
			buf_puts(&t, "- ");
		buf_add(&t, s, l);
		if (n > 1)
			buf_putc(&t, i + 1 < n ? ';' : '.');
		items[i] = buf_take(&t);
		widest = fmax(widest, width(x, F_REGULAR, sz, items[i]));
	}
	double avail = x->text_w - lw;
	widest = fmin(widest, avail);
	double x0 = fmax((x->text_w - lw - widest) / 2, 0);
	for (size_t i = 0; i < n; i++) {
		struct buf p = {0};
		spacing(&p, i ? st->para_space : first_before, 0);
		buf_printf(&p, "<w:ind w:left=\"%ld\" w:hanging=\"%ld\"/>", dx_tw(x0 + lw),
			   i ? 0 : dx_tw(lw));
		para_open(b, "VanbanTo", p.data);
		if (i == 0) {
			struct buf t = {0};
			buf_printf(&t, "%s ", st->to_label);
			run(b, t.data, 0, NULL);
			buf_free(&t);
		}
		run(b, items[i], 0, NULL);
		buf_puts(b, "</w:p>");
		buf_free(&p);
		free(items[i]);
	}
	free(items);
}

/* ---- The body ---------------------------------------------------------- */

/* The body's end mark "./." at the end of s (as the layout sets it). */
static const char *with_end_mark(struct docx *x, const char *s)
{
	struct buf b = {0};
	if (!layout_end_mark(s, &b))
		return s;
	const char *r = arena_strdup(&x->ar, b.data);
	buf_free(&b);
	return r;
}

/* A Căn cứ line's ending mark in place of its own. */
static const char *with_end(struct docx *x, const char *t, char ch)
{
	size_t l = strlen(t);
	while (l && strchr(" ;,.:", t[l - 1]))
		l--;
	char *n = arena_alloc(&x->ar, l + 2);
	memcpy(n, t, l);
	n[l] = ch;
	n[l + 1] = 0;
	return n;
}

/* The last text run of the body (which takes the end mark), or NULL when
 * a table ends the body: then the mark stands alone under it. */
static const struct run *last_text_run(const struct blocks *body, bool *alone)
{
	const struct run *last = NULL;
	*alone = false;
	for (size_t i = 0; i < body->v.n; i++) {
		const struct block *b = &body->v.v[i];
		if (b->kind == BK_TABLE && b->nrows > 0)
			*alone = true;
		for (size_t r = 0; r < b->runs.n; r++)
			if (strcmp(b->runs.v[r].text, "\n")) {
				last = &b->runs.v[r];
				*alone = false;
			}
	}
	return *alone ? NULL : last;
}

static void runs_out(struct docx *x, struct buf *b, const struct run *runs, size_t n,
		     const struct run *marked, bool caps, char basis_end)
{
	size_t lastr = n;
	for (size_t r = n; basis_end && r-- > 0;)
		if (strcmp(runs[r].text, "\n")) {
			lastr = r;
			break;
		}
	for (size_t r = 0; r < n; r++) {
		const char *t = runs[r].text;
		if (&runs[r] == marked)
			t = with_end_mark(x, t);
		else if (r == lastr)
			t = with_end(x, t, basis_end);
		char *u = caps ? text_upper(t) : NULL;
		run(b, u ? u : t, runs[r].face, NULL);
		free(u);
	}
}

/* A ruled table: the header row bold and centred, repeated on each page;
 * columns shared by what their cells hold. */
static void body_table(struct docx *x, const struct block *t)
{
	const struct style *st = x->st;
	struct buf *b = &x->body;
	int nc = t->ncols;
	double pad = st->table_pad;
	double *need = xcalloc((size_t)nc, sizeof *need), sum = 0;
	for (int k = 0; k < nc; k++) {
		for (int r = 0; r < t->nrows; r++) {
			const struct cell *c = &t->cells[r * nc + k];
			double w = 0;
			for (size_t i = 0; i < c->runs.n; i++)
				w += width(x, r == 0 ? F_BOLD : c->runs.v[i].face, st->sz_table,
					   c->runs.v[i].text);
			need[k] = fmax(need[k], fmin(w, x->text_w / 2));
		}
		need[k] += 2 * pad + 1;
		sum += need[k];
	}
	for (int k = 0; k < nc; k++)
		need[k] *= x->text_w / sum;
	long bs = lround(st->rule_width * 8);
	buf_printf(b, "<w:tbl><w:tblPr><w:tblW w:w=\"%ld\" w:type=\"dxa\"/><w:tblBorders>",
		   dx_tw(x->text_w));
	static const char *const edge[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
	for (int e = 0; e < 6; e++)
		buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"%ld\" w:space=\"0\" w:color=\"000000\"/>",
			   edge[e], bs);
	buf_printf(b, "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
		   "<w:tblCellMar><w:top w:w=\"%ld\" w:type=\"dxa\"/>"
		   "<w:left w:w=\"%ld\" w:type=\"dxa\"/><w:bottom w:w=\"%ld\" w:type=\"dxa\"/>"
		   "<w:right w:w=\"%ld\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\"/>"
		   "</w:tblPr><w:tblGrid>", dx_tw(pad), dx_tw(pad), dx_tw(pad), dx_tw(pad));
	for (int k = 0; k < nc; k++)
		buf_printf(b, "<w:gridCol w:w=\"%ld\"/>", dx_tw(need[k]));
	buf_puts(b, "</w:tblGrid>");
	for (int r = 0; r < t->nrows; r++) {
		buf_puts(b, r == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr>");
		for (int k = 0; k < nc; k++) {
			const struct cell *c = &t->cells[r * nc + k];
			char al = t->aligns ? t->aligns[k] : 0;
			const char *jc = r == 0 || al == 'c' ? "center" : al == 'r' ? "right" : "left";
			cell_open(b, need[k], 1);
			char ppr[80];
			snprintf(ppr, sizeof ppr, "<w:jc w:val=\"%s\"/>", jc);
			para_open(b, "VanbanTable", ppr);
			for (size_t i = 0; i < c->runs.n; i++)
				run(b, c->runs.v[i].text, c->runs.v[i].face | (r == 0 ? RUN_BOLD : 0),
				    NULL);
			buf_puts(b, "</w:p></w:tc>");
		}
		buf_puts(b, "</w:tr>");
	}
	buf_puts(b, "</w:tbl>");
	free(need);
}

/* The body's blocks as paragraphs; first_before: the space before the
 * first; keep_last: the last two hold to what follows (the closing);
 * end_mark: the last text ends "./.". */
static void body_blocks(struct docx *x, const struct blocks *body, double first_before,
			bool end_mark)
{
	const struct style *st = x->st;
	struct buf *b = &x->body;
	bool alone = false;
	const struct run *marked = end_mark ? last_text_run(body, &alone) : NULL;
	alone = alone && end_mark;
	size_t n = body->v.n;
	for (size_t i = 0; i < n; i++) {
		const struct block *bk = &body->v.v[i];
		if (bk->kind == BK_TABLE) {
			if (bk->nrows > 0)
				body_table(x, bk);
			continue;
		}
		const char *id = "VanbanBody";
		bool caps = false;
		char basis_end = 0;
		char hid[40];
		if (bk->kind == BK_HEADING) {
			int lv = bk->level > MAX_HEADINGS ? MAX_HEADINGS : bk->level;
			snprintf(hid, sizeof hid, "VanbanHeading%d", lv);
			id = hid;
			caps = st->heading[lv - 1].caps;
		} else if (bk->kind == BK_BASIS) {
			id = "VanbanBasis";
			bool last = i + 1 >= n || body->v.v[i + 1].kind != BK_BASIS;
			bool has_mark = false;
			for (size_t r = 0; r < bk->runs.n; r++)
				has_mark = has_mark || &bk->runs.v[r] == marked;
			if (!has_mark)
				basis_end = last ? st->basis_last[0] : ';';
		} else if (bk->kind == BK_DECIDE) {
			id = "VanbanDecide";
		} else if (bk->kind == BK_ITEM) {
			id = "VanbanListItem";
		}
		struct buf p = {0};
		/* The closing pulls the last two body paragraphs with it. */
		if (end_mark && i + 2 >= n && !alone)
			buf_puts(&p, "<w:keepNext/><w:keepLines/>");
		bool before_table = i + 1 < n && body->v.v[i + 1].kind == BK_TABLE;
		if (i == 0 || before_table)
			spacing(&p, i == 0 ? first_before : st->para_space,
				before_table ? st->para_space : 0);
		para_open(b, id, p.data);
		buf_free(&p);
		if (bk->marker) {
			struct buf m = {0};
			buf_printf(&m, "%s ", bk->marker);
			run(b, m.data, 0, NULL);
			buf_free(&m);
		}
		runs_out(x, b, bk->runs.v, bk->runs.n, marked, caps, basis_end);
		buf_puts(b, "</w:p>");
	}
	if (alone) {
		struct buf p = {0};
		buf_puts(&p, "<w:keepNext/>");
		spacing(&p, st->para_space, 0);
		buf_puts(&p, "<w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>");
		para_text(b, "VanbanBody", p.data, "./.", NULL);
		buf_free(&p);
	}
}

/* ---- The closing (ô 7-9b) --------------------------------------------- */

/* An image of the package read from path (once), or -1 after a
 * diagnostic. */
static int media_of(struct docx *x, const char *path)
{
	for (size_t i = 0; i < x->media.n; i++)
		if (!strcmp(x->media.v[i].path, path))
			return (int)i;
	struct png_pixels px = {0};
	char why[256];
	if (!image_rgba(path, &px, why, sizeof why)) {
		diag_error(x->d, pos_none(), "'%s' %s", diag_quote(x->d, path), why);
		x->failed = true;
		return -1;
	}
	free(px.px);
	struct docx_media m = {0};
	m.data = read_file(path, &m.len);
	if (!m.data) {
		diag_error(x->d, pos_none(), "cannot read the image '%s'", diag_quote(x->d, path));
		x->failed = true;
		return -1;
	}
	m.ext = is_jpeg(path) ? "jpeg" : "png";
	m.path = path;
	m.w = px.w;
	m.h = px.h;
	vec_push(&x->media, m);
	return (int)x->media.n - 1;
}

/* An image floating over the text, fitted into the box (x0, y0)-(x1, y1)
 * (pt; x from the cell's left edge, y from the paragraph's top), its
 * proportions kept and centred, as the PDF draws it. */
static void float_image(struct docx *x, struct buf *b, const char *path, double x0, double y0,
			double x1, double y1)
{
	int mi = media_of(x, path);
	if (mi < 0)
		return;
	const struct docx_media *m = &x->media.v[mi];
	double bw = x1 - x0, bh = y1 - y0;
	double w = bw, h = bw * m->h / (m->w ? m->w : 1);
	if (h > bh) {
		h = bh;
		w = bh * m->w / (m->h ? m->h : 1);
	}
	double ox = x0 + (bw - w) / 2, oy = y0 + (bh - h) / 2;
	int id = ++x->ndrawings;
	long cx = lround(w * 12700), cy = lround(h * 12700);
	buf_printf(b, "<w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" "
		   "simplePos=\"0\" relativeHeight=\"%d\" behindDoc=\"0\" locked=\"0\" "
		   "layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
		   "<wp:positionH relativeFrom=\"column\"><wp:posOffset>%ld</wp:posOffset>"
		   "</wp:positionH><wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>%ld"
		   "</wp:posOffset></wp:positionV><wp:extent cx=\"%ld\" cy=\"%ld\"/>"
		   "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
		   "<wp:docPr id=\"%d\" name=\"Picture %d\"/><wp:cNvGraphicFramePr/>"
		   "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
		   "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		   "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
		   "<pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"image%d.%s\"/><pic:cNvPicPr/>"
		   "</pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdM%d\"/><a:stretch>"
		   "<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" "
		   "y=\"0\"/><a:ext cx=\"%ld\" cy=\"%ld\"/></a:xfrm><a:prstGeom prst=\"rect\">"
		   "<a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"
		   "</wp:anchor></w:drawing></w:r>",
		   id, lround(ox * 12700), lround(oy * 12700), cx, cy, id, id, id, mi + 1, m->ext,
		   mi + 1, cx, cy);
}

/* The lines of a signature block above the name: "TM. BAN THƯỜNG VỤ",
 * then the title (Q. before it), each balanced within width. */
static const char *sig_lines(struct docx *x, const struct signature *sig, double width_,
			     int *nlines)
{
	const struct style *st = x->st;
	double ss = st->sz_signature;
	bool acting = sig->authority.s && !strcmp(sig->authority.s, "Q.");
	struct buf b = {0};
	if (sig->authority.s && !acting) {
		char *u = text_upper(sig->sign_for.s ? sig->sign_for.s : "");
		struct buf a = {0};
		buf_printf(&a, "%s %s", sig->authority.s, u);
		free(u);
		buf_puts(&b, balanced(x, a.data, F_BOLD, ss, width_, NULL));
		buf_putc(&b, '\n');
		buf_free(&a);
	}
	char *t = text_upper(sig->title.s);
	struct buf tt = {0};
	buf_printf(&tt, "%s%s", acting ? "Q. " : "", t);
	free(t);
	buf_puts(&b, balanced(x, tt.data, F_BOLD, ss, width_, NULL));
	buf_free(&tt);
	int n = 1;
	for (const char *p = b.data; *p; p++)
		n += *p == '\n';
	*nlines = n;
	const char *r = arena_strdup(&x->ar, b.data);
	buf_free(&b);
	return r;
}

/* One signature cell, w wide; extra lines of gap so that the names of
 * joint signers stand on one baseline. */
static void signature_cell(struct docx *x, struct buf *b, const struct signature *sig,
			   const char *lines, double w, double before, int extra)
{
	const struct style *st = x->st;
	double ss = st->sz_signature, h = ss * st->header_pitch;
	cell_open(b, w, 1);
	struct buf p = {0};
	spacing(&p, before, 0);
	para_text(b, "VanbanSignature", p.data, lines, NULL);
	buf_free(&p);
	/* Room to sign: the name's baseline signature_gap below the title's. */
	double gap = st->signature_gap - h + extra * h;
	buf_printf(&p, "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%ld\" "
		   "w:lineRule=\"exact\"/>", dx_tw(fmax(gap, 1)));
	para_open(b, "VanbanSignature", p.data);
	buf_free(&p);
	/* The image between the title and the name, the seal over its left
	 * third (the layout's boxes, from the title line's bottom). */
	double cx = w / 2, room = gap + h - ss * (0.25 + INK_ABOVE) + DESC * ss;
	double top = (0.25 - DESC) * ss;
	double iw = fmin(st->sig_image_w, w);
	if (sig->image.s)
		float_image(x, b, sig->image.s, cx - iw / 2, top + 2, cx + iw / 2, top + room - 2);
	if (sig->seal.s) {
		double sw = st->seal_w, left = cx - iw / 2 - sw * 2 / 3, mid = top + room / 2;
		float_image(x, b, sig->seal.s, left, mid - sw / 2, left + sw, mid + sw / 2);
	}
	buf_puts(b, "</w:p>");
	double nsz = ss;
	struct buf r = {0};
	if (x->doc->signatures.n > 1) {
		while (nsz > ss - 2 && width(x, F_BOLD, nsz, sig->name.s) > w - 4)
			nsz -= 0.5;
		if (nsz != ss)
			buf_printf(&r, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>", lround(nsz * 2),
				   lround(nsz * 2));
	}
	para_text(b, "VanbanSigner", NULL, sig->name.s, r.data);
	buf_free(&r);
	buf_puts(b, "</w:tc>");
}

/* Nơi nhận's entries (as the layout writes them), into a cell. */
static void recipients_cell(struct docx *x, struct buf *b, double w, int span, double before,
			    double rw)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	cell_open(b, w, span);
	struct buf p = {0};
	spacing(&p, before, 0);
	para_text(b, "VanbanRecipientsLabel", p.data, st->recipients_label, NULL);
	buf_free(&p);
	double dash = width(x, F_REGULAR, st->sz_recipients, "- ");
	buf_printf(&p, "<w:ind w:left=\"%ld\" w:right=\"%ld\" w:hanging=\"%ld\"/>", dx_tw(dash),
		   dx_tw(fmax(w - rw, 0)), dx_tw(dash));
	size_t nr = doc->recipients.n;
	for (size_t i = doc->to.n ? 0 : 1; i <= nr + 1; i++) {
		struct buf e = {0};
		buf_puts(&e, "- ");
		layout_recipient_entry(&e, doc, st, i);
		para_text(b, "VanbanRecipients", p.data, e.data, NULL);
		buf_free(&e);
	}
	buf_free(&p);
	if (doc->drafter.s || doc->copies) {
		struct buf e = {0};
		layout_drafter_line(&e, doc);
		para_text(b, "VanbanRecipients", NULL, e.data, NULL);
		buf_free(&e);
	}
	buf_puts(b, "</w:tc>");
}

/* Nơi nhận | signature as a borderless table whose rows do not split;
 * several signers side by side above Nơi nhận. */
static void closing_table(struct docx *x)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	struct buf *b = &x->body;
	double L = st->left_col, R = x->text_w - L;
	double ss = st->sz_signature, hp = st->header_pitch;
	double sb = st->sz_body;
	/* The first signature line's baseline closing_space (and its ink)
	 * under the last body line's. */
	double want = st->closing_space + ss * INK_ABOVE - DESC * sb;
	size_t ns = doc->signatures.n;
	double rs = st->sz_recipients, rl = st->sz_recipients_label;
	if (ns <= 1) {
		double w[2] = {L, R};
		plain_table(b, w, 2);
		buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		int nl = 0;
		const char *lines = ns ? sig_lines(x, &doc->signatures.v[0], R, &nl) : NULL;
		/* Beside a single signature the list keeps clear of its lines. */
		double rw = st->recipients_width;
		if (lines)
			for (const char *s = lines; *s;) {
				const char *e = strchr(s, '\n');
				char *line = e ? xstrndup(s, (size_t)(e - s)) : xstrdup(s);
				rw = fmin(rw, L + R / 2 - width(x, F_BOLD, ss, line) / 2 - 10);
				free(line);
				if (!e)
					break;
				s = e + 1;
			}
		rw = fmax(rw, L / 2);
		recipients_cell(x, b, L, 1, before_for(want, rl, rs * hp), rw);
		if (ns)
			signature_cell(x, b, &doc->signatures.v[0], lines, R,
				       before_for(want, ss, ss * hp), 0);
		else
			buf_puts(b, "<w:tc><w:p/></w:tc>");
		buf_puts(b, "</w:tr></w:tbl>");
		return;
	}
	double cw = x->text_w / (double)ns;
	double *w = xmalloc(ns * sizeof *w);
	for (size_t i = 0; i < ns; i++)
		w[i] = cw;
	plain_table(b, w, (int)ns);
	free(w);
	const char **lines = xmalloc(ns * sizeof *lines);
	int *nl = xmalloc(ns * sizeof *nl), most = 0;
	for (size_t i = 0; i < ns; i++) {
		lines[i] = sig_lines(x, &doc->signatures.v[i], cw, &nl[i]);
		most = nl[i] > most ? nl[i] : most;
	}
	buf_puts(b, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
	for (size_t i = 0; i < ns; i++)
		signature_cell(x, b, &doc->signatures.v[i], lines[i], cw,
			       before_for(want, ss, ss * hp), most - nl[i]);
	buf_puts(b, "</w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr>");
	recipients_cell(x, b, x->text_w, (int)ns,
			before_for(ss * hp - DESC * ss + DESC * ss, rl, rs * hp),
			st->recipients_width);
	buf_puts(b, "</w:tr></w:tbl>");
	free(lines);
	free(nl);
}

/* ---- Appendices and sections ----------------------------------------- */

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

/* The properties of a section: the page, its margins, the page number in
 * the header from its second page (numbering restarted when asked) and
 * page 1's footer (ô 13) in the first section only. */
static void sect_pr(struct docx *x, struct buf *b, bool first, bool restart)
{
	const struct style *st = x->st;
	double hdr = st->page_number_y - st->sz_page_number * (st->header_pitch - DESC);
	buf_printf(b, "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH1\"/>"
		   "<w:headerReference w:type=\"first\" r:id=\"rIdH2\"/>"
		   "<w:footerReference w:type=\"default\" r:id=\"rIdF2\"/>"
		   "<w:footerReference w:type=\"first\" r:id=\"rIdF%d\"/>"
		   "<w:type w:val=\"nextPage\"/>"
		   "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/><w:pgMar w:top=\"%ld\" w:right=\"%ld\" "
		   "w:bottom=\"%ld\" w:left=\"%ld\" w:header=\"%ld\" w:footer=\"%ld\" "
		   "w:gutter=\"0\"/>",
		   first ? 1 : 2, dx_tw(st->page_w), dx_tw(st->page_h), dx_tw(st->margin_top),
		   dx_tw(st->margin_right), dx_tw(st->margin_bottom), dx_tw(st->margin_left),
		   dx_tw(fmax(hdr, 0)), dx_tw(st->margin_bottom));
	if (restart)
		buf_puts(b, "<w:pgNumType w:start=\"1\"/>");
	buf_puts(b, "<w:titlePg/></w:sectPr>");
}

/* Ends the section so far: its properties go in an empty paragraph. */
static void end_section(struct docx *x, bool first, bool restart)
{
	struct buf *b = &x->body;
	buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"VanbanRule\"/><w:spacing w:before=\"0\" "
		 "w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>");
	sect_pr(x, b, first, restart);
	buf_puts(b, "</w:pPr></w:p>");
}

/* Phụ lục i: its label, title and "(Kèm theo …)" line, then its body. */
static void appendix(struct docx *x, size_t i, const struct blocks *body)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	struct buf *b = &x->body;
	char label[48] = "Phụ lục";
	if (doc->appendices.n > 1) {
		char r[24];
		roman(r, sizeof r, (int)i + 1);
		snprintf(label, sizeof label, "Phụ lục %s", r);
	}
	struct buf p = {0};
	double h = st->sz_title * st->header_pitch;
	buf_puts(&p, "<w:keepNext/>");
	spacing(&p, before_for(st->sz_appendix_label * INK_ABOVE, st->sz_appendix_label, h), 0);
	para_text(b, "VanbanAppendixLabel", p.data, label, NULL);
	buf_free(&p);
	char *t = text_upper(doc->appendices.v[i].title.s);
	para_text(b, "VanbanAppendixTitle", NULL, balanced(x, t, F_BOLD, st->sz_title, x->text_w, NULL),
		  NULL);
	free(t);
	struct buf k = {0};
	layout_appendix_note(&k, doc, st);
	para_text(b, "VanbanAppendixNote", NULL,
		  balanced(x, k.data, F_ITALIC, st->sz_body, x->text_w, NULL), NULL);
	buf_free(&k);
	double sb = st->sz_body;
	body_blocks(x, body, before_for(st->para_space + sb * INK_ABOVE - DESC * sb, sb,
					sb * st->line_pitch), false);
}

/* ---- The package ------------------------------------------------------ */

static void hdrftr_parts(struct docx *x)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	struct buf p = {0};
	char ppr[128];
	snprintf(ppr, sizeof ppr, "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%ld\" "
		 "w:lineRule=\"exact\"/>", dx_tw(st->sz_page_number * st->header_pitch));
	para_open(&p, "VanbanPageNumber", ppr);
	buf_puts(&p, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
		 "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
		 "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
		 "w:fldCharType=\"end\"/></w:r></w:p>");
	docx_hdrftr(&x->headers[0], "hdr", p.data);
	buf_free(&p);
	docx_hdrftr(&x->headers[1], "hdr", "<w:p><w:pPr><w:pStyle w:val=\"VanbanRule\"/></w:pPr></w:p>");
	x->nheaders = 2;
	/* Page 1's foot (ô 13): a rule across the text, then the lines. */
	for (size_t i = 0; i < doc->contact.n; i++) {
		const char *bd = i ? "" : "<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"2\" "
					  "w:color=\"000000\"/></w:pBdr>";
		para_text(&p, "VanbanFooter", bd, doc->contact.v[i].s, NULL);
	}
	if (!p.len)
		buf_puts(&p, "<w:p><w:pPr><w:pStyle w:val=\"VanbanRule\"/></w:pPr></w:p>");
	docx_hdrftr(&x->footers[0], "ftr", p.data);
	buf_free(&p);
	docx_hdrftr(&x->footers[1], "ftr", "<w:p><w:pPr><w:pStyle w:val=\"VanbanRule\"/></w:pPr></w:p>");
	x->nfooters = 2;
}

static void document_body(struct docx *x, const struct blocks *body, const struct blocks *apps)
{
	const struct doc *doc = x->doc;
	const struct style *st = x->st;
	header_table(x);
	/* The bottom of the header, from the number's baseline: the number
	 * line's descent, or the V/v lines' and stamps' (at most). */
	double below = DESC * st->sz_number;
	double sb = st->sz_body, pitch = sb * st->line_pitch;
	double first = before_for(st->body_space + sb * INK_ABOVE - RULE_H, sb, pitch);
	if (!is_cong_van(doc)) {
		title_block(x, below);
	} else {
		first = before_for(st->title_space + sb * INK_ABOVE, sb, pitch);
	}
	if (doc->to.n) {
		double h = st->sz_to * st->line_pitch;
		kinh_gui(x, before_for(st->body_space + st->sz_to * INK_ABOVE -
				       (is_cong_van(doc) ? 0 : RULE_H), st->sz_to, h));
		first = before_for(st->body_space + sb * INK_ABOVE - DESC * st->sz_to, sb, pitch);
	}
	body_blocks(x, body, first, true);
	closing_table(x);
	for (size_t i = 0; i < doc->appendices.n; i++) {
		end_section(x, i == 0, i > 0 && st->appendix_restart);
		appendix(x, i, &apps[i]);
	}
	sect_pr(x, &x->body, doc->appendices.n == 0, doc->appendices.n > 0 && st->appendix_restart);
}

bool docx_write(const struct doc *doc, const struct blocks *body, const struct blocks *apps,
		const struct style *st, const struct metrics *m, const struct pdf_info *info,
		char **out, size_t *len, struct diag *d)
{
	struct docx x = {0};
	x.doc = doc;
	x.st = st;
	x.m = m;
	x.d = d;
	x.text_w = st->page_w - st->margin_left - st->margin_right;
	hdrftr_parts(&x);
	document_body(&x, body, apps);
	bool ok = !x.failed;
	if (ok) {
		struct zip *z = zip_new();
		struct buf part = {0};
#define PART(name, fill) (part.len = 0, fill, zip_add(z, name, part.data, part.len))
		PART("[Content_Types].xml", docx_content_types(&part, &x));
		PART("_rels/.rels", docx_root_rels(&part));
		PART("docProps/core.xml", docx_core(&part, info));
		PART("docProps/app.xml", docx_app(&part));
		part.len = 0;
		buf_puts(&part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
			 "<w:document xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\" xmlns:wp=\"" WP_NS "\">"
			 "<w:body>");
		buf_add(&part, x.body.data, x.body.len);
		buf_puts(&part, "</w:body></w:document>");
		zip_add(z, "word/document.xml", part.data, part.len);
		PART("word/styles.xml", docx_styles(&part, st, FONT));
		PART("word/settings.xml", docx_settings(&part));
		PART("word/_rels/document.xml.rels", docx_doc_rels(&part, &x));
		char name[48];
		for (int i = 0; i < x.nheaders; i++) {
			snprintf(name, sizeof name, "word/header%d.xml", i + 1);
			zip_add(z, name, x.headers[i].data, x.headers[i].len);
		}
		for (int i = 0; i < x.nfooters; i++) {
			snprintf(name, sizeof name, "word/footer%d.xml", i + 1);
			zip_add(z, name, x.footers[i].data, x.footers[i].len);
		}
		for (size_t i = 0; i < x.media.n; i++) {
			snprintf(name, sizeof name, "word/media/image%zu.%s", i + 1, x.media.v[i].ext);
			zip_add(z, name, x.media.v[i].data, x.media.v[i].len);
		}
#undef PART
		buf_free(&part);
		*out = zip_finish(z, len);
	}
	for (size_t i = 0; i < x.media.n; i++)
		free(x.media.v[i].data);
	vec_free(&x.media);
	for (int i = 0; i < 8; i++)
		buf_free(&x.headers[i]);
	for (int i = 0; i < 2; i++)
		buf_free(&x.footers[i]);
	buf_free(&x.body);
	arena_free(&x.ar);
	return ok;
}
