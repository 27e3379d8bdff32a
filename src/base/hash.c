/* hash.c - the only file that includes OpenSSL.
 *
 * The one-shot digest functions (SHA256_Init, MD5_Init, ...) are used
 * rather than EVP: EVP loads OpenSSL's providers on first use, which costs
 * about 1.6 ms a process - more than hashing a whole document. They are
 * deprecated in OpenSSL 3 but kept, and compute the same digests. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "base.h"

#include <stdio.h>
#include <stdlib.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

void sha256_hex(const void *data, size_t len, char *out)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256(data, len, md);
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[2 * SHA256_DIGEST_LENGTH] = 0;
}

struct sha256 {
	bool md5;
	union {
		SHA256_CTX sha;
		MD5_CTX md5;
	} u;
};

static struct sha256 *digest_new(bool md5)
{
	struct sha256 *h = malloc(sizeof *h);
	if (!h)
		abort();
	h->md5 = md5;
	if (md5)
		MD5_Init(&h->u.md5);
	else
		SHA256_Init(&h->u.sha);
	return h;
}

struct sha256 *sha256_new(void)
{
	return digest_new(false);
}

struct sha256 *md5_new(void)
{
	return digest_new(true);
}

void sha256_add(struct sha256 *h, const void *data, size_t len)
{
	if (h->md5)
		MD5_Update(&h->u.md5, data, len);
	else
		SHA256_Update(&h->u.sha, data, len);
}

void sha256_done(struct sha256 *h, unsigned char out[32])
{
	if (h->md5)
		MD5_Final(out, &h->u.md5);
	else
		SHA256_Final(out, &h->u.sha);
	free(h);
}
