/* render.c - the pipeline: source -> YAML tree -> model -> style -> fonts
 * -> text checks -> Markdown blocks -> layout -> PDF or dump. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Finds the front matter of a Markdown file: "---" on the first line (the
 * spaces and tabs editors leave after it allowed; a byte-order mark was
 * taken off when the file was read), up to a line "---" or "...". Returns
 * false if there is none. */
static bool split_front_matter(const struct source *s, size_t *yaml_end, size_t *body_start)
{
	const char *t = s->text;
	if (strncmp(t, "---", 3))
		return false;
	size_t i = 3;
	while (i < s->len && (t[i] == ' ' || t[i] == '\t'))
		i++;
	if (t[i] != '\n' && t[i] != '\r')
		return false;
	while (i < s->len) {
		while (i < s->len && t[i] != '\n')
			i++;
		if (i >= s->len)
			break;
		i++; /* start of a line */
		if ((!strncmp(t + i, "---", 3) || !strncmp(t + i, "...", 3))) {
			size_t e = i + 3;
			while (e < s->len && (t[e] == ' ' || t[e] == '\t'))
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
				int fault = draw_fault(cp, m, it->face);
				bool bad = fault != DRAW_OK;
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
				if (fault == DRAW_TAB || fault == DRAW_CONTROL)
					diag_error(d, at, "control character %s in the text, page %zu: "
						   "'%s'", name, p + 1, diag_quote(d, ctx.data));
				else
					diag_error(d, at, "character %s is not in the font %s, page "
						   "%zu: '%s'", name,
						   diag_quote(d, file ? file + 1 : st->font_file[it->face]), p + 1,
						   diag_quote(d, ctx.data));
				buf_free(&ctx);
			}
		}
	return nseen == 0;
}

/* The file identifier: a digest of what the pages show and of the
 * metadata, so it changes exactly when the document does. first: the
 * number of the first page of lo in the file. */
void pdf_id_pages(struct digest *h, const struct layout *lo, size_t first)
{
	struct buf page_bytes = {0};
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		/* The numbers as they are (formatting 200,000 of them would cost
		 * more than drawing them), a page at a time into the digest. */
		page_bytes.len = 0;
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			double num[6] = {(double)(first + p), it->x, it->y, it->x2, it->y2, it->size};
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
}

void pdf_id_done(struct digest *h, struct pdf_info *info)
{
	struct buf meta = {0};
	buf_printf(&meta, "|%s|%s|%s|%d|%d", info->title ? info->title : "",
		   info->author ? info->author : "", info->number ? info->number : "",
		   info->year, info->pdfa);
	digest_add(h, meta.data, meta.len);
	buf_free(&meta);
	unsigned char digest[32];
	digest_done(h, digest);
	memcpy(info->id, digest, 16);
}

/* The code points drawn, a bit each (32 KB, where a byte each would be
 * 256 KB of fresh pages to fault in). */
uint64_t *pdf_drawn_new(void)
{
	return xcalloc(F_NFACES * 0x10000 / 64, sizeof(uint64_t));
}

void pdf_mark_used(uint64_t *drawn, const struct layout *lo)
{
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_TEXT)
				continue;
			uint64_t *bits = drawn + (size_t)it->face * (0x10000 / 64);
			for (const char *s = it->text; *s;) {
				int32_t cp = utf8_next(&s);
				if (cp < 0 || cp >= 0x10000)
					continue;
				bits[cp / 64] |= (uint64_t)1 << (cp % 64);
			}
		}
	}
}

/* Per face, a subset font of the code points drawn, and a byte each up
 * to the largest for the backend. */
