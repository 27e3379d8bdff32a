/* options.c - the options of `vanban render` and `vanban check`, and the
 * usage errors: every combination that cannot work is refused before
 * anything is rendered. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char cli_usage[] = N_(
	"usage: vanban render FILE... [-o OUT] [--format pdf|docx|dump|svg] [--set KEY=VALUE]...\n"
	"       vanban check FILE... [--set KEY=VALUE]...\n"
	"       vanban info [--json] FILE.pdf\n"
	"       vanban serve [DIR] [--listen ADDR:PORT]\n"
	"       vanban verify FILE.pdf [--ca FILE]\n"
	"       vanban register list|show|void|unvoid|check|book ... (see vanban register --help)\n"
	"       vanban help [COMMAND] | --help | --version\n");

const char cli_help[] = N_(
	"vanban - Vietnamese official documents (NĐ 30/2020/NĐ-CP) from YAML and Markdown\n"
	"\n"
	"Commands:\n"
	"  render FILE...   typeset each document to PDF (default: FILE with .pdf)\n"
	"  check FILE...    validate only; write nothing\n"
	"  info FILE.pdf    the metadata of a PDF vanban wrote (--json for JSON)\n"
	"  serve [DIR]      the workspace in the browser: DIR's documents, a form\n"
	"                   with the pages beside it (--listen ADDR:PORT, default\n"
	"                   127.0.0.1:8030; see docs/serve.md)\n"
	"  verify FILE.pdf  check every signature of a PDF (--ca FILE: the trusted\n"
	"                   certificates, else the system's)\n"
	"  register CMD     the register of outgoing documents: list, show, void,\n"
	"                   unvoid, check, book (see vanban register --help)\n"
	"  help [COMMAND]   this help, or the help of one command\n"
	"\n"
	"Options of render and check:\n"
	"  -o, --output OUT   output file ('-' for standard output); with several\n"
	"                     inputs, a directory (made when OUT ends with '/')\n"
	"  -f, --format F     pdf (default), docx (an editable Word file in the same\n"
	"                     layout), dump (a text listing of every item on every\n"
	"                     page, with coordinates in points) or svg (the pages\n"
	"                     one under the other, fonts embedded)\n"
	"      --pdfa         write PDF/A-1b, for archives\n"
	"  -j, --jobs N       render several inputs in N processes\n"
	"      --shard K/N    only every N-th item, from the K-th: of the inputs, or\n"
	"                     of a certificate batch (to share a run between machines);\n"
	"                     auto or auto/N: K (and N) from the job runner (Kubernetes,\n"
	"                     Slurm, AWS Batch, GNU parallel)\n"
	"      --issue        record the document in the register: `number: auto`\n"
	"                     takes the next number, a fixed number is recorded as it is\n"
	"      --register F   the register file (or VANBAN_REGISTER, or the style)\n"
	"  -s, --set K=V      set a field of the document, e.g. --set number=126 or\n"
	"                     --set meeting.date=2020-09-03 (repeatable)\n"
	"      --root DIR     a folder the document may read files from, besides its\n"
	"                     own folder and vanban's data (repeatable)\n"
	"\n"
	"Signing (PAdES, docs/signing.md):\n"
	"      --sign FILE    sign with a key and its certificates (PEM, PKCS#12, or a\n"
	"                     token's: pkcs11:token=T;object=K?module-path=M);\n"
	"                     a second --sign adds the organisation's signature\n"
	"      --sign-password-file F  the password (a token's PIN) of the --sign\n"
	"                     before it (else VANBAN_SIGN_PASSWORD); never on the\n"
	"                     command line\n"
	"      --sign-time T  the signing time (also of the block of an electronic\n"
	"                     copy or attachment): now, YYYY-MM-DD[THH:MM[:SS]][+07:00]\n"
	"                     or @SECONDS (default SOURCE_DATE_EPOCH, else the date)\n"
	"\n"
	"Certificates (type: giay-khen, bang-khen):\n"
	"      --split DIR    one PDF (-f docx: .docx) per awardee in DIR, and\n"
	"                     DIR/manifest.csv\n"
	"      --pattern P    file names for --split (default {{seq}}-{{name}}.pdf,\n"
	"                     or .docx)\n"
	"      --calibrate    a page with a millimetre grid and every field's box\n"
	"      --qr           a verification QR code on each (number, date, awardee,\n"
	"                     SHA-256 of the fields); --qr-url URL puts a checker's\n"
	"                     URL first (or qr: {url: ...} in the document)\n"
	"  -h, --help         this help\n"
	"      --version      the version\n"
	"\n"
	"FILE is a .yaml document, or a .md file with YAML front matter; '-' reads\n"
	"standard input. A PDF is not written to a terminal: give -o FILE or\n"
	"redirect (> file.pdf). Templates, styles and fonts are found under\n"
	"$VANBAN_HOME, else beside the program, else in ../share/vanban from the\n"
	"program's directory (make install). See man vanban and docs/input.md.\n"
	"\n"
	"Exit status: 0 ok, 1 errors in the input, 2 usage (or vanban's data not\n"
	"found), 3 I/O or internal failure.\n"
	"No output replaces a file the run reads: -o naming an input is a usage\n"
	"error; a file the document reads (body_file, awardees_file) is refused\n"
	"with 3, and --split names that would be an input are input errors.\n");

/* A usage error that names a file or the reason of a failure. */
static char why[512];

