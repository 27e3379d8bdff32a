/* sign_pdf.c - a signature added to a finished PDF as an incremental
 * update, and every signature of a file checked.
 *
 * The update appends, after libharu's bytes (never touched, so an earlier
 * signature stays valid): the signature dictionary, an appearance stream
 * for the widget (PDF/A-1 wants one for every annotation), the field with
 * its widget merged, the form (/AcroForm), and new versions of the page
 * that shows the widget and of the catalog; then a classic cross-reference
 * table and trailer (PDF/A-1 allows no cross-reference streams). /Contents
 * is reserved as zeros, /ByteRange filled in at fixed width, and the
 * digest taken over everything but /Contents. */
#include "sign_int.h"

#include <string.h>
#include <time.h>

/* The object numbers and offsets of an update, for its table. */
struct xent {
	long num;
	size_t off;
};
struct xents {
	struct xent *v;
	size_t n, cap;
};

static void begin_obj(struct buf *o, struct xents *x, long num)
{
	struct xent e = {num, o->len};
	vec_push(x, e);
	buf_printf(o, "%ld 0 obj\n", num);
}

/* dict's bytes without key's entry, with extra added at the end. */
static void dict_rewrite(struct buf *o, const struct pdfdoc *p, const struct ptok *dict,
			 const char *drop, const char *extra)
{
	size_t a = dict->a + 2, b = dict->b - 2, ka, kb;
	buf_puts(o, "<<");
	if (drop && pdf_dict_span(p, dict, drop, &ka, &kb)) {
		buf_add(o, p->s + a, ka - a);
		buf_add(o, p->s + kb, b - kb);
	} else {
		buf_add(o, p->s + a, b - a);
	}
	buf_puts(o, extra);
	buf_puts(o, ">>");
}

/* The references of an array (or of the array a reference names) as text,
 * each followed by a space. */
static void refs_text(const struct pdfdoc *p, const struct ptok *arr, struct buf *out,
		      size_t *count)
{
	struct ptok a = *arr, it;
	size_t cur = 0;
	if (!pdf_resolve(p, &a))
		return;
	while (pdf_array_next(p, &a, &cur, &it)) {
		buf_add(out, p->s + it.a, it.b - it.a);
		buf_putc(out, ' ');
		if (count)
			++*count;
	}
}

/* "D:20200907083000+07'00'" */
static void pdf_date(char *out, size_t n, long long when, int tz_min)
{
	time_t t = (time_t)(when + tz_min * 60LL);
	struct tm tm;
	gmtime_r(&t, &tm);
	int tz = tz_min < 0 ? -tz_min : tz_min;
	snprintf(out, n, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 tz_min < 0 ? '-' : '+', tz / 60, tz % 60);
}

/* The table and trailer of an update that starts after `prev`. */
static void write_xref(struct buf *o, struct xents *x, const struct pdfdoc *p, long size)
{
	/* sorted by object number, in runs of consecutive numbers */
	for (size_t i = 1; i < x->n; i++)
		for (size_t k = i; k > 0 && x->v[k - 1].num > x->v[k].num; k--) {
			struct xent t = x->v[k];
			x->v[k] = x->v[k - 1];
			x->v[k - 1] = t;
		}
	size_t at = o->len;
	buf_puts(o, "xref\n");
	for (size_t i = 0; i < x->n;) {
		size_t k = i;
		while (k + 1 < x->n && x->v[k + 1].num == x->v[k].num + 1)
			k++;
		buf_printf(o, "%ld %zu\n", x->v[i].num, k - i + 1);
		for (; i <= k; i++)
			buf_printf(o, "%010zu 00000 n\r\n", x->v[i].off);
	}
	buf_printf(o, "trailer\n<< /Size %ld /Root %ld %ld R", size, p->root.num, p->root.gen);
	if (p->info.kind == PT_REF)
		buf_printf(o, " /Info %ld %ld R", p->info.num, p->info.gen);
	if (p->id.kind == PT_ARRAY) {
		buf_puts(o, " /ID ");
		buf_add(o, p->s + p->id.a, p->id.b - p->id.a);
	}
	buf_printf(o, " /Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", p->startxref, at);
}

