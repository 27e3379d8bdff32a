/* libFuzzer target: any bytes as a house style file, through the source
 * checks, the YAML loader, the schema (keys, units, ranges), `base:`
 * chains and the cross-field checks. style_load reads a file, so each
 * input is written to /tmp/fuzz-style-<pid>.yaml first; the data
 * directory is the current one, so `base: nd30` finds
 * templates/styles/nd30.yaml when run from the repository root.
 * Build: make fuzz; run: build-fuzz/fuzz_style tests/fuzz/corpus-style */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input/input.h"
#include "base/base.h"

static char path[64];
static FILE *devnull;

static void cleanup(void)
{
	if (path[0])
		unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path[0]) {
		snprintf(path, sizeof path, "/tmp/fuzz-style-%ld.yaml", (long)getpid());
		atexit(cleanup);
		devnull = fopen("/dev/null", "w");
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	struct srcset files = {0};
	struct diag d = {0};
	struct style *st = style_load(path, pos_none(), ".", ".", &files, &d);
	if (st) {
		/* A style that loads has a usable page. */
		if (!(st->page_w > 0 && st->page_h > 0 && st->sz_body > 0))
			__builtin_trap();
		style_free(st);
	}
	if (devnull)
		diag_print(&d, devnull);
	diag_free(&d);
	srcset_free(&files);
	return 0;
}
