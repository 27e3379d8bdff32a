/* render.h - one document from file to bytes: load, validate, lay out,
 * draw. Diagnostics are collected in d; nothing is written to disk here. */
#ifndef VB_RENDER_H
#define VB_RENDER_H

#include "diag.h"

enum out_format { OUT_PDF, OUT_DUMP };

struct render_opts {
	const char *datadir;
	enum out_format format;
	bool check_only;
	const char *const *sets;  /* "key.path=value" from --set */
	size_t nsets;
	/* Certificates: --calibrate writes the calibration page instead; with
	 * emit set (--split), each certificate is handed over as its own PDF
	 * named from pattern, after the whole batch was checked. */
	bool calibrate;
	bool pdfa;        /* --pdfa: PDF/A-1b (a style can ask for it too) */
	/* --issue: `number: auto` takes the next number from the register and
	 * the file is written (through write_out) inside its transaction. */
	bool issue;
	const char *register_path;
	const char *out_path;
	int (*write_out)(void *user, const char *data, size_t len);
	/* --shard K/N: certificates: only those whose position (from 0) is
	 * K-1 modulo N. 0/0 = all. */
	int shard_k, shard_n;
	const char *pattern;
	int (*emit)(void *user, const char *name, const char *awardee, const char *data,
		    size_t len);
	void *emit_user;
};

/* Returns 0 and the output bytes, 1 on input errors, 3 on internal ones.
 * files keeps the sources so diagnostics can quote them. */
int render_document(const struct render_opts *o, const char *path, struct srcset *files,
		    struct diag *d, char **out, size_t *len);

/* The same for a source already loaded; path gives the directory that
 * relative names (body_file, style) are resolved against, and ".md" marks
 * the front-matter form. */
int render_source(const struct render_opts *o, const struct source *src, const char *path,
		  struct srcset *files, struct diag *d, char **out, size_t *len);

/* The register book of a year as a PDF at out (register path given). */
int render_register_book(const char *reg_path, int year, const char *out, struct diag *d);
/* Where templates/ and fonts/ are ($VANBAN_HOME, or beside the program). */
char *find_datadir(void);

#endif
