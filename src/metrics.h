/* metrics.h - font measurements as layout sees them. The real fonts come
 * from the PDF backend (pdf_haru.c); tests pass fake metrics. Widths are in
 * thousandths of an em, exactly as the PDF's /W array will state them, so
 * what is measured is what is drawn. */
#ifndef VB_METRICS_H
#define VB_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct metrics {
	void *ctx;
	int (*advance)(void *ctx, int face, int32_t cp);
	bool (*has_glyph)(void *ctx, int face, int32_t cp);
};

/* Width in points of s[0..n) in face at size. */
double text_width(const struct metrics *m, int face, double size, const char *s, size_t n);

#endif
