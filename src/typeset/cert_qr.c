/* cert_qr.c - a QR code drawn as vector squares, and its place on a
 * certificate. Each run of dark modules in a row is one rule a module
 * thick (butt ends), so the symbol is exact at any scale and costs a few
 * hundred path segments, not an image. */
#include "layout_int.h"

void layout_qr(struct page *pg, const struct qr *q, double x, double y, double size)
{
	double m = size / q->width;
	for (int r = 0; r < q->width; r++) {
		const unsigned char *row = q->dark + (size_t)r * (size_t)q->width;
		for (int k = 0; k < q->width;) {
			if (!row[k]) {
				k++;
				continue;
			}
			int e = k;
			while (e < q->width && row[e])
				e++;
			struct fitem it = {0};
			it.kind = FI_RULE;
			it.x = x + k * m;
			it.x2 = x + e * m;
			it.y = it.y2 = y + (r + 0.5) * m;
			it.width = m;
			vec_push(&pg->items, it);
			k = e;
		}
	}
}

/* On the design sheet (297 x 210 mm, scaled to the paper), in mm: at the
 * bottom, centred between the decision's lines on the left and the
 * signature on the right, where the layouts put no text, clear of the
 * inner frame. */
enum { CERT_QR_MM = 22, CERT_QR_GAP_MM = 4 };

void cert_qr_place(const struct cert *c, double *x, double *y, double *size)
{
	double mm = CERT_QR_MM, bottom = 210 - c->inner_inset - CERT_QR_GAP_MM;
	if (!c->inner_w)
		bottom = 210 - 10.5 - CERT_QR_GAP_MM;
	*size = MM(mm * c->scale);
	*x = MM(c->ox + (297 - mm) / 2 * c->scale + (c->blank ? c->off_x : 0));
	*y = MM(c->oy + (bottom - mm) * c->scale + (c->blank ? c->off_y : 0));
}
