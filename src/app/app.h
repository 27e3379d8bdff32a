/* app.h - the program: the pipeline from a file to bytes, issuing through
 * the register and its commands, reading metadata back, the command line. */
#ifndef VB_APP_H
#define VB_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "base/base.h"
#include "input/input.h"
#include "typeset/typeset.h"
#include "output/output.h"

/* render.c, batch.c, issue.c: one document from file to bytes: load, validate, lay out,
 * draw. Diagnostics are collected in d; nothing is written to disk here. */

/* OUT_SVG_PAGES: each page a standalone <svg>, the pages joined by form
 * feeds, the fonts at font_url + the font file's name (the workspace's
 * preview). */
enum out_format { OUT_PDF, OUT_DUMP, OUT_SVG, OUT_SVG_PAGES, OUT_DOCX };

struct render_opts {
	const char *datadir;
	enum out_format format;
	const char *font_url;     /* OUT_SVG_PAGES */
	bool check_only;
	const char *const *sets;  /* "key.path=value" from --set */
	size_t nsets;
	/* --root: folders files named in the document may be read from,
	 * besides the document's own folder and the data directory. */
	const char *const *roots;
	size_t nroots;
	/* Certificates: --calibrate writes the calibration page instead; with
	 * emit set (--split), each certificate is handed over as its own PDF
	 * named from pattern, after the whole batch was checked. */
	bool calibrate;
	bool pdfa;        /* --pdfa: PDF/A-1b (a style can ask for it too) */
	/* --issue: `number: auto` takes the next number from the register and
	 * the file out_path is written inside its transaction (to a temporary
	 * name, renamed after the commit); without out_path the bytes are
	 * handed back. */
	bool issue;
	const char *register_path;
	const char *out_path;
	/* --shard K/N: certificates: only those whose position (from 0) is
	 * K-1 modulo N. 0/0 = all. */
	int shard_k, shard_n;
	const char *pattern;
	int (*emit)(void *user, const char *name, const char *awardee, const char *data,
		    size_t len);
	void *emit_user;
	const char *emit_dir; /* --split: where the files go, checked first */
	/* A long batch in one PDF (joined from parts) is written here as it
	 * is made, when set, and hands back no bytes; *streamed says so.
	 * stream returns non-zero after an error it said. */
	int (*stream)(void *user, const char *data, size_t len);
	void *stream_user;
	bool *streamed;
	/* --issue: the number the register gave, for the caller to tell. */
	struct issued *issued;
	/* --sign: the key files in signing order (the signer's, then the
	 * organisation's), each with its --sign-password-file or NULL;
	 * --sign-time. */
	const char **sign_files;
	const char **sign_passwords;
	size_t nsign;
	const char *sign_time;
	/* --qr, --qr-url URL: certificates carry a verification QR code. */
	bool qr;
	const char *qr_url;
};

