/* jobs.c - rendering the inputs of a command line: the share --shard K/N
 * takes of them, -j N worker processes, and the file each input writes.
 *
 * Output files are written to a temporary name and renamed, so a failed
 * or interrupted run never leaves a truncated file, and a run with errors
 * never creates or overwrites one. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>


char *default_output(const char *in, const char *ext, const char *dir)
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
		out_of_memory();
	bool slash = dir && *dir && dir[strlen(dir) - 1] == '/';
	snprintf(out, cap, "%s%s%.*s%s", dir ? dir : "", dir && !slash ? "/" : "", (int)n, base,
		 ext);
	return out;
}

/* A long batch's PDF, written to its file as it is made (through a
 * temporary file, as write_output does). */
struct out_stream {
	const char *path;
	struct wstage w;
	bool begun;
};

static int stream_out(void *user, const char *data, size_t len)
{
	struct out_stream *os = user;
	if (!os->begun) {
		int rc = write_stage_begin(os->path, &os->w);
		if (rc)
			return rc;
		os->begun = true;
	}
	return write_stage_add(&os->w, data, len);
}

/* The path a PDF of input goes to, when it can be written as it is made
 * (a regular file, or none yet), else NULL. malloc'd. */
static char *stream_path(const struct cli *c, bool to_dir, const char *input)
{
	if (c->o.issue || c->check || c->split || c->o.format != OUT_PDF)
		return NULL;
	char *path = c->output && !to_dir ? strdup(c->output)
		   : strcmp(input, "-") ? default_output(input, ".pdf", c->output) : NULL;
	struct stat st;
	if (path && (!strcmp(path, "-") || (stat(path, &st) == 0 && !S_ISREG(st.st_mode)))) {
		free(path);
		path = NULL;
	}
	return path;
}

/* Renders one input and writes what it gives: the file, or with --split
 * the manifest after the certificates. Returns the input's exit status.
 * to_dir: -o names a directory the outputs go into. */
static int run_input(struct cli *c, struct splitter *sp, bool to_dir, const char *input)
{
	struct render_opts *o = &c->o;
	struct srcset files = {0};
	struct diag d = {0};
	char *bytes = NULL;
	size_t len = 0;
	char *issued_to = NULL;
	struct issued num = {0};
	if (o->issue && !c->check) {
		o->issued = &num;
		issued_to = c->output && !to_dir ? strdup(c->output)
			  : default_output(input, out_ext(o->format), c->output);
		o->out_path = issued_to;
	}
	struct out_stream os = {0};
	bool streamed = false;
	char *spath = stream_path(c, to_dir, input);
	if (spath) {
		os.path = spath;
		o->stream = stream_out;
		o->stream_user = &os;
		o->streamed = &streamed;
	}
	int rc = render_document(o, input, &files, &d, &bytes, &len);
	o->stream = NULL;
	o->stream_user = NULL;
	o->streamed = NULL;
	if (os.begun) {
		/* An error of the rendering was said; one of writing is said
		 * here. Nothing is left behind. */
		char *target = NULL;
		os.w.abandon = rc && !os.w.err;
		int wr = write_stage_end(&os.w, rc == 0, &target);
		if (!rc)
			rc = wr ? wr : write_place(spath, target, true);
	}
	free(spath);
	free(issued_to);
	o->issued = NULL;
	o->out_path = NULL;
	if (num.code)
		say("issued number %d/%d (%s)", num.number, num.year, diag_quote(&d, num.code));
	free(num.code);
	diag_print(&d, stderr);
	if (streamed) {
		; /* written as it was made */
	} else if (rc == 0 && o->issue && !bytes) {
		; /* written inside the register's transaction */
	} else if (rc == 0 && !bytes && !c->split) {
		; /* nothing for this shard */
	} else if (rc == 0 && c->split && !sp->done) {
		; /* the shard took no awardee */
	} else if (rc == 0 && c->split) {
		rc = split_write_manifest(sp);
	} else if (rc == 0 && !c->check) {
		const char *ext = out_ext(o->format);
		char *path;
		if (c->output && !to_dir)
			path = strdup(c->output);
		else if (!strcmp(input, "-"))
			path = strdup("-");
		else
			path = default_output(input, ext, c->output);
		rc = write_output(path, bytes, len);
		free(path);
	}
	free(bytes);
	srcset_free(&files);
	return rc;
}

/* --shard K/N of several inputs: keeps every N-th from the K-th; returns
 * how many. */
static int shard_inputs(const char **inputs, int n, int shard_k, int shard_n)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (i % shard_n == shard_k - 1)
			inputs[k++] = inputs[i];
	return k;
}

/* -j: forks n workers. A worker gets its number (0..n-1) back; the parent
 * waits for them all and gets -1, with *status the worst of their exit
 * statuses (3 for one that did not start or did not exit). */
static int fork_workers(int n, int *status)
{
	fflush(NULL);
	pid_t *pids = calloc((size_t)n, sizeof *pids);
	int worker;
	for (worker = 0; worker < n; worker++) {
		pids[worker] = fork();
		if (pids[worker] == 0)
			break;
	}
	if (worker < n) {
		free(pids);
		return worker;
	}
	for (int k = 0; k < n; k++) {
		int ws = 0;
		if (pids[k] > 0 && waitpid(pids[k], &ws, 0) > 0)
			*status = WIFEXITED(ws) ? (WEXITSTATUS(ws) > *status ? WEXITSTATUS(ws)
									      : *status) : 3;
		else
			*status = 3;
	}
	free(pids);
	return -1;
}

int run_inputs(struct cli *c)
{
	struct render_opts *o = &c->o;
	struct diag d = {0};
	char *datadir = app_datadir(&d);
	diag_print(&d, stderr);
	diag_free(&d);
	if (!datadir)
		return 2;
	o->datadir = datadir;
	o->sets = c->sets;
	o->nsets = c->nsets;
	o->roots = c->roots;
	o->nroots = c->nroots;
	struct splitter sp = {0};
	if (c->split)
		split_begin(&sp, c->split, o);
	int status = 0;
	/* Several inputs: the shard's share, then N worker processes, each
	 * taking every N-th input; the status is the worst of them. */
	int worker = 0;
	bool to_dir = c->output && (c->ninputs > 1 || is_dir(c->output));
	if (c->ninputs > 1 && o->shard_n) {
		c->ninputs = shard_inputs(c->inputs, c->ninputs, o->shard_k, o->shard_n);
		o->shard_n = o->shard_k = 0; /* the shard was of the inputs */
	}
	if (c->jobs > 1 && c->ninputs == 1)
		say_note("-j shares several inputs between processes; "
			 "one batch is shared with --shard K/N (one process for each K)");
	if (c->jobs > 1 && c->ninputs > 1) {
		if (c->jobs > c->ninputs)
			c->jobs = c->ninputs;
		worker = fork_workers(c->jobs, &status);
		if (worker < 0)
			c->ninputs = 0; /* the parent: the workers did them */
	}
	for (int i = 0; i < c->ninputs; i++) {
		if (c->jobs > 1 && i % c->jobs != worker)
			continue;
		int rc = run_input(c, &sp, to_dir, c->inputs[i]);
		if (rc > status)
			status = rc;
	}
	split_free(&sp);
	free(datadir);
	md_release();
	return status;
}
