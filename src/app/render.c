/* render.c - the pipeline: source -> YAML tree -> model -> style -> fonts
 * -> text checks -> Markdown blocks -> layout -> PDF or dump. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_TEXT_ERRORS = 50 };

/* Finds the front matter of a Markdown file: "---" on the first line, up to
 * a line "---" or "...". Returns false if there is none. */
static bool split_front_matter(const struct source *s, size_t *yaml_end, size_t *body_start)
{
	const char *t = s->text;
	if (strncmp(t, "---", 3) || (t[3] != '\n' && t[3] != '\r'))
		return false;
	size_t i = 3;
	while (i < s->len) {
		while (i < s->len && t[i] != '\n')
			i++;
		if (i >= s->len)
			break;
		i++; /* start of a line */
		if ((!strncmp(t + i, "---", 3) || !strncmp(t + i, "...", 3))) {
			size_t e = i + 3;
			while (e < s->len && t[e] == ' ')
				e++;
			if (e >= s->len || t[e] == '\n' || t[e] == '\r') {
				*yaml_end = i;
				while (e < s->len && t[e] != '\n')
					e++;
				*body_start = e < s->len ? e + 1 : e;
				return true;
			}
		}
	}
	return false;
}

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcmp(s + a - b, suf);
}

static const char *const face_key[] = {"regular", "bold", "italic", "bold_italic"};

/* What keeps cp from being drawn: -2 a tab, -1 a control character, the
 * first face that lacks it; F_NFACES nothing. */
static int cp_fault(int32_t cp, const struct metrics *m)
{
	if (cp == '\t')
		return -2;
	if (text_is_control(cp))
		return -1;
	for (int f = 0; f < F_NFACES; f++)
		if (!m->has_glyph(m->ctx, f, cp))
			return f;
	return F_NFACES;
}

/* Reports cp, at byte off of src, when it cannot be drawn: a tab, a
 * control character, a character one of the faces lacks. Returns whether
 * it did. */
