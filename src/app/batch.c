/* batch.c - a batch of award certificates: checked whole, then one PDF,
 * or one file per certificate (--split) named before any is written. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether --shard K/N leaves none of n items. */
static bool shard_empty(const struct render_opts *o, size_t n)
{
	return o->shard_n && (size_t)(o->shard_k - 1) >= n;
}

/* How many of n items --shard K/N keeps. */
static size_t shard_size(const struct render_opts *o, size_t n)
{
	if (!o->shard_n)
		return n;
	size_t k = (size_t)(o->shard_k - 1), N = (size_t)o->shard_n;
	return k >= n ? 0 : (n - k + N - 1) / N;
}

/* Why the file dir/name cannot be written, or NULL: a part of it longer
 * than a file system allows (with "-2" added), the path longer than
 * PATH_MAX, or a file this run reads. */
static const char *final_name_fault(const char *dir, const char *name)
{
	for (const char *p = name; *p;) {
		size_t part = strcspn(p, "/");
		if (part > NAME_MAX)
			/* TRANSLATORS: ends "the file name for 'X' ...", as the
			 * other reasons here */
			return _("is longer than 255 bytes");
		p += part + (p[part] == '/');
	}
	char *path = path_join(dir, name);
	const char *why = strlen(path) >= PATH_MAX ? _("makes a path longer than the system allows")
			: is_input(path) ? _("is a file this run reads") : NULL;
	free(path);
	return why;
}

/* The names as they will be written, all checked before any is. */
static void check_final_names(const struct cert *c, char **names, size_t n, const char *dir,
			      struct diag *d)
{
	if (!dir)
		return;
	int bad = 0;
	for (size_t i = 0; i < n && bad < 20; i++) {
		const char *why = final_name_fault(dir, names[i]);
		if (why) {
			diag_error(d, cert_pos(c, i), "--split: the file name for '%s' %s ('%s')",
				   diag_quote(d, cert_awardee(c, i)), why,
				   diag_quote(d, names[i]));
			bad++;
		}
	}
	char *manifest = path_join(dir, "manifest.csv");
	if (is_input(manifest))
		diag_error(d, pos_none(), "--split: '%s' is a file this run reads; the manifest "
			   "would be written over it", diag_quote(d, manifest));
	free(manifest);
}

/* The file names of a split batch, all before any is written: none empty,
 * none longer than a file system allows, no control characters, not the
 * manifest's; two alike get "-2", "-3" ... in the order of the list. */
static void check_file_names(const struct cert *c, char **names, size_t n, const char *dir,
			     struct diag *d)
{
	int bad = 0;
	for (size_t i = 0; i < n && bad < 20; i++) {
		const char *s = names[i];
		if (!s)
			continue;
		const char *why = NULL;
		size_t len = strlen(s);
		if (!len || !strcmp(s, ".pdf") || !strcmp(s, ".docx"))
			why = _("is empty");
		else if (len > NAME_MAX)
			why = _("is longer than 255 bytes");
		else if (!strcmp(s, "manifest.csv"))
			why = _("is the manifest's");
		for (size_t k = 0; k < len && !why; k++)
			if ((unsigned char)s[k] < 0x20 || s[k] == 0x7F)
				why = _("has a control character (a line break in a field?)");
		if (why) {
			diag_error(d, cert_pos(c, i), "--split: the file name for '%s' %s%s%s%s",
				   diag_quote(d, cert_awardee(c, i)), why, len ? " ('" : "",
				   diag_quote_n(d, s, len > 60 ? 60 : len),
				   len ? (len > 60 ? "...')" : "')") : "");
			bad++;
		}
	}
	if (bad)
		return;
	for (size_t i = 0; i < n; i++)
		if (!names[i])
			return; /* a --pattern error, reported */
	/* Alike names: "-2", "-3" ... in the order of the list. */
	struct nameset seen;
	nameset_init(&seen, n);
	for (size_t i = 0; i < n; i++) {
		char *u = unique_name(names[i], nameset_has, &seen);
		free(names[i]);
		names[i] = u;
		nameset_add(&seen, names[i]);
	}
	nameset_free(&seen);
	check_final_names(c, names, n, dir, d);
}

/* Certificates drawn together as one part of a long batch's PDF. */
#define CHUNK 500

static bool in_shard(const struct render_opts *o, size_t i)
{
	return !o->shard_n || (int)(i % (size_t)o->shard_n) == o->shard_k - 1;
}

/* One PDF of a batch longer than a part: the fonts and the file
 * identifier from a first pass over every page, then the pages drawn a
 * part at a time and joined, so the library never holds more than a
 * part. */
