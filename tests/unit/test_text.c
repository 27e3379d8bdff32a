/* Unicode handling: validation, NFC, Vietnamese upper-casing, folding. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

#define EXPECT_STR(call, want) do { char *s_ = (call); assert_string_equal(s_, (want)); free(s_); } while (0)

static void upper_cases_every_vietnamese_letter(void **state)
{
	(void)state;
	EXPECT_STR(text_upper("aáàảãạ ăắằẳẵặ âấầẩẫậ eéèẻẽẹ êếềểễệ iíìỉĩị"),
		   "AÁÀẢÃẠ ĂẮẰẲẴẶ ÂẤẦẨẪẬ EÉÈẺẼẸ ÊẾỀỂỄỆ IÍÌỈĨỊ");
	EXPECT_STR(text_upper("oóòỏõọ ôốồổỗộ ơớờởỡợ uúùủũụ ưứừửữự yýỳỷỹỵ đ"),
		   "OÓÒỎÕỌ ÔỐỒỔỖỘ ƠỚỜỞỠỢ UÚÙỦŨỤ ƯỨỪỬỮỰ YÝỲỶỸỴ Đ");
}

static void d_with_stroke_is_never_eth(void **state)
{
	(void)state;
	char *s = text_upper("đ");
	assert_string_equal(s, "\xc4\x90"); /* U+0110, not U+00D0 */
	free(s);
	EXPECT_STR(text_upper("Ban Thường vụ"), "BAN THƯỜNG VỤ");
	EXPECT_STR(text_upper("cộng hòa xã hội chủ nghĩa việt nam"),
		   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
}

static void nfc_composes_decomposed_accents(void **state)
{
	(void)state;
	const char *nfd = "Vie\xcc\x82\xcc\xa3t Nguye\xcc\x82\xcc\x83n"; /* Việt Nguyễn, NFD */
	size_t n;
	char *s = text_nfc(nfd, strlen(nfd), &n);
	assert_string_equal(s, "Việt Nguyễn");
	assert_int_equal(n, strlen("Việt Nguyễn"));
	free(s);
	/* Marks in the non-canonical order compose too. */
	const char *odd = "e\xcc\xa3\xcc\x82";
	s = text_nfc(odd, strlen(odd), NULL);
	assert_string_equal(s, "ệ");
	free(s);
}

static void validation_finds_the_first_bad_byte(void **state)
{
	(void)state;
	size_t bad = 99;
	assert_true(text_valid_utf8("Hà Nội", strlen("Hà Nội"), &bad));
	assert_false(text_valid_utf8("ab\xc3(", 4, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_valid_utf8("a\x80", 2, &bad));
	assert_int_equal(bad, 1);
	assert_false(text_valid_utf8("ab\0c", 4, &bad));
	assert_int_equal(bad, 2);
	/* An overlong encoding of '/' */
	assert_false(text_valid_utf8("\xc0\xaf", 2, &bad));
	assert_int_equal(bad, 0);
}

static void folding_to_ascii(void **state)
{
	(void)state;
	EXPECT_STR(text_fold_ascii("Nguyễn Văn Đức"), "Nguyen Van Duc");
	EXPECT_STR(text_fold_ascii("Công đoàn Sở Y tế"), "Cong doan So Y te");
}

static void code_point_names(void **state)
{
	(void)state;
	char n[32];
	text_cp_name(0x4E00, n, sizeof n);
	assert_string_equal(n, "U+4E00 '一'");
	text_cp_name(0x07, n, sizeof n);
	assert_string_equal(n, "U+0007");
	assert_int_equal(utf8_len("Độc lập"), 7);
}

static void invisible_characters_are_stripped(void **state)
{
	(void)state;
	/* U+200B, U+200C, U+200D, U+2060, U+FEFF and U+00AD; other
	 * characters that share their first bytes (U+2013 '–', U+00A0, U+FEFE
	 * is none) stay. */
	char s[] = "a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u00ADg \u2013\u00A0\u2022h";
	struct invisible inv = {0};
	assert_true(text_has_invisible(s, strlen(s)));
	size_t n = text_strip_invisible(s, strlen(s), &inv);
	assert_string_equal(s, "abcdefg \u2013\u00A0\u2022h");
	assert_int_equal(n, strlen(s));
	assert_int_equal(inv.count, 6);
	assert_int_equal(inv.first, 1);
	assert_int_equal(inv.kinds, 0x3F);
	assert_false(text_has_invisible(s, n));
	struct invisible f = {0};
	const char *t = "x\u00ADy\u00AD";
	text_find_invisible(t, strlen(t), &f);
	assert_int_equal(f.count, 2);
	assert_int_equal(f.first, 1);
	assert_string_equal(text_invisible_name(0x00AD), "soft hyphen");
	assert_null(text_invisible_name(0x00A0));
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(upper_cases_every_vietnamese_letter),
		cmocka_unit_test(d_with_stroke_is_never_eth),
		cmocka_unit_test(nfc_composes_decomposed_accents),
		cmocka_unit_test(validation_finds_the_first_bad_byte),
		cmocka_unit_test(folding_to_ascii),
		cmocka_unit_test(code_point_names),
		cmocka_unit_test(invisible_characters_are_stripped),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
