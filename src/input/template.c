/* template.c - document data through a Mustache body template.
 *
 * Values are inserted into Markdown, so what could change its structure is
 * escaped: "*", "_", "[" and the like anywhere, and "-", "+", "1." at the
 * start of a value (they would begin a list). Dates in the data (plain
 * YYYY-MM-DD) print the Vietnamese way, {{meeting.date}} as "03/9/2020",
 * and offer {{meeting.date.long}} "ngày 03 tháng 9 năm 2020", .day "03",
 * .month "9", .year "2020" and .weekday "Thứ Năm" (the decree's zero rules). */
#include "input.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tctx {
	const char *dir;      /* the template's directory, for partials */
	const char *datadir;
	struct srcset *files;
	struct diag *d;
};

static void md_escape(struct buf *out, const char *s, size_t n, void *user)
{
	(void)user;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool start = i == 0;
		if (strchr("\\`*_[]<>#|~", c) || (start && (c == '-' || c == '+'))) {
			buf_putc(out, '\\');
		} else if (start && c >= '0' && c <= '9') {
			/* "1. " or "1) " at the start would open a numbered list */
			size_t k = i;
			while (k < n && s[k] >= '0' && s[k] <= '9')
				k++;
			if (k < n && (s[k] == '.' || s[k] == ')') && (k + 1 == n || s[k + 1] == ' ')) {
				buf_add(out, s, k);
				buf_putc(out, '\\');
				buf_putc(out, s[k]);
				i = k;
				continue;
			}
		}
		buf_putc(out, c);
	}
}

static bool scalar_date(const struct ynode *n, int *y, int *m, int *d)
{
	return n->kind == Y_SCALAR && n->style == YS_PLAIN && n->len == 10 &&
	       vn_parse_date(n->str, y, m, d);
}

char *template_field(void *user, const struct ynode *n, const char *field)
{
	(void)user;
	int y, m, d;
	if (!strcmp(field, "padded") && n->kind == Y_SCALAR && n->len && n->len < 8 &&
	    strspn(n->str, "0123456789") == n->len)
		return vn_number(atoi(n->str)); /* "05": numbers below 10 */
	if (!scalar_date(n, &y, &m, &d))
		return NULL;
	char s[64];
	if (!strcmp(field, "long"))
		return vn_date_words(y, m, d);
	if (!strcmp(field, "short"))
		return vn_date_short(y, m, d);
	if (!strcmp(field, "day"))
		snprintf(s, sizeof s, "%02d", d);
	else if (!strcmp(field, "month"))
		snprintf(s, sizeof s, m <= 2 ? "%02d" : "%d", m);
	else if (!strcmp(field, "year"))
		snprintf(s, sizeof s, "%d", y);
	else if (!strcmp(field, "weekday"))
		snprintf(s, sizeof s, "%s", vn_weekday(y, m, d));
	else
		return NULL;
	return xstrdup(s);
}

void template_text(struct buf *out, const struct ynode *n, void *user)
{
	(void)user;
	int y, m, d;
	if (scalar_date(n, &y, &m, &d)) {
		char *s = vn_date_short(y, m, d);
		buf_puts(out, s);
		free(s);
		return;
	}
	buf_add(out, n->str, n->len);
}

/* Partials: beside the template, then in templates/partials/. */
static const char *partial(void *user, const char *name, size_t *len)
{
	struct tctx *t = user;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return NULL;
	char file[256];
	snprintf(file, sizeof file, "%s.md", name);
	char *tpl = datadir_path(t->datadir, "templates/partials", NULL);
	const char *dirs[] = {t->dir, tpl};
	const char *text = NULL;
	for (int i = 0; i < 2 && !text; i++) {
		char *path = path_join(dirs[i], file);
		if (access(path, R_OK) == 0) {
			struct source *s = srcset_load(t->files, path, path, pos_none(), t->d);
			if (s) {
				text = s->text;
				*len = s->len;
			}
		}
		free(path);
	}
	free(tpl);
	return text;
}

