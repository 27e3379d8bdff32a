/* diag.c - source line tables and GCC-style diagnostics. */
#include "base.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct colmemo {
	size_t line; /* 0-based */
	size_t off;  /* byte offset of column col on that line */
	int col;
};

struct source *source_new(const char *name, char *text, size_t len)
{
	struct source *s = xcalloc(1, sizeof *s);
	s->memo = xcalloc(1, sizeof *s->memo);
	s->memo->line = (size_t)-1;
	s->name = xstrdup(name);
	s->text = text;
	s->len = len;
	size_t cap = 64;
	s->line_start = xmalloc(cap * sizeof *s->line_start);
	s->line_start[s->nlines++] = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n' && i + 1 <= len) {
			if (s->nlines == cap) {
				cap *= 2;
				s->line_start = xrealloc(s->line_start, cap * sizeof *s->line_start);
			}
			s->line_start[s->nlines++] = i + 1;
		}
	}
	return s;
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->memo);
	free(s->text);
	free(s->line_start);
	free(s);
}

/* UTF-8 continuation bytes do not start a column. */
static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

struct pos source_pos(const struct source *s, size_t offset)
{
	if (offset > s->len)
		offset = s->len;
	size_t lo = 0, hi = s->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (s->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	struct colmemo *m = s->memo;
	size_t i = s->line_start[lo];
	int col = 1;
	if (m->line == lo && m->off <= offset) {
		i = m->off;
		col = m->col;
	}
	for (; i < offset; i++)
		if (!is_cont((unsigned char)s->text[i]))
			col++;
	if (offset >= s->len || !is_cont((unsigned char)s->text[offset]))
		*m = (struct colmemo){lo, offset, col}; /* only at a character's start */
	return (struct pos){s, (int)lo + 1, col};
}

size_t source_offset(const struct source *s, int line, int col)
{
	if (line < 1)
		return 0;
	if ((size_t)line > s->nlines)
		return s->len;
	struct colmemo *m = s->memo;
	size_t i = s->line_start[line - 1];
	int c = 1;
	if (m->line == (size_t)line - 1 && m->col <= col) {
		i = m->off;
		c = m->col;
	}
	for (; c < col && i < s->len && s->text[i] != '\n'; c++) {
		i++;
		while (i < s->len && is_cont((unsigned char)s->text[i]))
			i++;
	}
	*m = (struct colmemo){(size_t)line - 1, i, c};
	return i;
}

struct pos pos_none(void)
{
	return (struct pos){NULL, 0, 0};
}

/* Length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point; 0 for a byte that starts none. */
static size_t utf8_seq(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	int32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, v = c & 0x1F, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		len = 3, v = c & 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, v = c & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

/* The character at s: its length in *len, and true with its escape in
 * esc when it must not reach a terminal as it is (a control character,
 * an invisible one, a bidirectional override, a byte that is not UTF-8). */
static bool escape_char(const unsigned char *s, size_t n, size_t *len, char esc[12])
{
	int32_t cp;
	size_t k = utf8_seq(s, n, &cp);
	if (!k) {
		*len = 1;
		snprintf(esc, 12, "\\x%02x", s[0]);
		return true;
	}
	*len = k;
	if (cp < 0x20 || cp == 0x7F) {
		snprintf(esc, 12, "\\x%02x", (unsigned)cp);
		return true;
	}
	/* invisible characters too: a terminal shows them as nothing (or a
	 * soft hyphen as "-"), and the caret would be off by as many */
	if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || text_invisible_name(cp)) {
		snprintf(esc, 12, "\\u%04x", (unsigned)cp);
		return true;
	}
	return false;
}

void quote_into(struct buf *b, const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chars = 0;
	buf_add(b, "", 0); /* never NULL, even for "" */
	for (size_t i = 0; i < n;) {
		if (max && chars == max) {
			buf_puts(b, "…");
			return;
		}
		size_t k;
		char esc[12];
		if (escape_char(u + i, n - i, &k, esc))
			buf_puts(b, esc);
		else
			buf_add(b, s + i, k);
		i += k;
		chars++;
	}
}

/* Whether s[0..n) shows as it is within max characters. */
static bool quote_needless(const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t chars = 0;
	for (size_t i = 0; i < n; chars++) {
		size_t k;
		char esc[12];
		if (chars == max || escape_char(u + i, n - i, &k, esc))
			return false;
		i += k;
	}
	return true;
}

const char *diag_quote_n(struct diag *d, const char *s, size_t n)
{
	if (!s)
		return "";
	if (quote_needless(s, n, DIAG_QUOTE_MAX) && s[n] == '\0')
		return s;
	struct buf b = {0};
	quote_into(&b, s, n, DIAG_QUOTE_MAX);
	char *q = buf_take(&b);
	vec_push(&d->quoted, q);
	return q;
}

const char *diag_quote(struct diag *d, const char *s)
{
	return diag_quote_n(d, s, s ? strlen(s) : 0);
}

static void diag_vadd(struct diag *d, enum severity sev, struct pos pos, const char *fmt,
		      va_list ap0)
{
	/* The message in the user's language: the English format string is
	 * the key, so a caller never names the translation itself. */
	fmt = i18n(fmt);
	va_list ap;
	va_copy(ap, ap0);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc((size_t)(n > 0 ? n : 0) + 1);
	va_copy(ap, ap0);
	vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
	va_end(ap);
	struct diagnostic dg = {sev, pos, msg, d->list.n, pos, d->list.n};
	if (sev == SEV_NOTE && d->list.n) {
		dg.key = d->list.v[d->list.n - 1].key;
		dg.keyseq = d->list.v[d->list.n - 1].keyseq;
	}
	vec_push(&d->list, dg);
	if (sev == SEV_ERROR)
		d->errors++;
}

void diag_add(struct diag *d, enum severity sev, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, sev, pos, fmt, ap);
	va_end(ap);
}

