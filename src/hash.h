/* hash.h - SHA-256 (OpenSSL's libcrypto) as lower-case hex. */
#ifndef VB_HASH_H
#define VB_HASH_H

#include <stdbool.h>
#include <stddef.h>

/* out: at least 65 bytes. */
void sha256_hex(const void *data, size_t len, char *out);

/* Incremental digests: SHA-256, or MD5 (16 bytes, what PDF file
 * identifiers traditionally are, and three times faster). */
struct sha256;
struct sha256 *sha256_new(void);
struct sha256 *md5_new(void);
void sha256_add(struct sha256 *h, const void *data, size_t len);
/* Writes the digest (32 bytes, or 16 for MD5) and frees h. */
void sha256_done(struct sha256 *h, unsigned char out[32]);

#endif
