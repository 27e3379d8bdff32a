/* regcmd.c - `vanban register ...`: listing, showing, voiding and unvoiding numbers,
 * checking the issued files, and printing the register book (sổ đăng ký văn bản đi). */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] = N_(
	"usage: vanban register list [--year Y] [--type TB] [--format text|csv|json]\n"
	"       vanban register show N/YEAR\n"
	"       vanban register void N/YEAR --reason TEXT [--issuer CODE] [--type TB]\n"
	"       vanban register unvoid N/YEAR --reason TEXT [--issuer CODE] [--type TB]\n"
	"       vanban register check [--year Y] [--type TB]\n"
	"       vanban register book --year Y -o FILE.pdf\n"
	"each takes --register FILE (default: $VANBAN_REGISTER)\n"
	"\n"
	"  list     the rows, in order (--year and --type narrow them)\n"
	"  show     one number in full, with the history of its voids\n"
	"  void     marks a number void: the row stays, the number is never given again\n"
	"  unvoid   undoes a void\n"
	"  check    each issued file in place, with the SHA-256 its row records\n"
	"  book     the register book (sổ đăng ký văn bản đi) of a year, as a PDF\n"
	"\n"
	"--issuer CODE and --type TB say which sequence has the number, when several\n"
	"have it. Exit status: 0 ok, 1 not in the register, locked or not a register,\n"
	"2 usage, 3 I/O failure.\n");

struct printer {
	const char *format;
	size_t n;
	int number, year; /* show: only this one */
	struct reg *r;    /* show: for the history */
	struct diag *d;
};

static void print_event(void *user, const char *at, const char *action, const char *reason)
{
	int *events = user;
	if (!(*events)++)
		fputs(_("  history:\n"), stdout);
	printf("    %-19s %-6s  %s\n", at && *at ? at : _("(earlier)"), action ? action : "",
	       reason ? reason : "");
}