void diag_error(struct diag *d, struct pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vadd(d, SEV_ERROR, pos, fmt, ap);
	va_end(ap);
}

void diag_fold_repeats(struct diag *d, size_t from, const char *what)
{
	enum { WINDOW = 32 };
	size_t kept[WINDOW], count[WINDOW], nk = 0, out = from;
	for (size_t i = from; i < d->list.n; i++) {
		struct diagnostic g = d->list.v[i];
		size_t k = 0;
		while (k < nk && strcmp(d->list.v[kept[k]].msg, g.msg))
			k++;
		if (k < nk && g.sev == d->list.v[kept[k]].sev) {
			count[k]++;
			if (g.sev == SEV_ERROR)
				d->errors--;
			free(g.msg);
			continue;
		}
		d->list.v[out] = g;
		if (nk < WINDOW) {
			kept[nk] = out;
			count[nk++] = 0;
		}
		out++;
	}
	d->list.n = out;
	for (size_t k = 0; k < nk; k++) {
		if (!count[k])
			continue;
		struct diagnostic *g = &d->list.v[kept[k]];
		struct buf b = {0};
		buf_printf(&b, _("%s (the same for %zu more %s)"), g->msg, count[k], _(what));
		free(g->msg);
		g->msg = buf_take(&b);
	}
}

