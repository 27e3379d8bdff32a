/* textcheck.c - the source text of a document and of a certificate
 * batch's rows, checked once the fonts are known: tabs, control characters
 * and characters a face lacks, each reported where it is written (a YAML
 * escape or a Markdown character reference at its place). */
#include "input.h"
#include "base/base.h"

#include <ctype.h>
#include <string.h>

static const char *const face_key[] = {"regular", "bold", "italic", "bold_italic"};

int draw_fault(int32_t cp, const struct metrics *m, int face)
{
	if (cp == '\t')
		return DRAW_TAB;
	if (text_is_control(cp))
		return DRAW_CONTROL;
	if (face != DRAW_ANY_FACE)
		return m->has_glyph(m->ctx, face, cp) ? DRAW_OK : face;
	for (int f = 0; f < F_NFACES; f++)
		if (!m->has_glyph(m->ctx, f, cp))
			return f;
	return DRAW_OK;
}

/* Reports cp, at byte off of src, when it cannot be drawn: a tab, a
 * control character, a character one of the faces lacks. Returns whether
 * it did. */
static bool check_cp(int32_t cp, const struct source *src, size_t off, const struct metrics *m,
		     const struct style *st, struct diag *d)
{
	int f = draw_fault(cp, m, DRAW_ANY_FACE);
	if (f == DRAW_OK || text_invisible_name(cp))
		return false; /* invisible characters are removed from the values */
	struct pos pos = source_pos(src, off);
	char name[32];
	text_cp_name(cp, name, sizeof name);
	if (f == DRAW_TAB) {
		diag_error(d, pos, "tab character in text; use spaces");
	} else if (f == DRAW_CONTROL) {
		diag_error(d, pos, "control character %s in text", name);
	} else {
		const char *file = strrchr(st->font_file[f], '/');
		diag_error(d, pos, "character %s is not in the font %s (fonts.%s)", name,
			   diag_quote(d, file ? file + 1 : st->font_file[f]), face_key[f]);
	}
	return true;
}

/* The value of a hexadecimal digit c (isxdigit). */
static int hex_value(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10;
}

/* A Markdown character reference at p (&#233; &#xE9; &Tab;): the
 * character it stands for, its length in *n; -1 when there is none.
 * Numbers as CommonMark reads them: 1-7 decimal or 1-6 hex digits, 0 and
 * numbers beyond Unicode give U+FFFD. */
static int32_t char_ref(const char *p, const char *e, size_t *n)
{
	if (e - p >= 5 && !memcmp(p, "&Tab;", 5)) {
		*n = 5;
		return '\t';
	}
	if (e - p < 4 || p[0] != '&' || p[1] != '#')
		return -1;
	const char *q = p + 2;
	bool hex = *q == 'x' || *q == 'X';
	if (hex)
		q++;
	long v = 0;
	int digits = 0;
	while (q < e && digits < (hex ? 6 : 7) &&
	       (hex ? isxdigit((unsigned char)*q) : isdigit((unsigned char)*q))) {
		v = v * (hex ? 16 : 10) + hex_value(*q);
		q++;
		digits++;
	}
	if (!digits || q >= e || *q != ';')
		return -1;
	*n = (size_t)(q + 1 - p);
	if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0xFFFD;
	return (int32_t)v;
}

/* A YAML escape at p in a double-quoted scalar (\x07, \u4E2D, \t): the
 * character it stands for, its length in *n; -1 when there is none or it
 * stands for no character (an escaped line break). */
static int32_t yaml_escape(const char *p, const char *e, size_t *n)
{
	if (e - p < 2 || p[0] != '\\')
		return -1;
	*n = 2;
	switch (p[1]) {
	case '0': return 0;
	case 'a': return 7;
	case 'b': return 8;
	case 't': case '\t': return '\t';
	case 'n': return '\n';
	case 'v': return 11;
	case 'f': return 12;
	case 'r': return '\r';
	case 'e': return 27;
	case 'N': return 0x85;
	case '_': return 0xA0;
	case 'L': return 0x2028;
	case 'P': return 0x2029;
	case 'x': case 'u': case 'U': break;
	default: return -1;
	}
	int digits = p[1] == 'x' ? 2 : p[1] == 'u' ? 4 : 8;
	if (e - p < 2 + digits)
		return -1;
	long v = 0;
	for (int i = 0; i < digits; i++) {
		char c = p[2 + i];
		if (!isxdigit((unsigned char)c))
			return -1;
		v = v * 16 + hex_value(c);
	}
	*n = (size_t)(2 + digits);
	return v > 0x10FFFF ? -1 : (int32_t)v;
}

