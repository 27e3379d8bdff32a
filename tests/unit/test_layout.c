/* Layout with fake metrics: every letter 500/1000 em, space 250. Checks
 * pagination (widows, orphans, the closing block), page numbers, header
 * geometry and justification on many generated documents. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "typeset/typeset.h"
#include "base/base.h"
#include "../base_doc.h"

static int fake_advance(void *ctx, int face, int32_t cp)
{
	(void)ctx;
	(void)face;
	return cp == ' ' ? 250 : 500;
}

static bool fake_has(void *ctx, int face, int32_t cp)
{
	(void)ctx;
	(void)face;
	(void)cp;
	return true;
}

/* Ink as Liberation Serif Bold has it (Ẵ; y). */
static const struct metrics M = {NULL, fake_advance, fake_has, 916, 221};
static struct style *ST;
static struct srcset FILES;

/* Loading a style checks that the font files it names exist, though the
 * layout never reads them (the metrics above are fake). So the style is
 * loaded from a data directory of the test's own: a copy of
 * templates/styles/nd30.yaml, and in its fonts/ an empty file under each
 * name the style gives; nothing of fonts/ is needed. */
static char DATA[] = "/tmp/vanban-test-layout-XXXXXX";
static char PLACED[8][256]; /* the paths made in DATA, to remove */
static int NPLACED;

static bool place(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, len, f) == len;
	ok &= fclose(f) == 0;
	if (ok && NPLACED < 8)
		snprintf(PLACED[NPLACED++], sizeof PLACED[0], "%s", path);
	return ok;
}

/* The copy of the style, the lexicon of phrases, and a stand-in for each "*.ttf" it names. */
static bool make_data_dir(void)
{
	char path[512];
	if (!mkdtemp(DATA))
		return false;
	const char *dirs[] = {"templates", "templates/styles", "fonts"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", DATA, dirs[i]);
		if (mkdir(path, 0700))
			return false;
	}
	size_t len;
	char *style = read_file("templates/styles/nd30.yaml", &len);
	if (!style)
		return false;
	snprintf(path, sizeof path, "%s/templates/styles/nd30.yaml", DATA);
	bool ok = place(path, style, len);
	for (const char *p = style; ok && (p = strstr(p, ".ttf")); p += 4) {
		const char *start = p;
		while (start > style && !strchr(" :\n", start[-1]))
			start--;
		snprintf(path, sizeof path, "%s/fonts/%.*s.ttf", DATA, (int)(p - start), start);
		ok = place(path, "", 0);
	}
	free(style);
	/* the breaker's lexicon, as shipped */
	char *phrases = read_file("templates/phrases.txt", &len);
	snprintf(path, sizeof path, "%s/templates/phrases.txt", DATA);
	ok = ok && phrases && place(path, phrases, len);
	free(phrases);
	return ok;
}

static void remove_data_dir(void)
{
	char path[512];
	while (NPLACED > 0)
		unlink(PLACED[--NPLACED]);
	const char *dirs[] = {"templates/styles", "templates", "fonts"};
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", DATA, dirs[i]);
		rmdir(path);
	}
	rmdir(DATA);
}

static int setup(void **state)
{
	(void)state;
	struct diag d = {0};
	if (!make_data_dir()) {
		fprintf(stderr, "cannot make the test's data directory in %s\n", DATA);
		return -1;
	}
	ST = style_load("nd30", pos_none(), DATA, ".", &FILES, &d);
	diag_print(&d, stderr);
	return ST ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	style_free(ST);
	srcset_free(&FILES);
	remove_data_dir();
	return 0;
}

