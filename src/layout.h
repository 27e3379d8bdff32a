/* layout.h - document model + body blocks + style -> pages.
 * Pure: no I/O, fonts only through struct metrics. */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include "blocks.h"
#include "metrics.h"
#include "model.h"
#include "page.h"
#include "style.h"

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

/* Breaks one-face text into lines no wider than width (balanced when
 * asked: the fewest lines, as even as they can be). Lines and widths are
 * allocated in ar. Returns the number of lines. */
size_t layout_wrap(const struct metrics *m, struct arena *ar, const char *text, int face,
		   double size, double width, bool balance, const char ***lines, double **widths);

/* Wording used in the header, exposed for tests. malloc'd. */
char *layout_number_line(const struct doc *doc, const struct style *st);
char *layout_date_line(const struct doc *doc);

#endif