int pdf_subsets(struct fonts *fonts, const uint64_t *drawn, struct pdf_font pf[F_NFACES],
		struct diag *d)
{
	memset(pf, 0, F_NFACES * sizeof *pf);
	int32_t *cps = xmalloc(0x10000 * sizeof *cps);
	int rc = 0;
	for (int f = 0; f < F_NFACES && !rc; f++) {
		const uint64_t *bits = drawn + (size_t)f * (0x10000 / 64);
		int32_t top = -1;
		for (int32_t w = 0x10000 / 64 - 1; w >= 0 && top < 0; w--)
			if (bits[w])
				top = w * 64 + 63 - __builtin_clzll(bits[w]);
		if (top < 0)
			continue;
		uint8_t *used = xcalloc((size_t)top + 1, 1);
		size_t n = 0;
		for (int32_t c = 0; c <= top; c++)
			if (bits[c / 64] >> (c % 64) & 1) {
				cps[n++] = c;
				used[c] = 1;
			}
		pf[f].data = fonts_subset(fonts, f, cps, n, true, &pf[f].len);
		pf[f].max_cp = top;
		pf[f].used = used;
		pf[f].cap_height = fonts_cap_height(fonts, f);
		if (!pf[f].data) {
			diag_error(d, pos_none(), "cannot make a subset of the font for face %d", f);
			rc = 3;
		}
	}
	free(cps);
	return rc;
}

void pdf_subsets_free(struct pdf_font pf[F_NFACES])
{
	for (int f = 0; f < F_NFACES; f++) {
		free((char *)pf[f].data);
		free((uint8_t *)pf[f].used);
	}
}

/* Embeds only what is drawn: per face, the code points of the page items,
 * as a subset font. */
