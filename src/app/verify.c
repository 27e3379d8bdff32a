/* verify.c - `vanban verify FILE.pdf [--ca FILE]`: every signature of a
 * file checked (the byte ranges cover the file but the signature itself,
 * the digest, the CMS signature, the certificate chain against --ca or the
 * system's store), with its signer, time and result. Exit 0 only when all
 * hold; 1 when one does not, or there is none; 2 usage; 3 unreadable. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char verify_usage[] = N_("usage: vanban verify FILE.pdf [--ca FILE]\n");

static void print_report(const struct sig_report *r, size_t len, FILE *out)
{
	struct buf q = {0};
	quote_into(&q, r->field ? r->field : "?", strlen(r->field ? r->field : "?"),
		   DIAG_QUOTE_MAX);
	fprintf(out, "%s: %s\n", q.data, r->valid ? "valid" : "NOT VALID");
	q.len = 0;
	if (r->signer) {
		quote_into(&q, r->signer, strlen(r->signer), DIAG_QUOTE_MAX);
		fprintf(out, _("  signer: %s\n"), q.data);
	}
	if (r->time)
		fprintf(out, _("  time: %s\n"), r->time);
	if (r->subfilter)
		fprintf(out, _("  format: %s\n"), r->subfilter);
	if (r->whole)
		fputs(_("  covers: the whole file\n"), out);
	else if (r->covered)
		fprintf(out, _("  covers: bytes 0-%zu of %zu (a later revision follows)\n"),
			r->covered, len);
	if (r->problem) {
		q.len = 0;
		const char *why = _(r->problem);
		quote_into(&q, why, strlen(why), 0);
		if (r->valid)
			fprintf(out, "  %s\n", q.data);
		else
			fprintf(out, _("  problem: %s\n"), q.data);
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
			fputs(_(verify_usage), stdout);
			return 0;
		} else if (argv[i][0] != '-' && !file) {
			file = argv[i];
		} else {
			fputs(_(verify_usage), stderr);
			return 2;
		}
	}
	if (!file) {
		fputs(_(verify_usage), stderr);
		return 2;
	}
	struct buf q = {0};
	quote_into(&q, file, strlen(file), 0);
	size_t len;
	char *data = read_file(file, &len);
	if (!data) {
		say("%s: cannot read it: %s", q.data, errstr(errno));
		buf_free(&q);
		return 3;
	}
	struct sig_reports r;
	pdf_verify(data, len, ca, &r);
	int status = 0;
	if (r.problem) {
		say("%s: %s", q.data, _(r.problem));
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
			fputs(_("the end of the file is not covered by any signature\n"), stdout);
		if (r.v.n == 1)
			printf(_("%s: %zu of 1 signature valid\n"), q.data, good);
		else
			printf(_("%s: %zu of %zu signatures valid\n"), q.data, good, r.v.n);
		status = good == r.v.n && !tail ? 0 : 1;
	}
	sig_reports_free(&r);
	free(data);
	buf_free(&q);
	return status;
}
