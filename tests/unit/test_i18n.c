/* The language from the environment, and the .mo reader: a catalog made
 * here by hand, in the other byte order than msgfmt writes on this
 * machine, looked up through the diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"

static void env(const char *language, const char *lc_all, const char *lc_messages,
		const char *lang)
{
	const char *names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	const char *values[] = {language, lc_all, lc_messages, lang};
	for (int i = 0; i < 4; i++) {
		if (values[i])
			setenv(names[i], values[i], 1);
		else
			unsetenv(names[i]);
	}
}

static void the_language_is_chosen_as_gettext_does(void **state)
{
	(void)state;
	env(NULL, NULL, NULL, "vi_VN.UTF-8");
	assert_true(i18n_wants_vi());
	env(NULL, NULL, NULL, "vi");
	assert_true(i18n_wants_vi());
	env(NULL, NULL, NULL, "vi_VN@tcvn");
	assert_true(i18n_wants_vi());
	env(NULL, NULL, NULL, "C.UTF-8");
	assert_false(i18n_wants_vi());
	env(NULL, NULL, NULL, NULL);
	assert_false(i18n_wants_vi());
	env(NULL, NULL, NULL, "vim");
	assert_false(i18n_wants_vi());
	/* LC_ALL, then LC_MESSAGES, then LANG; an empty one does not count. */
	env(NULL, "C", NULL, "vi_VN.UTF-8");
	assert_false(i18n_wants_vi());
	env(NULL, "", "vi_VN.UTF-8", "C");
	assert_true(i18n_wants_vi());
	env(NULL, NULL, "en_GB.UTF-8", "vi_VN.UTF-8");
	assert_false(i18n_wants_vi());
	/* LANGUAGE first: its first language that has a catalog or is
	 * English. */
	env("vi", "C", NULL, "C");
	assert_true(i18n_wants_vi());
	env("de:fr:vi_VN", NULL, NULL, "C");
	assert_true(i18n_wants_vi());
	env("en_US:vi", NULL, NULL, "vi_VN.UTF-8");
	assert_false(i18n_wants_vi());
	env("", NULL, NULL, "vi_VN.UTF-8");
	assert_true(i18n_wants_vi());
	env("de", NULL, NULL, "vi_VN.UTF-8");
	assert_false(i18n_wants_vi()); /* no catalog for de: English, as gettext */
}

static void put32be(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A big-endian catalog of the sorted pairs (the header first, as msgfmt
 * sorts "" first). */
static size_t make_mo(unsigned char *mo, const char *const (*pairs)[2], uint32_t n)
{
	uint32_t orig = 28, trans = orig + 8 * n, strings = trans + 8 * n;
	memset(mo, 0, strings);
	put32be(mo, 0x950412de);
	put32be(mo + 8, n);
	put32be(mo + 12, orig);
	put32be(mo + 16, trans);
	size_t at = strings;
	for (int t = 0; t < 2; t++)
		for (uint32_t i = 0; i < n; i++) {
			size_t len = strlen(pairs[i][t]);
			put32be(mo + (t ? trans : orig) + 8 * i, (uint32_t)len);
			put32be(mo + (t ? trans : orig) + 8 * i + 4, (uint32_t)at);
			memcpy(mo + at, pairs[i][t], len + 1);
			at += len + 1;
		}
	return at;
}

static void a_catalog_translates_the_diagnostics(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{"", "Content-Type: text/plain; charset=UTF-8\n"},
		{"%s (the same for %zu more %s)", "%s (tương tự với %zu %s khác)"},
		{"awardees", "người được khen"},
		{"error", "lỗi"},
		{"missing '%s'", "thiếu '%s'"},
		{"unknown key '%s'", ""}, /* an empty translation is none */
		{"warning", "cảnh báo"},
		{"zzz %d %s", "%2$s %1$d"},
	};
	char dir[] = "/tmp/vanban-i18n-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/locale/vi/LC_MESSAGES", dir);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
	strcat(path, "/vanban.mo");
	unsigned char mo[2048];
	size_t len = make_mo(mo, pairs, sizeof pairs / sizeof *pairs);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(mo, 1, len, f), len);
	fclose(f);

	env(NULL, NULL, NULL, "vi_VN.UTF-8");
	i18n_init(dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	assert_true(i18n_active());
	assert_string_equal(_("error"), "lỗi");
	assert_string_equal(_("warning"), "cảnh báo");
	assert_string_equal(_("not in the catalog"), "not in the catalog");
	assert_string_equal(_("unknown key '%s'"), "unknown key '%s'");
	assert_string_equal(_(""), "");
	/* The first and the last original, and one between. */
	assert_string_equal(_("%s (the same for %zu more %s)"), "%s (tương tự với %zu %s khác)");
	assert_string_equal(_("zzz %d %s"), "%2$s %1$d");
	assert_string_equal(_("missing '%s'"), "thiếu '%s'");

	/* diag_* look their format up before formatting. */
	struct diag d = {0};
	diag_error(&d, pos_none(), "missing '%s'", "place");
	diag_error(&d, pos_none(), "missing '%s'", "place");
	diag_fold_repeats(&d, 0, "awardees");
	assert_int_equal(d.list.n, 1);
	assert_string_equal(d.list.v[0].msg, "thiếu 'place' (tương tự với 1 người được khen khác)");
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_language_is_chosen_as_gettext_does),
		cmocka_unit_test(a_catalog_translates_the_diagnostics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
