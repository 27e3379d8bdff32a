/* main.c - the vanban command line.
 *
 * Exit status: 0 ok, 1 errors in the input, 2 usage, 3 I/O or internal
 * failure. Output files are written to a temporary name and renamed, so a
 * failed or interrupted run never leaves a truncated file, and a run with
 * errors never creates or overwrites one. */
#include "app.h"
#include "base/base.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef VANBAN_VERSION
#define VANBAN_VERSION "0.1.0"
#endif

void md_release(void);
int register_command(int argc, char **argv);

/* --issue: the document is written inside the register's transaction. */
static int write_issued(void *user, const char *data, size_t len);

static const char usage[] =
	"usage: vanban render FILE... [-o OUT] [--format pdf|dump] [--set KEY=VALUE]...\n"
	"       vanban check FILE... [--set KEY=VALUE]...\n"
	"       vanban info [--json] FILE.pdf\n"
	"       vanban register list|show|void|book ... (see vanban register --help)\n"
	"       vanban --help | --version\n";

static const char help[] =
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
	"  -f, --format F     pdf (default) or dump (a text listing of every item\n"
	"                     on every page, with coordinates in points)\n"
	"      --pdfa         write PDF/A-1b, for archives\n"
	"  -j, --jobs N       render several inputs in N processes\n"
	"      --shard K/N    only every N-th item, from the K-th: of the inputs, or\n"
	"                     of a certificate batch (to share a run between machines)\n"
	"      --issue        give a document with `number: auto` the next number\n"
	"                     from the register and record it there\n"
	"      --register F   the register file (or VANBAN_REGISTER, or the style)\n"
	"  -s, --set K=V      set a field of the document, e.g. --set number=126 or\n"
	"                     --set meeting.date=2020-09-03 (repeatable)\n"
	"\n"
	"Certificates (type: giay-khen, bang-khen):\n"
	"      --split DIR    one PDF per awardee in DIR, and DIR/manifest.csv\n"
	"      --pattern P    file names for --split (default {{seq}}-{{name}}.pdf)\n"
	"      --calibrate    a page with a millimetre grid and every field's box\n"
	"  -h, --help         this help\n"
	"      --version      the version\n"
	"\n"
	"FILE is a .yaml document, or a .md file with YAML front matter; '-' reads\n"
	"standard input. Templates and styles are found under $VANBAN_HOME (default:\n"
	"the directory of the program). See docs/input.md.\n"
	"\n"
	"Exit status: 0 ok, 1 errors in the input, 2 usage, 3 I/O or internal failure.\n";


/* Replaces the extension of in with ext. */
static char *default_output(const char *in, const char *ext, const char *dir)
{
	const char *base = in;
	if (dir) {
		const char *s = strrchr(in, '/');
		base = s ? s + 1 : in;
	}
	size_t n = strlen(base);
	const char *dot = strrchr(base, '.');
	const char *sl = strrchr(base, '/');
	if (dot && (!sl || dot > sl))
		n = (size_t)(dot - base);
	size_t cap = (dir ? strlen(dir) + 1 : 0) + n + strlen(ext) + 1;
	char *out = malloc(cap);
	if (!out)
		abort();
	bool slash = dir && *dir && dir[strlen(dir) - 1] == '/';
	snprintf(out, cap, "%s%s%.*s%s", dir ? dir : "", dir && !slash ? "/" : "", (int)n, base,
		 ext);
	return out;
}

/* --split: each certificate to its own file, names made unique, and a
 * manifest of what was written. */
struct splitter {
	const char *dir;
	VEC(char *) names;
	struct buf manifest;
	size_t done, total;
	bool progress;
};

