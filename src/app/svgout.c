/* svgout.c - the pages as one SVG file that needs nothing beside it: each
 * face's subset font (the code points drawn, as the PDF embeds them) in a
 * data: URI. */
#include "app.h"

#include <stdlib.h>
#include <string.h>

int make_svg(const struct layout *lo, struct fonts *fonts, char **out, size_t *len,
	     struct diag *d)
{
	uint8_t *used = xcalloc(F_NFACES, 0x10000);
	for (size_t p = 0; p < lo->pages.n; p++)
		for (size_t i = 0; i < lo->pages.v[p].items.n; i++) {
			const struct fitem *it = &lo->pages.v[p].items.v[i];
			if (it->kind != FI_TEXT)
				continue;
			for (const char *s = it->text; *s;) {
				int32_t cp = utf8_next(&s);
				if (cp >= 0 && cp < 0x10000)
					used[(size_t)it->face * 0x10000 + (size_t)cp] = 1;
			}
		}
	int32_t *cps = xmalloc(0x10000 * sizeof *cps);
	struct buf uri[F_NFACES] = {{0}};
	const char *src[F_NFACES] = {0};
	int rc = 0;
	for (int f = 0; f < F_NFACES && !rc; f++) {
		size_t n = 0, flen = 0;
		for (int32_t c = 0; c < 0x10000; c++)
			if (used[(size_t)f * 0x10000 + (size_t)c])
				cps[n++] = c;
		if (!n)
			continue;
		char *font = fonts_subset(fonts, f, cps, n, false, &flen);
		if (!font) {
			diag_error(d, pos_none(), "cannot make a subset of the font for face %d", f);
			rc = 3;
			break;
		}
		svg_data_uri(&uri[f], "font/ttf", font, flen);
		src[f] = uri[f].data;
		free(font);
	}
	if (!rc) {
		*out = svg_document(lo, src);
		*len = strlen(*out);
	}
	for (int f = 0; f < F_NFACES; f++)
		buf_free(&uri[f]);
	free(cps);
	free(used);
	return rc;
}

char *make_svg_pages(const struct layout *lo, const struct style *st, const char *url_prefix,
		     size_t *len)
{
	char *url[F_NFACES];
	for (int f = 0; f < F_NFACES; f++) {
		const char *base = strrchr(st->font_file[f], '/');
		struct buf u = {0};
		buf_printf(&u, "%s%s", url_prefix, base ? base + 1 : st->font_file[f]);
		url[f] = buf_take(&u);
	}
	struct buf b = {0};
	for (size_t p = 0; p < lo->pages.n; p++) {
		char *s = svg_page(lo, p, (const char *const *)url);
		if (p)
			buf_putc(&b, '\f');
		buf_puts(&b, s);
		free(s);
	}
	for (int f = 0; f < F_NFACES; f++)
		free(url[f]);
	if (!b.data)
		buf_puts(&b, "");
	*len = b.len;
	return buf_take(&b);
}
