/* pdf_join.c - one PDF from the PDFs of consecutive parts of a batch, a
 * part at a time, so memory does not grow with the number of pages.
 *
 * The parts are libharu's own output (pdf_write): objects "N 0 obj ...
 * endobj" in a row, one classic cross-reference table, streams whose
 * length is an object of its own. Every part was drawn with the same font
 * subsets, so a font (known by its /BaseFont name, which carries the
 * subset tag) is written with the first part that shows it and the later
 * parts point at that one. Of each part only what its pages reach is
 * kept: the pages, their contents, forms and resources; libharu's page
 * tree, catalog and metadata are made anew for the whole file, and the
 * first part's Info dictionary and output intent (PDF/A) are the file's.
 * Object numbers: 1 the catalog, 2 the page tree, 3... its leaves (more
 * than 8191 pages), then the parts' objects as they come. */
#define _GNU_SOURCE /* memmem */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#define MAX_KIDS 8191  /* entries of an array (PDF/A's limit) */
#define LEAF_PAGES 1024

struct font_seen {
	char *name;
	size_t num;
};

struct pdf_join {
	struct buf *out;
	size_t moved;            /* bytes of the file no longer in out */
	size_t pages, done;      /* pages in all, pages written */
	size_t nleaves;          /* 0: the root holds the pages */
	size_t *page_num;        /* the object number of every page */
	VEC(size_t) off;         /* off.v[n]: where object n starts (0: not yet) */
	size_t next;             /* the next free object number */
	size_t info;             /* the Info dictionary's number, 0 until known */
	VEC(struct font_seen) fonts;
	struct buf catalog;      /* the first part's catalog, renumbered */
	char *media_box;         /* "/MediaBox [...]" of the first part's tree */
	bool started;
};

/* One part, parsed. */
struct part {
	const char *s;
	size_t len;
	size_t n;          /* objects 0..n-1 */
	size_t *start;     /* start[i]: offset of "i 0 obj", 0 if free */
	size_t *end;       /* where the object's text ends */
	size_t *map;       /* old number -> new; 0 not kept */
	unsigned char *skip;
	size_t root, info;
};

static bool is_delim(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 ||
	       c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
	       c == '{' || c == '}' || c == '/' || c == '%';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

/* Reads "A G R" at s (A, G digits); its length in *n, A in *num. */
static bool ref_at(const char *s, const char *end, size_t *num, size_t *n)
{
	const char *p = s;
	size_t a = 0;
	if (p >= end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9')
		a = a * 10 + (size_t)(*p++ - '0');
	if (p >= end || !is_space(*p))
		return false;
	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return false;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p >= end || !is_space(*p))
		return false;
	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p != 'R' || (p + 1 < end && !is_delim(p[1])))
		return false;
	*num = a;
	*n = (size_t)(p + 1 - s);
	return true;
}

typedef void (*ref_fn)(void *ctx, size_t num, size_t from, size_t to);

/* Calls fn for every reference in [s, end) outside strings and stream
 * data; returns where the stream keyword starts (or end). */
static const char *scan_refs(const char *s, const char *end, ref_fn fn, void *ctx,
			     const char *base)
{
	const char *p = s;
	while (p < end) {
		char c = *p;
		if (c == '(') {
			int depth = 0;
			for (; p < end; p++) {
				if (*p == '\\') {
					p++;
					continue;
				}
				if (*p == '(')
					depth++;
				else if (*p == ')' && --depth == 0)
					break;
			}
			p++;
			continue;
		}
		if ((c == '<' || c == '>') && p + 1 < end && p[1] == c) {
			p += 2; /* a dictionary's bracket */
			continue;
		}
		if (c == '<') {
			while (p < end && *p != '>')
				p++;
			p++;
			continue;
		}
		bool boundary = p == s || is_delim(p[-1]);
		if (boundary && c == 's' && (size_t)(end - p) >= 6 && !memcmp(p, "stream", 6) &&
		    (p + 6 == end || p[6] == '\r' || p[6] == '\n'))
			return p;
		size_t num, n;
		if (boundary && c >= '0' && c <= '9') {
			if (ref_at(p, end, &num, &n)) {
				fn(ctx, num, (size_t)(p - base), (size_t)(p + n - base));
				p += n;
				continue;
			}
			while (p < end && *p >= '0' && *p <= '9')
				p++;
			continue;
		}
		p++;
	}
	return end;
}

