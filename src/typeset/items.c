/* items.c - the pieces of flow lines, and words: text and rule segments,
 * paragraphs split into words (in several faces, with the ties that keep
 * a number with its word and the cuts of long web addresses), and short
 * texts wrapped into greedy or balanced lines (names, titles, Nơi nhận). */
#include "layout_int.h"
#include "base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

double width_of(struct lctx *c, int face, double size, const char *s)
{
	return text_width(c->m, face, size, s, strlen(s));
}

const char *keep(struct lctx *c, const char *s, size_t n)
{
	return arena_strndup(&c->out->arena, s, n);
}

void seg_text(struct fline *f, int face, double size, double x, double dy,
	      const char *text)
{
	struct seg s = {SG_TEXT, face, size, x, dy, 0, 0, text, 0};
	vec_push(&f->segs, s);
}

void seg_rule(struct fline *f, double x1, double x2, double dy)
{
	struct seg s = {SG_RULE, 0, 0, x1, dy, x2, dy, NULL, 0};
	vec_push(&f->segs, s);
}

static double word_width(const struct lctx *c, const struct para *p, const struct word *w,
			 double size)
{
	double width = 0;
	for (size_t k = 0; k < w->count; k++) {
		const struct wseg *s = &p->segs.v[w->first + k];
		width += text_width(c->m, s->face, size, s->s, s->n);
	}
	return width;
}

static bool is_space(char ch)
{
	return ch == ' ' || ch == '\n';
}

/* Words after which a number must not start a new line ("ngày 05",
 * "Số: 12", "Điều 3"), and marks that must not begin one ("./.", a dash
 * that would read as a list item). */
static bool ties_number(const char *s, size_t n)
{
	static const char *const w[] = {"ngày", "tháng", "năm", "Số:", "số", "Số", "Điều",
					"điều", "khoản", "Khoản", "điểm", "Điểm", "Mục", "mục",
					"Chương", "chương", "Phần", "phần", "quý", "Quý"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strlen(w[i]) == n && !memcmp(w[i], s, n))
			return true;
	return false;
}

/* Of those, the words of a date and of a number ("ngày 05", "tháng 3",
 * "năm 2021", "Số: 12"), which never end a line before their number. */
