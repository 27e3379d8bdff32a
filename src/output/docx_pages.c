/* docx_pages.c - laid-out pages as a .docx: award certificates, whose
 * design places every text on the sheet. Each line is a paragraph in a
 * frame anchored to the page where the PDF draws it (its size, face and
 * colour kept, editable in place), rules are framed paragraphs with a top
 * border, the frames of the sheet are the page's borders, and each page
 * after the first starts with a page break. */
#include "docx_int.h"
#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DESC 0.216
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A paragraph in a frame at (x, top), w x h points, on the page; bdr
 * and tail: more properties, before and after the spacing (Word wants
 * them in the schema's order). */
static void frame(struct buf *b, double x, double top, double w, double h, const char *bdr,
		  const char *tail)
{
	buf_printf(b, "<w:p><w:pPr><w:pStyle w:val=\"VanbanCertificate\"/><w:framePr w:w=\"%ld\" "
		   "w:h=\"%ld\" w:hRule=\"exact\" w:hSpace=\"0\" w:vSpace=\"0\" w:wrap=\"notBeside\" "
		   "w:hAnchor=\"page\" w:vAnchor=\"page\" w:x=\"%ld\" w:y=\"%ld\"/>%s"
		   "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"%ld\" w:lineRule=\"exact\"/>%s"
		   "</w:pPr>", dx_tw(w), dx_tw(h), dx_tw(x), dx_tw(top), bdr ? bdr : "", dx_tw(h),
		   tail ? tail : "");
}

static void text_item(struct buf *b, const struct fitem *it, const struct metrics *m)
{
	double h = it->size * 1.2;
	double w = text_width(m, it->face, it->size, it->text, strlen(it->text)) + 2;
	frame(b, it->x - 1, it->y - h + DESC * it->size, w, h, NULL, "<w:jc w:val=\"center\"/>");
	buf_puts(b, "<w:r><w:rPr>");
	if (it->face & RUN_BOLD)
		buf_puts(b, "<w:b/><w:bCs/>");
	if (it->face & RUN_ITALIC)
		buf_puts(b, "<w:i/><w:iCs/>");
	if (it->color)
		buf_printf(b, "<w:color w:val=\"%06X\"/>", (unsigned)it->color);
	buf_printf(b, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr>"
		   "<w:t xml:space=\"preserve\">", lround(it->size * 2), lround(it->size * 2));
	xml_escape(b, it->text);
	buf_puts(b, "</w:t></w:r></w:p>");
}

static void rule_item(struct buf *b, const struct fitem *it)
{
	struct buf p = {0};
	long sz = lround(fmax(it->width, 0.25) * 8);
	buf_printf(&p, "<w:pBdr><w:top w:val=\"single\" w:sz=\"%ld\" w:space=\"0\" "
		   "w:color=\"%06X\"/></w:pBdr>", sz, (unsigned)it->color);
	frame(b, fmin(it->x, it->x2), it->y, fabs(it->x2 - it->x), 1, p.data,
	      "<w:rPr><w:sz w:val=\"2\"/></w:rPr>");
	buf_puts(b, "</w:p>");
	buf_free(&p);
}

/* The sheet's outer frame (the first rectangle of page 1) as page borders. */
static void page_borders(struct buf *b, const struct layout *lo)
{
	if (!lo->pages.n)
		return;
	const struct page *pg = &lo->pages.v[0];
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		if (it->kind != FI_RECT)
			continue;
		long sz = lround(fmin(fmax(it->width, 0.25), 6) * 8);
		long space = lround(fmin(it->x, 31));
		buf_puts(b, "<w:pgBorders w:offsetFrom=\"page\">");
		static const char *const edge[] = {"top", "left", "bottom", "right"};
		for (int e = 0; e < 4; e++)
			buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"%ld\" w:space=\"%ld\" "
				   "w:color=\"%06X\"/>", edge[e], sz, space, (unsigned)it->color);
		buf_puts(b, "</w:pgBorders>");
		return;
	}
}

bool docx_pages(const struct layout *lo, const struct style *st, const struct metrics *m,
		const struct pdf_info *info, char **out, size_t *len)
{
	struct docx x = {0};
	struct buf body = {0};
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		if (p)
			buf_puts(&body, "<w:p><w:pPr><w:pStyle w:val=\"VanbanCertificate\"/></w:pPr>"
				 "<w:r><w:br w:type=\"page\"/></w:r></w:p>");
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind == FI_TEXT && it->text && it->text[0])
				text_item(&body, it, m);
			else if (it->kind == FI_RULE && fabs(it->y2 - it->y) < 0.01)
				rule_item(&body, it);
		}
		/* The page's own paragraph, for the frames to stand by. */
		buf_puts(&body, "<w:p><w:pPr><w:pStyle w:val=\"VanbanCertificate\"/></w:pPr></w:p>");
	}
	buf_printf(&body, "<w:sectPr><w:pgSz w:w=\"%ld\" w:h=\"%ld\"%s/>"
		   "<w:pgMar w:top=\"567\" w:right=\"567\" w:bottom=\"567\" w:left=\"567\" "
		   "w:header=\"0\" w:footer=\"0\" w:gutter=\"0\"/>",
		   dx_tw(lo->page_w), dx_tw(lo->page_h),
		   lo->page_w > lo->page_h ? " w:orient=\"landscape\"" : "");
	page_borders(&body, lo);
	buf_puts(&body, "</w:sectPr>");

	struct zip *z = zip_new();
	struct buf part = {0};
#define PART(name, fill) (part.len = 0, fill, zip_add(z, name, part.data, part.len))
	PART("[Content_Types].xml", docx_content_types(&part, &x));
	PART("_rels/.rels", docx_root_rels(&part));
	PART("docProps/core.xml", docx_core(&part, info));
	PART("docProps/app.xml", docx_app(&part));
	part.len = 0;
	buf_puts(&part, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<w:document xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\"><w:body>");
	buf_add(&part, body.data, body.len);
	buf_puts(&part, "</w:body></w:document>");
	zip_add(z, "word/document.xml", part.data, part.len);
	PART("word/styles.xml", docx_styles(&part, st, "Times New Roman"));
	PART("word/settings.xml", docx_settings(&part));
	PART("word/_rels/document.xml.rels", docx_doc_rels(&part, &x));
#undef PART
	buf_free(&part);
	buf_free(&body);
	*out = zip_finish(z, len);
	return true;
}
