/* The CSV reader: what spreadsheet exports really look like (a byte-order
 * mark, semicolons, quoted separators and line breaks, CRLF), and a
 * precise message with its line for each thing it cannot read. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "base/base.h"

/* One parse: the table, and the diagnostics as "line:col: message" lines. */
struct parsed {
	struct srcset files;
	struct arena ar;
	struct csv t;
	bool ok;
	char *msgs;
};

static void parse_n(struct parsed *p, const char *text, size_t len)
{
	memset(p, 0, sizeof *p);
	struct diag d = {0};
	char *copy = xcalloc(len + 1, 1);
	memcpy(copy, text, len);
	struct source *src = srcset_add(&p->files, "t.csv", copy, len);
	p->ok = csv_parse(src, &p->t, &p->ar, &d);
	struct buf b = {0};
	for (size_t i = 0; i < d.list.n; i++)
		buf_printf(&b, "%d:%d: %s\n", d.list.v[i].pos.line, d.list.v[i].pos.col,
			   d.list.v[i].msg);
	p->msgs = b.data ? buf_take(&b) : xstrdup("");
	diag_free(&d);
}

static void parse(struct parsed *p, const char *text)
{
	parse_n(p, text, strlen(text));
}

static void done(struct parsed *p)
{
	csv_free(&p->t);
	arena_free(&p->ar);
	srcset_free(&p->files);
	free(p->msgs);
}

/* Field k of row r (the header when r is -1). */
static const char *cell(const struct parsed *p, int r, size_t k)
{
	assert_true(k < p->t.ncols);
	if (r < 0)
		return p->t.head[k].s;
	assert_true((size_t)r < p->t.rows.n);
	return p->t.rows.v[r].f[k].s;
}

static void a_plain_table(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "Họ và tên,Đơn vị,Số sổ\n"
		  "Ông Lê Văn Bình,Sở Y tế,001/GK\n"
		  "Bà Hoàng Thị Lan,Sở Tài chính,002/GK\n");
	assert_true(p.ok);
	assert_string_equal(p.msgs, "");
	assert_int_equal(p.t.sep, ',');
	assert_int_equal(p.t.ncols, 3);
	assert_string_equal(cell(&p, -1, 0), "Họ và tên");
	assert_string_equal(cell(&p, -1, 1), "Đơn vị");
	assert_string_equal(cell(&p, -1, 2), "Số sổ");
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 0), "Ông Lê Văn Bình");
	assert_string_equal(cell(&p, 0, 1), "Sở Y tế");
	assert_string_equal(cell(&p, 0, 2), "001/GK");
	assert_string_equal(cell(&p, 1, 0), "Bà Hoàng Thị Lan");
	assert_string_equal(cell(&p, 1, 2), "002/GK");
	assert_int_equal(p.t.rows.v[0].line, 2);
	assert_int_equal(p.t.rows.v[1].line, 3);
	done(&p);
}

static void a_byte_order_mark_is_not_part_of_the_first_name(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "\xEF\xBB\xBFHọ và tên,Đơn vị\nÔng Lê Văn Bình,Sở Y tế\n");
	assert_true(p.ok);
	assert_int_equal(p.t.ncols, 2);
	assert_string_equal(cell(&p, -1, 0), "Họ và tên");
	assert_string_equal(cell(&p, 0, 0), "Ông Lê Văn Bình");
	assert_int_equal(p.t.head[0].pos.line, 1);
	done(&p);
	/* A mark alone, or a mark before blank lines, is still an empty file. */
	parse(&p, "\xEF\xBB\xBF\r\n\r\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "0:0: the file is empty: it needs a header row naming the "
				    "columns (name, unit, reason, ...)\n");
	done(&p);
}

