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
#include "output.h"
#include "input/input.h"
#include "base/base.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdarg.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

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
	const struct pdf_font *src[F_NFACES];
	bool pdfa;
	HPDF_Dict_BeforeWriteFunc font_before_write; /* libharu's, wrapped */
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

/* libharu takes at most 64 KiB in one string: longer text (a word of a
 * megabyte) goes out in pieces, cut between characters. */
static void text_out(HPDF_Page page, double x, double y, const char *s)
{
	enum { PIECE = 16384 };
	size_t n = strlen(s);
	if (n <= PIECE) {
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, s);
		return;
	}
	char *buf = xmalloc(PIECE + 4);
	for (size_t i = 0; i < n;) {
		size_t k = n - i < PIECE ? n - i : PIECE;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		memcpy(buf, s + i, k);
		buf[k] = 0;
		HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, buf);
		x += HPDF_Page_TextWidth(page, buf);
		i += k;
	}
	free(buf);
}

static void set_stroke(HPDF_Page page, uint32_t color)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)((color >> 16) & 255) / 255,
			       (HPDF_REAL)((color >> 8) & 255) / 255, (HPDF_REAL)(color & 255) / 255);
}

/* PDF/A-1 has no soft masks: the image's transparent pixels are given a
 * colour no opaque pixel has, and that colour is masked out (a colour-key
 * mask, which PDF/A-1 allows). Half-transparent pixels become opaque. */
static HPDF_Image archival_image(struct pdf *p, const char *path, struct diag *d)
{
	unsigned w, h;
	char why[256];
	unsigned char *px = png_rgba(path, &w, &h, why, sizeof why);
	if (!px) {
		diag_error(d, pos_none(), "cannot read the image '%s': %s", path, why);
		return NULL;
	}
	size_t n = (size_t)w * h;
	unsigned char *rgb = xmalloc(n * 3 + 1);
	static const unsigned char keys[][3] = {{255, 0, 255}, {1, 254, 2}, {0, 255, 254},
						{254, 1, 253}, {3, 2, 251}};
	int key = -1;
	for (int k = 0; k < 5 && key < 0; k++) {
		bool used = false;
		for (size_t i = 0; i < n && !used; i++)
			used = px[4 * i + 3] >= 128 && !memcmp(px + 4 * i, keys[k], 3);
		if (!used)
			key = k;
	}
	if (key < 0)
		key = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *c = px[4 * i + 3] >= 128 ? px + 4 * i : keys[key];
		memcpy(rgb + 3 * i, c, 3);
	}
	free(px);
	p->error = 0;
	HPDF_Image img = HPDF_LoadRawImageFromMem(p->doc, rgb, w, h, HPDF_CS_DEVICE_RGB, 8);
	free(rgb);
	if (!img || p->error) {
		diag_error(d, pos_none(), "cannot use the image '%s' (libharu error 0x%04X)", path,
			   (unsigned)p->error);
		return NULL;
	}
	HPDF_Image_SetColorMask(img, keys[key][0], keys[key][0], keys[key][1], keys[key][1],
				keys[key][2], keys[key][2]);
	return img;
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
	if (!img && p->pdfa) {
		img = archival_image(p, it->text, d);
		if (!img)
			return;
		struct loaded_image li = {it->text, img};
		vec_push(&p->images, li);
	}
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

/* PDF/A-1 asks every font descriptor for /CapHeight, and a subset CID
 * font for /CIDSet: a bit per CID the font program has (here: the code
 * points drawn, and 0 for .notdef). libharu makes the descriptor only while
 * saving, so its hook is wrapped: the additions follow right after it. */
static void archival_font(struct pdf *p, HPDF_Dict fd, const struct pdf_font *pf)
{
	if (HPDF_Dict_GetItem(fd, "CapHeight", HPDF_OCLASS_NUMBER))
		return;
	HPDF_Dict_AddNumber(fd, "CapHeight", pf->cap_height);
	HPDF_Dict set = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (!set)
		return;
	set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	size_t n = (size_t)pf->max_cp / 8 + 1;
	HPDF_BYTE *bits = xcalloc(n, 1);
	bits[0] |= 0x80;
	for (int32_t cp = 1; cp <= pf->max_cp; cp++)
		if (pf->used[cp])
			bits[cp / 8] |= (HPDF_BYTE)(0x80 >> (cp % 8));
	HPDF_Stream_Write(set->stream, bits, (HPDF_UINT)n);
	free(bits);
	HPDF_Dict_Add(fd, "CIDSet", set);
}

