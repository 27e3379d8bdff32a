/* pdf.h - the PDF backend (libharu). The only module that sees HPDF_*. */
#ifndef VB_PDF_H
#define VB_PDF_H

#include "diag.h"
#include "page.h"

#include <stdint.h>

/* What the file says about itself: the Info dictionary and the XMP
 * metadata (with the fields of NĐ 30/2020 Phụ lục VI for outgoing
 * documents). NULL / 0 fields are left out. */
struct pdf_info {
	const char *title, *author, *subject;
	int year, month, day;  /* document date, used as the creation date */
	bool pdfa;             /* PDF/A-1b */
	unsigned char id[16];  /* the file identifier, derived from the content */
	const char *type_name, *number, *notation, *organ, *signer_title, *signer_name;
	const char *recipients, *priority;
	int copies;
};

/* A TrueType font program to embed (a subset); data NULL if the face is
 * not used. */
struct pdf_font {
	const char *data;
	size_t len;
	int32_t max_cp;      /* the largest code point drawn in this face */
	const uint8_t *used; /* used[cp] != 0 for the code points drawn (CIDSet) */
	int cap_height;      /* thousandths of an em */
};

/* Draws the pages with the given faces and returns the file's bytes
 * (malloc'd) in *out. */
bool pdf_write(const struct layout *lo, const struct pdf_info *info,
	       const struct pdf_font fonts[4], char **out, size_t *len, struct diag *d);

#endif