/* The width of the /ByteRange numbers, written in place afterwards. */
enum { BR_WIDTH = 48 };

/* Writes the update into o (after the original's bytes, already there)
 * with room for `reserve` bytes of CMS; the offsets of /ByteRange's
 * numbers and of /Contents' '<' and past its '>' are handed back. */
static bool write_update(struct buf *o, const struct pdfdoc *p, const struct sign_place *sp,
			 size_t reserve, size_t *br_at, size_t *ca, size_t *cb, struct diag *d)
{
	struct ptok root = p->root, page, af, afd;
	long pnum = pdf_page_object(p, sp->page);
	if (!pdf_resolve(p, &root) || root.kind != PT_DICT || !pnum || !pdf_object(p, pnum, &page) ||
	    page.kind != PT_DICT) {
		diag_error(d, pos_none(), "cannot sign: the PDF has no page %zu", sp->page + 1);
		return false;
	}
	bool has_af = pdf_dict_get(p, &root, "AcroForm", &af, false);
	afd = af;
	if (has_af && (!pdf_resolve(p, &afd) || afd.kind != PT_DICT)) {
		diag_error(d, pos_none(), "cannot sign: a damaged /AcroForm");
		return false;
	}
	struct buf fields = {0}, annots = {0};
	size_t nfields = 0;
	struct ptok v;
	if (has_af && pdf_dict_get(p, &afd, "Fields", &v, false))
		refs_text(p, &v, &fields, &nfields);
	if (pdf_dict_get(p, &page, "Annots", &v, false))
		refs_text(p, &v, &annots, NULL);
	long next = p->nobj;
	long sig = next++, ap = next++, wid = next++;
	long afnum = has_af && af.kind == PT_REF ? af.num : next++;
	struct xents x = {0};
	char when[80];
	pdf_date(when, sizeof when, sp->when, sp->tz_min);

	begin_obj(o, &x, sig);
	buf_puts(o, "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
		 "/ByteRange [");
	*br_at = o->len;
	for (int i = 0; i < BR_WIDTH; i++)
		buf_putc(o, ' ');
	buf_puts(o, "] /Contents ");
	*ca = o->len;
	buf_putc(o, '<');
	for (size_t i = 0; i < 2 * reserve; i++)
		buf_putc(o, '0');
	buf_putc(o, '>');
	*cb = o->len;
	buf_printf(o, " /M (%s) >>\nendobj\n", when);

	double w = sp->x1 - sp->x0, h = sp->y1 - sp->y0;
	begin_obj(o, &x, ap);
	buf_printf(o, "<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << >> "
		   "/Length 0 >>\nstream\n\nendstream\nendobj\n", w, h);

	/* Print and Locked: PDF/A-1 wants annotations printed. */
	begin_obj(o, &x, wid);
	buf_printf(o, "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%zu) /V %ld 0 R "
		   "/P %ld 0 R /Rect [%.2f %.2f %.2f %.2f] /F 132 /AP << /N %ld 0 R >> >>\n"
		   "endobj\n", nfields + 1, sig, pnum, sp->x0, sp->y0, sp->x1, sp->y1, ap);

	begin_obj(o, &x, afnum);
	buf_printf(o, "<< /Fields [%s%ld 0 R] /SigFlags 3 >>\nendobj\n",
		   fields.data ? fields.data : "", wid);

	struct buf extra = {0};
	buf_printf(&extra, " /Annots [%s%ld 0 R]", annots.data ? annots.data : "", wid);
	begin_obj(o, &x, pnum);
	dict_rewrite(o, p, &page, "Annots", extra.data);
	buf_puts(o, "\nendobj\n");
	if (!has_af || af.kind != PT_REF) {
		extra.len = 0;
		buf_printf(&extra, " /AcroForm %ld 0 R", afnum);
		begin_obj(o, &x, p->root.num);
		dict_rewrite(o, p, &root, "AcroForm", extra.data);
		buf_puts(o, "\nendobj\n");
	}
	write_xref(o, &x, p, next);
	buf_free(&extra);
	buf_free(&fields);
	buf_free(&annots);
	vec_free(&x);
	return true;
}

