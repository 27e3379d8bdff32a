/* pdf_fonts.c - the fonts of a PDF, and what libharu 2.3.0 needs done to
 * them: text is UTF-8 through Type0/Identity-H fonts; libharu loads
 * TrueType fonts only from files, so each subset is handed over through an
 * anonymous in-memory file (memfd); its ToUnicode CMap is invalid (it uses
 * begincidrange), so each font gets a correct bfrange map; its glyph map
 * covers every code, so it is cut or filled for the codes drawn; and PDF/A
 * asks the font descriptor for more than libharu writes. */
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
 * same subset always has the same one. libharu names every first font
 * of a document HPDFAA+; its tag, in the name and in the font program's
 * copy of it, is replaced before the font is made. */
static void set_subset_tag(struct pdf *p, const char *name, const struct pdf_font *f)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(p->doc, name);
	HPDF_TTFontDefAttr a = def ? def->attr : NULL;
	if (!a || a->tag_name[HPDF_TTF_FONT_TAG_LEN] != '+' ||
	    strncmp(a->base_font, a->tag_name, HPDF_TTF_FONT_TAG_LEN + 1))
		return;
	char hex[65];
	sha256_hex(f->data, f->len, hex);
	for (int i = 0; i < HPDF_TTF_FONT_TAG_LEN; i++) {
		/* two hex digits, 0-255, to a letter */
		unsigned v = (unsigned)strtoul((char[]){hex[2 * i], hex[2 * i + 1], 0}, NULL, 16);
		char ch = (char)('A' + v % 26);
		a->tag_name[i] = ch;
		a->tag_name2[i * 2 + 1] = ch;
		a->base_font[i] = ch;
	}
}

/* Loads a font program from memory through a memfd path. */
const char *pdf_load_font(struct pdf *p, const struct pdf_font *f)
{
	int fd = memfd_create("vanban-font", MFD_CLOEXEC);
	if (fd < 0)
		return NULL;
	const char *name = NULL;
	if (write(fd, f->data, f->len) == (ssize_t)f->len) {
		char path[64];
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		name = HPDF_LoadTTFontFromFile(p->doc, path, HPDF_TRUE);
		if (name && !p->error)
			set_subset_tag(p, name, f);
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

HPDF_Font pdf_get_font(struct pdf *p, int face)
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
