/* options.c - the options of `vanban render` and `vanban check`, and the
 * usage errors: every combination that cannot work is refused before
 * anything is rendered. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char cli_usage[] =
	"usage: vanban render FILE... [-o OUT] [--format pdf|docx|dump] [--set KEY=VALUE]...\n"
	"       vanban check FILE... [--set KEY=VALUE]...\n"
	"       vanban info [--json] FILE.pdf\n"
	"       vanban register list|show|void|book ... (see vanban register --help)\n"
	"       vanban --help | --version\n";

const char cli_help[] =
	"vanban - Vietnamese official documents (NĐ 30/2020/NĐ-CP) from YAML and Markdown\n"
	"\n"
	"Commands:\n"
	"  render FILE...   typeset each document to PDF (default: FILE with .pdf)\n"
	"  check FILE...    validate only; write nothing\n"
	"  info FILE.pdf    the metadata of a PDF vanban wrote (--json for JSON)\n"
	"\n"
	"Options:\n"
	"  -o, --output OUT   output file ('-' for standard output); with several\n"
	"                     inputs, a directory (made when OUT ends with '/')\n"
	"  -f, --format F     pdf (default), docx (an editable Word file in the same\n"
	"                     layout) or dump (a text listing of every item on every\n"
	"                     page, with coordinates in points)\n"
	"      --pdfa         write PDF/A-1b, for archives\n"
	"  -j, --jobs N       render several inputs in N processes\n"
	"      --shard K/N    only every N-th item, from the K-th: of the inputs, or\n"
	"                     of a certificate batch (to share a run between machines)\n"
	"      --issue        give a document with `number: auto` the next number\n"
	"                     from the register and record it there\n"
	"      --register F   the register file (or VANBAN_REGISTER, or the style)\n"
	"  -s, --set K=V      set a field of the document, e.g. --set number=126 or\n"
	"                     --set meeting.date=2020-09-03 (repeatable)\n"
	"      --root DIR     a folder the document may read files from, besides its\n"
	"                     own folder and vanban's data (repeatable)\n"
	"\n"
	"Certificates (type: giay-khen, bang-khen):\n"
	"      --split DIR    one PDF (-f docx: .docx) per awardee in DIR, and\n"
	"                     DIR/manifest.csv\n"
	"      --pattern P    file names for --split (default {{seq}}-{{name}}.pdf,\n"
	"                     or .docx)\n"
	"      --calibrate    a page with a millimetre grid and every field's box\n"
	"  -h, --help         this help\n"
	"      --version      the version\n"
	"\n"
	"FILE is a .yaml document, or a .md file with YAML front matter; '-' reads\n"
	"standard input. Templates and styles are found under $VANBAN_HOME (default:\n"
	"the directory of the program). See docs/input.md.\n"
	"\n"
	"Exit status: 0 ok, 1 errors in the input, 2 usage, 3 I/O or internal failure.\n"
	"No output replaces a file the run reads: -o naming an input is a usage\n"
	"error; a file the document reads (body_file, awardees_file) is refused\n"
	"with 3, and --split names that would be an input are input errors.\n";

/* A usage error that names a file or the reason of a failure. */
static char why[512];

bool is_dir(const char *p)
{
	struct stat s;
	return stat(p, &s) == 0 && S_ISDIR(s.st_mode);
}

int make_dirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		out_of_memory();
	for (char *q = p + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = 0;
		if (!is_dir(p) && mkdir(p, 0777) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*q = '/';
	}
	int rc = 0;
	if (!is_dir(p) && mkdir(p, 0777) != 0 && !(errno == EEXIST && is_dir(p))) {
		if (errno == EEXIST)
			errno = ENOTDIR; /* a file of that name */
		rc = -1;
	}
	free(p);
	return rc;
}

/* One option, at argv[*i] (its value at argv[++*i]). Returns a usage
 * error ("" once the reason has been printed), or NULL. */