/* The update with the CMS of a digest in place: the bytes, or false. */
static bool signed_update(const char *data, size_t len, const struct pdfdoc *p,
			  const struct signer *s, const struct sign_place *sp, size_t reserve,
			  struct buf *o, size_t *cmslen, struct diag *d)
{
	size_t br, ca, cb;
	buf_add(o, data, len);
	if (len && data[len - 1] != '\n')
		buf_putc(o, '\n');
	if (!write_update(o, p, sp, reserve, &br, &ca, &cb, d))
		return false;
	char nums[BR_WIDTH + 1];
	int n = snprintf(nums, sizeof nums, "0 %zu %zu %zu", ca, cb, o->len - cb);
	memcpy(o->data + br, nums, (size_t)n);
	struct digest *h = digest_sha256();
	digest_add(h, o->data, ca);
	digest_add(h, o->data + cb, o->len - cb);
	unsigned char md[32];
	digest_done(h, md);
	unsigned char *cms = cms_make(s, md, cmslen, d);
	if (!cms)
		return false;
	if (*cmslen <= reserve) {
		static const char hex[] = "0123456789abcdef";
		for (size_t i = 0; i < *cmslen; i++) {
			o->data[ca + 1 + 2 * i] = hex[cms[i] >> 4];
			o->data[ca + 2 + 2 * i] = hex[cms[i] & 15];
		}
	}
	free(cms);
	return true;
}

bool pdf_sign(char **data, size_t *len, const struct signer *s, const struct sign_place *sp,
	      struct diag *d)
{
	struct pdfdoc p;
	const char *why;
	if (!pdf_open(&p, *data, *len, &why)) {
		diag_error(d, pos_none(), "cannot sign: %s", _(why));
		pdf_close(&p);
		return false;
	}
	/* The CMS's size is known once it is made: made once over a dummy
	 * digest, then with room for it (and a margin: an ECDSA signature
	 * varies by a byte or two). */
	unsigned char zero[32] = {0};
	size_t need;
	unsigned char *probe = cms_make(s, zero, &need, d);
	if (!probe) {
		pdf_close(&p);
		return false;
	}
	free(probe);
	size_t reserve = need + 32, got = 0;
	struct buf o = {0};
	bool ok = signed_update(*data, *len, &p, s, sp, reserve, &o, &got, d);
	if (ok && got > reserve) {
		diag_error(d, pos_none(), "cannot sign: the signature grew past its room");
		ok = false;
	}
	pdf_close(&p);
	if (!ok) {
		buf_free(&o);
		return false;
	}
	free(*data);
	*len = o.len;
	*data = buf_take(&o);
	return true;
}

/* Verification. */

/* "D:20200907083000+07'00'" as "2020-09-07T08:30:00+07:00". */
static char *iso_time(const char *m)
{
	if (strncmp(m, "D:", 2) || strlen(m) < 16)
		return xstrdup(m);
	m += 2;
	struct buf b = {0};
	buf_printf(&b, "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", m, m + 4, m + 6, m + 8, m + 10, m + 12);
	const char *z = m + 14;
	if (*z == 'Z' || !*z)
		buf_puts(&b, "Z");
	else if ((*z == '+' || *z == '-') && strlen(z) >= 3)
		buf_printf(&b, "%c%.2s:%.2s", *z, z + 1, strlen(z) >= 6 ? z + 4 : "00");
	return buf_take(&b);
}

static void report_problem(struct sig_report *r, const char *why)
{
	if (!r->problem)
		r->problem = xstrdup(why);
}

