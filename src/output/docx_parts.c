/* docx_parts.c - the fixed parts of a .docx package around its document:
 * content types, relationships, the named styles (one per element of the
 * decree's layout, with the house style's sizes), settings and the
 * metadata (core.xml, from the fields of the PDF's XMP). */
#include "docx_int.h"
#include "base/base.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

long dx_tw(double pt)
{
	return lround(pt * 20);
}

void docx_content_types(struct buf *b, const struct docx *x)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
		 "<Default Extension=\"rels\" ContentType=\"application/"
		 "vnd.openxmlformats-package.relationships+xml\"/>"
		 "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
		 "<Default Extension=\"png\" ContentType=\"image/png\"/>"
		 "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
		 "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
		 "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
		 "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>");
	for (int i = 0; i < x->nheaders; i++)
		buf_printf(b, "<Override PartName=\"/word/header%d.xml\" ContentType=\"application/"
			   "vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>", i + 1);
	for (int i = 0; i < x->nfooters; i++)
		buf_printf(b, "<Override PartName=\"/word/footer%d.xml\" ContentType=\"application/"
			   "vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>", i + 1);
	buf_puts(b, "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-package.core-properties+xml\"/>"
		 "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/"
		 "vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
		 "</Types>");
}

void docx_root_rels(struct buf *b)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
		 "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
		 "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
		 "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
		 "2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>"
		 "</Relationships>");
}

/* rId1 styles, rId2 settings, then headers, footers and images, each
 * numbered in the order it was made. */
void docx_doc_rels(struct buf *b, const struct docx *x)
{
	const char *rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
	buf_printf(b, "<Relationship Id=\"rId1\" Type=\"%sstyles\" Target=\"styles.xml\"/>", rt);
	buf_printf(b, "<Relationship Id=\"rId2\" Type=\"%ssettings\" Target=\"settings.xml\"/>", rt);
	for (int i = 0; i < x->nheaders; i++)
		buf_printf(b, "<Relationship Id=\"rIdH%d\" Type=\"%sheader\" Target=\"header%d.xml\"/>",
			   i + 1, rt, i + 1);
	for (int i = 0; i < x->nfooters; i++)
		buf_printf(b, "<Relationship Id=\"rIdF%d\" Type=\"%sfooter\" Target=\"footer%d.xml\"/>",
			   i + 1, rt, i + 1);
	for (size_t i = 0; i < x->media.n; i++)
		buf_printf(b, "<Relationship Id=\"rIdM%zu\" Type=\"%simage\" "
			   "Target=\"media/image%zu.%s\"/>", i + 1, rt, i + 1, x->media.v[i].ext);
	buf_puts(b, "</Relationships>");
}

void docx_settings(struct buf *b)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<w:settings xmlns:w=\"" W_NS "\">"
		 "<w:defaultTabStop w:val=\"720\"/>"
		 "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
		 "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
		 "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
		 "</w:settings>");
}

/* One paragraph style: its name, size, faces, alignment and spacing (pt;
 * line the exact pitch, 0 for single). */
struct pstyle {
	const char *id, *name;
	double size;
	bool bold, italic;
	const char *jc;
	double before, line, first;
	bool keep_next;
};

static void put_style(struct buf *b, const struct pstyle *p)
{
	buf_printf(b, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\">"
		   "<w:name w:val=\"%s\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>",
		   p->id, p->name);
	if (p->keep_next)
		buf_puts(b, "<w:keepNext/>");
	buf_printf(b, "<w:spacing w:before=\"%ld\" w:after=\"0\"", dx_tw(p->before));
	if (p->line > 0)
		buf_printf(b, " w:line=\"%ld\" w:lineRule=\"exact\"", dx_tw(p->line));
	buf_puts(b, "/>");
	if (p->first > 0)
		buf_printf(b, "<w:ind w:firstLine=\"%ld\"/>", dx_tw(p->first));
	buf_printf(b, "<w:jc w:val=\"%s\"/></w:pPr><w:rPr>", p->jc);
	if (p->bold)
		buf_puts(b, "<w:b/><w:bCs/>");
	if (p->italic)
		buf_puts(b, "<w:i/><w:iCs/>");
	buf_printf(b, "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/></w:rPr></w:style>",
		   lround(p->size * 2), lround(p->size * 2));
}

static const char *jc_of(int align)
{
	static const char *const jc[] = {"both", "left", "center", "right"};
	return jc[align >= 0 && align <= 3 ? align : 0];
}