struct issued {
	int number, year;
	char *code;  /* malloc'd; NULL until a number is given */
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

/* The data directory (find_datadir), or NULL after an error that says
 * what is missing and where it was looked for: the program is not
 * installed, exit status 2. */
char *app_datadir(struct diag *d);

/* The register book of a year as a PDF at out (register path given);
 * 0, 1, 2 (no data directory) or 3. */
int render_register_book(const char *reg_path, int year, const char *out, struct diag *d);

/* The steps of the pipeline that its files share (render.c, batch.c,
 * issue.c, book.c). */

/* The PDF of laid-out pages into *out: per face, only the code points the
 * pages draw, as a subset font; the file identifier a digest of the pages
 * and the metadata. Returns 0, or 3 after a diagnostic. */
int make_pdf(const struct layout *lo, struct fonts *fonts, struct pdf_info *info, char **out,
	     size_t *len, struct diag *d);

/* make_pdf's steps, for a batch drawn in parts: the digest of the pages
 * (first: the number of lo's first page in the file) and of the metadata
 * into info->id; the code points drawn (a bit set from pdf_drawn_new,
 * freed with free); the subsets of them (0, or 3 after a diagnostic). */
struct digest;
void pdf_id_pages(struct digest *h, const struct layout *lo, size_t first);
void pdf_id_done(struct digest *h, struct pdf_info *info);
uint64_t *pdf_drawn_new(void);
void pdf_mark_used(uint64_t *drawn, const struct layout *lo);
int pdf_subsets(struct fonts *fonts, const uint64_t *drawn, struct pdf_font pf[F_NFACES],
		struct diag *d);
void pdf_subsets_free(struct pdf_font pf[F_NFACES]);

/* A batch of certificates (doc loaded and checked without error): all of
 * it checked first; then one PDF, or one per certificate through o->emit. */
int render_certificates(const struct render_opts *o, const struct doc *doc,
			const struct style *st, struct fonts *fonts, const struct metrics *m,
			const char *basedir, struct srcset *files, struct arena *ar,
			struct diag *d, char **out, size_t *len);

/* The pages as one SVG file into *out, each face's subset font embedded
 * as a data: URI. Returns 0, or 3 after a diagnostic. */
int make_svg(const struct layout *lo, struct fonts *fonts, char **out, size_t *len,
	     struct diag *d);

/* The pages as standalone <svg> elements joined by form feeds, the font
 * of each face at url_prefix + the base name of st's font file. */
char *make_svg_pages(const struct layout *lo, const struct style *st, const char *url_prefix,
		     size_t *len);

/* Everything one rendering needs, for rendering again with a number the
 * register gave. */
struct reg_entry;
struct produce {
	const struct render_opts *o;
	struct doc *doc;
	const struct blocks *body, *apps;
	const struct style *st;
	struct fonts *fonts;
	const struct metrics *m;
	struct diag *d;
	char **out;
	size_t *len;
	struct reg_entry *entry; /* filled when issuing */
};
/* Lays the document out and draws it into *out (the dump, or the PDF). */
int produce_document(struct produce *pc);
/* `number: auto` with --issue: the next number of the sequence, taken,
 * recorded and written in one transaction. */
int issue(struct produce *pc);

/* names.c: file names made unique. */

/* name, or the first of "name-2", "name-3" ... (the number before the
 * extension) that taken(user, candidate) says is free; malloc'd. */
char *unique_name(const char *name, bool (*taken)(void *user, const char *name), void *user);

/* A set of names (not copied), for as many as it was made for. */
struct nameset {
	const char **slot;
	size_t cap;
};
void nameset_init(struct nameset *s, size_t n);
/* Whether name is in the set (a `taken` for unique_name). */
bool nameset_has(void *set, const char *name);
void nameset_add(struct nameset *s, const char *name);
void nameset_free(struct nameset *s);

/* register.c: the register of outgoing documents (sổ đăng ký văn bản đi,
 * NĐ 30/2020 Điều 15-16), kept in SQLite. The only module that sees
 * sqlite3.h is register.c. */

struct reg;

/* A row of the register. */
struct reg_entry {
	int number, year;
	const char *seq;          /* the sequence: the issuer's code, or code/type */
	const char *code;         /* ký hiệu, e.g. TB-LĐLĐ */
	const char *date;         /* YYYY-MM-DD */
	const char *type, *subject, *signer, *recipients;
	const char *archive;      /* đơn vị, người nhận bản lưu: "VT, TH" */
	int copies;
	const char *file, *sha256;
	bool voided;
	const char *void_reason;
	int id;                   /* the row, for its history */
	struct pos number_pos;    /* issuing a fixed number: where the document has it */
};

/* Opens (and with create, creates) a register file. A file that is not a
 * register (another SQLite database, or not a database) is an error and is
 * left as it is. */
struct reg *reg_open(const char *path, bool create, struct diag *d);
void reg_close(struct reg *r);

/* Issues a number in one transaction: takes the next number of e->seq in
 * e->year (or, when e->number is set, that number, if no row of the
 * sequence and year has it: else an error at e->number_pos naming the row
 * that holds it, and 1), calls produce(number) (which renders the
 * document and writes it under a temporary name, filling file and
 * sha256), records the row, and commits. If produce or the commit fails,
 * nothing is taken. Returns 0, or produce's status, or 1 (the number is
 * held, the register is locked), or 3. */
int reg_issue(struct reg *r, struct reg_entry *e,
	      int (*produce)(void *user, int number, struct reg_entry *e), void *user,
	      struct diag *d);

/* Rows of a year (0: all) and type abbreviation prefix (NULL: all), in
 * order; call fn for each. */
bool reg_each(struct reg *r, int year, const char *type,
	      void (*fn)(void *user, const struct reg_entry *e), void *user, struct diag *d);
/* One number: of a year, and of the sequence of an issuer's code and a
 * type abbreviation (NULL: any, as long as only one has it). */
struct reg_select {
	int number, year;
	const char *issuer, *type;
};
/* Voids (voiding) or unvoids the number sel selects, keeping the reason in
 * its history; the row stays. A number that several sequences have is an
 * error naming them. Returns 0, 1 (not there, several, already so, the
 * register locked) or 3. */
int reg_void(struct reg *r, const struct reg_select *sel, bool voiding, const char *reason,
	     struct diag *d);
/* The voids and unvoids of row id, in order: fn(at, action, reason). */
bool reg_history(struct reg *r, int id,
		 void (*fn)(void *user, const char *at, const char *action, const char *reason),
		 void *user, struct diag *d);

/* regcmd.c - `vanban register list|show|void|unvoid|check|book`, argv[0] being
 * "register"; returns the exit status. */
int register_command(int argc, char **argv);

/* sign.c: `render --sign`. */

/* --sign-time: "now", "@SECONDS", "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]"
 * with "Z" or "+HH:MM" (Vietnam's +07:00 when none). */
bool sign_time_parse(const char *s, long long *when);
/* Signs the PDF in *out (laid out as lo; doc NULL for certificates) with
 * every key of o, in order; 0, 1 (a key or password that cannot be used)
 * or 3. */
int sign_document(const struct render_opts *o, const struct doc *doc, const struct layout *lo,
		  char **out, size_t *len, struct diag *d);

/* The 10 pt block of an electronic attachment or copy (attachment: true,
 * copy:) on page 1 of lo, with the signing time; 0, or 1 after an error. */
int eblock_add(const struct render_opts *o, const struct doc *doc, const struct style *st,
	       const struct metrics *m, struct layout *lo, struct diag *d);

/* qrcode.c: certificates' verification codes. */

/* The text of certificate i's QR code (malloc'd): its number, date,
 * awardee and fingerprint, url the prefix of a checker (or NULL). */
char *cert_qr_text(const char *url, const struct cert *c, size_t i);
/* Draws it on lo's last page when --qr, --qr-url or the document's qr:
 * asks; 0, or 1 after an error. */
int cert_add_qr(const struct render_opts *o, const struct cert *c, size_t i, struct layout *lo,
		struct diag *d);

/* The same for a document (a notice): on page 1, when asked. */
int doc_add_qr(const struct render_opts *o, const struct doc *doc, const struct style *st,
	       struct layout *lo, struct diag *d);

/* verify.c: `vanban verify FILE.pdf [--ca FILE]`; returns the exit status
 * (0 only when every signature holds). */
int verify_command(int argc, char **argv);

/* info.c: reading back the metadata of a PDF vanban wrote. */

/* Prints the fields as "name: value" lines or a JSON object; returns the
 * exit status (1: not a PDF or no metadata, 3: unreadable). */
int info_command(const char *path, bool json, FILE *out);

#endif
