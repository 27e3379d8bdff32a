/* template.h - a document body written by a template (templates/<name>.md,
 * Markdown with Mustache fields) from the document's own data. */
#ifndef VB_TEMPLATE_H
#define VB_TEMPLATE_H

#include "model.h"

/* Renders the template `name` (a name under templates/, or a path to a .md
 * file relative to basedir) with root as the data; the user's own body
 * (may have no text) is available to it as {{{body}}}. On success fills
 * *out with the Markdown. Errors point into the template, with a note at
 * the data. */
bool template_body(const struct text_field *name, const struct ynode *root,
		   const struct mdtext *user_body, const char *datadir, const char *basedir,
		   struct srcset *files, struct arena *ar, struct diag *d, struct mdtext *out);

/* The data hooks of templates, for other users of mustache.c: dates print
 * "03/9/2020" and have .long .short .day .month .year .weekday; whole
 * numbers have .padded ("05"). */
struct buf;
char *template_field(void *user, const struct ynode *n, const char *field);
void template_text(struct buf *out, const struct ynode *n, void *user);

#endif