static void the_separator_is_what_the_header_uses(void **state)
{
	(void)state;
	struct parsed p;
	/* Semicolons (Excel in locales with a decimal comma): a comma inside a
	 * value is then just a character. */
	parse(&p, "Họ tên;Đơn vị;Thành tích\n"
		  "Ông Lê Văn Bình;Phòng Tổ chức, Sở Y tế;Xuất sắc\n");
	assert_true(p.ok);
	assert_int_equal(p.t.sep, ';');
	assert_int_equal(p.t.ncols, 3);
	assert_string_equal(cell(&p, 0, 1), "Phòng Tổ chức, Sở Y tế");
	done(&p);
	/* Commas: a semicolon inside a value is just a character. */
	parse(&p, "name,unit\nA; B,C\n");
	assert_true(p.ok);
	assert_int_equal(p.t.sep, ',');
	assert_string_equal(cell(&p, 0, 0), "A; B");
	assert_string_equal(cell(&p, 0, 1), "C");
	done(&p);
	/* The header decides by count, and quoted separators do not count:
	 * two semicolons outside quotes beat the three commas inside them. */
	parse(&p, "\"a,b,c\";x;y\n1;2;3\n");
	assert_true(p.ok);
	assert_int_equal(p.t.sep, ';');
	assert_int_equal(p.t.ncols, 3);
	assert_string_equal(cell(&p, -1, 0), "a,b,c");
	assert_string_equal(cell(&p, 0, 2), "3");
	done(&p);
	/* A header with one column and no separator at all: commas. */
	parse(&p, "name\nÔng A\n");
	assert_true(p.ok);
	assert_int_equal(p.t.sep, ',');
	assert_int_equal(p.t.ncols, 1);
	assert_string_equal(cell(&p, 0, 0), "Ông A");
	done(&p);
}

static void quoted_fields(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name,unit,reason\n"
		  "\"Nguyễn Văn An\",\"Sở Y tế, tỉnh Quảng Trị\",\"Phong trào \"\"Giỏi việc nước\"\"\"\n"
		  "\"\",\"\"\"\",x\n");
	assert_true(p.ok);
	assert_string_equal(p.msgs, "");
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 0), "Nguyễn Văn An");
	assert_string_equal(cell(&p, 0, 1), "Sở Y tế, tỉnh Quảng Trị");
	assert_string_equal(cell(&p, 0, 2), "Phong trào \"Giỏi việc nước\"");
	assert_string_equal(cell(&p, 1, 0), "");
	assert_string_equal(cell(&p, 1, 1), "\"");
	assert_string_equal(cell(&p, 1, 2), "x");
	done(&p);
}

static void quoted_line_breaks(void **state)
{
	(void)state;
	struct parsed p;
	/* A line break inside quotes is part of the value (a CR before it is
	 * dropped); the row after it starts on the right line. */
	parse(&p, "name,reason,book\r\n"
		  "Ông Lê Văn Bình,\"Dòng một\r\nDòng hai\r\n\r\nDòng bốn\",001\r\n"
		  "Bà Lan,Tốt,002\r\n");
	assert_true(p.ok);
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 1), "Dòng một\nDòng hai\n\nDòng bốn");
	assert_string_equal(cell(&p, 0, 2), "001");
	assert_int_equal(p.t.rows.v[0].line, 2);
	assert_int_equal(p.t.rows.v[1].line, 6);
	assert_string_equal(cell(&p, 1, 0), "Bà Lan");
	assert_int_equal(p.t.rows.v[1].f[2].pos.line, 6);
	assert_int_equal(p.t.rows.v[1].f[2].pos.col, 12);
	done(&p);
}

static void crlf_and_no_final_line_end(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name,unit\r\nA,B\r\nC,D");
	assert_true(p.ok);
	assert_int_equal(p.t.ncols, 2);
	assert_string_equal(cell(&p, -1, 1), "unit");
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 1), "B");
	assert_string_equal(cell(&p, 1, 0), "C");
	assert_string_equal(cell(&p, 1, 1), "D");
	done(&p);
	/* A separator at the very end: the row stops there. */
	parse(&p, "name,unit\nA,");
	assert_true(p.ok);
	assert_int_equal(p.t.rows.n, 1);
	assert_string_equal(cell(&p, 0, 0), "A");
	assert_string_equal(cell(&p, 0, 1), "");
	done(&p);
}

