/* Vietnamese number and date wording (NĐ 30/2020 Phụ lục I §II.3-4). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>

#include "base/base.h"

#define EXPECT_STR(call, want) do { char *s_ = (call); assert_string_equal(s_, (want)); free(s_); } while (0)

static void numbers_below_ten_take_a_zero(void **state)
{
	(void)state;
	EXPECT_STR(vn_number(1), "01");
	EXPECT_STR(vn_number(5), "05");
	EXPECT_STR(vn_number(9), "09");
	EXPECT_STR(vn_number(10), "10");
	EXPECT_STR(vn_number(125), "125");
	EXPECT_STR(vn_number(1243), "1243");
}

static void months_one_and_two_only_take_a_zero(void **state)
{
	(void)state;
	EXPECT_STR(vn_date_words(2020, 9, 7), "ngày 07 tháng 9 năm 2020");
	EXPECT_STR(vn_date_words(2021, 1, 8), "ngày 08 tháng 01 năm 2021");
	EXPECT_STR(vn_date_words(2020, 2, 29), "ngày 29 tháng 02 năm 2020");
	EXPECT_STR(vn_date_words(2020, 3, 5), "ngày 05 tháng 3 năm 2020");
	EXPECT_STR(vn_date_words(2019, 6, 29), "ngày 29 tháng 6 năm 2019");
	EXPECT_STR(vn_date_words(2020, 10, 8), "ngày 08 tháng 10 năm 2020");
	EXPECT_STR(vn_date_words(2020, 12, 31), "ngày 31 tháng 12 năm 2020");
}

static void a_year_alone_leaves_blanks(void **state)
{
	(void)state;
	EXPECT_STR(vn_date_words(2020, 0, 0), "ngày     tháng     năm 2020");
}

static void short_dates(void **state)
{
	(void)state;
	EXPECT_STR(vn_date_short(2020, 9, 3), "03/9/2020");
	EXPECT_STR(vn_date_short(2021, 1, 6), "06/01/2021");
	EXPECT_STR(vn_date_short(2020, 11, 20), "20/11/2020");
}

static void weekdays(void **state)
{
	(void)state;
	assert_string_equal(vn_weekday(2020, 9, 3), "Thứ Năm");
	assert_string_equal(vn_weekday(2021, 1, 6), "Thứ Tư");
	assert_string_equal(vn_weekday(2024, 2, 29), "Thứ Năm");
	assert_string_equal(vn_weekday(2000, 1, 2), "Chủ nhật");
	assert_string_equal(vn_weekday(2026, 11, 22), "Chủ nhật");
}

static void parsing_dates(void **state)
{
	(void)state;
	int y, m, d;
	assert_true(vn_parse_date("2020-09-03", &y, &m, &d));
	assert_int_equal(y * 10000 + m * 100 + d, 20200903);
	assert_true(vn_parse_date("2024-02-29", &y, &m, &d));
	assert_false(vn_parse_date("2023-02-29", &y, &m, &d));
	assert_false(vn_parse_date("2020-9-03", &y, &m, &d));
	assert_false(vn_parse_date("2020-09-031", &y, &m, &d));
	assert_false(vn_parse_date("03/09/2020", &y, &m, &d));
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(numbers_below_ten_take_a_zero),
		cmocka_unit_test(months_one_and_two_only_take_a_zero),
		cmocka_unit_test(a_year_alone_leaves_blanks),
		cmocka_unit_test(short_dates),
		cmocka_unit_test(weekdays),
		cmocka_unit_test(parsing_dates),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
