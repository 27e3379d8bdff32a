/* main.c - the vanban command line: the command, then its options.
 *
 * Exit status: 0 ok, 1 errors in the input, 2 usage (and the data
 * directory not found: the program is not installed), 3 I/O or internal
 * failure. */
#include "cli.h"
#include "serve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.1.0"
#endif

const char info_help[] = N_(
	"usage: vanban info [--json] FILE.pdf\n"
	"\n"
	"Prints the metadata vanban wrote into a PDF (title, type, number,\n"
	"notation, date, issuing body, subject, signer, recipients, pages, PDF/A)\n"
	"as \"name: value\" lines, or with --json as one JSON object.\n"
	"\n"
	"Exit status: 0 ok, 1 not a PDF or no metadata vanban wrote, 2 usage,\n"
	"3 the file cannot be read.\n");

static bool is_help(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* `vanban help [COMMAND]`: the help of one command, or of all. */
static int help_command(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[2], "register")) {
		char *args[] = {"register", "--help", NULL};
		return register_command(2, args);
	}
	if (argc > 2 && !strcmp(argv[2], "info")) {
		fputs(_(info_help), stdout);
		return 0;
	}
	if (argc > 2 && strcmp(argv[2], "render") && strcmp(argv[2], "check")) {
		struct buf q = {0};
		quote_into(&q, argv[2], strlen(argv[2]), DIAG_QUOTE_MAX);
		say("help: unknown command '%s'", q.data);
		fputs(_(cli_usage), stderr);
		buf_free(&q);
		return 2;
	}
	fputs(_(cli_help), stdout);
	return 0;
}

int main(int argc, char **argv)
{
	/* The catalog first: every message after this is in the user's
	 * language. */
	char *datadir = find_datadir(NULL);
	if (datadir)
		i18n_init(datadir);
	free(datadir);
	if (argc < 2) {
		fputs(_(cli_usage), stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (is_help(cmd) || !strcmp(cmd, "help"))
		return help_command(argc, argv);
	if (!strcmp(cmd, "--version")) {
		printf("vanban %s\n", VANBAN_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "serve"))
		return serve_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "register"))
		return register_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return verify_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "info")) {
		for (int i = 2; i < argc; i++)
			if (is_help(argv[i])) {
				fputs(_(info_help), stdout);
				return 0;
			}
		bool json = argc > 3 && !strcmp(argv[2], "--json");
		if (argc != 3 + json || argv[2 + json][0] == '-') {
			say("info takes [--json] FILE.pdf");
			fputs(_(cli_usage), stderr);
			return 2;
		}
		return info_command(argv[2 + json], json, stdout);
	}
	if (strcmp(cmd, "check") && strcmp(cmd, "render")) {
		struct buf q = {0};
		quote_into(&q, cmd, strlen(cmd), DIAG_QUOTE_MAX);
		say("unknown command '%s'", q.data);
		fputs(_(cli_usage), stderr);
		buf_free(&q);
		return 2;
	}
	struct cli c;
	int status = cli_parse(&c, argc, argv);
	if (status >= 0)
		return status;
	status = run_inputs(&c);
	cli_free(&c);
	return status;
}
