/* pdf_meta.c - what a PDF says about itself: the Info dictionary, the
 * file identifier, the XMP metadata and, for PDF/A-1b, the sRGB output
 * intent. No clock-dependent field is written: the dates are the
 * document's, the identifier comes from the content. */
#include "pdf_int.h"

#include <math.h>
#include <string.h>

struct icc_tag {
	const char *sig;
	size_t off, len;
};

/* An ICC v2 display profile for sRGB (primaries and white point adapted to
 * D50, a 2.2 tone curve), made here so the output intent needs no file. */
static size_t srgb_icc(unsigned char *b)
{
	memset(b, 0, 600);
	size_t o = 128;
	struct icc_tag tags[9];
	int nt = 0;
#define BE32(p, v) ((p)[0] = (unsigned char)((v) >> 24), (p)[1] = (unsigned char)((v) >> 16), \
		    (p)[2] = (unsigned char)((v) >> 8), (p)[3] = (unsigned char)(v))
#define FIX(x) ((uint32_t)(int32_t)lround((x) * 65536.0))
	o += 4 + 9 * 12;
	/* desc */
	const char *name = "sRGB IEC61966-2.1";
	size_t dl = strlen(name) + 1, start = o;
	memcpy(b + o, "desc", 4);
	BE32(b + o + 8, dl);
	memcpy(b + o + 12, name, dl);
	o += 12 + dl + 4 + 4 + 2 + 1 + 67;
	tags[nt++] = (struct icc_tag){"desc", start, o - start};
	o = (o + 3) & ~(size_t)3;
	/* cprt */
	start = o;
	memcpy(b + o, "text", 4);
	memcpy(b + o + 8, "No copyright, use freely", 25);
	o += 8 + 25;
	tags[nt++] = (struct icc_tag){"cprt", start, o - start};
	o = (o + 3) & ~(size_t)3;
	/* wtpt, rXYZ, gXYZ, bXYZ */
	static const struct { const char *sig; double x, y, z; } xyz[] = {
		{"wtpt", 0.9642, 1.0, 0.8249}, {"rXYZ", 0.4361, 0.2225, 0.0139},
		{"gXYZ", 0.3851, 0.7169, 0.0971}, {"bXYZ", 0.1431, 0.0606, 0.7141}};
	for (int i = 0; i < 4; i++) {
		start = o;
		memcpy(b + o, "XYZ ", 4);
		BE32(b + o + 8, FIX(xyz[i].x));
		BE32(b + o + 12, FIX(xyz[i].y));
		BE32(b + o + 16, FIX(xyz[i].z));
		o += 20;
		tags[nt++] = (struct icc_tag){xyz[i].sig, start, 20};
	}
	/* one curve, shared by the three TRC tags */
	start = o;
	memcpy(b + o, "curv", 4);
	BE32(b + o + 8, 1);
	b[o + 12] = 0x02;
	b[o + 13] = 0x33; /* gamma 2.2 as u8Fixed8 */
	o += 14;
	o = (o + 3) & ~(size_t)3;
	tags[nt++] = (struct icc_tag){"rTRC", start, 14};
	tags[nt++] = (struct icc_tag){"gTRC", start, 14};
	tags[nt++] = (struct icc_tag){"bTRC", start, 14};
	/* header */
	BE32(b, o);
	memcpy(b + 4, "none", 4);
	BE32(b + 8, 0x02100000);
	memcpy(b + 12, "mntr", 4);
	memcpy(b + 16, "RGB ", 4);
	memcpy(b + 20, "XYZ ", 4);
	b[24] = 0x07; b[25] = 0xD0; b[27] = 1; b[29] = 1; /* 2000-01-01 */
	memcpy(b + 36, "acsp", 4);
	BE32(b + 68, FIX(0.9642));
	BE32(b + 72, FIX(1.0));
	BE32(b + 76, FIX(0.8249));
	BE32(b + 128, nt);
	for (int i = 0; i < nt; i++) {
		memcpy(b + 132 + 12 * i, tags[i].sig, 4);
		BE32(b + 136 + 12 * i, tags[i].off);
		BE32(b + 140 + 12 * i, tags[i].len);
	}
#undef BE32
#undef FIX
	return o;
}

/* Metadata for every file; for PDF/A also the sRGB output intent. The
 * file identifier comes from the content, not from the clock. */
static void file_metadata(struct pdf *p, const struct pdf_info *info, size_t pages)
{
	HPDF_Doc doc = p->doc;
	HPDF_Array id = HPDF_Array_New(doc->mmgr);
	HPDF_Dict_Add(doc->trailer, "ID", id);
	HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)info->id, 16));
	HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)info->id, 16));
	struct buf x = {0};
	xmp_packet(&x, info, pages);
	HPDF_Dict md = HPDF_DictStream_New(doc->mmgr, doc->xref);
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	md->filter = HPDF_STREAM_FILTER_NONE; /* PDF/A: metadata stays readable */
	HPDF_Stream_Write(md->stream, (HPDF_BYTE *)x.data, (HPDF_UINT)x.len);
	HPDF_Dict_Add(doc->catalog, "Metadata", md);
	buf_free(&x);
	if (!info->pdfa)
		return;
	unsigned char icc[600];
	size_t n = srgb_icc(icc);
	HPDF_Dict prof = HPDF_DictStream_New(doc->mmgr, doc->xref);
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(prof, "N", 3);
	HPDF_Stream_Write(prof->stream, icc, (HPDF_UINT)n);
	HPDF_Dict oi = HPDF_Dict_New(doc->mmgr);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier",
		      HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(doc->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", prof);
	HPDF_Array ois = HPDF_Array_New(doc->mmgr);
	HPDF_Array_Add(ois, oi);
	HPDF_Dict_Add(doc->catalog, "OutputIntents", ois);
}

/* Title, author, subject, the program, and the document's date as the
 * creation and modification dates. */
static void info_dict(HPDF_Doc doc, const struct pdf_info *info)
{
	if (info->title)
		HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, info->title);
	if (info->author)
		HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, info->author);
	if (info->subject)
		HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, info->subject);
	HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "vanban");
	HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, "vanban");
	if (info->year) {
		HPDF_Date dt = {info->year, info->month ? info->month : 1, info->day ? info->day : 1,
				0, 0, 0, '+', 7, 0};
		HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, dt);
		HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, dt);
	}
}

void pdf_metadata(struct pdf *p, const struct pdf_info *info, size_t pages)
{
	info_dict(p->doc, info);
	file_metadata(p, info, pages);
}
