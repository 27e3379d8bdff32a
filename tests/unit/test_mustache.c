/* Mustache templates over YAML data: values, sections, names, the strict
 * mode's messages and positions, parse errors, partials and their limits,
 * the hooks, and random templates that must never crash or hang. */
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

/* Partials for the tests: "name=text" pairs, NULL-terminated. */
static const char *find_partial(void *user, const char *name, size_t *len)
{
	for (const char *const *p = user; p && *p; p++) {
		size_t n = strlen(name);
		if (!strncmp(*p, name, n) && (*p)[n] == '=') {
			*len = strlen(*p + n + 1);
			return *p + n + 1;
		}
	}
	return NULL;
}

/* Renders tmpl against the YAML text; returns the output, or "!" and the
 * errors as "line:col: message" lines. */
static char *render_opts(const char *yaml, const char *tmpl, const struct mu_opts *o)
{
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	struct source *src = srcset_add(&files, "t.yaml", xstrdup(yaml), strlen(yaml));
	struct ynode *root = yaml_load(src, 0, src->len, &ar, &d);
	assert_int_equal(d.errors, 0);
	struct mu_errors errs = {0};
	size_t len = 12345;
	char *out = mustache_render(tmpl, strlen(tmpl), root, o, &len, &errs);
	if (out) {
		assert_int_equal(errs.n, 0);
		assert_int_equal(len, strlen(out));
	} else {
		assert_true(errs.n > 0);
		assert_int_equal(len, 0);
		struct buf b = {0};
		buf_putc(&b, '!');
		for (size_t i = 0; i < errs.n; i++)
			buf_printf(&b, "%d:%d: %s\n", errs.v[i].line, errs.v[i].col, errs.v[i].msg);
		out = buf_take(&b);
	}
	mu_errors_free(&errs);
	diag_free(&d);
	arena_free(&ar);
	srcset_free(&files);
	return out;
}

static char *render(const char *yaml, const char *tmpl)
{
	return render_opts(yaml, tmpl, NULL);
}

static char *render_strict(const char *yaml, const char *tmpl)
{
	struct mu_opts o = {.strict = true};
	return render_opts(yaml, tmpl, &o);
}

#define EXPECT(got_, want_) do { \
	char *g_ = (got_); assert_string_equal(g_, (want_)); free(g_); } while (0)

static void interpolation(void **state)
{
	(void)state;
	const char *data = "name: Nguyễn Văn A\nnumber: 1.210\nnone: ~\nno: false\nyes: true\n"
			   "empty:\nquoted: \"null\"\n";
	EXPECT(render(data, "Kính gửi {{name}}."), "Kính gửi Nguyễn Văn A.");
	EXPECT(render(data, "{{ name }}|{{number}}"), "Nguyễn Văn A|1.210");
	EXPECT(render(data, "[{{none}}][{{empty}}][{{no}}][{{yes}}][{{quoted}}]"),
	       "[][][false][true][null]");
	EXPECT(render(data, "{{missing}}"), "");
	EXPECT(render(data, "no tags at all\n"), "no tags at all\n");
	EXPECT(render(data, "{{! a comment }}x{{!\nmultiline\n}}y"), "xy");
	EXPECT(render(data, "{{=<% %>=}}<% name %>{{name}}<%={{ }}=%>{{name}}"),
	       "Nguyễn Văn A{{name}}Nguyễn Văn A");
}

static void escaping(void **state)
{
	(void)state;
	const char *data = "x: '<a & \"b\">'\n";
	EXPECT(render(data, "{{x}}"), "&lt;a &amp; &quot;b&quot;&gt;");
	EXPECT(render(data, "{{{x}}}|{{& x}}"), "<a & \"b\">|<a & \"b\">");
}

/* A Markdown-style escape: a backslash before * and _. */
static void md_escape(struct buf *out, const char *s, size_t n, void *user)
{
	(void)user;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '*' || s[i] == '_')
			buf_putc(out, '\\');
		buf_putc(out, s[i]);
	}
}

static void custom_escape(void **state)
{
	(void)state;
	struct mu_opts o = {.escape = md_escape};
	EXPECT(render_opts("x: a*b_c <d>\n", "{{x}}|{{{x}}}", &o), "a\\*b\\_c <d>|a*b_c <d>");
}

