/* input.h - what the program reads: YAML as a tree with positions, the
 * document model, house styles, Markdown as blocks, Mustache templates,
 * CSV lists, certificate batches, the data directory and fonts.
 * Everything is validated here (the text against the fonts too), with
 * positions kept for the diagnostics. */
#ifndef VB_INPUT_H
#define VB_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

/* ytree.c, yaml_load.c: a YAML document as a plain tree with source positions.
 *
 * yaml_load.c is the only file that sees libyaml; every other stage reads
 * this tree. Scalars keep their text and whether they were quoted, so the
 * model can tell 3 from "3". Maps keep their keys in order; duplicate keys
 * are reported by the loader. */

enum ykind { Y_SCALAR, Y_MAP, Y_SEQ };
enum ystyle { YS_PLAIN, YS_QUOTED, YS_BLOCK };

struct ynode;
struct ypair {
	struct ynode *key; /* always a scalar */
	struct ynode *val;
};

struct ynode {
	enum ykind kind;
	enum ystyle style;
	struct pos pos, end;
	const char *str; /* scalars */
	size_t len;
	const char *raw; /* a scalar's value before its invisible characters were
			  * removed (the columns of a Markdown body); NULL when it had none */
	size_t n;        /* pairs or items */
	struct ypair *pairs;
	struct ynode **items;
};

/* Parses the bytes [start, end) of src (offsets; line numbers stay those of
 * the file). Nodes live in arena. Returns the root, or NULL if the text is
 * empty or on error (then diagnostics were added). */
struct ynode *yaml_load(const struct source *src, size_t start, size_t end,
			struct arena *arena, struct diag *d);

/* Sets path ("meeting.chair.name") to a plain scalar, making mappings on
 * the way; `at` is where the setting came from (the command line). */
bool ytree_set(struct ynode *root, const char *path, const char *value, struct pos at,
	       struct arena *ar, struct diag *d);

/* A plain scalar that is a finite number (strtod, C locale: vanban never
 * sets LC_NUMERIC). */
bool ynode_number(const struct ynode *v, double *out);
/* A colour written "#RRGGBB", as 0xRRGGBB. */
bool ynode_color(const struct ynode *v, uint32_t *out);

/* Reports key as unknown ("unknown key 'prefix.key'"), suggesting the
 * nearest of known[0..n) when one is close. */
void ykey_unknown(const struct ynode *key, const char *prefix, const char *const *known,
		  size_t n, struct diag *d);
/* Reports each key of map that is not one of known[0..n). */
void ymap_check_keys(const struct ynode *map, const char *prefix, const char *const *known,
		     size_t n, struct diag *d);

/* Looks up a key in a map; NULL if absent or not a map. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
/* "a scalar", "a mapping", "a list" - for messages. */
const char *ykind_name(const struct ynode *n);

/* style.c: a house style: every size, margin, spacing and font of a
 * document, read from templates/styles/<name>.yaml. Lengths are stored in
 * points; style files give them in mm (margins, widths) or pt (sizes). */

enum align { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };
enum face { F_REGULAR, F_BOLD, F_ITALIC, F_BOLD_ITALIC, F_NFACES };

#define MM(x) ((x) * 72.0 / 25.4)

struct heading_style {
	int align;           /* enum align */
	bool bold, italic, caps, indent;
};

enum { MAX_HEADINGS = 4, MAX_AUTHORITIES = 8 };

/* phrases.c: the lexicon of phrases the line breaker keeps whole
 * (templates/phrases.txt, see there for what each kind means). Keys are
 * lower case, tones placed the new way ("hòa", "ủy"), syllables joined
 * by one space. */
enum phrase_kind {
	PH_COMPOUND = 1,  /* no break inside: "công đoàn cơ sở" */
	PH_AGENCY = 2,    /* an agency type: rarely a break between it and its name */
	PH_PLACE = 4,     /* "tỉnh", "thành phố": never a break after it */
	PH_SURNAME = 8,   /* "Nguyễn": with the capitals after it, a person's name */
	PH_UNIT = 16,     /* "đồng", "người": kept with the number before it */
	PH_FREE = 32,     /* "và", "của": a line may start with it */
	PH_LEADER = 64,   /* "các", "những": a line should not end with it */
	PH_NUMWORD = 128, /* "ngày", "Điều": kept with the number after it */
	PH_AUTHORITY = 256, /* "TM.", "KT.": kept with what follows */
};
enum { PHRASE_MAX = 8 };

