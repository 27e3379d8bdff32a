/* The SVG backend: base64 data: URIs, and a page's items as elements at
 * the layout's coordinates, text escaped, faces as classes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "output/output.h"

static void base64_pads_to_four(void **state)
{
	(void)state;
	struct buf b = {0};
	svg_data_uri(&b, "text/plain", "Man", 3);
	assert_string_equal(b.data, "data:text/plain;base64,TWFu");
	b.len = 0;
	svg_data_uri(&b, "text/plain", "Ma", 2);
	assert_string_equal(b.data, "data:text/plain;base64,TWE=");
	b.len = 0;
	svg_data_uri(&b, "text/plain", "M", 1);
	assert_string_equal(b.data, "data:text/plain;base64,TQ==");
	b.len = 0;
	svg_data_uri(&b, "x/y", "\xff\xfe\x00", 3);
	assert_string_equal(b.data, "data:x/y;base64,//4A");
	buf_free(&b);
}

static struct fitem item(enum fitem_kind k, double x, double y, double x2, double y2)
{
	struct fitem it = {0};
	it.kind = k;
	it.x = x;
	it.y = y;
	it.x2 = x2;
	it.y2 = y2;
	return it;
}

static void a_page_as_svg(void **state)
{
	(void)state;
	struct layout lo = {0};
	lo.page_w = 595.28;
	lo.page_h = 841.89;
	struct page pg = {0};
	struct fitem t = item(FI_TEXT, 85.039, 100.5, 0, 0);
	t.face = F_BOLD_ITALIC;
	t.size = 13;
	t.text = "Số <1> & \"2\"";
	vec_push(&pg.items, t);
	struct fitem red = item(FI_TEXT, 10, 20, 0, 0);
	red.size = 14;
	red.color = 0xC00000;
	red.text = "Khẩn";
	vec_push(&pg.items, red);
	struct fitem r = item(FI_RULE, 156.31, 89.58, 200.86, 89.58);
	r.width = 0.5;
	vec_push(&pg.items, r);
	struct fitem box = item(FI_RECT, 10, 10, 30, 40);
	box.width = 1;
	vec_push(&pg.items, box);
	struct fitem img = item(FI_IMAGE, 0, 0, 10, 10);
	img.text = "/nonexistent/seal.png";
	vec_push(&pg.items, img);
	vec_push(&lo.pages, pg);
	const char *fonts[F_NFACES] = {"/fonts/R.ttf", NULL, NULL, "/fonts/BI.ttf"};
	char *s = svg_page(&lo, 0, fonts);
	assert_non_null(strstr(s, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" "
				  "height=\"297mm\" viewBox=\"0 0 595.28 841.89\">"));
	assert_non_null(strstr(s, "@font-face{font-family:vb0;src:url(\"/fonts/R.ttf\")}"));
	assert_non_null(strstr(s, "@font-face{font-family:vb3;src:url(\"/fonts/BI.ttf\")}"));
	assert_null(strstr(s, "font-family:vb1;src"));
	assert_non_null(strstr(s, ".f3{font-family:vb3,'Liberation Serif',serif;font-weight:bold;"
				  "font-style:italic}"));
	assert_non_null(strstr(s, "<text class=\"f3\" x=\"85.039\" y=\"100.5\" font-size=\"13\">"
				  "Số &lt;1&gt; &amp; &quot;2&quot;</text>"));
	assert_non_null(strstr(s, "<text class=\"f0\" x=\"10\" y=\"20\" font-size=\"14\" "
				  "fill=\"#c00000\">Khẩn</text>"));
	assert_non_null(strstr(s, "<line x1=\"156.31\" y1=\"89.58\" x2=\"200.86\" y2=\"89.58\" "
				  "stroke=\"#000000\" stroke-width=\"0.5\"/>"));
	assert_non_null(strstr(s, "<rect fill=\"none\" x=\"10\" y=\"10\" width=\"20\" height=\"30\" "
				  "stroke=\"#000000\" stroke-width=\"1\"/>"));
	/* An image that cannot be read is left out; lines come before text. */
	assert_null(strstr(s, "<image"));
	assert_true(strstr(s, "<line") < strstr(s, "<text"));
	free(s);
	s = svg_document(&lo, fonts);
	assert_non_null(strstr(s, "<g id=\"page-1\">\n<svg x=\"0\" y=\"0\" width=\"595.28\" "
				  "height=\"841.89\" viewBox=\"0 0 595.28 841.89\">"));
	free(s);
	vec_free(&lo.pages.v[0].items);
	vec_free(&lo.pages);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(base64_pads_to_four),
		cmocka_unit_test(a_page_as_svg),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
