/* verify.c - `vanban verify FILE.pdf [--ca FILE]`: every signature of a
 * file checked (the byte ranges cover the file but the signature itself,
 * the digest, the CMS signature, the certificate chain against --ca or the
 * system's store), with its signer, time and result. Exit 0 only when all
 * hold; 1 when one does not, or there is none; 2 usage; 3 unreadable. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char verify_usage[] = "usage: vanban verify FILE.pdf [--ca FILE]\n";

static void print_report(const struct sig_report *r, size_t len, FILE *out)
{
	struct buf q = {0};
	quote_into(&q, r->field ? r->field : "?", strlen(r->field ? r->field : "?"),
		   DIAG_QUOTE_MAX);
	fprintf(out, "%s: %s\n", q.data, r->valid ? "valid" : "NOT VALID");
	q.len = 0;
	if (r->signer) {
		quote_into(&q, r->signer, strlen(r->signer), DIAG_QUOTE_MAX);
		fprintf(out, "  signer: %s\n", q.data);
	}
	if (r->time)
		fprintf(out, "  time: %s\n", r->time);
	if (r->subfilter)
		fprintf(out, "  format: %s\n", r->subfilter);
	if (r->whole)
		fprintf(out, "  covers: the whole file\n");
	else if (r->covered)
		fprintf(out, "  covers: bytes 0-%zu of %zu (a later revision follows)\n",
			r->covered, len);
	if (r->problem) {
		q.len = 0;
		quote_into(&q, r->problem, strlen(r->problem), 0);
		fprintf(out, "  %s%s\n", r->valid ? "" : "problem: ", q.data);
	}
	buf_free(&q);
}

int verify_command(int argc, char **argv)
{
	const char *file = NULL, *ca = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--ca") && i + 1 < argc) {
			ca = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(verify_usage, stdout);
			return 0;
		} else if (argv[i][0] != '-' && !file) {
			file = argv[i];
		} else {
			fputs(verify_usage, stderr);
			return 2;
		}
	}
	if (!file) {
		fputs(verify_usage, stderr);
		return 2;
	}
	struct buf q = {0};
	quote_into(&q, file, strlen(file), 0);
	size_t len;
	char *data = read_file(file, &len);
	if (!data) {
		fprintf(stderr, "vanban: %s: cannot read it: %s\n", q.data, strerror(errno));
		buf_free(&q);
		return 3;
	}
	struct sig_reports r;
	pdf_verify(data, len, ca, &r);
	int status = 0;
	if (r.problem) {
		fprintf(stderr, "vanban: %s: %s\n", q.data, r.problem);
		status = 1;
	} else {
		size_t good = 0;
		for (size_t i = 0; i < r.v.n; i++) {
			print_report(&r.v.v[i], len, stdout);
			good += r.v.v[i].valid;
		}
		/* Something appended after the last signature is not signed. */
		bool tail = r.v.n > 0;
		for (size_t i = 0; i < r.v.n; i++)
			tail = tail && !r.v.v[i].whole;
		if (tail)
			fprintf(stdout, "the end of the file is not covered by any signature\n");
		fprintf(stdout, "%s: %zu of %zu signature%s valid\n", q.data, good, r.v.n,
			r.v.n == 1 ? "" : "s");
		status = good == r.v.n && !tail ? 0 : 1;
	}
	sig_reports_free(&r);
	free(data);
	buf_free(&q);
	return status;
}
