/* pdf_haru.c - libharu 2.3.0 backend.
 *
 * Workarounds (see docs/ and the library notes): text is UTF-8 through
 * Type0/Identity-H fonts; words are placed one by one because Tw does not
 * apply to two-byte codes; libharu's ToUnicode CMap is invalid (it uses
 * begincidrange), so each font gets a correct bfrange map; lines are drawn
 * outside BT/ET; no clock-dependent field is written. libharu 2.3.0 loads
 * TrueType fonts only from files, so each subset is handed over through an
 * anonymous in-memory file (memfd). */
#define _GNU_SOURCE /* memfd_create */
#include "pdf.h"
#include "style.h"

#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>

struct loaded_image {
	const char *path;
	HPDF_Image img;
};

struct pdf {
	HPDF_Doc doc;
	HPDF_STATUS error;
	const char *font_name[F_NFACES];
	HPDF_Font font[F_NFACES];
	int32_t max_cp[F_NFACES];
	VEC(struct loaded_image) images;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	(void)detail;
	if (!p->error)
		p->error = error;
}

/* Loads a font program from memory through a memfd path. */
static const char *load_font(struct pdf *p, const struct pdf_font *f)
{
	int fd = memfd_create("vanban-font", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	const char *name = NULL;
	if (write(fd, f->data, f->len) == (ssize_t)f->len) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
	}
	close(fd); /* libharu keeps its own handle on the file */
	return p->error ? NULL : name;
}

/* A ToUnicode CMap with bfrange sections (CID = Unicode code point for
 * libharu's UTF-8 encoder), replacing libharu's invalid cidrange map. */
static void fix_tounicode(struct pdf *p, HPDF_Font font)
{
	HPDF_Dict cm = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (!cm)
		return;
	cm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Stream s = cm->stream;
	HPDF_Stream_WriteStr(s,
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	char line[64];
	for (int sec = 0; sec < 256; sec += 100) {
		int n = 256 - sec < 100 ? 256 - sec : 100;
		/* Surrogates (D800-DFFF) are not characters. */
		int skip = 0;
		for (int h = sec; h < sec + n; h++)
			if (h >= 0xD8 && h <= 0xDF)
				skip++;
		snprintf(line, sizeof line, "%d beginbfrange\n", n - skip);
		HPDF_Stream_WriteStr(s, line);
		for (int h = sec; h < sec + n; h++) {
			if (h >= 0xD8 && h <= 0xDF)
				continue;
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", h, h, h);
			HPDF_Stream_WriteStr(s, line);
		}
		HPDF_Stream_WriteStr(s, "endbfrange\n");
	}
	HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
			     "end\nend\n");
	HPDF_Dict_Add(font, "ToUnicode", cm);
}

/* libharu maps all 65,536 codes to glyphs (128 KB per font before
 * compression); a document's text stops far lower (Vietnamese letters end at
 * U+1EF9), so the map is cut after the last code drawn. Codes past its end
 * map to glyph 0, which no text uses. */
static void trim_cid_map(struct pdf *p, HPDF_Font font, int32_t max_cp)
{
	HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
	HPDF_Dict cid = desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
	HPDF_Dict map = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	if (!map || !map->stream || max_cp < 0 || max_cp > 0xFFFE)
		return;
	HPDF_UINT n = (HPDF_UINT)(max_cp + 1) * 2;
	HPDF_BYTE *buf = xmalloc(n);
	if (HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET) == HPDF_OK &&
	    HPDF_Stream_Read(map->stream, buf, &n) == HPDF_OK) {
		HPDF_MemStream_FreeData(map->stream);
		HPDF_Stream_Write(map->stream, buf, n);
	}
	p->error = 0;
	free(buf);
}

static void set_stroke(HPDF_Page page, uint32_t color)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)((color >> 16) & 255) / 255,
			       (HPDF_REAL)((color >> 8) & 255) / 255, (HPDF_REAL)(color & 255) / 255);
}

/* An 8-bit PNG fitted into the item's box, proportions kept, centred. Each
 * file is loaded once per document. */
static void draw_image(struct pdf *p, HPDF_Page page, const struct fitem *it, double H,
		       struct diag *d)
{
	HPDF_Image img = NULL;
	for (size_t i = 0; i < p->images.n; i++)
		if (!strcmp(p->images.v[i].path, it->text))
			img = p->images.v[i].img;
	if (!img) {
		p->error = 0;
		img = HPDF_LoadPngImageFromFile(p->doc, it->text);
		if (!img || p->error) {
			diag_error(d, pos_none(), "cannot use the image '%s' (libharu error 0x%04X; "
				   "an 8-bit PNG is needed)", it->text, (unsigned)p->error);
			return;
		}
		/* libharu 2.3.0 leaves the alpha channel uncompressed. */
		HPDF_Dict sm = (HPDF_Dict)HPDF_Dict_GetItem(img, "SMask", HPDF_OCLASS_DICT);
		if (sm)
			sm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		struct loaded_image li = {it->text, img};
		vec_push(&p->images, li);
	}
	double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
	double bw = it->x2 - it->x, bh = it->y2 - it->y;
	if (iw <= 0 || ih <= 0 || bw <= 0 || bh <= 0)
		return;
	double w = bw, h = bw * ih / iw;
	if (h > bh) {
		h = bh;
		w = bh * iw / ih;
	}
	double x = it->x + (bw - w) / 2, y = it->y + (bh - h) / 2;
	HPDF_Page_DrawImage(page, img, (HPDF_REAL)x, (HPDF_REAL)(H - y - h), (HPDF_REAL)w,
			    (HPDF_REAL)h);
}

