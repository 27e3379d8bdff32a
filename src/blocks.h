/* blocks.h - the body as a list of blocks of styled runs.
 * md.c builds it from Markdown; layout.c turns it into lines. */
#ifndef VB_BLOCKS_H
#define VB_BLOCKS_H

#include "diag.h"

enum { RUN_BOLD = 1, RUN_ITALIC = 2 }; /* face = flags: enum face order */

struct run {
	int face;
	const char *text;   /* no line breaks; "\n" alone is a hard line break */
};

enum block_kind { BK_PARA, BK_HEADING, BK_ITEM };

struct block {
	enum block_kind kind;
	int level;          /* heading level (1-6) or list depth (1-) */
	const char *marker; /* list items: "1.", "-", "a)"; NULL otherwise */
	VEC(struct run) runs;
	struct pos pos;
};

struct blocks {
	VEC(struct block) v;
};

/* Parses Markdown (positions mapped into the source file). */
struct doc;
bool md_parse(const struct doc *doc, struct blocks *out, struct arena *arena, struct diag *d);
void blocks_free(struct blocks *b);

#endif