/* The backtick runs of a span, to find code spans in one pass: the
 * offsets (from the span's start) of its maximal runs grouped by length
 * (those of length L at pos[first[L]..first[L+1]), in order), and of the
 * line breaks that end a paragraph (a blank line follows). Openers come in
 * order, so a cursor per length and one for the blank lines only move on. */
struct ticks {
	size_t *pos, *first, *cur, maxlen;
	size_t *blank, nblank, bcur;
};

/* Each maximal run of backticks in b[0..n): fn(t, offset, length). */
static void each_run(struct ticks *t, const char *b, size_t n,
		     void (*fn)(struct ticks *, size_t, size_t))
{
	for (size_t i = 0; i < n; i++) {
		if (b[i] != '`')
			continue;
		size_t k = i;
		while (k < n && b[k] == '`')
			k++;
		fn(t, i, k - i);
		i = k - 1;
	}
}

static void run_len(struct ticks *t, size_t at, size_t len)
{
	if (len > t->maxlen)
		t->maxlen = len;
}

static void run_count(struct ticks *t, size_t at, size_t len)
{
	t->first[len + 1]++;
}

static void run_put(struct ticks *t, size_t at, size_t len)
{
	t->pos[t->cur[len]++] = at;
}

static void ticks_build(struct ticks *t, const char *b, const char *e)
{
	size_t n = (size_t)(e - b), cap = 0;
	memset(t, 0, sizeof *t);
	each_run(t, b, n, run_len);
	t->first = xcalloc(t->maxlen + 2, sizeof *t->first);
	t->cur = xcalloc(t->maxlen + 2, sizeof *t->cur);
	each_run(t, b, n, run_count);
	for (size_t l = 0; l <= t->maxlen; l++)
		t->first[l + 1] += t->first[l];
	t->pos = xmalloc((t->first[t->maxlen + 1] + 1) * sizeof *t->pos);
	memcpy(t->cur, t->first, (t->maxlen + 2) * sizeof *t->cur);
	each_run(t, b, n, run_put);
	memcpy(t->cur, t->first, (t->maxlen + 2) * sizeof *t->cur);
	for (size_t i = 0; i < n; i++) {
		if (b[i] != '\n')
			continue;
		size_t r = i + 1;
		while (r < n && (b[r] == ' ' || b[r] == '\r'))
			r++;
		if (r < n && b[r] != '\n')
			continue;
		if (t->nblank == cap) {
			cap = cap ? 2 * cap : 16;
			t->blank = xrealloc(t->blank, cap * sizeof *t->blank);
		}
		t->blank[t->nblank++] = i;
	}
}

static void ticks_free(struct ticks *t)
{
	free(t->pos);
	free(t->first);
	free(t->cur);
	free(t->blank);
}

/* A code span opened by the backticks at p (offset off in the span): the
 * end of its closing run of as many backticks, before the paragraph ends
 * (a blank line); NULL when there is none (the backticks are then text).
 * References are not read inside code. */
static const char *code_span_end(struct ticks *t, const char *b, const char *p,
				 const char *e)
{
	size_t run = 0, off = (size_t)(p - b);
	while (p + run < e && p[run] == '`')
		run++;
	if (run > t->maxlen)
		return NULL;
	size_t c = t->cur[run];
	while (c < t->first[run + 1] && t->pos[c] <= off)
		c++;
	t->cur[run] = c;
	if (c == t->first[run + 1])
		return NULL;
	while (t->bcur < t->nblank && t->blank[t->bcur] < off)
		t->bcur++;
	if (t->bcur < t->nblank && t->blank[t->bcur] < t->pos[c])
		return NULL; /* a blank line: the paragraph ends */
	return b + t->pos[c] + run;
}

/* Whether the UTF-8 of cp is in [p, e). */
static bool has_literal(const char *p, const char *e, int32_t cp)
{
	char enc[5];
	int n = utf8_encode(cp, enc);
	for (; p + n <= e; p++)
		if (!memcmp(p, enc, (size_t)n))
			return true;
	return false;
}

