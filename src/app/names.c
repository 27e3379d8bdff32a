/* names.c - file names made unique: two alike get "-2", "-3" ... before
 * the extension ("an.pdf", "an-2.pdf"), for the files of --split. */
#include "app.h"
#include "base/base.h"

#include <string.h>

char *unique_name(const char *name, bool (*taken)(void *user, const char *name), void *user)
{
	char *cand = xstrdup(name);
	for (int k = 2; taken(user, cand); k++) {
		free(cand);
		const char *dot = strrchr(name, '.');
		size_t stem = dot ? (size_t)(dot - name) : strlen(name);
		struct buf b = {0};
		buf_printf(&b, "%.*s-%d%s", (int)stem, name, k, dot ? dot : "");
		cand = buf_take(&b);
	}
	return cand;
}

void nameset_init(struct nameset *s, size_t n)
{
	s->cap = 16;
	while (s->cap < 2 * n + 2)
		s->cap *= 2;
	s->slot = xcalloc(s->cap, sizeof *s->slot);
}

/* The slot of name: where it is, or the empty one where it would go. */
static size_t slot_of(const struct nameset *s, const char *name)
{
	uint32_t h = 2166136261u;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	size_t at = h & (s->cap - 1);
	while (s->slot[at] && strcmp(s->slot[at], name))
		at = (at + 1) & (s->cap - 1);
	return at;
}

bool nameset_has(void *set, const char *name)
{
	struct nameset *s = set;
	return s->slot[slot_of(s, name)] != NULL;
}

void nameset_add(struct nameset *s, const char *name)
{
	s->slot[slot_of(s, name)] = name;
}

void nameset_free(struct nameset *s)
{
	free(s->slot);
	s->slot = NULL;
	s->cap = 0;
}
