/* phrases.c - the lexicon of Vietnamese phrases the line breaker keeps
 * whole (templates/phrases.txt): compounds, agency types, place words,
 * surnames, units, and the words a line may start or must not end with.
 *
 * The file is data so that a house style can extend it: a style names
 * its lexicon (breaking.phrases), and a lexicon may include another. Each
 * entry is a lower-case phrase of up to PHRASE_MAX syllables under a
 * [section]; an entry in several sections has all their kinds. */
#include "input.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
	const char *name;
	unsigned kind;
} sections[] = {
	{"compound", PH_COMPOUND}, {"agency", PH_AGENCY}, {"place", PH_PLACE},
	{"surname", PH_SURNAME},   {"unit", PH_UNIT},     {"free", PH_FREE},
	{"leader", PH_LEADER},     {"number", PH_NUMWORD},   {"authority", PH_AUTHORITY},
};
enum { NSECTIONS = sizeof sections / sizeof *sections };

/* Tones written on the first vowel of "oa", "oe", "uy" at a syllable's
 * end ("hoà", "uỷ") as on the second, so both spellings are one key. */
static const char *const tone_moves[][2] = {
	{"oà", "òa"}, {"oá", "óa"}, {"oả", "ỏa"}, {"oã", "õa"}, {"oạ", "ọa"},
	{"oè", "òe"}, {"oé", "óe"}, {"oẻ", "ỏe"}, {"oẽ", "õe"}, {"oẹ", "ọe"},
	{"uỳ", "ùy"}, {"uý", "úy"}, {"uỷ", "ủy"}, {"uỹ", "ũy"}, {"uỵ", "ụy"},
};

size_t phrase_key(const char *s, size_t n, char *out, size_t cap)
{
	size_t len = text_lower_into(s, n, out, cap);
	for (size_t i = 0; i < sizeof tone_moves / sizeof *tone_moves; i++) {
		const char *from = tone_moves[i][0];
		size_t fl = strlen(from);
		if (len < fl || memcmp(out + len - fl, from, fl))
			continue;
		/* "quý": the u belongs to the consonant, the tone is on y */
		if (from[0] == 'u' && len > fl && out[len - fl - 1] == 'q')
			break;
		memcpy(out + len - fl, tone_moves[i][1], fl);
		break;
	}
	return len;
}

static int cmp_phrase(const void *a, const void *b)
{
	return strcmp(((const struct phrase *)a)->text, ((const struct phrase *)b)->text);
}

unsigned phrases_kind(const struct phrases *ph, const char *key)
{
	if (!ph || !ph->v.n)
		return 0;
	struct phrase k = {(char *)key, 0};
	const struct phrase *f = bsearch(&k, ph->v.v, ph->v.n, sizeof k, cmp_phrase);
	return f ? f->kinds : 0;
}

/* The entry of one line, its syllables keyed one by one and joined by
 * single spaces; the number of syllables in *count, 0 when one is too
 * long to be a syllable. */
static char *entry_key(const char *s, size_t n, size_t *count)
{
	struct buf b = {0};
	*count = 0;
	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\t')
			j++;
		if (j == i)
			break;
		char k[64];
		if (!phrase_key(s + i, j - i, k, sizeof k)) {
			buf_free(&b);
			*count = 0;
			return NULL;
		}
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, k);
		(*count)++;
		i = j;
	}
	return b.data ? buf_take(&b) : NULL;
}

static bool load_file(struct phrases *ph, const char *path, struct pos from,
		      const char *datadir, struct srcset *files, struct diag *d, int depth);

/* "include FILE": beside the including file, else under templates/. */
static bool include(struct phrases *ph, const struct source *src, struct pos at,
		    const char *name, const char *datadir, struct srcset *files,
		    struct diag *d, int depth)
{
	if (!files) {
		diag_error(d, at, "no include in a phrase list read from memory");
		return false;
	}
	if (depth >= 8) {
		diag_error(d, at, "phrase lists include each other in a loop");
		return false;
	}
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", src->name);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	char *path = path_join(dir, name);
	if (access(path, R_OK) != 0) {
		free(path);
		path = datadir_path(datadir, "templates", name);
	}
	bool ok = load_file(ph, path, at, datadir, files, d, depth + 1);
	free(path);
	return ok;
}