struct phrase {
	char *text;
	unsigned kinds;
};

struct phrases {
	VEC(struct phrase) v; /* sorted by text */
	size_t maxlen;        /* syllables of the longest */
};

/* One syllable (n bytes) as a key, in out (cap bytes); 0 when too long. */
size_t phrase_key(const char *s, size_t n, char *out, size_t cap);
/* The kinds of a phrase (a key), 0 when it is not in the lexicon. */
unsigned phrases_kind(const struct phrases *ph, const char *key);
/* Reads a lexicon file (and the files it includes: beside it, or under
 * datadir's templates/). NULL after adding diagnostics. */
struct phrases *phrases_load(const char *path, struct pos from, const char *datadir,
			     struct srcset *files, struct diag *d);
/* A lexicon from text in memory (no includes), for tests. */
struct phrases *phrases_parse(const struct source *src, struct diag *d);
void phrases_free(struct phrases *ph);

struct style {
	char *name;
	char *path;          /* the file it came from */
	char *font_file[F_NFACES]; /* resolved paths */
	double page_w, page_h;
	double margin_top, margin_bottom, margin_left, margin_right;
	/* sizes, pt */
	double sz_national, sz_motto, sz_parent, sz_issuer, sz_number, sz_date;
	double sz_title, sz_subject, sz_body, sz_recipients_label, sz_recipients;
	double sz_signature, sz_page_number;
	/* spacing */
	double line_pitch;    /* body line pitch, multiple of the size */
	double header_pitch;  /* header lines, multiple of the size */
	double para_space;    /* pt */
	double indent;        /* pt */
	double space_stretch, space_shrink; /* fractions of the natural space */
	double number_space;  /* pt from the lower header rule to the number's baseline */
	double title_space;   /* pt above the title block */
	double body_space;    /* pt between the title block and the body */
	double closing_space; /* pt between the body and the closing */
	double page_number_y; /* pt from the top edge to the number's baseline */
	/* header */
	double left_col;      /* width of the issuer column, pt */
	double column_gap;    /* white space kept between the two header columns */
	char *national_title, *motto;
	double issuer_rule, subject_rule; /* fraction of the line above */
	double rule_width;    /* pt */
	double rule_drop;     /* rule below the baseline, multiple of the size */
	char *number_label;   /* "Số:" */
	char *number_sep;     /* between number and code: "/" */
	double subject_width; /* max width of the subject lines, pt */
	char *code_sep;       /* between type abbreviation and issuer code: "-" */
	char *basis_last;     /* the mark ending the last Căn cứ line: "." or "," */
	bool issuer_star;     /* a centred "*" under the issuer instead of a rule */
	char *cong_van_code;  /* a công văn's type in its number ("CV": "Số 15-CV/BTGTU"); "" none */
	bool vv_italic;       /* the V/v line of a công văn in italic (Party style) */
	double sz_vv, sz_to, sz_table, sz_appendix_label, sz_stamp, sz_footer;
	double vv_space;      /* pt between the number and the V/v line */
	double table_pad;     /* pt inside table cells */
	double sig_image_w, seal_w; /* pt */
	bool appendix_restart;/* page numbers restart in each appendix */
	bool pdfa;            /* write PDF/A-1b */
	char *register_file;  /* the register of outgoing documents ("" = none) */
	bool register_per_type; /* one number sequence per document type */
	double stamp_h, stamp_w[4]; /* độ khẩn boxes, pt (index: enum urgency) */
	/* closing */
	double recipients_width; /* pt */
	double signature_gap;    /* pt, title baseline to name baseline */
	char *authorities[MAX_AUTHORITIES];
	int nauthorities;
	struct heading_style heading[MAX_HEADINGS];
	/* line breaking (total fit, TeX's measures) */
	double lb_tolerance;     /* largest adjustment ratio tried first */
	double lb_line_penalty;  /* TeX's \linepenalty */
	double lb_fitness;       /* TeX's \adjdemerits: a tight line next to a loose one */
	double tie_penalty;      /* a break between "ngày" and "05", "Điều" and "3" */
	double join_penalty;     /* a cut inside an address longer than the line */
	double sz_table_min;     /* the smallest size a table is set at to fit, pt */
	uint32_t stamp_color;    /* the độ khẩn box and its word, 0xRRGGBB */
	/* wordings */
	char *vv_prefix;         /* "V/v", before a công văn's trích yếu */
	char *to_label;          /* "Kính gửi:" */
	char *recipients_label;  /* "Nơi nhận:" */
	char *as_above;          /* "Như trên", the first Nơi nhận item after a Kính gửi */
	char *phrases_file;      /* the lexicon of the line breaker (resolved path) */
	struct phrases *phrases; /* ... as read */
};

