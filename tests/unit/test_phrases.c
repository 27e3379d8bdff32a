/* The phrase model of the line breaker: the lexicon file read and its
 * errors, the grades of breaks, the cases a reader notices (issuers, the
 * trích yếu, V/v), and a sweep over real names and subjects set with the
 * real fonts at the header's and the title's widths: no line may end
 * inside a phrase of templates/phrases.txt. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "typeset/typeset.h"
#include "base/base.h"

static struct srcset FILES;
static struct diag D;
static struct style *ST;
static struct fonts *FONTS;
static struct metrics M;

static int setup(void **state)
{
	(void)state;
	ST = style_load("nd30", pos_none(), ".", ".", &FILES, &D);
	if (!ST)
		return -1;
	FONTS = fonts_load((const char *const *)ST->font_file, pos_none(), &D);
	if (!FONTS)
		return -1;
	M = fonts_metrics(FONTS);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fonts_free(FONTS);
	style_free(ST);
	srcset_free(&FILES);
	return 0;
}

/* The grade of the break before word j of text (the last when j is 0). */
static int grade_at(const char *text, size_t j)
{
	char *t = xstrdup(text);
	const char *w[32];
	size_t wn[32], n = 0;
	for (char *s = strtok(t, " "); s && n < 32; s = strtok(NULL, " ")) {
		w[n] = s;
		wn[n++] = strlen(s);
	}
	int pen[32];
	vn_breaks(ST->phrases, w, wn, n, pen);
	free(t);
	return pen[j ? j : n - 1];
}

static int grade(const char *text)
{
	return grade_at(text, 0);
}

static void grades(void **state)
{
	(void)state;
	/* dates, numbers and their units, numbered things */
	assert_int_equal(grade("ngày 06"), VP_NEVER);
	assert_int_equal(grade("06 tháng"), VP_NEVER);
	assert_int_equal(grade("NĂM 2021"), VP_NEVER);
	assert_int_equal(grade("Số: 12"), VP_NEVER);
	assert_int_equal(grade("15 triệu"), VP_NEVER);
	assert_int_equal(grade("Điều 3"), VP_NEVER);
	assert_int_equal(grade("2021 của"), VP_FREE);
	assert_int_equal(grade("năm 2021 tỉnh"), VP_PLAIN); /* a year counts nothing */
	/* compounds, in any case and either tone placement */
	assert_int_equal(grade("CÔNG ĐOÀN"), VP_COMPOUND);
	assert_int_equal(grade("công đoàn cơ sở"), VP_COMPOUND);
	assert_int_equal(grade("KHU CÔNG NGHIỆP"), VP_COMPOUND);
	assert_int_equal(grade("văn hoá"), VP_COMPOUND);
	assert_int_equal(grade("văn hóa"), VP_COMPOUND);
	assert_int_equal(grade("ĐẮK LẮK"), VP_COMPOUND);
	assert_int_equal(grade("phúc lợi"), VP_COMPOUND);
	assert_int_equal(grade("Chủ tịch,"), VP_COMPOUND);
	assert_int_equal(grade("báo cáo);"), VP_COMPOUND);
	/* an agency and its name; a place */
	assert_int_equal(grade("SỞ TƯ"), VP_AGENCY);
	assert_int_equal(grade_at("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK LẮK", 4), VP_PLAIN);
	assert_int_equal(grade_at("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK LẮK", 2), VP_LONG);
	assert_int_equal(grade_at("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK LẮK", 1), VP_COMPOUND);
	/* "tỉnh" at the end names no place */
	assert_int_equal(grade("CÔNG ĐOÀN VIÊN CHỨC TỈNH"), VP_AGENCY * 0);
	assert_int_equal(grade_at("CÔNG ĐOÀN VIÊN CHỨC TỈNH", 2), VP_AGENCY);
	assert_int_equal(grade("TỈNH QUẢNG"), VP_AGENCY);
	assert_int_equal(grade("tỉnh Quảng"), VP_COMPOUND);
	assert_int_equal(grade("cán bộ công"), VP_PLAIN); /* "bộ" of "cán bộ" is no agency */
	/* people */
	assert_int_equal(grade("Nguyễn Thị"), VP_NEVER);
	assert_int_equal(grade("Nguyễn Thị Lan Anh"), VP_NEVER);
	assert_int_equal(grade("Phan Bội Châu"), VP_NEVER);
	assert_int_equal(grade("tỉnh Quảng Trị"), VP_COMPOUND);
	assert_int_equal(grade("Đông Lương"), VP_NAME);
	assert_int_equal(grade("SỞ TÀI NGUYÊN VÀ"), VP_FREE);
	assert_int_equal(grade("ỦY BAN NHÂN"), VP_AGENCY); /* "ủy ban" is one too */
	assert_int_equal(grade("Hội nghị. Ban"), VP_PLAIN);
	assert_int_equal(grade("Châu nhiệm"), VP_PLAIN);
	/* punctuation and the free and leading words */
	assert_int_equal(grade("2020, triển"), VP_GOOD);
	assert_int_equal(grade("kết quả và"), VP_FREE);
	assert_int_equal(grade("về kết"), VP_LEADER);
	assert_int_equal(grade("các khu"), VP_LEADER);
	assert_int_equal(grade("TM. BAN"), VP_COMPOUND);
	assert_int_equal(grade("T/M BAN"), VP_COMPOUND);
	assert_int_equal(grade_at("ông Q. Giám đốc", 2), VP_PLAIN); /* only at the start */
}

