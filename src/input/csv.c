/* csv.c - a small RFC 4180 reader with the habits of real spreadsheet
 * exports (byte-order mark, semicolons in locales that write decimal
 * commas, quoted line breaks). Every field keeps its line:col. */
#include "input.h"

#include <string.h>

/* Limits of a list: a field of a certificate is a name or a line of
 * reason, and a certificate has a handful of fields; each row is set
 * as a certificate to be checked, so a list is cut into batches. */
enum { CSV_MAX_COLUMNS = 200, CSV_MAX_FIELD = 10240, CSV_MAX_ROWS = 100000 };

struct reader {
	const struct source *src;
	size_t i;
	struct arena *ar;
	struct diag *d;
	char sep;
	bool bad;
};

/* The position of byte i. A byte-order mark is not a column anyone sees
 * (srcset_load takes it off; text given otherwise may still have it). */
static struct pos pos_at(const struct reader *r, size_t i)
{
	struct pos p = source_pos(r->src, i);
	if (p.line == 1 && p.col > 1 && r->src->len >= 3 &&
	    !memcmp(r->src->text, "\xEF\xBB\xBF", 3))
		p.col--;
	return p;
}

/* Takes the invisible characters out of a field's value b (text pasted
 * from Word), with one warning at the first in the source [from, to). */
static void field_invisible(struct reader *r, struct buf *b, size_t from, size_t to)
{
	if (!b->len || !text_has_invisible(b->data, b->len))
		return;
	struct invisible inv = {0};
	b->len = text_strip_invisible(b->data, b->len, &inv);
	struct pos at = pos_at(r, from);
	for (const char *p = r->src->text + from; p < r->src->text + to;) {
		size_t off = (size_t)(p - r->src->text);
		if (text_invisible_name(utf8_next(&p))) {
			at = pos_at(r, off);
			break;
		}
	}
	diag_invisible(r->d, at, &inv);
}

/* Reads one field; *end_row is set at the end of a line or of the text. */
static struct csv_field field(struct reader *r, bool *end_row)
{
	const char *t = r->src->text;
	size_t n = r->src->len;
	struct csv_field f = {0};
	size_t start = r->i;
	f.pos = pos_at(r, r->i);
	struct buf b = {0};
	size_t len = 0; /* bytes of the value, kept or not */
	*end_row = false;
	if (r->i < n && t[r->i] == '"') {
		size_t open = r->i++;
		for (;;) {
			if (r->i >= n) {
				diag_error(r->d, pos_at(r, open),
					   "a quoted field is never closed (a '\"' is missing)");
				r->bad = true;
				*end_row = true;
				break;
			}
			if (t[r->i] == '"') {
				if (r->i + 1 < n && t[r->i + 1] == '"') {
					buf_putc(&b, '"');
					r->i += 2;
					continue;
				}
				r->i++;
				break;
			}
			if (t[r->i] != '\r' && len++ < CSV_MAX_FIELD)
				buf_putc(&b, t[r->i]);
			r->i++;
		}
		/* After the closing quote: spaces, then a separator or a line end. */
		while (r->i < n && t[r->i] == ' ')
			r->i++;
		if (r->i < n && t[r->i] != r->sep && t[r->i] != '\n' && t[r->i] != '\r') {
			/* reported, and the reading goes on at the next field */
			diag_error(r->d, pos_at(r, r->i),
				   "text after a quoted field; quote the whole field");
			while (r->i < n && t[r->i] != r->sep && t[r->i] != '\n')
				r->i++;
		}
	} else {
		while (r->i < n && t[r->i] != r->sep && t[r->i] != '\n') {
			if (t[r->i] != '\r' && len++ < CSV_MAX_FIELD)
				buf_putc(&b, t[r->i]);
			r->i++;
		}
	}
	if (len > CSV_MAX_FIELD) {
		diag_error(r->d, f.pos, "this field is too long: %zu bytes, at most %d (10 KB)",
			   len, CSV_MAX_FIELD);
		b.len = 0;
	}
	field_invisible(r, &b, start, r->i);
	if (r->i >= n) {
		*end_row = true;
	} else if (t[r->i] == '\n' || t[r->i] == '\r') {
		while (r->i < n && t[r->i] == '\r')
			r->i++;
		if (r->i < n && t[r->i] == '\n')
			r->i++;
		*end_row = true;
	} else {
		r->i++; /* the separator */
		if (r->i >= n)
			*end_row = true;
	}
	/* Trim the spaces spreadsheets leave around values. */
	size_t a = 0, e = b.len;
	while (a < e && b.data[a] == ' ')
		a++;
	while (e > a && b.data[e - 1] == ' ')
		e--;
	f.s = arena_strndup(r->ar, b.data ? b.data + a : "", e - a);
	buf_free(&b);
	return f;
}

