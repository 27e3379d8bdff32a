/* sign_parse.c - reading the PDF files vanban writes, as far as signing
 * and verifying need: classic cross-reference tables and their trailers
 * (libharu writes no cross-reference streams, and neither do the updates
 * we add: PDF/A-1 forbids them), objects by number, dictionaries, arrays,
 * strings. Every value is an extent of the file's bytes. A file that is
 * not of that kind is refused with a reason, never guessed at. */
#include "sign_int.h"

#include <stdlib.h>
#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static bool is_delim(char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

static size_t skip_space(const struct pdfdoc *p, size_t i)
{
	while (i < p->len) {
		if (p->s[i] == '%') {
			while (i < p->len && p->s[i] != '\n' && p->s[i] != '\r')
				i++;
		} else if (is_space(p->s[i])) {
			i++;
		} else {
			break;
		}
	}
	return i;
}

/* A regular token (a number, a keyword): up to white space or a delimiter. */
static size_t token_end(const struct pdfdoc *p, size_t i)
{
	while (i < p->len && !is_space(p->s[i]) && !is_delim(p->s[i]))
		i++;
	return i;
}

static bool is_int(const struct pdfdoc *p, size_t a, size_t b)
{
	if (a == b)
		return false;
	for (size_t i = a; i < b; i++)
		if (p->s[i] < '0' || p->s[i] > '9')
			return false;
	return true;
}

/* The value of the digits s[a, b) (is_int checked), read within them: the
 * bytes need not end with a NUL. Saturates far above any file offset. */
static unsigned long long digits(const struct pdfdoc *p, size_t a, size_t b)
{
	unsigned long long v = 0;
	for (size_t i = a; i < b && v < 1000000000000ULL; i++)
		v = v * 10 + (unsigned)(p->s[i] - '0');
	return v;
}

static bool keyword_at(const struct pdfdoc *p, size_t i, const char *kw)
{
	size_t n = strlen(kw);
	return i + n <= p->len && !memcmp(p->s + i, kw, n) &&
	       (i + n == p->len || is_space(p->s[i + n]) || is_delim(p->s[i + n]));
}

/* The end of a literal string that starts at i ('('): nested parentheses
 * and backslash escapes. */