static bool check_cp(int32_t cp, const struct source *src, size_t off, const struct metrics *m,
		     const struct style *st, struct diag *d)
{
	int f = cp_fault(cp, m);
	if (f == F_NFACES)
		return false;
	struct pos pos = source_pos(src, off);
	char name[32];
	text_cp_name(cp, name, sizeof name);
	if (f == -2) {
		diag_error(d, pos, "tab character in text; use spaces");
	} else if (f == -1) {
		diag_error(d, pos, "control character %s in text", name);
	} else {
		const char *file = strrchr(st->font_file[f], '/');
		diag_error(d, pos, "character %s is not in the font %s (fonts.%s)", name,
			   file ? file + 1 : st->font_file[f], face_key[f]);
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

/* A code span opened by the backticks at p: the end of its closing run
 * of as many backticks, before the paragraph ends (a blank line); NULL
 * when there is none (the backticks are then text). References are not
 * read inside code. */
static const char *code_span_end(const char *p, const char *e)
{
	size_t run = 0;
	while (p + run < e && p[run] == '`')
		run++;
	for (const char *q = p + run; q < e; q++) {
		if (*q == '\n') {
			const char *r = q + 1;
			while (r < e && (*r == ' ' || *r == '\r'))
				r++;
			if (r >= e || *r == '\n')
				return NULL; /* a blank line: the paragraph ends */
			continue;
		}
		if (*q != '`')
			continue;
		size_t k = 0;
		while (q + k < e && q[k] == '`')
			k++;
		if (k == run)
			return q + k;
		q += k - 1;
	}
	return NULL;
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
static void check_text(const struct doc *doc, const struct metrics *m, const struct style *st,
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
		while (p < e && count < MAX_TEXT_ERRORS) {
			size_t off = (size_t)(p - sp->src->text), n;
			int32_t cp;
			if (code_end && p >= code_end)
				code_end = NULL;
			if (sp->markdown && *p == '`' && !code_end &&
			    (p == sp->src->text || p[-1] != '\\')) {
				code_end = code_span_end(p, e);
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
		if (!sp->val || (sp->vlen == sp->end - sp->start &&
				 !memcmp(sp->val, sp->src->text + sp->start, sp->vlen)))
			continue;
		/* The value differs from its source: escapes. What they give
		 * is checked at the start of the value, once a character. */
		const char *v = sp->val, *ve = sp->val + sp->vlen;
		while (v < ve && count < MAX_TEXT_ERRORS) {
			int32_t cp = utf8_next(&v);
			if (cp == '\n' || cp_fault(cp, m) == F_NFACES ||
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

/* The text as laid out, for what the source checks cannot see (a
 * character reference in template data, say): nothing a face cannot draw
 * reaches the PDF, where it would silently be left out. Each character
 * once, with the words around it. */
static bool check_drawn(const struct layout *lo, const struct source *src,
			const struct metrics *m, const struct style *st, struct diag *d)
{
	int32_t seen[16];
	int nseen = 0;
	for (size_t p = 0; p < lo->pages.n; p++)
		for (size_t i = 0; i < lo->pages.v[p].items.n; i++) {
			const struct fitem *it = &lo->pages.v[p].items.v[i];
			if (it->kind != FI_TEXT || !it->text)
				continue;
			for (const char *t = it->text; *t;) {
				int32_t cp = utf8_next(&t);
				/* has_glyph answers from its cache after the first */
				bool bad = cp == '\t' || text_is_control(cp) ||
					   !m->has_glyph(m->ctx, it->face, cp);
				bool dup = false;
				for (int k = 0; k < nseen; k++)
					dup = dup || seen[k] == cp;
				if (!bad || dup || nseen == 16)
					continue;
				seen[nseen++] = cp;
				char name[32];
				text_cp_name(cp, name, sizeof name);
				const char *file = strrchr(st->font_file[it->face], '/');
				struct pos at = {src, 0, 0};
				/* The words around it on its line. */
				const struct page *pg = &lo->pages.v[p];
				size_t a = i, b = i + 1;
				while (a > 0 && i - a < 4 && pg->items.v[a - 1].kind == FI_TEXT &&
				       pg->items.v[a - 1].y == it->y)
					a--;
				while (b < pg->items.n && b - i < 5 && pg->items.v[b].kind == FI_TEXT &&
				       pg->items.v[b].y == it->y)
					b++;
				struct buf ctx = {0};
				for (size_t k = a; k < b; k++) {
					const char *w = pg->items.v[k].text ? pg->items.v[k].text : "";
					if (ctx.len && ctx.data[ctx.len - 1] != ' ' && *w != ' ')
						buf_putc(&ctx, ' ');
					for (const char *q = w; *q;) {
						const char *q0 = q;
						int32_t c2 = utf8_next(&q);
						if (c2 == '\t' || text_is_control(c2))
							buf_putc(&ctx, '?');
						else
							buf_add(&ctx, q0, (size_t)(q - q0));
					}
				}
				while (ctx.len && ctx.data[ctx.len - 1] == ' ')
					ctx.data[--ctx.len] = 0;
				if (cp == '\t' || text_is_control(cp))
					diag_error(d, at, "control character %s in the text, page %zu: "
						   "'%s'", name, p + 1, ctx.data ? ctx.data : "");
				else
					diag_error(d, at, "character %s is not in the font %s, page "
						   "%zu: '%s'", name,
						   file ? file + 1 : st->font_file[it->face], p + 1,
						   ctx.data ? ctx.data : "");
				buf_free(&ctx);
			}
		}
	return nseen == 0;
}

/* Embeds only what is drawn: per face, the code points of the page items,
 * as a subset font. */
static int write_pdf(const struct layout *lo, struct fonts *fonts, struct pdf_info *info,
		     char **out, size_t *len, struct diag *d)
{
	/* The file identifier: a digest of what the pages show and of the
	 * metadata, so it changes exactly when the document does. */
	struct digest *h = digest_md5();
	struct buf page_bytes = {0};
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		/* The numbers as they are (formatting 200,000 of them would cost
		 * more than drawing them), a page at a time into the digest. */
		page_bytes.len = 0;
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			double num[6] = {(double)p, it->x, it->y, it->x2, it->y2, it->size};
			int small[3] = {(int)it->kind, it->face, (int)it->color};
			buf_add(&page_bytes, (const char *)num, sizeof num);
			buf_add(&page_bytes, (const char *)small, sizeof small);
			if (it->text)
				buf_add(&page_bytes, it->text, strlen(it->text) + 1);
		}
		if (page_bytes.len)
			digest_add(h, page_bytes.data, page_bytes.len);
	}
	buf_free(&page_bytes);
	struct buf meta = {0};
	buf_printf(&meta, "|%s|%s|%s|%d|%d", info->title ? info->title : "",
		   info->author ? info->author : "", info->number ? info->number : "",
		   info->year, info->pdfa);
	digest_add(h, meta.data, meta.len);
	buf_free(&meta);
	unsigned char digest[32];
	digest_done(h, digest);
	memcpy(info->id, digest, 16);
	uint8_t *used = xcalloc(F_NFACES, 0x10000);
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_TEXT)
				continue;
			for (const char *s = it->text; *s;) {
				int32_t cp = utf8_next(&s);
				if (cp < 0x10000)
					used[(size_t)it->face * 0x10000 + (size_t)cp] = 1;
			}
		}
	}
	struct pdf_font pf[F_NFACES] = {{0}};
	int32_t *cps = xmalloc(0x10000 * sizeof *cps);
	int rc = 0;
	for (int f = 0; f < F_NFACES && !rc; f++) {
		size_t n = 0;
		for (int32_t c = 0; c < 0x10000; c++)
			if (used[(size_t)f * 0x10000 + (size_t)c])
				cps[n++] = c;
		if (!n)
			continue;
		pf[f].data = fonts_subset(fonts, f, cps, n, &pf[f].len);
		pf[f].max_cp = cps[n - 1];
		pf[f].used = used + (size_t)f * 0x10000;
		pf[f].cap_height = fonts_cap_height(fonts, f);
		if (!pf[f].data) {
			diag_error(d, pos_none(), "cannot make a subset of the font for face %d", f);
			rc = 3;
		}
	}
	if (!rc && !pdf_write(lo, info, pf, out, len, d))
		rc = 3;
	for (int f = 0; f < F_NFACES; f++)
		free((char *)pf[f].data);
	free(cps);
	free(used);
	return rc;
}

/* Whether --shard K/N leaves none of n items. */
static bool shard_empty(const struct render_opts *o, size_t n)
{
	return o->shard_n && (size_t)(o->shard_k - 1) >= n;
}

/* The file names of a split batch, all before any is written: none empty,
 * none longer than a file system allows, no control characters, not the
 * manifest's; two alike get "-2", "-3" ... in the order of the list. */
static void check_file_names(const struct cert *c, char **names, size_t n, struct diag *d)
{
	int bad = 0;
	for (size_t i = 0; i < n && bad < 20; i++) {
		const char *s = names[i];
		if (!s)
			continue;
		const char *why = NULL;
		size_t len = strlen(s);
		if (!len || !strcmp(s, ".pdf"))
			why = "is empty";
		else if (len > 250)
			why = "is longer than 250 bytes";
		else if (!strcmp(s, "manifest.csv"))
			why = "is the manifest's";
		for (size_t k = 0; k < len && !why; k++)
			if ((unsigned char)s[k] < 0x20 || s[k] == 0x7F)
				why = "has a control character (a line break in a field?)";
		if (why) {
			diag_error(d, cert_pos(c, i), "--split: the file name for '%s' %s%s%.*s%s",
				   cert_awardee(c, i), why, len ? " ('" : "", len > 60 ? 60 : (int)len,
				   s, len ? (len > 60 ? "...')" : "')") : "");
			bad++;
		}
	}
	if (bad)
		return;
	for (size_t i = 0; i < n; i++)
		if (!names[i])
			return; /* a --pattern error, reported */
	/* Alike names: a hash of those seen, then "-2", "-3" ... */
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	const char **seen = xcalloc(cap, sizeof *seen);
	for (size_t i = 0; i < n; i++) {
		for (int k = 1;; k++) {
			char *cand = names[i];
			if (k > 1) {
				const char *dot = strrchr(names[i], '.');
				size_t stem = dot ? (size_t)(dot - names[i]) : strlen(names[i]);
				struct buf b = {0};
				buf_printf(&b, "%.*s-%d%s", (int)stem, names[i], k, dot ? dot : "");
				cand = buf_take(&b);
			}
			uint32_t h = 2166136261u;
			for (const char *p = cand; *p; p++)
				h = (h ^ (unsigned char)*p) * 16777619u;
			size_t at = h & (cap - 1);
			bool taken = false;
			while (seen[at]) {
				if (!strcmp(seen[at], cand)) {
					taken = true;
					break;
				}
				at = (at + 1) & (cap - 1);
			}
			if (taken) {
				if (cand != names[i])
					free(cand);
				continue;
			}
			if (cand != names[i]) {
				free(names[i]);
				names[i] = cand;
			}
			seen[at] = names[i];
			break;
		}
	}
	free(seen);
}

/* A batch of certificates: everything checked first; then one PDF, or one
 * per certificate through o->emit (a page at a time, so memory does not
 * grow with the batch). */
static int render_certificates(const struct render_opts *o, const struct doc *doc,
			       const struct style *st, struct fonts *fonts,
			       const struct metrics *m, const char *basedir, struct srcset *files,
			       struct arena *ar, struct diag *d, char **out, size_t *len)
{
	int before = d->errors;
	struct cert *c = cert_load(doc, o->datadir, basedir, files, ar, d);
	if (!c)
		return 1;
	if (!cert_check(c, m, d) || d->errors != before) {
		cert_free(c);
		return 1;
	}
	char *subject = NULL;
	char *author = text_upper(doc->issuer.s);
	struct pdf_info info = {0};
	info.title = doc->dt->name;
	info.author = author;
	info.subject = doc->dt->name;
	info.year = doc->year;
	info.month = doc->month;
	info.day = doc->day;
	info.pdfa = o->pdfa || st->pdfa;
	info.type_name = doc->dt->name;
	info.organ = author;
	int rc = 0;
	if (o->check_only) {
		rc = 0;
	} else if (o->calibrate) {
		struct layout lo = {0};
		cert_calibration(c, m, &lo);
		rc = o->format == OUT_DUMP ? (*out = dump_layout(&lo), *len = strlen(*out), 0)
					   : write_pdf(&lo, fonts, &info, out, len, d);
		layout_free(&lo);
	} else if (shard_empty(o, cert_count(c))) {
		diag_add(d, SEV_WARNING, (struct pos){doc->type.pos.src, 0, 0},
			 "--shard %d/%d takes no awardee: the list has %zu; nothing is written",
			 o->shard_k, o->shard_n, cert_count(c));
		rc = 0;
	} else if (o->emit) {
		/* Names first: all of them, over the whole list (shards name
		 * their files alike), so a bad one writes nothing. */
		size_t n = cert_count(c);
		char **names = xcalloc(n + 1, sizeof *names);
		for (size_t i = 0; i < n; i++)
			names[i] = cert_file_name(c, i, o->pattern ? o->pattern
								   : "{{seq}}-{{name}}.pdf", d);
		check_file_names(c, names, n, d);
		if (d->errors != before)
			rc = 1;
		for (size_t i = 0; i < n && !rc; i++) {
			if (o->shard_n && (int)(i % (size_t)o->shard_n) != o->shard_k - 1)
				continue;
			struct layout lo = {0};
			cert_page(c, i, m, &lo);
			char *bytes = NULL;
			size_t blen = 0;
			rc = o->format == OUT_DUMP ? (bytes = dump_layout(&lo), blen = strlen(bytes), 0)
						   : write_pdf(&lo, fonts, &info, &bytes, &blen, d);
			if (!rc)
				rc = o->emit(o->emit_user, names[i], cert_awardee(c, i), bytes, blen);
			free(bytes);
			layout_free(&lo);
		}
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	} else {
		struct layout lo = {0};
		for (size_t i = 0; i < cert_count(c); i++)
			if (!o->shard_n || (int)(i % (size_t)o->shard_n) == o->shard_k - 1)
				cert_page(c, i, m, &lo);
		rc = o->format == OUT_DUMP ? (*out = dump_layout(&lo), *len = strlen(*out), 0)
					   : write_pdf(&lo, fonts, &info, out, len, d);
		layout_free(&lo);
	}
	free(subject);
	free(author);
	cert_free(c);
	return rc;
}

/* Where to point font errors: the style file that named the fonts. */
static struct pos style_pos(const struct srcset *files, const struct style *st)
{
	for (size_t i = 0; i < files->v.n; i++)
		if (!strcmp(files->v.v[i]->name, st->path))
			return (struct pos){files->v.v[i], 0, 0};
	return pos_none();
}

/* Everything one rendering needs, for rendering again with a number the
 * register gave. */
struct produce {
	const struct render_opts *o;
	struct doc *doc;
	const struct blocks *body, *apps;
	const struct style *st;
	struct fonts *fonts;
	const struct metrics *m;
	struct diag *d;
	char **out;
	size_t *len;
	struct reg_entry *entry; /* filled when issuing */
};

/* Lays the document out and draws it into *out. */
static int produce(struct produce *pc)
{
	const struct render_opts *o = pc->o;
	const struct doc *dp = pc->doc;
	const struct style *st = pc->st;
	struct layout lo = {0};
	struct layout_stats ls;
	layout_document(dp, pc->body, pc->apps, st, pc->m, &lo, &ls);
	if (!check_drawn(&lo, dp->type.pos.src, pc->m, st, pc->d)) {
		layout_free(&lo);
		return 1;
	}
	if (ls.overfull) {
		/* Quote the word, cut to 40 characters. */
		const char *w = ls.overfull_word, *e = w;
		size_t nch = 0;
		while (*e && nch < 40) {
			utf8_next(&e);
			nch++;
		}
		diag_add(pc->d, SEV_WARNING, pos_none(),
			 "%zu line%s wider than the text: '%.*s%s' does not fit in a line "
			 "(%.0f pt too wide); a space in it lets it break",
			 ls.overfull, ls.overfull > 1 ? "s are" : " is", (int)(e - w), w,
			 *e ? "..." : "", ls.overfull_by);
	}
	if (ls.wide_tables) {
		double text_w = st->page_w - st->margin_left - st->margin_right;
		if (ls.wide_tables == 1)
			diag_add(pc->d, SEV_WARNING, pos_none(),
				 "a table of %d columns is wider than the text even at 8 pt: its "
				 "columns need at least %.0f pt, the text is %.0f pt wide, so some "
				 "cells overflow; fewer columns or shorter words let it fit",
				 ls.wide_columns, ls.wide_need, text_w);
		else
			diag_add(pc->d, SEV_WARNING, pos_none(),
				 "%zu tables are wider than the text even at 8 pt; the first, of "
				 "%d columns, needs at least %.0f pt, the text is "
				 "%.0f pt wide, so some cells overflow; fewer columns or shorter "
				 "words let them fit",
				 ls.wide_tables, ls.wide_columns, ls.wide_need, text_w);
	}
	int rc = 0;
	if (o->check_only) {
		rc = 0;
	} else if (o->format == OUT_DUMP) {
		*pc->out = dump_layout(&lo);
		*pc->len = strlen(*pc->out);
	} else {
		char *author = text_upper(dp->issuer.s);
		char *title = text_upper(dp->title.s ? dp->title.s : dp->dt->name);
		struct pdf_info info = {0};
		info.title = dp->subject.s;
		info.author = author;
		info.subject = dp->subject.s;
		info.year = dp->year;
		info.month = dp->month;
		info.day = dp->day;
		info.pdfa = o->pdfa || st->pdfa;
		info.type_name = title[0] ? title : "CÔNG VĂN";
		char *num = dp->number ? vn_number(dp->number) : NULL;
		info.number = num;
		char *full = layout_number_line(dp, st);
		const char *sep = strstr(full, st->number_sep);
		info.notation = sep ? sep + strlen(st->number_sep) : NULL;
		info.organ = author;
		struct buf rec = {0};
		for (size_t i = 0; i < dp->recipients.n; i++)
			buf_printf(&rec, "%s%s", i ? "; " : "", dp->recipients.v[i].s);
		info.recipients = rec.data;
		if (dp->signatures.n) {
			info.signer_title = dp->signatures.v[0].title.s;
			info.signer_name = dp->signatures.v[0].name.s;
		}
		static const char *const urg[] = {NULL, "Khẩn", "Thượng khẩn", "Hỏa tốc"};
		info.priority = urg[dp->urgency];
		info.copies = dp->copies;
		rc = write_pdf(&lo, pc->fonts, &info, pc->out, pc->len, pc->d);
		if (!rc && pc->entry) {
			pc->entry->code = xstrdup(info.notation ? info.notation : "");
			pc->entry->recipients = rec.data ? xstrdup(rec.data) : NULL;
		}
		free(num);
		free(full);
		free(title);
		buf_free(&rec);
		free(author);
	}
	layout_free(&lo);
	return rc;
}

/* The register's callback: render with the number it took, hand the file
 * over to be written, and fill in the row. */
static int produce_numbered(void *user, int number, struct reg_entry *e)
{
	struct produce *pc = user;
	pc->doc->number = number;
	pc->entry = e;
	int rc = produce(pc);
	if (rc)
		return rc;
	char hex[65];
	sha256_hex(*pc->out, *pc->len, hex);
	e->sha256 = xstrdup(hex);
	if (pc->o->write_out) {
		rc = pc->o->write_out(pc->o->emit_user, *pc->out, *pc->len);
		free(*pc->out);
		*pc->out = NULL;
		*pc->len = 0;
	}
	return rc;
}

/* `number: auto` with --issue: the next number of the sequence, taken,
 * recorded and written in one transaction. */
static int issue(struct produce *pc, struct srcset *files)
{
	(void)files;
	const struct doc *dp = pc->doc;
	const char *path = pc->o->register_path ? pc->o->register_path : getenv("VANBAN_REGISTER");
	if ((!path || !*path) && pc->st->register_file[0])
		path = pc->st->register_file;
	if (!path || !*path) {
		diag_error(pc->d, dp->date_pos, "issuing a number needs a register: --register FILE, "
			   "VANBAN_REGISTER, or register.file in the style");
		return 1;
	}
	if (!dp->year || !dp->month) {
		diag_error(pc->d, dp->date_pos, "issuing a number needs the full date of the document");
		return 1;
	}
	struct reg *r = reg_open(path, true, pc->d);
	if (!r)
		return 1;
	struct buf seq = {0};
	buf_puts(&seq, dp->issuer_code.s ? dp->issuer_code.s : dp->issuer.s);
	if (pc->st->register_per_type)
		buf_printf(&seq, "/%s", dp->dt->abbr[0] ? dp->dt->abbr : dp->dt->key);
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", dp->year, dp->month, dp->day);
	struct buf signer = {0};
	if (dp->signatures.n)
		buf_printf(&signer, "%s %s", dp->signatures.v[0].title.s, dp->signatures.v[0].name.s);
	struct reg_entry e = {0};
	e.year = dp->year;
	e.seq = seq.data;
	e.date = date;
	e.type = dp->title.s ? dp->title.s : dp->dt->name[0] ? dp->dt->name : "Công văn";
	e.subject = dp->subject.s;
	e.signer = signer.data;
	e.copies = dp->copies;
	e.file = pc->o->out_path;
	int rc = reg_issue(r, &e, produce_numbered, pc, pc->d);
	if (!rc)
		fprintf(stderr, "vanban: issued number %d/%d (%s)\n", e.number, e.year, e.code);
	free((char *)e.code);
	free((char *)e.recipients);
	free((char *)e.sha256);
	buf_free(&seq);
	buf_free(&signer);
	reg_close(r);
	return rc;
}

int render_document(const struct render_opts *o, const char *path, struct srcset *files,
		    struct diag *d, char **out, size_t *len)
{
	const char *display = strcmp(path, "-") ? path : "<stdin>";
	struct source *src = srcset_load(files, path, display, pos_none(), d);
	if (!src)
		return 1;
	return render_source(o, src, path, files, d, out, len);
}

int render_source(const struct render_opts *o, const struct source *src, const char *path,
		  struct srcset *files, struct diag *d, char **out, size_t *len)
{
	char basedir[PATH_MAX];
	snprintf(basedir, sizeof basedir, "%s", strcmp(path, "-") ? path : "./x");
	char *slash = strrchr(basedir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(basedir, ".");

	size_t yaml_end = src->len, body_start = 0, body_end = 0;
	bool fm = split_front_matter(src, &yaml_end, &body_start);
	if (fm) {
		body_end = src->len;
	} else if (ends_with(path, ".md")) {
		diag_error(d, (struct pos){src, 1, 1},
			   "a .md document starts with YAML front matter between '---' lines");
		return 1;
	}

	struct arena ar = {0};
	struct doc doc = {0};
	struct style *st = NULL;
	struct fonts *fonts = NULL;
	struct blocks body = {0};
	struct blocks *apps = NULL;
	struct doctypes types = {0};
	int rc = 1;

	/* Go as far as possible so that every error of the file is reported:
	 * a bad field does not stop the style, font and text checks. */
	int before = d->errors;
	struct ynode *root = yaml_load(src, 0, yaml_end, &ar, d);
	if (!root && d->errors != before)
		goto done;
	for (size_t i = 0; i < o->nsets && root; i++) {
		const char *eq = strchr(o->sets[i], '=');
		struct source *cl = srcset_add(files, "--set", xstrdup(o->sets[i]),
					       strlen(o->sets[i]));
		if (!eq) {
			diag_error(d, (struct pos){cl, 1, 1}, "--set takes key=value, got '%s'",
				   o->sets[i]);
			continue;
		}
		char *key = xstrndup(o->sets[i], (size_t)(eq - o->sets[i]));
		size_t vlen;
		char *val = text_nfc(eq + 1, strlen(eq + 1), &vlen);
		/* Values point at themselves on the quoted command line. */
		ytree_set(root, key, val, (struct pos){cl, 1, (int)utf8_len(key) + 2}, &ar, d);
		free(key);
		free(val);
	}
	if (!doctypes_load(&types, o->datadir, files, &ar, d))
		goto done;
	model_load(&doc, root, src, body_start, body_end, basedir, &types, files, &ar, d);
	if (!root || root->kind != Y_MAP)
		goto done;
	st = style_load(doc.style.s ? doc.style.s : "nd30", doc.style.s ? doc.style.pos
		: (struct pos){src, 0, 0}, o->datadir, basedir, files, d);
	if (!st)
		goto done;
	model_check_style(&doc, st, d);
	fonts = fonts_load((const char *const *)st->font_file, style_pos(files, st), d);
	if (!fonts)
		goto done;
	struct metrics m = fonts_metrics(fonts);
	check_text(&doc, &m, st, d);
	if (d->errors != before) {
		/* A batch's own fields and list are checked too, so that every
		 * error is reported at once. */
		if (doc.dt && doc.dt->certificate)
			cert_free(cert_load(&doc, o->datadir, basedir, files, &ar, d));
		goto done;
	}
	if (doc.dt && doc.dt->certificate) {
		rc = render_certificates(o, &doc, st, fonts, &m, basedir, files, &ar, d, out, len);
		goto done;
	}
	if (o->emit || o->calibrate || o->pattern) {
		diag_error(d, doc.type.pos, "%s is for award certificates (type: giay-khen or "
			   "bang-khen); this is a %s", o->emit ? "--split" : o->calibrate
			   ? "--calibrate" : "--pattern", doc.type.s);
		goto done;
	}
	if (o->shard_n > 1 && o->shard_k != 1) {
		/* One document is one item: the first shard has it. */
		diag_add(d, SEV_NOTE, (struct pos){src, 0, 0}, "--shard %d/%d: the document "
			 "goes to shard 1; nothing is written here", o->shard_k, o->shard_n);
		rc = 0;
		goto done;
	}
	if (doc.template_name.s) {
		struct mdtext t;
		if (!template_body(&doc.template_name, root, &doc.body, o->datadir, basedir, files,
				   &ar, d, &t))
			goto done;
		doc.body = t;
	}
	if (!md_parse(&doc.body, &body, &ar, d))
		goto done;
	apps = xcalloc(doc.appendices.n + 1, sizeof *apps);
	for (size_t i = 0; i < doc.appendices.n; i++)
		md_parse(&doc.appendices.v[i].body, &apps[i], &ar, d);
	if (d->errors != before)
		goto done;
	struct produce pc = {o, &doc, &body, apps, st, fonts, &m, d, out, len, NULL};
	if (doc.number_auto && o->issue && !o->check_only) {
		rc = issue(&pc, files);
		goto done;
	}
	rc = produce(&pc);
done:
	blocks_free(&body);
	for (size_t i = 0; apps && i < doc.appendices.n; i++)
		blocks_free(&apps[i]);
	free(apps);
	doctypes_free(&types);
	fonts_free(fonts);
	style_free(st);
	model_free(&doc);
	arena_free(&ar);
	return rc;
}

char *find_datadir(void)
{
	const char *env = getenv("VANBAN_HOME");
	if (env && *env)
		return strdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = 0;
		char *s = strrchr(exe, '/');
		if (s)
			*s = 0;
		char probe[PATH_MAX + 32];
		snprintf(probe, sizeof probe, "%s/templates/styles", exe);
		if (access(probe, R_OK) == 0)
			return strdup(exe);
	}
#ifdef VANBAN_DATADIR
	return strdup(VANBAN_DATADIR);
#else
	return strdup(".");
#endif
}

/* ---- The register book -------------------------------------------------- */

struct book {
	struct arena *ar;
	VEC(struct cell) cells;
	int rows;
};

static void cell(struct book *b, const char *text, int face)
{
	struct cell c = {0};
	if (text && *text) {
		struct run r = {face, arena_strdup(b->ar, text)};
		vec_push(&c.runs, r);
	}
	vec_push(&b->cells, c);
}

static void book_row(void *user, const struct reg_entry *e)
{
	struct book *b = user;
	char num[64], date[32], copies[16];
	snprintf(num, sizeof num, "%02d/%s", e->number, e->code ? e->code : "");
	int y, m, d;
	if (e->date && vn_parse_date(e->date, &y, &m, &d)) {
		char *s = vn_date_short(y, m, d);
		snprintf(date, sizeof date, "%s", s);
		free(s);
	} else {
		snprintf(date, sizeof date, "%s", e->date ? e->date : "");
	}
	struct buf ts = {0};
	buf_printf(&ts, "%s: %s", e->type ? e->type : "", e->subject ? e->subject : "");
	snprintf(copies, sizeof copies, "%d", e->copies);
	struct buf note = {0};
	if (e->voided)
		buf_printf(&note, "Hủy số%s%s", e->void_reason ? ": " : "",
			   e->void_reason ? e->void_reason : "");
	cell(b, num, 0);
	cell(b, date, 0);
	cell(b, ts.data, 0);
	cell(b, e->signer, 0);
	cell(b, e->recipients, 0);
	cell(b, "VT", 0);
	cell(b, e->copies ? copies : "", 0);
	cell(b, note.data, 0);
	buf_free(&ts);
	buf_free(&note);
	b->rows++;
}

int render_register_book(const char *reg_path, int year, const char *out, struct diag *d)
{
	char *datadir = find_datadir();
	struct srcset files = {0};
	struct arena ar = {0};
	struct book b = {&ar, {0}, 0};
	int rc = 1;
	struct reg *r = NULL;
	struct fonts *fonts = NULL;
	struct style *st = style_load("nd30", pos_none(), datadir, ".", &files, d);
	if (!st)
		goto done;
	/* The book is a landscape table (NĐ 30/2020, Phụ lục IV). */
	double w = st->page_w;
	st->page_w = st->page_h;
	st->page_h = w;
	st->margin_left = st->margin_right = MM(15);
	st->margin_top = st->margin_bottom = MM(15);
	fonts = fonts_load((const char *const *)st->font_file, pos_none(), d);
	r = reg_open(reg_path, false, d);
	if (!fonts || !r)
		goto done;
	static const char *const head[] = {
		"Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
		"Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản",
		"Ghi chú"};
	for (int i = 0; i < 8; i++)
		cell(&b, head[i], 0);
	if (!reg_each(r, year, NULL, book_row, &b, d))
		goto done;
	struct block table = {0};
	table.kind = BK_TABLE;
	table.nrows = b.rows + 1;
	table.ncols = 8;
	table.cells = b.cells.v;
	char aligns[8] = {'c', 'c', 'l', 'l', 'l', 'l', 'c', 'l'};
	table.aligns = aligns;
	char sub[32];
	snprintf(sub, sizeof sub, "Năm %d", year);
	struct layout lo = {0};
	struct metrics m = fonts_metrics(fonts);
	layout_book("SỔ ĐĂNG KÝ VĂN BẢN ĐI", sub, &table, st, &m, &lo);
	struct pdf_info info = {0};
	info.title = "Sổ đăng ký văn bản đi";
	info.subject = sub;
	info.year = year;
	info.month = 12;
	info.day = 31;
	char *bytes = NULL;
	size_t len = 0;
	rc = write_pdf(&lo, fonts, &info, &bytes, &len, d);
	if (!rc)
		rc = write_output(out, bytes, len);
	free(bytes);
	layout_free(&lo);
done:
	for (size_t i = 0; i < b.cells.n; i++)
		vec_free(&b.cells.v[i].runs);
	vec_free(&b.cells);
	reg_close(r);
	fonts_free(fonts);
	style_free(st);
	srcset_free(&files);
	arena_free(&ar);
	free(datadir);
	return rc;
}
