/* pdf_forms.c - what the pages of a batch have in common, drawn once.
 *
 * A batch of certificates repeats the frame, the national title, the
 * issuer, the heading and the signature on every page. Items found alike
 * on every page are drawn once, in a form XObject, which each page calls:
 * the file shrinks by most of a page's drawing per page. */
#include "pdf_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool same_item(const struct fitem *a, const struct fitem *b)
{
	return a->kind == b->kind && a->x == b->x && a->y == b->y && a->x2 == b->x2 &&
	       a->y2 == b->y2 && a->width == b->width && a->face == b->face &&
	       a->size == b->size && a->color == b->color &&
	       (a->text == b->text || (a->text && b->text && !strcmp(a->text, b->text)));
}

/* The items of page 1 present on every page (images excluded). */
static size_t common_items(const struct layout *lo, const struct fitem ***out)
{
	*out = NULL;
	if (lo->pages.n < 3)
		return 0;
	const struct page *p0 = &lo->pages.v[0];
	const struct fitem **c = xmalloc((p0->items.n + 1) * sizeof *c);
	size_t n = 0;
	for (size_t i = 0; i < p0->items.n; i++) {
		const struct fitem *it = &p0->items.v[i];
		if (it->kind == FI_IMAGE)
			continue;
		bool everywhere = true;
		for (size_t p = 1; p < lo->pages.n && everywhere; p++) {
			const struct page *pg = &lo->pages.v[p];
			bool found = false;
			for (size_t j = 0; j < pg->items.n && !found; j++)
				found = same_item(it, &pg->items.v[j]);
			everywhere = found;
		}
		if (everywhere)
			c[n++] = it;
	}
	if (n < 4) {
		free(c);
		return 0;
	}
	*out = c;
	return n;
}

static bool is_common(const struct fitem *it, const struct fitem **common, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (same_item(it, common[i]))
			return true;
	return false;
}

/* Text lines found on many pages but not all (the reason most awardees
 * share): each becomes a form of its own. Distinct lines are counted on
 * the first page they appear; a line must recur on a tenth of the pages,
 * and at least 3. */
static size_t frequent_items(const struct layout *lo, const struct fitem **common,
			     size_t ncommon, const struct fitem ***out)
{
	VEC(const struct fitem *) cand = {0};
	VEC(size_t) count = {0};
	size_t min = lo->pages.n / 10 > 3 ? lo->pages.n / 10 : 3;
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_TEXT || is_common(it, common, ncommon))
				continue;
			size_t k = 0;
			while (k < cand.n && !same_item(it, cand.v[k]))
				k++;
			if (k == cand.n) {
				if (cand.n >= 64)
					continue; /* a bound on the work: the first 64 kinds */
				vec_push(&cand, it);
				vec_push(&count, 0);
			}
			count.v[k]++;
		}
	}
	size_t n = 0;
	for (size_t k = 0; k < cand.n; k++)
		if (count.v[k] >= min)
			cand.v[n++] = cand.v[k];
	vec_free(&count);
	if (!n)
		vec_free(&cand);
	*out = cand.v;
	return n;
}