/* Finds a style by name (templates/styles/<name>.yaml under datadir) or by
 * path (when name contains '/' or ends in .yaml, relative to basedir).
 * Returns NULL after adding diagnostics. */
struct style *style_load(const char *name, struct pos name_pos, const char *datadir,
			 const char *basedir, struct srcset *files, struct diag *d);
void style_free(struct style *s);

/* Nearest of candidates to word (edit distance), or NULL if none is close. */
const char *nearest_word(const char *word, const char *const *cands, size_t n);

/* model.c: the document as the user described it, validated.
 *
 * model_load reads the YAML tree of a document (a .yaml file, or the front
 * matter of a .md file) into struct doc. Every field keeps its source
 * position so later stages can point at it. Text fields are NFC UTF-8. */

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
	bool certificate;  /* an award certificate (cert_load.c, cert_page.c) */
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
	struct pos number_pos;
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
	/* Electronic documents (NĐ 30 Phụ lục I): an attachment in a separate
	 * file, or an electronic copy (ô 14): the 10 pt block at the top right
	 * of page 1. copy.form is NULL when the document is no copy. */
	bool e_attachment;                  /* attachment: true */
	struct {
		struct text_field form;     /* SAO Y, SAO LỤC or TRÍCH SAO */
		struct text_field by, code; /* the organisation that copies, its code */
		int number;                 /* the copy's number, 0 when none */
	} copy;
	struct text_field qr_url;           /* certificates: qr: {url: ...} */
	const struct ynode *root;           /* the whole document, for the certificates */
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
/* The top-level keys model_load accepts in a document. */
extern const char *const model_doc_keys[];
extern const size_t model_doc_nkeys;

/* Checks that the style allows the document's authority prefix. */
struct style;
void model_check_style(const struct doc *doc, const struct style *st, struct diag *d);

/* md.c: the body as a list of blocks of styled runs.
 * md.c builds it from Markdown; typeset/flow.c turns it into lines. */

enum { RUN_BOLD = 1, RUN_ITALIC = 2 }; /* face = flags: enum face order */

struct run {
	int face;
	const char *text;   /* no line breaks; "\n" alone is a hard line break */
};

/* BK_BASIS: a "Căn cứ ..." line of the preamble (italic, one per line);
 * BK_DECIDE: the "QUYẾT ĐỊNH:" line between preamble and articles. */
enum block_kind { BK_PARA, BK_HEADING, BK_ITEM, BK_BASIS, BK_DECIDE, BK_TABLE };

struct cell {
	VEC(struct run) runs;
};

struct block {
	enum block_kind kind;
	int level;          /* heading level (1-6) or list depth (1-) */
	const char *marker; /* list items: "1.", "-", "a)"; NULL otherwise */
	VEC(struct run) runs;
	struct pos pos;
	/* tables: nrows x ncols cells, row 0 is the header row */
	int nrows, ncols;
	struct cell *cells;
	char *aligns;       /* per column: 'l', 'c', 'r' or 0 */
};

struct blocks {
	VEC(struct block) v;
};