/* The text after "N 0 obj" of object i. */
static const char *obj_body(const struct part *pt, size_t i)
{
	const char *p = pt->s + pt->start[i];
	const char *e = pt->s + pt->end[i];
	const char *o = memmem(p, (size_t)(e - p), "obj", 3);
	return o ? o + 3 : e;
}

/* The value of "/Key" in object i's dictionary as a reference, or 0. */
static size_t dict_ref(const struct part *pt, size_t i, const char *key)
{
	if (i >= pt->n || !pt->start[i])
		return 0;
	const char *b = obj_body(pt, i), *e = pt->s + pt->end[i];
	size_t kl = strlen(key);
	for (const char *p = b; (p = memmem(p, (size_t)(e - p), key, kl)); p += kl) {
		if (p + kl < e && !is_delim(p[kl]))
			continue;
		const char *v = p + kl;
		while (v < e && is_space(*v))
			v++;
		size_t num, n;
		return ref_at(v, e, &num, &n) ? num : 0;
	}
	return 0;
}

/* Whether object i's dictionary has "/Key /Value". */
static bool dict_is(const struct part *pt, size_t i, const char *key, const char *val)
{
	const char *b = obj_body(pt, i), *e = pt->s + pt->end[i];
	size_t kl = strlen(key), vl = strlen(val);
	for (const char *p = b; (p = memmem(p, (size_t)(e - p), key, kl)); p += kl) {
		const char *v = p + kl;
		while (v < e && is_space(*v))
			v++;
		if ((size_t)(e - v) >= vl && !memcmp(v, val, vl) && (v + vl == e || is_delim(v[vl])))
			return true;
	}
	return false;
}

/* The name after "/BaseFont " (malloc'd), or NULL. */
static char *base_font(const struct part *pt, size_t i)
{
	const char *b = obj_body(pt, i), *e = pt->s + pt->end[i];
	const char *p = memmem(b, (size_t)(e - b), "/BaseFont", 9);
	if (!p)
		return NULL;
	p += 9;
	while (p < e && is_space(*p))
		p++;
	const char *q = p + 1;
	while (q < e && !is_delim(*q))
		q++;
	char *n = xmalloc((size_t)(q - p) + 1);
	memcpy(n, p, (size_t)(q - p));
	n[q - p] = 0;
	return n;
}

static size_t num_at(const char *s, const char *end, const char **after)
{
	while (s < end && is_space(*s))
		s++;
	size_t v = 0;
	while (s < end && *s >= '0' && *s <= '9')
		v = v * 10 + (size_t)(*s++ - '0');
	*after = s;
	return v;
}