const char *out_ext(enum out_format f)
{
	return f == OUT_DUMP ? ".dump.txt" : f == OUT_SVG ? ".svg" : f == OUT_DOCX ? ".docx" : ".pdf";
}

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
			return _("check writes nothing; -o is for render");
		if (++*i >= argc)
			return _("-o needs a file name");
		c->output = argv[*i];
	} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
		if (++*i >= argc || (strcmp(argv[*i], "pdf") && strcmp(argv[*i], "dump") &&
				     strcmp(argv[*i], "svg") && strcmp(argv[*i], "docx")))
			return _("--format takes pdf, docx, dump or svg");
		o->format = !strcmp(argv[*i], "pdf")    ? OUT_PDF
			    : !strcmp(argv[*i], "docx") ? OUT_DOCX
			    : !strcmp(argv[*i], "svg")  ? OUT_SVG
							: OUT_DUMP;
	} else if (!strcmp(a, "-s") || !strcmp(a, "--set")) {
		if (++*i >= argc || !strchr(argv[*i], '=') || argv[*i][0] == '=')
			return _("--set takes KEY=VALUE");
		c->sets[c->nsets++] = argv[*i];
	} else if (!strcmp(a, "--root")) {
		if (++*i >= argc || !argv[*i][0])
			return _("--root needs a directory");
		if (!is_dir(argv[*i])) {
			snprintf(why, sizeof why, _("--root '%s' is not a directory"), argv[*i]);
			return why;
		}
		c->roots[c->nroots++] = argv[*i];
	} else if (!strcmp(a, "--split")) {
		if (++*i >= argc)
			return _("--split needs a directory");
		c->split = argv[*i];
	} else if (!strcmp(a, "--pattern")) {
		if (++*i >= argc || !argv[*i][0])
			return _("--pattern needs a file name pattern");
		o->pattern = argv[*i];
	} else if (!strcmp(a, "--calibrate")) {
		o->calibrate = true;
	} else if (!strcmp(a, "--pdfa")) {
		o->pdfa = true;
	} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
		if (++*i >= argc || sscanf(argv[*i], "%d%c", &c->jobs, &extra) != 1 ||
		    c->jobs < 1 || c->jobs > 256)
			return _("-j takes a number of processes from 1 to 256");
	} else if (!strcmp(a, "--shard") && *i + 1 < argc && !strncmp(argv[*i + 1], "auto", 4)) {
		return shard_auto(argv[++*i], &o->shard_k, &o->shard_n, why, sizeof why);
	} else if (!strcmp(a, "--shard")) {
		if (++*i >= argc ||
		    sscanf(argv[*i], "%d/%d%c", &o->shard_k, &o->shard_n, &extra) != 2 ||
		    o->shard_n < 1 || o->shard_k < 1 || o->shard_k > o->shard_n)
			return _("--shard takes K/N with 1 <= K <= N (e.g. --shard 2/8), or auto");
	} else if (!strcmp(a, "--issue")) {
		o->issue = true;
	} else if (!strcmp(a, "--register")) {
		if (++*i >= argc)
			return _("--register needs a file");
		o->register_path = argv[*i];
	} else if (!strcmp(a, "--sign")) {
		if (++*i >= argc || !argv[*i][0])
			return "--sign needs a key file (PEM, or PKCS#12)";
		o->sign_files[o->nsign++] = argv[*i];
	} else if (!strcmp(a, "--sign-password-file")) {
		if (++*i >= argc || !argv[*i][0])
			return "--sign-password-file needs a file";
		/* It belongs to the --sign before it; before any, to all. */
		const char **slot = o->nsign ? &o->sign_passwords[o->nsign - 1] : &c->sign_password;
		if (*slot)
			return "one --sign-password-file for each --sign";
		*slot = argv[*i];
	} else if (!strcmp(a, "--sign-time")) {
		long long when;
		if (++*i >= argc || !sign_time_parse(argv[*i], &when))
			return "--sign-time takes now, YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][+07:00] "
			       "or @SECONDS";
		o->sign_time = argv[*i];
	} else if (!strcmp(a, "--qr")) {
		o->qr = true;
	} else if (!strcmp(a, "--qr-url")) {
		if (++*i >= argc || !argv[*i][0])
			return "--qr-url needs a URL prefix";
		o->qr_url = argv[*i];
	} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
		*help = true;
	} else if (a[0] == '-' && a[1]) {
		struct buf q = {0};
		quote_into(&q, a, strlen(a), DIAG_QUOTE_MAX);
		say("unknown option '%s'", q.data);
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
				snprintf(why, sizeof why, _("'%s' and '%s' would both be written "
					   "to '%s'; render them into different directories"),
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
				snprintf(why, sizeof why, _("'%s' would be written over the input "
					   "'%s'; name another output"), out, c->inputs[k]);
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
		snprintf(why, sizeof why, _("-o: cannot make the directory '%s': %s"), output,
			 errstr(errno));
		return why;
	}
	if (c->ninputs > 1 && output && !c->check && !is_dir(output))
		return _("with several inputs, -o names a directory (end it with '/' to have it made)");
	return NULL;
}

