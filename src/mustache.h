/* mustache.h - Mustache templates rendered against the YAML data tree.
 *
 * Templates let a house style or a user lay out text from a document's
 * data ({{issuer.name}}, {{#recipients}}...{{/recipients}}) without code.
 * The data is the YAML tree itself (struct ynode), so values keep their
 * source positions and the caller decides how scalars print.
 *
 * Supported: interpolation ({{name}} escaped, {{{name}}} and {{& name}}
 * not), dotted names, the implicit iterator {{.}}, sections and inverted
 * sections, comments, set delimiters ({{=<% %>=}}), partials ({{> name}},
 * indented when standalone) and the spec's standalone-line rules. Lambdas
 * are not. Every test of the spec's interpolation, sections, inverted,
 * comments, delimiters and partials files passes.
 *
 * Values: a missing name is falsey; so is an empty scalar, and a plain
 * (unquoted) scalar "~", "null", "Null", "NULL", "false", "False" or
 * "FALSE"; and an empty list. Everything else, every mapping included, is
 * truthy. A section over a list renders once per item; over a mapping or a
 * truthy scalar it renders once with the value pushed on the context stack.
 * Null scalars interpolate as nothing; "false" prints as itself.
 *
 * Names: "a.b.c" looks "a" up through the context stack (innermost first)
 * and "b", "c" only inside what was found. A part that follows a scalar is
 * one of the scalar's virtual fields (mu_opts.scalar_field), e.g.
 * {{date.long}}.
 *
 * Any input is safe: the scan is linear, sections and partials nest at most
 * max_depth deep, and the total work and output are bounded, so a template
 * that includes itself forever ends in an error, not a crash. */
#ifndef VB_MUSTACHE_H
#define VB_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"
#include "ytree.h"

/* One error; line:col (1-based, columns in code points) is in the template
 * given to mustache_render. An error inside a partial is placed at the
 * outermost partial tag of that template, and its message starts with
 * "in partial 'name' at line:col: " (the place inside the partial). */
struct mu_error {
	int line, col;
	char *msg;
};

/* A growable vector of errors, laid out like util.h's VEC, so vec_push and
 * vec_free work on it. mu_errors_free frees the messages and the vector. */
struct mu_errors {
	struct mu_error *v;
	size_t n, cap;
};
void mu_errors_free(struct mu_errors *e);

struct mu_opts {
	/* Escaping for {{name}}; NULL = HTML escaping as the spec (& < > " to
	 * &amp; &lt; &gt; &quot;). Appends the escaped bytes to out. */
	void (*escape)(struct buf *out, const char *s, size_t n, void *user);
	/* Looks up a partial by name; returns its text (owned by the caller's
	 * user data, alive until mustache_render returns) and sets *len, or
	 * returns NULL: a missing partial renders as nothing. May be NULL. */
	const char *(*partial)(void *user, const char *name, size_t *len);
	/* Virtual fields of a scalar: e.g. for a date scalar "2020-09-03" and
	 * field "long". Returns a malloc'd string (freed by the renderer), or
	 * NULL when the scalar has no such field. May be NULL. */
	char *(*scalar_field)(void *user, const struct ynode *scalar, const char *field);
	/* How a (non-null) scalar is printed, appended to out; NULL = its text
	 * as is. The result is then escaped for {{name}}. */
	void (*scalar_text)(struct buf *out, const struct ynode *scalar, void *user);
	void *user;
	/* An interpolated name that resolves to nothing is an error:
	 * "'meeting.chair.name' is not in the data"; so is interpolating a
	 * mapping or a list ("'signature' is a mapping, not text"). Sections
	 * and inverted sections never are. */
	bool strict;
	/* Nesting limit for partials, and for sections within one template
	 * (0 = 64): "partials nested more than 64 deep". */
	int max_depth;
	/* Bounds on the work (tags and text pieces rendered, section
	 * iterations; 0 = 10 million) and on the output (bytes; 0 = 64 MiB).
	 * Going past either is an error, and so is comparing more than ten
	 * times max_steps keys while looking names up. */
	size_t max_steps, max_output;
};

/* Renders tmpl (tlen bytes, need not be NUL-terminated) against data
 * (which may be NULL: every name is then missing). o may be NULL for the
 * defaults. Returns the malloc'd output (NUL-terminated, *len set when len
 * is not NULL), or NULL with errors appended to *errs (when errs is not
 * NULL; the caller frees each msg and the vector, or calls
 * mu_errors_free). Parse errors (a section never closed, a closing tag that
 * does not match, an unclosed tag, a bad delimiter change, an empty tag)
 * stop at the first and give the tag's line:col; missing names in strict
 * mode are all reported, each tag once. */
char *mustache_render(const char *tmpl, size_t tlen, const struct ynode *data,
		      const struct mu_opts *o, size_t *len, struct mu_errors *errs);

#endif
