/* hash.c - the only file that includes OpenSSL. */
#include "hash.h"

#include <stdio.h>
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