static HPDF_STATUS font_before_write(HPDF_Dict font)
{
	struct pdf *p = font->error->user_data;
	HPDF_STATUS r = p->font_before_write(font);
	if (r != HPDF_OK)
		return r;
	HPDF_FontAttr fa = font->attr;
	for (int f = 0; f < F_NFACES; f++)
		if (p->font[f] == font && fa->fontdef->descriptor)
			archival_font(p, fa->fontdef->descriptor, p->src[f]);
	return HPDF_OK;
}

/* libharu maps every one of the 65,536 codes to a glyph when it makes a
 * font, each by a linear search of the cmap: most of the time of a short
 * document. A document draws a few hundred codes, all known: libharu is
 * shown an empty cmap while it makes the font (every code -> glyph 0), and
 * the map and the widths of the codes drawn are then written here, with
 * the real cmap back in place. */
static void fill_cid_font(struct pdf *p, HPDF_Font font, int face)
{
	const struct pdf_font *pf = p->src[face];
	HPDF_FontDef def = HPDF_Doc_FindFontDef(p->doc, p->font_name[face]);
	HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
	HPDF_Dict cid = desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
	HPDF_Dict map = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
	if (!def || !map || !map->stream || pf->max_cp < 0 || pf->max_cp > 0xFFFE)
		return;
	size_t n = (size_t)pf->max_cp + 1;
	HPDF_BYTE *buf = xcalloc(n, 2);
	/* /W in runs of consecutive codes: [first [w w ...] first [w ...] ...] */
	HPDF_Array w = HPDF_Array_New(p->doc->mmgr), run = NULL;
	for (size_t cp = 0; cp < n; cp++) {
		if (!pf->used[cp]) {
			run = NULL;
			continue;
		}
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
		buf[2 * cp] = (HPDF_BYTE)(gid >> 8);
		buf[2 * cp + 1] = (HPDF_BYTE)gid;
		if (!run) {
			run = HPDF_Array_New(p->doc->mmgr);
			HPDF_Array_AddNumber(w, (HPDF_INT32)cp);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)cp));
	}
	HPDF_MemStream_FreeData(map->stream);
	HPDF_Stream_Write(map->stream, buf, (HPDF_UINT)(2 * n));
	HPDF_Dict_Add(cid, "W", w);
	free(buf);
	p->error = 0;
}

static HPDF_Font get_font(struct pdf *p, int face)
{
	if (!p->font[face]) {
		HPDF_FontDef def = HPDF_Doc_FindFontDef(p->doc, p->font_name[face]);
		HPDF_TTFontDefAttr a = def ? def->attr : NULL;
		HPDF_TTF_CmapRange real;
		static HPDF_UINT16 end[1] = {0xFFFF}, start[1] = {0xFFFF}, offset[1] = {0};
		static HPDF_INT16 delta[1] = {0};
		bool fake = a && a->cmap.format == 4 && p->src[face] && p->src[face]->used;
		if (fake) {
			real = a->cmap;
			a->cmap.seg_count_x2 = 2;
			a->cmap.end_count = end;
			a->cmap.start_count = start;
			a->cmap.id_delta = delta;
			a->cmap.id_range_offset = offset;
		}
		p->font[face] = HPDF_GetFont(p->doc, p->font_name[face], "UTF-8");
		if (fake)
			a->cmap = real;
		if (p->font[face]) {
			fix_tounicode(p, p->font[face]);
			if (fake)
				fill_cid_font(p, p->font[face], face);
			else
				trim_cid_map(p, p->font[face], p->max_cp[face]);
			if (p->pdfa) {
				p->font_before_write = p->font[face]->before_write_fn;
				p->font[face]->before_write_fn = font_before_write;
			}
		}
	}
	return p->font[face];
}

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


