/* The routes of vanban serve without HTTP: JSON strings, names refused
 * before any file is touched, and the page's token. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/serve.h"

static void json_strings_are_escaped(void **state)
{
	(void)state;
	struct buf b = {0};
	json_str(&b, "a\"b\\c\nd\x01</script>Số");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\nd\\u0001\\u003c/script>Số\"");
	b.len = 0;
	json_str(&b, NULL);
	assert_string_equal(b.data, "\"\"");
	buf_free(&b);
}

struct args {
	const char *name, *type;
};

static const char *arg(void *ctx, const char *key)
{
	const struct args *a = ctx;
	return !strcmp(key, "name") ? a->name : !strcmp(key, "type") ? a->type : NULL;
}

/* Answers method path?name=... and returns the status (the body in *body). */
static int ask(struct server *s, const char *method, const char *path, const char *name,
	       char **body)
{
	struct args a = {name, "thong-bao"};
	struct serve_req r = {method, path, arg, &a, "", 0};
	struct serve_reply out = {0};
	serve_route(s, &r, &out);
	*body = out.body;
	free(out.attachment);
	return out.status;
}

static void names_outside_the_folder_are_refused(void **state)
{
	(void)state;
	char dir[] = "/tmp/vanban-serve-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct server s = {path_real(dir), xstrdup("."), "0123456789abcdef0123456789abcdef"};
	static const char *const bad[] = {"../x.yaml", "a/b.yaml", "/etc/passwd.yaml", ".hidden.yaml",
					  "x..yaml", "notes.txt", "", "a\nb.yaml"};
	char *body;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ask(&s, "GET", "/api/file", bad[i], &body), 400);
		free(body);
		assert_int_equal(ask(&s, "POST", "/api/new", bad[i], &body), 400);
		free(body);
	}
	assert_int_equal(ask(&s, "GET", "/api/file", NULL, &body), 400);
	assert_string_equal(body, "{\"error\":\"no document named (name=...)\"}\n");
	free(body);
	/* A link that leads out. */
	char link[64];
	snprintf(link, sizeof link, "%s/out.yaml", dir);
	assert_int_equal(symlink("/etc/hostname", link), 0);
	assert_int_equal(ask(&s, "GET", "/api/file", "out.yaml", &body), 403);
	assert_string_equal(body, "{\"error\":\"the name leads outside the folder, or not to a file\"}\n");
	free(body);
	assert_int_equal(ask(&s, "GET", "/api/file", "none.yaml", &body), 404);
	free(body);
	assert_int_equal(ask(&s, "GET", "/nothing", NULL, &body), 404);
	free(body);
	unlink(link);
	rmdir(dir);
	free(s.dir);
	free(s.datadir);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(json_strings_are_escaped),
		cmocka_unit_test(names_outside_the_folder_are_refused),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
