/* text.c - utf8proc wrapper: validation, NFC, case mapping. */
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool text_valid_utf8(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp == 0) {
			*bad = i;
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

/* Text made only of characters that are their own NFC and carry no
 * combining mark (ASCII, the precomposed Latin and Vietnamese letters,
 * common punctuation) is already in NFC: no need to normalise it. */
static bool surely_nfc(const char *s, size_t len)
{
	const char *p = s, *e = s + len;
	while (p < e) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			p++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p, e - p, &cp);
		if (n <= 0)
			return false;
		p += n;
		bool plain = (cp >= 0xA0 && cp <= 0x24F) || (cp >= 0x1EA0 && cp <= 0x1EF9) ||
			     (cp >= 0x2002 && cp <= 0x206F) || cp == 0xFEFF;
		if (!plain || utf8proc_get_property(cp)->combining_class != 0)
			return false;
	}
	return true;
}

char *text_nfc(const char *s, size_t len, size_t *outlen)
{
	if (surely_nfc(s, len)) {
		if (outlen)
			*outlen = len;
		return xstrndup(s, len);
	}
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
					  &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0) { /* not reached for validated input */
		free(out);
		if (outlen)
			*outlen = len;
		return xstrndup(s, len);
	}
	if (outlen)
		*outlen = (size_t)n;
	return (char *)out;
}

int32_t utf8_next(const char **p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)*p, -1, &cp);
	if (n <= 0) {
		(*p)++;
		return 0xFFFD;
	}
	*p += n;
	return cp;
}

int utf8_encode(int32_t cp, char *out)
{
	return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

char *text_upper(const char *s)
{
	struct buf b = {0};
	while (*s) {
		char enc[4];
		int32_t cp = utf8_next(&s);
		int n = utf8_encode(utf8proc_toupper(cp), enc);
		buf_add(&b, enc, (size_t)n);
	}
	return buf_take(&b);
}

char *text_lower(const char *s)
{
	struct buf b = {0};
	while (*s) {
		char enc[4];
		int32_t cp = utf8_next(&s);
		int n = utf8_encode(utf8proc_tolower(cp), enc);
		buf_add(&b, enc, (size_t)n);
	}
	return buf_take(&b);
}

size_t text_lower_into(const char *s, size_t n, char *out, size_t cap)
{
	const char *e = s + n;
	size_t len = 0;
	while (s < e && *s) {
		char enc[4];
		int32_t cp = utf8_next(&s);
		int k = utf8_encode(utf8proc_tolower(cp), enc);
		if (len + (size_t)k >= cap) {
			if (cap)
				out[0] = 0;
			return 0;
		}
		memcpy(out + len, enc, (size_t)k);
		len += (size_t)k;
	}
	if (cap)
		out[len] = 0;
	return len;
}

int32_t text_upper_cp(int32_t cp)
{
	return utf8proc_toupper(cp);
}

bool text_is_lower(int32_t cp)
{
	return utf8proc_toupper(cp) != cp;
}

bool text_is_upper(int32_t cp)
{
	return utf8proc_tolower(cp) != cp;
}

bool text_is_control(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

void text_cp_name(int32_t cp, char *out, size_t n)
{
	char enc[5] = {0};
	if (text_is_control(cp)) {
		snprintf(out, n, "U+%04X", (unsigned)cp);
		return;
	}
	enc[utf8_encode(cp, enc)] = 0;
	snprintf(out, n, "U+%04X '%s'", (unsigned)cp, enc);
}

char *text_fold_ascii(const char *s)
{
	utf8proc_uint8_t *dec = NULL;
	utf8proc_map((const utf8proc_uint8_t *)s, 0, &dec,
		     UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	struct buf b = {0};
	const char *p = dec ? (const char *)dec : "";
	while (*p) {
		int32_t cp = utf8_next(&p);
		if (cp == 0x0110)
			cp = 'D';
		else if (cp == 0x0111)
			cp = 'd';
		if (cp < 0x80)
			buf_putc(&b, (char)cp);
	}
	free(dec);
	return buf_take(&b);
}

static const struct {
	int32_t cp;
	const char *name;
} invisible[] = {
	{0x200B, N_("zero-width space")}, {0x200C, N_("zero-width non-joiner")},
	{0x200D, N_("zero-width joiner")}, {0x2060, N_("word joiner")},
	{0xFEFF, N_("byte-order mark")},  {0x00AD, N_("soft hyphen")},
};

enum { NINVISIBLE = sizeof invisible / sizeof invisible[0] };

static int invisible_kind(int32_t cp)
{
	for (int k = 0; k < NINVISIBLE; k++)
		if (invisible[k].cp == cp)
			return k;
	return -1;
}

const char *text_invisible_name(int32_t cp)
{
	int k = invisible_kind(cp);
	return k < 0 ? NULL : invisible[k].name;
}

/* All of them start with 0xC2 (U+00AD) or 0xE2 / 0xEF: a quick test of a
 * byte before decoding. */
static bool may_be_invisible(unsigned char c)
{
	return c == 0xC2 || c == 0xE2 || c == 0xEF;
}

bool text_has_invisible(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!may_be_invisible((unsigned char)s[i]))
			continue;
		const char *p = s + i;
		if (invisible_kind(utf8_next(&p)) >= 0)
			return true;
	}
	return false;
}

void text_find_invisible(const char *s, size_t n, struct invisible *inv)
{
	for (size_t i = 0; i < n;) {
		const char *p = s + i;
		int k = may_be_invisible((unsigned char)s[i]) ? invisible_kind(utf8_next(&p)) : -1;
		if (k >= 0) {
			if (!inv->count)
				inv->first = i;
			inv->count++;
			inv->kinds |= 1u << k;
			i = (size_t)(p - s);
		} else {
			i++;
		}
	}
}

size_t text_strip_invisible(char *s, size_t n, struct invisible *inv)
{
	size_t out = 0;
	for (size_t i = 0; i < n;) {
		const char *p = s + i;
		int k = may_be_invisible((unsigned char)s[i]) ? invisible_kind(utf8_next(&p)) : -1;
		size_t len = k >= 0 ? (size_t)(p - (s + i)) : 1;
		if (k >= 0) {
			if (inv) {
				if (!inv->count)
					inv->first = i;
				inv->count++;
				inv->kinds |= 1u << k;
			}
		} else {
			memmove(s + out, s + i, len);
			out += len;
		}
		i += len;
	}
	s[out] = '\0';
	return out;
}

void diag_invisible(struct diag *d, struct pos at, const struct invisible *inv)
{
	if (!inv->count)
		return;
	/* The names are a list given to the message, each "name U+XXXX". */
	struct buf b = {0};
	for (int k = 0; k < NINVISIBLE; k++) {
		if (!(inv->kinds & 1u << k))
			continue;
		buf_printf(&b, "%s%s U+%04X", b.len ? ", " : "", _(invisible[k].name),
			   (unsigned)invisible[k].cp);
	}
	if (inv->count == 1)
		diag_add(d, SEV_WARNING, at,
			 "removed an invisible character (%s) that would print as a mark or "
			 "break search", b.data);
	else
		diag_add(d, SEV_WARNING, at,
			 "removed %zu invisible characters (%s) that would print as marks or "
			 "break search", inv->count, b.data);
	buf_free(&b);
}
