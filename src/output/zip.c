/* zip.c - a ZIP archive in memory (the package of a .docx), the only file
 * with zlib. Entries are deflated (raw deflate, zlib's level 9) and
 * stored in the order they were added, every one dated 1980-01-01 00:00
 * (the format's earliest time): the same parts give the same bytes. */
#include "output.h"
#include "base/base.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct zip_entry {
	char *name;
	uint32_t crc, csize, usize, offset;
	uint16_t method;
};

struct zip {
	struct buf out;
	VEC(struct zip_entry) e;
};

static void put16(struct buf *b, unsigned v)
{
	char c[2] = {(char)(v & 0xff), (char)((v >> 8) & 0xff)};
	buf_add(b, c, 2);
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

struct zip *zip_new(void)
{
	return xcalloc(1, sizeof(struct zip));
}

/* Raw deflate of data into *out; false when zlib fails. */
static bool deflate_all(const void *data, size_t len, struct buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	uLong cap = deflateBound(&z, (uLong)len);
	char *dst = xmalloc(cap ? cap : 1);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)dst;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	bool ok = rc == Z_STREAM_END;
	if (ok)
		buf_add(out, dst, z.total_out);
	deflateEnd(&z);
	free(dst);
	return ok;
}

bool zip_add(struct zip *z, const char *name, const void *data, size_t len)
{
	if (len > 0x7fffffffu)
		return false;
	struct buf packed = {0};
	struct zip_entry e = {0};
	e.name = xstrdup(name);
	e.crc = (uint32_t)crc32(crc32(0, Z_NULL, 0), (const Bytef *)data, (uInt)len);
	e.usize = (uint32_t)len;
	e.offset = (uint32_t)z->out.len;
	e.method = 8;
	if (!deflate_all(data, len, &packed) || packed.len >= len) {
		/* Stored when deflate does not make it smaller (images). */
		packed.len = 0;
		buf_add(&packed, data, len);
		e.method = 0;
	}
	e.csize = (uint32_t)packed.len;
	struct buf *b = &z->out;
	put32(b, 0x04034b50);
	put16(b, 20);           /* version needed: 2.0 */
	put16(b, 0x0800);       /* names are UTF-8 */
	put16(b, e.method);
	put16(b, 0);            /* 00:00 */
	put16(b, (0 << 9) | (1 << 5) | 1); /* 1980-01-01 */
	put32(b, e.crc);
	put32(b, e.csize);
	put32(b, e.usize);
	put16(b, (unsigned)strlen(name));
	put16(b, 0);
	buf_puts(b, name);
	buf_add(b, packed.data ? packed.data : "", packed.len);
	buf_free(&packed);
	vec_push(&z->e, e);
	return true;
}

char *zip_finish(struct zip *z, size_t *len)
{
	struct buf *b = &z->out;
	uint32_t cd = (uint32_t)b->len;
	for (size_t i = 0; i < z->e.n; i++) {
		const struct zip_entry *e = &z->e.v[i];
		put32(b, 0x02014b50);
		put16(b, 20);   /* made by: MS-DOS, 2.0 */
		put16(b, 20);
		put16(b, 0x0800);
		put16(b, e->method);
		put16(b, 0);
		put16(b, (0 << 9) | (1 << 5) | 1);
		put32(b, e->crc);
		put32(b, e->csize);
		put32(b, e->usize);
		put16(b, (unsigned)strlen(e->name));
		put16(b, 0);    /* extra */
		put16(b, 0);    /* comment */
		put16(b, 0);    /* disk */
		put16(b, 0);    /* internal attributes */
		put32(b, 0);    /* external attributes */
		put32(b, e->offset);
		buf_puts(b, e->name);
	}
	uint32_t cdlen = (uint32_t)b->len - cd;
	put32(b, 0x06054b50);
	put16(b, 0);
	put16(b, 0);
	put16(b, (unsigned)z->e.n);
	put16(b, (unsigned)z->e.n);
	put32(b, cdlen);
	put32(b, cd);
	put16(b, 0);
	*len = b->len;
	char *r = buf_take(b);
	for (size_t i = 0; i < z->e.n; i++)
		free(z->e.v[i].name);
	vec_free(&z->e);
	free(z);
	return r;
}
