/* page.h - laid-out pages: the contract between layout and the backends.
 * Every item has absolute coordinates in points, y measured down from the
 * top edge (text y is the baseline). Backends make no layout decisions. */
#ifndef VB_PAGE_H
#define VB_PAGE_H

#include "util.h"

enum fitem_kind { FI_TEXT, FI_RULE, FI_RECT, FI_IMAGE };

struct fitem {
	enum fitem_kind kind;
	double x, y;          /* text: start of the baseline; rule: one end;
				 rectangle, image: top-left corner */
	double x2, y2, width; /* rule: other end; rectangle: bottom-right corner;
				 width: stroke width */
	int face;             /* enum face */
	double size;
	const char *text;     /* UTF-8, NFC; images: the PNG file's path */
	uint32_t color;       /* 0xRRGGBB; 0 = black */
};

struct page {
	VEC(struct fitem) items;
};

struct layout {
	double page_w, page_h;
	VEC(struct page) pages;
	struct arena arena;  /* item texts */
};

void layout_free(struct layout *lo);

#endif