static void empty_lines_are_skipped(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "\n\r\n  \nname,unit\n\nA,B\n   \r\n\nC,D\n\n\n");
	assert_true(p.ok);
	assert_string_equal(p.msgs, "");
	assert_int_equal(p.t.ncols, 2);
	assert_string_equal(cell(&p, -1, 0), "name");
	assert_int_equal(p.t.head[0].pos.line, 4);
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 0), "A");
	assert_int_equal(p.t.rows.v[0].line, 6);
	assert_string_equal(cell(&p, 1, 1), "D");
	assert_int_equal(p.t.rows.v[1].line, 9);
	done(&p);
	/* A header and nothing else: a table with no rows, not an error here. */
	parse(&p, "name,unit\n\n");
	assert_true(p.ok);
	assert_int_equal(p.t.ncols, 2);
	assert_int_equal(p.t.rows.n, 0);
	done(&p);
}

static void short_rows_are_padded(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name;unit;reason;book\nÔng A\nBà B;Sở Y tế\n");
	assert_true(p.ok);
	assert_string_equal(p.msgs, "");
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 0, 0), "Ông A");
	assert_string_equal(cell(&p, 0, 1), "");
	assert_string_equal(cell(&p, 0, 2), "");
	assert_string_equal(cell(&p, 0, 3), "");
	assert_string_equal(cell(&p, 1, 1), "Sở Y tế");
	assert_string_equal(cell(&p, 1, 3), "");
	/* A padded field points at its row as a whole. */
	assert_int_equal(p.t.rows.v[1].f[3].pos.line, 3);
	assert_int_equal(p.t.rows.v[1].f[3].pos.col, 0);
	done(&p);
}

static void a_long_row_is_an_error_at_its_line(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "Họ và tên,Đơn vị,Số sổ\n"
		  "Ông Lê Văn Bình,Sở Y tế,001/GK\n"
		  "\n"
		  "Bà Hoàng Thị Lan,Sở Tài chính,Phòng Kế toán,002/GK\n"
		  "Ông Trần Minh Đức,Sở Nội vụ,003/GK\n");
	assert_false(p.ok);
	/* One message for the row, however many fields too many it has. */
	assert_string_equal(p.msgs, "4:0: this row has more fields than the header has columns (3)\n");
	done(&p);
	parse(&p, "a,b\n1,2,3,4,5\n6,7,8\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs,
			    "2:0: this row has more fields than the header has columns (2)\n"
			    "3:0: this row has more fields than the header has columns (2)\n");
	done(&p);
}

static void an_unclosed_quote_is_an_error_where_it_opens(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name,reason\nÔng A,\"Xuất sắc\nBà B,Tốt\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "2:7: a quoted field is never closed (a '\"' is missing)\n");
	done(&p);
	/* In the header too. */
	parse(&p, "\"name,unit\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "1:1: a quoted field is never closed (a '\"' is missing)\n");
	done(&p);
}

static void text_after_a_closing_quote(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name,unit\n\"Ông A\" Jr,B\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "2:9: text after a quoted field; quote the whole field\n");
	done(&p);
	/* The reading goes on: the next rows are read, and their errors
	 * reported too. */
	parse(&p, "name,unit\n\"Ông A\" Jr,B\nBà C,\"D\"x\nÔng E,F\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "2:9: text after a quoted field; quote the whole field\n"
				    "3:9: text after a quoted field; quote the whole field\n");
	assert_int_equal(p.t.rows.n, 3);
	assert_string_equal(cell(&p, 2, 0), "Ông E");
	assert_string_equal(cell(&p, 2, 1), "F");
	done(&p);
	/* On the first line of a file with a byte-order mark, the columns
	 * start after the mark. */
	parse(&p, "\xEF\xBB\xBFname,\"unit\"x\nA,B\n");
	assert_string_equal(p.msgs, "1:12: text after a quoted field; quote the whole field\n");
	done(&p);
	/* Spaces after the closing quote are allowed. */
	parse(&p, "name,unit\n\"Ông A\"   ,B\n");
	assert_true(p.ok);
	assert_string_equal(cell(&p, 0, 0), "Ông A");
	assert_string_equal(cell(&p, 0, 1), "B");
	done(&p);
}

static void an_empty_file_is_an_error(void **state)
{
	(void)state;
	struct parsed p;
	const char *const empties[] = {"", "\n", "\r\n\r\n", "   \n  \n"};
	for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
		parse(&p, empties[i]);
		assert_false(p.ok);
		assert_string_equal(p.msgs, "0:0: the file is empty: it needs a header row naming "
					    "the columns (name, unit, reason, ...)\n");
		assert_int_equal(p.t.rows.n, 0);
		done(&p);
	}
}

