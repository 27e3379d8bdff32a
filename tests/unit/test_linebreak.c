/* Knuth-Plass line breaking on hand-made boxes and glue. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "typeset/typeset.h"

/* Builds words of the given widths separated by glue 1 (+0.5 -0.33),
 * ending with fill glue and a forced break. */
static size_t build(struct lb_item *it, const double *w, size_t n, const int *forced)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			if (forced && forced[i]) {
				it[k++] = (struct lb_item){LB_GLUE, 0, 1e6, 0, 0};
				it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
			} else {
				it[k++] = (struct lb_item){LB_GLUE, 1, 0.5, 0.33, 0};
			}
		}
		it[k++] = (struct lb_item){LB_BOX, w[i], 0, 0, 0};
	}
	it[k++] = (struct lb_item){LB_GLUE, 0, 1e6, 0, 0};
	it[k++] = (struct lb_item){LB_PENALTY, 0, 0, 0, -LB_INF};
	return k;
}

static double line_width(const struct lb_item *it, const struct lb_line *l)
{
	double w = 0;
	for (size_t k = l->start; k < l->end; k++)
		if (it[k].type != LB_PENALTY)
			w += it[k].width;
	return w;
}

static const struct lb_params P = {10, 10, 2.0, 10, 3000, 0};

static void fits_on_one_line(void **state)
{
	(void)state;
	struct lb_item it[16];
	double w[] = {2, 2, 2};
	size_t n = build(it, w, 3, NULL);
	struct lb_line *l;
	assert_int_equal(lb_break(it, n, &P, &l), 1);
	assert_int_equal(l[0].start, 0);
	free(l);
}

/* Demerits of one line of words [i, j) as lb_break prices them (with no
 * fitness charge): (10 + 100|r|^3)^2; the last line has fill glue. */
static double line_cost(const double *w, size_t i, size_t j, bool last, double measure,
			bool *ok)
{
	double nat = 0;
	for (size_t k = i; k < j; k++)
		nat += w[k] + (k > i);
	double gaps = (double)(j - i - 1), r = 0;
	if (nat > measure)
		r = gaps ? (measure - nat) / (0.33 * gaps) : -1e9;
	else if (!last)
		r = gaps ? (measure - nat) / (0.5 * gaps) : 1e9;
	*ok = r >= -1 && r <= 2;
	double bad = 100 * fabs(r * r * r);
	return (10 + bad) * (10 + bad);
}

/* Exhaustive search over every set of breaks confirms the optimum. */
static void total_fit_is_optimal(void **state)
{
	(void)state;
	const struct lb_params p = {10, 10, 2.0, 10, 0, 0};
	unsigned seed = 7;
	for (int trial = 0; trial < 200; trial++) {
		enum { N = 11 };
		double w[N];
		for (int i = 0; i < N; i++) {
			seed = seed * 1103515245u + 12345u;
			w[i] = 1 + (seed >> 16) % 5;
		}
		double best = INFINITY;
		for (unsigned mask = 0; mask < 1u << (N - 1); mask++) {
			double total = 0;
			size_t start = 0;
			bool feasible = true;
			for (size_t k = 1; k <= N && feasible; k++) {
				if (k < N && !(mask & (1u << (k - 1))))
					continue;
				bool ok;
				total += line_cost(w, start, k, k == N, 10, &ok);
				feasible = ok;
				start = k;
			}
			if (feasible && total < best)
				best = total;
		}
		struct lb_item it[64];
		size_t n = build(it, w, N, NULL);
		struct lb_line *l;
		size_t nl = lb_break(it, n, &p, &l);
		if (isinf(best)) {
			free(l);
			continue;
		}
		double got = 0;
		for (size_t i = 0; i < nl; i++) {
			size_t a = 0, b = 0;
			for (size_t k = 0; k < l[i].end; k++)
				if (it[k].type == LB_BOX) {
					if (k < l[i].start)
						a++;
					b++;
				}
			bool ok;
			got += line_cost(w, a, b, i + 1 == nl, 10, &ok);
			assert_true(ok);
		}
		assert_true(got <= best * (1 + 1e-9));
		free(l);
	}
}

static void no_line_overflows_unless_a_single_box(void **state)
{
	(void)state;
	double w[40];
	for (int i = 0; i < 40; i++)
		w[i] = 1 + (i * 7) % 5;
	w[17] = 25; /* wider than the measure */
	struct lb_item it[128];
	size_t n = build(it, w, 40, NULL);
	struct lb_line *l;
	size_t nl = lb_break(it, n, &P, &l);
	int single = 0;
	for (size_t i = 0; i < nl; i++) {
		double natural = line_width(it, &l[i]);
		double shrink = 0;
		int boxes = 0;
		for (size_t k = l[i].start; k < l[i].end; k++) {
			if (it[k].type == LB_GLUE)
				shrink += it[k].shrink;
			boxes += it[k].type == LB_BOX;
		}
		if (natural - shrink > 10 + 1e-9) {
			assert_int_equal(boxes, 1);
			single++;
		}
	}
	assert_int_equal(single, 1);
	free(l);
}

