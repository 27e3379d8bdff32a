/* sign.c - `render --sign`: the keys of the command line, the signing
 * time, and where each signature's widget goes.
 *
 * NĐ 30/2020 issues an electronic document by digital signature: the
 * signer signs first (Điều 13.7), then the organisation in place of the
 * seal (Điều 14.3, 17.2). So the first --sign is the signer's, its widget
 * over the signature image; the second the organisation's, over the seal.
 * Each is an incremental update of its own. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Vietnam's time, the zone signing times are written in. */
enum { VN_TZ_MIN = 7 * 60 };

/* Seconds since the epoch of a civil time given in minutes east of UTC. */
static long long civil(int y, int mo, int d, int h, int mi, int s, int tz_min)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (long long)timegm(&tm) - tz_min * 60LL;
}

bool sign_time_parse(const char *s, long long *when)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	char extra;
	if (!strcmp(s, "now")) {
		*when = (long long)time(NULL);
		return true;
	}
	if (s[0] == '@') {
		long long v;
		if (sscanf(s + 1, "%lld%c", &v, &extra) != 1 || v < 0)
			return false;
		*when = v;
		return true;
	}
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return false;
	char date[11];
	memcpy(date, s, 10);
	date[10] = 0;
	int yy, mm, dd;
	if (!vn_parse_date(date, &yy, &mm, &dd))
		return false;
	const char *t = s + 10;
	int tz = VN_TZ_MIN;
	if (*t == 'T' || *t == ' ') {
		int k = 0;
		if (sscanf(t + 1, "%2d:%2d%n", &h, &mi, &k) != 2 || k != 5)
			return false;
		t += 1 + k;
		if (*t == ':') {
			if (sscanf(t + 1, "%2d%n", &sec, &k) != 1 || k != 2)
				return false;
			t += 3;
		}
		if (h > 23 || mi > 59 || sec > 59)
			return false;
		if (*t == 'Z') {
			tz = 0;
			t++;
		} else if (*t == '+' || *t == '-') {
			int th, tm;
			if (sscanf(t + 1, "%2d:%2d%n", &th, &tm, &k) != 2 || k != 5 || th > 14 || tm > 59)
				return false;
			tz = (th * 60 + tm) * (*t == '-' ? -1 : 1);
			t += 6;
		}
	}
	if (*t)
		return false;
	*when = civil(y, mo, d, h, mi, sec, tz);
	return true;
}

/* --sign-time, else SOURCE_DATE_EPOCH, else the start of the document's
 * date in Vietnam: never the clock unless asked. */
static bool signing_time(const struct render_opts *o, const struct doc *doc, long long *when,
			 struct diag *d)
{
	if (o->sign_time)
		return sign_time_parse(o->sign_time, when); /* checked with the options */
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (*end || errno || v < 0) {
			diag_error(d, pos_none(), "SOURCE_DATE_EPOCH is not a number of seconds: '%s'",
				   diag_quote(d, sde));
			return false;
		}
		*when = v;
		return true;
	}
	*when = civil(doc->year, doc->month ? doc->month : 1, doc->day ? doc->day : 1, 0, 0, 0,
		      VN_TZ_MIN);
	return true;
}

/* The box of the image drawn from path (the last page it is on), in PDF
 * units; false if it is not drawn. */
static bool image_box(const struct layout *lo, const char *path, struct sign_place *sp)
{
	for (size_t p = lo->pages.n; path && p-- > 0;) {
		const struct page *pg = &lo->pages.v[p];
		for (size_t i = 0; i < pg->items.n; i++) {
			const struct fitem *it = &pg->items.v[i];
			if (it->kind != FI_IMAGE || !it->text || strcmp(it->text, path))
				continue;
			sp->page = p;
			sp->x0 = it->x;
			sp->x1 = it->x2;
			sp->y0 = lo->page_h - it->y2;
			sp->y1 = lo->page_h - it->y;
			return true;
		}
	}
	return false;
}

/* Where signature k goes: the signers' images in order, then their seals;
 * an invisible field when there is no image for it. */
static void place_of(const struct doc *doc, const struct layout *lo, size_t k,
		     struct sign_place *sp)
{
	size_t n = doc ? doc->signatures.n : 0;
	const char *path = NULL;
	if (k < n)
		path = doc->signatures.v[k].image.s;
	else if (k < 2 * n)
		path = doc->signatures.v[k - n].seal.s;
	if (!image_box(lo, path, sp))
		sp->page = 0, sp->x0 = sp->y0 = sp->x1 = sp->y1 = 0;
}

