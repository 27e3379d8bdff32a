/* base.h - the ground every stage stands on: memory and buffers, source
 * files and diagnostics, Unicode text, hashing, compression, Vietnamese
 * wording of numbers and dates, and font measurements as layout sees them.
 * Includes nothing of the project's. */
#ifndef VB_BASE_H
#define VB_BASE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>

/* util.c: memory, growable buffers and arenas shared by every stage.
 *
 * Out-of-memory is not a recoverable condition for a document renderer:
 * the x* allocators call out_of_memory, which removes the temporary file
 * of an output being written (if any), prints "vanban: error: out of
 * memory" and exits with status 3. */

_Noreturn void out_of_memory(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Growable byte buffer, always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Hands the bytes over to the caller (who frees them) and resets b. */
char *buf_take(struct buf *b);

/* Growable array of fixed-size elements: VEC(type) name; vec_push(&name). */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vec_grow(vp) \
	((vp)->n == (vp)->cap \
	 ? ((vp)->cap = (vp)->cap ? (vp)->cap * 2 : 8, \
	    (vp)->v = xrealloc((vp)->v, (vp)->cap * sizeof *(vp)->v)) : 0)
#define vec_push(vp, x) (vec_grow(vp), (vp)->v[(vp)->n++] = (x))
#define vec_free(vp) (free((vp)->v), (vp)->v = NULL, (vp)->n = (vp)->cap = 0)

/* Bump allocator: everything a document needs lives until arena_free. */
struct arena_block;
struct arena {
	struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* dir/name, or name alone when it is absolute or dir is "." (malloc'd). */
char *path_join(const char *dir, const char *name);
/* The absolute form of path with "." and ".." taken out, links not
 * followed (path_lexical), or followed as far as the path exists
 * (path_real: the rest is taken as written). malloc'd. */
char *path_lexical(const char *path);
char *path_real(const char *path);
/* Whether path is dir or inside it (both absolute, as path_real gives). */
bool path_under(const char *path, const char *dir);

/* Writes data to path ("-": standard output) through a temporary file and
 * a rename, so no reader ever sees half a file (through a link, the file it
 * names is replaced); a device or a pipe is written in place. Prints the
 * reason and returns 3 on failure, 0 on success. */
int write_output(const char *path, const char *data, size_t len);
/* write_output in two steps, for a file that must not appear before
 * something else is done (a register's commit): write_stage writes a
 * regular file's temporary copy, synced, and gives the file it will
 * replace (malloc'd); write_place renames it into place (keep) or removes
 * it, and frees target. One file staged at a time. Both print the reason
 * and return 3 on failure. */
int write_stage(const char *path, const char *data, size_t len, char **target);
int write_place(const char *path, char *target, bool keep);
/* write_stage a piece at a time, for output made as it is written:
 * begin makes the temporary file, add appends (3 after an error, said at
 * the end), end closes it (ok false or abandon set: removes it; abandon:
 * silently, the error was said elsewhere) and gives the target for
 * write_place. Each returns 0, or 3 after a message. */
struct wstage {
	int fd, err;
	bool abandon;
	unsigned mode;
	char *target;
	const char *path;
};
int write_stage_begin(const char *path, struct wstage *w);
int write_stage_add(struct wstage *w, const char *data, size_t len);
int write_stage_end(struct wstage *w, bool ok, char **target);
/* Removes the temporary file being written, if any (async-signal-safe;
 * out_of_memory calls it before exiting). */
void write_abandon(void);
/* write.c: the files read (read_file notes each): write_output refuses to
 * replace one, and is_input tells whether path (through links) is one. */
void input_note(int fd);
bool is_input(const char *path);
/* Forgets the files read: each request of `vanban serve` is a run of its
 * own, and a document read for its PDF may be saved by the next one. */
void input_forget(void);

/* Reads a whole file (path "-" reads stdin). Returns NULL and sets errno.
 * The largest file read is 64 MB (a list of 100,000 awardees is about
 * 10 MB): read_file stops there and fails with errno EFBIG. */
#define VB_MAX_INPUT (64u << 20)
char *read_file(const char *path, size_t *len);

/* i18n.c: messages in the user's language. The English text is the key;
 * the Vietnamese comes from <datadir>/locale/vi/LC_MESSAGES/vanban.mo
 * when LANGUAGE (a list), else LC_ALL, else LC_MESSAGES, else LANG names
 * "vi", whether or not that locale is installed. English otherwise, or
 * when the catalog is missing. i18n_init loads the catalog once (before
 * any message); i18n returns the translation of msgid, or msgid itself.
 * Translation is for messages only: nothing written to an output file
 * goes through it. The diag_* functions translate their format strings
 * themselves; other messages are written _("..."), and N_("...") marks a
 * string of a table translated where it is printed. */
void i18n_init(const char *datadir);
/* The Vietnamese catalog loaded whatever the environment asks, and
 * whether it is used: the workspace of `vanban serve` answers in
 * Vietnamese while the server's own lines follow the environment. */
void i18n_load(const char *datadir);
void i18n_use(bool on);
bool i18n_wants_vi(void);
bool i18n_active(void);
const char *i18n(const char *msgid) __attribute__((format_arg(1)));
#define _(s) i18n(s)
#define N_(s) s
/* "vanban: " and the message, translated, on a line of stderr. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same with "error: " or "note: " (translated) after "vanban: ". */
void say_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void say_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void say_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* strerror in the language of the messages. */
const char *errstr(int err);

/* diag.c: source files and diagnostics.
 *
 * A struct source keeps a loaded file and the byte offset of each line, so
 * any stage can turn a position into "file:line:col" and quote the line.
 * Positions are 1-based; columns count code points, as editors do.
 * Diagnostics are collected, never printed on the spot: every error of a
 * file is reported at once, sorted by position (GCC style). */

struct source {
	char *name;  /* as given by the user */
	char *text;  /* NUL-terminated, NFC-normalised UTF-8 */
	size_t len;
	size_t *line_start;
	size_t nlines;
	/* The last column looked up, so that many positions on one long line
	 * (a flow mapping, a CSV row) cost the distance from the last, not
	 * from the start of the line. */
	struct colmemo *memo;
};

struct pos {
	const struct source *src;
	int line, col; /* 1-based; line 0 = the file as a whole */
};

/* Takes ownership of text. */
struct source *source_new(const char *name, char *text, size_t len);
void source_free(struct source *s);
/* Byte offset -> position; and 1-based line/col -> byte offset. */
struct pos source_pos(const struct source *s, size_t offset);
size_t source_offset(const struct source *s, int line, int col);

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

struct diagnostic {
	enum severity sev;
	struct pos pos;
	char *msg;
	size_t seq; /* insertion order, to keep the sort stable */
	struct pos key; /* sort position: a note sorts with the error before it */
	size_t keyseq;
};

struct diag {
	VEC(struct diagnostic) list;
	int errors;
	VEC(char *) quoted; /* diag_quote's strings, freed by diag_free */
};

/* A user's value made safe to put in a message: control characters and
 * invalid UTF-8 bytes shown as \xNN (C1 controls as \uNNNN), and past
 * DIAG_QUOTE_MAX characters cut with "…". Returns s itself when it needs
 * nothing, else a string owned by d until diag_free. NULL gives "". */
enum { DIAG_QUOTE_MAX = 80 };
const char *diag_quote(struct diag *d, const char *s);
const char *diag_quote_n(struct diag *d, const char *s, size_t n);
/* The same into b, for messages built outside a diag. */
void quote_into(struct buf *b, const char *s, size_t n, size_t max);

/* The checks of text that report each bad character (the document's, a
 * batch's rows) stop after this many errors, with a note. */
enum { MAX_TEXT_ERRORS = 50 };

/* Keeps the first of each message added since index `from` (the same
 * error for every row of a batch), noting how many more there were:
 * "(the same for 101 more awardees)". */
void diag_fold_repeats(struct diag *d, size_t from, const char *what);
void diag_add(struct diag *d, enum severity sev, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_error(struct diag *d, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints every diagnostic, sorted by file then position; empties d. */
void diag_print(struct diag *d, FILE *out);
void diag_free(struct diag *d);

/* Every file read for one document, kept so diagnostics can quote them. */
struct srcset {
	VEC(struct source *) v;
	/* The folders files may be read from (path_real forms); none: any. */
	VEC(char *) roots;
};
/* Adds a folder files named in the input may be read from. */
void srcset_root(struct srcset *set, const char *dir);
/* Whether path (named as display at from) is inside a root, links
 * followed; otherwise an error at from, and false. */
bool srcset_allowed(struct srcset *set, const char *path, const char *display,
		    struct pos from, struct diag *d);
/* Reads path (which must be allowed: srcset_allowed), checks that it is
 * UTF-8 (an error names the first bad byte's line:col) and NFC-normalises
 * it. A byte-order mark at the start is taken off (it is no column anyone
 * sees), and a file in UTF-16 with its mark (Excel's "Unicode Text",
 * Notepad's "Unicode") is read as UTF-8. Returns NULL after a diagnostic at
 * `from` (the place that named the file) if it cannot be read. */
struct source *srcset_load(struct srcset *set, const char *path, const char *display,
			   struct pos from, struct diag *d);
/* srcset_load for a spreadsheet's list: a file that is not UTF-8 is told
 * how Excel saves one that is. */
struct source *srcset_load_csv(struct srcset *set, const char *path, const char *display,
			       struct pos from, struct diag *d);
/* The same checks for bytes already in memory (takes ownership of raw). */
struct source *srcset_take(struct srcset *set, const char *display, char *raw, size_t len,
			   struct diag *d);
/* Registers text already in memory as it is (takes ownership). */
struct source *srcset_add(struct srcset *set, const char *name, char *text, size_t len);
void srcset_free(struct srcset *set);

/* A position with no file. */
struct pos pos_none(void);

/* text.c: Unicode text: validation, NFC, Vietnamese case mapping.
 * The only file that includes utf8proc.h is text.c. */

/* Returns true if s[0..len) is valid UTF-8 without NUL bytes; otherwise
 * stores the offset of the first bad byte in *bad. */
bool text_valid_utf8(const char *s, size_t len, size_t *bad);
/* NFC-normalises valid UTF-8; returns a malloc'd string. */
char *text_nfc(const char *s, size_t len, size_t *outlen);
/* Upper-cases (đ -> Đ, ư -> Ư, ỹ -> Ỹ); returns a malloc'd string. */
char *text_upper(const char *s);
/* Decodes one code point of valid UTF-8 and advances *p. */
int32_t utf8_next(const char **p);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int utf8_encode(int32_t cp, char *out);
/* Number of code points. */
size_t utf8_len(const char *s);
/* Lower-cases; returns a malloc'd string. */
char *text_lower(const char *s);
/* Lower-cases n bytes of s into out (cap bytes, NUL-terminated); returns
 * the length, or 0 when it does not fit. */
size_t text_lower_into(const char *s, size_t n, char *out, size_t cap);
int32_t text_upper_cp(int32_t cp);
/* True for letters with a case (used to test "written in capitals"). */
bool text_is_lower(int32_t cp);
/* Whether cp is a capital letter. */
bool text_is_upper(int32_t cp);
/* C0 and C1 controls and the Unicode line and paragraph separators: what
 * no text of a document may hold (a tab among them). */
bool text_is_control(int32_t cp);
/* A short printable name for a code point: "U+4E00 '一'". */
void text_cp_name(int32_t cp, char *out, size_t n);
/* Folds Vietnamese to ASCII without diacritics ("Nguyễn" -> "Nguyen"). */
char *text_fold_ascii(const char *s);

/* Format characters that print as nothing where they are meant to, but
 * reach a PDF as visible marks or break its search: text pasted from Word
 * or web pages is full of them. U+200B zero-width space, U+200C non-joiner,
 * U+200D joiner, U+2060 word joiner, U+FEFF (a byte-order mark inside the
 * text), U+00AD soft hyphen. Returns the character's name, or NULL. */
const char *text_invisible_name(int32_t cp);

/* What text_strip_invisible removed: how many, the byte offset of the
 * first in the text as given, and which kinds (a bit per kind). */
struct invisible {
	size_t count, first;
	unsigned kinds;
};

/* Removes the invisible characters from s[0..n) of valid UTF-8, in place,
 * and NUL-terminates; returns the new length. Adds to *inv (zeroed by the
 * caller) when inv is not NULL. */
size_t text_strip_invisible(char *s, size_t n, struct invisible *inv);
/* Counts the invisible characters of s[0..n) into *inv (zeroed by the
 * caller), leaving s as it is. */
void text_find_invisible(const char *s, size_t n, struct invisible *inv);
/* Whether s[0..n) holds any invisible character. */
bool text_has_invisible(const char *s, size_t n);
/* The one warning of a field that had invisible characters removed, at at. */
void diag_invisible(struct diag *d, struct pos at, const struct invisible *inv);

/* hash.c: digests (OpenSSL's libcrypto): SHA-256 as lower-case hex, and
 * SHA-256 or MD5 fed piece by piece. */

/* out: at least 65 bytes. */
void sha256_hex(const void *data, size_t len, char *out);

/* Incremental digests: SHA-256, or MD5 (16 bytes, what PDF file
 * identifiers traditionally are, and three times faster). */
struct digest;
struct digest *digest_sha256(void);
struct digest *digest_md5(void);
void digest_add(struct digest *h, const void *data, size_t len);
/* Writes the digest (32 bytes, or 16 for MD5) and frees h. */
void digest_done(struct digest *h, unsigned char out[32]);

/* qr.c: QR codes (libqrencode): the modules of a text's symbol. */
struct qr {
	int width;           /* modules on a side */
	unsigned char *dark; /* width * width, row by row from the top: 1 = dark */
};
/* false when the text is too long for a symbol. */
bool qr_make(const char *text, struct qr *q);
void qr_free(struct qr *q);

/* deflate.c: zlib-format compression (libdeflate), for PDF streams. */
struct deflater;
/* level: 1 (fastest) to 12 (smallest); 6 gives fewer bytes than zlib's
 * default level. */
struct deflater *deflater_new(int level);
/* Appends the compressed bytes of in[0..n) to out. */
void deflate_into(struct deflater *z, const void *in, size_t n, struct buf *out);
void deflater_free(struct deflater *z);

/* vnfmt.c: Vietnamese wording of numbers and dates (NĐ 30/2020 Phụ lục I
 * §II.3-4). Pure functions; the caller frees the malloc'd results. */

/* "05", "12", "125": numbers below 10 take a leading zero. */
char *vn_number(int n);
/* "ngày 07 tháng 9 năm 2020": days below 10 and months 1-2 only take a
 * leading zero. month = day = 0 leaves blanks to fill in by hand. */
char *vn_date_words(int year, int month, int day);
/* "03/9/2020" (the same zero rules, short form). */
char *vn_date_short(int year, int month, int day);

/* "Thứ Hai" ... "Thứ Bảy", "Chủ nhật" for a Gregorian date. */
const char *vn_weekday(int year, int month, int day);
/* Parses "YYYY-MM-DD" into a real date; false if it is not one. */
bool vn_parse_date(const char *s, int *year, int *month, int *day);

/* metrics.c: font measurements as layout sees them. The real fonts are
 * measured with HarfBuzz (src/input/font.c, fonts_metrics); tests pass fake
 * metrics. Widths are in thousandths of an em, exactly as the PDF's /W array
 * will state them, so what is measured is what is drawn. */

struct metrics {
	void *ctx;
	int (*advance)(void *ctx, int face, int32_t cp);
	bool (*has_glyph)(void *ctx, int face, int32_t cp);
	/* The ink of the Vietnamese alphabet over the four faces, in
	 * thousandths of an em: the highest above the baseline (capitals
	 * with stacked marks, Ẵ, Ễ) and the lowest below it (g, y, dots
	 * below). */
	int ink_above, ink_below;
};

/* Width in points of s[0..n) in face at size. */
double text_width(const struct metrics *m, int face, double size, const char *s, size_t n);

/* png.c: PNG decoding (libpng), the only file that includes libpng. */

/* The largest image taken (PNG or JPEG): 10000 pixels a side, 40 million in all (an
 * A4 page scanned at 600 dpi is 4961×7016, 35 million); decoded to RGBA
 * that is at most 160 MB. */
#define VB_PNG_MAX_SIDE 10000
#define VB_PNG_MAX_PIXELS 40000000

struct png_pixels {
	unsigned char *px; /* w*h RGBA quadruples, malloc'd */
	unsigned w, h;
	bool alpha;        /* the file has an alpha channel or a tRNS chunk */
};

/* Decodes a PNG file (or bytes) to 8-bit RGBA; returns out->px, or NULL
 * with why set to the rest of a sentence after the file's name ("is a
 * damaged PNG image (IDAT: CRC error)"). The size limits are checked from
 * the header before decoding. */
unsigned char *png_rgba(const char *path, struct png_pixels *out, char *why, size_t n);
unsigned char *png_rgba_mem(const void *data, size_t len, struct png_pixels *out, char *why,
			    size_t n);

/* jpeg.c: JPEG decoding (libjpeg-turbo), the only file with jpeglib.h. */

/* A JPEG file to RGBA (alpha 255) like png_rgba, with the same limits;
 * CMYK files are refused. */
unsigned char *jpeg_rgba(const char *path, struct png_pixels *out, char *why, size_t n);
unsigned char *jpeg_rgba_mem(const void *data, size_t len, struct png_pixels *out, char *why,
			     size_t n);
/* Whether the file starts like a JPEG. */
bool is_jpeg(const char *path);
/* A PNG or a JPEG, told by the first bytes. */
unsigned char *image_rgba(const char *path, struct png_pixels *out, char *why, size_t n);

#endif
