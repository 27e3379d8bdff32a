/* vnbreak.c - the cost of a line break between two Vietnamese syllables
 * in a short text, from the lexicon of phrases (templates/phrases.txt,
 * struct phrases) and the marks, numbers and capitals around it. */
#include "typeset.h"
#include "base/base.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_number(const char *s, size_t n)
{
	return n && s[0] >= '0' && s[0] <= '9';
}

/* A year ("2021") counts nothing: "năm 2021 / tỉnh" is no "15 / người". */
static bool is_year(const char *s, size_t n)
{
	if (n != 4)
		return false;
	for (size_t i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return (s[0] == '1' && s[1] == '9') || s[0] == '2';
}

/* A syllable of a name written with capitals in running text: "Hồ",
 * "Chí" (not "HỒ": in a line of capitals every syllable has one). */
static bool name_syllable(const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	if (p >= e || !text_is_upper(utf8_next(&p)))
		return false;
	while (p < e)
		if (text_is_lower(utf8_next(&p)))
			return true;
	return false;
}

/* The length of the mark that s[0..n) ends (at_end) or starts with: one
 * of the ASCII brackets, quotes and stops, or a typographic quote. */
static size_t mark_len(const char *s, size_t n, bool at_end)
{
	static const char marks[] = "()[]\"'.,;:!?";
	if (!n)
		return 0;
	char ch = at_end ? s[n - 1] : s[0];
	if (ch && strchr(marks, ch))
		return 1;
	const char *q = at_end ? s + n - 3 : s;
	if (n >= 3 && (!strncmp(q, "\xe2\x80\x9c", 3) || !strncmp(q, "\xe2\x80\x9d", 3)))
		return 3;
	return 0;
}

/* Cuts off what is not the syllable: "(để", "cáo);", "“Giỏi"; *before
 * and *after say whether anything was. */
static void strip_marks(const char **s, size_t *n, bool *before, bool *after)
{
	size_t k, n0 = *n;
	const char *s0 = *s;
	while ((k = mark_len(*s, *n, true)))
		*n -= k;
	*after = *n < n0;
	while ((k = mark_len(*s, *n, false))) {
		*s += k;
		*n -= k;
	}
	*before = *s > s0;
}

struct syl {
	const char *raw;
	size_t rn;
	const char *s;   /* without its marks */
	size_t n;
	char key[64];    /* phrase_key, "" when none */
	unsigned kinds;  /* of the syllable alone */
	bool mark_before, mark_after;
};

static void at_least(int *pen, size_t j, int v)
{
	if (pen[j] < v)
		pen[j] = v;
}

struct match {
	size_t at, len;
	unsigned kinds;
};

/* Whether syllables [i, i + L) make a phrase of the lexicon; its kinds. */
static unsigned phrase_at(const struct phrases *ph, const struct syl *sy, size_t i, size_t L)
{
	struct buf b = {0};
	for (size_t t = i; t < i + L; t++) {
		if (!sy[t].key[0] || (t > i && (sy[t - 1].mark_after || sy[t].mark_before))) {
			buf_free(&b);
			return 0;
		}
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, sy[t].key);
	}
	unsigned k = phrases_kind(ph, b.data ? b.data : "");
	buf_free(&b);
	return k & (PH_COMPOUND | PH_AGENCY | PH_PLACE);
}

/* A word of two syllables at i that straddles two others ("đoàn viên" in
 * "công đoàn viên chức"): the reading by the two is the one kept.
 * ends[t]: a match of two or more syllables ends with syllable t;
 * starts[t]: one starts with it. */
static bool straddles(const struct match *m, const bool *ends, const bool *starts)
{
	return m->len == 2 && ends[m->at] && starts[m->at + 1];
}

/* The phrases of the lexicon found in the syllables: no break inside
 * one, and rarely one after an agency type ("Sở / Tư pháp"), except
 * before a place ("LIÊN ĐOÀN LAO ĐỘNG / TỈNH ĐẮK LẮK") or a free word. */