/* Parses Markdown (positions mapped into the source file). */
struct mdtext;
bool md_parse(const struct mdtext *text, struct blocks *out, struct arena *arena, struct diag *d);
/* The length of a bullet Word leaves at the start of a line ("•", "◦",
 * "▪", "–" ...) when a space or a tab follows it, or 0; *dash is set for
 * the en dash. The body reads such a line as a '-' list item. */
size_t md_word_bullet(const char *p, bool *dash);
/* Frees cmark-gfm's extensions, once at the end of a run. */
void md_release(void);
void blocks_free(struct blocks *b);

/* mustache.c: Mustache templates rendered against the YAML data tree.
 *
 * Templates let a house style or a user lay out text from a document's
 * data ({{issuer.name}}, {{#recipients}}...{{/recipients}}) without code.
 * The data is the YAML tree itself (struct ynode), so values keep their
 * source positions and the caller decides how scalars print.
 *
 * Supported: interpolation ({{name}} escaped, {{{name}}} and {{& name}}
 * not), dotted names, the implicit iterator {{.}}, sections and inverted
 * sections, comments, set delimiters ({{=<% %>=}}), partials ({{> name}},
 * indented when standalone) and the spec's standalone-line rules. Lambdas
 * are not. Every test of the spec's interpolation, sections, inverted,
 * comments, delimiters and partials files passes.
 *
 * Values: a missing name is falsey; so is an empty scalar, and a plain
 * (unquoted) scalar "~", "null", "Null", "NULL", "false", "False" or
 * "FALSE"; and an empty list. Everything else, every mapping included, is
 * truthy. A section over a list renders once per item; over a mapping or a
 * truthy scalar it renders once with the value pushed on the context stack.
 * Null scalars interpolate as nothing; "false" prints as itself.
 *
 * Names: "a.b.c" looks "a" up through the context stack (innermost first)
 * and "b", "c" only inside what was found. A part that follows a scalar is
 * one of the scalar's virtual fields (mu_opts.scalar_field), e.g.
 * {{date.long}}.
 *
 * Any input is safe: the scan is linear, sections and partials nest at most
 * max_depth deep, and the total work and output are bounded, so a template
 * that includes itself forever ends in an error, not a crash. */

/* One error; line:col (1-based, columns in code points) is in the template
 * given to mustache_render. An error inside a partial is placed at the
 * outermost partial tag of that template, and its message starts with
 * "in partial 'name' at line:col: " (the place inside the partial). */
struct mu_error {
	int line, col;
	char *msg;    /* in the user's language */
	bool missing; /* a name not in the data (the message quotes it first) */
};

/* A growable vector of errors, laid out like util.h's VEC, so vec_push and
 * vec_free work on it. mu_errors_free frees the messages and the vector. */
struct mu_errors {
	struct mu_error *v;
	size_t n, cap;
};
void mu_errors_free(struct mu_errors *e);

struct mu_opts {
	/* Escaping for {{name}}; NULL = HTML escaping as the spec (& < > " to
	 * &amp; &lt; &gt; &quot;). Appends the escaped bytes to out. */
	void (*escape)(struct buf *out, const char *s, size_t n, void *user);
	/* Looks up a partial by name; returns its text (owned by the caller's
	 * user data, alive until mustache_render returns) and sets *len, or
	 * returns NULL: a missing partial renders as nothing. May be NULL. */
	const char *(*partial)(void *user, const char *name, size_t *len);
	/* Virtual fields of a scalar: e.g. for a date scalar "2020-09-03" and
	 * field "long". Returns a malloc'd string (freed by the renderer), or
	 * NULL when the scalar has no such field. May be NULL. */
	char *(*scalar_field)(void *user, const struct ynode *scalar, const char *field);
	/* How a (non-null) scalar is printed, appended to out; NULL = its text
	 * as is. The result is then escaped for {{name}}. */
	void (*scalar_text)(struct buf *out, const struct ynode *scalar, void *user);
	void *user;
	/* An interpolated name that resolves to nothing is an error:
	 * "'meeting.chair.name' is not in the data"; so is interpolating a
	 * mapping or a list ("'signature' is a mapping, not text"). Sections
	 * and inverted sections never are. */
	bool strict;
	/* Nesting limit for partials, and for sections within one template
	 * (0 = 64): "partials nested more than 64 deep". */
	int max_depth;
	/* Bounds on the work (tags and text pieces rendered, section
	 * iterations; 0 = 10 million) and on the output (bytes; 0 = 64 MiB).
	 * Going past either is an error, and so is comparing more than ten
	 * times max_steps keys while looking names up. */
	size_t max_steps, max_output;
};

