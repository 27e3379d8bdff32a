/* pdf_int.h - the PDF backend's own declarations, shared by its files
 * (pdf_haru.c, pdf_draw.c, pdf_forms.c, pdf_fonts.c, pdf_meta.c): the only
 * ones that include libharu. Private to src/output/. */
#ifndef VB_PDF_INT_H
#define VB_PDF_INT_H

#include "output.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

struct loaded_image {
	const char *path;
	HPDF_Image img;
};

/* One document being written. */
struct pdf {
	HPDF_Doc doc;
	HPDF_STATUS error; /* the first error libharu reported: the document
			    * is then abandoned, never drawn on or saved */
	bool failed;       /* an error already reported (an unreadable image) */
	const char *font_name[F_NFACES];
	HPDF_Font font[F_NFACES];
	int32_t max_cp[F_NFACES];
	const struct pdf_font *src[F_NFACES];
	int nfonts;        /* fonts loaded */
	HPDF_Dict tounicode; /* the ToUnicode CMap the fonts share */
	bool pdfa;
	VEC(struct loaded_image) images;
	struct deflater *z;      /* every stream is compressed here, not by libharu */
	struct deflater *z_fast; /* the font programs */
	struct buf raw, packed;
	struct buf ops; /* a text's operators */
};

/* pdf_haru.c - the document, and its streams compressed. */

/* Sets the stream of dict to data[0..len) compressed, and marks it so that
 * libharu writes it as it is, with /Filter /FlateDecode. fast: at the
 * fastest level, for data that no level shrinks much (font programs). */
void pdf_put_deflated(struct pdf *p, HPDF_Dict dict, const void *data, size_t len, bool fast);

/* pdf_fonts.c - fonts, and the fixes libharu's need. */

/* Loads a font program from memory; returns libharu's name for it, or
 * NULL. */
const char *pdf_load_font(struct pdf *p, const struct pdf_font *f);
/* The font of a face, made on first use. */
HPDF_Font pdf_get_font(struct pdf *p, int face);

/* pdf_meta.c - the Info dictionary, the file identifier, the XMP packet
 * and, for PDF/A, the output intent. */
void pdf_metadata(struct pdf *p, const struct pdf_info *info, size_t pages);

/* pdf_forms.c - what the pages of a batch share, drawn once in forms. */
struct pdf_shared {
	const struct fitem **common; /* the items on every page */
	size_t ncommon;
	const struct fitem **freq;   /* text lines on many pages */
	size_t nfreq;
	HPDF_Dict form;              /* draws common */
	HPDF_Dict *fforms;           /* fforms[k] draws freq[k] */
	HPDF_Dict res;               /* the resources every page shares, or NULL */
	HPDF_Dict res_fonts, res_xobjects;
};

/* Finds what the pages share and makes its forms and the shared resource
 * dictionary (nothing when the pages are too few or too unlike). */
void pdf_share(struct pdf *p, const struct layout *lo, struct pdf_shared *s);
/* Gives a page the shared resources and draws the forms it shows. */
void pdf_page_share(const struct pdf_shared *s, HPDF_Page page, const struct page *pg);
/* Whether a form of s draws the item, so the page must not. */
bool pdf_form_draws(const struct pdf_shared *s, const struct fitem *it);
void pdf_shared_free(struct pdf_shared *s);

/* pdf_draw.c - a page's own items: images, rules and boxes, text. */
bool pdf_draw_page(struct pdf *p, const struct layout *lo, const struct page *pg,
		   const struct pdf_shared *s, struct diag *d);

#endif