/* Paragraph k is made of words "pK" so every text item tells its paragraph. */
static void make_body(struct blocks *b, struct arena *ar, int npara, unsigned seed)
{
	memset(b, 0, sizeof *b);
	for (int k = 0; k < npara; k++) {
		seed = seed * 1103515245u + 12345u;
		int words = 3 + (int)((seed >> 16) % 90);
		struct buf t = {0};
		for (int w = 0; w < words; w++)
			buf_printf(&t, "%sp%d", w ? " " : "", k);
		struct block bl = {0};
		bl.kind = BK_PARA;
		struct run r = {0, arena_strdup(ar, t.data)};
		vec_push(&bl.runs, r);
		vec_push(&b->v, bl);
		buf_free(&t);
	}
}

struct line_info {
	double y;
	int para; /* -1: not a body line */
};

/* Body lines of a page: distinct baselines of body-size regular items whose
 * text is "pK". */
static size_t body_lines(const struct page *pg, struct line_info *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		int para;
		if (it->kind != FI_TEXT || sscanf(it->text, "p%d", &para) != 1)
			continue;
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			if (fabs(out[k].y - it->y) < 0.01)
				seen = true;
		if (!seen && n < max)
			out[n++] = (struct line_info){it->y, para};
	}
	return n;
}

static const struct fitem *find_text(const struct page *pg, const char *text)
{
	for (size_t i = 0; i < pg->items.n; i++)
		if (pg->items.v[i].kind == FI_TEXT && !strcmp(pg->items.v[i].text, text))
			return &pg->items.v[i];
	return NULL;
}

static void pagination_rules_hold_for_many_documents(void **state)
{
	(void)state;
	for (int npara = 1; npara <= 40; npara++) {
		struct doc doc;
		struct arena ar = {0};
		struct blocks body;
		struct layout lo = {0};
		base_doc(&doc);
		make_body(&body, &ar, npara, (unsigned)npara * 31u);
		layout_document(&doc, &body, NULL, ST, &M, &lo, NULL);
		assert_true(lo.pages.n >= 1);
		/* lines of each paragraph per page */
		enum { MAXL = 400 };
		static struct line_info li[MAXL];
		int first_page[64], last_page[64], lines_on_first[64], lines_on_last[64];
		for (int k = 0; k < 64; k++)
			first_page[k] = last_page[k] = -1, lines_on_first[k] = lines_on_last[k] = 0;
		size_t closing_page = SIZE_MAX;
		for (size_t p = 0; p < lo.pages.n; p++) {
			const struct page *pg = &lo.pages.v[p];
			size_t n = body_lines(pg, li, MAXL);
			for (size_t k = 0; k < n; k++) {
				int q = li[k].para;
				if (first_page[q] < 0)
					first_page[q] = (int)p;
				if (first_page[q] == (int)p)
					lines_on_first[q]++;
				if (last_page[q] != (int)p)
					lines_on_last[q] = 0;
				last_page[q] = (int)p;
				lines_on_last[q]++;
			}
			const struct fitem *nn = find_text(pg, "Nơi nhận:");
			if (nn) {
				closing_page = p;
				/* At least two body lines above the closing on its page. */
				size_t above = 0;
				for (size_t k = 0; k < n; k++)
					above += li[k].y < nn->y;
				assert_true(above >= 2 || (npara == 1 && above >= 1));
				/* ... and the signature on the same page, level with it. */
				const struct fitem *tl = find_text(pg, "TL. BAN THƯỜNG VỤ");
				assert_non_null(tl);
				assert_true(fabs(tl->y - nn->y) < 0.01);
			}
			/* Nothing below the bottom margin. */
			for (size_t i = 0; i < pg->items.n; i++)
				assert_true(pg->items.v[i].y <= ST->page_h - ST->margin_bottom + 0.01);
		}
		assert_int_equal(closing_page, lo.pages.n - 1);
		for (int q = 0; q < npara; q++) {
			if (first_page[q] != last_page[q]) {
				/* No orphan at the foot, no widow at the head. */
				assert_true(lines_on_first[q] >= 2);
				assert_true(lines_on_last[q] >= 2);
			}
		}
		layout_free(&lo);
		blocks_free(&body);
		model_free(&doc);
		arena_free(&ar);
	}
}