static const char *parse_option(struct cli *c, int argc, char **argv, int *i, bool *help)
{
	struct render_opts *o = &c->o;
	const char *a = argv[*i];
	char extra;
	if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
		if (c->check)
			return "check writes nothing; -o is for render";
		if (++*i >= argc)
			return "-o needs a file name";
		c->output = argv[*i];
	} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
		if (++*i >= argc || (strcmp(argv[*i], "pdf") && strcmp(argv[*i], "dump") &&
				     strcmp(argv[*i], "docx")))
			return "--format takes pdf, docx or dump";
		o->format = !strcmp(argv[*i], "pdf")    ? OUT_PDF
			    : !strcmp(argv[*i], "docx") ? OUT_DOCX
							: OUT_DUMP;
	} else if (!strcmp(a, "-s") || !strcmp(a, "--set")) {
		if (++*i >= argc || !strchr(argv[*i], '=') || argv[*i][0] == '=')
			return "--set takes KEY=VALUE";
		c->sets[c->nsets++] = argv[*i];
	} else if (!strcmp(a, "--root")) {
		if (++*i >= argc || !argv[*i][0])
			return "--root needs a directory";
		if (!is_dir(argv[*i])) {
			snprintf(why, sizeof why, "--root '%s' is not a directory", argv[*i]);
			return why;
		}
		c->roots[c->nroots++] = argv[*i];
	} else if (!strcmp(a, "--split")) {
		if (++*i >= argc)
			return "--split needs a directory";
		c->split = argv[*i];
	} else if (!strcmp(a, "--pattern")) {
		if (++*i >= argc || !argv[*i][0])
			return "--pattern needs a file name pattern";
		o->pattern = argv[*i];
	} else if (!strcmp(a, "--calibrate")) {
		o->calibrate = true;
	} else if (!strcmp(a, "--pdfa")) {
		o->pdfa = true;
	} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
		if (++*i >= argc || sscanf(argv[*i], "%d%c", &c->jobs, &extra) != 1 ||
		    c->jobs < 1 || c->jobs > 256)
			return "-j takes a number of processes from 1 to 256";
	} else if (!strcmp(a, "--shard")) {
		if (++*i >= argc ||
		    sscanf(argv[*i], "%d/%d%c", &o->shard_k, &o->shard_n, &extra) != 2 ||
		    o->shard_n < 1 || o->shard_k < 1 || o->shard_k > o->shard_n)
			return "--shard takes K/N with 1 <= K <= N, e.g. --shard 2/8";
	} else if (!strcmp(a, "--issue")) {
		o->issue = true;
	} else if (!strcmp(a, "--register")) {
		if (++*i >= argc)
			return "--register needs a file";
		o->register_path = argv[*i];
	} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
		*help = true;
	} else if (a[0] == '-' && a[1]) {
		struct buf q = {0};
		quote_into(&q, a, strlen(a), DIAG_QUOTE_MAX);
		fprintf(stderr, "vanban: unknown option '%s'\n", q.data);
		buf_free(&q);
		return "";
	} else {
		c->inputs[c->ninputs++] = a;
	}
	return NULL;
}

/* Two inputs must not write one file ("a/notice.yaml", "b/notice.md"). */
static const char *outputs_distinct(const struct cli *c)
{
	const char *bad = NULL;
	const char *ext = out_ext(c->o.format);
	char **outs = calloc((size_t)c->ninputs, sizeof *outs);
	for (int i = 0; i < c->ninputs && !bad; i++) {
		outs[i] = default_output(c->inputs[i], ext, c->output);
		for (int k = 0; k < i && !bad; k++)
			if (!strcmp(outs[k], outs[i])) {
				snprintf(why, sizeof why, "'%s' and '%s' would both be written "
					 "to '%s'; render them into different directories",
					 c->inputs[k], c->inputs[i], outs[i]);
				bad = why;
			}
	}
	for (int i = 0; i < c->ninputs; i++)
		free(outs[i]);
	free(outs);
	return bad;
}

/* Whether a and b are one file (through links). */
static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev &&
	       x.st_ino == y.st_ino;
}