static void form_printf(HPDF_Stream s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void form_printf(HPDF_Stream s, const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	HPDF_Stream_WriteStr(s, line);
}

static HPDF_Dict make_form(struct pdf *p, const struct fitem **items, size_t n, double W,
			   double H)
{
	HPDF_Doc doc = p->doc;
	HPDF_Dict form = HPDF_DictStream_New(doc->mmgr, doc->xref);
	if (!form)
		return NULL;
	form->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	form->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(form, "Type", "XObject");
	HPDF_Dict_AddName(form, "Subtype", "Form");
	HPDF_Box box = {0, 0, (HPDF_REAL)W, (HPDF_REAL)H};
	HPDF_Dict_Add(form, "BBox", HPDF_Box_Array_New(doc->mmgr, box));
	HPDF_Dict res = HPDF_Dict_New(doc->mmgr);
	HPDF_Dict fonts = HPDF_Dict_New(doc->mmgr);
	HPDF_Dict_Add(form, "Resources", res);
	HPDF_Dict_Add(res, "Font", fonts);
	HPDF_Stream s = form->stream;
	for (size_t i = 0; i < n; i++) {
		const struct fitem *it = items[i];
		double r = ((it->color >> 16) & 255) / 255.0, g = ((it->color >> 8) & 255) / 255.0,
		       b = (it->color & 255) / 255.0;
		if (it->kind == FI_RULE)
			form_printf(s, "%.4f %.4f %.4f RG %.3f w %.3f %.3f m %.3f %.3f l S\n", r, g, b,
				    it->width, it->x, H - it->y, it->x2, H - it->y2);
		else if (it->kind == FI_RECT)
			form_printf(s, "%.4f %.4f %.4f RG %.3f w %.3f %.3f %.3f %.3f re S\n", r, g, b,
				    it->width, it->x, H - it->y2, it->x2 - it->x, it->y2 - it->y);
	}
	for (size_t i = 0; i < n; i++) {
		const struct fitem *it = items[i];
		if (it->kind != FI_TEXT || !it->text[0])
			continue;
		HPDF_Font font = pdf_get_font(p, it->face);
		if (!font)
			continue;
		char fname[8];
		snprintf(fname, sizeof fname, "F%d", it->face);
		if (!HPDF_Dict_GetItem(fonts, fname, HPDF_OCLASS_DICT))
			HPDF_Dict_Add(fonts, fname, font);
		/* Mark the glyphs as used, so that the embedded font keeps them. */
		HPDF_Font_TextWidth(font, (const HPDF_BYTE *)it->text, (HPDF_UINT)strlen(it->text));
		form_printf(s, "BT /%s %.3f Tf %.4f %.4f %.4f rg 1 0 0 1 %.3f %.3f Tm <", fname,
			    it->size, ((it->color >> 16) & 255) / 255.0,
			    ((it->color >> 8) & 255) / 255.0, (it->color & 255) / 255.0, it->x,
			    H - it->y);
		for (const char *t = it->text; *t;) {
			int32_t cp = utf8_next(&t);
			form_printf(s, "%04X", cp <= 0xFFFF ? (unsigned)cp : 0x20u);
		}
		form_printf(s, "> Tj ET\n");
	}
	return form;
}

/* One resource dictionary, filled here with every font and form under
 * fixed names; the pages' own lookups find them there. Fonts and forms are
 * registered in the same order on every page so that their names agree. */
static void share_resources(struct pdf *p, const struct layout *lo, struct pdf_shared *s)
{
	HPDF_Doc doc = p->doc;
	s->res = HPDF_Dict_New(doc->mmgr);
	if (s->res && HPDF_Xref_Add(doc->xref, s->res) != HPDF_OK)
		s->res = NULL;
	if (!s->res)
		return;
	s->res_fonts = HPDF_Dict_New(doc->mmgr);
	s->res_xobjects = HPDF_Dict_New(doc->mmgr);
	HPDF_Dict_Add(s->res, "Font", s->res_fonts);
	HPDF_Dict_Add(s->res, "XObject", s->res_xobjects);
	char name[32];
	for (int f = 0; f < F_NFACES; f++)
		if (p->font_name[f] && pdf_get_font(p, f)) {
			snprintf(name, sizeof name, "F%d", f + 1);
			HPDF_Dict_Add(s->res_fonts, name, pdf_get_font(p, f));
		}
	HPDF_Dict_Add(s->res_xobjects, "X1", s->form);
	for (size_t k = 0; k < s->nfreq; k++) {
		snprintf(name, sizeof name, "X%zu", k + 2);
		HPDF_Dict_Add(s->res_xobjects, name, s->fforms[k]);
	}
	/* The page size once, on the page tree, for every page. */
	HPDF_Box mb = {0, 0, (HPDF_REAL)lo->page_w, (HPDF_REAL)lo->page_h};
	HPDF_Dict_Add(doc->root_pages, "MediaBox", HPDF_Box_Array_New(doc->mmgr, mb));
}

void pdf_share(struct pdf *p, const struct layout *lo, struct pdf_shared *s)
{
	*s = (struct pdf_shared){0};
	s->ncommon = common_items(lo, &s->common);
	if (!s->ncommon)
		return;
	s->nfreq = frequent_items(lo, s->common, s->ncommon, &s->freq);
	s->form = make_form(p, s->common, s->ncommon, lo->page_w, lo->page_h);
	s->fforms = xcalloc(s->nfreq + 1, sizeof *s->fforms);
	for (size_t k = 0; k < s->nfreq; k++)
		s->fforms[k] = make_form(p, &s->freq[k], 1, lo->page_w, lo->page_h);
	share_resources(p, lo, s);
}

void pdf_page_share(const struct pdf_shared *s, HPDF_Page page, const struct page *pg)
{
	if (s->res) {
		HPDF_Dict_Add(page, "Resources", s->res);
		HPDF_PageAttr pa = page->attr;
		pa->fonts = s->res_fonts;
		pa->xobjects = s->res_xobjects;
		HPDF_Dict_RemoveElement(page, "MediaBox");
	}
	if (s->form)
		HPDF_Page_ExecuteXObject(page, s->form);
	for (size_t i = 0; i < pg->items.n && s->nfreq; i++)
		for (size_t k = 0; k < s->nfreq; k++)
			if (same_item(&pg->items.v[i], s->freq[k]))
				HPDF_Page_ExecuteXObject(page, s->fforms[k]);
}

bool pdf_form_draws(const struct pdf_shared *s, const struct fitem *it)
{
	if (s->form && is_common(it, s->common, s->ncommon))
		return true;
	return it->kind == FI_TEXT && s->nfreq && is_common(it, s->freq, s->nfreq);
}

void pdf_shared_free(struct pdf_shared *s)
{
	free(s->common);
	free(s->freq);
	free(s->fforms);
}
