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

/* BK_BASIS: a "Căn cứ ..." line of the preamble (italic, one per line);
 * BK_DECIDE: the "QUYẾT ĐỊNH:" line between preamble and articles. */
enum block_kind { BK_PARA, BK_HEADING, BK_ITEM, BK_BASIS, BK_DECIDE, BK_TABLE };

struct cell {
	VEC(struct run) runs;
};

struct block {
	enum block_kind kind;
	int level;          /* heading level (1-6) or list depth (1-) */
	const char *marker; /* list items: "1.", "-", "a)"; NULL otherwise */
	VEC(struct run) runs;
	struct pos pos;
	/* tables: nrows x ncols cells, row 0 is the header row */
	int nrows, ncols;
	struct cell *cells;
	char *aligns;       /* per column: 'l', 'c', 'r' or 0 */
};

struct blocks {
	VEC(struct block) v;
};

/* Parses Markdown (positions mapped into the source file). */
struct mdtext;
bool md_parse(const struct mdtext *text, struct blocks *out, struct arena *arena, struct diag *d);
void blocks_free(struct blocks *b);

#endif
