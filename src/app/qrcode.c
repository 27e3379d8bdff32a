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

/* A document's code (a notice, when asked): its number, date and subject,
 * the fingerprint over them, the issuer and the signer. */
static char *doc_qr_text(const char *url, const struct doc *doc, const struct style *st)
{
	char *line = layout_number_line(doc, st);
	const char *so = strncmp(line, "Số: ", strlen("Số: ")) ? line : line + strlen("Số: ");
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", doc->year % 10000, doc->month % 100,
		 doc->day % 100);
	const char *subject = doc->subject.s ? doc->subject.s : "";
	const char *signer = doc->signatures.n ? doc->signatures.v[0].name.s : "";
	struct buf f = {0};
	buf_printf(&f, "vanban-qr-1\nso=%s\nngay=%s\ntrich_yeu=%s\nco_quan=%s\nky=%s\n", so, date,
		   subject, doc->issuer.s ? doc->issuer.s : "", signer ? signer : "");
	char hex[65];
	sha256_hex(f.data, f.len, hex);
	struct buf t = {0};
	buf_printf(&t, "Số: %s\nNgày: %s\nTrích yếu: %s\n", so, date, subject);
	if (url && *url)
		buf_printf(&t, "%s%sh=%s", url, strchr(url, '?') ? "&" : "?", hex);
	else
		buf_printf(&t, "SHA-256: %s", hex);
	buf_free(&f);
	free(line);
	return buf_take(&t);
}

/* On page 1, in the bottom margin at the right, 18 mm on a side. */
enum { DOC_QR_MM = 18 };

int doc_add_qr(const struct render_opts *o, const struct doc *doc, const struct style *st,
	       struct layout *lo, struct diag *d)
{
	const char *url = o->qr_url ? o->qr_url : doc->qr_url.s;
	if ((!o->qr && !url) || !lo->pages.n)
		return 0;
	char *text = doc_qr_text(url, doc, st);
	struct qr q;
	bool ok = qr_make(text, &q);
	free(text);
	if (!ok) {
		diag_error(d, doc->subject.pos, "the verification code does not fit in a QR code; "
			   "a shorter URL prefix or subject makes room");
		return 1;
	}
	double size = MM(DOC_QR_MM);
	double room = st->margin_bottom - MM(2);
	if (size > room)
		size = room;
	layout_qr(&lo->pages.v[0], &q, st->page_w - st->margin_right - size,
		  st->page_h - st->margin_bottom + MM(2), size);
	qr_free(&q);
	return 0;
}