/* The deepest node of the data on the way to a missing dotted name, for a
 * note that shows where the data is. */
static struct pos data_pos(const struct ynode *root, const char *msg)
{
	const char *q = strchr(msg, '\'');
	const struct ynode *n = root;
	struct pos best = root->pos;
	if (!q)
		return best;
	q++;
	while (*q && *q != '\'' && n && n->kind == Y_MAP) {
		size_t l = strcspn(q, ".'");
		const struct ynode *next = NULL;
		for (size_t i = 0; i < n->n; i++)
			if (strlen(n->pairs[i].key->str) == l && !memcmp(n->pairs[i].key->str, q, l)) {
				next = n->pairs[i].val;
				best = n->pairs[i].key->pos;
			}
		n = next;
		q += l;
		if (*q == '.')
			q++;
	}
	return best;
}

bool template_body(const struct text_field *name, const struct ynode *root,
		   const struct mdtext *user_body, const char *datadir, const char *basedir,
		   struct srcset *files, struct arena *ar, struct diag *d, struct mdtext *out)
{
	const char *nm = name->s;
	size_t nl = strlen(nm);
	char *path;
	if (strchr(nm, '/') || (nl > 3 && !strcmp(nm + nl - 3, ".md"))) {
		path = path_join(basedir, nm);
		if (!srcset_allowed(files, path, nm, name->pos, d)) {
			free(path);
			return false;
		}
	} else {
		for (const char *p = nm; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
				diag_error(d, name->pos, "'%s' is not a template name (letters a-z, "
					   "digits and '-') nor a path to a .md file",
					   diag_quote(d, nm));
				return false;
			}
		char file[300];
		snprintf(file, sizeof file, "%s.md", nm);
		path = datadir_path(datadir, "templates", file);
		if (access(path, R_OK) != 0) {
			diag_error(d, name->pos, "unknown template '%s' (no file %s)",
				   diag_quote(d, nm), diag_quote(d, path));
			free(path);
			return false;
		}
	}
	struct source *src = srcset_load(files, path, path, name->pos, d);
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	free(path);
	if (!src) {
		free(dir);
		return false;
	}
	/* The data: the document, with the user's body as {{{body}}} even when
	 * it came after the front matter. */
	struct ynode *data = arena_alloc(ar, sizeof *data);
	*data = *root;
	if (user_body->text && !ymap_get(root, "body")) {
		data->pairs = arena_alloc(ar, (root->n + 1) * sizeof *data->pairs);
		if (root->n)
			memcpy(data->pairs, root->pairs, root->n * sizeof *data->pairs);
		struct ynode *k = arena_alloc(ar, sizeof *k), *v = arena_alloc(ar, sizeof *v);
		k->kind = v->kind = Y_SCALAR;
		k->str = "body";
		k->len = 4;
		v->style = YS_BLOCK;
		v->str = user_body->text;
		v->len = strlen(user_body->text);
		data->pairs[data->n].key = k;
		data->pairs[data->n].val = v;
		data->n++;
	}
	struct tctx t = {dir, datadir, files, d};
	struct mu_opts o = {0};
	o.escape = md_escape;
	o.partial = partial;
	o.scalar_field = template_field;
	o.scalar_text = template_text;
	o.user = &t;
	o.strict = true;
	struct mu_errors errs = {0};
	size_t len = 0;
	char *text = mustache_render(src->text, src->len, data, &o, &len, &errs);
	for (size_t i = 0; i < errs.n; i++) {
		diag_error(d, (struct pos){src, errs.v[i].line, errs.v[i].col}, "%s", errs.v[i].msg);
		if (errs.v[i].missing)
			diag_add(d, SEV_NOTE, data_pos(root, errs.v[i].msg),
				 "the data is here; add the field, or put the text inside "
				 "{{#...}}...{{/...}} in the template to make it optional");
	}
	bool ok = text && !errs.n;
	mu_errors_free(&errs);
	free(dir);
	if (ok)
		*out = (struct mdtext){arena_strndup(ar, text, len), src, 1, 1, 0};
	free(text);
	return ok;
}
