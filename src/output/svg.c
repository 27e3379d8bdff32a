/* svg.c - laid-out pages as SVG, for the browser's preview and for
 * `render -f svg`. Every item where the PDF backend puts it: a word's
 * baseline at its (x, y), in points, y down from the top edge (SVG's own
 * direction, so nothing is turned over). Fonts come through @font-face
 * from what the caller names (a URL, or a data: URI of the subset);
 * images are embedded as data: URIs. Numbers in the C locale. */
#include "output.h"

#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void svg_data_uri(struct buf *out, const char *mime, const void *data, size_t len)
{
	const unsigned char *p = data;
	buf_printf(out, "data:%s;base64,", mime);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		char q[4] = {b64[v >> 18], b64[(v >> 12) & 63],
			     i + 1 < len ? b64[(v >> 6) & 63] : '=', i + 2 < len ? b64[v & 63] : '='};
		buf_add(out, q, 4);
	}
}

/* A number with at most three decimals (two for millimetres), trailing
 * zeros dropped. */
static void num_prec(struct buf *b, double v, int prec)
{
	char s[48];
	snprintf(s, sizeof s, "%.*f", prec, v);
	char *e = s + strlen(s);
	while (e[-1] == '0')
		*--e = 0;
	if (e[-1] == '.')
		*--e = 0;
	buf_puts(b, strcmp(s, "-0") ? s : "0");
}

static void num(struct buf *b, double v)
{
	num_prec(b, v, 3);
}

/* Points as millimetres. */
static void mm(struct buf *b, double pt)
{
	num_prec(b, pt * 25.4 / 72, 2);
	buf_puts(b, "mm");
}

static void color(struct buf *b, const char *attr, uint32_t c)
{
	buf_printf(b, " %s=\"#%06x\"", attr, (unsigned)(c & 0xFFFFFF));
}

/* The faces as classes: family vbN (the style's font file), weight and
 * slant said too, so a missing font falls back to the right serif. No
 * kerning or ligatures: the PDF has none, and word widths must agree. */
static void style_block(struct buf *b, const char *const font_src[F_NFACES])
{
	static const char *const weight[] = {"normal", "bold", "normal", "bold"};
	static const char *const slant[] = {"normal", "normal", "italic", "italic"};
	buf_puts(b, "<style>");
	for (int f = 0; f < F_NFACES; f++)
		if (font_src && font_src[f])
			buf_printf(b, "@font-face{font-family:vb%d;src:url(\"%s\")}", f, font_src[f]);
	for (int f = 0; f < F_NFACES; f++)
		buf_printf(b, ".f%d{font-family:vb%d,'Liberation Serif',serif;font-weight:%s;"
			   "font-style:%s}", f, f, weight[f], slant[f]);
	buf_puts(b, "text{white-space:pre;font-kerning:none;font-variant-ligatures:none;"
		 "text-rendering:geometricPrecision}</style>");
}

/* An image file as a data: URI, fitted in its box as the PDF fits it
 * (proportions kept, centred). A file that cannot be read is left out:
 * the input stage has read it once already. */
/* x="" y="" width="" height="" of an item's box, a space before. */
static void box_attrs(struct buf *b, const struct fitem *it)
{
	buf_puts(b, " x=\"");
	num(b, it->x);
	buf_puts(b, "\" y=\"");
	num(b, it->y);
	buf_puts(b, "\" width=\"");
	num(b, it->x2 - it->x);
	buf_puts(b, "\" height=\"");
	num(b, it->y2 - it->y);
	buf_puts(b, "\"");
}

static void image(struct buf *b, const struct fitem *it)
{
	size_t len;
	char *data = read_file(it->text, &len);
	if (!data)
		return;
	const char *mime = len > 3 && !memcmp(data, "\xFF\xD8\xFF", 3) ? "image/jpeg" : "image/png";
	buf_puts(b, "<image");
	box_attrs(b, it);
	buf_puts(b, " preserveAspectRatio=\"xMidYMid meet\" href=\"");
	svg_data_uri(b, mime, data, len);
	buf_puts(b, "\"/>\n");
	free(data);
}