static void lexicon_file(void **state)
{
	(void)state;
	struct srcset set = {0};
	struct diag d = {0};
	const char text[] = "# a house list\n[compound]\nHoà Bình\nhòa  bình\n[agency]\nsở\n"
			    "[verbs]\nx\n";
	struct source *src = srcset_add(&set, "house.txt", xstrdup(text), sizeof text - 1);
	struct phrases *ph = phrases_parse(src, &d);
	assert_null(ph);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.list.v[0].pos.line, 7);
	assert_int_equal(d.list.v[0].pos.col, 1);
	assert_string_equal(d.list.v[0].msg, "unknown section '[verbs]' (known: [compound], "
			    "[agency], [place], [surname], [unit], [free], [leader], [number], "
			    "[authority])");
	diag_free(&d);
	const char ok[] = "[compound]\nHoà Bình\nhòa  bình\n[agency]\nsở\n[place]\nSở\n";
	src = srcset_add(&set, "ok.txt", xstrdup(ok), sizeof ok - 1);
	ph = phrases_parse(src, &d);
	assert_non_null(ph);
	assert_int_equal(ph->v.n, 2);
	assert_int_equal(phrases_kind(ph, "hòa bình"), PH_COMPOUND);
	assert_int_equal(phrases_kind(ph, "sở"), PH_AGENCY | PH_PLACE);
	assert_int_equal(phrases_kind(ph, "bình"), 0);
	phrases_free(ph);
	srcset_free(&set);
}

/* The lines of text set as the breaker sets it, joined with " / ". */
static char *set(const char *text, int face, double size, double width)
{
	struct arena ar = {0};
	const char **lines;
	double *w;
	size_t n = layout_wrap(&M, ST->phrases, &ar, text, face, size, width, true, &lines, &w);
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " / " : "", lines[i]);
	arena_free(&ar);
	return buf_take(&b);
}

static void check_set(const char *text, int face, double size, double width, const char *want)
{
	char *got = set(text, face, size, width);
	if (strcmp(got, want))
		print_error("set   %s\nwant  %s\ngot   %s\n", text, want, got);
	assert_string_equal(got, want);
	free(got);
}

static void issuers_and_subjects(void **state)
{
	(void)state;
	double L = ST->left_col, sw = ST->subject_width, si = ST->sz_issuer, ss = ST->sz_subject;
	check_set("ĐOÀN CHỦ TỊCH TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", F_BOLD, si, L,
		  "ĐOÀN CHỦ TỊCH / TỔNG LIÊN ĐOÀN / LAO ĐỘNG VIỆT NAM");
	check_set("LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐẮK LẮK", F_BOLD, si, L,
		  "LIÊN ĐOÀN LAO ĐỘNG / TỈNH ĐẮK LẮK");
	check_set("BAN CHẤP HÀNH CÔNG ĐOÀN CƠ SỞ TRƯỜNG TRUNG HỌC PHỔ THÔNG LÊ LỢI", F_BOLD, si, L,
		  "BAN CHẤP HÀNH / CÔNG ĐOÀN CƠ SỞ / TRƯỜNG TRUNG HỌC / PHỔ THÔNG LÊ LỢI");
	check_set("CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP VÀ KHU KINH TẾ TỈNH", F_BOLD, si, L,
		  "CÔNG ĐOÀN CÁC / KHU CÔNG NGHIỆP / VÀ KHU KINH TẾ TỈNH");
	check_set("Thông báo kết quả thực hiện chương trình phúc lợi cho đoàn viên năm 2021",
		  F_BOLD, ss, sw, "Thông báo kết quả thực hiện chương trình phúc lợi / "
		  "cho đoàn viên năm 2021");
	check_set("V/v phát động phong trào thi đua “Giỏi việc nước, đảm việc nhà”", F_REGULAR,
		  ST->sz_vv, L, "V/v phát động phong trào thi đua / “Giỏi việc nước, "
		  "đảm việc nhà”");
}