/* Tabs, control characters and characters no face can draw, each at its
 * place in the source; those written as YAML escapes ("\u4E2D") at the
 * start of their value, those written as Markdown character references at
 * the reference. */
void doc_check_text(const struct doc *doc, const struct metrics *m, const struct style *st,
		    struct diag *d)
{
	int count = 0;
	for (size_t i = 0; i < doc->spans.n && count < MAX_TEXT_ERRORS; i++) {
		const struct text_span *sp = &doc->spans.v[i];
		const char *p = sp->src->text + sp->start, *e = sp->src->text + sp->end;
		bool dq = sp->val && p < e && *p == '"';
		int32_t seen[8]; /* escapes reported at their place */
		int nseen = 0;
		const char *code_end = NULL; /* the end of the code span we are in */
		const char *base = p;
		struct ticks tk;
		bool have_ticks = false;
		bool line_start = true; /* only spaces so far on this line */
		while (p < e && count < MAX_TEXT_ERRORS) {
			size_t off = (size_t)(p - sp->src->text), n;
			int32_t cp;
			bool dash;
			size_t bl;
			if (sp->markdown && line_start && *p != ' ' &&
			    (bl = md_word_bullet(p, &dash))) {
				/* Word's "•<tab>": the tab is the bullet's, not text */
				for (p += bl; p < e && (*p == ' ' || *p == '\t'); p++)
					;
				line_start = false;
				continue;
			}
			if (*p == '\n')
				line_start = true;
			else if (*p != ' ')
				line_start = false;
			if (code_end && p >= code_end)
				code_end = NULL;
			if (sp->markdown && *p == '`' && !code_end &&
			    (p == sp->src->text || p[-1] != '\\')) {
				if (!have_ticks)
					ticks_build(&tk, base, e);
				have_ticks = true;
				code_end = code_span_end(&tk, base, p, e);
				/* the run itself: backticks, nothing to check */
				while (p < e && *p == '`')
					p++;
				if (!code_end)
					continue; /* text, as any */
				continue;
			}
			if (dq && *p == '\\') {
				cp = yaml_escape(p, e, &n);
				if (cp < 0) {
					p += 2; /* an escaped line break or quote */
					continue;
				}
				p += n;
				if (cp != '\n' && check_cp(cp, sp->src, off, m, st, d)) {
					count++;
					if (nseen < 8)
						seen[nseen++] = cp;
				}
				continue;
			}
			if (sp->markdown && !code_end && *p == '&' && (cp = char_ref(p, e, &n)) >= 0 &&
			    (p == sp->src->text || p[-1] != '\\')) {
				p += n;
				if (cp != '\n' && check_cp(cp, sp->src, off, m, st, d))
					count++;
				continue;
			}
			cp = utf8_next(&p);
			if (cp == '\n' || cp == '\r')
				continue;
			if (check_cp(cp, sp->src, off, m, st, d))
				count++;
		}
		if (have_ticks)
			ticks_free(&tk);
		if (!sp->val || (sp->vlen == sp->end - sp->start &&
				 !memcmp(sp->val, sp->src->text + sp->start, sp->vlen)))
			continue;
		/* The value differs from its source: escapes. What they give
		 * is checked at the start of the value, once a character. */
		const char *v = sp->val, *ve = sp->val + sp->vlen;
		while (v < ve && count < MAX_TEXT_ERRORS) {
			int32_t cp = utf8_next(&v);
			if (cp == '\n' || draw_fault(cp, m, DRAW_ANY_FACE) == DRAW_OK ||
			    has_literal(sp->src->text + sp->start, e, cp))
				continue;
			bool dup = false;
			for (int k = 0; k < nseen; k++)
				dup = dup || seen[k] == cp;
			if (dup)
				continue;
			if (check_cp(cp, sp->src, sp->start, m, st, d)) {
				count++;
				if (nseen < 8)
					seen[nseen++] = cp;
			}
		}
	}
	if (count >= MAX_TEXT_ERRORS)
		diag_add(d, SEV_NOTE, pos_none(), "stopped after %d errors in the text",
			 MAX_TEXT_ERRORS);
}