static void csv_cell(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Whether a file of this name was written (a `taken` for unique_name). */
static bool name_written(void *user, const char *name)
{
	struct splitter *sp = user;
	for (size_t i = 0; i < sp->names.n; i++)
		if (!strcmp(sp->names.v[i], name))
			return true;
	return false;
}

static int emit_file(void *user, const char *name, const char *awardee, const char *data,
		     size_t len)
{
	struct splitter *sp = user;
	/* Never two files with one name: "-2", "-3" ... before the extension. */
	char *unique = unique_name(name, name_written, sp);
	vec_push(&sp->names, unique);
	char *path = path_join(sp->dir, unique);
	int rc = write_output(path, data, len);
	free(path);
	if (rc)
		return rc;
	char hex[65];
	sha256_hex(data, len, hex);
	csv_cell(&sp->manifest, unique);
	buf_putc(&sp->manifest, ',');
	csv_cell(&sp->manifest, awardee);
	buf_printf(&sp->manifest, ",%s\n", hex);
	sp->done++;
	if (sp->progress && (sp->done % 10 == 0))
		fprintf(stderr, "\rvanban: %zu certificates written", sp->done);
	return 0;
}

static int write_issued(void *user, const char *data, size_t len)
{
	return write_output(user, data, len);
}

static bool is_dir(const char *p)
{
	struct stat s;
	return stat(p, &s) == 0 && S_ISDIR(s.st_mode);
}

/* mkdir -p: the directory and those above it; 0, or -1 with errno. */
static int make_dirs(const char *path)
{
	char *p = strdup(path);
	if (!p)
		abort();
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

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(help, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("vanban %s\n", VANBAN_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "register"))
		return register_command(argc - 1, argv + 1);
	if (!strcmp(cmd, "info")) {
		bool json = argc > 3 && !strcmp(argv[2], "--json");
		if (argc != 3 + json || argv[2 + json][0] == '-') {
			fprintf(stderr, "vanban: info takes [--json] FILE.pdf\n%s", usage);
			return 2;
		}
		return info_command(argv[2 + json], json, stdout);
	}
	bool check = !strcmp(cmd, "check");
	if (!check && strcmp(cmd, "render")) {
		fprintf(stderr, "vanban: unknown command '%s'\n%s", cmd, usage);
		return 2;
	}
	const char *output = NULL;
	struct render_opts o = {0};
	o.check_only = check;
	const char **inputs = calloc((size_t)argc, sizeof *inputs);
	const char **sets = calloc((size_t)argc, sizeof *sets);
	int ninputs = 0;
	size_t nsets = 0;
	const char *bad = NULL; /* a usage error */
	const char *split = NULL;
	int jobs = 1;
	bool want_help = false;
	for (int i = 2; i < argc && !bad && !want_help; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (check)
				bad = "check writes nothing; -o is for render";
			else if (++i >= argc)
				bad = "-o needs a file name";
			else
				output = argv[i];
		} else if (!strcmp(a, "-f") || !strcmp(a, "--format")) {
			if (++i >= argc || (strcmp(argv[i], "pdf") && strcmp(argv[i], "dump")))
				bad = "--format takes pdf or dump";
			else
				o.format = strcmp(argv[i], "pdf") ? OUT_DUMP : OUT_PDF;
		} else if (!strcmp(a, "-s") || !strcmp(a, "--set")) {
			if (++i >= argc || !strchr(argv[i], '=') || argv[i][0] == '=')
				bad = "--set takes KEY=VALUE";
			else
				sets[nsets++] = argv[i];
		} else if (!strcmp(a, "--split")) {
			if (++i >= argc)
				bad = "--split needs a directory";
			else
				split = argv[i];
		} else if (!strcmp(a, "--pattern")) {
			if (++i >= argc || !argv[i][0])
				bad = "--pattern needs a file name pattern";
			else
				o.pattern = argv[i];
		} else if (!strcmp(a, "--calibrate")) {
			o.calibrate = true;
		} else if (!strcmp(a, "--pdfa")) {
			o.pdfa = true;
		} else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			char extra;
			if (++i >= argc || sscanf(argv[i], "%d%c", &jobs, &extra) != 1 || jobs < 1 ||
			    jobs > 256)
				bad = "-j takes a number of processes from 1 to 256";
		} else if (!strcmp(a, "--shard")) {
			char extra;
			if (++i >= argc || sscanf(argv[i], "%d/%d%c", &o.shard_k, &o.shard_n, &extra) != 2 ||
			    o.shard_n < 1 || o.shard_k < 1 || o.shard_k > o.shard_n)
				bad = "--shard takes K/N with 1 <= K <= N, e.g. --shard 2/8";
		} else if (!strcmp(a, "--issue")) {
			o.issue = true;
		} else if (!strcmp(a, "--register")) {
			if (++i >= argc)
				bad = "--register needs a file";
			else
				o.register_path = argv[i];
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			want_help = true;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "vanban: unknown option '%s'\n", a);
			bad = "";
		} else {
			inputs[ninputs++] = a;
		}
	}
	if (!bad && !want_help && !ninputs)
		bad = "no input file";
	/* Several inputs write into a directory; an -o ending with '/' names
	 * one, made if it is not there (with one input as well). */
	bool slash = output && *output && output[strlen(output) - 1] == '/';
	static char why[512];
	if (!bad && !want_help && slash && !check && !is_dir(output) && make_dirs(output) != 0) {
		snprintf(why, sizeof why, "-o: cannot make the directory '%s': %s", output,
			 strerror(errno));
		bad = why;
	}
	if (!bad && !want_help && ninputs > 1 && output && !check && !is_dir(output))
		bad = "with several inputs, -o names a directory (end it with '/' to have it made)";
	if (!bad && split && (ninputs > 1 || output || check))
		bad = "--split takes one input, and no -o";
	if (!bad && split && o.issue)
		bad = "--split and --issue do not go together";
	if (!bad && split && o.format == OUT_DUMP)
		bad = "--split writes PDF files; -f dump does not go with it";
	if (!bad && split && o.calibrate)
		bad = "--calibrate writes one page; it does not go with --split";
	if (!bad && o.pattern && !split)
		bad = "--pattern names the files of --split";
	if (!bad && !want_help && split && !is_dir(split) && make_dirs(split) != 0) {
		snprintf(why, sizeof why, "--split: cannot make the directory '%s': %s", split,
			 strerror(errno));
		bad = why;
	}
	/* Two inputs must not write one file ("a/notice.yaml", "b/notice.md"). */
	if (!bad && !want_help && ninputs > 1 && !check) {
		const char *ext = o.format == OUT_DUMP ? ".dump.txt" : ".pdf";
		char **outs = calloc((size_t)ninputs, sizeof *outs);
		for (int i = 0; i < ninputs && !bad; i++) {
			outs[i] = default_output(inputs[i], ext, output);
			for (int k = 0; k < i && !bad; k++)
				if (!strcmp(outs[k], outs[i])) {
					snprintf(why, sizeof why, "'%s' and '%s' would both be written "
						 "to '%s'; render them into different directories",
						 inputs[k], inputs[i], outs[i]);
					bad = why;
				}
		}
		for (int i = 0; i < ninputs; i++)
			free(outs[i]);
		free(outs);
	}
	if (bad || want_help) {
		if (want_help)
			fputs(help, stdout);
		else if (*bad)
			fprintf(stderr, "vanban: %s\n%s", bad, usage);
		else
			fputs(usage, stderr);
		free(inputs);
		free(sets);
		return want_help ? 0 : 2;
	}
	char *datadir = find_datadir();
	o.datadir = datadir;
	o.sets = sets;
	o.nsets = nsets;
	struct splitter sp = {0};
	if (split) {
		sp.dir = split;
		sp.progress = isatty(2);
		buf_puts(&sp.manifest, "file,awardee,sha256\n");
		o.emit = emit_file;
		o.emit_user = &sp;
	}
	int status = 0;
	/* Several inputs: the shard's share, then N worker processes, each
	 * taking every N-th input; the status is the worst of them. */
	int worker = 0;
	bool out_dir = output && (ninputs > 1 || is_dir(output));
	if (ninputs > 1 && o.shard_n) {
		int k = 0;
		for (int i = 0; i < ninputs; i++)
			if (i % o.shard_n == o.shard_k - 1)
				inputs[k++] = inputs[i];
		ninputs = k;
		o.shard_n = o.shard_k = 0; /* the shard was of the inputs */
	}
	if (jobs > 1 && ninputs == 1 && !worker)
		fprintf(stderr, "vanban: note: -j shares several inputs between processes; "
			"one batch is shared with --shard K/N (one process for each K)\n");
	if (jobs > 1 && ninputs > 1) {
		if (jobs > ninputs)
			jobs = ninputs;
		fflush(NULL);
		pid_t *pids = calloc((size_t)jobs, sizeof *pids);
		for (worker = 0; worker < jobs; worker++) {
			pids[worker] = fork();
			if (pids[worker] == 0)
				break;
		}
		if (worker == jobs) { /* the parent */
			for (int k = 0; k < jobs; k++) {
				int ws = 0;
				if (pids[k] > 0 && waitpid(pids[k], &ws, 0) > 0)
					status = WIFEXITED(ws) ? (WEXITSTATUS(ws) > status ? WEXITSTATUS(ws)
											: status) : 3;
				else
					status = 3;
			}
			free(pids);
			ninputs = 0;
		} else {
			free(pids);
		}
	}
	for (int i = 0; i < ninputs; i++) {
		if (jobs > 1 && i % jobs != worker)
			continue;
		struct srcset files = {0};
		struct diag d = {0};
		char *bytes = NULL;
		size_t len = 0;
		char *issued_to = NULL;
		if (o.issue && !check) {
			issued_to = output && !out_dir ? strdup(output)
				  : default_output(inputs[i], ".pdf", output);
			o.out_path = issued_to;
			o.write_out = write_issued;
			o.emit_user = issued_to;
		}
		int rc = render_document(&o, inputs[i], &files, &d, &bytes, &len);
		free(issued_to);
		diag_print(&d, stderr);
		if (rc == 0 && o.issue && !bytes) {
			; /* written inside the register's transaction */
		} else if (rc == 0 && !bytes && !split) {
			; /* nothing for this shard */
		} else if (rc == 0 && split && !sp.done) {
			; /* the shard took no awardee */
		} else if (rc == 0 && split) {
			if (sp.progress && sp.done >= 10)
				fputc('\n', stderr);
			char *mpath = path_join(split, "manifest.csv");
			rc = write_output(mpath, sp.manifest.data, sp.manifest.len);
			free(mpath);
		} else if (rc == 0 && !check) {
			const char *ext = o.format == OUT_DUMP ? ".dump.txt" : ".pdf";
			char *path;
			if (output && !out_dir)
				path = strdup(output);
			else if (!strcmp(inputs[i], "-"))
				path = strdup("-");
			else
				path = default_output(inputs[i], ext, output);
			rc = write_output(path, bytes, len);
			free(path);
		}
		free(bytes);
		srcset_free(&files);
		if (rc > status)
			status = rc;
	}
	for (size_t i = 0; i < sp.names.n; i++)
		free(sp.names.v[i]);
	vec_free(&sp.names);
	buf_free(&sp.manifest);
	free(datadir);
	free(inputs);
	free(sets);
	md_release();
	return status;
}
