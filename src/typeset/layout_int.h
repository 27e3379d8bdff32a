/* layout_int.h - what the files of the layout share (layout.c, items.c
 * and the files that compose, flow and paginate): the flow lines they
 * build and the words they wrap. Included by no one outside typeset/. */
#ifndef VB_LAYOUT_INT_H
#define VB_LAYOUT_INT_H

#include "typeset.h"

/* The ink a line of text is given above and below its baseline: the
 * font's (struct metrics), rounded to 1/100 em so that a small revision of
 * a font does not move lines, and some room beyond it, in hundredths of an
 * em. (Liberation Serif: 0.916 and 0.221 em, so 0.98 and 0.25.) */
enum { INK_ROOM_ABOVE = 6, INK_ROOM_BELOW = 3 };

static inline double ink_em(int thousandths, int room)
{
	return (double)((thousandths + 5) / 10 + room) / 100.0;
}

enum seg_kind { SG_TEXT, SG_RULE, SG_RECT, SG_IMAGE };

struct seg {
	enum seg_kind kind;
	int face;
	double size;
	double x, dy;     /* from the left margin and the flow line's baseline */
	double x2, dy2;   /* rules: other end; boxes, images: bottom-right */
	const char *text; /* text, or an image's path */
	uint32_t color;
};

struct fline {
	VEC(struct seg) segs;
	double pitch;         /* baseline distance from the previous flow line */
	double space_before;  /* extra space, dropped at the top of a page */
	double above, below;  /* ink above the baseline / below it (block height) */
	int para;             /* paragraph number, -1 for blocks */
	int idx, nlines;      /* line index within the paragraph */
	bool keep_with_next;
	bool new_page;        /* starts a page (an appendix) */
	bool restart_numbers; /* ... whose numbering starts again at 1 */
	int table;            /* table rows: table number + 1, 0 otherwise */
	bool table_header;    /* the header row, repeated on each page */
	bool row_cont;        /* continues the table row of the line before */
	double cut_pad;       /* a cut table row: room between its text and the
				 rules drawn where the page cuts it */
};

/* One layout under way. */
struct lctx {
	const struct doc *doc;
	const struct style *st;
	const struct metrics *m;
	const struct phrases *ph;   /* the lexicon of the breaker (may be NULL) */
	struct layout *out;         /* the pages, and the arena of item texts */
	struct layout_stats *stats;
	double text_w;              /* the width between the margins */
	VEC(struct fline) fl;       /* the flow, top to bottom */
	int npara;                  /* paragraphs numbered so far */
	int ntables;                /* tables numbered so far */
	double ink_above, ink_below; /* em, from ink_em */
};

/* ---- Words and paragraphs ------------------------------------------- */

/* A piece of a word in one face: s[0..n). */
struct wseg {
	int face;
	const char *s;
	size_t n;
};

struct word {
	size_t first, count;  /* segments */
	double width;
	int tie_before;       /* 2: never break before this word; 1: avoid it */
	bool hard_before;     /* a hard line break precedes this word */
	bool join_before;     /* continues the word before, with no space (a
			       * piece of a long address cut after '/') */
	bool join_stretch;    /* ... of a word longer than the line, whose
			       * pieces may stand apart in a justified line */
};

struct para {
	VEC(struct wseg) segs;
	VEC(struct word) words;
};

/* ---- items.c: segments, words, wrapped lines ------------------------ */

double width_of(struct lctx *c, int face, double size, const char *s);
/* A copy of s[0..n) in the layout's arena, for an item's text. */
const char *keep(struct lctx *c, const char *s, size_t n);
void seg_text(struct fline *f, int face, double size, double x, double dy, const char *text);
void seg_rule(struct fline *f, double x1, double x2, double dy);

/* Splits runs into words (marker, if given, a word of its own first). */
void para_build(struct lctx *c, struct para *p, const struct run *runs, size_t nruns,
		const char *marker, double size);
void para_free(struct para *p);
/* Ties the words of the lexicon's compounds and names softly (cells);
 * returns the widest run of tied words at size. */
double para_phrase_ties(struct lctx *c, struct para *p, double size);
/* Cuts words wider than width, and web addresses, into pieces. */
void split_long_words(struct lctx *c, struct para *p, double size, double width);

/* How wrap_narrowed chooses its breaks: first fit; lines of even length
 * with Vietnamese costs (titles, names); or with the same costs, the lines
 * filled and the last left ragged (the Nơi nhận list). */
enum { WRAP_GREEDY, WRAP_BALANCED, WRAP_RAGGED };

size_t wrap_narrowed(struct lctx *c, const char *text, int face, double size, double width,
		     double narrow, size_t nnarrow, int balance, const char ***lines_out,
		     double **widths_out);
size_t wrap(struct lctx *c, const char *text, int face, double size, double width,
	    int balance, const char ***lines_out, double **widths_out);
/* Balanced lines centred at cx, baselines dy, dy + pitch...; see items.c. */
double centred_narrowed(struct lctx *c, struct fline *f, const char *text, int face,
			double size, double cx, double width, double narrow, size_t nnarrow,
			double dy, double pitch, double *maxw, size_t *nlines);
void centred_line(struct lctx *c, struct fline *f, const char *text, int face, double size,
		  double cx, double dy);
double centred(struct lctx *c, struct fline *f, const char *text, int face, double size,
	       double cx, double width, double dy, double pitch, double *maxw);

/* ---- flow.c: paragraphs and the body -------------------------------- */

/* Breaks a paragraph into lines appended to the flow; see flow.c. */
void flow_paragraph(struct lctx *c, struct para *p, double x0, double width,
		    double first_indent, int align, double size, double pitch,
		    double space_before, bool keep);
/* The body's blocks as flow lines; end_mark: the last text ends "./.". */
void flow_body(struct lctx *c, const struct blocks *body, bool end_mark);

/* A paragraph laid out in a cell or a box: its lines' segments appended
 * to f at baselines dy, dy + pitch...; returns the number of lines. */
size_t lines_into(struct lctx *c, struct fline *f, struct para *p, double x0, double width,
		  int align, double size, double pitch, double dy);

/* ---- table.c -------------------------------------------------------- */

/* Appends table b to the flow, its first row first_pitch below the line
 * before; returns the height of the last flow line. */
double flow_table(struct lctx *c, const struct block *b, double first_pitch);

/* ---- header.c ------------------------------------------------------- */

/* What follows the number ("TB-LĐLĐ"), appended to b. */
void code_text(struct buf *b, const struct doc *doc, const struct style *st);
/* The page-1 header, title block and Kính gửi as one flow line. */
void compose_header(struct lctx *c);

/* ---- closing.c ------------------------------------------------------ */

/* Nơi nhận and the signatures as one flow line (and the run-on lines of a
 * long Nơi nhận). */
void compose_closing(struct lctx *c);

/* ---- paginate.c ----------------------------------------------------- */

/* Lays the flow lines out on c->out's pages. */
void paginate(struct lctx *c);

#endif