/* Renders tmpl (tlen bytes, need not be NUL-terminated) against data
 * (which may be NULL: every name is then missing). o may be NULL for the
 * defaults. Returns the malloc'd output (NUL-terminated, *len set when len
 * is not NULL), or NULL with errors appended to *errs (when errs is not
 * NULL; the caller frees each msg and the vector, or calls
 * mu_errors_free). Parse errors (a section never closed, a closing tag that
 * does not match, an unclosed tag, a bad delimiter change, an empty tag)
 * stop at the first and give the tag's line:col; missing names in strict
 * mode are all reported, each tag once. */
char *mustache_render(const char *tmpl, size_t tlen, const struct ynode *data,
		      const struct mu_opts *o, size_t *len, struct mu_errors *errs);

/* template.c: a document body written by a template (templates/<name>.md,
 * Markdown with Mustache fields) from the document's own data. */

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

/* csv.c: spreadsheet exports (Excel, LibreOffice) as a table of text.
 *
 * UTF-8 with or without a byte-order mark (srcset_load reads UTF-16 as
 * UTF-8); fields separated by commas, semicolons or tabs (whichever the
 * header line uses most); fields in double quotes may hold separators, line
 * breaks and doubled quotes. The first row names the columns. Empty lines
 * and rows of empty fields (",,,," however many) are skipped; a row with
 * fewer fields than the header is padded with empty ones, a row with more
 * is an error. Invisible characters (U+200B ...) are taken out of the
 * fields, with a warning. */

struct csv_field {
	const char *s;   /* arena */
	struct pos pos;
};

struct csv_row {
	struct csv_field *f;  /* ncols fields */
	int line;
};

struct csv {
	size_t ncols;
	struct csv_field *head;
	VEC(struct csv_row) rows;
	char sep;
};

/* Parses src; returns false after adding diagnostics. */
bool csv_parse(const struct source *src, struct csv *out, struct arena *ar, struct diag *d);
void csv_free(struct csv *c);

/* font.c: the fonts of a document (HarfBuzz): metrics for layout, and
 * subsets holding only the glyphs a document uses, for embedding.
 * The only module that includes HarfBuzz headers is font.c. */

struct fonts;

/* Opens the four faces (regular, bold, italic, bold italic). A file that is
 * missing or not a TrueType font is reported at `where`. */
struct fonts *fonts_load(const char *const files[4], struct pos where, struct diag *d);
struct metrics fonts_metrics(struct fonts *f);
/* A TrueType font with only the glyphs of code points cps[0..n) (plus
 * .notdef), same metrics. For a PDF (pdf true) only the tables a PDF
 * reader uses are kept: a browser shaping the SVG preview gets them all.
 * Returns malloc'd bytes, or NULL on failure. */
char *fonts_subset(struct fonts *f, int face, const int32_t *cps, size_t n, bool pdf,
		   size_t *len);
/* The height of capitals in thousandths of an em (for the PDF's font
 * descriptor). */
int fonts_cap_height(struct fonts *f, int face);
void fonts_free(struct fonts *f);

/* cert_load.c: award certificates (Giấy khen, Bằng khen) in batch, as read.
 *
 * cert_load reads what is particular to a certificate document (decision,
 * reason, paper, blank_form, awardees or awardees_file) and its layout
 * (templates/certificates/<type>.yaml); everything is validated before
 * anything is laid out (typeset.h: cert_check, cert_page). Sizes are given
 * on a design sheet of 297 x 210 mm and scaled to the paper. */

