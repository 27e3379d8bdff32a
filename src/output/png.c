/* png.c - libpng's simplified API: any PNG to 8-bit RGBA. */
#include "output.h"
#include "base/base.h"

#include <stdio.h>
#include <string.h>
#include <png.h>

unsigned char *png_rgba(const char *path, unsigned *w, unsigned *h, char *why, size_t n)
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&im, path)) {
		snprintf(why, n, "%s", im.message);
		return NULL;
	}
	im.format = PNG_FORMAT_RGBA;
	if (im.width > 10000 || im.height > 10000) {
		png_image_free(&im);
		snprintf(why, n, "the image is larger than 10000 pixels");
		return NULL;
	}
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(im));
	if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
		snprintf(why, n, "%s", im.message);
		free(px);
		png_image_free(&im);
		return NULL;
	}
	*w = im.width;
	*h = im.height;
	png_image_free(&im);
	return px;
}
