/* font.h - the fonts of a document (HarfBuzz): metrics for layout, and
 * subsets holding only the glyphs a document uses, for embedding.
 * The only module that includes HarfBuzz headers is font.c. */
#ifndef VB_FONT_H
#define VB_FONT_H

#include "diag.h"
#include "metrics.h"

struct fonts;

/* Opens the four faces (regular, bold, italic, bold italic). A file that is
 * missing or not a TrueType font is reported at `where`. */
struct fonts *fonts_load(const char *const files[4], struct pos where, struct diag *d);
struct metrics fonts_metrics(struct fonts *f);
/* A TrueType font with only the glyphs of code points cps[0..n) (plus
 * .notdef), same metrics. Returns malloc'd bytes, or NULL on failure. */
char *fonts_subset(struct fonts *f, int face, const int32_t *cps, size_t n, size_t *len);
/* The height of capitals in thousandths of an em (for the PDF's font
 * descriptor). */
int fonts_cap_height(struct fonts *f, int face);
void fonts_free(struct fonts *f);

#endif
