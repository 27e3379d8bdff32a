/* libFuzzer target: any bytes as a document (YAML or front matter +
 * Markdown) through validation, Markdown, layout and the text dump.
 * The first byte chooses the form: odd = .md, even = .yaml.
 * Build: make fuzz; run: build-fuzz/fuzz_document tests/fuzz/corpus */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "base/base.h"


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *name = data[0] & 1 ? "fuzz.md" : "fuzz.yaml";
	struct render_opts o = {.datadir = getenv("VANBAN_HOME") ? getenv("VANBAN_HOME") : ".",
				.format = OUT_DUMP};
	struct srcset files = {0};
	struct diag d = {0};
	char *raw = xmalloc(size);
	memcpy(raw, data + 1, size - 1);
	raw[size - 1] = 0; /* sources are NUL-terminated */
	struct source *src = srcset_take(&files, name, raw, size - 1, &d);
	char *out = NULL;
	size_t len = 0;
	if (src)
		render_source(&o, src, name, &files, &d, &out, &len);
	free(out);
	diag_free(&d);
	srcset_free(&files);
	return 0;
}