static int cmp_diag(const void *a, const void *b)
{
	const struct diagnostic *x = a, *y = b;
	const char *fx = x->key.src ? x->key.src->name : "";
	const char *fy = y->key.src ? y->key.src->name : "";
	int c = strcmp(fx, fy);
	if (c)
		return c;
	if (x->key.line != y->key.line)
		return x->key.line < y->key.line ? -1 : 1;
	if (x->key.col != y->key.col)
		return x->key.col < y->key.col ? -1 : 1;
	if (x->keyseq != y->keyseq)
		return x->keyseq < y->keyseq ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *sev_name(enum severity s)
{
	return s == SEV_ERROR ? _("error") : s == SEV_WARNING ? _("warning") : _("note");
}

/* Quotes the line and puts a caret under the column. A long line is cut
 * to a window around the column, marked with "...". Only the window is
 * read, so each excerpt costs the same whatever the length of the line. */
static void print_excerpt(FILE *out, struct pos p)
{
	const struct source *s = p.src;
	if (!s || p.line < 1 || (size_t)p.line > s->nlines || p.col < 1)
		return;
	if (s->line_start[p.line - 1] >= s->len)
		return; /* the empty end of the file */
	enum { WIDE = 100, BEFORE = 50 };
	int first = p.col > BEFORE + 10 ? p.col - BEFORE : 1; /* first column shown */
	size_t w0 = source_offset(s, p.line, first);
	/* A byte-order mark at the start shows as nothing and is no column. */
	if (w0 == 0 && s->len >= 3 && !memcmp(s->text, "\xEF\xBB\xBF", 3))
		w0 = 3;
	char num[16];
	int w = snprintf(num, sizeof num, "%d", p.line);
	fprintf(out, "%4s | %s", num, first > 1 ? "..." : "");
	size_t i = w0;
	int shown = 0, col = first;
	bool more = false;
	struct buf caret = {0};
	while (i < s->len && s->text[i] != '\n' && s->text[i] != '\r') {
		const unsigned char *c = (const unsigned char *)s->text + i;
		if (!is_cont(*c) && ++shown > WIDE) {
			more = true;
			break;
		}
		/* Control characters would garble the terminal: shown escaped,
		 * and the caret moved past as many columns as the escape. */
		size_t k, cw = 1;
		char esc[12];
		if (escape_char(c, s->len - i, &k, esc) && *c != '\t') {
			fputs(esc, out);
			cw = strlen(esc);
		} else {
			fwrite(c, 1, k, out);
		}
		if (col < p.col)
			for (size_t j = 0; j < cw; j++)
				buf_putc(&caret, *c == '\t' ? '\t' : ' ');
		col += !is_cont(*c);
		i += k;
	}
	fputs(more ? "...\n" : "\n", out);
	fprintf(out, "%*s | %s", w > 4 ? w : 4, "", first > 1 ? "   " : "");
	if (caret.len)
		fwrite(caret.data, 1, caret.len, out);
	buf_free(&caret);
	fputs("^\n", out);
}

void diag_print(struct diag *d, FILE *to)
{
	/* Written out in one piece: stderr is unbuffered, and thousands of
	 * diagnostics would otherwise cost a system call a character. */
	char *mem = NULL;
	size_t memlen = 0;
	FILE *out = open_memstream(&mem, &memlen);
	if (!out)
		out = to;
	if (d->list.n)
		qsort(d->list.v, d->list.n, sizeof *d->list.v, cmp_diag);
	for (size_t i = 0; i < d->list.n; i++) {
		struct diagnostic *g = &d->list.v[i];
		/* A file name is shown escaped too, but never cut. */
		const char *name = g->pos.src ? g->pos.src->name : "";
		struct buf qn = {0};
		if (!quote_needless(name, strlen(name), (size_t)-1)) {
			quote_into(&qn, name, strlen(name), 0);
			name = qn.data;
		}
		if (g->pos.src && g->pos.line > 0 && g->pos.col > 0)
			fprintf(out, "%s:%d:%d: %s: %s\n", name, g->pos.line, g->pos.col,
				sev_name(g->sev), g->msg);
		else if (g->pos.src && g->pos.line > 0) /* a whole line (a CSV row) */
			fprintf(out, "%s:%d: %s: %s\n", name, g->pos.line, sev_name(g->sev),
				g->msg);
		else if (g->pos.src)
			fprintf(out, "%s: %s: %s\n", name, sev_name(g->sev), g->msg);
		else
			fprintf(out, "vanban: %s: %s\n", sev_name(g->sev), g->msg);
		buf_free(&qn);
		print_excerpt(out, g->pos);
	}
	if (out != to) {
		fclose(out);
		fwrite(mem, 1, memlen, to);
		fflush(to);
		free(mem);
	}
	diag_free(d);
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->list.n; i++)
		free(d->list.v[i].msg);
	vec_free(&d->list);
	for (size_t i = 0; i < d->quoted.n; i++)
		free(d->quoted.v[i]);
	vec_free(&d->quoted);
	d->errors = 0;
}

#include <errno.h>
#include <iconv.h>

struct source *srcset_add(struct srcset *set, const char *name, char *text, size_t len)
{
	struct source *s = source_new(name, text, len);
	vec_push(&set->v, s);
	return s;
}

void srcset_root(struct srcset *set, const char *dir)
{
	char *r = path_real(dir);
	for (size_t i = 0; i < set->roots.n; i++)
		if (!strcmp(set->roots.v[i], r)) {
			free(r);
			return;
		}
	vec_push(&set->roots, r);
}

static bool under_a_root(const struct srcset *set, const char *path)
{
	for (size_t i = 0; i < set->roots.n; i++)
		if (path_under(path, set->roots.v[i]))
			return true;
	return false;
}

bool srcset_allowed(struct srcset *set, const char *path, const char *display,
		    struct pos from, struct diag *d)
{
	if (!set->roots.n)
		return true;
	char *real = path_real(path);
	bool ok = under_a_root(set, real);
	free(real);
	if (ok)
		return true;
	/* Written inside a root but reached through a link that leaves it,
	 * or named outside. */
	char *lex = path_lexical(path);
	bool link = under_a_root(set, lex);
	free(lex);
	if (link)
		diag_error(d, from, "'%s' is a link that leads outside the folders a document may "
			   "read from (its own folder and vanban's data); --root DIR allows another",
			   diag_quote(d, display));
	else
		diag_error(d, from, "'%s' is outside the folders a document may read from (its "
			   "own folder and vanban's data); --root DIR allows another",
			   diag_quote(d, display));
	return false;
}

static struct source *take(struct srcset *set, const char *display, char *raw, size_t len,
			   bool csv, struct diag *d);