/* A PDF is not shown on a terminal: refused when standard output is one
 * and the output would go there (-o -, or the input '-' without -o). The
 * dump is text, and may. */
static const char *output_not_terminal(const struct cli *c)
{
	if (c->check || c->split || c->o.format != OUT_PDF || !isatty(STDOUT_FILENO))
		return NULL;
	bool to_stdout = c->output && !strcmp(c->output, "-");
	for (int i = 0; i < c->ninputs && !c->output && !c->o.issue; i++)
		to_stdout |= !strcmp(c->inputs[i], "-");
	if (!to_stdout)
		return NULL;
	return _("the PDF would be written to the terminal; name a file with -o FILE, "
		 "or redirect the output: > file.pdf");
}

/* --sign and its options: signing is of PDF files that are written. */
static const char *sign_usable(struct cli *c)
{
	struct render_opts *o = &c->o;
	if (!o->nsign && c->sign_password)
		return _("--sign-password-file goes with --sign");
	if (o->nsign && (c->check || o->format != OUT_PDF || o->calibrate))
		return _("--sign signs the PDF that render writes; not with check, -f dump, "
			 "-f svg or --calibrate");
	for (size_t k = 0; k < o->nsign; k++)
		if (!o->sign_passwords[k])
			o->sign_passwords[k] = c->sign_password;
	return NULL;
}

/* --split and the options that do not go with it; its directory is made. */
static const char *split_usable(const struct cli *c)
{
	const char *split = c->split;
	if (split && (c->ninputs > 1 || c->output || c->check))
		return _("--split takes one input, and no -o");
	if (split && c->o.issue)
		return _("--split and --issue do not go together");
	if (split && c->o.format != OUT_PDF && c->o.format != OUT_DOCX)
		return _("--split writes PDF or .docx files; -f dump or svg does not go with it");
	if (split && c->o.calibrate)
		return _("--calibrate writes one page; it does not go with --split");
	if (c->o.pattern && !split)
		return _("--pattern names the files of --split");
	if (split && !is_dir(split) && make_dirs(split) != 0) {
		snprintf(why, sizeof why, _("--split: cannot make the directory '%s': %s"), split,
			 errstr(errno));
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
	c->o.sign_files = calloc((size_t)argc, sizeof *c->o.sign_files);
	c->o.sign_passwords = calloc((size_t)argc, sizeof *c->o.sign_passwords);
	const char *bad = NULL;
	bool help = false;
	for (int i = 2; i < argc && !bad && !help; i++)
		bad = parse_option(c, argc, argv, &i, &help);
	if (help) {
		fputs(_(cli_help), stdout);
		cli_free(c);
		return 0;
	}
	if (!bad && !c->ninputs)
		bad = _("no input file");
	if (!bad)
		bad = output_usable(c);
	if (!bad)
		bad = split_usable(c);
	if (!bad)
		bad = sign_usable(c);
	if (!bad && c->ninputs > 1 && !c->check)
		bad = outputs_distinct(c);
	if (!bad && !c->check && !c->split && (!c->output || strcmp(c->output, "-")))
		bad = outputs_not_inputs(c);
	if (!bad)
		bad = output_not_terminal(c);
	if (!bad)
		return -1;
	if (*bad) {
		/* The message may name a file: control characters escaped. */
		struct buf q = {0};
		quote_into(&q, bad, strlen(bad), 0);
		fprintf(stderr, "vanban: %s\n%s", q.data, _(cli_usage));
		buf_free(&q);
	}
	else
		fputs(_(cli_usage), stderr);
	cli_free(c);
	return 2;
}

void cli_free(struct cli *c)
{
	free(c->inputs);
	free(c->sets);
	free(c->roots);
	free(c->o.sign_files);
	free(c->o.sign_passwords);
	c->o.sign_files = NULL;
	c->o.sign_passwords = NULL;
	c->inputs = NULL;
	c->sets = NULL;
	c->roots = NULL;
}
