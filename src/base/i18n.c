/* i18n.c - the messages in the user's language.
 *
 * The English text of a message is its key (msgid); a translation comes
 * from a GNU .mo catalog under the data directory. The language is read
 * from the environment as gettext reads it, but the catalog is read here
 * and not through setlocale and gettext(): a Vietnamese user's machine
 * seldom has the vi_VN locale generated, and setlocale would then fall
 * back to "C" and gettext to English. Nothing of this reaches an output
 * file: only messages are translated. */
#include "base.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

/* The one catalog, loaded once by i18n_init and kept for the life of
 * the process (translations are handed out as pointers into it). */
static struct {
	unsigned char *data;
	size_t len;
	uint32_t n, orig, trans; /* count, offsets of the two tables */
	bool swap;               /* written on a machine of the other byte order */
} cat;

static uint32_t word(size_t off)
{
	const unsigned char *p = cat.data + off;
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		     (uint32_t)p[3] << 24;
	return cat.swap ? (v >> 24 | (v >> 8 & 0xFF00) | (v << 8 & 0xFF0000) | v << 24) : v;
}

/* String i of a table (a length and an offset each), or NULL when the
 * catalog points outside itself or the string is not NUL-terminated. */
static const char *entry(uint32_t table, uint32_t i)
{
	size_t at = (size_t)table + (size_t)i * 8;
	if (at + 8 > cat.len)
		return NULL;
	size_t len = word(at), off = word(at + 4);
	if (off >= cat.len || len >= cat.len - off || cat.data[off + len] != 0)
		return NULL;
	return (const char *)cat.data + off;
}

/* Whether one value of a language variable names Vietnamese: "vi",
 * "vi_VN", "vi_VN.UTF-8", "vi@...". */
static bool names_vi(const char *v, size_t n)
{
	return n >= 2 && v[0] == 'v' && v[1] == 'i' &&
	       (n == 2 || v[2] == '_' || v[2] == '.' || v[2] == '@');
}

static bool names_english(const char *v, size_t n)
{
	return (n == 1 && v[0] == 'C') || (n == 5 && !memcmp(v, "POSIX", 5)) ||
	       (n >= 2 && v[0] == 'e' && v[1] == 'n' && (n == 2 || strchr("_.@", v[2]))) ||
	       (n >= 2 && v[0] == 'C' && v[1] == '.');
}

bool i18n_wants_vi(void)
{
	/* LANGUAGE is a list in order of preference: the first language we
	 * have a catalog for wins (English needs none); with none of them,
	 * English, as gettext does. (gettext ignores LANGUAGE under the "C"
	 * locale, which is what a machine without vi_VN would fall back to:
	 * here it is honoured.) */
	const char *list = getenv("LANGUAGE");
	if (list && *list) {
		for (const char *p = list; *p;) {
			size_t n = strcspn(p, ":");
			if (names_vi(p, n))
				return true;
			if (names_english(p, n))
				return false;
			p += n + (p[n] == ':');
		}
		return false;
	}
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return names_vi(v, strlen(v));
	}
	return false;
}

/* Checks the header and every entry once, so lookups need no checks. */
static bool catalog_valid(void)
{
	if (cat.len < 28)
		return false;
	uint32_t magic = word(0);
	if (magic != 0x950412de) {
		cat.swap = true;
		if (word(0) != 0x950412de)
			return false;
	}
	if (word(4) >> 16 > 1) /* major revision 0 or 1 */
		return false;
	cat.n = word(8);
	cat.orig = word(12);
	cat.trans = word(16);
	for (uint32_t i = 0; i < cat.n; i++)
		if (!entry(cat.orig, i) || !entry(cat.trans, i))
			return false;
	return true;
}

void i18n_init(const char *datadir)
{
	if (!i18n_wants_vi())
		return;
	i18n_load(datadir);
	i18n_use(true);
}

void i18n_load(const char *datadir)
{
	if (cat.data)
		return;
	char *path = path_join(datadir ? datadir : ".", "locale/vi/LC_MESSAGES/vanban.mo");
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return; /* no catalog: English */
	struct buf b = {0};
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < VB_MAX_INPUT)
		buf_add(&b, chunk, n);
	fclose(f);
	cat.len = b.len;
	cat.data = (unsigned char *)buf_take(&b);
	if (!cat.data || !catalog_valid()) {
		free(cat.data);
		cat.data = NULL;
		cat.len = 0;
		cat.n = 0;
		cat.swap = false;
	}
}

/* Whether the loaded catalog is used (i18n_use). */
static bool muted;

bool i18n_active(void)
{
	return cat.n > 0 && !muted;
}

void i18n_use(bool on)
{
	muted = !on;
}

/* msgfmt sorts the originals by their bytes: a binary search. */
const char *i18n(const char *msgid)
{
	if (!cat.n || muted || !msgid || !*msgid)
		return msgid;
	uint32_t lo = 0, hi = cat.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(msgid, entry(cat.orig, mid));
		if (!c) {
			const char *t = entry(cat.trans, mid);
			return *t ? t : msgid; /* an empty translation is none */
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

static void vsay(const char *sev, const char *fmt, va_list ap)
{
	fputs("vanban: ", stderr);
	if (sev)
		fprintf(stderr, "%s: ", i18n(sev));
	vfprintf(stderr, i18n(fmt), ap);
	fputc('\n', stderr);
}

void say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay(NULL, fmt, ap);
	va_end(ap);
}

void say_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("error", fmt, ap);
	va_end(ap);
}

void say_note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("note", fmt, ap);
	va_end(ap);
}

void say_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsay("warning", fmt, ap);
	va_end(ap);
}

/* The system's reasons are English (no setlocale): the common ones are
 * in the catalog, the others stay as the C library says them. */
const char *errstr(int err)
{
	if (!i18n_active())
		return strerror(err);
	switch (err) {
	case ENOENT: return _("No such file or directory");
	case EACCES: return _("Permission denied");
	case EPERM: return _("Operation not permitted");
	case EISDIR: return _("Is a directory");
	case ENOTDIR: return _("Not a directory");
	case EEXIST: return _("File exists");
	case ENOSPC: return _("No space left on device");
	case EROFS: return _("Read-only file system");
	case EIO: return _("Input/output error");
	case ENAMETOOLONG: return _("File name too long");
	case ELOOP: return _("Too many levels of symbolic links");
	case EFBIG: return _("File too large");
	case EDQUOT: return _("Disk quota exceeded");
	case ENOMEM: return _("Cannot allocate memory");
	default: return strerror(err);
	}
}
