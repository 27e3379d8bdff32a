/* pdf_fonts.c - the fonts of a PDF, and what libharu 2.3.0 needs done to
 * them: text is UTF-8 through Type0/Identity-H fonts; libharu loads
 * TrueType fonts only from files, so each subset is handed over through an
 * anonymous in-memory file (memfd); its ToUnicode CMap is invalid (it uses
 * begincidrange), so the fonts get a correct bfrange map; its glyph map
 * and widths cover every code, so they are made here for the codes drawn;
 * and the font descriptor, with the subset as its program, is written here
 * too, with what PDF/A asks for and libharu does not write. */
#define _GNU_SOURCE /* memfd_create */
#include "pdf_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The subset tag of a font program: six capitals from the digest of its
 * bytes (ISO 32000-1, 9.6.4), so that two different subsets never share
 * a name (tools that merge PDFs by font name would drop glyphs) and the
 * same subset always has the same one. */
static void subset_tag(const struct pdf_font *f, char tag[7])
{
	char hex[65];
	sha256_hex(f->data, f->len, hex);
	for (int i = 0; i < 6; i++) {
		/* two hex digits, 0-255, to a letter */
		unsigned v = (unsigned)strtoul((char[]){hex[2 * i], hex[2 * i + 1], 0}, NULL, 16);
		tag[i] = (char)('A' + v % 26);
	}
	tag[6] = 0;
}

/* Loads a font program from memory through a memfd path, for its metrics
 * and cmap only: libharu's embedding would parse the whole file again while
 * saving and copy it a byte at a time (a third of the time of a short
 * document), and the subset is already what is to be embedded; the font
 * program is written by add_descriptor() instead. */
const char *pdf_load_font(struct pdf *p, const struct pdf_font *f)
{
	int fd = memfd_create("vanban-font", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	const char *name = NULL;
	if (write(fd, f->data, f->len) == (ssize_t)f->len) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_FALSE);
	}
	close(fd);
	if (p->error || !name)
		return NULL;
	char tag[7];
	subset_tag(f, tag);
	p->nfonts++;
	HPDF_FontDef def = HPDF_Doc_FindFontDef(p->doc, name);
	if (def)
		HPDF_TTFontDef_SetTagName(def, tag);
	return p->error ? NULL : name;
}

/* The ToUnicode CMap with bfrange sections (CID = Unicode code point for
 * libharu's UTF-8 encoder), written into the stream libharu made for its
 * invalid cidrange map. It is the same for every face: the first font's
 * serves them all, and the streams of the others are left empty. */
static void set_tounicode(struct pdf *p, HPDF_Font font)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_Dict cm = fa->cmap_stream;
	if (!cm)
		return;
	HPDF_MemStream_FreeData(cm->stream);
	if (p->tounicode) {
		HPDF_Dict_Add(font, "ToUnicode", p->tounicode);
		return;
	}
	p->tounicode = cm;
	struct buf s = {0};
	buf_puts(&s, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int sec = 0; sec < 256; sec += 100) {
		int n = 256 - sec < 100 ? 256 - sec : 100;
		/* Surrogates (D800-DFFF) are not characters. */
		int skip = 0;
		for (int h = sec; h < sec + n; h++)
			if (h >= 0xD8 && h <= 0xDF)
				skip++;
		buf_printf(&s, "%d beginbfrange\n", n - skip);
		for (int h = sec; h < sec + n; h++)
			if (h < 0xD8 || h > 0xDF)
				buf_printf(&s, "<%02X00> <%02XFF> <%02X00>\n", h, h, h);
		buf_puts(&s, "endbfrange\n");
	}
	buf_puts(&s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	pdf_put_deflated(p, cm, s.data, s.len, false);
	buf_free(&s);
}

/* PDF/A-1 asks a subset CID font for /CIDSet: a bit per CID the font
 * program has (here: the code points drawn, and 0 for .notdef). */
static void add_cidset(struct pdf *p, HPDF_Dict fd, const struct pdf_font *pf)
{
	HPDF_Dict set = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (!set)
		return;
	size_t n = (size_t)pf->max_cp / 8 + 1;
	HPDF_BYTE *bits = xcalloc(n, 1);
	bits[0] |= 0x80;
	for (int32_t cp = 1; cp <= pf->max_cp; cp++)
		if (pf->used[cp])
			bits[cp / 8] |= (HPDF_BYTE)(0x80 >> (cp % 8));
	pdf_put_deflated(p, set, bits, n, false);
	free(bits);
	HPDF_Dict_Add(fd, "CIDSet", set);
}

