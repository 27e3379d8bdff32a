/* libFuzzer target: any bytes as an image through the program's only
 * decoders: png_rgba_mem (the size limits from the header, then libpng's
 * simplified API to RGBA), or jpeg_rgba_mem (libjpeg-turbo) when the
 * bytes after the first start like a JPEG. Mutated PNG chunks nearly
 * always fail their CRC, which stops libpng before the interesting parts;
 * so when the first byte is odd, every chunk's CRC is recomputed first.
 * Build: make fuzz; run: build-fuzz/fuzz_png tests/fuzz/corpus-png */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static uint32_t crc_table[256];

static uint32_t crc32_of(const uint8_t *p, size_t n)
{
	if (!crc_table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 255] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

/* Rewrites the CRC of every whole chunk after the signature. */
static void fix_crcs(uint8_t *b, size_t n)
{
	size_t i = 8;
	while (i + 12 <= n) {
		uint32_t len = (uint32_t)b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3];
		if (len > n - i - 12)
			break;
		uint32_t c = crc32_of(b + i + 4, len + 4);
		uint8_t *q = b + i + 8 + len;
		q[0] = c >> 24, q[1] = c >> 16, q[2] = c >> 8, q[3] = c;
		i += 12 + len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	uint8_t *b = xmalloc(size);
	memcpy(b, data + 1, size - 1);
	bool jpeg = size >= 4 && !memcmp(b, "\xff\xd8\xff", 3);
	if (data[0] & 1 && !jpeg)
		fix_crcs(b, size - 1);
	struct png_pixels im;
	char why[256];
	if (jpeg ? jpeg_rgba_mem(b, size - 1, &im, why, sizeof why)
		 : png_rgba_mem(b, size - 1, &im, why, sizeof why)) {
		/* Within the limits, and every pixel readable. */
		if (!im.w || !im.h || im.w > VB_PNG_MAX_SIDE || im.h > VB_PNG_MAX_SIDE ||
		    (uint64_t)im.w * im.h > VB_PNG_MAX_PIXELS)
			__builtin_trap();
		unsigned sum = 0;
		for (size_t i = 0; i < (size_t)im.w * im.h * 4; i++)
			sum += im.px[i];
		(void)sum;
		free(im.px);
	} else if (!why[0] || strlen(why) >= sizeof why - 1) {
		__builtin_trap();
	}
	free(b);
	return 0;
}
