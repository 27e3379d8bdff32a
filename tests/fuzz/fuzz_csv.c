/* libFuzzer target: any bytes as a spreadsheet export (the award lists of
 * certificates) through the source checks (UTF-8, NFC, control
 * characters) and the CSV reader, then every diagnostic formatted.
 * Build: make fuzz; run: build-fuzz/fuzz_csv tests/fuzz/corpus-csv */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "base/base.h"

static FILE *devnull;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	struct csv t = {0};
	char *raw = xmalloc(size + 1);
	memcpy(raw, data, size);
	raw[size] = 0; /* sources are NUL-terminated */
	struct source *src = srcset_take(&files, "fuzz.csv", raw, size, &d);
	if (src && csv_parse(src, &t, &ar, &d)) {
		/* Every field is readable text with a position in the file. */
		size_t sum = 0;
		for (size_t k = 0; k < t.ncols; k++)
			sum += strlen(t.head[k].s);
		for (size_t r = 0; r < t.rows.n; r++)
			for (size_t k = 0; k < t.ncols; k++) {
				const struct csv_field *f = &t.rows.v[r].f[k];
				sum += strlen(f->s);
				if (f->pos.line < 0 || f->pos.col < 0)
					__builtin_trap();
			}
		(void)sum;
	}
	if (devnull)
		diag_print(&d, devnull); /* quotes the lines: positions must be in range */
	csv_free(&t);
	arena_free(&ar);
	diag_free(&d);
	srcset_free(&files);
	return 0;
}