/* ---- The rows of a certificate batch -------------------------------- */

/* Whether an element prints the row's field key ("{{awardee.unit}}"); the
 * row's date and decision replace the document's. */
static bool field_printed(const struct cert *c, const char *key)
{
	if (!strcmp(key, "date") || !strncmp(key, "decision_", 9))
		return true;
	for (size_t k = 0; k < c->el.n; k++)
		if (c->el.v[k].text && (strstr(c->el.v[k].text, "{{#awardee}}") ||
					(!strcmp(key, "reason") && strstr(c->el.v[k].text, "{{reason}}"))))
			return true;
	char ref[96];
	snprintf(ref, sizeof ref, "awardee.%s", key);
	size_t n = strlen(ref);
	for (size_t k = 0; k < c->el.n; k++)
		for (const char *t = c->el.v[k].text; t && (t = strstr(t, ref)); t += n)
			if (!isalnum((unsigned char)t[n]) && t[n] != '_')
				return true;
	return false;
}

static void skip_invisible(const char **p, const char *e)
{
	for (const char *q = *p; q < e && text_invisible_name(utf8_next(&q)); q = *p)
		*p = q;
}

/* Where character `col` (0-based, of the value as read) of a field is in
 * its source: past an opening quote, the spaces trimmed before the value,
 * and a doubled quote counted once. */
static struct pos field_char_pos(const struct ynode *v, int col)
{
	struct pos at = v->pos;
	if (!at.src || at.line < 1 || at.col < 1)
		return at;
	const char *t = at.src->text, *e = t + at.src->len;
	const char *p = t + source_offset(at.src, at.line, at.col);
	bool quoted = p < e && *p == '"' && v->style == YS_PLAIN;
	if (v->style != YS_PLAIN)
		return at; /* a quoted YAML value: its start */
	if (quoted)
		p++;
	while (p < e && (*p == ' ' || *p == '\r'))
		p++;
	/* invisible characters were removed from the value, not the source */
	for (int k = 0; k < col && p < e; k++) {
		skip_invisible(&p, e);
		if (quoted && p + 1 < e && p[0] == '"' && p[1] == '"')
			p += 2;
		else
			utf8_next(&p);
		while (p < e && *p == '\r')
			p++;
	}
	skip_invisible(&p, e);
	return source_pos(at.src, (size_t)(p - t));
}

/* The printed fields of the rows, each character where it is written: a
 * tab, a control character, one a face lacks. A line break prints as a
 * space. At most MAX_TEXT_ERRORS errors. */
void cert_check_text(const struct cert *c, const struct metrics *m, struct diag *d)
{
	int count = 0;
	for (size_t i = 0; i < c->aw.n && count < MAX_TEXT_ERRORS; i++) {
		const struct ynode *row = c->aw.v[i].row;
		for (size_t k = 0; row->kind == Y_MAP && k < row->n && count < MAX_TEXT_ERRORS; k++) {
			const struct ynode *v = row->pairs[k].val;
			if (!v || v->kind != Y_SCALAR || !v->str ||
			    !field_printed(c, row->pairs[k].key->str))
				continue;
			/* the document's own reason, copied into every row, is
			 * checked once, with the first */
			if (i > 0 && !strcmp(row->pairs[k].key->str, "reason") &&
			    v == ymap_get(c->doc->root, "reason"))
				continue;
			int col = 0;
			for (const char *p = v->str; *p; col++) {
				int32_t cp = utf8_next(&p);
				if (cp == '\n')
					continue;
				int fault = draw_fault(cp, m, DRAW_ANY_FACE);
				if (fault == DRAW_OK)
					continue;
				char name[32];
				text_cp_name(cp, name, sizeof name);
				/* TRANSLATORS: ends "character U+0009 ...", as the two
				 * after it */
				const char *what = fault == DRAW_TAB ? _("a tab character; use spaces")
						   : fault == DRAW_CONTROL ? _("a control character")
						   : _("not in the font");
				diag_error(d, field_char_pos(v, col), "'%s' of '%s': character %s is %s",
					   diag_quote(d, row->pairs[k].key->str),
					   diag_quote(d, c->aw.v[i].name), name, what);
				if (++count >= MAX_TEXT_ERRORS)
					break;
			}
		}
	}
}
