/* xmp.c - XMP metadata: Dublin Core, XMP basic, Adobe PDF, PDF/A
 * identification, and an extension schema (declared as PDF/A-1 requires)
 * for the metadata of outgoing documents of NĐ 30/2020, Phụ lục VI.
 * Every value is XML-escaped; the dates are the document's, never the
 * clock's, so the same input gives the same bytes. */
#include "output.h"

#include <string.h>

void xml_escape(struct buf *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&apos;"); break;
		case '\n': buf_puts(out, " "); break;
		default: buf_putc(out, *s);
		}
	}
}

static void prop(struct buf *b, const char *name, const char *value)
{
	if (!value || !*value)
		return;
	buf_printf(b, "   <%s>", name);
	xml_escape(b, value);
	buf_printf(b, "</%s>\n", name);
}

struct field {
	const char *name, *desc;
};

/* Phụ lục VI of NĐ 30/2020: metadata of an outgoing document. */
static const struct field fields[] = {
	{"TypeName", "Tên loại văn bản"},
	{"CodeNumber", "Số của văn bản"},
	{"CodeNotation", "Ký hiệu của văn bản"},
	{"IssuedDate", "Ngày, tháng, năm văn bản"},
	{"OrganName", "Tên cơ quan, tổ chức ban hành văn bản"},
	{"Subject", "Trích yếu nội dung"},
	{"SignerPosition", "Chức vụ của người ký"},
	{"SignerName", "Họ tên của người ký"},
	{"To", "Nơi nhận"},
	{"PageAmount", "Số trang của văn bản"},
	{"Priority", "Độ khẩn"},
	{"IssuedAmount", "Số lượng bản phát hành"},
};

void xmp_packet(struct buf *b, const struct pdf_info *in, size_t pages)
{
	char date[40] = "";
	if (in->year)
		snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00+07:00", in->year,
			 in->month ? in->month : 1, in->day ? in->day : 1);
	char issued[16] = "";
	if (in->year)
		snprintf(issued, sizeof issued, "%04d-%02d-%02d", in->year, in->month ? in->month : 1,
			 in->day ? in->day : 1);
	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
	/* The extension schema: PDF/A-1 requires every schema outside the
	 * standard ones to be described in the file itself. */
	buf_puts(b, "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
		    "   <pdfaExtension:schemas>\n    <rdf:Bag>\n     <rdf:li rdf:parseType=\"Resource\">\n"
		    "      <pdfaSchema:schema>Metadata of outgoing documents (NĐ 30/2020, Phụ lục VI)"
		    "</pdfaSchema:schema>\n"
		    "      <pdfaSchema:namespaceURI>" VB_XMP_NS "</pdfaSchema:namespaceURI>\n"
		    "      <pdfaSchema:prefix>vb</pdfaSchema:prefix>\n"
		    "      <pdfaSchema:property>\n       <rdf:Seq>\n");
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		buf_printf(b, "        <rdf:li rdf:parseType=\"Resource\">\n"
			      "         <pdfaProperty:name>%s</pdfaProperty:name>\n"
			      "         <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
			      "         <pdfaProperty:category>external</pdfaProperty:category>\n"
			      "         <pdfaProperty:description>%s</pdfaProperty:description>\n"
			      "        </rdf:li>\n", fields[i].name, fields[i].desc);
	buf_puts(b, "       </rdf:Seq>\n      </pdfaSchema:property>\n     </rdf:li>\n"
		    "    </rdf:Bag>\n   </pdfaExtension:schemas>\n  </rdf:Description>\n");

	buf_puts(b, "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		    "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
		    "    xmlns:vb=\"" VB_XMP_NS "\">\n");
	if (in->title) {
		buf_puts(b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escape(b, in->title);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (in->author) {
		buf_puts(b, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_escape(b, in->author);
		buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (in->subject) {
		buf_puts(b, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escape(b, in->subject);
		buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	buf_puts(b, "   <dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>\n");
	prop(b, "xmp:CreateDate", date);
	prop(b, "xmp:ModifyDate", date);
	prop(b, "xmp:MetadataDate", date);
	prop(b, "xmp:CreatorTool", "vanban");
	prop(b, "pdf:Producer", "vanban");
	if (in->pdfa) {
		prop(b, "pdfaid:part", "1");
		prop(b, "pdfaid:conformance", "B");
	}
	char n[32];
	prop(b, "vb:TypeName", in->type_name);
	prop(b, "vb:CodeNumber", in->number);
	prop(b, "vb:CodeNotation", in->notation);
	prop(b, "vb:IssuedDate", issued);
	prop(b, "vb:OrganName", in->organ);
	prop(b, "vb:Subject", in->subject);
	prop(b, "vb:SignerPosition", in->signer_title);
	prop(b, "vb:SignerName", in->signer_name);
	prop(b, "vb:To", in->recipients);
	snprintf(n, sizeof n, "%zu", pages);
	prop(b, "vb:PageAmount", n);
	prop(b, "vb:Priority", in->priority);
	if (in->copies) {
		snprintf(n, sizeof n, "%d", in->copies);
		prop(b, "vb:IssuedAmount", n);
	}
	buf_puts(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
	/* Room to edit the packet in place, as XMP writers leave. */
	for (int i = 0; i < 8; i++)
		buf_puts(b, "                                                            \n");
	buf_puts(b, "<?xpacket end=\"w\"?>");
}
