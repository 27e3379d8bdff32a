/* hash.h - SHA-256 (OpenSSL's libcrypto) as lower-case hex. */
#ifndef VB_HASH_H
#define VB_HASH_H

#include <stddef.h>

/* out: at least 65 bytes. */
void sha256_hex(const void *data, size_t len, char *out);

#endif
