/* font.c - HarfBuzz: glyph coverage, advance widths and subsetting.
 *
 * Widths are returned in thousandths of an em truncated per glyph, exactly
 * as libharu writes them in the PDF's /W array (advance * 1000 / upem), so
 * layout measures what the reader will place. Subsetting keeps the hinting
 * tables because libharu 2.3.0 refuses a TrueType font without them. */
#include "input.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <hb.h>
#include <hb-subset.h>
#include <hb-ot.h>

enum { CACHE = 0x2100 };

struct fonts {
	hb_face_t *face[F_NFACES];
	hb_font_t *font[F_NFACES];
	unsigned upem[F_NFACES];
	int16_t width[F_NFACES][CACHE];
	int8_t covered[F_NFACES][CACHE]; /* 0 unknown, 1 yes, -1 no */
};

struct fonts *fonts_load(const char *const files[4], struct pos where, struct diag *d)
{
	static const char *const key[] = {"regular", "bold", "italic", "bold_italic"};
	struct fonts *f = xcalloc(1, sizeof *f);
	int before = d->errors;
	for (int i = 0; i < F_NFACES; i++) {
		if (access(files[i], R_OK) != 0) {
			diag_error(d, where, "cannot open font file '%s' (fonts.%s): %s",
				   diag_quote(d, files[i]), key[i], errstr(errno));
			continue;
		}
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(files[i]);
		if (!blob) {
			diag_error(d, where, "cannot read font file '%s' (fonts.%s)",
				   diag_quote(d, files[i]), key[i]);
			continue;
		}
		f->face[i] = hb_face_create(blob, 0);
		hb_blob_destroy(blob);
		unsigned tables = hb_face_get_table_tags(f->face[i], 0, NULL, NULL);
		hb_blob_t *glyf = hb_face_reference_table(f->face[i], HB_TAG('g', 'l', 'y', 'f'));
		bool truetype = hb_blob_get_length(glyf) > 0;
		hb_blob_destroy(glyf);
		if (!tables || !truetype) {
			diag_error(d, where, "'%s' (fonts.%s) is not a TrueType font (.ttf with "
				   "glyf outlines)", diag_quote(d, files[i]), key[i]);
			continue;
		}
		f->font[i] = hb_font_create(f->face[i]);
		f->upem[i] = hb_face_get_upem(f->face[i]);
		hb_font_set_scale(f->font[i], (int)f->upem[i], (int)f->upem[i]);
		for (int c = 0; c < CACHE; c++)
			f->width[i][c] = -1;
	}
	if (d->errors != before) {
		fonts_free(f);
		return NULL;
	}
	return f;
}

static int advance(void *ctx, int face, int32_t cp)
{
	struct fonts *f = ctx;
	if (cp >= 0 && cp < CACHE && f->width[face][cp] >= 0)
		return f->width[face][cp];
	hb_codepoint_t g = 0;
	hb_font_get_nominal_glyph(f->font[face], (hb_codepoint_t)cp, &g);
	int w = (int)((unsigned)hb_font_get_glyph_h_advance(f->font[face], g) * 1000u /
		      f->upem[face]);
	if (cp >= 0 && cp < CACHE)
		f->width[face][cp] = (int16_t)w;
	return w;
}

static bool has_glyph(void *ctx, int face, int32_t cp)
{
	struct fonts *f = ctx;
	hb_codepoint_t g;
	if (cp >= 0 && cp < CACHE && f->covered[face][cp])
		return f->covered[face][cp] > 0;
	/* The PDF backend encodes text as two-byte Unicode: BMP only. */
	bool has = cp <= 0xFFFF && hb_font_get_nominal_glyph(f->font[face], (hb_codepoint_t)cp, &g);
	if (cp >= 0 && cp < CACHE)
		f->covered[face][cp] = has ? 1 : -1;
	return has;
}

/* The letters of Vietnamese: ASCII, the Latin-1 ones with marks, Ă Đ Ĩ
 * Ũ Ơ Ư, and the Latin Extended Additional block of tones. */