/* The ends of the file's revisions: past each "%%EOF" and its end of line. */
static bool revision_end(const char *s, size_t len, size_t end)
{
	if (end == len)
		return true;
	if (end < 5)
		return false;
	size_t i = end;
	if (s[i - 1] == '\n')
		i--;
	if (i && s[i - 1] == '\r')
		i--;
	return i >= 5 && !memcmp(s + i - 5, "%%EOF", 5);
}

/* Two dictionaries the same but for the given keys (white space aside). */
static void dict_norm(const struct pdfdoc *p, const struct ptok *t, struct buf *out)
{
	size_t a1 = 0, b1 = 0, a2 = 0, b2 = 0;
	bool k1 = pdf_dict_span(p, t, "Annots", &a1, &b1);
	bool k2 = pdf_dict_span(p, t, "AcroForm", &a2, &b2);
	bool sp = true;
	for (size_t i = t->a; i < t->b; i++) {
		if ((k1 && i >= a1 && i < b1) || (k2 && i >= a2 && i < b2))
			continue;
		char c = p->s[i];
		bool ws = c == ' ' || c == '\n' || c == '\r' || c == '\t';
		if (ws) {
			if (!sp)
				buf_putc(out, ' ');
			sp = true;
			continue;
		}
		sp = false;
		buf_putc(out, c);
	}
}

/* What the updates after a signature's revision change, besides adding
 * signatures: an object of the signed revision changed in anything but
 * its /Annots (given signature widgets only) and /AcroForm. */
static bool later_changes_only_sign(const struct pdfdoc *all, const char *s, size_t end,
				    char **what)
{
	struct pdfdoc old;
	const char *why;
	if (!pdf_open(&old, s, end, &why)) {
		pdf_close(&old);
		*what = xstrdup(N_("its revision cannot be read"));
		return false;
	}
	bool ok = true;
	for (long n = 1; n < all->nobj && ok; n++) {
		if (!all->off[n] || all->off[n] < end || n >= old.nobj || !old.off[n])
			continue; /* not changed, or new */
		struct ptok a, b;
		if (!pdf_object(&old, n, &a) || !pdf_object(all, n, &b)) {
			ok = false;
		} else {
			struct buf x = {0}, y = {0};
			dict_norm(&old, &a, &x);
			dict_norm(all, &b, &y);
			/* the form itself may change: it lists the fields */
			struct ptok t;
			bool form = a.kind == PT_DICT && pdf_dict_get(&old, &a, "Fields", &t, false);
			ok = form || (x.len == y.len && (!x.len || !memcmp(x.data, y.data, x.len)));
			buf_free(&x);
			buf_free(&y);
			/* new annotations may only be signature widgets */
			struct ptok an;
			size_t cur = 0;
			struct ptok it, ft;
			if (ok && pdf_dict_get(all, &b, "Annots", &an, true))
				while (pdf_array_next(all, &an, &cur, &it)) {
					if (it.kind == PT_REF && it.num < old.nobj && old.off[it.num] &&
					    all->off[it.num] < end)
						continue;
					struct ptok w = it;
					ok = ok && pdf_resolve(all, &w) &&
					     pdf_dict_get(all, &w, "FT", &ft, true) &&
					     pdf_is_name(all, &ft, "Sig");
				}
		}
		if (!ok) {
			struct buf m = {0};
			buf_printf(&m, "object %ld was changed after this signature", n);
			*what = buf_take(&m);
		}
	}
	pdf_close(&old);
	return ok;
}