void docx_styles(struct buf *b, const struct style *st, const char *font)
{
	double hp = st->header_pitch;
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		   "<w:styles xmlns:w=\"" W_NS "\"><w:docDefaults><w:rPrDefault><w:rPr>"
		   "<w:rFonts w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\"/>"
		   "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/><w:lang w:val=\"vi-VN\"/>"
		   "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" "
		   "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
		   "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
		   "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
		   "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		   "<w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
		   "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"0\" w:type=\"dxa\"/>"
		   "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/>"
		   "</w:tblCellMar></w:tblPr></w:style>",
		   font, font, font, font, lround(st->sz_body * 2), lround(st->sz_body * 2));
	double body_pitch = st->sz_body * st->line_pitch;
	const struct pstyle ps[] = {
		{"VanbanNational", "Vanban National Title", st->sz_national, true, false, "center",
		 0, st->sz_national * hp, 0, false},
		{"VanbanMotto", "Vanban Motto", st->sz_motto, true, false, "center", 0,
		 st->sz_motto * hp, 0, false},
		{"VanbanParent", "Vanban Parent Body", st->sz_parent, false, false, "center", 0,
		 st->sz_parent * hp, 0, false},
		{"VanbanIssuer", "Vanban Issuer", st->sz_issuer, true, false, "center", 0,
		 st->sz_issuer * hp, 0, false},
		{"VanbanNumber", "Vanban Number", st->sz_number, false, false, "center", 0,
		 st->sz_number * hp, 0, false},
		{"VanbanDate", "Vanban Date", st->sz_date, false, true, "center", 0,
		 st->sz_date * hp, 0, false},
		{"VanbanVv", "Vanban Subject Line", st->sz_vv, false, st->vv_italic, "center", 0,
		 st->sz_vv * hp, 0, false},
		{"VanbanStamp", "Vanban Stamp", st->sz_stamp, true, false, "center", 0,
		 st->sz_stamp * 1.6, 0, false},
		{"VanbanTitle", "Vanban Title", st->sz_title, true, false, "center", 0,
		 st->sz_title * hp, 0, true},
		{"VanbanSubject", "Vanban Subject", st->sz_subject, true, false, "center", 0,
		 st->sz_subject * hp, 0, true},
		{"VanbanTo", "Vanban To", st->sz_to, false, false, "left", 0,
		 st->sz_to * st->line_pitch, 0, false},
		{"VanbanBody", "Vanban Body", st->sz_body, false, false, "both", st->para_space,
		 body_pitch, st->indent, false},
		{"VanbanBasis", "Vanban Basis", st->sz_body, false, true, "both", st->para_space,
		 body_pitch, st->indent, false},
		{"VanbanDecide", "Vanban Decide", st->sz_body, true, false, "center",
		 st->para_space, body_pitch, 0, true},
		{"VanbanListItem", "Vanban List Item", st->sz_body, false, false, "both",
		 st->para_space, body_pitch, st->indent, false},
		{"VanbanTable", "Vanban Table Text", st->sz_table, false, false, "left", 0,
		 st->sz_table * hp, 0, false},
		{"VanbanAppendixLabel", "Vanban Appendix Label", st->sz_appendix_label, true, false,
		 "center", 0, st->sz_title * hp, 0, true},
		{"VanbanAppendixTitle", "Vanban Appendix Title", st->sz_title, true, false, "center",
		 0, st->sz_title * hp, 0, true},
		{"VanbanAppendixNote", "Vanban Appendix Note", st->sz_body, false, true, "center", 0,
		 st->sz_body * hp, 0, true},
		{"VanbanRecipientsLabel", "Vanban Recipients Label", st->sz_recipients_label, true,
		 true, "left", 0, st->sz_recipients * hp, 0, true},
		{"VanbanRecipients", "Vanban Recipients", st->sz_recipients, false, false, "left",
		 0, st->sz_recipients * hp, 0, true},
		{"VanbanSignature", "Vanban Signature", st->sz_signature, true, false, "center", 0,
		 st->sz_signature * hp, 0, true},
		{"VanbanSigner", "Vanban Signer", st->sz_signature, true, false, "center", 0,
		 st->sz_signature * hp, 0, false},
		{"VanbanPageNumber", "Vanban Page Number", st->sz_page_number, false, false,
		 "center", 0, 0, 0, false},
		{"VanbanFooter", "Vanban Footer", st->sz_footer, false, false, "left", 0,
		 st->sz_footer * hp, 0, false},
		{"VanbanRule", "Vanban Rule", 1, false, false, "left", 0, 0, 0, false},
		{"VanbanCertificate", "Vanban Certificate", st->sz_body, false, false, "left", 0, 0,
		 0, false},
	};
	for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
		put_style(b, &ps[i]);
	for (int h = 0; h < MAX_HEADINGS; h++) {
		const struct heading_style *hs = &st->heading[h];
		char id[32], name[32];
		snprintf(id, sizeof id, "VanbanHeading%d", h + 1);
		snprintf(name, sizeof name, "Vanban Heading %d", h + 1);
		struct pstyle p = {id, name, st->sz_body, hs->bold, hs->italic, jc_of(hs->align),
				   st->para_space, body_pitch, hs->indent ? st->indent : 0, true};
		put_style(b, &p);
	}
	buf_puts(b, "</w:styles>");
}

/* The metadata: title, subject and author as in the PDF's Info and XMP;
 * the number and the type as keywords and category; the document's date
 * as its creation date (never the clock). */
void docx_core(struct buf *b, const struct pdf_info *in)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
		 "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		 "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	const char *tags[][2] = {{"dc:title", in->title},     {"dc:subject", in->subject},
				 {"dc:creator", in->author},  {"cp:keywords", in->notation},
				 {"cp:category", in->type_name}};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		if (!tags[i][1])
			continue;
		buf_printf(b, "<%s>", tags[i][0]);
		xml_escape(b, tags[i][1]);
		buf_printf(b, "</%s>", tags[i][0]);
	}
	if (in->year) {
		char when[32];
		snprintf(when, sizeof when, "%04d-%02d-%02dT00:00:00Z", in->year,
			 in->month ? in->month : 1, in->day ? in->day : 1);
		buf_printf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
			   "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>",
			   when, when);
	}
	buf_puts(b, "</cp:coreProperties>");
}

void docx_app(struct buf *b)
{
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		 "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
		 "extended-properties\"><Application>vanban</Application></Properties>");
}

/* A header or footer part holding paragraphs p (already XML). */
void docx_hdrftr(struct buf *b, const char *tag, const char *p)
{
	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		   "<w:%s xmlns:w=\"" W_NS "\" xmlns:r=\"" R_NS "\">%s</w:%s>", tag, p, tag);
}
