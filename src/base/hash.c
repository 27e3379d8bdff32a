/* hash.c - the only file that includes OpenSSL.
 *
 * The low-level digest functions (SHA256_Init, MD5_Init, ...) are used
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

struct digest {
	bool md5; /* MD5, else SHA-256 */
	union {
		SHA256_CTX sha;
		MD5_CTX md5;
	} u;
};

static struct digest *digest_new(bool md5)
{
	struct digest *h = malloc(sizeof *h);
	if (!h)
		out_of_memory();
	h->md5 = md5;
	if (md5)
		MD5_Init(&h->u.md5);
	else
		SHA256_Init(&h->u.sha);
	return h;
}

struct digest *digest_sha256(void)
{
	return digest_new(false);
}

struct digest *digest_md5(void)
{
	return digest_new(true);
}

void digest_add(struct digest *h, const void *data, size_t len)
{
	if (h->md5)
		MD5_Update(&h->u.md5, data, len);
	else
		SHA256_Update(&h->u.sha, data, len);
}

void digest_done(struct digest *h, unsigned char out[32])
{
	if (h->md5)
		MD5_Final(out, &h->u.md5);
	else
		SHA256_Final(out, &h->u.sha);
	free(h);
}