static bool vietnamese_letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	       (cp >= 0xC0 && cp <= 0xFD && cp != 0xD7 && cp != 0xF7) || cp == 0x102 ||
	       cp == 0x103 || cp == 0x110 || cp == 0x111 || cp == 0x128 || cp == 0x129 ||
	       cp == 0x168 || cp == 0x169 || cp == 0x1A0 || cp == 0x1A1 || cp == 0x1AF ||
	       cp == 0x1B0 || (cp >= 0x1EA0 && cp <= 0x1EF9);
}

/* The ink extents of struct metrics, from the glyphs' bounding boxes. */
static void ink_extents(struct fonts *f, int *above, int *below)
{
	double hi = 0, lo = 0;
	for (int i = 0; i < F_NFACES; i++)
		for (uint32_t cp = 'A'; cp <= 0x1EF9; cp++) {
			hb_codepoint_t g;
			hb_glyph_extents_t e;
			if (!vietnamese_letter(cp) ||
			    !hb_font_get_nominal_glyph(f->font[i], cp, &g) ||
			    !hb_font_get_glyph_extents(f->font[i], g, &e))
				continue;
			double top = (double)e.y_bearing / f->upem[i];
			double bottom = (double)(e.y_bearing + e.height) / f->upem[i];
			hi = top > hi ? top : hi;
			lo = bottom < lo ? bottom : lo;
		}
	*above = (int)lround(hi * 1000);
	*below = (int)lround(-lo * 1000);
}

struct metrics fonts_metrics(struct fonts *f)
{
	struct metrics m = {f, advance, has_glyph, 0, 0};
	ink_extents(f, &m.ink_above, &m.ink_below);
	return m;
}

/* The tables of an embedded TrueType program: the ones PDF names
 * (ISO 32000-1, 9.9: cvt fpgm glyf head hhea hmtx loca maxp prep) and the
 * ones libharu 2.3.0 embedded besides (OS/2 cmap name post). Layout tables
 * (GSUB, GPOS, GDEF) serve no PDF reader: the glyphs are placed already. */
static bool pdf_table(hb_tag_t t)
{
	static const char keep[][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
				       "hmtx", "loca", "maxp", "name", "post", "prep"};
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if (t == HB_TAG(keep[i][0], keep[i][1], keep[i][2], keep[i][3]))
			return true;
	return false;
}

/* Drops the face's other tables (also sparing the subsetter the glyph
 * closure over GSUB). */
static void drop_for_pdf(hb_face_t *face, hb_subset_input_t *in)
{
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_tag_t tags[64];
	unsigned start = 0, n;
	do {
		n = sizeof tags / sizeof tags[0];
		hb_face_get_table_tags(face, start, &n, tags);
		for (unsigned i = 0; i < n; i++)
			if (!pdf_table(tags[i]))
				hb_set_add(drop, tags[i]);
		start += n;
	} while (n == sizeof tags / sizeof tags[0]);
}

char *fonts_subset(struct fonts *f, int face, const int32_t *cps, size_t n, bool pdf,
		   size_t *len)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in)
		return NULL;
	hb_set_t *u = hb_subset_input_unicode_set(in);
	for (size_t i = 0; i < n; i++)
		hb_set_add(u, (hb_codepoint_t)cps[i]);
	if (pdf)
		drop_for_pdf(f->face[face], in);
	hb_face_t *sub = hb_subset_or_fail(f->face[face], in);
	hb_subset_input_destroy(in);
	if (!sub)
		return NULL;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned l = 0;
	const char *data = hb_blob_get_data(blob, &l);
	char *out = NULL;
	if (data && l) {
		out = xmalloc(l);
		memcpy(out, data, l);
		*len = l;
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return out;
}

int fonts_cap_height(struct fonts *f, int face)
{
	hb_position_t cap = 0;
	if (!hb_ot_metrics_get_position(f->font[face], HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
		cap = (hb_position_t)(f->upem[face] * 2 / 3);
	return (int)((long)cap * 1000 / (long)f->upem[face]);
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < F_NFACES; i++) {
		hb_font_destroy(f->font[i]);
		hb_face_destroy(f->face[i]);
	}
	free(f);
}