/* No output over an input of the run: a usage error, nothing written. */
static const char *outputs_not_inputs(const struct cli *c)
{
	const char *ext = out_ext(c->o.format);
	bool to_dir = c->output && is_dir(c->output);
	const char *bad = NULL;
	for (int i = 0; i < c->ninputs && !bad; i++) {
		char *out = c->output && !to_dir ? strdup(c->output)
			  : default_output(c->inputs[i], ext, c->output);
		for (int k = 0; k < c->ninputs && !bad && out; k++)
			if (strcmp(c->inputs[k], "-") && same_file(out, c->inputs[k])) {
				snprintf(why, sizeof why, "'%s' would be written over the input "
					 "'%s'; name another output", out, c->inputs[k]);
				bad = why;
			}
		free(out);
	}
	return bad;
}

/* -o: several inputs write into a directory; an -o ending with '/' names
 * one, made if it is not there (with one input as well). */
static const char *output_usable(const struct cli *c)
{
	const char *output = c->output;
	bool slash = output && *output && output[strlen(output) - 1] == '/';
	if (slash && !c->check && !is_dir(output) && make_dirs(output) != 0) {
		snprintf(why, sizeof why, "-o: cannot make the directory '%s': %s", output,
			 strerror(errno));
		return why;
	}
	if (c->ninputs > 1 && output && !c->check && !is_dir(output))
		return "with several inputs, -o names a directory (end it with '/' to have it made)";
	return NULL;
}

/* --split and the options that do not go with it; its directory is made. */
static const char *split_usable(const struct cli *c)
{
	const char *split = c->split;
	if (split && (c->ninputs > 1 || c->output || c->check))
		return "--split takes one input, and no -o";
	if (split && c->o.issue)
		return "--split and --issue do not go together";
	if (split && c->o.format == OUT_DUMP)
		return "--split writes PDF or .docx files; -f dump does not go with it";
	if (split && c->o.calibrate)
		return "--calibrate writes one page; it does not go with --split";
	if (c->o.pattern && !split)
		return "--pattern names the files of --split";
	if (split && !is_dir(split) && make_dirs(split) != 0) {
		snprintf(why, sizeof why, "--split: cannot make the directory '%s': %s", split,
			 strerror(errno));
		return why;
	}
	return NULL;
}

int cli_parse(struct cli *c, int argc, char **argv)
{
	*c = (struct cli){0};
	c->check = !strcmp(argv[1], "check");
	c->o.check_only = c->check;
	c->jobs = 1;
	c->inputs = calloc((size_t)argc, sizeof *c->inputs);
	c->sets = calloc((size_t)argc, sizeof *c->sets);
	c->roots = calloc((size_t)argc, sizeof *c->roots);
	const char *bad = NULL;
	bool help = false;
	for (int i = 2; i < argc && !bad && !help; i++)
		bad = parse_option(c, argc, argv, &i, &help);
	if (help) {
		fputs(cli_help, stdout);
		cli_free(c);
		return 0;
	}
	if (!bad && !c->ninputs)
		bad = "no input file";
	if (!bad)
		bad = output_usable(c);
	if (!bad)
		bad = split_usable(c);
	if (!bad && c->ninputs > 1 && !c->check)
		bad = outputs_distinct(c);
	if (!bad && !c->check && !c->split && (!c->output || strcmp(c->output, "-")))
		bad = outputs_not_inputs(c);
	if (!bad)
		return -1;
	if (*bad) {
		/* The message may name a file: control characters escaped. */
		struct buf q = {0};
		quote_into(&q, bad, strlen(bad), 0);
		fprintf(stderr, "vanban: %s\n%s", q.data, cli_usage);
		buf_free(&q);
	}
	else
		fputs(cli_usage, stderr);
	cli_free(c);
	return 2;
}

void cli_free(struct cli *c)
{
	free(c->inputs);
	free(c->sets);
	free(c->roots);
	c->inputs = NULL;
	c->sets = NULL;
	c->roots = NULL;
}
