/* metrics.c - measuring strings through struct metrics. */
#include "base.h"

double text_width(const struct metrics *m, int face, double size, const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	long units = 0;
	while (p < e)
		units += m->advance(m->ctx, face, utf8_next(&p));
	return (double)units * size / 1000.0;
}
