/* png.c - libpng's simplified API: any PNG to 8-bit RGBA. The only file
 * that includes libpng; every PNG the program reads goes through here
 * (libharu never decodes one: its loader lets libpng abort on a damaged
 * file). The simplified API catches libpng's errors itself (setjmp in
 * png_safe_execute) and reports them in png_image.message. */
#include "base.h"

#include <stdio.h>
#include <string.h>
#include <png.h>

/* The size is checked from the header, before any pixel is decoded. */
static bool too_big(const png_image *im, char *why, size_t n)
{
	if (im->width <= VB_PNG_MAX_SIDE && im->height <= VB_PNG_MAX_SIDE &&
	    (unsigned long long)im->width * im->height <= VB_PNG_MAX_PIXELS)
		return false;
	/* TRANSLATORS: follows a file name, as the other reasons
	 * here: "'photo.png' is ..." */
	snprintf(why, n, _("is %u×%u pixels; an image may have at most %d a side and "
		 "%d million pixels in all"), (unsigned)im->width, (unsigned)im->height,
		 VB_PNG_MAX_SIDE, VB_PNG_MAX_PIXELS / 1000000);
	return true;
}

/* libpng says "Out of memory" (or "out of memory") when malloc fails. */
static void damaged(png_image *im, char *why, size_t n)
{
	if (strstr(im->message, "ut of memory") || strstr(im->message, "ut of Memory"))
		out_of_memory();
	snprintf(why, n, _("is a damaged PNG image (%s)"), im->message);
}

static unsigned char *finish(png_image *im, bool ok, struct png_pixels *out, char *why,
			     size_t n)
{
	if (!ok) {
		damaged(im, why, n);
		png_image_free(im);
		return NULL;
	}
	if (too_big(im, why, n)) {
		png_image_free(im);
		return NULL;
	}
	out->alpha = (im->format & PNG_FORMAT_FLAG_ALPHA) != 0;
	im->format = PNG_FORMAT_RGBA;
	unsigned char *px = xmalloc(PNG_IMAGE_SIZE(*im));
	if (!png_image_finish_read(im, NULL, px, 0, NULL)) {
		damaged(im, why, n);
		free(px);
		png_image_free(im);
		return NULL;
	}
	out->w = im->width;
	out->h = im->height;
	out->px = px;
	png_image_free(im);
	return px;
}

unsigned char *png_rgba(const char *path, struct png_pixels *out, char *why, size_t n)
{
	png_image im;
	memset(&im, 0, sizeof im);
	memset(out, 0, sizeof *out);
	im.version = PNG_IMAGE_VERSION;
	bool ok = png_image_begin_read_from_file(&im, path);
	return finish(&im, ok, out, why, n);
}

unsigned char *png_rgba_mem(const void *data, size_t len, struct png_pixels *out, char *why,
			    size_t n)
{
	png_image im;
	memset(&im, 0, sizeof im);
	memset(out, 0, sizeof *out);
	im.version = PNG_IMAGE_VERSION;
	bool ok = png_image_begin_read_from_memory(&im, data, len);
	return finish(&im, ok, out, why, n);
}
