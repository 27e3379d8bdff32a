/* pdf.h - the PDF backend (libharu). The only module that sees HPDF_*. */
#ifndef VB_PDF_H
#define VB_PDF_H

#include "diag.h"
#include "page.h"

#include <stdint.h>

struct pdf_info {
	const char *title, *author, *subject;
	int year, month, day;  /* document date, used as the creation date */
};

/* A TrueType font program to embed (a subset); data NULL if the face is
 * not used. */
struct pdf_font {
	const char *data;
	size_t len;
	int32_t max_cp;  /* the largest code point drawn in this face */
};

/* Draws the pages with the given faces and returns the file's bytes
 * (malloc'd) in *out. */
bool pdf_write(const struct layout *lo, const struct pdf_info *info,
	       const struct pdf_font fonts[4], char **out, size_t *len, struct diag *d);

#endif