/* The font descriptor, with the subset as its font program. libharu makes
 * one while saving only when it has none: this one is made first. */
static void add_descriptor(struct pdf *p, HPDF_FontDef def, const struct pdf_font *pf)
{
	HPDF_TTFontDefAttr a = def->attr;
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict fd = HPDF_Dict_New(mm);
	if (!fd || HPDF_Xref_Add(p->doc->xref, fd) != HPDF_OK)
		return;
	HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
	HPDF_Dict_AddName(fd, "FontName", a->base_font);
	HPDF_Dict_AddNumber(fd, "Flags", (HPDF_INT32)def->flags);
	HPDF_Dict_Add(fd, "FontBBox", HPDF_Box_Array_New(mm, def->font_bbox));
	HPDF_Dict_AddNumber(fd, "ItalicAngle", def->italic_angle);
	HPDF_Dict_AddNumber(fd, "Ascent", def->ascent);
	HPDF_Dict_AddNumber(fd, "Descent", def->descent);
	HPDF_Dict_AddNumber(fd, "CapHeight", pf->cap_height);
	HPDF_Dict_AddNumber(fd, "XHeight", def->x_height);
	HPDF_Dict_AddNumber(fd, "StemV", def->stemv);
	HPDF_Dict file = HPDF_DictStream_New(mm, p->doc->xref);
	if (!file)
		return;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)pf->len);
	/* Glyph outlines: deflate leaves 60 % of them at any level, and its
	 * fastest level takes half the time of level 6 for 3 % more. */
	pdf_put_deflated(p, file, pf->data, pf->len, true);
	HPDF_Dict_Add(fd, "FontFile2", file);
	if (p->pdfa)
		add_cidset(p, fd, pf);
	def->descriptor = fd;
}

/* The map from codes to glyphs and the widths, for the codes drawn:
 * [first [w w ...] first [w ...] ...], in runs of consecutive codes. */
static void fill_cid_font(struct pdf *p, HPDF_Font font, HPDF_FontDef def,
			  const struct pdf_font *pf)
{
	HPDF_Array desc = HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY);
	HPDF_Dict cid = desc ? HPDF_Array_GetItem(desc, 0, HPDF_OCLASS_DICT) : NULL;
	if (!cid || pf->max_cp < 0)
		return;
	size_t n = (size_t)pf->max_cp + 1;
	HPDF_BYTE *buf = xcalloc(n, 2);
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
	HPDF_Dict_Add(cid, "W", w);
	HPDF_Dict map = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (map) {
		pdf_put_deflated(p, map, buf, 2 * n, false);
		HPDF_Dict_Add(cid, "CIDToGIDMap", map);
	}
	free(buf);
}

/* libharu maps every one of the 65,536 codes to a glyph and a width when
 * it makes a font from a UTF-8 encoder (most of the time of a short
 * document), but only the codes of the encoder's table when the encoder
 * has its default decoding. A document draws a few hundred codes, all
 * known: for the making of the font the encoder is shown with that
 * decoding and a table of one code, and fill_cid_font() writes the map and
 * widths of the codes drawn. The UTF-8 decoder keeps its state in the
 * first bytes of the table (cid_map[0]); it starts afresh with each text. */
static HPDF_Font make_font(struct pdf *p, int face)
{
	HPDF_Encoder enc = HPDF_GetEncoder(p->doc, "UTF-8");
	if (!enc)
		return NULL;
	HPDF_CMapEncoderAttr ea = enc->attr;
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	HPDF_UINT16 state[8];
	memcpy(state, ea->cid_map[0], sizeof state);
	memset(ea->cid_map[0], 0, sizeof state);
	ea->cid_map[0][1] = 1;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	HPDF_Font font = HPDF_GetFont(p->doc, p->font_name[face], "UTF-8");
	enc->to_unicode_fn = to_unicode;
	memcpy(ea->cid_map[0], state, sizeof state);
	return font;
}

HPDF_Font pdf_get_font(struct pdf *p, int face)
{
	if (p->font[face] || !p->src[face])
		return p->font[face];
	HPDF_FontDef def = HPDF_Doc_FindFontDef(p->doc, p->font_name[face]);
	if (!def)
		return NULL;
	add_descriptor(p, def, p->src[face]);
	HPDF_Font font = make_font(p, face);
	if (font) {
		/* Its streams are compressed here: libharu is not to set
		 * them to be compressed again while saving. */
		font->filter = HPDF_STREAM_FILTER_NONE;
		set_tounicode(p, font);
		fill_cid_font(p, font, def, p->src[face]);
	}
	p->font[face] = font;
	return font;
}