/* Syllable i of text as a key, its marks cut off; *mark: a mark after it. */
static void key_of(const char *w, char *out, size_t cap, bool *mark)
{
	size_t n = strlen(w);
	const char *s = w;
	static const char *const marks[] = {",", ".", ";", ":", "(", ")", "\"", "“", "”", "-"};
	*mark = false;
	for (bool cut = true; cut;) {
		cut = false;
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
			size_t l = strlen(marks[k]);
			if (n >= l && !memcmp(s + n - l, marks[k], l)) {
				n -= l;
				cut = *mark = true;
			}
			if (n >= l && !memcmp(s, marks[k], l)) {
				s += l;
				n -= l;
				cut = true;
			}
		}
	}
	if (!n || !phrase_key(s, n, out, cap))
		out[0] = 0;
}

/* The phrase of the lexicon that a break before word b of the n words
 * cuts, or NULL. */
static const char *cut_phrase(char **w, size_t n, size_t b, char *found, size_t cap)
{
	char keys[64][64];
	bool mark[64];
	for (size_t i = 0; i < n && i < 64; i++)
		key_of(w[i], keys[i], sizeof keys[i], &mark[i]);
	for (size_t s = 0; s < b; s++)
		for (size_t e = b + 1; e <= n && e - s <= ST->phrases->maxlen; e++) {
			struct buf k = {0};
			bool ok = true;
			for (size_t i = s; i < e; i++) {
				ok &= keys[i][0] && (i + 1 == e || !mark[i]);
				buf_printf(&k, "%s%s", i > s ? " " : "", keys[i]);
			}
			unsigned kind = ok && e - s <= 3 ? phrases_kind(ST->phrases, k.data) : 0;
			/* in a long name, a break before "và" is no cut */
			bool free_word = e - s > 3 && (phrases_kind(ST->phrases, keys[b]) & PH_FREE);
			if ((kind & (PH_COMPOUND | PH_AGENCY | PH_PLACE)) && !free_word) {
				snprintf(found, cap, "%s", k.data);
				buf_free(&k);
				return found;
			}
			buf_free(&k);
		}
	return NULL;
}

static int sweep_one(const char *text, int face, double size, double width)
{
	struct arena ar = {0};
	const char **lines;
	double *lw;
	size_t nl = layout_wrap(&M, ST->phrases, &ar, text, face, size, width, true, &lines, &lw);
	char *t = xstrdup(text), *w[64];
	size_t n = 0;
	for (char *s = strtok(t, " "); s && n < 64; s = strtok(NULL, " "))
		w[n++] = s;
	int bad = 0;
	size_t at = 0;
	for (size_t i = 0; i + 1 < nl; i++) {
		/* the words on line i */
		char *l = xstrdup(lines[i]);
		for (char *s = strtok(l, " "); s; s = strtok(NULL, " "))
			at++;
		free(l);
		char found[256];
		if (cut_phrase(w, n, at, found, sizeof found)) {
			struct buf b = {0};
			for (size_t k = 0; k < nl; k++)
				buf_printf(&b, "%s%s", k ? " / " : "", lines[k]);
			print_error("cut inside \"%s\": %s\n", found, b.data);
			buf_free(&b);
			bad++;
		}
	}
	free(t);
	arena_free(&ar);
	return bad;
}

static void sweep(void **state)
{
	(void)state;
	FILE *f = fopen("tests/phrases/sweep.txt", "r");
	assert_non_null(f);
	char line[1024];
	int bad = 0, count = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (line[0] == 'H') {
			bad += sweep_one(line + 2, F_BOLD, ST->sz_issuer, ST->left_col);
			bad += sweep_one(line + 2, F_REGULAR, ST->sz_parent, ST->left_col);
		} else if (line[0] == 'T') {
			bad += sweep_one(line + 2, F_BOLD, ST->sz_subject, ST->subject_width);
			struct buf b = {0};
			buf_printf(&b, "V/v %s", line + 2);
			bad += sweep_one(b.data, F_REGULAR, ST->sz_vv, ST->left_col);
			buf_free(&b);
		} else {
			continue;
		}
		count++;
	}
	fclose(f);
	assert_true(count >= 200);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(grades),
		cmocka_unit_test(lexicon_file),
		cmocka_unit_test(issuers_and_subjects),
		cmocka_unit_test(sweep),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
