/* csv.h - spreadsheet exports (Excel, LibreOffice) as a table of text.
 *
 * UTF-8 with or without a byte-order mark; fields separated by commas or
 * semicolons (whichever the header line uses); fields in double quotes may
 * hold separators, line breaks and doubled quotes. The first row names the
 * columns. Empty lines are skipped; a row with fewer fields than the
 * header is padded with empty ones, a row with more is an error. */
#ifndef VB_CSV_H
#define VB_CSV_H

#include "diag.h"

struct csv_field {
	const char *s;   /* arena */
	struct pos pos;
};

struct csv_row {
	struct csv_field *f;  /* ncols fields */
	int line;
};

struct csv {
	size_t ncols;
	struct csv_field *head;
	VEC(struct csv_row) rows;
	char sep;
};

/* Parses src; returns false after adding diagnostics. */
bool csv_parse(const struct source *src, struct csv *out, struct arena *ar, struct diag *d);
void csv_free(struct csv *c);

#endif
