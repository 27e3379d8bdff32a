/* render.c - the pipeline: source -> YAML tree -> model -> style -> fonts
 * -> text checks -> Markdown blocks -> layout -> PDF or dump. */
#include "render.h"
#include "blocks.h"
#include "cert.h"
#include "dump.h"
#include "layout.h"
#include "model.h"
#include "font.h"
#include "hash.h"
#include "pdf.h"
#include "style.h"
#include "template.h"
#include "text.h"
#include "vnfmt.h"
#include "ytree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Tabs, control characters and characters no face can draw, each at its
 * place in the source. */
static void check_text(const struct doc *doc, const struct metrics *m, const struct style *st,
		       struct diag *d)
{
	static const char *const face_key[] = {"regular", "bold", "italic", "bold_italic"};
	int count = 0;
	for (size_t i = 0; i < doc->spans.n && count < MAX_TEXT_ERRORS; i++) {
		const struct text_span *sp = &doc->spans.v[i];
		const char *p = sp->src->text + sp->start, *e = sp->src->text + sp->end;
		while (p < e && count < MAX_TEXT_ERRORS) {
			size_t off = (size_t)(p - sp->src->text);
			int32_t cp = utf8_next(&p);
			if (cp == '\n' || cp == '\r')
				continue;
			char name[32];
			if (cp == '\t') {
				diag_error(d, source_pos(sp->src, off),
					   "tab character in text; use spaces");
				count++;
				continue;
			}
			if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
				text_cp_name(cp, name, sizeof name);
				diag_error(d, source_pos(sp->src, off), "control character %s in text",
					   name);
				count++;
				continue;
			}
			for (int f = 0; f < F_NFACES; f++) {
				if (!m->has_glyph(m->ctx, f, cp)) {
					text_cp_name(cp, name, sizeof name);
					const char *file = strrchr(st->font_file[f], '/');
					diag_error(d, source_pos(sp->src, off),
						   "character %s is not in the font %s (fonts.%s)",
						   name, file ? file + 1 : st->font_file[f], face_key[f]);
					count++;
					break;
				}
			}
		}
	}
	if (count >= MAX_TEXT_ERRORS)
		diag_add(d, SEV_NOTE, pos_none(), "stopped after %d errors in the text",
			 MAX_TEXT_ERRORS);
}

/* Embeds only what is drawn: per face, the code points of the page items,
 * as a subset font. */
static int write_pdf(const struct layout *lo, struct fonts *fonts, struct pdf_info *info,
		     char **out, size_t *len, struct diag *d)
{
	/* The file identifier: a digest of what the pages show and of the
	 * metadata, so it changes exactly when the document does. */
	char *dump = dump_layout(lo);
	struct buf idsrc = {0};
	buf_puts(&idsrc, dump);
	buf_printf(&idsrc, "|%s|%s|%s|%d|%d", info->title ? info->title : "",
		   info->author ? info->author : "", info->number ? info->number : "",
		   info->year, info->pdfa);
	char hex[65];
	sha256_hex(idsrc.data, idsrc.len, hex);
	for (int i = 0; i < 16; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		info->id[i] = (unsigned char)v;
	}
	buf_free(&idsrc);
	free(dump);
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
	} else if (o->emit) {
		/* Names first: all of them, so a bad pattern writes nothing. */
		size_t n = cert_count(c);
		char **names = xcalloc(n + 1, sizeof *names);
		for (size_t i = 0; i < n; i++)
			names[i] = cert_file_name(c, i, o->pattern ? o->pattern
								   : "{{seq}}-{{name}}.pdf", d);
		if (d->errors != before)
			rc = 1;
		for (size_t i = 0; i < n && !rc; i++) {
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
	struct layout lo = {0};
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
	if (d->errors != before)
		goto done;
	if (doc.dt && doc.dt->certificate) {
		rc = render_certificates(o, &doc, st, fonts, &m, basedir, files, &ar, d, out, len);
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
	layout_document(&doc, &body, apps, st, &m, &lo, NULL);
	if (o->check_only) {
		rc = 0;
		goto done;
	}
	if (o->format == OUT_DUMP) {
		*out = dump_layout(&lo);
		*len = strlen(*out);
		rc = 0;
	} else {
		char *author = text_upper(doc.issuer.s);
		char *title = text_upper(doc.title.s ? doc.title.s : doc.dt->name);
		struct pdf_info info = {0};
		info.title = doc.subject.s;
		info.author = author;
		info.subject = doc.subject.s;
		info.year = doc.year;
		info.month = doc.month;
		info.day = doc.day;
		info.pdfa = o->pdfa || st->pdfa;
		info.type_name = title[0] ? title : "CÔNG VĂN";
		char *num = doc.number ? vn_number(doc.number) : NULL;
		info.number = num;
		char *full = layout_number_line(&doc, st);
		const char *sep = strstr(full, st->number_sep);
		info.notation = sep ? sep + strlen(st->number_sep) : NULL;
		info.organ = author;
		struct buf rec = {0};
		for (size_t i = 0; i < doc.recipients.n; i++)
			buf_printf(&rec, "%s%s", i ? "; " : "", doc.recipients.v[i].s);
		info.recipients = rec.data;
		if (doc.signatures.n) {
			info.signer_title = doc.signatures.v[0].title.s;
			info.signer_name = doc.signatures.v[0].name.s;
		}
		static const char *const urg[] = {NULL, "Khẩn", "Thượng khẩn", "Hỏa tốc"};
		info.priority = urg[doc.urgency];
		info.copies = doc.copies;
		rc = write_pdf(&lo, fonts, &info, out, len, d);
		free(num);
		free(full);
		free(title);
		buf_free(&rec);
		free(author);
	}
done:
	layout_free(&lo);
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