static bool ties_date(const char *s, size_t n)
{
	static const char *const w[] = {"ngày", "Ngày", "tháng", "Tháng", "năm", "Năm",
					"Số:", "số", "Số"};
	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
		if (strlen(w[i]) == n && !memcmp(w[i], s, n))
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static void para_word_end(struct para *p, struct word *cur, bool *open)
{
	if (*open) {
		vec_push(&p->words, *cur);
		*open = false;
	}
}

/* Splits runs into words: text between spaces, possibly in several faces
 * ("**Nguyễn Văn A**," gives a bold word glued to a regular comma). */
void para_build(struct lctx *c, struct para *p, const struct run *runs, size_t nruns,
		const char *marker, double size)
{
	struct word cur = {0};
	bool open = false, hard = false;
	if (marker) {
		struct wseg s = {F_REGULAR, marker, strlen(marker)};
		vec_push(&p->segs, s);
		cur = (struct word){p->segs.n - 1, 1, 0, false, false, false, false};
		open = true;
		para_word_end(p, &cur, &open);
	}
	for (size_t r = 0; r < nruns; r++) {
		const char *t = runs[r].text;
		if (!strcmp(t, "\n")) {
			para_word_end(p, &cur, &open);
			hard = true;
			continue;
		}
		while (*t) {
			if (is_space(*t)) {
				para_word_end(p, &cur, &open);
				t++;
				continue;
			}
			size_t n = 0;
			while (t[n] && !is_space(t[n]))
				n++;
			struct wseg s = {runs[r].face & 3, t, n};
			vec_push(&p->segs, s);
			if (!open) {
				cur = (struct word){p->segs.n - 1, 0, 0, false, hard, false, false};
				hard = false;
				open = true;
			}
			cur.count++;
			t += n;
		}
	}
	para_word_end(p, &cur, &open);
	for (size_t i = 0; i < p->words.n; i++) {
		struct word *w = &p->words.v[i];
		w->width = word_width(c, p, w, size);
		if (i == 0 || w->hard_before)
			continue;
		struct wseg *first = &p->segs.v[w->first];
		struct word *pw = &p->words.v[i - 1];
		struct wseg *plast = &p->segs.v[pw->first + pw->count - 1];
		if ((first->n >= 3 && !memcmp(first->s, "./.", 3)) ||
		    (first->n == 1 && first->s[0] == '-') ||
		    (first->n == 3 && !memcmp(first->s, "\xe2\x80\x93", 3)))
			w->tie_before = 2;
		else if (pw->count == 1 && ties_date(plast->s, plast->n) &&
			 first->s[0] >= '0' && first->s[0] <= '9')
			w->tie_before = 2;
		else if (pw->count == 1 && w->count == 1 && all_digits(plast->s, plast->n) &&
			 ((first->n == strlen("tháng") && !memcmp(first->s, "tháng", first->n)) ||
			  (first->n == strlen("năm") && !memcmp(first->s, "năm", first->n))))
			w->tie_before = 1; /* "05 tháng": a soft tie, the pairs hold */
		else if (pw->count == 1 && ties_number(plast->s, plast->n) &&
			 first->s[0] >= '0' && first->s[0] <= '9')
			w->tie_before = 1;
	}
}

/* The text of word i of p (its segments joined). */
static char *word_text(const struct para *p, size_t i)
{
	const struct word *w = &p->words.v[i];
	struct buf b = {0};
	for (size_t k = 0; k < w->count; k++)
		buf_add(&b, p->segs.v[w->first + k].s, p->segs.v[w->first + k].n);
	return b.data ? buf_take(&b) : xstrdup("");
}

/* Ties the words of a compound or a name of the lexicon ("Công nghệ",
 * "Môi trường", "đề nghị") softly together, as for a short text: a cell
 * then breaks between words while its column is wide enough. Returns the
 * width of the widest run of tied words (what the cell needs to break
 * nowhere inside a phrase). */
double para_phrase_ties(struct lctx *c, struct para *p, double size)
{
	size_t nw = p->words.n;
	if (!nw || !c->ph)
		return 0;
	char **txt = xmalloc(nw * sizeof *txt);
	size_t *len = xmalloc(nw * sizeof *len);
	int *pen = xmalloc(nw * sizeof *pen);
	for (size_t j = 0; j < nw; j++) {
		txt[j] = word_text(p, j);
		len[j] = strlen(txt[j]);
	}
	vn_breaks(c->ph, (const char *const *)txt, len, nw, pen);
	double space = text_width(c->m, F_REGULAR, size, " ", 1), run = 0, widest = 0;
	for (size_t j = 0; j < nw; j++) {
		struct word *w = &p->words.v[j];
		if (j && !w->tie_before && !w->hard_before && !w->join_before &&
		    pen[j] >= VP_COMPOUND)
			w->tie_before = 1;
		run = j && w->tie_before && !w->hard_before ? run + space + w->width : w->width;
		widest = fmax(widest, run);
		free(txt[j]);
	}
	free(txt);
	free(len);
	free(pen);
	return widest;
}

void para_free(struct para *p)
{
	vec_free(&p->segs);
	vec_free(&p->words);
}

/* May a word too long for the line be cut after byte i of s? As the
 * style guides do for web addresses: after a slash (not inside "//"),
 * before a dot, hyphen, underscore, tilde, question mark, hash, ampersand,
 * equals or at sign, so that the line's end never looks like a hyphenation
 * or a full stop. */
static bool url_break_after(const char *s, size_t n, size_t i, bool fits)
{
	/* an address that fits a line is cut only at its slashes and dots,
	 * and after its "@", never before it */
	const char *before = fits ? "." : ".-_~?#&=@";
	if (i == 0 || i + 1 >= n)
		return false;
	/* not before the punctuation that ends it ("./.", ").", ",") */
	size_t k = i + 1;
	while (k < n && strchr(".,;:!?)]}\"'/", s[k]) && s[k])
		k++;
	if (k == n)
		return false;
	/* nor before a last piece too short to stand alone (".vn", ".vn),") */
	size_t end = n;
	while (end > i + 1 && strchr(".,;:!?)]}\"'", s[end - 1]) && s[end - 1])
		end--;
	if (end - (i + 1) < 4)
		return false;
	if (s[i] == '/')
		return s[i + 1] != '/' && s[i - 1] != ':' && s[i - 1] != '/';
	if (fits && s[i] == '@')
		return true; /* "vanphong.cdvc@ / quangtri.gov.vn" */
	return s[i + 1] && s[i] && strchr(before, s[i + 1]) && !strchr(".-_~?#&=@", s[i]) &&
	       s[i] != '/';
}

/* Whether s (n bytes) starts, after an opening bracket or quote, with
 * "www." in any case; *at gets the offset of the dot. */
static bool starts_www(const char *s, size_t n, size_t *at)
{
	size_t i = 0;
	while (i < n && strchr("([{\"'", s[i]) && s[i])
		i++;
	if (n - i > 4 && !strncasecmp(s + i, "www.", 4)) {
		*at = i + 3;
		return true;
	}
	return false;
}

/* A web or e-mail address: a word with "://" or "@" in it, or "www.". */
static bool is_address(const struct para *p, const struct word *w)
{
	for (size_t k = 0; k < w->count; k++) {
		const struct wseg *sg = &p->segs.v[w->first + k];
		size_t at;
		if ((k == 0 && starts_www(sg->s, sg->n, &at)) || memchr(sg->s, '@', sg->n))
			return true;
		for (size_t i = 0; i + 2 < sg->n; i++)
			if (!memcmp(sg->s + i, "://", 3))
				return true;
	}
	return false;
}

/* Cuts every word wider than the line into pieces at the places above,
 * so that addresses break across lines instead of running off the page;
 * and every address, at its slashes, dots and after its "@", so that a line need
 * not go loose to keep one whole (those pieces keep together in a
 * justified line, and a cut costs). "vanphong.cdvc / @quangtri.gov.vn"
 * would read as two words: no cut before "@" of an address that fits.
 * Other words that fit are untouched. */
void split_long_words(struct lctx *c, struct para *p, double size, double width)
{
	bool any = false;
	for (size_t i = 0; i < p->words.n && !any; i++)
		any = p->words.v[i].width > width || is_address(p, &p->words.v[i]);
	if (!any)
		return;
	struct para q = {0};
	for (size_t i = 0; i < p->words.n; i++) {
		struct word w = p->words.v[i];
		bool too_long = w.width > width;
		if (!too_long && !is_address(p, &w)) {
			struct word nw = w;
			nw.first = q.segs.n;
			for (size_t k = 0; k < w.count; k++)
				vec_push(&q.segs, p->segs.v[w.first + k]);
			vec_push(&q.words, nw);
			continue;
		}
		struct word cur = w;
		cur.first = q.segs.n;
		cur.count = 0;
		for (size_t k = 0; k < w.count; k++) {
			struct wseg sg = p->segs.v[w.first + k];
			size_t from = 0, www = SIZE_MAX;
			if (k == 0)
				starts_www(sg.s, sg.n, &www);
			for (size_t b = 0; b < sg.n; b++) {
				/* "www." stays with the name after it */
				if (!url_break_after(sg.s, sg.n, b, !too_long) || b + 1 == www)
					continue;
				struct wseg piece = {sg.face, sg.s + from, b + 1 - from};
				vec_push(&q.segs, piece);
				cur.count++;
				cur.width = word_width(c, &q, &cur, size);
				vec_push(&q.words, cur);
				cur = (struct word){q.segs.n, 0, 0, 0, false, true, too_long};
				from = b + 1;
			}
			struct wseg rest = {sg.face, sg.s + from, sg.n - from};
			vec_push(&q.segs, rest);
			cur.count++;
		}
		cur.width = word_width(c, &q, &cur, size);
		vec_push(&q.words, cur);
	}
	para_free(p);
	*p = q;
}

/* Greedy line filling over words; returns the number of lines and, if
 * starts is given, the first word of each line. */
static size_t greedy(const struct para *p, double space, double width, double narrow,
		     size_t nnarrow, size_t *starts)
{
	size_t n = 0;
	double x = 0;
	for (size_t i = 0; i < p->words.n; i++) {
		const struct word *w = &p->words.v[i];
		double lw = n <= nnarrow && narrow < width ? narrow : width;
		/* the words tied to this one ("ngày 29 tháng 12 năm 2019") go
		 * with it, or it goes with them to the next line */
		double ww = w->width;
		for (size_t k = i + 1; k < p->words.n && p->words.v[k].tie_before == 2 &&
				       !p->words.v[k].hard_before; k++)
			ww += space + p->words.v[k].width;
		bool fits = i > 0 && (w->tie_before == 2 || x + space + ww <= lw + 1e-6);
		if (i > 0 && fits && !w->hard_before) {
			x += space + w->width;
			continue;
		}
		if (starts)
			starts[n] = i;
		n++;
		x = w->width;
	}
	return n;
}

/* Balanced lines for a short centred text: n lines (the fewest that
 * greedy filling needs), each within its measure, chosen to make the
 * lines even (the earlier ones a little fuller) and to break where the
 * language does (vnbreak.h): after a comma rather than inside a word or a
 * date, never after "ngày" or before "tháng 01". Writes the first word of
 * each line to starts; false when the text is too long to weigh every
 * break (then greedy filling does). */
static bool balanced_breaks(const struct phrases *ph, const struct para *p, double space,
			    double width, double narrow, size_t nnarrow, size_t n, bool last_free,
			    size_t *starts, double *cost_out, double *poor)
{
	size_t nw = p->words.n;
	if (nw > 200 || n > 12)
		return false;
	double W2 = width * width;
	/* The cost of a break before word j: the phrase's grade, a tenth of
	 * the square of the measure for each point, so that a break inside a
	 * compound (VP_COMPOUND) costs more than the lines' unevenness can. */
	double *brk = xcalloc(nw + 1, sizeof *brk);
	int *pen = xcalloc(nw + 1, sizeof *pen);
	char **txt = xmalloc((nw ? nw : 1) * sizeof *txt);
	size_t *len = xmalloc((nw ? nw : 1) * sizeof *len);
	for (size_t j = 0; j < nw; j++) {
		txt[j] = word_text(p, j);
		len[j] = strlen(txt[j]);
	}
	vn_breaks(ph, (const char *const *)txt, len, nw, pen);
	for (size_t j = 1; j < nw; j++)
		brk[j] = (p->words.v[j].tie_before == 2 ? 1e5 : pen[j]) * 0.1 * W2;
	for (size_t j = 0; j < nw; j++)
		free(txt[j]);
	free(txt);
	free(len);
	free(pen);
	/* cost[k * (nw + 1) + j]: the best k lines holding words 0..j-1. */
	size_t stride = nw + 1;
	double *cost = xmalloc((n + 1) * stride * sizeof *cost);
	size_t *from = xmalloc((n + 1) * stride * sizeof *from);
	for (size_t i = 0; i < (n + 1) * stride; i++)
		cost[i] = HUGE_VAL;
	cost[0] = 0;
	for (size_t k = 1; k <= n; k++) {
		double m = k - 1 < nnarrow && narrow < width ? narrow : width;
		double weight = 1 + 0.15 * (double)(n - k);
		for (size_t i = 0; i < nw; i++) {
			double base = cost[(k - 1) * stride + i];
			if (base == HUGE_VAL)
				continue;
			double lw = 0;
			for (size_t j = i + 1; j <= nw; j++) {
				const struct word *w = &p->words.v[j - 1];
				if (j > i + 1 && w->hard_before)
					break; /* a hard break ends the line before it */
				lw += w->width + (j > i + 1 ? space : 0);
				if (lw > m + 1e-6 && j > i + 1)
					break;
				if (j < nw && !p->words.v[j].hard_before && k == n)
					continue; /* the last line takes the rest */
				/* ragged lines: the last may be as short as it likes */
				double slack = last_free && j == nw ? 0 : fmax(m - lw, 0);
				double v = base + weight * slack * slack + (j < nw ? brk[j] : 0);
				/* a last line of one word: "CÔNG ĐOÀN VIÊN CHỨC / TỈNH" */
				if (j == nw && j == i + 1 && nw > 2 && k > 1)
					v += VP_WIDOW * 0.1 * W2;
				if (v < cost[k * stride + j]) {
					cost[k * stride + j] = v;
					from[k * stride + j] = i;
				}
			}
		}
	}
	bool ok = cost[n * stride + nw] != HUGE_VAL;
	*poor = 0;
	if (ok) {
		*cost_out = cost[n * stride + nw];
		for (size_t k = n, j = nw; k > 0; k--) {
			j = from[k * stride + j];
			starts[k - 1] = j;
			/* what the breaks cost that a reader notices */
			if (k > 1 && brk[j] >= VP_AGENCY * 0.1 * W2)
				*poor += brk[j] / (0.1 * W2);
		}
	}
	free(brk);
	free(cost);
	free(from);
	return ok;
}

/* Breaks one-face text into lines of at most `width` (longer words stand
 * alone); the first `nnarrow` lines are held to `narrow` (the left column
 * of the header beside the national title). Balanced: the fewest lines
 * greedy filling needs, broken by balanced_breaks, so a two-line name
 * breaks near its middle ("LIÊN ĐOÀN LAO ĐỘNG / TỈNH QUẢNG NGÃI") as
 * headers are set, with a line or two more when that avoids a break
 * inside a word. */
size_t wrap_narrowed(struct lctx *c, const char *text, int face, double size,
		     double width, double narrow, size_t nnarrow, int balance,
		     const char ***lines_out, double **widths_out)
{
	struct run r = {face, text};
	struct para p = {0};
	para_build(c, &p, &r, 1, NULL, size);
	double space = text_width(c->m, face, size, " ", 1);
	size_t n = greedy(&p, space, width, narrow, nnarrow, NULL);
	size_t *starts = xmalloc((n + 1) * sizeof *starts);
	double cost = 0, cost2 = 0, poor = 0, poor2 = 0;
	if (balance == WRAP_GREEDY || n < 2 ||
	    !balanced_breaks(c->ph, &p, space, width, narrow, nnarrow, n, balance == WRAP_RAGGED,
			     starts, &cost, &poor)) {
		greedy(&p, space, width, narrow, nnarrow, starts);
	} else if (poor > 0) {
		/* A break inside a word ("GIÁO / DỤC") or between an agency
		 * and its name is avoided with a line or two more when that
		 * costs less: "TRƯỜNG ĐẠI HỌC / KHOA HỌC XÃ HỘI / VÀ NHÂN VĂN",
		 * not "... KHOA / HỌC ...", however many lines the name has. */
		size_t best = n;
		for (size_t extra = 1; extra <= 2 && poor > 0; extra++) {
			size_t *s2 = xmalloc((n + extra) * sizeof *s2);
			if (balanced_breaks(c->ph, &p, space, width, narrow, nnarrow, n + extra,
					    balance == WRAP_RAGGED, s2, &cost2, &poor2) &&
			    poor2 + VP_AGENCY <= poor + 1e-9) {
				free(starts);
				starts = s2;
				best = n + extra;
				poor = poor2;
			} else {
				free(s2);
			}
		}
		n = best;
	}
	const char **lines = arena_alloc(&c->out->arena, (n ? n : 1) * sizeof *lines);
	double *widths = arena_alloc(&c->out->arena, (n ? n : 1) * sizeof *widths);
	for (size_t i = 0; i < n; i++) {
		size_t end = i + 1 < n ? starts[i + 1] : p.words.n;
		struct buf b = {0};
		double lw = 0;
		for (size_t k = starts[i]; k < end; k++) {
			const struct word *wd = &p.words.v[k];
			if (k > starts[i]) {
				buf_putc(&b, ' ');
				lw += space;
			}
			for (size_t g = 0; g < wd->count; g++)
				buf_add(&b, p.segs.v[wd->first + g].s, p.segs.v[wd->first + g].n);
			lw += wd->width;
		}
		lines[i] = keep(c, b.data ? b.data : "", b.len);
		widths[i] = lw;
		buf_free(&b);
	}
	free(starts);
	para_free(&p);
	*lines_out = lines;
	*widths_out = widths;
	return n;
}

size_t wrap(struct lctx *c, const char *text, int face, double size, double width,
	    int balance, const char ***lines_out, double **widths_out)
{
	return wrap_narrowed(c, text, face, size, width, width, 0, balance, lines_out,
			     widths_out);
}

size_t layout_wrap(const struct metrics *m, const struct phrases *ph, struct arena *ar,
		   const char *text, int face, double size, double width, bool balance,
		   const char ***lines, double **widths)
{
	struct layout lo = {0};
	struct layout_stats st;
	struct lctx c = {0};
	c.m = m;
	c.ph = ph;
	c.out = &lo;
	c.stats = &st;
	c.ink_above = ink_em(m->ink_above, INK_ROOM_ABOVE);
	c.ink_below = ink_em(m->ink_below, INK_ROOM_BELOW);
	size_t n = wrap(&c, text, face, size, width, balance, lines, widths);
	/* Move what the lines need from the scratch arena into the caller's. */
	for (size_t i = 0; i < n; i++)
		(*lines)[i] = arena_strdup(ar, (*lines)[i]);
	const char **l2 = arena_alloc(ar, (n ? n : 1) * sizeof *l2);
	double *w2 = arena_alloc(ar, (n ? n : 1) * sizeof *w2);
	memcpy(l2, *lines, n * sizeof *l2);
	memcpy(w2, *widths, n * sizeof *w2);
	*lines = l2;
	*widths = w2;
	arena_free(&lo.arena);
	return n;
}

/* Centred lines at baseline dy, dy + pitch...; the first nnarrow lines at
 * most `narrow` wide. Returns the last baseline; *nlines counts lines. */
double centred_narrowed(struct lctx *c, struct fline *f, const char *text, int face,
			double size, double cx, double width, double narrow,
			size_t nnarrow, double dy, double pitch, double *maxw,
			size_t *nlines)
{
	/* Line breaks the user wrote are kept; each part wraps on its own. */
	size_t total = 0;
	if (maxw)
		*maxw = 0;
	for (const char *part = text; part;) {
		const char *nl = strchr(part, '\n');
		char *piece = xstrndup(part, nl ? (size_t)(nl - part) : strlen(part));
		const char **lines;
		double *w;
		size_t skip = total < nnarrow ? nnarrow - total : 0;
		size_t n = wrap_narrowed(c, piece, face, size, width, narrow, skip, WRAP_BALANCED,
					 &lines, &w);
		free(piece);
		for (size_t i = 0; i < n; i++) {
			if (total++)
				dy += pitch;
			seg_text(f, face, size, cx - w[i] / 2, dy, lines[i]);
			if (maxw && w[i] > *maxw)
				*maxw = w[i];
		}
		part = nl ? nl + 1 : NULL;
	}
	if (nlines)
		*nlines = total;
	return dy;
}

/* One line centred as it is, spaces and all ("Số:      /TB-LĐLĐ"). */
void centred_line(struct lctx *c, struct fline *f, const char *text, int face,
		  double size, double cx, double dy)
{
	double w = width_of(c, face, size, text);
	seg_text(f, face, size, cx - w / 2, dy, keep(c, text, strlen(text)));
}

double centred(struct lctx *c, struct fline *f, const char *text, int face, double size,
	       double cx, double width, double dy, double pitch, double *maxw)
{
	return centred_narrowed(c, f, text, face, size, cx, width, width, 0, dy, pitch, maxw, NULL);
}
