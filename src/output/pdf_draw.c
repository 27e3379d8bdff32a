/* pdf_draw.c - a page's own items in PDF: images, rules and boxes, text.
 * Words are placed one by one because Tw does not apply to two-byte
 * codes; lines are drawn outside BT/ET. */
#include "pdf_int.h"

#include <stdlib.h>
#include <string.h>
#include <hpdf_utils.h>

/* HPDF_Page_TextOut, written here: libharu's measures the text again (to
 * advance a position nothing here reads) and runs it through its UTF-8
 * decoder a byte at a call, a fifth of the time of a short document. The
 * bytes are libharu's: the move from the start of the line computed as it
 * computes it (HPDF_REAL arithmetic, its number format), then the codes
 * (Unicode, two bytes each, as its UTF-8 encoder gives them; past U+FFFF a
 * space) in upper-case hex. */
static void show_text(struct pdf *p, HPDF_Page page, HPDF_REAL xa, HPDF_REAL ya, const char *s)
{
	HPDF_PageAttr a = page->attr;
	HPDF_TransMatrix m = a->text_matrix;
	if (m.a == 0 || HPDF_Page_CheckState(page, HPDF_GMODE_TEXT_OBJECT) != HPDF_OK ||
	    !a->gstate->font) {
		HPDF_Page_TextOut(page, xa, ya, s);
		return;
	}
	HPDF_REAL y = (ya - m.y - (xa - m.x) * m.b / m.a) / (m.d - m.c * m.b / m.a);
	HPDF_REAL x = (xa - m.x - y * m.c) / m.a;
	struct buf *o = &p->ops;
	o->len = 0;
	/* HPDF_FToA gives the end of the digits, no NUL. */
	char num[HPDF_TMP_BUF_SIZ];
	buf_add(o, num, (size_t)(HPDF_FToA(num, x, num + sizeof num - 1) - num));
	buf_putc(o, ' ');
	buf_add(o, num, (size_t)(HPDF_FToA(num, y, num + sizeof num - 1) - num));
	buf_puts(o, " Td\012<");
	static const char hex[] = "0123456789ABCDEF";
	while (*s) {
		int32_t cp = utf8_next(&s);
		if (cp < 0)
			continue;
		if (cp > 0xFFFF)
			cp = ' ';
		char h[4] = {hex[cp >> 12], hex[cp >> 8 & 15], hex[cp >> 4 & 15], hex[cp & 15]};
		buf_add(o, h, 4);
	}
	buf_puts(o, "> Tj\012");
	HPDF_Stream_Write(a->stream, (const HPDF_BYTE *)o->data, (HPDF_UINT)o->len);
	a->text_matrix.x += x * m.a + y * m.c;
	a->text_matrix.y += y * m.d + x * m.b;
	a->text_pos.x = a->text_matrix.x;
	a->text_pos.y = a->text_matrix.y;
}

/* libharu takes at most 64 KiB in one string: longer text (a word of a
 * megabyte) goes out in pieces, cut between characters. */
static void text_out(struct pdf *p, HPDF_Page page, double x, double y, const char *s)
{
	enum { PIECE = 16384 };
	size_t n = strlen(s);
	if (n <= PIECE) {
		show_text(p, page, (HPDF_REAL)x, (HPDF_REAL)y, s);
		return;
	}
	char *buf = xmalloc(PIECE + 4);
	for (size_t i = 0; i < n;) {
		size_t k = n - i < PIECE ? n - i : PIECE;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		memcpy(buf, s + i, k);
		buf[k] = 0;
		show_text(p, page, (HPDF_REAL)x, (HPDF_REAL)y, buf);
		x += HPDF_Page_TextWidth(page, buf);
		i += k;
	}
	free(buf);
}

static void set_stroke(HPDF_Page page, uint32_t color)
{
	HPDF_Page_SetRGBStroke(page, (HPDF_REAL)((color >> 16) & 255) / 255,
			       (HPDF_REAL)((color >> 8) & 255) / 255, (HPDF_REAL)(color & 255) / 255);
}

