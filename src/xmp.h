/* xmp.h - the XMP metadata packet of a PDF (pure text building). */
#ifndef VB_XMP_H
#define VB_XMP_H

#include "pdf.h"
#include "util.h"

/* Appends the packet for info (pages: the page count) to out. */
void xmp_packet(struct buf *out, const struct pdf_info *info, size_t pages);
/* Appends s with XML's five special characters escaped. */
void xml_escape(struct buf *out, const char *s);

/* The namespace of the document metadata (NĐ 30/2020, Phụ lục VI). */
#define VB_XMP_NS "http://vanban.example/ns/nd30/1.0/"

#endif
