/* typeset.h - from the model and its blocks to laid-out pages: line
 * breaking (total fit, with the costs of Vietnamese), composition and
 * pagination, and the pages of certificates. Pure: no I/O, fonts only
 * through struct metrics. */
#ifndef VB_TYPESET_H
#define VB_TYPESET_H

#include <stddef.h>
#include <stdbool.h>

#include "base/base.h"
#include "input/input.h"

/* Laid-out pages: the contract between layout and the backends.
 * Every item has absolute coordinates in points, y measured down from the
 * top edge (text y is the baseline). Backends make no layout decisions. */

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

/* linebreak.c: Knuth-Plass total-fit line breaking over boxes, glue and
 * penalties (Knuth & Plass, "Breaking paragraphs into lines", 1981).
 * Pure: no I/O, no fonts; widths are whatever unit the caller uses. */

#define LB_INF 10000.0

enum lb_type { LB_BOX, LB_GLUE, LB_PENALTY };

struct lb_item {
	enum lb_type type;
	double width, stretch, shrink; /* stretch/shrink: glue only */
	double penalty;                /* penalties: >= LB_INF never breaks, <= -LB_INF forces */
};

struct lb_params {
	double first_width, width;  /* the first line may be shorter (indent) */
	double tolerance;           /* largest adjustment ratio tried first */
	double line_penalty;        /* TeX's \linepenalty */
	double fitness_demerits;    /* TeX's \adjdemerits */
	double right_stretch;       /* TeX's \rightskip stretch: ragged lines have
				     * this much more, so that a line of one word
				     * is as good as any short line */
};

struct lb_line {
	size_t start, end;  /* items [start, end) are on the line */
	double ratio;       /* > 0 stretch, < 0 shrink (fraction of the glue's) */
};

/* Breaks items[0..n) into lines; the caller ends the list with fill glue
 * and a forced break. Returns the number of lines and a malloc'd array in
 * *lines. Never fails: when no break keeps every line within tolerance it
 * retries allowing any stretch, and a box wider than the line overflows. */
size_t lb_break(const struct lb_item *items, size_t n, const struct lb_params *p,
		struct lb_line **lines);

/* vnbreak.c: how good a place between two syllables is for a line break
 * in a short Vietnamese text set in balanced lines (names of agencies,
 * titles, the trích yếu, signature titles, certificate texts, cells).
 *
 * Vietnamese writes every syllable apart, so a space may fall inside a
 * word ("công đoàn", "chất lượng") or a name. The lexicon (struct
 * phrases, templates/phrases.txt) knows the words of administration, the
 * agency types, places, surnames and units; the costs are graded so that
 * a balancer weighs them before the evenness of the lines. */

enum vn_penalty {
	VP_GOOD = -2,      /* after a comma, semicolon or colon */
	VP_FREE = -1,      /* before "và", "của", "tại", "về" */
	VP_PLAIN = 0,      /* between two words */
	VP_LEADER = 3,     /* after a word that leads the next ("các", "của") */
	VP_NAME = 20,      /* inside a name in capitals in running text */
	VP_AGENCY = 20,    /* between an agency type and its name, after "tỉnh" */
	VP_WIDOW = 30,     /* a last line of one word, in a balancer */
	VP_LONG = 50,      /* inside a phrase of four syllables or more */
	VP_COMPOUND = 100, /* inside a compound of two or three syllables */
	VP_NEVER = 1000,   /* inside a person's name, "ngày 05", "15 triệu" */
};

/* The cost of a break before each word j (1 <= j < n) of the n words
 * w[i] (wn[i] bytes) in pen[j]; pen[0] is 0. ph may be NULL (only marks,
 * numbers and capitals are weighed then). */
void vn_breaks(const struct phrases *ph, const char *const *w, const size_t *wn, size_t n,
	       int *pen);

/* layout.c and the files of layout_int.h: document model + body blocks +
 * style -> pages.
 * Pure: no I/O, fonts only through struct metrics. */

/* Figures of the justification, for tests and benchmarks. */
struct layout_stats {
	size_t lines, justified, gaps;
	double max_ratio; /* largest inter-word gap / natural space */
	/* Lines wider than their measure (a word longer than the line):
	 * how many, and the first one's widest word and excess in points. */
	size_t overfull;
	const char *overfull_word;
	double overfull_by;
	/* Tables whose longest words do not fit the text width even at the
	 * smallest table size: how many, and the first one's columns and the
	 * width its longest words (and paddings) need, in points. */
	size_t wide_tables;
	int wide_columns;
	double wide_need;
};

/* apps: the blocks of each of doc->appendices (may be NULL when none). */
void layout_document(const struct doc *doc, const struct blocks *body,
		     const struct blocks *apps, const struct style *st, const struct metrics *m,
		     struct layout *out, struct layout_stats *stats);

/* A titled table on pages (the register book): the header row repeated on
 * each page, page numbers from page 2. */
void layout_book(const char *title, const char *subtitle, const struct block *table,
		 const struct style *st, const struct metrics *m, struct layout *out);

/* Wordings the layout and the Word writer share. The issuer as named in a
 * sentence ("Ban thường vụ ..."); the body's last text s with its end mark
 * "./." (false, out untouched, when s has it already); the drafter and
 * copies line under Nơi nhận ("PQ.(05)"), nothing without either. */
void layout_issuer_in_text(struct buf *b, const struct doc *doc);
bool layout_end_mark(const char *s, struct buf *out);
void layout_drafter_line(struct buf *b, const struct doc *doc);
/* Entry i of Nơi nhận (before its dash): 0 "Như trên;", 1..n the
 * recipients ending ";", n + 1 "Lưu: VT, ...". */
void layout_recipient_entry(struct buf *b, const struct doc *doc, const struct style *st,
			    size_t i);
/* An appendix's "(Kèm theo Thông báo số 125/TB-LĐLĐ ngày ... của ...)". */
void layout_appendix_note(struct buf *b, const struct doc *doc, const struct style *st);

/* Breaks one-face text into lines no wider than width (balanced when
 * asked: the fewest lines, as even as they can be). Lines and widths are
 * allocated in ar. Returns the number of lines. */
size_t layout_wrap(const struct metrics *m, const struct phrases *ph, struct arena *ar,
		   const char *text, int face, double size, double width, bool balance,
		   const char ***lines, double **widths);

/* eblock.c: the 10 pt lines of an electronic attachment or copy put at
 * the top right of page 1 of lo. */
void layout_eblock(struct layout *lo, const char *const *lines, size_t n,
		   const struct style *st, const struct metrics *m);

/* Wording used in the header, exposed for tests. malloc'd. */
char *layout_number_line(const struct doc *doc, const struct style *st);
char *layout_date_line(const struct doc *doc);

/* cert_page.c: award certificates laid out (input.h reads them). */

/* Checks every awardee's texts: the characters of the rows, and each text
 * against its box (a name too long even at the smallest size and in the
 * lines allowed is an error). */
bool cert_check(const struct cert *c, const struct metrics *m, struct diag *d);
/* Lays out certificate i as a page appended to lo. */
void cert_page(const struct cert *c, size_t i, const struct metrics *m, struct layout *lo);
/* cert_qr.c: a QR code as vector squares, top-left at x, y (pt), size pt
 * on a side; and where a certificate's goes (inside the frame, bottom
 * left). */
void layout_qr(struct page *pg, const struct qr *q, double x, double y, double size);
void cert_qr_place(const struct cert *c, double *x, double *y, double *size);
/* A page for calibrating blanks: a millimetre grid and each element's box. */
void cert_calibration(const struct cert *c, struct layout *lo);

#endif