/* One signature dictionary. */
static void verify_one(const struct pdfdoc *p, const struct ptok *sigd, const char *ca,
		       struct sig_report *r)
{
	struct ptok v, br, contents;
	if (pdf_dict_get(p, sigd, "SubFilter", &v, true) && v.kind == PT_NAME)
		r->subfilter = xstrndup(p->s + v.a + 1, v.b - v.a - 1);
	if (pdf_dict_get(p, sigd, "M", &v, true)) {
		char *m = pdf_string(p, &v, NULL);
		r->time = iso_time(m);
		free(m);
	}
	double n[4] = {0};
	int k = 0;
	size_t cur = 0;
	if (pdf_dict_get(p, sigd, "ByteRange", &br, true))
		while (k < 4 && pdf_array_next(p, &br, &cur, &v) && v.kind == PT_NUM)
			n[k++] = pdf_num(p, &v);
	bool has_contents = pdf_dict_get(p, sigd, "Contents", &contents, false) &&
			    contents.kind == PT_HEX;
	for (int i = 0; i < k; i++)
		if (!(n[i] >= 0 && n[i] <= (double)p->len))
			k = 0;
	if (k != 4 || !has_contents) {
		report_problem(r, N_("no /ByteRange of four numbers, or no /Contents"));
		return;
	}
	/* The ranges are exactly the file around this /Contents. */
	size_t a = (size_t)n[1], b = (size_t)n[2], end = (size_t)n[2] + (size_t)n[3];
	if (n[0] != 0 || a != contents.a || b != contents.b || end > p->len ||
	    !revision_end(p->s, p->len, end)) {
		report_problem(r, N_("/ByteRange does not cover the file but /Contents"));
		return;
	}
	r->covered = end;
	r->whole = end == p->len;
	struct buf covered = {0};
	buf_add(&covered, p->s, a);
	buf_add(&covered, p->s + b, end - b);
	size_t derlen;
	char *der = pdf_string(p, &contents, &derlen);
	struct cms_result c;
	cms_check((const unsigned char *)der, derlen, &covered, ca, &c);
	free(der);
	buf_free(&covered);
	r->signer = c.signer ? xstrdup(c.signer) : NULL;
	if (c.problem)
		report_problem(r, c.problem);
	r->valid = c.digest_ok && c.sig_ok && c.chain_ok;
	if (r->valid && !r->whole) {
		char *what = NULL;
		if (!later_changes_only_sign(p, p->s, end, &what)) {
			r->valid = false;
			report_problem(r, what);
		}
		free(what);
	}
	if (r->valid && c.has_signing_time)
		report_problem(r, N_("note: a signing-time attribute (PAdES-B-B has none)"));
	if (r->valid && !c.has_signing_cert)
		report_problem(r, N_("note: no signing-certificate-v2 attribute for the signer"));
	cms_result_free(&c);
}

void pdf_verify(const char *data, size_t len, const char *ca_file, struct sig_reports *out)
{
	memset(out, 0, sizeof *out);
	struct pdfdoc p;
	const char *why;
	if (!pdf_open(&p, data, len, &why)) {
		out->problem = xstrdup(why);
		pdf_close(&p);
		return;
	}
	struct ptok root = p.root, af, fields, f;
	size_t cur = 0;
	if (pdf_resolve(&p, &root) && pdf_dict_get(&p, &root, "AcroForm", &af, true) &&
	    pdf_dict_get(&p, &af, "Fields", &fields, true))
		while (pdf_array_next(&p, &fields, &cur, &f)) {
			struct ptok ft, sigd, t;
			if (!pdf_resolve(&p, &f) || !pdf_dict_get(&p, &f, "FT", &ft, true) ||
			    !pdf_is_name(&p, &ft, "Sig") || !pdf_dict_get(&p, &f, "V", &sigd, true) ||
			    sigd.kind != PT_DICT)
				continue;
			struct sig_report r = {0};
			if (pdf_dict_get(&p, &f, "T", &t, true))
				r.field = pdf_string(&p, &t, NULL);
			verify_one(&p, &sigd, ca_file, &r);
			vec_push(&out->v, r);
		}
	if (!out->v.n)
		out->problem = xstrdup(N_("no signature in the file"));
	pdf_close(&p);
}

void sig_reports_free(struct sig_reports *r)
{
	for (size_t i = 0; i < r->v.n; i++) {
		struct sig_report *s = &r->v.v[i];
		free(s->field);
		free(s->signer);
		free(s->time);
		free(s->subfilter);
		free(s->problem);
	}
	vec_free(&r->v);
	free(r->problem);
	r->problem = NULL;
}
