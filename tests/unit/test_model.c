/* Model validation: each bad field gives one precise message at its place. */
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

static const char *const GOOD =
	"type: thong-bao\n"
	"issuer:\n"
	"  name: Ban Thường vụ\n"
	"  code: LĐLĐ\n"
	"place: Quảng Trị\n"
	"date: 2020-09-07\n"
	"subject: Kết luận\n"
	"body: |\n"
	"  Nội dung.\n"
	"signature:\n"
	"  title: Chủ tịch\n"
	"  name: Nguyễn Văn A\n";

/* Loads text and returns the diagnostics as "line:col: message" lines. */
static char *load(const char *text, struct doc *doc)
{
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	struct source *src = srcset_add(&files, "t.yaml", xstrdup(text), strlen(text));
	struct ynode *root = yaml_load(src, 0, src->len, &ar, &d);
	struct doc local;
	if (!doc)
		doc = &local;
	memset(doc, 0, sizeof *doc);
	struct doctypes types = {0};
	doctypes_load(&types, ".", &files, &ar, &d);
	if (root || !d.errors)
		model_load(doc, root, src, 0, 0, ".", &types, &files, &ar, &d);
	doctypes_free(&types);
	struct buf b = {0};
	for (size_t i = 0; i < d.list.n; i++)
		buf_printf(&b, "%d:%d: %s\n", d.list.v[i].pos.line, d.list.v[i].pos.col,
			   d.list.v[i].msg);
	diag_free(&d);
	model_free(doc);
	arena_free(&ar);
	srcset_free(&files);
	return buf_take(&b);
}

/* GOOD with one line replaced (or removed when repl is ""). */
static char *variant(const char *line, const char *repl)
{
	const char *at = strstr(GOOD, line);
	assert_non_null(at);
	struct buf b = {0};
	buf_add(&b, GOOD, (size_t)(at - GOOD));
	buf_puts(&b, repl);
	buf_puts(&b, at + strlen(line));
	return buf_take(&b);
}

#define EXPECT(line, repl, want) do { \
	char *t_ = variant((line), (repl)); char *m_ = load(t_, NULL); \
	assert_string_equal(m_, (want)); free(m_); free(t_); } while (0)

static void a_good_document_has_no_errors(void **state)
{
	(void)state;
	struct doc doc;
	char *m = load(GOOD, &doc);
	assert_string_equal(m, "");
	free(m);
}

static void dates(void **state)
{
	(void)state;
	EXPECT("date: 2020-09-07\n", "date: 30/02/2020\n",
	       "6:7: 'date' must be a date (YYYY-MM-DD), got \"30/02/2020\"\n");
	EXPECT("date: 2020-09-07\n", "date: 2020-02-30\n",
	       "6:7: 'date' 2020-02-30 does not exist (February 2020 has 29 days)\n");
	EXPECT("date: 2020-09-07\n", "date: 2020-13-01\n", "6:7: 'date' 2020-13-01 has no month 13\n");
	EXPECT("date: 2020-09-07\n", "date: 2020\n", "");
	EXPECT("date: 2020-09-07\n", "date: 1900-01-01\n",
	       "6:7: 'date' year 1900 is out of range (1945-2999)\n");
	EXPECT("date: 2020-09-07\n", "", "1:1: missing 'date'\n");
}

static void types_and_keys(void **state)
{
	(void)state;
	EXPECT("place: Quảng Trị\n", "place: [Quảng Trị]\n", "5:8: 'place' must be text, got a list\n");
	EXPECT("type: thong-bao\n", "type: thongbao\n",
	       "1:7: unknown document type 'thongbao'; did you mean 'thong-bao'?\n");
	EXPECT("place: Quảng Trị\n", "place: Quảng Trị\nsubjet: x\n",
	       "6:1: unknown key 'subjet'; did you mean 'subject'?\n");
	EXPECT("place: Quảng Trị\n", "place: Quảng Trị\nzzz: x\n", "6:1: unknown key 'zzz'\n");
	EXPECT("type: thong-bao\n", "type: thong-bao\nnumber: \"12\"\n",
	       "2:9: 'number' must be a whole number or auto, got \"12\"\n");
	EXPECT("type: thong-bao\n", "type: thong-bao\nnumber: 0\n",
	       "2:9: 'number' must be between 1 and 999999, got 0\n");
	EXPECT("  code: LĐLĐ\n", "", "3:3: missing 'issuer.code'\n");
	EXPECT("  code: LĐLĐ\n", "  code: LĐLĐ\ncode: TB-LĐLĐ\n", "");
}

static void signature_rules(void **state)
{
	(void)state;
	EXPECT("  title: Chủ tịch\n", "  authority: TM.\n  title: Chủ tịch\n",
	       "11:14: 'signature.authority' TM. needs 'signature.for' (on whose behalf, e.g. "
	       "BAN THƯỜNG VỤ)\n");
	EXPECT("  title: Chủ tịch\n", "  for: BAN THƯỜNG VỤ\n  title: Chủ tịch\n",
	       "11:8: 'signature.for' needs 'signature.authority' (TM., KT., TL., ...)\n");
	EXPECT("signature:\n  title: Chủ tịch\n  name: Nguyễn Văn A\n", "signature: Nguyễn Văn A\n",
	       "10:12: 'signature' must be a mapping (authority, for, title, name), got text\n");
}

static void duplicates_and_syntax(void **state)
{
	(void)state;
	EXPECT("place: Quảng Trị\n", "place: Quảng Trị\nplace: Huế\n",
	       "6:1: duplicate key 'place' (first given at line 5)\n");
	EXPECT("place: Quảng Trị\n", "place: \"Quảng Trị\n",
	       "5:8: the text opened with \" here is never closed: add the closing \" at its end\n");
	char *m = load("", NULL);
	assert_string_equal(m, "0:0: the document is empty\n");
	free(m);
	m = load("- a\n- b\n", NULL);
	assert_string_equal(m, "1:1: a document must be a mapping of keys (type, issuer, date, ...), "
			    "got a list\n");
	free(m);
}

static void body_rules(void **state)
{
	(void)state;
	EXPECT("  Nội dung.\n", "  \n", "8:7: 'body' is empty\n");
	EXPECT("body: |\n  Nội dung.\n", "body: a\nbody_file: b.md\n",
	       "9:12: give either 'body' or 'body_file', not both\n");
	EXPECT("body: |\n  Nội dung.\n", "body_file: khong-co.md\n",
	       "8:12: cannot read 'khong-co.md': No such file or directory\n");
}

static void recipients(void **state)
{
	(void)state;
	EXPECT("type: thong-bao\n", "type: thong-bao\nrecipients: [a, [b], '']\n",
	       "2:17: a recipient must be text, got a list\n"
	       "2:22: a recipient must be text, got nothing\n");
}

static void billion_laughs_is_bounded(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 9; i++)
		buf_printf(&b, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
			   'a' + i, 'a' + i, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
			   'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
			   'a' + i - 1);
	char *m = load(b.data, NULL);
	assert_non_null(strstr(m, "document expands to more than 200000 values (aliases?)"));
	free(m);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(a_good_document_has_no_errors),
		cmocka_unit_test(dates),
		cmocka_unit_test(types_and_keys),
		cmocka_unit_test(signature_rules),
		cmocka_unit_test(duplicates_and_syntax),
		cmocka_unit_test(body_rules),
		cmocka_unit_test(recipients),
		cmocka_unit_test(billion_laughs_is_bounded),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