static void forced_breaks_are_taken(void **state)
{
	(void)state;
	double w[] = {1, 1, 1, 1};
	int forced[] = {0, 0, 1, 0};
	struct lb_item it[32];
	size_t n = build(it, w, 4, forced);
	struct lb_line *l;
	size_t nl = lb_break(it, n, &P, &l);
	assert_int_equal(nl, 2);
	/* second line starts at the third word's box */
	assert_int_equal(it[l[1].start].type, LB_BOX);
	assert_true(l[1].start > l[0].end);
	free(l);
}

static void infinite_penalty_forbids_a_break(void **state)
{
	(void)state;
	/* words 5 | 4 with a tie before the second: "5 ~4" cannot split, so a
	 * measure of 8 forces the whole pair onto one overfull line. */
	struct lb_item it[] = {
		{LB_BOX, 5, 0, 0, 0},
		{LB_PENALTY, 0, 0, 0, LB_INF},
		{LB_GLUE, 1, 0.5, 0.33, 0},
		{LB_BOX, 4, 0, 0, 0},
		{LB_GLUE, 0, 1e6, 0, 0},
		{LB_PENALTY, 0, 0, 0, -LB_INF},
	};
	struct lb_params p = {8, 8, 2.0, 10, 3000, 0};
	struct lb_line *l;
	assert_int_equal(lb_break(it, 6, &p, &l), 1);
	free(l);
}

static void empty_paragraph(void **state)
{
	(void)state;
	struct lb_item it[] = {{LB_GLUE, 0, 1e6, 0, 0}, {LB_PENALTY, 0, 0, 0, -LB_INF}};
	struct lb_line *l;
	size_t nl = lb_break(it, 2, &P, &l);
	assert_true(nl <= 1);
	free(l);
}

static void long_paragraph_is_fast_and_sane(void **state)
{
	(void)state;
	enum { N = 20000 };
	double *w = malloc(N * sizeof *w);
	for (int i = 0; i < N; i++)
		w[i] = 2 + (i * 13) % 7;
	struct lb_item *it = malloc((2 * N + 4) * sizeof *it);
	size_t n = build(it, w, N, NULL);
	struct lb_params p = {60, 60, 2.0, 10, 3000, 0};
	struct lb_line *l;
	size_t nl = lb_break(it, n, &p, &l);
	assert_true(nl > N * 5 / 60 / 2);
	for (size_t i = 0; i + 1 < nl; i++)
		assert_true(l[i].ratio >= -1 - 1e-9);
	free(l);
	free(it);
	free(w);
}

/* A ragged cell "Không đề nghị" 59 pt wide, "đề nghị" tied (150): with
 * \rightskip stretch a line of one word is fine, and the tie holds; without
 * it the first pass refuses "Không" alone and breaks the tie. */
static void ragged_line_of_one_word(void **state)
{
	(void)state;
	struct lb_item it[] = {
		{LB_BOX, 35.4, 0, 0, 0},   {LB_GLUE, 3.2, 58.93, 0, 0}, {LB_BOX, 12.3, 0, 0, 0},
		{LB_PENALTY, 0, 0, 0, 150}, {LB_GLUE, 3.2, 58.93, 0, 0}, {LB_BOX, 23.1, 0, 0, 0},
		{LB_GLUE, 0, 1e6, 0, 0},   {LB_PENALTY, 0, 0, 0, -LB_INF},
	};
	struct lb_params p = {58.93, 58.93, 2.0, 10, 3000, 58.93};
	struct lb_line *l;
	size_t nl = lb_break(it, 8, &p, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].end, 1); /* "Không" / "đề nghị" */
	free(l);
	p.right_stretch = 0;
	nl = lb_break(it, 8, &p, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].end, 3); /* "Không đề" / "nghị" */
	free(l);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(fits_on_one_line),
		cmocka_unit_test(total_fit_is_optimal),
		cmocka_unit_test(no_line_overflows_unless_a_single_box),
		cmocka_unit_test(forced_breaks_are_taken),
		cmocka_unit_test(infinite_penalty_forbids_a_break),
		cmocka_unit_test(empty_paragraph),
		cmocka_unit_test(long_paragraph_is_fast_and_sane),
		cmocka_unit_test(ragged_line_of_one_word),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