/* PDF/A-1 has no soft masks: the image's transparent pixels are given a
 * colour no opaque pixel has, and that colour is masked out (a colour-key
 * mask, which PDF/A-1 allows). Half-transparent pixels become opaque. */
static HPDF_Image archival_image(struct pdf *p, const struct png_pixels *im)
{
	size_t n = (size_t)im->w * im->h;
	const unsigned char *px = im->px;
	unsigned char *rgb = xmalloc(n * 3 + 1);
	static const unsigned char keys[][3] = {{255, 0, 255}, {1, 254, 2}, {0, 255, 254},
						{254, 1, 253}, {3, 2, 251}};
	int key = -1;
	for (int k = 0; k < 5 && key < 0; k++) {
		bool used = false;
		for (size_t i = 0; i < n && !used; i++)
			used = px[4 * i + 3] >= 128 && !memcmp(px + 4 * i, keys[k], 3);
		if (!used)
			key = k;
	}
	if (key < 0)
		key = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *c = px[4 * i + 3] >= 128 ? px + 4 * i : keys[key];
		memcpy(rgb + 3 * i, c, 3);
	}
	HPDF_Image img = HPDF_LoadRawImageFromMem(p->doc, rgb, im->w, im->h, HPDF_CS_DEVICE_RGB, 8);
	free(rgb);
	if (!img || p->error)
		return NULL;
	HPDF_Image_SetColorMask(img, keys[key][0], keys[key][0], keys[key][1], keys[key][1],
				keys[key][2], keys[key][2]);
	return img;
}

/* The pixels as an RGB image and, when the file has transparency, a
 * DeviceGray soft mask: the objects, keys and order libharu's own PNG
 * loader writes, so the output is the same. libharu 2.3.0 would leave
 * the mask uncompressed; it is compressed like the image. */
static HPDF_Image masked_image(struct pdf *p, const struct png_pixels *im)
{
	size_t n = (size_t)im->w * im->h;
	unsigned char *rgb = xmalloc(n * 3 + 1);
	for (size_t i = 0; i < n; i++)
		memcpy(rgb + 3 * i, im->px + 4 * i, 3);
	HPDF_Image img = HPDF_LoadRawImageFromMem(p->doc, rgb, im->w, im->h, HPDF_CS_DEVICE_RGB, 8);
	free(rgb);
	if (!img || p->error || !im->alpha)
		return p->error ? NULL : img;
	HPDF_Dict sm = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
	if (!sm)
		return NULL;
	sm->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	sm->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
	HPDF_Dict_AddName(sm, "Type", "XObject");
	HPDF_Dict_AddName(sm, "Subtype", "Image");
	HPDF_Dict_AddNumber(sm, "Width", im->w);
	HPDF_Dict_AddNumber(sm, "Height", im->h);
	HPDF_Dict_AddName(sm, "ColorSpace", "DeviceGray");
	HPDF_Dict_AddNumber(sm, "BitsPerComponent", 8);
	unsigned char *a = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		a[i] = im->px[4 * i + 3];
	HPDF_Stream_Write(sm->stream, a, (HPDF_UINT)n);
	free(a);
	HPDF_Dict_Add(img, "SMask", sm);
	return p->error ? NULL : img;
}

/* An image file as a PDF image, decoded by our PNG or JPEG wrapper (the input
 * stage has already read it once, so a failure here is rare). */
static HPDF_Image load_image(struct pdf *p, const char *path, struct diag *d)
{
	struct png_pixels im;
	char why[256];
	if (!image_rgba(path, &im, why, sizeof why)) {
		diag_error(d, pos_none(), "'%s' %s", diag_quote(d, path), why);
		p->failed = true;
		return NULL;
	}
	HPDF_Image img = p->pdfa ? archival_image(p, &im) : masked_image(p, &im);
	free(im.px);
	if (!img) {
		diag_error(d, pos_none(), "cannot use the image '%s' (PDF library error 0x%04X)",
			   diag_quote(d, path), (unsigned)p->error);
		p->failed = true;
	}
	return img;
}

/* An image fitted into the item's box, proportions kept, centred. Each
 * file is loaded once per document. */