/* The separator: whichever of ',', ';' and a tab (Excel's "Unicode
 * Text") the header line has most of, outside quotes. */
static char guess_sep(const char *t, size_t n, size_t i)
{
	int commas = 0, semis = 0, tabs = 0;
	bool q = false;
	for (; i < n && (q || t[i] != '\n'); i++) {
		if (t[i] == '"')
			q = !q;
		else if (!q && t[i] == ',')
			commas++;
		else if (!q && t[i] == ';')
			semis++;
		else if (!q && t[i] == '\t')
			tabs++;
	}
	if (tabs > commas && tabs > semis)
		return '\t';
	return semis > commas ? ';' : ',';
}

static bool blank_line(const char *t, size_t n, size_t i)
{
	while (i < n && (t[i] == ' ' || t[i] == '\r'))
		i++;
	return i >= n || t[i] == '\n';
}

bool csv_parse(const struct source *src, struct csv *out, struct arena *ar, struct diag *d)
{
	memset(out, 0, sizeof *out);
	struct reader r = {src, 0, ar, d, ',', false};
	const char *t = src->text;
	size_t n = src->len;
	int before = d->errors;
	if (n >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))
		r.i = 3; /* byte-order mark */
	while (r.i < n && blank_line(t, n, r.i)) {
		while (r.i < n && t[r.i] != '\n')
			r.i++;
		r.i++;
	}
	if (r.i >= n) {
		diag_error(d, (struct pos){src, 0, 0}, "the file is empty: it needs a header row "
			   "naming the columns (name, unit, reason, ...)");
		return false;
	}
	r.sep = out->sep = guess_sep(t, n, r.i);
	VEC(struct csv_field) head = {0};
	bool end = false;
	while (!end)
		vec_push(&head, field(&r, &end));
	/* Columns with no name at the end of the header: Excel's export of
	 * columns once formatted; their cells must be empty too (below). */
	while (head.n > 1 && !head.v[head.n - 1].s[0])
		head.n--;
	out->ncols = head.n;
	out->head = arena_alloc(ar, head.n * sizeof *out->head);
	memcpy(out->head, head.v, head.n * sizeof *out->head);
	vec_free(&head);
	if (out->ncols > CSV_MAX_COLUMNS) {
		diag_error(d, out->head[CSV_MAX_COLUMNS].pos,
			   "the header has %zu columns, at most %d", out->ncols, CSV_MAX_COLUMNS);
		out->ncols = 0;
		return false;
	}
	for (size_t k = 0; k < out->ncols; k++) {
		if (!out->head[k].s[0])
			diag_error(d, out->head[k].pos, "column %zu of the header has no name", k + 1);
		for (size_t j = 0; j < k; j++)
			if (!strcmp(out->head[j].s, out->head[k].s) && out->head[k].s[0])
				diag_error(d, out->head[k].pos, "column '%s' is named twice",
					   diag_quote(d, out->head[k].s));
	}
	while (r.i < n && !r.bad) {
		if (blank_line(t, n, r.i)) {
			while (r.i < n && t[r.i] != '\n')
				r.i++;
			r.i++;
			continue;
		}
		struct csv_row row = {0};
		row.line = source_pos(src, r.i).line;
		if (out->rows.n == CSV_MAX_ROWS) {
			diag_error(d, pos_at(&r, r.i),
				   "the list has more than %d rows; split it into several files",
				   CSV_MAX_ROWS);
			break;
		}
		row.f = arena_alloc(ar, (out->ncols ? out->ncols : 1) * sizeof *row.f);
		size_t k = 0;
		end = false;
		bool empty = true, extra = false;
		while (!end) {
			struct csv_field f = field(&r, &end);
			if (k < out->ncols)
				row.f[k] = f;
			else
				extra = extra || f.s[0];
			empty = empty && !f.s[0];
			k++;
		}
		/* Excel writes the rows it once formatted as ",,,,", as many
		 * commas as columns it formatted: no row anyone means. */
		if (empty)
			continue;
		if (extra)
			diag_error(d, (struct pos){src, row.line, 0},
				   "this row has more fields than the header has columns (%zu)",
				   out->ncols);
		for (; k < out->ncols; k++)
			row.f[k] = (struct csv_field){"", {src, row.line, 0}};
		vec_push(&out->rows, row);
	}
	return d->errors == before;
}

void csv_free(struct csv *c)
{
	vec_free(&c->rows);
}
