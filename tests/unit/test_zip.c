/* zip.c: the archive's records where the format puts them, entries in the
 * order added with their CRC and a fixed date, deflated when that is
 * smaller, and the same entries giving the same bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "output/output.h"

static unsigned u16(const char *p)
{
	return (unsigned)(unsigned char)p[0] | (unsigned)(unsigned char)p[1] << 8;
}

static uint32_t u32(const char *p)
{
	return u16(p) | (uint32_t)u16(p + 2) << 16;
}

static char *two_entries(size_t *len)
{
	struct zip *z = zip_new();
	char text[4000];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = "Công văn "[i % 9];
	assert_true(zip_add(z, "word/document.xml", text, sizeof text));
	assert_true(zip_add(z, "a.bin", "\x01\x02\x03", 3));
	return zip_finish(z, len);
}

static void records_and_entries(void **state)
{
	(void)state;
	size_t len;
	char *b = two_entries(&len);
	/* The end record: two entries, the central directory before it. */
	const char *end = b + len - 22;
	assert_int_equal(u32(end), 0x06054b50);
	assert_int_equal(u16(end + 10), 2);
	const char *cd = b + u32(end + 16);
	assert_int_equal(u32(cd), 0x02014b50);
	/* The first entry: deflated, its name, dated 1980-01-01 00:00. */
	assert_int_equal(u32(b), 0x04034b50);
	assert_int_equal(u16(b + 8), 8);
	assert_int_equal(u16(b + 10), 0);
	assert_int_equal(u16(b + 12), (1 << 5) | 1);
	assert_int_equal(u16(b + 26), strlen("word/document.xml"));
	assert_memory_equal(b + 30, "word/document.xml", 17);
	uint32_t csize = u32(b + 18), usize = u32(b + 22);
	assert_int_equal(usize, 4000);
	assert_true(csize < 200);
	/* Inflated, it is the text again, and the CRC is its CRC. */
	char out[4000];
	z_stream zs = {0};
	assert_int_equal(inflateInit2(&zs, -15), Z_OK);
	zs.next_in = (Bytef *)(b + 30 + 17);
	zs.avail_in = csize;
	zs.next_out = (Bytef *)out;
	zs.avail_out = sizeof out;
	assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
	inflateEnd(&zs);
	assert_int_equal(zs.total_out, 4000);
	assert_memory_equal(out, "Công văn ", 9);
	assert_int_equal(u32(b + 14), crc32(0, (const Bytef *)out, 4000));
	/* The second: three bytes stored as they are, after the first. */
	const char *h2 = b + 30 + 17 + csize;
	assert_int_equal(u32(h2), 0x04034b50);
	assert_int_equal(u16(h2 + 8), 0);
	assert_memory_equal(h2 + 30, "a.bin\x01\x02\x03", 8);
	free(b);
}

static void same_entries_same_bytes(void **state)
{
	(void)state;
	size_t l1, l2;
	char *a = two_entries(&l1), *b = two_entries(&l2);
	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(records_and_entries),
		cmocka_unit_test(same_entries_same_bytes),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