static void sections_over_lists_and_maps(void **state)
{
	(void)state;
	const char *data =
		"org: LĐLĐ tỉnh\n"
		"recipients: [Ban Thường vụ, Các đồng chí, Lưu VT]\n"
		"members:\n"
		"  - {name: An, role: Chủ tịch}\n"
		"  - {name: Bình}\n"
		"signature: {title: Chủ tịch, name: Nguyễn Văn A}\n"
		"flag: yes\n"
		"off: false\n"
		"nothing: []\n";
	EXPECT(render(data, "{{#recipients}}- {{.}};\n{{/recipients}}"),
	       "- Ban Thường vụ;\n- Các đồng chí;\n- Lưu VT;\n");
	EXPECT(render(data, "{{#members}}{{name}} ({{role}}{{^role}}-{{/role}}) {{org}}\n{{/members}}"),
	       "An (Chủ tịch) LĐLĐ tỉnh\nBình (-) LĐLĐ tỉnh\n");
	EXPECT(render(data, "{{#signature}}{{title}}\n{{name}}{{/signature}}"),
	       "Chủ tịch\nNguyễn Văn A");
	EXPECT(render(data, "{{#flag}}<{{.}}>{{/flag}}{{#off}}no{{/off}}{{#nothing}}no{{/nothing}}"),
	       "<yes>");
	/* Standalone section lines vanish, blanks included. */
	EXPECT(render(data, "A\n  {{#flag}}  \nB\n  {{/flag}}\r\nC"), "A\nB\nC");
	/* A list of lists, and the root itself. */
	EXPECT(render("[[1, 2], [3]]\n", "{{#.}}({{#.}}{{.}}{{/.}}){{/.}}"), "(12)(3)");
}

static void inverted(void **state)
{
	(void)state;
	const char *data = "a: false\nb: ~\nc: []\nd: \"false\"\ne: ''\nf: {}\ng: 0\n";
	EXPECT(render(data, "{{^a}}a{{/a}}{{^b}}b{{/b}}{{^c}}c{{/c}}{{^d}}d{{/d}}{{^e}}e{{/e}}"
			    "{{^f}}f{{/f}}{{^g}}g{{/g}}{{^zz}}z{{/zz}}"),
	       "abcez");
}

static void dotted_names(void **state)
{
	(void)state;
	const char *data = "meeting:\n  chair: {name: Trần B}\n  room: 3\n"
			   "name: outer\na: {b: {}}\nb: {c: WRONG}\n";
	EXPECT(render(data, "{{meeting.chair.name}}/{{meeting.room}}"), "Trần B/3");
	EXPECT(render(data, "{{#meeting}}{{chair.name}} {{name}}{{/meeting}}"), "Trần B outer");
	/* Later parts are only looked up in what the first part found. */
	EXPECT(render(data, "[{{#a}}{{b.c}}{{/a}}][{{meeting.room.x}}][{{a.b.c}}]"), "[][][]");
	EXPECT(render(data, "{{#meeting.chair}}{{name}}{{/meeting.chair}}"), "Trần B");
}

static void implicit_iterator(void **state)
{
	(void)state;
	EXPECT(render("[a, '<b>', 3]\n", "{{#.}}[{{.}}|{{{.}}}]{{/.}}"), "[a|a][&lt;b&gt;|<b>][3|3]");
	EXPECT(render("just text\n", "{{.}}!"), "just text!");
	EXPECT(render("xs: [x, y]\n", "{{#xs}}{{.}}{{/xs}}"), "xy");
}

static void strict_missing_names(void **state)
{
	(void)state;
	const char *data = "meeting:\n  chair: {title: Chủ tịch}\nitems: [1, 2, 3]\n";
	EXPECT(render_strict(data, "Kính gửi:\n  {{meeting.chair.name}}\n"),
	       "!2:3: 'meeting.chair.name' is not in the data\n");
	/* Columns count characters, not bytes. */
	EXPECT(render_strict(data, "Ông {{x}}"), "!1:5: 'x' is not in the data\n");
	/* Every tag is reported, each once however often it is rendered. */
	EXPECT(render_strict(data, "{{#items}}{{a}}{{/items}}\n{{ b }}"),
	       "!1:11: 'a' is not in the data\n2:1: 'b' is not in the data\n");
	/* Text for a mapping is an error too. */
	EXPECT(render_strict(data, "{{meeting.chair}}"),
	       "!1:1: 'meeting.chair' is a mapping, not text\n");
	/* A key with no value is there: it prints as nothing. */
	EXPECT(render_strict("a:\n", "[{{a}}]"), "[]");
	/* Without strict, missing names are empty. */
	EXPECT(render(data, "[{{meeting.chair.name}}][{{meeting.chair}}]"), "[][]");
}