static int certificates_joined(const struct render_opts *o, const struct doc *doc,
			       const struct cert *c, const struct metrics *m, struct fonts *fonts,
			       struct pdf_info *info, size_t pages, char **out, size_t *len,
			       struct diag *d)
{
	struct digest *h = digest_md5();
	uint64_t *drawn = pdf_drawn_new();
	/* Where a signature goes is found on the first page. */
	struct layout first = {0};
	size_t k = 0;
	int rc = 0;
	for (size_t i = 0; i < cert_count(c) && !rc; i++) {
		if (!in_shard(o, i))
			continue;
		struct layout lo = {0};
		cert_page(c, i, m, &lo);
		rc = cert_add_qr(o, c, i, &lo, d);
		pdf_id_pages(h, &lo, k++);
		pdf_mark_used(drawn, &lo);
		if (!first.pages.n)
			first = lo;
		else
			layout_free(&lo);
	}
	pdf_id_done(h, info);
	struct pdf_font pf[F_NFACES] = {{0}};
	if (!rc)
		rc = pdf_subsets(fonts, drawn, pf, d);
	struct buf file = {0};
	struct pdf_join *j = rc ? NULL : pdf_join_new(pages, &file);
	/* A signature covers the whole file: a signed batch is held until
	 * it is signed. */
	bool stream = o->stream && o->streamed && !o->nsign;
	if (stream)
		*o->streamed = true;
	for (size_t i = 0; i < cert_count(c) && !rc;) {
		struct layout lo = {0};
		for (; i < cert_count(c) && lo.pages.n < CHUNK && !rc; i++)
			if (in_shard(o, i)) {
				cert_page(c, i, m, &lo);
				rc = cert_add_qr(o, c, i, &lo, d);
			}
		char *bytes = NULL;
		size_t blen = 0;
		if (!rc && lo.pages.n && (!pdf_write(&lo, info, pf, &bytes, &blen, d) ||
					  !pdf_join_add(j, bytes, blen, d)))
			rc = 3;
		free(bytes);
		layout_free(&lo);
		/* What is joined goes to the file: memory holds one part. */
		if (!rc && stream) {
			if (o->stream(o->stream_user, file.data, file.len))
				rc = 3;
			pdf_join_moved(j);
		}
	}
	if (!rc && !pdf_join_end(j, info, d))
		rc = 3;
	if (!rc && stream && o->stream(o->stream_user, file.data, file.len))
		rc = 3;
	pdf_join_free(j);
	pdf_subsets_free(pf);
	free(drawn);
	if (!rc && !stream) {
		*len = file.len;
		*out = buf_take(&file);
		rc = sign_document(o, doc, &first, out, len, d);
	}
	buf_free(&file);
	layout_free(&first);
	return rc;
}

/* The pages in the format asked for. */
static int certificate_bytes(const struct render_opts *o, struct layout *lo, struct fonts *fonts,
			     struct pdf_info *info, const struct style *st, const struct metrics *m,
			     char **out, size_t *len, struct diag *d)
{
	if (o->format == OUT_DUMP) {
		*out = dump_layout(lo);
		*len = strlen(*out);
		return 0;
	}
	if (o->format == OUT_SVG)
		return make_svg(lo, fonts, out, len, d);
	if (o->format == OUT_SVG_PAGES) {
		*out = make_svg_pages(lo, st, o->font_url ? o->font_url : "", len);
		return 0;
	}
	if (o->format == OUT_DOCX)
		return docx_pages(lo, st, m, info, out, len) ? 0 : 3;
	return make_pdf(lo, fonts, info, out, len, d);
}

/* A batch of certificates: everything checked first; then one PDF, or one
 * per certificate through o->emit (a page at a time, so memory does not
 * grow with the batch). */
int render_certificates(const struct render_opts *o, const struct doc *doc,
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
		cert_calibration(c, &lo);
		rc = certificate_bytes(o, &lo, fonts, &info, st, m, out, len, d);
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
							 : o->format == OUT_DOCX ? "{{seq}}-{{name}}.docx"
										 : "{{seq}}-{{name}}.pdf", d);
		check_file_names(c, names, n, o->emit_dir, d);
		if (d->errors != before)
			rc = 1;
		for (size_t i = 0; i < n && !rc; i++) {
			if (!in_shard(o, i))
				continue;
			struct layout lo = {0};
			cert_page(c, i, m, &lo);
			rc = cert_add_qr(o, c, i, &lo, d);
			char *bytes = NULL;
			size_t blen = 0;
			if (!rc)
				rc = certificate_bytes(o, &lo, fonts, &info, st, m, &bytes, &blen, d);
			if (!rc && o->format == OUT_PDF)
				rc = sign_document(o, doc, &lo, &bytes, &blen, d);
			if (!rc)
				rc = o->emit(o->emit_user, names[i], cert_awardee(c, i), bytes, blen);
			free(bytes);
			layout_free(&lo);
		}
		for (size_t i = 0; i < n; i++)
			free(names[i]);
		free(names);
	} else if (o->format == OUT_PDF && shard_size(o, cert_count(c)) > CHUNK) {
		rc = certificates_joined(o, doc, c, m, fonts, &info, shard_size(o, cert_count(c)),
					 out, len, d);
	} else {
		struct layout lo = {0};
		for (size_t i = 0; i < cert_count(c) && !rc; i++)
			if (in_shard(o, i)) {
				cert_page(c, i, m, &lo);
				rc = cert_add_qr(o, c, i, &lo, d);
			}
		if (!rc)
			rc = certificate_bytes(o, &lo, fonts, &info, st, m, out, len, d);
		if (!rc && o->format == OUT_PDF)
			rc = sign_document(o, doc, &lo, out, len, d);
		layout_free(&lo);
	}
	free(subject);
	free(author);
	cert_free(c);
	return rc;
}