static HPDF_Font get_font(struct pdf *p, int face)
{
	if (!p->font[face]) {
		p->font[face] = HPDF_GetFont(p->doc, p->font_name[face], "UTF-8");
		if (p->font[face]) {
			fix_tounicode(p, p->font[face]);
			trim_cid_map(p, p->font[face], p->max_cp[face]);
		}
	}
	return p->font[face];
}

static bool render(struct pdf *p, const struct layout *lo, const struct pdf_info *info,
		   char **out, size_t *len, struct diag *d)
{
	HPDF_Doc doc = p->doc;
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
	}
	for (size_t pi = 0; pi < lo->pages.n; pi++) {
		const struct page *pg = &lo->pages.v[pi];
		HPDF_Page page = HPDF_AddPage(doc);
		if (!page)
			break;
		HPDF_Page_SetWidth(page, (HPDF_REAL)lo->page_w);
		HPDF_Page_SetHeight(page, (HPDF_REAL)lo->page_h);
		double H = lo->page_h;
		/* Images first (a seal lies under the signer's name), then lines
		 * and boxes, then the text. */
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind == FI_IMAGE)
				draw_image(p, page, it, H, d);
		}
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_RULE && it->kind != FI_RECT)
				continue;
			set_stroke(page, it->color);
			HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->width);
			if (it->kind == FI_RULE) {
				HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y));
				HPDF_Page_LineTo(page, (HPDF_REAL)it->x2, (HPDF_REAL)(H - it->y2));
			} else {
				HPDF_Page_Rectangle(page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y2),
						    (HPDF_REAL)(it->x2 - it->x),
						    (HPDF_REAL)(it->y2 - it->y));
			}
			HPDF_Page_Stroke(page);
		}
		set_stroke(page, 0);
		HPDF_Page_BeginText(page);
		int cur_face = -1;
		double cur_size = 0;
		uint32_t cur_color = 0;
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_TEXT || !it->text[0])
				continue;
			if (it->face != cur_face || it->size != cur_size) {
				HPDF_Page_SetFontAndSize(page, get_font(p, it->face), (HPDF_REAL)it->size);
				cur_face = it->face;
				cur_size = it->size;
			}
			if (it->color != cur_color) {
				HPDF_Page_SetRGBFill(page, (HPDF_REAL)((it->color >> 16) & 255) / 255,
						     (HPDF_REAL)((it->color >> 8) & 255) / 255,
						     (HPDF_REAL)(it->color & 255) / 255);
				cur_color = it->color;
			}
			HPDF_Page_TextOut(page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y), it->text);
		}
		HPDF_Page_EndText(page);
	}
	if (p->error) {
		diag_error(d, pos_none(), "PDF library error 0x%04X while drawing", (unsigned)p->error);
		return false;
	}
	if (HPDF_SaveToStream(doc) != HPDF_OK || p->error) {
		diag_error(d, pos_none(), "PDF library error 0x%04X while saving", (unsigned)p->error);
		return false;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(doc);
	char *buf = xmalloc(size ? size : 1);
	HPDF_UINT32 got = size;
	HPDF_ResetStream(doc);
	HPDF_ReadFromStream(doc, (HPDF_BYTE *)buf, &got);
	*out = buf;
	*len = got;
	return true;
}

bool pdf_write(const struct layout *lo, const struct pdf_info *info,
	       const struct pdf_font fonts[4], char **out, size_t *len, struct diag *d)
{
	struct pdf p = {0};
	p.doc = HPDF_New(on_error, &p);
	if (!p.doc) {
		diag_error(d, pos_none(), "cannot start the PDF library");
		return false;
	}
	HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	bool ok = true;
	for (int f = 0; f < F_NFACES && ok; f++) {
		if (!fonts[f].data)
			continue;
		p.font_name[f] = load_font(&p, &fonts[f]);
		p.max_cp[f] = fonts[f].max_cp;
		if (!p.font_name[f]) {
			diag_error(d, pos_none(), "the PDF library rejected a font subset "
				   "(error 0x%04X)", (unsigned)p.error);
			ok = false;
		}
	}
	if (ok)
		ok = render(&p, lo, info, out, len, d);
	HPDF_Free(p.doc);
	vec_free(&p.images);
	return ok;
}