static void strict_sections_never_fail(void **state)
{
	(void)state;
	EXPECT(render_strict("a: 1\n", "{{#missing}}x{{/missing}}{{^missing}}y{{/missing}}"
				       "{{#a.b}}z{{/a.b}}{{^a.b}}w{{/a.b}}"),
	       "yw");
}

static void parse_errors(void **state)
{
	(void)state;
	EXPECT(render("a: 1\n", "a\n  {{#list}}\nb\n"), "!2:3: section 'list' is never closed\n");
	EXPECT(render("a: 1\n", "{{#a}}{{#b}}\n{{/a}}{{/b}}"),
	       "!2:1: closing tag 'a' does not match section 'b' opened at 1:7\n");
	EXPECT(render("a: 1\n", "x {{/a}}"), "!1:3: closing tag 'a' has no open section\n");
	EXPECT(render("a: 1\n", "ok\nthen {{a"), "!2:6: unclosed tag: no '}}' after it\n");
	EXPECT(render("a: 1\n", "{{{a}}"), "!1:1: unclosed tag: no '}}}' after it\n");
	EXPECT(render("a: 1\n", "é{{=<% %> x=}}"),
	       "!1:2: bad delimiter change: it must look like {{=<% %>=}}\n");
	EXPECT(render("a: 1\n", "{{=<%=}}"),
	       "!1:1: bad delimiter change: it must look like {{=<% %>=}}\n");
	EXPECT(render("a: 1\n", "{{=<% %>=}}\n<%a}}"), "!2:1: unclosed tag: no '%>' after it\n");
	EXPECT(render("a: 1\n", "x{{ }}"), "!1:2: empty tag\n");
	EXPECT(render("a: 1\n", "{{"), "!1:1: unclosed tag: no '}}' after it\n");
	/* Sections nested deeper than the limit. */
	struct mu_opts o = {.max_depth = 3};
	EXPECT(render_opts("a: 1\n", "{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}", &o), "");
	EXPECT(render_opts("a: 1\n", "{{#a}}{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}{{/a}}", &o),
	       "!1:19: sections nested more than 3 deep\n");
}

static void partials(void **state)
{
	(void)state;
	const char *parts[] = {
		"item=- {{name}}\n",
		"list=Nơi nhận:\n  {{#people}}\n  {{>item}}\n  {{/people}}\n",
		"bad=a {{#x}}",
		"crlf=a\r\nb\r\n",
		NULL,
	};
	struct mu_opts o = {.partial = find_partial, .user = parts};
	const char *data = "people: [{name: A}, {name: B}]\nname: top\n";
	EXPECT(render_opts(data, "{{>item}}", &o), "- top\n");
	EXPECT(render_opts(data, "x {{> item }} y", &o), "x - top\n y");
	/* Standalone partials are indented, nested ones by both amounts. */
	EXPECT(render_opts(data, "<\n    {{>list}}\n>", &o),
	       "<\n    Nơi nhận:\n      - A\n      - B\n>");
	EXPECT(render_opts(data, " {{>crlf}}\n.", &o), " a\r\n b\r\n.");
	EXPECT(render_opts(data, "[{{>nope}}]", &o), "[]");
	/* Errors in a partial are placed at the tag that included it. */
	EXPECT(render_opts(data, "ok\n  x{{>bad}}", &o),
	       "!2:4: in partial 'bad' at 1:3: section 'x' is never closed\n");
}

static void self_including_partial(void **state)
{
	(void)state;
	const char *parts[] = {"p=x{{>p}}", "q={{#a}}{{>q}}{{>q}}{{/a}}", NULL};
	struct mu_opts o = {.partial = find_partial, .user = parts};
	EXPECT(render_opts("a: 1\n", "a\n{{>p}}", &o),
	       "!2:1: in partial 'p' at 1:2: partials nested more than 64 deep\n");
	o.max_depth = 5;
	EXPECT(render_opts("a: 1\n", "{{>q}}", &o),
	       "!1:1: in partial 'q' at 1:7: partials nested more than 5 deep\n");
	o.strict = true;
	EXPECT(render_opts("a: 1\n", "{{>p}}", &o),
	       "!1:1: in partial 'p' at 1:2: partials nested more than 5 deep\n");
}

