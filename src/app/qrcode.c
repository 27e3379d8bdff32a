/* qrcode.c - the verification codes of certificates: a QR code on each
 * that holds its number, date and awardee and a SHA-256 fingerprint of its
 * fields, after a URL prefix when one is given (`qr: {url: ...}` or
 * --qr-url), so that a public checker can be built on it and anyone who
 * holds a certificate can check it against the issuer's records.
 *
 * The fingerprint is the SHA-256 of the lines "vanban-qr-1", "so=NUMBER",
 * "ngay=DATE", "ten=NAME", then "KEY=VALUE" for every field of the
 * awardee's row in order, each line ending with "\n". */
#include "app.h"

#include <string.h>

/* A scalar's text, or "". */
static const char *scalar_of(const struct ynode *map, const char *key)
{
	const struct ynode *v = map && map->kind == Y_MAP ? ymap_get(map, key) : NULL;
	return v && v->kind == Y_SCALAR && v->str ? v->str : "";
}

char *cert_qr_text(const char *url, const struct cert *c, size_t i)
{
	struct arena ar = {0};
	const struct ynode *data = cert_data(c, i, &ar);
	const struct ynode *dec = ymap_get(data, "decision");
	const char *num = scalar_of(dec, "number"), *code = scalar_of(dec, "code");
	const char *date = scalar_of(data, "date"), *name = cert_awardee(c, i);
	struct buf so = {0};
	int n = atoi(num);
	char *vn = n > 0 ? vn_number(n) : xstrdup(num);
	buf_printf(&so, "%s%s%s", vn, *code ? "/" : "", code);
	free(vn);
	struct buf f = {0};
	buf_printf(&f, "vanban-qr-1\nso=%s\nngay=%s\nten=%s\n", so.data, date, name ? name : "");
	const struct ynode *row = c->aw.v[i].row;
	for (size_t k = 0; row && row->kind == Y_MAP && k < row->n; k++) {
		const struct ynode *v = row->pairs[k].val;
		if (v && v->kind == Y_SCALAR)
			buf_printf(&f, "%s=%s\n", row->pairs[k].key->str, v->str ? v->str : "");
	}
	char hex[65];
	sha256_hex(f.data, f.len, hex);
	struct buf t = {0};
	buf_printf(&t, "Số: %s\nNgày: %s\nTên: %s\n", so.data, date, name ? name : "");
	if (url && *url)
		buf_printf(&t, "%s%sh=%s", url, strchr(url, '?') ? "&" : "?", hex);
	else
		buf_printf(&t, "SHA-256: %s", hex);
	buf_free(&f);
	buf_free(&so);
	arena_free(&ar);
	return buf_take(&t);
}

int cert_add_qr(const struct render_opts *o, const struct cert *c, size_t i, struct layout *lo,
		struct diag *d)
{
	const char *url = o->qr_url ? o->qr_url : c->doc->qr_url.s;
	if (!o->qr && !url)
		return 0;
	char *text = cert_qr_text(url, c, i);
	struct qr q;
	bool ok = qr_make(text, &q);
	free(text);
	if (!ok) {
		diag_error(d, cert_pos(c, i), "the verification code of '%s' does not fit in a QR "
			   "code; a shorter URL prefix makes room", diag_quote(d, cert_awardee(c, i)));
		return 1;
	}
	double x, y, size;
	cert_qr_place(c, &x, &y, &size);
	layout_qr(&lo->pages.v[lo->pages.n - 1], &q, x, y, size);
	qr_free(&q);
	return 0;
}
