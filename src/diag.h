/* diag.h - source files and diagnostics.
 *
 * A struct source keeps a loaded file and the byte offset of each line, so
 * any stage can turn a position into "file:line:col" and quote the line.
 * Positions are 1-based; columns count code points, as editors do.
 * Diagnostics are collected, never printed on the spot: every error of a
 * file is reported at once, sorted by position (GCC style). */
#ifndef VB_DIAG_H
#define VB_DIAG_H

#include <stdio.h>
#include <stddef.h>
#include "util.h"

struct source {
	char *name;  /* as given by the user */
	char *text;  /* NUL-terminated, NFC-normalised UTF-8 */
	size_t len;
	size_t *line_start;
	size_t nlines;
	/* The last column looked up, so that many positions on one long line
	 * (a flow mapping, a CSV row) cost the distance from the last, not
	 * from the start of the line. */
	struct colmemo *memo;
};

struct pos {
	const struct source *src;
	int line, col; /* 1-based; line 0 = the file as a whole */
};

/* Takes ownership of text. */
struct source *source_new(const char *name, char *text, size_t len);
void source_free(struct source *s);
/* Byte offset -> position; and 1-based line/col -> byte offset. */
struct pos source_pos(const struct source *s, size_t offset);
size_t source_offset(const struct source *s, int line, int col);

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

struct diagnostic {
	enum severity sev;
	struct pos pos;
	char *msg;
	size_t seq; /* insertion order, to keep the sort stable */
	struct pos key; /* sort position: a note sorts with the error before it */
	size_t keyseq;
};

struct diag {
	VEC(struct diagnostic) list;
	int errors;
};

/* Keeps the first of each message added since index `from` (the same
 * error for every row of a batch), noting how many more there were:
 * "(the same for 101 more awardees)". */
void diag_fold_repeats(struct diag *d, size_t from, const char *what);
void diag_add(struct diag *d, enum severity sev, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_error(struct diag *d, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints every diagnostic, sorted by file then position; empties d. */
void diag_print(struct diag *d, FILE *out);
void diag_free(struct diag *d);

/* Every file read for one document, kept so diagnostics can quote them. */
struct srcset {
	VEC(struct source *) v;
};
/* Reads path, checks that it is UTF-8 (an error names the first bad byte's
 * line:col) and NFC-normalises it. Returns NULL after a diagnostic at
 * `from` (the place that named the file) if it cannot be read. */
struct source *srcset_load(struct srcset *set, const char *path, const char *display,
			   struct pos from, struct diag *d);
/* The same checks for bytes already in memory (takes ownership of raw). */
struct source *srcset_take(struct srcset *set, const char *display, char *raw, size_t len,
			   struct diag *d);
/* Registers text already in memory as it is (takes ownership). */
struct source *srcset_add(struct srcset *set, const char *name, char *text, size_t len);
void srcset_free(struct srcset *set);

/* A position with no file. */
struct pos pos_none(void);

#endif