/* ---- What every page has in common --------------------------------------
 * A batch of certificates repeats the frame, the national title, the
 * issuer, the heading and the signature on every page. Items found alike
 * on every page are drawn once, in a form XObject, which each page calls:
 * the file shrinks by most of a page's drawing per page. */

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
		HPDF_Font font = get_font(p, it->face);
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
		HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, dt);
	}
	file_metadata(p, info, lo->pages.n);
	/* Batches: the parts every page shares go into forms, and all pages
	 * share one resource dictionary; fonts and forms are registered in the
	 * same order on every page so that their names agree. */
	const struct fitem **common, **freq = NULL;
	size_t ncommon = common_items(lo, &common), nfreq = 0;
	HPDF_Dict form = NULL, shared = NULL, *fforms = NULL;
	HPDF_Dict shared_fonts = NULL, shared_xobjects = NULL;
	if (ncommon) {
		nfreq = frequent_items(lo, common, ncommon, &freq);
		form = make_form(p, common, ncommon, lo->page_w, lo->page_h);
		fforms = xcalloc(nfreq + 1, sizeof *fforms);
		for (size_t k = 0; k < nfreq; k++)
			fforms[k] = make_form(p, &freq[k], 1, lo->page_w, lo->page_h);
		/* One resource dictionary, filled here with every font and form
		 * under fixed names; the pages' own lookups find them there. */
		shared = HPDF_Dict_New(doc->mmgr);
		if (shared && HPDF_Xref_Add(doc->xref, shared) != HPDF_OK)
			shared = NULL;
		if (shared) {
			shared_fonts = HPDF_Dict_New(doc->mmgr);
			shared_xobjects = HPDF_Dict_New(doc->mmgr);
			HPDF_Dict_Add(shared, "Font", shared_fonts);
			HPDF_Dict_Add(shared, "XObject", shared_xobjects);
			char name[32];
			for (int f = 0; f < F_NFACES; f++)
				if (p->font_name[f] && get_font(p, f)) {
					snprintf(name, sizeof name, "F%d", f + 1);
					HPDF_Dict_Add(shared_fonts, name, get_font(p, f));
				}
			HPDF_Dict_Add(shared_xobjects, "X1", form);
			for (size_t k = 0; k < nfreq; k++) {
				snprintf(name, sizeof name, "X%zu", k + 2);
				HPDF_Dict_Add(shared_xobjects, name, fforms[k]);
			}
			/* The page size once, on the page tree, for every page. */
			HPDF_Box mb = {0, 0, (HPDF_REAL)lo->page_w, (HPDF_REAL)lo->page_h};
			HPDF_Dict_Add(doc->root_pages, "MediaBox", HPDF_Box_Array_New(doc->mmgr, mb));
		}
	}
	for (size_t pi = 0; pi < lo->pages.n; pi++) {
		const struct page *pg = &lo->pages.v[pi];
		HPDF_Page page = HPDF_AddPage(doc);
		if (!page)
			break;
		HPDF_Page_SetWidth(page, (HPDF_REAL)lo->page_w);
		HPDF_Page_SetHeight(page, (HPDF_REAL)lo->page_h);
		double H = lo->page_h;
		if (shared) {
			HPDF_Dict_Add(page, "Resources", shared);
			HPDF_PageAttr pa = page->attr;
			pa->fonts = shared_fonts;
			pa->xobjects = shared_xobjects;
			HPDF_Dict_RemoveElement(page, "MediaBox");
		}
		if (form)
			HPDF_Page_ExecuteXObject(page, form);
		for (size_t i = 0; i < pg->items.n && nfreq; i++)
			for (size_t k = 0; k < nfreq; k++)
				if (same_item(&pg->items.v[i], freq[k]))
					HPDF_Page_ExecuteXObject(page, fforms[k]);
		/* Images first (a seal lies under the signer's name), then lines
		 * and boxes, then the text. */
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind == FI_IMAGE)
				draw_image(p, page, it, H, d);
		}
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if ((it->kind != FI_RULE && it->kind != FI_RECT) ||
			    (form && is_common(it, common, ncommon)))
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
			if (it->kind != FI_TEXT || !it->text[0] ||
			    (form && is_common(it, common, ncommon)) ||
			    (nfreq && is_common(it, freq, nfreq)))
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
			text_out(page, it->x, H - it->y, it->text);
		}
		HPDF_Page_EndText(page);
	}
	free(common);
	free(freq);
	free(fforms);
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
	p.pdfa = info->pdfa;
	p.doc = HPDF_New(on_error, &p);
	if (!p.doc) {
		diag_error(d, pos_none(), "cannot start the PDF library");
		return false;
	}
	HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	/* An array holds at most 8191 entries (the library's limit, and
	 * PDF/A's): longer documents get a page tree of 1024 pages a node. */
	if (lo->pages.n > 8191)
		HPDF_SetPagesConfiguration(p.doc, 1024);
	bool ok = true;
	for (int f = 0; f < F_NFACES && ok; f++) {
		if (!fonts[f].data)
			continue;
		p.font_name[f] = load_font(&p, &fonts[f]);
		p.max_cp[f] = fonts[f].max_cp;
		p.src[f] = &fonts[f];
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