int make_pdf(const struct layout *lo, struct fonts *fonts, struct pdf_info *info, char **out,
	     size_t *len, struct diag *d)
{
	struct digest *h = digest_md5();
	pdf_id_pages(h, lo, 0);
	pdf_id_done(h, info);
	uint64_t *drawn = pdf_drawn_new();
	pdf_mark_used(drawn, lo);
	struct pdf_font pf[F_NFACES];
	int rc = pdf_subsets(fonts, drawn, pf, d);
	if (!rc && !pdf_write(lo, info, pf, out, len, d))
		rc = 3;
	pdf_subsets_free(pf);
	free(drawn);
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

/* What the layout could not place as it should: a word wider than the
 * line, tables wider than the text. Warnings; the document is drawn. */
static void layout_warnings(const struct layout_stats *ls, const struct style *st,
			    struct diag *d)
{
	if (ls->overfull) {
		/* Quote the word, cut to 40 characters. */
		const char *w = ls->overfull_word, *e = w;
		size_t nch = 0;
		while (*e && nch < 40) {
			utf8_next(&e);
			nch++;
		}
		const char *word = diag_quote_n(d, w, (size_t)(e - w)), *more = *e ? "..." : "";
		if (ls->overfull > 1)
			diag_add(d, SEV_WARNING, pos_none(),
				 "%zu lines are wider than the text: '%s%s' does not fit in a line "
				 "(%.0f pt too wide); a space in it lets it break",
				 ls->overfull, word, more, ls->overfull_by);
		else
			diag_add(d, SEV_WARNING, pos_none(),
				 "1 line is wider than the text: '%s%s' does not fit in a line "
				 "(%.0f pt too wide); a space in it lets it break",
				 word, more, ls->overfull_by);
	}
	if (ls->wide_tables) {
		double text_w = st->page_w - st->margin_left - st->margin_right;
		if (ls->wide_tables == 1)
			diag_add(d, SEV_WARNING, pos_none(),
				 "a table of %d columns is wider than the text even at 8 pt: its "
				 "columns need at least %.0f pt, the text is %.0f pt wide, so some "
				 "cells overflow; fewer columns or shorter words let it fit",
				 ls->wide_columns, ls->wide_need, text_w);
		else
			diag_add(d, SEV_WARNING, pos_none(),
				 "%zu tables are wider than the text even at 8 pt; the first, of "
				 "%d columns, needs at least %.0f pt, the text is "
				 "%.0f pt wide, so some cells overflow; fewer columns or shorter "
				 "words let them fit",
				 ls->wide_tables, ls->wide_columns, ls->wide_need, text_w);
	}
}

/* The metadata of a document's PDF, and the strings made for it. */
struct doc_meta {
	struct pdf_info info;
	char *author, *title, *num, *full;
	struct buf rec;
};

static void doc_meta(struct doc_meta *dm, const struct doc *dp, const struct style *st,
		     const struct render_opts *o)
{
	struct pdf_info *info = &dm->info;
	memset(dm, 0, sizeof *dm);
	dm->author = text_upper(dp->issuer.s);
	dm->title = text_upper(dp->title.s ? dp->title.s : dp->dt->name);
	info->title = dp->subject.s;
	info->author = dm->author;
	info->subject = dp->subject.s;
	info->year = dp->year;
	info->month = dp->month;
	info->day = dp->day;
	info->pdfa = o->pdfa || st->pdfa;
	info->type_name = dm->title[0] ? dm->title : "CÔNG VĂN";
	dm->num = dp->number ? vn_number(dp->number) : NULL;
	info->number = dm->num;
	dm->full = layout_number_line(dp, st);
	const char *sep = strstr(dm->full, st->number_sep);
	info->notation = sep ? sep + strlen(st->number_sep) : NULL;
	info->organ = dm->author;
	for (size_t i = 0; i < dp->recipients.n; i++)
		buf_printf(&dm->rec, "%s%s", i ? "; " : "", dp->recipients.v[i].s);
	info->recipients = dm->rec.data;
	if (dp->signatures.n) {
		info->signer_title = dp->signatures.v[0].title.s;
		info->signer_name = dp->signatures.v[0].name.s;
	}
	static const char *const urg[] = {NULL, "Khẩn", "Thượng khẩn", "Hỏa tốc"};
	info->priority = urg[dp->urgency];
	info->copies = dp->copies;
}

static void doc_meta_free(struct doc_meta *dm)
{
	free(dm->num);
	free(dm->full);
	free(dm->title);
	buf_free(&dm->rec);
	free(dm->author);
}

int produce_document(struct produce *pc)
{
	const struct render_opts *o = pc->o;
	const struct doc *dp = pc->doc;
	const struct style *st = pc->st;
	struct layout lo = {0};
	struct layout_stats ls;
	layout_document(dp, pc->body, pc->apps, st, pc->m, &lo, &ls);
	if (eblock_add(o, dp, st, pc->m, &lo, pc->d) || doc_add_qr(o, dp, st, &lo, pc->d)) {
		layout_free(&lo);
		return 1;
	}
	if (!check_drawn(&lo, dp->type.pos.src, pc->m, st, pc->d)) {
		layout_free(&lo);
		return 1;
	}
	layout_warnings(&ls, st, pc->d);
	int rc = 0;
	if (o->check_only) {
		rc = 0;
	} else if (o->format == OUT_DUMP) {
		*pc->out = dump_layout(&lo);
		*pc->len = strlen(*pc->out);
	} else if (o->format == OUT_SVG_PAGES) {
		*pc->out = make_svg_pages(&lo, st, o->font_url ? o->font_url : "", pc->len);
	} else if (o->format == OUT_SVG) {
		rc = make_svg(&lo, pc->fonts, pc->out, pc->len, pc->d);
	} else {
		struct doc_meta dm;
		doc_meta(&dm, dp, st, o);
		if (o->format == OUT_DOCX) {
			/* Written from the model and blocks; the layout above
			 * only checked what would be drawn. */
			rc = docx_write(dp, pc->body, pc->apps, st, pc->m, &dm.info, pc->out,
					pc->len, pc->d) ? 0 : 3;
		} else {
			rc = make_pdf(&lo, pc->fonts, &dm.info, pc->out, pc->len, pc->d);
			if (!rc)
				rc = sign_document(o, dp, &lo, pc->out, pc->len, pc->d);
		}
		if (!rc && pc->entry) {
			pc->entry->code = xstrdup(dm.info.notation ? dm.info.notation : "");
			pc->entry->recipients = dm.rec.data ? xstrdup(dm.rec.data) : NULL;
		}
		doc_meta_free(&dm);
	}
	layout_free(&lo);
	return rc;
}

char *app_datadir(struct diag *d)
{
	char *looked = NULL;
	char *dir = find_datadir(&looked);
	if (!dir) {
		/* Every place in full: control characters escaped, nothing cut. */
		struct buf q = {0};
		quote_into(&q, looked, strlen(looked), 0);
		diag_error(d, pos_none(), "cannot find vanban's data (templates/, fonts/): looked "
			   "in %s; set VANBAN_HOME or install with make install", q.data);
		buf_free(&q);
	}
	free(looked);
	return dir;
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

/* What one rendering holds, freed at once. */
struct pipeline {
	struct arena ar;
	struct doctypes types;
	struct ynode *root;      /* the YAML, with the --set values */
	struct doc doc;
	bool model_ok;           /* model_load found no error */
	struct style *st;
	struct fonts *fonts;
	struct metrics m;
	struct blocks body;
	struct blocks *apps;     /* one for each of doc.appendices */
};

static void pipeline_free(struct pipeline *p)
{
	blocks_free(&p->body);
	for (size_t i = 0; p->apps && i < p->doc.appendices.n; i++)
		blocks_free(&p->apps[i]);
	free(p->apps);
	doctypes_free(&p->types);
	fonts_free(p->fonts);
	style_free(p->st);
	model_free(&p->doc);
	arena_free(&p->ar);
}

/* --set key=value: each into the tree, pointing at itself on the quoted
 * command line. */
static void apply_sets(const struct render_opts *o, struct ynode *root, struct srcset *files,
		       struct arena *ar, struct diag *d)
{
	for (size_t i = 0; i < o->nsets && root; i++) {
		const char *eq = strchr(o->sets[i], '=');
		struct source *cl = srcset_add(files, "--set", xstrdup(o->sets[i]),
					       strlen(o->sets[i]));
		if (!eq) {
			diag_error(d, (struct pos){cl, 1, 1}, "--set takes key=value, got '%s'",
				   diag_quote(d, o->sets[i]));
			continue;
		}
		char *key = xstrndup(o->sets[i], (size_t)(eq - o->sets[i]));
		size_t vlen;
		char *val = text_nfc(eq + 1, strlen(eq + 1), &vlen);
		ytree_set(root, key, val, (struct pos){cl, 1, (int)utf8_len(key) + 2}, ar, d);
		free(key);
		free(val);
	}
}

/* Where the YAML and the Markdown body of a source are (byte offsets). */
struct parts {
	size_t yaml_end, body_start, body_end;
};

/* The tree, the model, the style and the fonts, and the text checked
 * against them. Goes as far as it can, so that every error of the file is
 * reported: a bad field does not stop the style, font and text checks.
 * Returns whether it got as far as the text check. */
static bool load_document(struct pipeline *p, const struct render_opts *o,
			  const struct source *src, const struct parts *pt, const char *basedir,
			  struct srcset *files, struct diag *d)
{
	int before = d->errors;
	p->root = yaml_load(src, 0, pt->yaml_end, &p->ar, d);
	if (!p->root && d->errors != before)
		return false;
	apply_sets(o, p->root, files, &p->ar, d);
	if (!doctypes_load(&p->types, o->datadir, files, &p->ar, d))
		return false;
	p->model_ok = model_load(&p->doc, p->root, src, pt->body_start, pt->body_end, basedir,
				 &p->types, files, &p->ar, d);
	if (!p->root || p->root->kind != Y_MAP)
		return false; /* model_load said why */
	const struct text_field *sn = &p->doc.style;
	p->st = style_load(sn->s ? sn->s : "nd30", sn->s ? sn->pos : (struct pos){src, 0, 0},
			   o->datadir, basedir, files, d);
	if (!p->st)
		return false;
	model_check_style(&p->doc, p->st, d);
	p->fonts = fonts_load((const char *const *)p->st->font_file, style_pos(files, p->st), d);
	if (!p->fonts)
		return false;
	p->m = fonts_metrics(p->fonts);
	doc_check_text(&p->doc, &p->m, p->st, d);
	return true;
}

/* The body (written by its template, when it names one) and the
 * appendices, as blocks; every appendix is parsed, so that all their
 * errors are reported. */
static bool parse_blocks(struct pipeline *p, const struct render_opts *o, const char *basedir,
			 struct srcset *files, struct diag *d)
{
	struct doc *doc = &p->doc;
	int before = d->errors;
	if (doc->template_name.s) {
		struct mdtext t;
		if (!template_body(&doc->template_name, p->root, &doc->body, o->datadir, basedir,
				   files, &p->ar, d, &t))
			return false;
		doc->body = t;
	}
	if (!md_parse(&doc->body, &p->body, &p->ar, d))
		return false;
	p->apps = xcalloc(doc->appendices.n + 1, sizeof *p->apps);
	bool ok = true;
	for (size_t i = 0; i < doc->appendices.n; i++)
		ok &= md_parse(&doc->appendices.v[i].body, &p->apps[i], &p->ar, d);
	return ok && d->errors == before;
}

/* One document (not a certificate batch), loaded without error. */
static int render_one(struct pipeline *p, const struct render_opts *o, const struct source *src,
		      const char *basedir, struct srcset *files, struct diag *d, char **out,
		      size_t *len)
{
	const struct doc *doc = &p->doc;
	if (o->emit || o->calibrate || o->pattern) {
		diag_error(d, doc->type.pos, "%s is for award certificates (type: giay-khen or "
			   "bang-khen); this is a %s", o->emit ? "--split" : o->calibrate
			   ? "--calibrate" : "--pattern", doc->type.s);
		return 1;
	}
	if (o->shard_n > 1 && o->shard_k != 1) {
		/* One document is one item: the first shard has it. */
		diag_add(d, SEV_NOTE, (struct pos){src, 0, 0}, "--shard %d/%d: the document "
			 "goes to shard 1; nothing is written here", o->shard_k, o->shard_n);
		return 0;
	}
	if (!parse_blocks(p, o, basedir, files, d))
		return 1;
	struct produce pc = {o, &p->doc, &p->body, p->apps, p->st, p->fonts, &p->m, d, out, len,
			     NULL};
	if (o->issue && !o->check_only && !doc->number_auto && !doc->number) {
		diag_error(d, (struct pos){src, 0, 0}, "--issue records the document's number "
			   "in the register, and this one has none: write number: auto (the "
			   "next number) or its number");
		return 1;
	}
	if (o->issue && !o->check_only)
		return issue(&pc);
	return produce_document(&pc);
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
	/* Files named in the document are read from its folder, the data
	 * directory and the --root folders only. */
	srcset_root(files, basedir);
	srcset_root(files, o->datadir);
	/* The data's templates may be a link (to a shared copy): where it
	 * leads is part of the data. */
	char *tpl = datadir_path(o->datadir, "templates", NULL);
	srcset_root(files, tpl);
	free(tpl);
	for (size_t i = 0; i < o->nroots; i++)
		srcset_root(files, o->roots[i]);

	struct parts pt = {src->len, 0, 0};
	if (split_front_matter(src, &pt.yaml_end, &pt.body_start)) {
		pt.body_end = src->len;
	} else if (ends_with(path, ".md")) {
		diag_error(d, (struct pos){src, 1, 1},
			   "a .md document starts with YAML front matter between '---' lines");
		return 1;
	}

	struct pipeline p = {0};
	int before = d->errors;
	int rc = 1;
	if (!load_document(&p, o, src, &pt, basedir, files, d)) {
		rc = 1;
	} else if (!p.model_ok || d->errors != before) {
		/* A batch's own fields and list are checked too, so that every
		 * error is reported at once. */
		if (p.doc.dt && p.doc.dt->certificate)
			cert_free(cert_load(&p.doc, o->datadir, basedir, files, &p.ar, d));
		rc = 1;
	} else if (p.doc.dt && p.doc.dt->certificate) {
		rc = render_certificates(o, &p.doc, p.st, p.fonts, &p.m, basedir, files, &p.ar, d,
					 out, len);
	} else {
		rc = render_one(&p, o, src, basedir, files, d, out, len);
	}
	pipeline_free(&p);
	return rc;
}