static void limits(void **state)
{
	(void)state;
	/* Each partial includes the next twice: 2^40 leaves within the depth
	 * limit, stopped by the work budget. */
	char *parts[42];
	for (int i = 0; i < 40; i++) {
		struct buf b = {0};
		buf_printf(&b, "p%d={{>p%d}}{{>p%d}}", i, i + 1, i + 1);
		parts[i] = buf_take(&b);
	}
	parts[40] = xstrdup("p40=x");
	parts[41] = NULL;
	struct mu_opts o = {.partial = find_partial, .user = parts, .max_steps = 100000};
	char *out = render_opts("a: 1\n", "{{>p0}}", &o);
	assert_non_null(strstr(out, "the template expands to more than 100000 tags "
				    "(recursive partials?)\n"));
	assert_memory_equal(out, "!1:1: in partial 'p", 19);
	free(out);
	o.max_steps = 0;
	o.max_output = 1000;
	out = render_opts("a: 1\n", "{{>p0}}", &o);
	assert_non_null(strstr(out, "the output is larger than 1000 bytes"));
	free(out);
	for (int i = 0; i < 41; i++)
		free(parts[i]);
	/* An empty list iterated a million times costs work too. */
	struct buf y = {0};
	buf_puts(&y, "l: [");
	for (int i = 0; i < 2000; i++)
		buf_puts(&y, "0, ");
	buf_puts(&y, "0]\n");
	struct mu_opts small = {.max_steps = 1000};
	out = render_opts(y.data, "{{#l}}{{/l}}", &small);
	assert_non_null(strstr(out, "more than 1000 tags"));
	free(out);
	buf_free(&y);
	/* Names looked up through 50 nested sections, 300 times: few tags, but
	 * each look-up goes through every level. */
	struct buf t = {0};
	for (int i = 0; i < 50; i++)
		buf_puts(&t, "{{#a}}");
	for (int i = 0; i < 300; i++)
		buf_puts(&t, "{{zz}}");
	for (int i = 0; i < 50; i++)
		buf_puts(&t, "{{/a}}");
	out = render_opts("a: {x: 1}\n", t.data, &small);
	assert_string_equal(out, "!1:745: the template looks names up more than 10000 times "
				 "(sections nested too deep, or recursive partials?)\n");
	free(out);
	/* The same with 40 look-ups fits. */
	t.len = 0;
	for (int i = 0; i < 50; i++)
		buf_puts(&t, "{{#a}}");
	for (int i = 0; i < 40; i++)
		buf_puts(&t, "{{zz}}");
	for (int i = 0; i < 50; i++)
		buf_puts(&t, "{{/a}}");
	out = render_opts("a: {x: 1}\n", t.data, &small);
	assert_string_equal(out, "");
	free(out);
	buf_free(&t);
}

/* A fake date scalar with virtual fields, as the document model gives;
 * and a field that every scalar has, virtual ones too. */