static size_t string_end(const struct pdfdoc *p, size_t i)
{
	int depth = 0;
	for (; i < p->len; i++) {
		char c = p->s[i];
		if (c == '\\')
			i++;
		else if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Nesting deeper than this is not something vanban writes. */
enum { MAX_DEPTH = 32 };

static bool value_at(const struct pdfdoc *p, size_t at, struct ptok *t, size_t *after,
		     int depth);

/* The items of an array or the entries of a dictionary, up to the closing
 * bracket. */
static bool container_end(const struct pdfdoc *p, size_t i, const char *close, size_t *end,
			  int depth)
{
	size_t cn = strlen(close);
	for (;;) {
		i = skip_space(p, i);
		if (i + cn <= p->len && !memcmp(p->s + i, close, cn)) {
			*end = i + cn;
			return true;
		}
		struct ptok t;
		if (!value_at(p, i, &t, &i, depth + 1))
			return false;
	}
}

static bool value_at(const struct pdfdoc *p, size_t at, struct ptok *t, size_t *after,
		     int depth)
{
	size_t i = skip_space(p, at);
	*t = (struct ptok){PT_NONE, i, i, 0, 0};
	if (i >= p->len || depth > MAX_DEPTH)
		return false;
	const char *s = p->s;
	size_t e;
	if (s[i] == '<' && i + 1 < p->len && s[i + 1] == '<') {
		if (!container_end(p, i + 2, ">>", &e, depth))
			return false;
		t->kind = PT_DICT;
	} else if (s[i] == '<') {
		const char *q = memchr(s + i, '>', p->len - i);
		if (!q)
			return false;
		e = (size_t)(q - s) + 1;
		t->kind = PT_HEX;
	} else if (s[i] == '(') {
		if (!(e = string_end(p, i)))
			return false;
		t->kind = PT_STR;
	} else if (s[i] == '[') {
		if (!container_end(p, i + 1, "]", &e, depth))
			return false;
		t->kind = PT_ARRAY;
	} else if (s[i] == '/') {
		e = token_end(p, i + 1);
		t->kind = PT_NAME;
	} else if (is_delim(s[i])) {
		return false;
	} else {
		e = token_end(p, i);
		if (keyword_at(p, i, "true") || keyword_at(p, i, "false"))
			t->kind = PT_BOOL;
		else if (keyword_at(p, i, "null"))
			t->kind = PT_NULL;
		else if (strchr("+-.0123456789", s[i]))
			t->kind = PT_NUM;
		else
			return false;
		/* "12 0 R" */
		if (is_int(p, i, e)) {
			size_t g = skip_space(p, e), ge = token_end(p, g);
			size_t r = skip_space(p, ge);
			if (is_int(p, g, ge) && keyword_at(p, r, "R")) {
				t->kind = PT_REF;
				t->num = (long)digits(p, i, e);
				t->gen = (long)digits(p, g, ge);
				e = r + 1;
			}
		}
	}
	t->b = e;
	*after = e;
	return true;
}

bool pdf_value(const struct pdfdoc *p, size_t at, struct ptok *t, size_t *after)
{
	return value_at(p, at, t, after, 0);
}

bool pdf_is_name(const struct pdfdoc *p, const struct ptok *t, const char *name)
{
	size_t n = strlen(name);
	return t->kind == PT_NAME && t->b - t->a == n + 1 && !memcmp(p->s + t->a + 1, name, n);
}

double pdf_num(const struct pdfdoc *p, const struct ptok *t)
{
	if (t->kind != PT_NUM)
		return 0;
	char tmp[40];
	size_t n = t->b - t->a < sizeof tmp - 1 ? t->b - t->a : sizeof tmp - 1;
	memcpy(tmp, p->s + t->a, n);
	tmp[n] = 0;
	return strtod(tmp, NULL);
}

/* The entry of key in a dictionary: where it starts, and its value. */
static bool dict_find(const struct pdfdoc *p, const struct ptok *dict, const char *key,
		      size_t *ka, struct ptok *val)
{
	if (dict->kind != PT_DICT)
		return false;
	size_t i = dict->a + 2;
	for (;;) {
		i = skip_space(p, i);
		if (i >= dict->b - 2)
			return false;
		struct ptok k, v;
		size_t start = i;
		if (!pdf_value(p, i, &k, &i) || k.kind != PT_NAME || !pdf_value(p, i, &v, &i))
			return false;
		if (pdf_is_name(p, &k, key)) {
			*ka = start;
			*val = v;
			return true;
		}
	}
}

bool pdf_dict_get(const struct pdfdoc *p, const struct ptok *dict, const char *key,
		  struct ptok *val, bool deref)
{
	size_t ka;
	if (!dict_find(p, dict, key, &ka, val))
		return false;
	return !deref || pdf_resolve(p, val);
}

bool pdf_dict_span(const struct pdfdoc *p, const struct ptok *dict, const char *key,
		   size_t *ka, size_t *kb)
{
	struct ptok v;
	if (!dict_find(p, dict, key, ka, &v))
		return false;
	*kb = v.b;
	return true;
}

bool pdf_array_next(const struct pdfdoc *p, const struct ptok *arr, size_t *cur,
		    struct ptok *item)
{
	if (arr->kind != PT_ARRAY)
		return false;
	size_t i = skip_space(p, *cur ? *cur : arr->a + 1);
	if (i >= arr->b - 1)
		return false;
	if (!pdf_value(p, i, item, cur))
		return false;
	return true;
}

bool pdf_object(const struct pdfdoc *p, long n, struct ptok *t)
{
	if (n <= 0 || n >= p->nobj || !p->off[n])
		return false;
	size_t i = p->off[n], e = token_end(p, i);
	if (!is_int(p, i, e) || digits(p, i, e) != (unsigned long long)n)
		return false;
	i = token_end(p, skip_space(p, e)); /* the generation */
	i = skip_space(p, i);
	if (!keyword_at(p, i, "obj"))
		return false;
	if (!pdf_value(p, i + 3, t, &e))
		return false;
	return true;
}

bool pdf_resolve(const struct pdfdoc *p, struct ptok *t)
{
	/* A reference to a reference is not something a writer makes. */
	if (t->kind == PT_REF)
		return pdf_object(p, t->num, t);
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *pdf_string(const struct pdfdoc *p, const struct ptok *t, size_t *len)
{
	struct buf b = {0};
	buf_add(&b, "", 0);
	if (t->kind == PT_HEX) {
		int hi = -1;
		for (size_t i = t->a + 1; i + 1 < t->b; i++) {
			int v = hexval(p->s[i]);
			if (v < 0)
				continue;
			if (hi < 0) {
				hi = v;
			} else {
				buf_putc(&b, (char)(hi * 16 + v));
				hi = -1;
			}
		}
		if (hi >= 0)
			buf_putc(&b, (char)(hi * 16));
	} else if (t->kind == PT_STR) {
		for (size_t i = t->a + 1; i + 1 < t->b; i++) {
			char c = p->s[i];
			if (c != '\\') {
				buf_putc(&b, c);
				continue;
			}
			c = p->s[++i];
			static const char esc[] = "n\nr\rt\tb\bf\f";
			const char *e = strchr(esc, c);
			if (c >= '0' && c <= '7') {
				int v = 0, k = 0;
				while (k < 3 && p->s[i] >= '0' && p->s[i] <= '7')
					v = v * 8 + (p->s[i++] - '0'), k++;
				i--;
				buf_putc(&b, (char)v);
			} else if (c == '\r' || c == '\n') {
				if (c == '\r' && p->s[i + 1] == '\n')
					i++;
			} else if (e && (e - esc) % 2 == 0) {
				buf_putc(&b, e[1]);
			} else {
				buf_putc(&b, c);
			}
		}
	}
	if (len)
		*len = b.len;
	return buf_take(&b);
}

/* One cross-reference section at `at` and its trailer; entries already
 * known (from a newer section) are kept. */
static bool read_section(struct pdfdoc *p, size_t at, struct ptok *trailer, const char **why)
{
	size_t i = skip_space(p, at);
	if (!keyword_at(p, i, "xref")) {
		*why = N_("no cross-reference table where startxref points (cross-reference "
		       "streams are not read)");
		return false;
	}
	i += 4;
	for (;;) {
		i = skip_space(p, i);
		if (keyword_at(p, i, "trailer"))
			break;
		size_t e = token_end(p, i);
		if (!is_int(p, i, e)) {
			*why = N_("a damaged cross-reference table");
			return false;
		}
		long first = (long)digits(p, i, e);
		i = skip_space(p, e);
		e = token_end(p, i);
		if (!is_int(p, i, e)) {
			*why = N_("a damaged cross-reference table");
			return false;
		}
		long count = (long)digits(p, i, e);
		i = e;
		for (long k = 0; k < count; k++) {
			size_t oa = skip_space(p, i), oe = token_end(p, oa);
			size_t ga = skip_space(p, oe), ge = token_end(p, ga);
			size_t ta = skip_space(p, ge);
			if (!is_int(p, oa, oe) || !is_int(p, ga, ge) || ta >= p->len ||
			    (p->s[ta] != 'n' && p->s[ta] != 'f')) {
				*why = N_("a damaged cross-reference table");
				return false;
			}
			long n = first + k;
			if (n >= 0 && n < p->nobj && p->off[n] == 0) {
				size_t o = (size_t)digits(p, oa, oe);
				/* a free entry (or one pointing outside) is marked
				 * taken by an impossible offset */
				p->off[n] = p->s[ta] == 'n' && o < p->len && o ? o : (size_t)-1;
			}
			i = ta + 1;
		}
	}
	size_t e;
	if (!pdf_value(p, i + 7, trailer, &e) || trailer->kind != PT_DICT) {
		*why = N_("a damaged trailer");
		return false;
	}
	return true;
}

/* The number that follows the last "startxref". */
static bool find_startxref(struct pdfdoc *p, size_t *at)
{
	const char *kw = "startxref";
	size_t n = strlen(kw);
	size_t from = p->len > 1024 ? p->len - 1024 : 0;
	for (size_t i = p->len - n; i + 1 > from + 1 && i >= from; i--) {
		if (!memcmp(p->s + i, kw, n)) {
			size_t a = skip_space(p, i + n), e = token_end(p, a);
			if (!is_int(p, a, e))
				return false;
			*at = (size_t)digits(p, a, e);
			return *at < p->len;
		}
		if (i == 0)
			break;
	}
	return false;
}

bool pdf_open(struct pdfdoc *p, const char *s, size_t len, const char **why)
{
	memset(p, 0, sizeof *p);
	p->s = s;
	p->len = len;
	if (len < 32 || memcmp(s, "%PDF-", 5)) {
		*why = N_("not a PDF file");
		return false;
	}
	size_t at;
	if (!find_startxref(p, &at)) {
		*why = N_("no startxref at the end of the file");
		return false;
	}
	p->startxref = at;
	/* The newest trailer's /Size bounds the object numbers. */
	struct ptok tr, v;
	p->nobj = 1;
	p->off = xcalloc(1, sizeof *p->off);
	if (!read_section(p, at, &tr, why))
		return false;
	if (!pdf_dict_get(p, &tr, "Size", &v, false) || v.kind != PT_NUM ||
	    pdf_num(p, &v) < 1 || pdf_num(p, &v) > 8000000) {
		*why = N_("the trailer has no /Size");
		return false;
	}
	p->nobj = (long)pdf_num(p, &v);
	free(p->off);
	p->off = xcalloc((size_t)p->nobj, sizeof *p->off);
	pdf_dict_get(p, &tr, "Root", &p->root, false);
	pdf_dict_get(p, &tr, "Info", &p->info, false);
	pdf_dict_get(p, &tr, "ID", &p->id, false);
	if (p->root.kind != PT_REF) {
		*why = N_("the trailer has no /Root");
		return false;
	}
	for (int sections = 0; sections < 1000; sections++) {
		if (!read_section(p, at, &tr, why))
			return false;
		if (!pdf_dict_get(p, &tr, "Prev", &v, false))
			break;
		if (v.kind != PT_NUM || pdf_num(p, &v) < 0 || (size_t)pdf_num(p, &v) >= len ||
		    (size_t)pdf_num(p, &v) == at) {
			*why = N_("a damaged /Prev in a trailer");
			return false;
		}
		at = (size_t)pdf_num(p, &v);
	}
	for (long n = 0; n < p->nobj; n++)
		if (p->off[n] == (size_t)-1)
			p->off[n] = 0;
	return true;
}

void pdf_close(struct pdfdoc *p)
{
	free(p->off);
	p->off = NULL;
}

/* Page i under node, counting down *left; depth bounds a looping tree. */
static long page_under(const struct pdfdoc *p, const struct ptok *ref, size_t *left, int depth)
{
	struct ptok node = *ref, kids, kid;
	if (depth > 16 || ref->kind != PT_REF || !pdf_resolve(p, &node))
		return 0;
	struct ptok type;
	if (pdf_dict_get(p, &node, "Type", &type, true) && pdf_is_name(p, &type, "Page")) {
		if (*left == 0)
			return ref->num;
		--*left;
		return 0;
	}
	if (!pdf_dict_get(p, &node, "Kids", &kids, true))
		return 0;
	size_t cur = 0;
	while (pdf_array_next(p, &kids, &cur, &kid)) {
		long n = page_under(p, &kid, left, depth + 1);
		if (n)
			return n;
	}
	return 0;
}

long pdf_page_object(const struct pdfdoc *p, size_t i)
{
	struct ptok root = p->root, pages;
	if (!pdf_resolve(p, &root) || !pdf_dict_get(p, &root, "Pages", &pages, false))
		return 0;
	return page_under(p, &pages, &i, 0);
}
