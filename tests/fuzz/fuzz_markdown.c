/* libFuzzer target: any bytes as a document body in Markdown, through the
 * source checks, cmark-gfm (tables included) into blocks, composition,
 * Knuth-Plass line breaking and pagination with a fixed document and the
 * nd30 style, and the text dump. Fonts are faked (widths depend on the
 * code point), so the rate is not bound by loading them.
 * Build: make fuzz; run: build-fuzz/fuzz_markdown tests/fuzz/corpus-md */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/input.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "base/base.h"
#include "../base_doc.h"

static int fake_advance(void *ctx, int face, int32_t cp)
{
	(void)ctx;
	if (cp == ' ')
		return 250;
	return 300 + (int)((uint32_t)cp * 37u % 500u) + (face & 1) * 40;
}

static bool fake_has(void *ctx, int face, int32_t cp)
{
	(void)ctx;
	(void)face;
	(void)cp;
	return true;
}

/* Ink as Liberation Serif Bold has it (Ẵ; y). */
static const struct metrics M = {NULL, fake_advance, fake_has, 916, 221};
static struct style *ST;
static struct srcset STYLE_FILES;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct diag d = {0};
	ST = style_load("nd30", pos_none(), ".", ".", &STYLE_FILES, &d);
	diag_print(&d, stderr);
	if (!ST) {
		fprintf(stderr, "fuzz_markdown: run from the repository root\n");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct srcset files = {0};
	struct diag d = {0};
	char *raw = xmalloc(size + 1);
	memcpy(raw, data, size);
	raw[size] = 0;
	/* As in the program: only valid UTF-8, NFC, without control characters. */
	struct source *src = srcset_take(&files, "fuzz.md", raw, size, &d);
	if (src) {
		struct arena ar = {0};
		struct blocks body = {0};
		struct layout lo = {0};
		struct doc doc;
		base_doc(&doc);
		doc.body = (struct mdtext){src->text, src, 1, 1, 0};
		if (md_parse(&doc.body, &body, &ar, &d)) {
			layout_document(&doc, &body, NULL, ST, &M, &lo, NULL);
			if (!lo.pages.n)
				__builtin_trap();
			char *dump = dump_layout(&lo);
			free(dump);
		}
		layout_free(&lo);
		blocks_free(&body);
		model_free(&doc);
		arena_free(&ar);
	}
	diag_free(&d);
	srcset_free(&files);
	return 0;
}