/* The password of key k: its --sign-password-file, or VANBAN_SIGN_PASSWORD. */
static char *password_of(const struct render_opts *o, size_t k, struct diag *d, bool *bad)
{
	const char *file = o->sign_passwords ? o->sign_passwords[k] : NULL;
	if (!file) {
		const char *env = getenv("VANBAN_SIGN_PASSWORD");
		return env ? xstrdup(env) : NULL;
	}
	size_t len;
	char *pw = read_file(file, &len);
	if (!pw) {
		diag_error(d, pos_none(), "--sign-password-file '%s': cannot read it: %s",
			   diag_quote(d, file), errstr(errno));
		*bad = true;
		return NULL;
	}
	/* The first line is the password. */
	pw[strcspn(pw, "\r\n")] = 0;
	return pw;
}

int sign_document(const struct render_opts *o, const struct doc *doc, const struct layout *lo,
		  char **out, size_t *len, struct diag *d)
{
	long long when;
	if (!o->nsign)
		return 0;
	if (!signing_time(o, doc, &when, d))
		return 1;
	for (size_t k = 0; k < o->nsign; k++) {
		bool bad = false;
		char *pw = password_of(o, k, d, &bad);
		if (bad)
			return 1;
		struct signer *s = signer_load(o->sign_files[k], pw, pos_none(), d);
		if (pw) {
			memset(pw, 0, strlen(pw));
			free(pw);
		}
		if (!s)
			return 1;
		struct sign_place sp = {0};
		place_of(doc, lo, k, &sp);
		sp.when = when;
		sp.tz_min = VN_TZ_MIN;
		bool ok = pdf_sign(out, len, s, &sp, d);
		signer_free(s);
		if (!ok)
			return 3;
	}
	return 0;
}

/* "2020-09-07T08:30:00+07:00": the signing time as ISO 8601, in Vietnam. */
static void iso_time(char *out, size_t n, long long when)
{
	time_t t = (time_t)(when + VN_TZ_MIN * 60LL);
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", (tm.tm_year + 1900) % 10000,
		 (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
		 tm.tm_sec % 100);
}

/* "SAO LỤC" as the block writes it, in normal case: "Sao lục". */
static char *normal_case(const char *s)
{
	char *low = text_lower(s);
	const char *p = low;
	int32_t cp = utf8_next(&p);
	struct buf b = {0};
	char enc[8];
	buf_add(&b, enc, (size_t)utf8_encode(text_upper_cp(cp), enc));
	buf_puts(&b, p);
	free(low);
	return buf_take(&b);
}

int eblock_add(const struct render_opts *o, const struct doc *doc, const struct style *st,
	       const struct metrics *m, struct layout *lo, struct diag *d)
{
	if (!doc->e_attachment && !doc->copy.form.s)
		return 0;
	long long when;
	if (!signing_time(o, doc, &when, d))
		return 1;
	char iso[64];
	iso_time(iso, sizeof iso, when);
	VEC(char *) lines = {0};
	if (doc->e_attachment) {
		vec_push(&lines, layout_number_line(doc, st));
	} else {
		/* The form and the copy's number on one line, so that the block
		 * keeps to three lines in the top margin. */
		char *form = normal_case(doc->copy.form.s);
		if (!doc->copy.number) {
			vec_push(&lines, form);
		} else {
			static const char *const forms[][2] = {
				{"SAO Y", "SY"}, {"SAO LỤC", "SL"}, {"TRÍCH SAO", "TrS"}};
			const char *abbr = "SY";
			for (int i = 0; i < 3; i++)
				if (!strcmp(doc->copy.form.s, forms[i][0]))
					abbr = forms[i][1];
			char *num = vn_number(doc->copy.number);
			struct buf b = {0};
			buf_printf(&b, "%s, số %s/%s%s%s", form, num, abbr, doc->copy.code.s ? "-" : "",
				   doc->copy.code.s ? doc->copy.code.s : "");
			free(num);
			free(form);
			vec_push(&lines, buf_take(&b));
		}
		/* the organisation, on the lines it was written on */
		for (const char *p = doc->copy.by.s; *p;) {
			size_t k = strcspn(p, "\n");
			vec_push(&lines, xstrndup(p, k));
			p += k + (p[k] == '\n');
		}
	}
	vec_push(&lines, xstrdup(iso));
	layout_eblock(lo, (const char *const *)lines.v, lines.n, st, m);
	for (size_t i = 0; i < lines.n; i++)
		free(lines.v[i]);
	vec_free(&lines);
	return 0;
}
