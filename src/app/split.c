/* split.c - --split: every certificate of a batch as its own PDF in a
 * directory, and DIR/manifest.csv with each file's awardee and SHA-256. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
	if (sp->progress && (sp->done % 10 == 0)) {
		fputs("\rvanban: ", stderr);
		fprintf(stderr, _("%zu certificates written"), sp->done);
	}
	return 0;
}

void split_begin(struct splitter *sp, const char *dir, struct render_opts *o)
{
	sp->dir = dir;
	sp->progress = isatty(2);
	buf_puts(&sp->manifest, "file,awardee,sha256\n");
	o->emit = emit_file;
	o->emit_user = sp;
	o->emit_dir = dir;
}

int split_write_manifest(struct splitter *sp)
{
	if (sp->progress && sp->done >= 10)
		fputc('\n', stderr);
	char *mpath = path_join(sp->dir, "manifest.csv");
	int rc = write_output(mpath, sp->manifest.data, sp->manifest.len);
	free(mpath);
	return rc;
}

void split_free(struct splitter *sp)
{
	for (size_t i = 0; i < sp->names.n; i++)
		free(sp->names.v[i]);
	vec_free(&sp->names);
	buf_free(&sp->manifest);
}
