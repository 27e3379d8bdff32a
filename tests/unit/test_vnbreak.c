/* Where a short Vietnamese text breaks between lines: after a comma rather
 * than inside a word of administration, never inside a date. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "typeset/typeset.h"

static enum vn_break kind(const char *a, const char *b)
{
	return vn_break_kind(a, strlen(a), b, strlen(b));
}

static void dates_never_break(void **state)
{
	(void)state;
	assert_int_equal(kind("ngày", "06"), VB_NEVER);
	assert_int_equal(kind("06", "tháng"), VB_NEVER);
	assert_int_equal(kind("tháng", "01"), VB_NEVER);
	assert_int_equal(kind("01", "năm"), VB_NEVER);
	assert_int_equal(kind("năm", "2021"), VB_NEVER);
	assert_int_equal(kind("NĂM", "2021"), VB_NEVER);
	assert_int_equal(kind("2021", "của"), VB_PLAIN);
}

static void words_of_administration_keep_together(void **state)
{
	(void)state;
	assert_int_equal(kind("CÔNG", "ĐOÀN"), VB_POOR);
	assert_int_equal(kind("Công", "đoàn"), VB_POOR);
	assert_int_equal(kind("VIÊN", "CHỨC"), VB_POOR);
	assert_int_equal(kind("PHỤ", "TRÁCH"), VB_POOR);
	assert_int_equal(kind("kết", "quả"), VB_POOR);
	/* "công đoàn viên chức": between the two words is a plain break */
	assert_int_equal(kind("ĐOÀN", "VIÊN"), VB_PLAIN);
	assert_int_equal(kind("TỈNH", "QUẢNG"), VB_PLAIN);
	/* more words, places, and the marks around a syllable */
	assert_int_equal(kind("THƯƠNG", "BINH"), VB_POOR);
	assert_int_equal(kind("NGÂN", "HÀNG"), VB_POOR);
	assert_int_equal(kind("QUẢNG", "TRỊ"), VB_POOR);
	assert_int_equal(kind("HỒ", "CHÍ"), VB_POOR);
	assert_int_equal(kind("Chủ", "tịch,"), VB_POOR);
	assert_int_equal(kind("báo", "cáo);"), VB_POOR);
	assert_int_equal(kind("(để", "báo"), VB_POOR);
}

static void names_keep_together(void **state)
{
	(void)state;
	/* capitals in running text mark a name */
	assert_int_equal(kind("Phan", "Bội"), VB_POOR);
	assert_int_equal(kind("Bội", "Châu"), VB_POOR);
	assert_int_equal(kind("Châu", "nhiệm"), VB_PLAIN);
	/* in a line of capitals they mark nothing */
	assert_int_equal(kind("PHAN", "BỘI"), VB_PLAIN);
	/* after a full stop a capital starts a sentence */
	assert_int_equal(kind("Hội.", "Ban"), VB_PLAIN);
}

static void punctuation_and_leading_words(void **state)
{
	(void)state;
	assert_int_equal(kind("2020,", "triển"), VB_GOOD);
	assert_int_equal(kind("viên;", "người"), VB_GOOD);
	assert_int_equal(kind("về", "kết"), VB_POOR);
	assert_int_equal(kind("và", "nhiệm"), VB_POOR);
	assert_int_equal(kind("III", "và"), VB_PLAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_never_break),
		cmocka_unit_test(words_of_administration_keep_together),
		cmocka_unit_test(punctuation_and_leading_words),
		cmocka_unit_test(names_keep_together),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
