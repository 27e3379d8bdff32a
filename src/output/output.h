/* output.h - laid-out pages to bytes: the PDF backend (libharu), its
 * metadata (XMP, PDF/A), PNG images, and the text dump of the tests. */
#ifndef VB_OUTPUT_H
#define VB_OUTPUT_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#include "base/base.h"
#include "input/input.h"
#include "typeset/typeset.h"

/* pdf_*.c: the PDF backend (libharu). The only module that sees HPDF_*. */

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

/* xmp.c: the XMP metadata packet of a PDF (pure text building). */

/* Appends the packet for info (pages: the page count) to out. */
void xmp_packet(struct buf *out, const struct pdf_info *info, size_t pages);
/* Appends s with XML's five special characters escaped. */
void xml_escape(struct buf *out, const char *s);

/* The namespace of the document metadata (NĐ 30/2020, Phụ lục VI). */
#define VB_XMP_NS "http://vanban.example/ns/nd30/1.0/"

/* docx.c, docx_parts.c: the document as an editable Word file, written
 * from the model and its blocks with the style's measures (docs/docx.md);
 * info gives the metadata (core.xml), as for the PDF. Returns false after
 * a diagnostic (an image that cannot be read). */
bool docx_write(const struct doc *doc, const struct blocks *body, const struct blocks *apps,
		const struct style *st, const struct metrics *m, const struct pdf_info *info,
		char **out, size_t *len, struct diag *d);

/* docx_pages.c: laid-out pages (award certificates, whose design places
 * every line) as a .docx: each line in a frame where the PDF draws it. */
bool docx_pages(const struct layout *lo, const struct style *st, const struct metrics *m,
		const struct pdf_info *info, char **out, size_t *len);

/* zip.c: a ZIP archive in memory, entries deflated (zlib) in the order
 * added, every one dated 1980-01-01: the same entries, the same bytes. */
struct zip;
struct zip *zip_new(void);
bool zip_add(struct zip *z, const char *name, const void *data, size_t len);
/* The archive's bytes (malloc'd); frees z. */
char *zip_finish(struct zip *z, size_t *len);

/* dump.c: a plain-text backend: every page item with its coordinates.
 * Golden tests compare these dumps byte for byte. */

/* Returns a malloc'd text. */
char *dump_layout(const struct layout *lo);

#endif