static void header_names_must_be_given_once(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "name,,unit,name\nA,B,C,D\n");
	assert_false(p.ok);
	assert_string_equal(p.msgs, "1:6: column 2 of the header has no name\n"
				    "1:12: column 'name' is named twice\n");
	done(&p);
}

static void spaces_around_values_are_trimmed(void **state)
{
	(void)state;
	struct parsed p;
	parse(&p, "  Họ và tên  ,  Đơn vị \n   Ông Lê Văn Bình   ,   \n\"  giữ  \", x \n");
	assert_true(p.ok);
	assert_string_equal(cell(&p, -1, 0), "Họ và tên");
	assert_string_equal(cell(&p, -1, 1), "Đơn vị");
	assert_string_equal(cell(&p, 0, 0), "Ông Lê Văn Bình");
	assert_string_equal(cell(&p, 0, 1), "");
	/* Inside quotes too: spreadsheets pad quoted values the same way. */
	assert_string_equal(cell(&p, 1, 0), "giữ");
	assert_string_equal(cell(&p, 1, 1), "x");
	done(&p);
	/* Spaces inside a value are kept. */
	parse(&p, "a,b\n x  y ,Nguyễn  Văn\n");
	assert_true(p.ok);
	assert_string_equal(cell(&p, 0, 0), "x  y");
	assert_string_equal(cell(&p, 0, 1), "Nguyễn  Văn");
	done(&p);
}

static void fields_know_their_line_and_column(void **state)
{
	(void)state;
	struct parsed p;
	/* Columns count characters (code points), from 1, where the field
	 * starts (before any trimmed spaces, at an opening quote). */
	parse(&p, "Họ và tên;Đơn vị;Số sổ\n"
		  "Ông Lê Văn Bình;  Sở Y tế;\"001/GK\"\n"
		  "\"Bà\nHoàng\";Sở Nội vụ;003\n");
	assert_true(p.ok);
	assert_int_equal(p.t.head[0].pos.line, 1);
	assert_int_equal(p.t.head[0].pos.col, 1);
	assert_int_equal(p.t.head[1].pos.line, 1);
	assert_int_equal(p.t.head[1].pos.col, 11);
	assert_int_equal(p.t.head[2].pos.col, 18);
	const struct csv_field *f = p.t.rows.v[0].f;
	assert_int_equal(f[0].pos.line, 2);
	assert_int_equal(f[0].pos.col, 1);
	assert_int_equal(f[1].pos.line, 2);
	assert_int_equal(f[1].pos.col, 17);
	assert_string_equal(f[1].s, "Sở Y tế");
	assert_int_equal(f[2].pos.line, 2);
	assert_int_equal(f[2].pos.col, 27);
	f = p.t.rows.v[1].f;
	assert_string_equal(f[0].s, "Bà\nHoàng");
	assert_int_equal(f[0].pos.line, 3);
	assert_int_equal(f[0].pos.col, 1);
	/* The field after a quoted line break is on the next line. */
	assert_int_equal(f[1].pos.line, 4);
	assert_int_equal(f[1].pos.col, 8);
	assert_int_equal(f[2].pos.line, 4);
	assert_int_equal(f[2].pos.col, 18);
	assert_int_equal(p.t.rows.v[1].line, 3);
	assert_string_equal(p.t.head[0].pos.src->name, "t.csv");
	done(&p);
}

