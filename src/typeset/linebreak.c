/* linebreak.c - total-fit line breaking.
 *
 * A dynamic program over legal breakpoints with prefix sums of widths,
 * stretch and shrink (after neatroff's fmt.c): for each breakpoint b we
 * look back over the breakpoints a that can start its line, keeping the
 * least total demerits. The backward scan stops once the line cannot be
 * shrunk to fit, so the cost is the number of breakpoints times the words
 * on a line. Demerits follow TeX: (line penalty + badness)^2 + penalty^2,
 * plus a charge for adjacent lines of very different tightness. */
#include "typeset.h"
#include "base/base.h"

#include <math.h>
#include <stdlib.h>

struct node {
	double total;   /* demerits up to here */
	size_t prev;    /* previous break (index into bp), SIZE_MAX for start */
	int fitness;
	double ratio;
	bool ok;
};

static int fitness_class(double r)
{
	if (r < -0.5)
		return 0;
	if (r <= 0.5)
		return 1;
	if (r <= 1)
		return 2;
	return 3;
}

/* Legal breakpoint: a penalty < INF, or glue right after a box. */
static bool legal(const struct lb_item *it, size_t i)
{
	if (it[i].type == LB_PENALTY)
		return it[i].penalty < LB_INF;
	if (it[i].type == LB_GLUE)
		return i > 0 && it[i - 1].type == LB_BOX;
	return false;
}

/* Whether the line from s to b is too wide even fully shrunk, in a way
 * that ends the backward scan (see run): earlier starts only add width. */
static bool too_wide(const struct lb_params *p, const double *W, const double *Z,
		     const size_t *B, size_t b, size_t s, double penw, int emergency)
{
	if (emergency == 2 || (emergency == 1 && B[b] - B[s] < 2))
		return false;
	double w = (s <= b ? W[b] - W[s] : 0) + penw;
	double z = s <= b ? Z[b] - Z[s] : 0;
	return w > p->width && w - z > p->width;
}

static size_t run(const struct lb_item *it, size_t n, const struct lb_params *p,
		  const double *W, const double *Y, const double *Z, const size_t *B,
		  const size_t *bp, size_t nbp,
		  const size_t *start, const size_t *nf, size_t *okc,
		  double tol, int emergency, struct node *nd)
{
	/* nd[0] is the paragraph start; nd[k+1] is breakpoint bp[k]. */
	nd[0] = (struct node){0, SIZE_MAX, 1, 0, true};
	okc[0] = 0;
	for (size_t k = 0; k < nbp; k++) {
		size_t b = bp[k];
		nd[k + 1].ok = false;
		double pen = it[b].type == LB_PENALTY ? it[b].penalty : 0;
		double penw = it[b].type == LB_PENALTY ? it[b].width : 0;
		for (size_t j = k + 1; j-- > 0;) {
			/* candidate start: paragraph start (j == 0) or breakpoint bp[j-1] */
			size_t s = j == 0 ? 0 : start[j - 1];
			if (!nd[j].ok) {
				if (j > 0 && too_wide(p, W, Z, B, b, s, penw, emergency)) {
					/* Every start from bp[0] to here is too wide
					 * as well; the first reachable one would end
					 * the scan, so only the paragraph start is
					 * left, if nothing stands before it. */
					if (okc[j - 1] || nf[j])
						break;
					j = 1;
					continue;
				}
				goto next;
			}
			double lw = j == 0 ? p->first_width : p->width;
			double w = (s <= b ? W[b] - W[s] : 0) + penw;
			double y = (s <= b ? Y[b] - Y[s] : 0) + p->right_stretch;
			double z = s <= b ? Z[b] - Z[s] : 0;
			double r, bad;
			if (w > lw) {
				r = z > 0 ? (lw - w) / z : -INFINITY;
				if (r < -1) {
					/* Too long even shrunk: longer lines (earlier
					 * starts) are worse still, so stop - but in the
					 * emergency pass a box wider than the measure may
					 * stand alone on an overfull line. */
					if (!emergency || (emergency == 1 && B[b] - B[s] != 1))
						break;
					/* Last resort (a tie longer than the line):
					 * overfull, priced by the excess. */
					bad = B[b] - B[s] == 1 ? 1e4 : 1e9 + (w - lw) * 1e6;
					r = 0;
				} else {
					bad = 100 * fabs(r * r * r);
				}
			} else if (w < lw) {
				r = y > 0 ? (lw - w) / y : INFINITY;
				if (r > tol) {
					if (!emergency)
						goto next;
					/* Underfull: allowed, priced by how loose. */
					bad = isinf(r) ? 1e8 : 100 * r * r * r;
					if (isinf(r))
						r = 0;
				} else {
					bad = 100 * r * r * r;
				}
			} else {
				r = 0;
				bad = 0;
			}
			if (bad > 1e4 && !emergency)
				bad = 1e4;
			{
				double d = p->line_penalty + bad;
				d *= d;
				if (pen >= 0)
					d += pen * pen;
				else if (pen > -LB_INF)
					d -= pen * pen;
				int fc = fitness_class(r);
				if (abs(fc - nd[j].fitness) > 1)
					d += p->fitness_demerits;
				double tot = nd[j].total + d;
				if (!nd[k + 1].ok || tot < nd[k + 1].total) {
					nd[k + 1] = (struct node){tot, j, fc, r, true};
				}
			}
		next:
			/* A forced break cannot be skipped by a line. */
			if (j > 0 && it[bp[j - 1]].type == LB_PENALTY && it[bp[j - 1]].penalty <= -LB_INF)
				break;
		}
		okc[k + 1] = okc[k] + nd[k + 1].ok;
	}
	return nd[nbp].ok ? nbp : SIZE_MAX;
}

