/* hash.c - the only file that includes OpenSSL. */
#include "hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <openssl/evp.h>

void sha256_hex(const void *data, size_t len, char *out)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	out[2 * n] = 0;
}

struct sha256 {
	EVP_MD_CTX *ctx;
};

static struct sha256 *digest_new(const EVP_MD *md)
{
	struct sha256 *h = malloc(sizeof *h);
	if (!h)
		abort();
	h->ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(h->ctx, md, NULL);
	return h;
}

struct sha256 *sha256_new(void)
{
	return digest_new(EVP_sha256());
}

struct sha256 *md5_new(void)
{
	return digest_new(EVP_md5());
}

void sha256_add(struct sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate(h->ctx, data, len);
}

void sha256_done(struct sha256 *h, unsigned char out[32])
{
	unsigned int n = 0;
	EVP_DigestFinal_ex(h->ctx, out, &n);
	EVP_MD_CTX_free(h->ctx);
	free(h);
}
