/* Values in messages: control characters and bad bytes escaped, long
 * values cut, the quoted line escaped with its caret in place. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static void a_plain_value_is_itself(void **state)
{
	(void)state;
	struct diag d = {0};
	const char *s = "Bà Đỗ Thị Ánh Tuyết";
	assert_ptr_equal(diag_quote(&d, s), s);
	assert_string_equal(diag_quote(&d, NULL), "");
	diag_free(&d);
}

static void control_characters_and_bad_bytes_are_escaped(void **state)
{
	(void)state;
	struct diag d = {0};
	assert_string_equal(diag_quote(&d, "a\x1b[2Jb\a"), "a\\x1b[2Jb\\x07");
	assert_string_equal(diag_quote(&d, "t\xe1\xbb x\xff"), "t\\xe1\\xbb x\\xff");
	assert_string_equal(diag_quote(&d, "\xc2\x85\xe2\x80\xae\x7f"), "\\u0085\\u202e\\x7f");
	assert_string_equal(diag_quote_n(&d, "abc\ndef", 4), "abc\\x0a");
	diag_free(&d);
}

static void a_long_value_is_cut(void **state)
{
	(void)state;
	struct diag d = {0};
	char big[1000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = 0;
	const char *q = diag_quote(&d, big);
	assert_int_equal(strlen(q), DIAG_QUOTE_MAX + strlen("…"));
	assert_string_equal(q + DIAG_QUOTE_MAX, "…");
	big[DIAG_QUOTE_MAX] = 0;
	assert_ptr_equal(diag_quote(&d, big), big); /* exactly the limit: whole */
	diag_free(&d);
}

static void the_caret_moves_past_an_escape(void **state)
{
	(void)state;
	struct diag d = {0};
	struct source *s = source_new("x.yaml", strdup("a\x01" "bc\n"), 4);
	diag_error(&d, source_pos(s, 3), "here");
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	diag_print(&d, f);
	fclose(f);
	assert_string_equal(mem, "x.yaml:1:4: error: here\n"
				 "   1 | a\\x01bc\n"
				 "     |       ^\n"); /* under the c */
	free(mem);
	source_free(s);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(a_plain_value_is_itself),
		cmocka_unit_test(control_characters_and_bad_bytes_are_escaped),
		cmocka_unit_test(a_long_value_is_cut),
		cmocka_unit_test(the_caret_moves_past_an_escape),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
