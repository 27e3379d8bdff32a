/* linebreak.h - Knuth-Plass total-fit line breaking over boxes, glue and
 * penalties (Knuth & Plass, "Breaking paragraphs into lines", 1981).
 * Pure: no I/O, no fonts; widths are whatever unit the caller uses. */
#ifndef VB_LINEBREAK_H
#define VB_LINEBREAK_H

#include <stddef.h>
#include <stdbool.h>

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

#endif
