/* dump.c - text dump of laid-out pages. Numbers are printed with two
 * decimals in the C locale (we never change LC_NUMERIC). */
#include "output.h"

static const char *const faces[] = {"R", "B", "I", "BI"};

char *dump_layout(const struct layout *lo)
{
	struct buf b = {0};
	for (size_t p = 0; p < lo->pages.n; p++) {
		const struct page *pg = &lo->pages.v[p];
		buf_printf(&b, "page %zu %.2f x %.2f\n", p + 1, lo->page_w, lo->page_h);
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind == FI_TEXT && it->color)
				buf_printf(&b, "  text %7.2f %7.2f %-2s %5.2f #%06X \"%s\"\n", it->x, it->y,
					   faces[it->face & 3], it->size, (unsigned)it->color, it->text);
			else if (it->kind == FI_TEXT)
				buf_printf(&b, "  text %7.2f %7.2f %-2s %5.2f \"%s\"\n", it->x, it->y,
					   faces[it->face & 3], it->size, it->text);
			else if (it->kind == FI_RULE || it->kind == FI_RECT)
				buf_printf(&b, "  %s %7.2f %7.2f %7.2f %7.2f w %.2f\n",
					   it->kind == FI_RULE ? "rule" : "rect", it->x, it->y, it->x2,
					   it->y2, it->width);
			else
				buf_printf(&b, "  image %7.2f %7.2f %7.2f %7.2f \"%s\"\n", it->x, it->y,
					   it->x2, it->y2, it->text);
		}
	}
	return buf_take(&b);
}
