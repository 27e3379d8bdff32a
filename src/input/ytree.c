/* ytree.c - changing a loaded YAML tree (`--set key.path=value`), and the
 * checks every reader of a tree makes: numbers, unknown keys. */
#include "input.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Finds or makes the mapping entry for one dotted key part. */
static struct ynode **slot(struct ynode *map, const char *key, size_t klen, struct arena *ar,
			   struct pos at)
{
	for (size_t i = 0; i < map->n; i++)
		if (strlen(map->pairs[i].key->str) == klen &&
		    !memcmp(map->pairs[i].key->str, key, klen))
			return &map->pairs[i].val;
	struct ypair *np = arena_alloc(ar, (map->n + 1) * sizeof *np);
	if (map->n)
		memcpy(np, map->pairs, map->n * sizeof *np);
	struct ynode *k = arena_alloc(ar, sizeof *k);
	k->kind = Y_SCALAR;
	k->str = arena_strndup(ar, key, klen);
	k->len = klen;
	k->pos = k->end = at;
	np[map->n].key = k;
	np[map->n].val = NULL;
	map->pairs = np;
	return &map->pairs[map->n++].val;
}

bool ytree_set(struct ynode *root, const char *path, const char *value, struct pos at,
	       struct arena *ar, struct diag *d)
{
	if (!root || root->kind != Y_MAP) {
		diag_error(d, at, "--set needs a document that is a mapping of keys");
		return false;
	}
	struct ynode *map = root;
	const char *p = path;
	for (;;) {
		size_t l = strcspn(p, ".");
		if (!l) {
			diag_error(d, at, "--set: '%s' is not a key path (like meeting.chair.name)",
				   diag_quote(d, path));
			return false;
		}
		struct ynode **v = slot(map, p, l, ar, at);
		if (!p[l]) {
			struct ynode *s = arena_alloc(ar, sizeof *s);
			s->kind = Y_SCALAR;
			s->style = YS_PLAIN;
			s->str = arena_strdup(ar, value);
			s->len = strlen(value);
			s->pos = s->end = at;
			if (text_has_invisible(s->str, s->len)) {
				/* pasted into the command line from Word, as into a file */
				struct invisible inv = {0};
				s->len = text_strip_invisible((char *)s->str, s->len, &inv);
				struct pos first = at;
				if (at.src && at.line > 0 && at.col > 0)
					first = source_pos(at.src, source_offset(at.src, at.line,
										 at.col) + inv.first);
				diag_invisible(d, first, &inv);
			}
			*v = s;
			return true;
		}
		if (!*v || (*v)->kind == Y_SCALAR) {
			if (*v && (*v)->len) {
				diag_error(d, at, "--set: '%s' is text in the document, not a mapping",
					   diag_quote_n(d, path, (size_t)(p + l - path)));
				return false;
			}
			struct ynode *m = arena_alloc(ar, sizeof *m);
			m->kind = Y_MAP;
			m->pos = m->end = at;
			*v = m;
		} else if ((*v)->kind != Y_MAP) {
			diag_error(d, at, "--set: '%s' is a list in the document, not a mapping",
				   diag_quote_n(d, path, (size_t)(p + l - path)));
			return false;
		}
		map = *v;
		p += l + 1;
	}
}

bool ynode_number(const struct ynode *v, double *out)
{
	if (!v || v->kind != Y_SCALAR || v->style != YS_PLAIN || !v->len)
		return false;
	char *end;
	double x = strtod(v->str, &end);
	if (*end || !isfinite(x))
		return false;
	*out = x;
	return true;
}

bool ynode_color(const struct ynode *v, uint32_t *out)
{
	if (!v || v->kind != Y_SCALAR || v->len != 7 || v->str[0] != '#' ||
	    strspn(v->str + 1, "0123456789abcdefABCDEF") != 6)
		return false;
	*out = (uint32_t)strtoul(v->str + 1, NULL, 16);
	return true;
}

void ykey_unknown(const struct ynode *key, const char *prefix, const char *const *known,
		  size_t n, struct diag *d)
{
	const char *near = nearest_word(key->str, known, n);
	if (near)
		diag_error(d, key->pos, "unknown key '%s%s'; did you mean '%s'?",
			   diag_quote(d, prefix), diag_quote(d, key->str), near);
	else
		diag_error(d, key->pos, "unknown key '%s%s'", diag_quote(d, prefix),
			   diag_quote(d, key->str));
}

void ymap_check_keys(const struct ynode *map, const char *prefix, const char *const *known,
		     size_t n, struct diag *d)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key;
		bool ok = false;
		for (size_t j = 0; j < n && !ok; j++)
			ok = !strcmp(k->str, known[j]);
		if (!ok)
			ykey_unknown(k, prefix, known, n, d);
	}
}