/* An element of the layout: a text (a Mustache template) and its box. */
struct cert_element {
	const char *id, *text;
	struct pos pos;          /* in the layout file */
	double x, y;             /* mm on the design sheet; x is the centre line */
	double size, min_size;   /* pt */
	double max_width;        /* mm; 0: no limit */
	int lines;
	bool bold, italic, caps, rule, variable;
	bool centred;            /* no x given: on the sheet's centre line, in the flow */
	bool blank;              /* printed on pre-printed blanks too */
	uint32_t color;
};

struct awardee {
	const struct ynode *row; /* the awardee's fields */
	const char *name;
	struct pos pos;          /* the row, for messages */
	bool no_reason;
};

struct cert {
	const struct doc *doc;
	struct arena *ar;        /* the rows made here (CSV rows, copies) */
	const char *title;
	double page_w, page_h;   /* pt */
	double scale, ox, oy;    /* design mm -> page pt */
	bool blank;
	double off_x, off_y;     /* blank-form calibration, mm */
	uint32_t border_color;
	double outer_inset, outer_w, inner_inset, inner_w, ornament;
	VEC(struct cert_element) el;
	VEC(struct awardee) aw;
	bool prints_reason;      /* an element shows {{awardee.reason}} */
	struct phrases *phrases; /* the line breaker's lexicon (templates/phrases.txt) */
};

/* Reads and checks the certificates of doc; NULL after diagnostics. Rows
 * live in ar. */
struct cert *cert_load(const struct doc *doc, const char *datadir, const char *basedir,
		       struct srcset *files, struct arena *ar, struct diag *d);
size_t cert_count(const struct cert *c);
const char *cert_awardee(const struct cert *c, size_t i);
/* Where awardee i is written (its row), for messages. */
struct pos cert_pos(const struct cert *c, size_t i);
/* The data the texts of certificate i see: the document's fields, the
 * title, the row as `awardee`, and the row's own date and decision in
 * place of the shared ones; made in ar. */
struct ynode *cert_data(const struct cert *c, size_t i, struct arena *ar);
/* A certificate's text from its template: plain text, the templates' date
 * and number fields, every field required (mustache_render's result). */
char *cert_render(const char *tmpl, const struct ynode *data, struct mu_errors *errs);
/* The file name of certificate i for --split (pattern with {{seq}},
 * {{name}} and the awardee's fields; the name folded to ASCII). malloc'd. */
char *cert_file_name(const struct cert *c, size_t i, const char *pattern, struct diag *d);
void cert_free(struct cert *c);

/* datadir.c: the data directory: templates/ (types, styles, bodies,
 * partials, certificate layouts) and fonts/. */

/* Where templates/ and fonts/ are: $VANBAN_HOME when it is set (only
 * there); else beside the program (a checkout), else <exe>/../share/vanban
 * (make install), else the compile-time VANBAN_DATADIR. malloc'd; NULL
 * when none holds them, with *looked (when looked is given) the places
 * tried, ", " between them (malloc'd). */
char *find_datadir(char **looked);
/* datadir/sub/name (name NULL: datadir/sub), joined as path_join does: a
 * datadir "." is left out. malloc'd. */
char *datadir_path(const char *datadir, const char *sub, const char *name);

/* textcheck.c: what keeps a character from being drawn, and the check of
 * a document's source text against its fonts. */

/* What draw_fault finds: a tab, a control character, or else the face
 * that lacks the character (0 .. F_NFACES - 1); DRAW_OK nothing. */
enum { DRAW_TAB = -2, DRAW_CONTROL = -1, DRAW_OK = F_NFACES };
/* The face argument of draw_fault for text not yet given a face: every
 * face must have the character, and the first that lacks it is named. */
enum { DRAW_ANY_FACE = F_NFACES };
/* What keeps cp from being drawn in face (or DRAW_ANY_FACE). */
int draw_fault(int32_t cp, const struct metrics *m, int face);

/* Tabs, control characters and characters no face can draw in the text
 * spans of doc, each at its place in the source (at most MAX_TEXT_ERRORS,
 * then a note). */
void doc_check_text(const struct doc *doc, const struct metrics *m, const struct style *st,
		    struct diag *d);
/* The same for the printed fields of a batch's rows, each character where
 * it is written (a line break prints as a space). */
void cert_check_text(const struct cert *c, const struct metrics *m, struct diag *d);

#endif
