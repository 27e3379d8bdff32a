/* jpeg.c - libjpeg-turbo: a JPEG file (what a scanner gives) to 8-bit
 * RGBA, the only file that includes jpeglib.h. libjpeg's errors longjmp
 * back here instead of exiting; its warnings (a truncated scan, stray
 * bytes) are errors too, since it would fill the rest with grey. */
#include "base.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

struct jerr {
	struct jpeg_error_mgr pub;
	jmp_buf jb;
	char msg[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr ci)
{
	struct jerr *e = (struct jerr *)ci->err;
	if (e->pub.msg_code == JERR_OUT_OF_MEMORY)
		out_of_memory();
	e->pub.format_message(ci, e->msg);
	longjmp(e->jb, 1);
}

static void on_message(j_common_ptr ci, int level)
{
	if (level < 0)
		on_error(ci);
}

/* RGB rows to RGBA in place, from the end so nothing is overwritten. */
static void widen(unsigned char *row, unsigned w)
{
	for (unsigned i = w; i-- > 0;) {
		row[4 * i + 3] = 255;
		row[4 * i + 2] = row[3 * i + 2];
		row[4 * i + 1] = row[3 * i + 1];
		row[4 * i] = row[3 * i];
	}
}

unsigned char *jpeg_rgba_mem(const void *data, size_t len, struct png_pixels *out, char *why,
			     size_t n)
{
	memset(out, 0, sizeof *out);
	struct jpeg_decompress_struct ci;
	struct jerr e;
	unsigned char *volatile px = NULL;
	ci.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = on_error;
	e.pub.emit_message = on_message;
	if (setjmp(e.jb)) {
		/* TRANSLATORS: follows a file name, as the other reasons
		 * here: "'photo.jpg' is ..." */
		snprintf(why, n, _("is a damaged JPEG image (%s)"), e.msg);
		goto fail;
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, data, (unsigned long)len);
	jpeg_read_header(&ci, TRUE);
	unsigned w = ci.image_width, h = ci.image_height;
	if (w > VB_PNG_MAX_SIDE || h > VB_PNG_MAX_SIDE ||
	    (unsigned long long)w * h > VB_PNG_MAX_PIXELS) {
		snprintf(why, n, _("is %u×%u pixels; an image may have at most %d a side and "
			 "%d million pixels in all"), w, h, VB_PNG_MAX_SIDE,
			 VB_PNG_MAX_PIXELS / 1000000);
		goto fail;
	}
	if (ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK) {
		snprintf(why, n, _("is a CMYK JPEG image; save it as RGB"));
		goto fail;
	}
	ci.out_color_space = JCS_RGB;
	jpeg_start_decompress(&ci);
	px = xmalloc((size_t)w * h * 4);
	while (ci.output_scanline < h) {
		JSAMPROW r = px + (size_t)ci.output_scanline * w * 4;
		jpeg_read_scanlines(&ci, &r, 1);
		widen(r, w);
	}
	jpeg_finish_decompress(&ci);
	jpeg_destroy_decompress(&ci);
	out->px = px;
	out->w = w;
	out->h = h;
	return px;
fail:
	jpeg_destroy_decompress(&ci);
	free(px);
	return NULL;
}

unsigned char *jpeg_rgba(const char *path, struct png_pixels *out, char *why, size_t n)
{
	size_t len;
	/* read_file takes "-" for standard input; an image named so is a file. */
	char *data = read_file(strcmp(path, "-") ? path : "./-", &len);
	if (!data) {
		memset(out, 0, sizeof *out);
		snprintf(why, n, _("cannot be read: %s"), errstr(errno));
		return NULL;
	}
	unsigned char *px = jpeg_rgba_mem(data, len, out, why, n);
	free(data);
	return px;
}

bool is_jpeg(const char *path)
{
	unsigned char h[3];
	FILE *f = fopen(path, "rb");
	bool yes = f && fread(h, 1, 3, f) == 3 && !memcmp(h, "\xff\xd8\xff", 3);
	if (f)
		fclose(f);
	return yes;
}

unsigned char *image_rgba(const char *path, struct png_pixels *out, char *why, size_t n)
{
	return is_jpeg(path) ? jpeg_rgba(path, out, why, n) : png_rgba(path, out, why, n);
}
