/* eblock.c - the block of an electronic document at the top right of page
 * 1 (NĐ 30/2020 Phụ lục I): for an attachment in a separate file its
 * number and signing time, for an electronic copy (ô 14) the copy's form,
 * the organisation that copies and the time; Times New Roman (the style's
 * regular face) 10 pt, upright, black. It sits in the top margin, above
 * the header, its lines flush right with the text. */
#include "layout_int.h"

#include <string.h>

enum { EBLOCK_SIZE = 10 };

void layout_eblock(struct layout *lo, const char *const *lines, size_t n,
		   const struct style *st, const struct metrics *m)
{
	if (!n || !lo->pages.n)
		return;
	struct page *pg = &lo->pages.v[0];
	double pitch = EBLOCK_SIZE * 1.2, right = st->page_w - st->margin_right;
	/* The last baseline a little above the top margin, where the header starts. */
	double y = st->margin_top - EBLOCK_SIZE * 0.6 - pitch * (double)(n - 1);
	if (y < EBLOCK_SIZE)
		y = EBLOCK_SIZE;
	for (size_t i = 0; i < n; i++, y += pitch) {
		double w = text_width(m, F_REGULAR, EBLOCK_SIZE, lines[i], strlen(lines[i]));
		struct fitem it = {0};
		it.kind = FI_TEXT;
		it.x = right - w;
		it.y = y;
		it.face = F_REGULAR;
		it.size = EBLOCK_SIZE;
		it.text = arena_strdup(&lo->arena, lines[i]);
		vec_push(&pg->items, it);
	}
}