static bool parse(struct phrases *ph, const struct source *src, const char *datadir,
		  struct srcset *files, struct diag *d, int depth)
{
	int before = d->errors;
	unsigned kind = 0;
	const char *t = src->text, *end = src->text + src->len;
	for (int line = 1; t < end; line++) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));
		const char *le = nl ? nl : end;
		const char *s = t;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		const char *e = s;
		while (e < le && *e != '#')
			e++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		struct pos at = {src, line, (int)(s - t) + 1};
		size_t n = (size_t)(e - s);
		if (!n) {
			/* blank or a comment */
		} else if (s[0] == '[') {
			kind = 0;
			for (int k = 0; k < NSECTIONS; k++)
				if (n == strlen(sections[k].name) + 2 && e[-1] == ']' &&
				    !memcmp(s + 1, sections[k].name, n - 2))
					kind = sections[k].kind;
			if (!kind) {
				char *name = xstrndup(s, n);
				diag_error(d, at, "unknown section '%s' (known: [compound], [agency], "
					   "[place], [surname], [unit], [free], [leader], [number], "
					   "[authority])",
					   diag_quote(d, name));
				free(name);
				kind = PH_COMPOUND; /* no more errors for its lines */
			}
		} else if (n > 8 && !memcmp(s, "include ", 8)) {
			char *name = xstrndup(s + 8, n - 8);
			include(ph, src, at, name, datadir, files, d, depth);
			free(name);
		} else if (!kind) {
			diag_error(d, at, "a phrase before the first [section]");
			kind = PH_COMPOUND; /* one error, not one a line */
		} else {
			size_t count;
			char *key = entry_key(s, n, &count);
			if (!key || count > PHRASE_MAX) {
				diag_error(d, at, "a phrase of more than %d syllables, or a syllable "
					   "longer than 60 bytes", PHRASE_MAX);
				free(key);
			} else {
				struct phrase p = {key, kind};
				vec_push(&ph->v, p);
				if (count > ph->maxlen)
					ph->maxlen = count;
			}
		}
		t = nl ? nl + 1 : end;
	}
	return d->errors == before;
}

static bool load_file(struct phrases *ph, const char *path, struct pos from,
		      const char *datadir, struct srcset *files, struct diag *d, int depth)
{
	struct source *src = srcset_load(files, path, path, from, d);
	return src && parse(ph, src, datadir, files, d, depth);
}

/* Sorted, and one entry per phrase with the kinds of all its lines. */
static void merge(struct phrases *ph)
{
	qsort(ph->v.v, ph->v.n, sizeof *ph->v.v, cmp_phrase);
	size_t k = 0;
	for (size_t i = 0; i < ph->v.n; i++) {
		if (k && !strcmp(ph->v.v[k - 1].text, ph->v.v[i].text)) {
			ph->v.v[k - 1].kinds |= ph->v.v[i].kinds;
			free(ph->v.v[i].text);
		} else {
			ph->v.v[k++] = ph->v.v[i];
		}
	}
	ph->v.n = k;
}

struct phrases *phrases_load(const char *path, struct pos from, const char *datadir,
			     struct srcset *files, struct diag *d)
{
	struct phrases *ph = xcalloc(1, sizeof *ph);
	if (!load_file(ph, path, from, datadir, files, d, 0)) {
		phrases_free(ph);
		return NULL;
	}
	merge(ph);
	return ph;
}

struct phrases *phrases_parse(const struct source *src, struct diag *d)
{
	struct phrases *ph = xcalloc(1, sizeof *ph);
	if (!parse(ph, src, ".", NULL, d, 0)) {
		phrases_free(ph);
		return NULL;
	}
	merge(ph);
	return ph;
}

void phrases_free(struct phrases *ph)
{
	if (!ph)
		return;
	for (size_t i = 0; i < ph->v.n; i++)
		free(ph->v.v[i].text);
	vec_free(&ph->v);
	free(ph);
}
