/* docx_int.h - what the files of the .docx backend share (docx.c, the
 * document; docx_parts.c, the package's other parts). Included by no one
 * outside output/. */
#ifndef VB_DOCX_INT_H
#define VB_DOCX_INT_H

#include "output.h"

/* An image of the package: word/media/image<N>.<ext>. */
struct docx_media {
	char *data;
	size_t len;
	const char *ext;  /* "png" or "jpeg" */
	const char *path; /* the file it was read from */
	unsigned w, h;    /* pixels */
};

/* A package under way. */
struct docx {
	const struct doc *doc;
	const struct style *st;
	const struct metrics *m;
	struct diag *d;
	struct arena ar;
	struct buf body;            /* the <w:body> content */
	VEC(struct docx_media) media;
	int nheaders, nfooters;
	struct buf headers[8], footers[2];
	int ndrawings;              /* ids of the images drawn */
	bool failed;
	double text_w;
};

/* Twentieths of a point, rounded (Word's twips). */
long dx_tw(double pt);

void docx_content_types(struct buf *b, const struct docx *x);
void docx_root_rels(struct buf *b);
void docx_doc_rels(struct buf *b, const struct docx *x);
void docx_settings(struct buf *b);
/* The named styles, with the house style's sizes, in font. */
void docx_styles(struct buf *b, const struct style *st, const char *font);
void docx_core(struct buf *b, const struct pdf_info *in);
void docx_app(struct buf *b);
void docx_hdrftr(struct buf *b, const char *tag, const char *p);

#endif
