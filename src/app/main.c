/* main.c - the vanban command line: the command, then its options.
 *
 * Exit status: 0 ok, 1 errors in the input, 2 usage, 3 I/O or internal
 * failure. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.1.0"
#endif

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(cli_usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(cli_help, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("vanban %s\n", VANBAN_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "register"))
		return register_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return verify_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "info")) {
		bool json = argc > 3 && !strcmp(argv[2], "--json");
		if (argc != 3 + json || argv[2 + json][0] == '-') {
			fprintf(stderr, "vanban: info takes [--json] FILE.pdf\n%s", cli_usage);
			return 2;
		}
		return info_command(argv[2 + json], json, stdout);
	}
	if (strcmp(cmd, "check") && strcmp(cmd, "render")) {
		struct buf q = {0};
		quote_into(&q, cmd, strlen(cmd), DIAG_QUOTE_MAX);
		fprintf(stderr, "vanban: unknown command '%s'\n%s", q.data, cli_usage);
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