static void page_numbers_from_page_two(void **state)
{
	(void)state;
	struct doc doc;
	struct arena ar = {0};
	struct blocks body;
	struct layout lo = {0};
	base_doc(&doc);
	make_body(&body, &ar, 30, 5);
	layout_document(&doc, &body, NULL, ST, &M, &lo, NULL);
	assert_true(lo.pages.n >= 3);
	assert_null(find_text(&lo.pages.v[0], "1"));
	for (size_t p = 1; p < lo.pages.n; p++) {
		char num[24];
		snprintf(num, sizeof num, "%zu", p + 1);
		const struct fitem *it = find_text(&lo.pages.v[p], num);
		assert_non_null(it);
		assert_true(fabs(it->y - ST->page_number_y) < 0.01);
		double w = text_width(&M, it->face, it->size, num, strlen(num));
		double centre = ST->margin_left + (ST->page_w - ST->margin_left - ST->margin_right) / 2;
		assert_true(fabs(it->x + w / 2 - centre) < 0.01);
	}
	layout_free(&lo);
	blocks_free(&body);
	model_free(&doc);
	arena_free(&ar);
}

static void header_geometry(void **state)
{
	(void)state;
	struct doc doc;
	struct arena ar = {0};
	struct blocks body;
	struct layout lo = {0};
	base_doc(&doc);
	make_body(&body, &ar, 2, 9);
	layout_document(&doc, &body, NULL, ST, &M, &lo, NULL);
	const struct page *pg = &lo.pages.v[0];
	double L = ST->left_col, R = ST->page_w - ST->margin_left - ST->margin_right - L;
	double cl = ST->margin_left + L / 2, cr = ST->margin_left + L + R / 2;
	const struct fitem *nt = find_text(pg, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	const struct fitem *num = find_text(pg, "Số: 07/TB-LĐLĐ");
	const struct fitem *date = find_text(pg, "Quảng Trị, ngày 07 tháng 9 năm 2020");
	const struct fitem *is = find_text(pg, "BAN THƯỜNG VỤ");
	const struct fitem *par = find_text(pg, "LĐLĐ TỈNH QUẢNG TRỊ");
	assert_non_null(nt);
	assert_non_null(num);
	assert_non_null(date);
	assert_non_null(is);
	assert_non_null(par);
	double ntw = text_width(&M, F_BOLD, nt->size, nt->text, strlen(nt->text));
	assert_true(fabs(nt->x + ntw / 2 - cr) < 0.01);
	double nw = text_width(&M, F_REGULAR, num->size, num->text, strlen(num->text));
	assert_true(fabs(num->x + nw / 2 - cl) < 0.01);
	/* number and date share a baseline; parent above issuer */
	assert_true(fabs(num->y - date->y) < 0.01);
	assert_true(par->y < is->y);
	assert_int_equal(is->face, F_BOLD);
	assert_int_equal(par->face, F_REGULAR);
	assert_int_equal(date->face, F_ITALIC);
	/* rule under the issuer: 1/3 to 1/2 of its width, centred on it */
	double iw = text_width(&M, F_BOLD, is->size, is->text, strlen(is->text));
	bool found = false;
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		if (it->kind != FI_RULE || it->y < is->y || it->y > num->y ||
		    it->x2 > ST->margin_left + L)
			continue;
		double len = it->x2 - it->x;
		assert_true(len >= iw / 3 && len <= iw / 2);
		assert_true(fabs((it->x + it->x2) / 2 - cl) < 0.01);
		found = true;
	}
	assert_true(found);
	layout_free(&lo);
	blocks_free(&body);
	model_free(&doc);
	arena_free(&ar);
}

