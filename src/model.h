/* model.h - the document as the user described it, validated.
 *
 * model_load reads the YAML tree of a document (a .yaml file, or the front
 * matter of a .md file) into struct doc. Every field keeps its source
 * position so later stages can point at it. Text fields are NFC UTF-8. */
#ifndef VB_MODEL_H
#define VB_MODEL_H

#include "diag.h"
#include "ytree.h"

struct text_field {
	const char *s;   /* NULL when absent */
	struct pos pos;
};

/* A stretch of source text that will be drawn: checked for tabs, control
 * characters and glyphs the fonts lack once the fonts are loaded. */
struct text_span {
	const struct source *src;
	size_t start, end;
};

struct doctype {
	const char *key;   /* "thong-bao" */
	const char *name;  /* "THÔNG BÁO"; "" for công văn */
	const char *abbr;  /* "TB" */
};

struct doc {
	struct text_field type, style;
	const struct doctype *dt;
	struct text_field parent, issuer, issuer_code;
	int number;        /* 0 = to be filled in by hand */
	struct text_field code, place, title, subject;
	int year, month, day; /* month = day = 0: only the year is known */
	struct pos date_pos;
	const char *body;  /* Markdown */
	const struct source *body_src;
	int body_line, body_col; /* where the body's first line starts */
	int body_indent;         /* columns stripped from each body line */
	struct text_field authority, sign_for, sign_title, sign_name;
	VEC(struct text_field) recipients;
	struct text_field archive;
	VEC(struct text_span) spans;
};

/* Document types and their abbreviations (NĐ 30/2020 Phụ lục III). */
const struct doctype *doctype_find(const char *key);
const char *const *doctype_keys(size_t *n);

/* Fills doc from root. src is the file; body_start/body_end is the byte range
 * of a front-matter file's Markdown body (both 0 for a .yaml file). basedir
 * resolves body_file. Returns false after adding diagnostics. */
bool model_load(struct doc *doc, const struct ynode *root, const struct source *src,
		size_t body_start, size_t body_end, const char *basedir,
		struct srcset *files, struct arena *arena, struct diag *d);
void model_free(struct doc *doc);

/* Checks that the style allows the document's authority prefix. */
struct style;
void model_check_style(const struct doc *doc, const struct style *st, struct diag *d);

#endif