static void rule(struct buf *b, const struct fitem *it)
{
	if (it->kind == FI_RULE) {
		buf_puts(b, "<line x1=\"");
		num(b, it->x);
		buf_puts(b, "\" y1=\"");
		num(b, it->y);
		buf_puts(b, "\" x2=\"");
		num(b, it->x2);
		buf_puts(b, "\" y2=\"");
		num(b, it->y2);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, "<rect fill=\"none\"");
		box_attrs(b, it);
	}
	color(b, "stroke", it->color);
	buf_puts(b, " stroke-width=\"");
	num(b, it->width);
	buf_puts(b, "\"/>\n");
}

static void text(struct buf *b, const struct fitem *it)
{
	buf_printf(b, "<text class=\"f%d\" x=\"", it->face & 3);
	num(b, it->x);
	buf_puts(b, "\" y=\"");
	num(b, it->y);
	buf_puts(b, "\" font-size=\"");
	num(b, it->size);
	buf_puts(b, "\"");
	if (it->color)
		color(b, "fill", it->color);
	buf_puts(b, ">");
	xml_escape(b, it->text);
	buf_puts(b, "</text>\n");
}

/* The page's items in the PDF's order: images (a seal lies under the
 * signer's name), then lines and boxes, then the text. */
static void items(struct buf *b, const struct page *pg)
{
	for (size_t i = 0; i < pg->items.n; i++)
		if (pg->items.v[i].kind == FI_IMAGE)
			image(b, &pg->items.v[i]);
	for (size_t i = 0; i < pg->items.n; i++)
		if (pg->items.v[i].kind == FI_RULE || pg->items.v[i].kind == FI_RECT)
			rule(b, &pg->items.v[i]);
	for (size_t i = 0; i < pg->items.n; i++)
		if (pg->items.v[i].kind == FI_TEXT && pg->items.v[i].text && pg->items.v[i].text[0])
			text(b, &pg->items.v[i]);
}

/* The page's size in millimetres, its coordinates in points. */
static void page_open(struct buf *b, const struct layout *lo, double x, double y, bool root)
{
	buf_puts(b, "<svg");
	if (root)
		buf_puts(b, " xmlns=\"http://www.w3.org/2000/svg\"");
	if (!root) {
		buf_puts(b, " x=\"");
		num(b, x);
		buf_puts(b, "\" y=\"");
		num(b, y);
		buf_puts(b, "\" width=\"");
		num(b, lo->page_w);
		buf_puts(b, "\" height=\"");
		num(b, lo->page_h);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, " width=\"");
		mm(b, lo->page_w);
		buf_puts(b, "\" height=\"");
		mm(b, lo->page_h);
		buf_puts(b, "\"");
	}
	buf_puts(b, " viewBox=\"0 0 ");
	num(b, lo->page_w);
	buf_puts(b, " ");
	num(b, lo->page_h);
	buf_puts(b, "\">\n");
}

static void background(struct buf *b)
{
	buf_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
}

char *svg_page(const struct layout *lo, size_t p, const char *const font_src[F_NFACES])
{
	struct buf b = {0};
	page_open(&b, lo, 0, 0, true);
	style_block(&b, font_src);
	buf_puts(&b, "\n");
	background(&b);
	items(&b, &lo->pages.v[p]);
	buf_puts(&b, "</svg>\n");
	return buf_take(&b);
}

/* The pages one under the other, SVG_GAP points apart, as one file. */
enum { SVG_GAP = 18 };

char *svg_document(const struct layout *lo, const char *const font_src[F_NFACES])
{
	struct buf b = {0};
	size_t n = lo->pages.n;
	double h = n ? n * lo->page_h + (double)(n - 1) * SVG_GAP : lo->page_h;
	buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	mm(&b, lo->page_w);
	buf_puts(&b, "\" height=\"");
	mm(&b, h);
	buf_puts(&b, "\" viewBox=\"0 0 ");
	num(&b, lo->page_w);
	buf_puts(&b, " ");
	num(&b, h);
	buf_puts(&b, "\">\n");
	style_block(&b, font_src);
	buf_puts(&b, "\n");
	for (size_t p = 0; p < n; p++) {
		buf_printf(&b, "<g id=\"page-%zu\">\n", p + 1);
		page_open(&b, lo, 0, (double)p * (lo->page_h + SVG_GAP), false);
		background(&b);
		items(&b, &lo->pages.v[p]);
		buf_puts(&b, "</svg>\n</g>\n");
	}
	buf_puts(&b, "</svg>\n");
	return buf_take(&b);
}
