/* deflate.c - the only file that includes libdeflate: zlib-format
 * compression (RFC 1950), what PDF's FlateDecode reads.
 *
 * libdeflate compresses a whole buffer at once. At its level 6 it is about
 * twice as fast as zlib at zlib's default level (also 6, what libharu uses)
 * and its output is smaller, so files get no larger for the speed. */
#include "base.h"

#include <libdeflate.h>

struct deflater {
	struct libdeflate_compressor *c;
};

struct deflater *deflater_new(int level)
{
	struct deflater *z = xmalloc(sizeof *z);
	z->c = libdeflate_alloc_compressor(level);
	if (!z->c)
		out_of_memory();
	return z;
}

void deflate_into(struct deflater *z, const void *in, size_t n, struct buf *out)
{
	size_t bound = libdeflate_zlib_compress_bound(z->c, n);
	if (out->cap - out->len < bound + 1) {
		out->cap = out->len + bound + 1;
		out->data = xrealloc(out->data, out->cap);
	}
	size_t got = libdeflate_zlib_compress(z->c, in, n, out->data + out->len, bound);
	/* Within the bound, compression cannot fail. */
	out->len += got;
	out->data[out->len] = 0;
}

void deflater_free(struct deflater *z)
{
	if (!z)
		return;
	libdeflate_free_compressor(z->c);
	free(z);
}
