/* libFuzzer target: Mustache templates over YAML data. The input is a
 * template, then the data: they are split at the first NUL byte, or in
 * half when there is none. The data goes through the source checks and
 * the YAML loader; the template is rendered twice (strict and not) with
 * the document hooks (dates, .padded) and a partial callback that answers
 * every name with the template itself, so {{> x}} recurses up to the depth
 * limit.
 * Build: make fuzz; run: build-fuzz/fuzz_template tests/fuzz/corpus-template */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "base/base.h"

struct self {
	const char *t;
	size_t n;
};

static const char *self_partial(void *user, const char *name, size_t *len)
{
	const struct self *s = user;
	(void)name;
	*len = s->n;
	return s->t;
}

/* The user data is the template for partials; the hooks ignore it. */
static char *field(void *user, const struct ynode *n, const char *f)
{
	(void)user;
	return template_field(NULL, n, f);
}

static void text(struct buf *out, const struct ynode *n, void *user)
{
	(void)user;
	template_text(out, n, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t tlen = nul ? (size_t)(nul - data) : size / 2;
	size_t dstart = nul ? tlen + 1 : tlen;
	size_t dlen = size - dstart;

	/* The template without a terminator, so a read past its end shows. */
	char *tmpl = xmalloc(tlen ? tlen : 1);
	memcpy(tmpl, data, tlen);

	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	char *raw = xmalloc(dlen + 1);
	memcpy(raw, data + dstart, dlen);
	raw[dlen] = 0;
	struct source *src = srcset_take(&files, "fuzz.yaml", raw, dlen, &d);
	struct ynode *root = src ? yaml_load(src, 0, src->len, &ar, &d) : NULL;

	struct self self = {tmpl, tlen};
	for (int strict = 0; strict < 2; strict++) {
		struct mu_opts o = {0};
		o.partial = self_partial;
		o.scalar_field = field;
		o.scalar_text = text;
		o.user = &self;
		o.strict = strict;
		/* Budgets a hundredth of the defaults: the same limits, reached
		 * a hundred times sooner (under the sanitizers 100 million
		 * look-ups or 64 MiB of output take seconds). */
		o.max_steps = 100000;
		o.max_output = 1 << 20;
		struct mu_errors errs = {0};
		size_t len = 0;
		char *out = mustache_render(tmpl, tlen, root, &o, &len, &errs);
		if (out) {
			if (errs.n || strlen(out) > len)
				__builtin_trap(); /* output and errors exclude each other */
		} else if (!errs.n) {
			__builtin_trap();
		}
		for (size_t i = 0; i < errs.n; i++)
			if (!errs.v[i].msg || errs.v[i].line < 0 || errs.v[i].col < 0)
				__builtin_trap();
		free(out);
		mu_errors_free(&errs);
	}
	free(tmpl);
	arena_free(&ar);
	diag_free(&d);
	srcset_free(&files);
	return 0;
}
