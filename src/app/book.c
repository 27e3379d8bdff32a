/* book.c - the register book (sổ đăng ký văn bản đi) of a year as a PDF:
 * a landscape table, one row a number issued. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The cells of the table, row by row (eight a row, the header first). */
struct book {
	struct arena *ar;
	VEC(struct cell) cells;
	int rows;
};

/* The next cell: text in face, or nothing. */
static void cell(struct book *b, const char *text, int face)
{
	struct cell c = {0};
	if (text && *text) {
		struct run r = {face, arena_strdup(b->ar, text)};
		vec_push(&c.runs, r);
	}
	vec_push(&b->cells, c);
}

/* A row of the register as a row of the book (reg_each's callback). */
static void book_row(void *user, const struct reg_entry *e)
{
	struct book *b = user;
	char num[64], date[32], copies[16];
	snprintf(num, sizeof num, "%02d/%s", e->number, e->code ? e->code : "");
	int y, m, d;
	if (e->date && vn_parse_date(e->date, &y, &m, &d)) {
		char *s = vn_date_short(y, m, d);
		snprintf(date, sizeof date, "%s", s);
		free(s);
	} else {
		snprintf(date, sizeof date, "%s", e->date ? e->date : "");
	}
	struct buf ts = {0};
	buf_printf(&ts, "%s: %s", e->type ? e->type : "", e->subject ? e->subject : "");
	snprintf(copies, sizeof copies, "%d", e->copies);
	struct buf note = {0};
	if (e->voided)
		buf_printf(&note, "Hủy số%s%s", e->void_reason ? ": " : "",
			   e->void_reason ? e->void_reason : "");
	cell(b, num, 0);
	cell(b, date, 0);
	cell(b, ts.data, 0);
	cell(b, e->signer, 0);
	cell(b, e->recipients, 0);
	cell(b, e->archive, 0); /* none for rows recorded before schema 3 */
	cell(b, e->copies ? copies : "", 0);
	cell(b, note.data, 0);
	buf_free(&ts);
	buf_free(&note);
	b->rows++;
}

int render_register_book(const char *reg_path, int year, const char *out, struct diag *d)
{
	char *datadir = app_datadir(d);
	if (!datadir)
		return 2;
	struct srcset files = {0};
	struct arena ar = {0};
	struct book b = {&ar, {0}, 0};
	int rc = 1;
	struct reg *r = NULL;
	struct fonts *fonts = NULL;
	struct style *st = style_load("nd30", pos_none(), datadir, ".", &files, d);
	if (!st)
		goto done;
	/* The book is a landscape table (NĐ 30/2020, Phụ lục IV). */
	double w = st->page_w;
	st->page_w = st->page_h;
	st->page_h = w;
	st->margin_left = st->margin_right = MM(15);
	st->margin_top = st->margin_bottom = MM(15);
	fonts = fonts_load((const char *const *)st->font_file, pos_none(), d);
	r = reg_open(reg_path, false, d);
	if (!fonts || !r)
		goto done;
	static const char *const head[] = {
		"Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
		"Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
		"Ghi chú"};
	for (int i = 0; i < 8; i++)
		cell(&b, head[i], 0);
	if (!reg_each(r, year, NULL, book_row, &b, d))
		goto done;
	struct block table = {0};
	table.kind = BK_TABLE;
	table.nrows = b.rows + 1;
	table.ncols = 8;
	table.cells = b.cells.v;
	char aligns[8] = {'c', 'c', 'l', 'l', 'l', 'l', 'c', 'l'};
	table.aligns = aligns;
	char sub[32];
	snprintf(sub, sizeof sub, "Năm %d", year);
	struct layout lo = {0};
	struct metrics m = fonts_metrics(fonts);
	layout_book("SỔ ĐĂNG KÝ VĂN BẢN ĐI", sub, &table, st, &m, &lo);
	struct pdf_info info = {0};
	info.title = "Sổ đăng ký văn bản đi";
	info.subject = sub;
	info.year = year;
	info.month = 12;
	info.day = 31;
	char *bytes = NULL;
	size_t len = 0;
	rc = make_pdf(&lo, fonts, &info, &bytes, &len, d);
	if (!rc)
		rc = write_output(out, bytes, len);
	free(bytes);
	layout_free(&lo);
done:
	for (size_t i = 0; i < b.cells.n; i++)
		vec_free(&b.cells.v[i].runs);
	vec_free(&b.cells);
	reg_close(r);
	fonts_free(fonts);
	style_free(st);
	srcset_free(&files);
	arena_free(&ar);
	free(datadir);
	return rc;
}