static char *date_field(void *user, const struct ynode *n, const char *field)
{
	(void)user;
	int y, m, d;
	char end;
	if (!strcmp(field, "quoted")) {
		struct buf q = {0};
		buf_printf(&q, "«%s»", n->str);
		return buf_take(&q);
	}
	if (n->len != 10 || sscanf(n->str, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
		return NULL;
	struct buf b = {0};
	if (!strcmp(field, "long"))
		buf_printf(&b, "ngày %02d tháng %d năm %d", d, m, y);
	else if (!strcmp(field, "year"))
		buf_printf(&b, "%d", y);
	else
		return NULL;
	return buf_take(&b);
}

static void scalar_fields(void **state)
{
	(void)state;
	struct mu_opts o = {.scalar_field = date_field, .strict = true};
	const char *data = "date: 2020-09-03\nplace: Quảng Trị\n";
	EXPECT(render_opts(data, "{{place}}, {{date.long}} ({{date.year}})", &o),
	       "Quảng Trị, ngày 03 tháng 9 năm 2020 (2020)");
	EXPECT(render_opts(data, "{{date.long.quoted}} {{place.quoted}} {{date.year.quoted.quoted}}", &o),
	       "«ngày 03 tháng 9 năm 2020» «Quảng Trị» ««2020»»");
	EXPECT(render_opts(data, "{{#date.long}}[{{.}}]{{/date.long}}{{^date.nope}}-{{/date.nope}}", &o),
	       "[ngày 03 tháng 9 năm 2020]-");
	EXPECT(render_opts(data, "{{date.nope}}\n{{place.long}}\n{{date.long.more}}", &o),
	       "!1:1: 'date.nope' is not in the data\n2:1: 'place.long' is not in the data\n"
	       "3:1: 'date.long.more' is not in the data\n");
	o.strict = false;
	EXPECT(render_opts(data, "[{{date.nope}}]", &o), "[]");
}

/* Numbers printed the caller's way, then escaped. */
static void comma_decimals(struct buf *out, const struct ynode *n, void *user)
{
	(void)user;
	for (size_t i = 0; i < n->len; i++)
		buf_putc(out, n->str[i] == '.' ? ',' : n->str[i]);
}

static void scalar_text_hook(void **state)
{
	(void)state;
	struct mu_opts o = {.scalar_text = comma_decimals};
	EXPECT(render_opts("x: 1.5\nn: ~\n", "{{x}}[{{n}}]", &o), "1,5[]");
}

static void empty_template(void **state)
{
	(void)state;
	EXPECT(render("a: 1\n", ""), "");
	size_t len = 99;
	struct mu_errors errs = {0};
	char *out = mustache_render(NULL, 0, NULL, NULL, &len, &errs);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
	assert_int_equal(errs.n, 0);
	free(out);
	/* No data at all: every name is missing. */
	const char *tm = "[{{a}}{{#b}}x{{/b}}{{.}}]";
	out = mustache_render(tm, strlen(tm), NULL, NULL, &len, NULL);
	assert_string_equal(out, "[]");
	free(out);
	/* A template need not be NUL-terminated. */
	out = mustache_render("ab{{", 2, NULL, NULL, &len, NULL);
	assert_string_equal(out, "ab");
	free(out);
}

/* Random templates from tag fragments: any outcome but a crash, a leak
 * or a hang is fine; a result is either text or errors, never both. */
static void random_templates(void **state)
{
	(void)state;
	static const char *const frag[] = {
		"{{", "}}", "{{{", "}}}", "#", "^", "/", "!", ">", "&", "=", "a", "b", ".",
		"a.b", "p", "q", " ", "\n", "\r\n", "\t", "<%", "%>", "{{#a}}", "{{/a}}",
		"{{>p}}", "{{>q}}", "{{=<% %>=}}", "<%={{ }}=%>", "{{.}}", "x", "é", "{{#l}}",
		"{{/l}}", "{{^b}}", "{{/b}}", "{{a.b.c}}", "{{!", "{{=", "=}}",
	};
	const size_t nfrag = sizeof frag / sizeof *frag;
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	const char *yaml = "a: {b: {c: x}}\nb: false\nl: [1, {a: y}, [z]]\n";
	struct source *src = srcset_add(&files, "t.yaml", xstrdup(yaml), strlen(yaml));
	struct ynode *root = yaml_load(src, 0, src->len, &ar, &d);
	assert_non_null(root);
	char ptext[2][256];
	const char *parts[] = {ptext[0], ptext[1], NULL};
	uint64_t seed = 0x9E3779B97F4A7C15u;
	for (int iter = 0; iter < 20000; iter++) {
		struct buf t[3] = {{0}};
		for (int k = 0; k < 3; k++) {
			int n = (int)(seed >> 60) + 1;
			for (int j = 0; j < n; j++) {
				seed = seed * 6364136223846793005u + 1442695040888963407u;
				buf_puts(&t[k], frag[(seed >> 33) % nfrag]);
			}
			buf_putc(&t[k], 0);
			t[k].len--;
		}
		snprintf(ptext[0], sizeof ptext[0], "p=%s", t[1].data);
		snprintf(ptext[1], sizeof ptext[1], "q=%s", t[2].data);
		struct mu_opts o = {
			.partial = find_partial,
			.user = parts,
			.strict = iter & 1,
			.max_depth = iter % 7,
			.scalar_field = date_field,
		};
		struct mu_errors errs = {0};
		size_t len;
		char *out = mustache_render(t[0].data, t[0].len, root, &o, &len, &errs);
		assert_true(out ? errs.n == 0 : errs.n > 0);
		for (size_t i = 0; i < errs.n; i++)
			assert_true(errs.v[i].line >= 1 && errs.v[i].col >= 1);
		free(out);
		mu_errors_free(&errs);
		for (int k = 0; k < 3; k++)
			buf_free(&t[k]);
	}
	diag_free(&d);
	arena_free(&ar);
	srcset_free(&files);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(interpolation),
		cmocka_unit_test(escaping),
		cmocka_unit_test(custom_escape),
		cmocka_unit_test(sections_over_lists_and_maps),
		cmocka_unit_test(inverted),
		cmocka_unit_test(dotted_names),
		cmocka_unit_test(implicit_iterator),
		cmocka_unit_test(strict_missing_names),
		cmocka_unit_test(strict_sections_never_fail),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(partials),
		cmocka_unit_test(self_including_partial),
		cmocka_unit_test(limits),
		cmocka_unit_test(scalar_fields),
		cmocka_unit_test(scalar_text_hook),
		cmocka_unit_test(empty_template),
		cmocka_unit_test(random_templates),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