static struct source *load(struct srcset *set, const char *path, const char *display,
			   struct pos from, bool csv, struct diag *d)
{
	if (!srcset_allowed(set, path, display, from, d))
		return NULL;
	size_t len;
	char *raw = read_file(path, &len);
	if (!raw && errno == EFBIG) {
		diag_error(d, from, "'%s' is larger than %u MB, the most an input file may be",
			   diag_quote(d, display), VB_MAX_INPUT >> 20);
		return NULL;
	}
	if (!raw) {
		diag_error(d, from, "cannot read '%s': %s", diag_quote(d, display), errstr(errno));
		return NULL;
	}
	return take(set, display, raw, len, csv, d);
}

struct source *srcset_load(struct srcset *set, const char *path, const char *display,
			   struct pos from, struct diag *d)
{
	return load(set, path, display, from, false, d);
}

struct source *srcset_load_csv(struct srcset *set, const char *path, const char *display,
			       struct pos from, struct diag *d)
{
	return load(set, path, display, from, true, d);
}

struct source *srcset_take(struct srcset *set, const char *display, char *raw, size_t len,
			   struct diag *d)
{
	return take(set, display, raw, len, false, d);
}

/* A file in UTF-16 with its byte-order mark, as UTF-8 (iconv reads the
 * mark for the byte order and drops it). On a bad sequence the text up to
 * it is registered, to point at where it ends, and NULL returned. */
static char *from_utf16(struct srcset *set, const char *display, char *raw, size_t *len,
			struct diag *d)
{
	iconv_t cd = iconv_open("UTF-8", "UTF-16");
	if (cd == (iconv_t)-1) {
		diag_error(d, pos_none(), "cannot read '%s' in UTF-16: %s",
			   diag_quote(d, display), strerror(errno));
		free(raw);
		return NULL;
	}
	/* Each 2 bytes give at most 3, each 4 (a surrogate pair) 4. */
	size_t cap = *len / 2 * 3 + 4, left = cap, inleft = *len;
	char *out = xmalloc(cap + 1), *op = out, *ip = raw;
	size_t r = iconv(cd, &ip, &inleft, &op, &left);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &left);
	iconv_close(cd);
	free(raw);
	*len = (size_t)(op - out);
	out[*len] = '\0';
	if (r == (size_t)-1) {
		struct source *s = srcset_add(set, display, out, *len);
		diag_error(d, source_pos(s, *len), "the file is in UTF-16 but is broken here; "
			   "save it as UTF-8");
		return NULL;
	}
	return out;
}

static bool utf16_mark(const char *raw, size_t len)
{
	const unsigned char *u = (const unsigned char *)raw;
	return len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF));
}

static struct source *take(struct srcset *set, const char *display, char *raw, size_t len,
			   bool csv, struct diag *d)
{
	size_t bad;
	if (utf16_mark(raw, len) && !(raw = from_utf16(set, display, raw, &len, d)))
		return NULL;
	if (len >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3)) {
		len -= 3;
		memmove(raw, raw + 3, len);
		raw[len] = '\0';
	}
	if (!text_valid_utf8(raw, len, &bad)) {
		/* Quote the file as it is up to the bad byte, to point at it. */
		struct source *s = srcset_add(set, display, raw, len);
		struct pos p = source_pos(s, bad);
		unsigned char c = (unsigned char)raw[bad];
		if (c == 0)
			diag_error(d, p, "NUL byte in the file");
		else if (csv)
			diag_error(d, p, "the list is not in UTF-8 (byte 0x%02X: Windows-1258, "
				   "Windows-1252 or TCVN3?); in Excel save it with File > Save As > "
				   "CSV UTF-8 (Comma delimited) (*.csv), in Excel in Vietnamese "
				   "Tệp > Lưu Như > CSV UTF-8 (Được phân tách bằng dấu phẩy) (*.csv)",
				   c);
		else
			diag_error(d, p, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", c);
		return NULL;
	}
	size_t nlen;
	char *nfc = text_nfc(raw, len, &nlen);
	free(raw);
	struct source *s = srcset_add(set, display, nfc, nlen);
	/* Control characters (other than tab, which is reported where it
	 * matters, and line ends) have no place in a document. */
	int count = 0;
	for (const char *p = nfc; *p && count < 20;) {
		size_t off = (size_t)(p - nfc);
		int32_t cp = utf8_next(&p);
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F ||
		    (cp >= 0x80 && cp < 0xA0)) {
			char name[32];
			text_cp_name(cp, name, sizeof name);
			diag_error(d, source_pos(s, off), "control character %s in the file", name);
			count++;
		}
	}
	return count ? NULL : s;
}

void srcset_free(struct srcset *set)
{
	for (size_t i = 0; i < set->v.n; i++)
		source_free(set->v.v[i]);
	vec_free(&set->v);
	for (size_t i = 0; i < set->roots.n; i++)
		free(set->roots.v[i]);
	vec_free(&set->roots);
}