static void draw_image(struct pdf *p, HPDF_Page page, const struct fitem *it, double H,
		       struct diag *d)
{
	HPDF_Image img = NULL;
	for (size_t i = 0; i < p->images.n; i++)
		if (!strcmp(p->images.v[i].path, it->text))
			img = p->images.v[i].img;
	if (!img) {
		img = load_image(p, it->text, d);
		if (!img)
			return;
		struct loaded_image li = {it->text, img};
		vec_push(&p->images, li);
	}
	double iw = HPDF_Image_GetWidth(img), ih = HPDF_Image_GetHeight(img);
	double bw = it->x2 - it->x, bh = it->y2 - it->y;
	if (iw <= 0 || ih <= 0 || bw <= 0 || bh <= 0)
		return;
	double w = bw, h = bw * ih / iw;
	if (h > bh) {
		h = bh;
		w = bh * iw / ih;
	}
	double x = it->x + (bw - w) / 2, y = it->y + (bh - h) / 2;
	HPDF_Page_DrawImage(page, img, (HPDF_REAL)x, (HPDF_REAL)(H - y - h), (HPDF_REAL)w,
			    (HPDF_REAL)h);
}

static void draw_rules(HPDF_Page page, const struct page *pg, const struct pdf_shared *s,
		       double H)
{
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		if ((it->kind != FI_RULE && it->kind != FI_RECT) || pdf_form_draws(s, it))
			continue;
		set_stroke(page, it->color);
		HPDF_Page_SetLineWidth(page, (HPDF_REAL)it->width);
		if (it->kind == FI_RULE) {
			HPDF_Page_MoveTo(page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y));
			HPDF_Page_LineTo(page, (HPDF_REAL)it->x2, (HPDF_REAL)(H - it->y2));
		} else {
			HPDF_Page_Rectangle(page, (HPDF_REAL)it->x, (HPDF_REAL)(H - it->y2),
					    (HPDF_REAL)(it->x2 - it->x), (HPDF_REAL)(it->y2 - it->y));
		}
		HPDF_Page_Stroke(page);
	}
}

/* The text in one BT/ET, the font and the colour set only when they
 * change. */
static void draw_text(struct pdf *p, HPDF_Page page, const struct page *pg,
		      const struct pdf_shared *s, double H)
{
	HPDF_Page_BeginText(page);
	int cur_face = -1;
	double cur_size = 0;
	uint32_t cur_color = 0;
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		if (it->kind != FI_TEXT || !it->text[0] || pdf_form_draws(s, it))
			continue;
		if (it->face != cur_face || it->size != cur_size) {
			HPDF_Page_SetFontAndSize(page, pdf_get_font(p, it->face), (HPDF_REAL)it->size);
			cur_face = it->face;
			cur_size = it->size;
		}
		if (it->color != cur_color) {
			HPDF_Page_SetRGBFill(page, (HPDF_REAL)((it->color >> 16) & 255) / 255,
					     (HPDF_REAL)((it->color >> 8) & 255) / 255,
					     (HPDF_REAL)(it->color & 255) / 255);
			cur_color = it->color;
		}
		text_out(p, page, it->x, H - it->y, it->text);
	}
	HPDF_Page_EndText(page);
}

bool pdf_draw_page(struct pdf *p, const struct layout *lo, const struct page *pg,
		   const struct pdf_shared *s, struct diag *d)
{
	HPDF_Page page = HPDF_AddPage(p->doc);
	if (!page || p->error)
		return false;
	HPDF_Page_SetWidth(page, (HPDF_REAL)lo->page_w);
	HPDF_Page_SetHeight(page, (HPDF_REAL)lo->page_h);
	double H = lo->page_h;
	pdf_page_share(s, page, pg);
	/* Images first (a seal lies under the signer's name), then lines
	 * and boxes, then the text. */
	for (size_t i = 0; i < pg->items.n; i++) {
		const struct fitem *it = &pg->items.v[i];
		if (it->kind == FI_IMAGE)
			draw_image(p, page, it, H, d);
	}
	if (p->error || p->failed)
		return false;
	draw_rules(page, pg, s, H);
	set_stroke(page, 0);
	draw_text(p, page, pg, s, H);
	return true;
}