static void justified_lines_meet_the_right_margin(void **state)
{
	(void)state;
	struct doc doc;
	struct arena ar = {0};
	struct blocks body;
	struct layout lo = {0};
	struct layout_stats stats;
	base_doc(&doc);
	make_body(&body, &ar, 30, 77);
	layout_document(&doc, &body, NULL, ST, &M, &lo, &stats);
	double right = ST->page_w - ST->margin_right;
	size_t checked = 0;
	for (size_t p = 0; p < lo.pages.n; p++) {
		const struct page *pg = &lo.pages.v[p];
		/* the rightmost body item of each line; lines ending a paragraph
		 * end with "./." or before the next paragraph's first line */
		for (size_t i = 0; i + 1 < pg->items.n; i++) {
			const struct fitem *a = &pg->items.v[i], *b = &pg->items.v[i + 1];
			int pa, pb;
			if (sscanf(a->text ? a->text : "", "p%d", &pa) != 1 ||
			    sscanf(b->text ? b->text : "", "p%d", &pb) != 1)
				continue;
			if (fabs(a->y - b->y) < 0.01 || pa != pb)
				continue; /* same line, or the paragraph ended */
			size_t l = strlen(a->text);
			while (l && a->text[l - 1] == ' ')
				l--;
			double end = a->x + text_width(&M, a->face, a->size, a->text, l);
			assert_true(fabs(end - right) < 0.01);
			checked++;
		}
	}
	assert_true(checked > 20);
	assert_true(stats.justified >= checked);
	layout_free(&lo);
	blocks_free(&body);
	model_free(&doc);
	arena_free(&ar);
}

static void the_body_ends_with_the_end_mark(void **state)
{
	(void)state;
	struct doc doc;
	struct arena ar = {0};
	struct blocks body;
	struct layout lo = {0};
	base_doc(&doc);
	make_body(&body, &ar, 3, 1);
	layout_document(&doc, &body, NULL, ST, &M, &lo, NULL);
	assert_non_null(find_text(&lo.pages.v[lo.pages.n - 1], "p2./."));
	layout_free(&lo);
	blocks_free(&body);
	model_free(&doc);
	arena_free(&ar);
}

/* The ink above the baseline comes from the font: a font whose accents
 * reach 0.1 em higher sets the national title's baseline 0.1 em lower
 * (13 pt: 1.3 pt); ink is rounded to 1/100 em, so 0.008 em more moves nothing. */
static void ink_comes_from_the_font(void **state)
{
	(void)state;
	struct doc doc;
	struct arena ar = {0};
	struct blocks body;
	const struct metrics taller = {NULL, fake_advance, fake_has, 1016, 221};
	const struct metrics nearly = {NULL, fake_advance, fake_has, 924, 221};
	const char *nt = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
	base_doc(&doc);
	make_body(&body, &ar, 2, 3);
	struct layout a = {0}, b = {0}, n = {0};
	layout_document(&doc, &body, NULL, ST, &M, &a, NULL);
	layout_document(&doc, &body, NULL, ST, &taller, &b, NULL);
	layout_document(&doc, &body, NULL, ST, &nearly, &n, NULL);
	const struct fitem *ta = find_text(&a.pages.v[0], nt), *tb = find_text(&b.pages.v[0], nt);
	const struct fitem *tn = find_text(&n.pages.v[0], nt);
	assert_non_null(ta);
	assert_non_null(tb);
	assert_non_null(tn);
	assert_true(fabs(tb->y - ta->y - 0.1 * ST->sz_national) < 1e-9);
	assert_true(tn->y == ta->y);
	layout_free(&a);
	layout_free(&b);
	layout_free(&n);
	blocks_free(&body);
	model_free(&doc);
	arena_free(&ar);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(pagination_rules_hold_for_many_documents),
		cmocka_unit_test(page_numbers_from_page_two),
		cmocka_unit_test(header_geometry),
		cmocka_unit_test(justified_lines_meet_the_right_margin),
		cmocka_unit_test(the_body_ends_with_the_end_mark),
		cmocka_unit_test(ink_comes_from_the_font),
	};
	return cmocka_run_group_tests(t, setup, teardown);
}
