/* png.h - PNG decoding (libpng), the only file that includes libpng. */
#ifndef VB_PNG_H
#define VB_PNG_H

#include <stddef.h>
#include <stdbool.h>

/* Decodes a PNG file to 8-bit RGBA, row by row; returns malloc'd pixels or
 * NULL (with a reason in why). */
unsigned char *png_rgba(const char *path, unsigned *w, unsigned *h, char *why, size_t n);

#endif
