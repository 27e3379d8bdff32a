/* libFuzzer target: any bytes as a signed PDF through `vanban verify`'s
 * reader: cross-reference tables and trailers, objects, the form and its
 * signature fields, byte ranges, /Contents as a CMS. The chain is checked
 * against no certificate (an empty store), which fails fast.
 * Build: make fuzz; run: build-fuzz/fuzz_verify tests/fuzz/corpus-verify */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output/output.h"
#include "base/base.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Not NUL-terminated: the reader must keep within the bytes. */
	char *bytes = xmalloc(size ? size : 1);
	memcpy(bytes, data, size);
	struct sig_reports r;
	pdf_verify(bytes, size, "/dev/null", &r);
	for (size_t i = 0; i < r.v.n; i++)
		if (r.v.v[i].valid)
			__builtin_trap(); /* nothing verifies against an empty store */
	sig_reports_free(&r);
	free(bytes);
	return 0;
}
