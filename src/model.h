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
	const char *val;   /* a YAML scalar's value (escapes decoded); NULL: the source */
	size_t vlen;
	bool markdown;     /* character references (&#x4E2D;) are decoded too */
};

struct doctype {
	const char *key;   /* "thong-bao" */
	const char *name;  /* "THÔNG BÁO"; "" for công văn */
	const char *abbr;  /* "TB" */
	bool certificate;  /* an award certificate (cert.c lays it out) */
};

/* The table of templates/types.yaml. */
struct doctypes {
	VEC(struct doctype) v;
};

/* Markdown text and where it starts in its file (for positions). */
struct mdtext {
	const char *text;
	const struct source *src;
	int line, col;   /* where the first line starts */
	int indent;      /* columns stripped from each following line */
};

struct signature {
	struct text_field authority, sign_for, title, name;
	struct text_field image, seal;  /* PNG files (resolved paths) */
	struct pos pos;
};

struct appendix {
	struct text_field title;
	struct mdtext body;
};

enum urgency { URG_NONE, URG_KHAN, URG_THUONG_KHAN, URG_HOA_TOC };

struct doc {
	struct text_field type, style;
	const struct doctype *dt;
	struct text_field parent, issuer, issuer_code, unit;
	struct text_field issuer_in_text; /* the issuer named in a sentence */
	int number;        /* 0 = to be filled in by hand */
	bool number_auto;  /* number: auto - the register gives it (--issue) */
	struct text_field code, place, title, subject;
	int year, month, day; /* month = day = 0: only the year is known */
	struct pos date_pos;
	struct mdtext body;
	VEC(struct text_field) to;          /* Kính gửi */
	VEC(struct signature) signatures;   /* one, or several side by side */
	VEC(struct text_field) recipients;
	struct text_field archive;
	enum urgency urgency;               /* độ khẩn (ô 10b) */
	struct text_field circulation;      /* phạm vi lưu hành (ô 11) */
	struct text_field drafter;          /* ký hiệu người soạn thảo (ô 12) */
	int copies;                         /* số lượng bản phát hành (ô 12) */
	VEC(struct text_field) contact;     /* địa chỉ, điện thoại ... (ô 13) */
	VEC(struct appendix) appendices;
	struct text_field template_name;    /* body written by templates/<name>.md */
	const struct ynode *root;           /* the whole document, for cert.c */
	VEC(struct text_span) spans;
};

const struct doctype *doctype_find(const struct doctypes *t, const char *key);
/* Reads templates/types.yaml under datadir. */
bool doctypes_load(struct doctypes *t, const char *datadir, struct srcset *files,
		   struct arena *arena, struct diag *d);
void doctypes_free(struct doctypes *t);

/* Fills doc from root. src is the file; body_start/body_end is the byte range
 * of a front-matter file's Markdown body (both 0 for a .yaml file). basedir
 * resolves body_file and images. Returns false after adding diagnostics. */
bool model_load(struct doc *doc, const struct ynode *root, const struct source *src,
		size_t body_start, size_t body_end, const char *basedir,
		const struct doctypes *types, struct srcset *files, struct arena *arena,
		struct diag *d);
void model_free(struct doc *doc);

/* Checks that the style allows the document's authority prefix. */
struct style;
void model_check_style(const struct doc *doc, const struct style *st, struct diag *d);

#endif