static void part_free(struct part *pt)
{
	free(pt->start);
	free(pt->end);
	free(pt->map);
	free(pt->skip);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The cross-reference table and the trailer of a part. */
static bool part_parse(struct part *pt, const char *s, size_t len)
{
	memset(pt, 0, sizeof *pt);
	pt->s = s;
	pt->len = len;
	const char *end = s + len, *sx = NULL;
	for (const char *p = s; (p = memmem(p, (size_t)(end - p), "startxref", 9)); p += 9)
		sx = p;
	if (!sx)
		return false;
	const char *p;
	size_t xref = num_at(sx + 9, end, &p);
	if (xref >= len || memcmp(s + xref, "xref", 4))
		return false;
	p = s + xref + 4;
	size_t first = num_at(p, end, &p), count = num_at(p, end, &p);
	if (first != 0 || !count || count > len)
		return false;
	pt->n = count;
	pt->start = xcalloc(count, sizeof *pt->start);
	pt->end = xcalloc(count, sizeof *pt->end);
	pt->map = xcalloc(count, sizeof *pt->map);
	pt->skip = xcalloc(count, 1);
	size_t *sorted = xmalloc((count + 1) * sizeof *sorted);
	size_t ns = 0;
	for (size_t i = 0; i < count; i++) {
		size_t off = num_at(p, end, &p);
		num_at(p, end, &p);
		while (p < end && is_space(*p))
			p++;
		char kind = p < end ? *p++ : 0;
		if (kind == 'n' && off < xref) {
			pt->start[i] = off;
			sorted[ns++] = off;
		}
	}
	sorted[ns++] = xref;
	qsort(sorted, ns, sizeof *sorted, cmp_size);
	/* An object's text runs to the next one's start. */
	for (size_t i = 0; i < count; i++) {
		if (!pt->start[i])
			continue;
		size_t lo = 0, hi = ns;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (sorted[mid] <= pt->start[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		pt->end[i] = lo < ns ? sorted[lo] : xref;
	}
	free(sorted);
	const char *tr = memmem(s + xref, len - xref, "trailer", 7);
	if (!tr)
		return false;
	for (const char *k = tr; k < sx; k++) {
		size_t num, n;
		if (!memcmp(k, "/Root", 5) && ref_at(k + 6, sx, &num, &n))
			pt->root = num;
		if (!memcmp(k, "/Info", 5) && ref_at(k + 6, sx, &num, &n))
			pt->info = num;
	}
	return pt->root && pt->root < count && pt->start[pt->root];
}

struct pdf_join *pdf_join_new(size_t pages, struct buf *out)
{
	struct pdf_join *j = xcalloc(1, sizeof *j);
	j->out = out;
	j->pages = pages;
	j->page_num = xcalloc(pages ? pages : 1, sizeof *j->page_num);
	j->nleaves = pages > MAX_KIDS ? (pages + LEAF_PAGES - 1) / LEAF_PAGES : 0;
	j->next = 3 + j->nleaves;
	return j;
}

static void set_off(struct pdf_join *j, size_t num)
{
	while (j->off.n <= num)
		vec_push(&j->off, 0);
	j->off.v[num] = j->moved + j->out->len;
}

/* The page tree node that holds page k. */
static size_t leaf_of(const struct pdf_join *j, size_t k)
{
	return j->nleaves ? 3 + k / LEAF_PAGES : 2;
}

struct walk {
	struct pdf_join *j;
	struct part *pt;
	VEC(size_t) stack;
};

static void visit(struct walk *w, size_t num);

static void on_ref(void *ctx, size_t num, size_t from, size_t to)
{
	(void)from;
	(void)to;
	visit(ctx, num);
}

/* Gives object num a number in the file, unless it is left out or a font
 * already written. */
static void visit(struct walk *w, size_t num)
{
	struct part *pt = w->pt;
	if (num >= pt->n || !pt->start[num] || pt->skip[num] || pt->map[num])
		return;
	if (dict_is(pt, num, "/Subtype", "/Type0")) {
		char *name = base_font(pt, num);
		for (size_t k = 0; name && k < w->j->fonts.n; k++)
			if (!strcmp(w->j->fonts.v[k].name, name)) {
				pt->map[num] = w->j->fonts.v[k].num;
				pt->skip[num] = 1; /* written with an earlier part */
				free(name);
				return;
			}
		if (name)
			vec_push(&w->j->fonts, ((struct font_seen){name, w->j->next}));
	}
	pt->map[num] = w->j->next++;
	vec_push(&w->stack, num);
}

struct rewrite {
	struct part *pt;
	struct buf *out;
	size_t at;   /* copied up to here */
	bool bad;
};

static void on_rewrite(void *ctx, size_t num, size_t from, size_t to)
{
	struct rewrite *r = ctx;
	buf_add(r->out, r->pt->s + r->at, from - r->at);
	size_t n = num < r->pt->n ? r->pt->map[num] : 0;
	if (!n)
		r->bad = true; /* a reference to something not kept */
	buf_printf(r->out, "%zu 0 R", n);
	r->at = to;
}

/* Object i of the part as object map[i] of the file. */
static bool write_obj(struct pdf_join *j, struct part *pt, size_t i)
{
	const char *b = obj_body(pt, i), *e = pt->s + pt->end[i];
	set_off(j, pt->map[i]);
	buf_printf(j->out, "%zu 0 obj", pt->map[i]);
	struct rewrite r = {pt, j->out, (size_t)(b - pt->s), false};
	scan_refs(b, e, on_rewrite, &r, pt->s);
	buf_add(j->out, pt->s + r.at, (size_t)(e - (pt->s + r.at)));
	return !r.bad;
}

typedef VEC(size_t) sizes;

/* The pages of a part in order, from its page tree (its nodes into
 * nodes: left out, the file has a tree of its own). */
static void collect_pages(struct part *pt, size_t node, sizes *pages, sizes *nodes, int depth)
{
	if (node >= pt->n || !pt->start[node] || depth > 32)
		return;
	if (!dict_is(pt, node, "/Type", "/Pages")) {
		vec_push(pages, node);
		return;
	}
	pt->skip[node] = 1;
	vec_push(nodes, node);
	const char *b = obj_body(pt, node), *e = pt->s + pt->end[node];
	const char *k = memmem(b, (size_t)(e - b), "/Kids", 5);
	if (!k)
		return;
	const char *close = memchr(k, ']', (size_t)(e - k));
	for (const char *p = k + 5; close && p < close; p++) {
		size_t num, n;
		if (is_delim(p[-1]) && ref_at(p, close, &num, &n)) {
			collect_pages(pt, num, pages, nodes, depth + 1);
			p += n - 1;
		}
	}
}

bool pdf_join_add(struct pdf_join *j, const char *pdf, size_t len, struct diag *d)
{
	struct part pt;
	if (!part_parse(&pt, pdf, len)) {
		part_free(&pt);
		diag_error(d, pos_none(), "cannot join the parts of the PDF: a part is not "
			   "as the PDF library writes them");
		return false;
	}
	bool first = !j->started;
	if (first) {
		/* The header (version, binary marker) is the first part's. */
		size_t h = len;
		for (size_t i = 0; i < pt.n; i++)
			if (pt.start[i] && pt.start[i] < h)
				h = pt.start[i];
		buf_add(j->out, pdf, h);
		j->started = true;
	}
	sizes pages = {0}, nodes = {0};
	size_t pages_root = dict_ref(&pt, pt.root, "/Pages");
	collect_pages(&pt, pages_root, &pages, &nodes, 0);
	pt.skip[pt.root] = 1;
	size_t meta = dict_ref(&pt, pt.root, "/Metadata");
	if (meta && meta < pt.n)
		pt.skip[meta] = 1;
	if (first && pages_root < pt.n && pt.start[pages_root]) {
		/* The page size the pages inherit, for the new tree. */
		const char *b = obj_body(&pt, pages_root), *e = pt.s + pt.end[pages_root];
		const char *mb = memmem(b, (size_t)(e - b), "/MediaBox", 9);
		const char *close = mb ? memchr(mb, ']', (size_t)(e - mb)) : NULL;
		if (close) {
			j->media_box = xmalloc((size_t)(close + 1 - mb) + 1);
			memcpy(j->media_box, mb, (size_t)(close + 1 - mb));
			j->media_box[close + 1 - mb] = 0;
		}
	}
	struct walk w = {j, &pt, {0}};
	/* The pages first, in their order, so the page k gets its number
	 * before anything it shows. */
	size_t k0 = j->done;
	bool ok = j->done + pages.n <= j->pages;
	for (size_t i = 0; i < pages.n && ok; i++) {
		visit(&w, pages.v[i]);
		j->page_num[j->done++] = pt.map[pages.v[i]];
	}
	if (first) {
		/* The catalog's other entries (the output intent) and the
		 * Info dictionary come with the first part. */
		if (pt.info && pt.info < pt.n) {
			visit(&w, pt.info);
			j->info = pt.map[pt.info];
		}
		const char *b = obj_body(&pt, pt.root);
		scan_refs(b, pt.s + pt.end[pt.root], on_ref, &w, pt.s);
	}
	while (w.stack.n) {
		size_t o = w.stack.v[--w.stack.n];
		scan_refs(obj_body(&pt, o), pt.s + pt.end[o], on_ref, &w, pt.s);
	}
	vec_free(&w.stack);
	/* Written in the part's order; a page's /Parent becomes the node of
	 * the page tree that holds it. */
	size_t *parent_of = xcalloc(pt.n, sizeof *parent_of);
	for (size_t i = 0; i < pages.n; i++)
		parent_of[pages.v[i]] = leaf_of(j, k0 + i) + 1;
	for (size_t i = 1; i < pt.n && ok; i++) {
		if (!pt.map[i] || pt.skip[i])
			continue;
		if (parent_of[i])
			/* every page tree node of the part stands for the leaf */
			for (size_t t = 0; t < nodes.n; t++)
				pt.map[nodes.v[t]] = parent_of[i] - 1;
		ok = write_obj(j, &pt, i);
	}
	if (first && ok) {
		/* The catalog: the first part's, pointing at the new tree and
		 * metadata (its number reserved: object 1). */
		pt.map[pages_root] = 2;
		if (meta)
			pt.map[meta] = SIZE_MAX; /* the metadata's number comes last */
		const char *b = obj_body(&pt, pt.root), *e = pt.s + pt.end[pt.root];
		struct rewrite r = {&pt, &j->catalog, (size_t)(b - pt.s), false};
		scan_refs(b, e, on_rewrite, &r, pt.s);
		buf_add(&j->catalog, pt.s + r.at, (size_t)(e - (pt.s + r.at)));
		ok = !r.bad;
	}
	free(parent_of);
	vec_free(&pages);
	vec_free(&nodes);
	part_free(&pt);
	if (!ok)
		diag_error(d, pos_none(), "cannot join the parts of the PDF: a part refers to "
			   "an object it does not have");
	return ok;
}

/* The page tree: the root, and its leaves when the pages are many. */
static void write_tree(struct pdf_join *j)
{
	set_off(j, 2);
	buf_puts(j->out, "2 0 obj\n<<\n/Type /Pages\n/Kids [ ");
	if (j->nleaves)
		for (size_t l = 0; l < j->nleaves; l++)
			buf_printf(j->out, "%zu 0 R ", 3 + l);
	else
		for (size_t k = 0; k < j->pages; k++)
			buf_printf(j->out, "%zu 0 R ", j->page_num[k]);
	buf_printf(j->out, "]\n/Count %zu\n", j->pages);
	if (j->media_box)
		buf_printf(j->out, "%s\n", j->media_box);
	buf_puts(j->out, ">>\nendobj\n");
	for (size_t l = 0; l < j->nleaves; l++) {
		size_t a = l * LEAF_PAGES, b = a + LEAF_PAGES < j->pages ? a + LEAF_PAGES : j->pages;
		set_off(j, 3 + l);
		buf_printf(j->out, "%zu 0 obj\n<<\n/Type /Pages\n/Parent 2 0 R\n/Kids [ ", 3 + l);
		for (size_t k = a; k < b; k++)
			buf_printf(j->out, "%zu 0 R ", j->page_num[k]);
		buf_printf(j->out, "]\n/Count %zu\n>>\nendobj\n", b - a);
	}
}

bool pdf_join_end(struct pdf_join *j, const struct pdf_info *info, struct diag *d)
{
	if (!j->started || j->done != j->pages) {
		diag_error(d, pos_none(), "cannot join the parts of the PDF: %zu pages of %zu",
			   j->done, j->pages);
		return false;
	}
	write_tree(j);
	/* The XMP packet, for the whole file's page count. */
	size_t meta = j->next++;
	struct buf x = {0};
	xmp_packet(&x, info, j->pages);
	set_off(j, meta);
	buf_printf(j->out, "%zu 0 obj\n<<\n/Length %zu\n/Type /Metadata\n/Subtype /XML\n>>\n"
		   "stream\r\n", meta, x.len);
	buf_add(j->out, x.data, x.len);
	buf_puts(j->out, "\nendstream\nendobj\n");
	buf_free(&x);
	/* The catalog, its metadata reference (written as SIZE_MAX) now
	 * known. */
	set_off(j, 1);
	buf_puts(j->out, "1 0 obj");
	char mark[32];
	int ml = snprintf(mark, sizeof mark, "%zu 0 R", (size_t)SIZE_MAX);
	const char *c = j->catalog.data ? j->catalog.data : "";
	const char *m = strstr(c, mark);
	if (m) {
		buf_add(j->out, c, (size_t)(m - c));
		buf_printf(j->out, "%zu 0 R", meta);
		buf_puts(j->out, m + ml);
	} else {
		buf_puts(j->out, c);
	}
	size_t xref = j->moved + j->out->len;
	buf_printf(j->out, "xref\n0 %zu\n0000000000 65535 f\r\n", j->next);
	for (size_t n = 1; n < j->next; n++)
		buf_printf(j->out, "%010zu 00000 n\r\n", n < j->off.n ? j->off.v[n] : 0);
	buf_puts(j->out, "trailer\n<<\n/ID [ <");
	for (int r = 0; r < 2; r++) {
		for (int i = 0; i < 16; i++)
			buf_printf(j->out, "%02X", info->id[i]);
		buf_puts(j->out, r ? ">" : "> <");
	}
	buf_puts(j->out, " ]\n/Root 1 0 R\n");
	if (j->info)
		buf_printf(j->out, "/Info %zu 0 R\n", j->info);
	buf_printf(j->out, "/Size %zu\n>>\nstartxref\n%zu\n%%%%EOF\n", j->next, xref);
	return true;
}

void pdf_join_moved(struct pdf_join *j)
{
	j->moved += j->out->len;
	j->out->len = 0;
}

void pdf_join_free(struct pdf_join *j)
{
	if (!j)
		return;
	for (size_t k = 0; k < j->fonts.n; k++)
		free(j->fonts.v[k].name);
	vec_free(&j->fonts);
	vec_free(&j->off);
	free(j->page_num);
	buf_free(&j->catalog);
	free(j->media_box);
	free(j);
}
