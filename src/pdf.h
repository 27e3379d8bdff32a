/* pdf.h - the PDF backend (libharu). The only module that sees HPDF_*.
 * It also owns the fonts, so it measures text for layout: what is measured
 * is exactly what the PDF's width arrays will say. */
#ifndef VB_PDF_H
#define VB_PDF_H

#include "diag.h"
#include "metrics.h"
#include "page.h"

struct pdf;

struct pdf_info {
	const char *title, *author, *subject;
	int year, month, day;  /* document date, used as the creation date */
};

/* Loads the four faces (regular, bold, italic, bold italic). Errors (a
 * missing or unreadable font file) are reported at `where`. */
struct pdf *pdf_new(const char *const font_files[4], struct pos where, struct diag *d);
struct metrics pdf_metrics(struct pdf *p);
/* Draws the pages and returns the file's bytes (malloc'd) in *out. */
bool pdf_render(struct pdf *p, const struct layout *lo, const struct pdf_info *info,
		char **out, size_t *len, struct diag *d);
void pdf_free(struct pdf *p);

#endif