static void csv_cell(const char *s)
{
	putchar('"');
	for (; s && *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void print_row(void *user, const struct reg_entry *e)
{
	struct printer *p = user;
	if (p->number && (e->number != p->number || e->year != p->year))
		return;
	if (!strcmp(p->format, "csv")) {
		if (!p->n)
			puts("number,year,sequence,code,date,type,subject,signer,recipients,copies,"
			     "file,sha256,voided,void_reason,archive");
		printf("%d,%d,", e->number, e->year);
		const char *cells[] = {e->seq, e->code, e->date, e->type, e->subject, e->signer,
				       e->recipients};
		for (int i = 0; i < 7; i++) {
			csv_cell(cells[i]);
			putchar(',');
		}
		printf("%d,", e->copies);
		csv_cell(e->file);
		putchar(',');
		csv_cell(e->sha256);
		printf(",%d,", e->voided);
		csv_cell(e->void_reason);
		putchar(',');
		csv_cell(e->archive);
		putchar('\n');
	} else if (!strcmp(p->format, "json")) {
		printf("%s\n  {\"number\": %d, \"year\": %d, \"sequence\": ", p->n ? "," : "[",
		       e->number, e->year);
		json_str(e->seq);
		const char *names[] = {"code", "date", "type", "subject", "signer", "recipients",
				       "archive", "file", "sha256", "void_reason"};
		const char *vals[] = {e->code, e->date, e->type, e->subject, e->signer,
				      e->recipients, e->archive, e->file, e->sha256, e->void_reason};
		for (int i = 0; i < 10; i++) {
			printf(", \"%s\": ", names[i]);
			json_str(vals[i]);
		}
		printf(", \"copies\": %d, \"voided\": %s}", e->copies, e->voided ? "true" : "false");
	} else {
		printf("%02d/%d  %-12s %s  %s: %s%s%s%s\n", e->number, e->year,
		       e->code ? e->code : "", e->date ? e->date : "", e->type ? e->type : "",
		       e->subject ? e->subject : "", e->voided ? _("  [VOID: ") : "",
		       e->voided && e->void_reason ? e->void_reason : "", e->voided ? "]" : "");
		if (p->number) {
			printf(_("  signer:     %s\n  recipients: %s\n  archive:    %s\n"
				 "  copies:     %d\n  file:       %s\n  sha256:     %s\n"),
			       e->signer ? e->signer : "", e->recipients ? e->recipients : "",
			       e->archive ? e->archive : "", e->copies,
			       e->file ? e->file : "", e->sha256 ? e->sha256 : "");
			int events = 0;
			reg_history(p->r, e->id, print_event, &events, p->d);
		}
	}
	p->n++;
}

/* `register check`: each issued file where its row says, with its SHA-256. */
struct checker {
	size_t n, bad;
};

static void check_row(void *user, const struct reg_entry *e)
{
	struct checker *c = user;
	if (e->voided || !e->file || !strcmp(e->file, "-"))
		return;
	c->n++;
	size_t len;
	char *data = read_file(e->file, &len);
	char hex[65];
	if (data)
		sha256_hex(data, len, hex);
	if (!data || !e->sha256 || strcmp(hex, e->sha256)) {
		printf("%02d/%d %s: '%s' %s\n", e->number, e->year, e->code ? e->code : "",
		       e->file, !data ? _("is missing") : _("differs from the register (SHA-256)"));
		c->bad++;
	}
	free(data);
}

static int check_files(const char *path, int year, const char *type, struct diag *d)
{
	struct reg *r = reg_open(path, false, d);
	if (!r)
		return 1;
	struct checker c = {0, 0};
	int rc = 0;
	if (!reg_each(r, year, type, check_row, &c, d)) {
		rc = 3;
	} else if (c.bad) {
		say("%zu of %zu issued files are not as the register records them", c.bad, c.n);
		rc = 1;
	} else {
		printf(c.n == 1 ? _("%zu file checked: in place, as issued\n")
		       : _("%zu files checked: each in place, as issued\n"), c.n);
	}
	reg_close(r);
	return rc;
}

static bool number_year(const char *s, int *n, int *y)
{
	char extra;
	return sscanf(s, "%d/%d%c", n, y, &extra) == 2 && *n > 0 && *y > 1900;
}

int register_command(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(_(usage), argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	const char *sub = argv[1], *path = getenv("VANBAN_REGISTER"), *format = "text";
	const char *type = NULL, *reason = NULL, *out = NULL, *which = NULL, *issuer = NULL;
	int year = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if (!strcmp(a, "--register") && more)
			path = argv[++i];
		else if (!strcmp(a, "--year") && more)
			year = atoi(argv[++i]);
		else if (!strcmp(a, "--type") && more)
			type = argv[++i];
		else if (!strcmp(a, "--format") && more)
			format = argv[++i];
		else if (!strcmp(a, "--issuer") && more)
			issuer = argv[++i];
		else if (!strcmp(a, "--reason") && more)
			reason = argv[++i];
		else if (!strcmp(a, "-o") && more)
			out = argv[++i];
		else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (a[0] != '-' && !which)
			which = a;
		else {
			struct diag q = {0};
			say("register: unexpected '%s'", diag_quote(&q, a));
			fputs(_(usage), stderr);
			diag_free(&q);
			return 2;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json")) {
		say("--format takes text, csv or json");
		return 2;
	}
	if (!path || !*path) {
		say("register: give --register FILE (or set VANBAN_REGISTER)");
		return 2;
	}
	struct diag d = {0};
	int rc = 0;
	if (!strcmp(sub, "list") || !strcmp(sub, "show")) {
		struct printer p = {format, 0, 0, 0, NULL, &d};
		if (!strcmp(sub, "show") && (!which || !number_year(which, &p.number, &p.year))) {
			say("register show takes N/YEAR, e.g. 12/2024");
			return 2;
		}
		struct reg *r = reg_open(path, false, &d);
		if (!r) {
			diag_print(&d, stderr);
			return 1;
		}
		p.r = r;
		if (!reg_each(r, p.number ? p.year : year, type, print_row, &p, &d))
			rc = 3;
		if (!strcmp(format, "json"))
			puts(p.n ? "\n]" : "[]");
		if (!strcmp(sub, "show") && !p.n) {
			say("%d/%d is not in the register", p.number, p.year);
			rc = 1;
		}
		reg_close(r);
	} else if (!strcmp(sub, "void") || !strcmp(sub, "unvoid")) {
		struct reg_select sel = {0, 0, issuer, type};
		if (!which || !number_year(which, &sel.number, &sel.year) || !reason || !*reason) {
			say("register %s takes N/YEAR --reason TEXT [--issuer CODE] [--type TB]", sub);
			return 2;
		}
		struct reg *r = reg_open(path, false, &d);
		if (!r) {
			diag_print(&d, stderr);
			return 1;
		}
		rc = reg_void(r, &sel, !strcmp(sub, "void"), reason, &d);
		reg_close(r);
	} else if (!strcmp(sub, "check")) {
		rc = check_files(path, year, type, &d);
	} else if (!strcmp(sub, "book")) {
		if (!year || !out) {
			say("register book takes --year Y -o FILE.pdf");
			return 2;
		}
		if (!strcmp(out, "-") && isatty(STDOUT_FILENO)) {
			say("the PDF would be written to the terminal; name a file with -o FILE, "
			    "or redirect the output: > file.pdf");
			return 2;
		}
		rc = render_register_book(path, year, out, &d);
	} else {
		struct diag q = {0};
		say("register: unknown command '%s'", diag_quote(&q, sub));
		fputs(_(usage), stderr);
		diag_free(&q);
		return 2;
	}
	diag_print(&d, stderr);
	return rc;
}
