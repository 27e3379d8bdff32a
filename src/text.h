/* text.h - Unicode text: validation, NFC, Vietnamese case mapping.
 * The only file that includes utf8proc.h is text.c. */
#ifndef VB_TEXT_H
#define VB_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

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

#endif
