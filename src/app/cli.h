/* cli.h - the command line of render and check: the options as parsed,
 * the files of --split, and the inputs shared between processes. Private
 * to src/app/. */
#ifndef VB_CLI_H
#define VB_CLI_H

#include "app.h"

extern const char cli_usage[]; /* printed after a usage error */
extern const char cli_help[];  /* --help */
extern const char info_help[]; /* info --help */

/* The options of `vanban render|check`. */
struct cli {
	bool check;          /* check: validate only, write nothing */
	const char *output;  /* -o: a file, '-', or a directory */
	const char *split;   /* --split DIR */
	int jobs;            /* -j N */
	const char **inputs; /* argv's, in order */
	int ninputs;
	const char **sets;   /* --set KEY=VALUE */
	size_t nsets;
	const char **roots;  /* --root DIR */
	size_t nroots;
	const char *sign_password; /* --sign-password-file before any --sign */
	struct render_opts o;
};

/* Parses argv[2]... of render or check (argv[1]) into c, and makes the
 * directories -o and --split name. Returns -1 when there is work to do;
 * otherwise the exit status once --help (0) or a usage error (2) has been
 * printed, with c freed. */
int cli_parse(struct cli *c, int argc, char **argv);
void cli_free(struct cli *c);

/* --shard auto or auto/N: K and N from the job runner's environment.
 * NULL when found, else the usage error (in why or a constant). */
const char *shard_auto(const char *arg, int *k, int *n, char *why, size_t wn);

bool is_dir(const char *p);
/* The extension of an output of format f: ".pdf", ".dump.txt", ".svg". */
const char *out_ext(enum out_format f);
/* mkdir -p: the directory and those above it; 0, or -1 with errno. */
int make_dirs(const char *path);

/* The output a name makes: in's name with its extension replaced by ext,
 * in dir when dir is given (in's directory is dropped then). */
char *default_output(const char *in, const char *ext, const char *dir);

/* Renders every input (or this process's share of them) and writes the
 * results; returns the exit status, the worst of the inputs'. */
int run_inputs(struct cli *c);

/* --split: each certificate to its own file, names made unique, and a
 * manifest of what was written. */
struct splitter {
	const char *dir;
	VEC(char *) names;
	struct buf manifest;
	size_t done;        /* files written */
	bool progress;
};

/* Points o's emit at the files of dir. */
void split_begin(struct splitter *sp, const char *dir, struct render_opts *o);
/* dir/manifest.csv, once the batch is written; 0 or 3. */
int split_write_manifest(struct splitter *sp);
void split_free(struct splitter *sp);

#endif