static void phrases_in(const struct phrases *ph, const struct syl *sy, size_t n, int *pen)
{
	VEC(struct match) m = {0};
	size_t covered = 0; /* syllables before this are inside a longer match */
	for (size_t i = 0; i < n; i++) {
		size_t maxl = ph->maxlen < n - i ? ph->maxlen : n - i;
		for (size_t L = maxl; L >= 1; L--) {
			if (L == 1 && i < covered)
				break; /* "cán bộ": its "bộ" is no agency */
			unsigned k = phrase_at(ph, sy, i, L);
			if (!k)
				continue;
			struct match mt = {i, L, k};
			vec_push(&m, mt);
			if (i + L > covered)
				covered = i + L;
		}
	}
	/* where the phrases of two syllables or more start and end, so that
	 * the words that straddle two are found in one pass */
	bool *ends = xcalloc(n + 1, sizeof *ends), *starts = xcalloc(n + 1, sizeof *starts);
	for (size_t q = 0; q < m.n; q++)
		if (m.v[q].len >= 2) {
			starts[m.v[q].at] = true;
			ends[m.v[q].at + m.v[q].len - 1] = true;
		}
	for (size_t q = 0; q < m.n; q++) {
		size_t i = m.v[q].at, L = m.v[q].len;
		unsigned k = m.v[q].kinds;
		if (straddles(&m.v[q], ends, starts))
			continue;
		/* Inside a long name a break before "và" reads well ("SỞ TÀI
		 * NGUYÊN / VÀ MÔI TRƯỜNG"), and any other is less bad than one
		 * inside a word of two or three syllables. */
		for (size_t t = i + 1; t < i + L; t++)
			if (L <= 3 || !(sy[t].kinds & PH_FREE))
				at_least(pen, t, L <= 3 ? VP_COMPOUND : VP_LONG);
		size_t nx = i + L;
		if ((k & (PH_AGENCY | PH_PLACE)) && nx < n && !sy[nx - 1].mark_after &&
		    !sy[nx].mark_before && !(sy[nx].kinds & PH_FREE) &&
		    /* "tỉnh" at the end names no place: "Công đoàn Viên chức tỉnh" */
		    !((sy[nx].kinds & PH_PLACE) && nx + 1 < n))
			at_least(pen, nx, k & PH_PLACE && name_syllable(sy[nx].s, sy[nx].n)
					  ? VP_COMPOUND : VP_AGENCY);
	}
	free(ends);
	free(starts);
	vec_free(&m);
}

/* A person's name: a surname and the capitalised syllables after it, up
 * to four in all ("Nguyễn Thị Lan Anh"). */
static void persons_in(const struct syl *sy, size_t n, int *pen)
{
	for (size_t i = 0; i < n; i++) {
		if (!(sy[i].kinds & PH_SURNAME) || !name_syllable(sy[i].s, sy[i].n))
			continue;
		size_t e = i;
		while (e + 1 < n && e - i < 3 && !sy[e].mark_after && !sy[e + 1].mark_before &&
		       name_syllable(sy[e + 1].s, sy[e + 1].n))
			e++;
		for (size_t t = i + 1; t <= e; t++)
			at_least(pen, t, VP_NEVER);
	}
}

void vn_breaks(const struct phrases *ph, const char *const *w, const size_t *wn, size_t n,
	       int *pen)
{
	struct syl *sy = xcalloc(n ? n : 1, sizeof *sy);
	for (size_t i = 0; i < n; i++) {
		struct syl *s = &sy[i];
		s->raw = s->s = w[i];
		s->rn = s->n = wn[i];
		strip_marks(&s->s, &s->n, &s->mark_before, &s->mark_after);
		if (!s->n || !phrase_key(s->s, s->n, s->key, sizeof s->key))
			s->key[0] = 0;
		s->kinds = s->key[0] ? phrases_kind(ph, s->key) : 0;
	}
	for (size_t j = 0; j < n; j++)
		pen[j] = VP_PLAIN;
	for (size_t j = 1; j < n; j++) {
		const struct syl *a = &sy[j - 1], *b = &sy[j];
		char last = a->rn ? a->raw[a->rn - 1] : 0;
		/* "ngày 05", "Số: 12", "15 triệu", "05 tháng" */
		if ((is_number(b->raw, b->rn) && (a->kinds & PH_NUMWORD) &&
		     (!a->mark_after || last == ':')) ||
		    (is_number(a->raw, a->rn) && !a->mark_after && (b->kinds & PH_UNIT) &&
		     !b->mark_before && !is_year(a->raw, a->rn))) {
			pen[j] = VP_NEVER;
			continue;
		}
		if (j == 1 && (a->kinds & PH_AUTHORITY) && (last == '.' || !a->mark_after))
			pen[j] = VP_COMPOUND; /* "TM. BAN THƯỜNG VỤ", "T/M BAN ..." */
		else if (last == ',' || last == ';' || last == ':')
			pen[j] = VP_GOOD;
		else if (a->mark_after || b->mark_before || !a->key[0] || !b->key[0])
			pen[j] = VP_PLAIN;
		else if (a->kinds & (PH_LEADER | PH_FREE))
			pen[j] = VP_LEADER;
		else if (b->kinds & PH_FREE)
			pen[j] = VP_FREE;
		else if (name_syllable(a->s, a->n) && name_syllable(b->s, b->n))
			pen[j] = VP_NAME; /* "Quảng Trị", "Phan Bội Châu" */
	}
	if (ph)
		phrases_in(ph, sy, n, pen);
	persons_in(sy, n, pen);
	free(sy);
}