static void the_real_sample_list(void **state)
{
	(void)state;
	/* samples/giay-khen/danh-sach.csv: BOM, commas, quoted values with
	 * commas and curly quotes, 102 awardees. */
	FILE *f = fopen("samples/giay-khen/danh-sach.csv", "rb");
	if (!f)
		f = fopen("../../samples/giay-khen/danh-sach.csv", "rb");
	if (!f)
		skip();
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	struct parsed p;
	parse_n(&p, b.data, b.len);
	buf_free(&b);
	assert_true(p.ok);
	assert_int_equal(p.t.sep, ',');
	assert_int_equal(p.t.ncols, 5);
	assert_string_equal(cell(&p, -1, 0), "STT");
	assert_string_equal(cell(&p, -1, 1), "Họ và tên");
	assert_string_equal(cell(&p, -1, 4), "Số sổ");
	assert_int_equal(p.t.rows.n, 102);
	assert_string_equal(cell(&p, 0, 1), "Công đoàn cơ sở Sở Y tế");
	assert_string_equal(cell(&p, 3, 3), "Đã có thành tích xuất sắc trong phong trào thi đua "
					    "“Giỏi việc nước, đảm việc nhà” năm 2020");
	assert_string_equal(cell(&p, 3, 4), "004/GK");
	done(&p);
}

static void excel_habits(void **state)
{
	(void)state;
	struct parsed p;
	/* Rows of empty cells (what Excel leaves after a table) are no rows. */
	parse(&p, "name,unit\r\nA,B\r\n,,,,\r\n , \r\nC,D\r\n,\r\n");
	assert_true(p.ok);
	assert_int_equal(p.t.rows.n, 2);
	assert_string_equal(cell(&p, 1, 0), "C");
	assert_int_equal(p.t.rows.v[1].line, 5);
	done(&p);
	/* Columns Excel once formatted, after the last: nameless, empty. */
	parse(&p, "name,unit,,\nA,B,,\nC,D,,x\n");
	assert_false(p.ok);
	assert_int_equal(p.t.ncols, 2);
	assert_string_equal(p.msgs, "3:0: this row has more fields than the header has columns "
				    "(2)\n");
	assert_int_equal(p.t.rows.n, 2);
	done(&p);
	/* Tabs separate the fields of Excel's "Unicode Text". */
	parse(&p, "Họ và tên\tĐơn vị\tThành tích\nÔng A\tSở Y tế, Sở B\t\"x\ty\"\n");
	assert_true(p.ok);
	assert_int_equal(p.t.sep, '\t');
	assert_int_equal(p.t.ncols, 3);
	assert_string_equal(cell(&p, 0, 1), "Sở Y tế, Sở B");
	assert_string_equal(cell(&p, 0, 2), "x\ty");
	done(&p);
	/* Invisible characters: out of the value, one warning at the first. */
	parse(&p, "name\nA\u200Bb\u00AD\n");
	assert_true(p.ok);
	assert_string_equal(cell(&p, 0, 0), "Ab");
	assert_string_equal(p.msgs, "2:2: removed 2 invisible characters (zero-width space "
				    "U+200B, soft hyphen U+00AD) that would print as marks or "
				    "break search\n");
	done(&p);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(a_plain_table),
		cmocka_unit_test(a_byte_order_mark_is_not_part_of_the_first_name),
		cmocka_unit_test(the_separator_is_what_the_header_uses),
		cmocka_unit_test(quoted_fields),
		cmocka_unit_test(quoted_line_breaks),
		cmocka_unit_test(crlf_and_no_final_line_end),
		cmocka_unit_test(empty_lines_are_skipped),
		cmocka_unit_test(short_rows_are_padded),
		cmocka_unit_test(a_long_row_is_an_error_at_its_line),
		cmocka_unit_test(an_unclosed_quote_is_an_error_where_it_opens),
		cmocka_unit_test(text_after_a_closing_quote),
		cmocka_unit_test(an_empty_file_is_an_error),
		cmocka_unit_test(header_names_must_be_given_once),
		cmocka_unit_test(spaces_around_values_are_trimmed),
		cmocka_unit_test(fields_know_their_line_and_column),
		cmocka_unit_test(the_real_sample_list),
		cmocka_unit_test(excel_habits),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
