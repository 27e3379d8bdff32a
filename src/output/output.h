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

/* pdf_join.c: one PDF from PDFs of consecutive parts of a batch (each
 * from pdf_write, all with the same fonts), written to out a part at a
 * time: each font once, the pages in order, one page tree, the catalog,
 * Info and output intent of the first part, the XMP packet and the file
 * identifier of info. pages: the pages of all the parts. */
struct pdf_join;
struct pdf_join *pdf_join_new(size_t pages, struct buf *out);
/* Adds a part's pages; false after a diagnostic. */
bool pdf_join_add(struct pdf_join *j, const char *pdf, size_t len, struct diag *d);
/* The bytes of out were written elsewhere: out starts again empty, the
 * offsets go on. */
void pdf_join_moved(struct pdf_join *j);
/* Ends the file; false after a diagnostic (pages missing). */
bool pdf_join_end(struct pdf_join *j, const struct pdf_info *info, struct diag *d);
void pdf_join_free(struct pdf_join *j);

/* xmp.c: the XMP metadata packet of a PDF (pure text building). */

/* Appends the packet for info (pages: the page count) to out. */
void xmp_packet(struct buf *out, const struct pdf_info *info, size_t pages);
/* Appends s with XML's five special characters escaped. */
void xml_escape(struct buf *out, const char *s);

/* The namespace of the document metadata (NĐ 30/2020, Phụ lục VI). */
#define VB_XMP_NS "http://vanban.example/ns/nd30/1.0/"

/* svg.c: the pages as SVG (the browser's preview, render -f svg). The
 * font of face f is font_src[f] (a URL or data: URI; NULL: the system's
 * Liberation Serif or serif). */

/* One page as a standalone <svg> element, its size in millimetres.
 * malloc'd. */
char *svg_page(const struct layout *lo, size_t p, const char *const font_src[F_NFACES]);
/* Every page, one under the other, as one SVG file. malloc'd. */
char *svg_document(const struct layout *lo, const char *const font_src[F_NFACES]);
/* Appends "data:MIME;base64,..." of the bytes to out. */
void svg_data_uri(struct buf *out, const char *mime, const void *data, size_t len);

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

/* sign_*.c: PAdES signatures (OpenSSL's libcrypto), added to a finished
 * PDF as incremental updates, and their verification. */

/* A private key and its certificate chain, from a PEM file (the key and
 * the certificates, signer's first or in any order) or a PKCS#12 file.
 * password may be NULL. Returns NULL after a diagnostic at `at`. */
struct signer;
struct signer *signer_load(const char *path, const char *password, struct pos at,
			   struct diag *d);
void signer_free(struct signer *s);
/* The certificate's subject common name (or the whole subject). */
const char *signer_name(const struct signer *s);

/* Where and when: the widget on page `page` (from 0) at [x0 y0 x1 y1] in
 * PDF units (y up), all zero for an invisible one on the first page; the
 * signing time in seconds since the epoch, written with tz_min minutes
 * east of UTC. The update is PDF/A-1b whenever the file is. */
struct sign_place {
	size_t page;
	double x0, y0, x1, y1;
	long long when;
	int tz_min;
};

/* Appends a signature to the PDF in *data (realloc'd): a signature field
 * and its widget, /ByteRange and /Contents with a PAdES-B-B CMS
 * (/SubFilter /ETSI.CAdES.detached). Returns false after a diagnostic. */
bool pdf_sign(char **data, size_t *len, const struct signer *s, const struct sign_place *sp,
	      struct diag *d);

/* One signature of a file as `vanban verify` reports it. */
struct sig_report {
	char *field, *signer, *time, *subfilter;
	size_t covered;  /* bytes up to the end of its revision */
	bool whole;      /* it covers the whole file */
	bool valid;      /* byte ranges, digest, signature and chain all hold */
	char *problem;   /* why not, or a note; NULL when valid */
};
struct sig_reports {
	VEC(struct sig_report) v;
	char *problem;   /* the file itself: not readable as a PDF, no signature */
};
/* Checks every signature of data[0..len) (certificates against ca_file,
 * or the system's store when NULL). */
void pdf_verify(const char *data, size_t len, const char *ca_file, struct sig_reports *out);
void sig_reports_free(struct sig_reports *r);

#endif