size_t lb_break(const struct lb_item *it, size_t n, const struct lb_params *p,
		struct lb_line **lines)
{
	double *W = xmalloc((n + 1) * sizeof *W);
	double *Y = xmalloc((n + 1) * sizeof *Y);
	double *Z = xmalloc((n + 1) * sizeof *Z);
	size_t *B = xmalloc((n + 1) * sizeof *B); /* boxes before i */
	size_t *bp = xmalloc((n + 1) * sizeof *bp);
	size_t *start = xmalloc((n + 1) * sizeof *start);
	W[0] = Y[0] = Z[0] = 0;
	B[0] = 0;
	size_t nbp = 0;
	for (size_t i = 0; i < n; i++) {
		bool isglue = it[i].type == LB_GLUE;
		W[i + 1] = W[i] + (it[i].type == LB_PENALTY ? 0 : it[i].width);
		Y[i + 1] = Y[i] + (isglue ? it[i].stretch : 0);
		Z[i + 1] = Z[i] + (isglue ? it[i].shrink : 0);
		B[i + 1] = B[i] + (it[i].type == LB_BOX);
		if (legal(it, i))
			bp[nbp++] = i;
	}
	/* The paragraph must end in a break. */
	if (!nbp || bp[nbp - 1] != n - 1) {
		bp[nbp++] = n; /* virtual break after the last item */
	}
	/* After a break, the next line starts at the first box or forced
	 * penalty: glue and ordinary penalties at a break vanish. */
	for (size_t k = 0; k < nbp; k++) {
		size_t s = bp[k] + 1;
		while (s < n && it[s].type != LB_BOX &&
		       !(it[s].type == LB_PENALTY && it[s].penalty <= -LB_INF))
			s++;
		start[k] = s < n ? s : n;
	}
	/* nf[j]: forced breaks among bp[0..j-1]; okc[j]: reachable nodes
	 * among nd[1..j] (filled by run). */
	size_t *nf = xmalloc((nbp + 1) * sizeof *nf);
	size_t *okc = xmalloc((nbp + 1) * sizeof *okc);
	nf[0] = 0;
	for (size_t k = 0; k < nbp; k++)
		nf[k + 1] = nf[k] + (bp[k] < n && it[bp[k]].type == LB_PENALTY && it[bp[k]].penalty <= -LB_INF);
	struct node *nd = xmalloc((nbp + 1) * sizeof *nd);
	size_t last = SIZE_MAX;
	for (int e = 0; e < 3 && last == SIZE_MAX; e++)
		last = run(it, n, p, W, Y, Z, B, bp, nbp, start, nf, okc, p->tolerance, e, nd);
	free(nf);
	free(okc);
	size_t count = 0;
	for (size_t k = nbp; k != 0 && k != SIZE_MAX; k = nd[k].prev)
		count++;
	struct lb_line *out = xmalloc((count ? count : 1) * sizeof *out);
	size_t li = count;
	for (size_t k = nbp; k != 0 && k != SIZE_MAX; k = nd[k].prev) {
		size_t j = nd[k].prev;
		li--;
		out[li].start = j == 0 ? 0 : start[j - 1];
		out[li].end = bp[k - 1] < n ? bp[k - 1] : n;
		out[li].ratio = nd[k].ratio;
	}
	free(W);
	free(Y);
	free(Z);
	free(B);
	free(bp);
	free(start);
	free(nd);
	*lines = out;
	return count;
}
