/* sign_int.h - what the files of the signatures share (sign_parse.c,
 * sign_pdf.c, sign_cms.c): a reader of the PDF files vanban writes (classic
 * cross-reference tables, incremental updates) and the CMS side. Private to
 * src/output/. */
#ifndef VB_SIGN_INT_H
#define VB_SIGN_INT_H

#include "output.h"

/* sign_parse.c: enough of a PDF reader for signing and verifying: the
 * cross-reference tables and trailers of every revision, objects by number,
 * and values as extents of the file's bytes (nothing is copied). */

enum ptok_kind { PT_NONE, PT_NUM, PT_REF, PT_NAME, PT_STR, PT_HEX, PT_ARRAY, PT_DICT,
		 PT_BOOL, PT_NULL, PT_STREAM };

/* A value: its bytes are s[a, b); a reference's number and generation. */
struct ptok {
	enum ptok_kind kind;
	size_t a, b;
	long num, gen;
};

struct pdfdoc {
	const char *s;
	size_t len;
	size_t *off;       /* off[n]: where object n starts (0: not in use) */
	long nobj;         /* the trailer's /Size */
	size_t startxref;  /* the last cross-reference table */
	struct ptok root, info, id; /* from the last trailer; kind PT_NONE when absent */
};

/* Reads the cross-reference tables (newest first, through /Prev). Returns
 * false with a reason in *why (static text). */
bool pdf_open(struct pdfdoc *p, const char *s, size_t len, const char **why);
void pdf_close(struct pdfdoc *p);

/* The value that starts at or after `at` (white space and comments
 * skipped); *after is where it ends. */
bool pdf_value(const struct pdfdoc *p, size_t at, struct ptok *t, size_t *after);
/* Object n's value (its dictionary, for a stream); false if it is not there. */
bool pdf_object(const struct pdfdoc *p, long n, struct ptok *t);
/* A reference replaced by what it names; anything else is left. */
bool pdf_resolve(const struct pdfdoc *p, struct ptok *t);
/* dict's value of key ("Type", no slash), resolved when deref. */
bool pdf_dict_get(const struct pdfdoc *p, const struct ptok *dict, const char *key,
		  struct ptok *val, bool deref);
/* Where key's entry (the name and its value) is in dict: [*ka, *kb). */
bool pdf_dict_span(const struct pdfdoc *p, const struct ptok *dict, const char *key,
		   size_t *ka, size_t *kb);
/* The items of an array in turn: *cur starts at 0. */
bool pdf_array_next(const struct pdfdoc *p, const struct ptok *arr, size_t *cur,
		    struct ptok *item);
/* Whether a name value is /name. */
bool pdf_is_name(const struct pdfdoc *p, const struct ptok *t, const char *name);
/* A number's value. */
double pdf_num(const struct pdfdoc *p, const struct ptok *t);
/* A literal or hex string's bytes, decoded (malloc'd, NUL-terminated). */
char *pdf_string(const struct pdfdoc *p, const struct ptok *t, size_t *len);
/* The object number of page i (from 0), through the page tree; 0 if none. */
long pdf_page_object(const struct pdfdoc *p, size_t i);

/* sign_cms.c: keys, and the CMS SignedData of a PAdES signature (OpenSSL). */

#include <openssl/evp.h>
#include <openssl/x509.h>

struct p11;
struct signer {
	EVP_PKEY *key;
	X509 *cert;
	STACK_OF(X509) *chain; /* the other certificates, to embed */
	char *name;
	struct p11 *p11;       /* a token's key: the session it lives in */
};
/* Of the certificates in all (taken), the key's becomes s's, the rest its
 * chain; false if none matches the key. */
bool pick_cert(struct signer *s, STACK_OF(X509) *all);

/* sign_p11.c: a key on a PKCS#11 token (libp11), named by a pkcs11: URI
 * (RFC 7512: token=, object=, id=; ?module-path= or VANBAN_PKCS11_MODULE),
 * the PIN the password; the certificates from the token. */
bool p11_load(struct signer *s, const char *uri, const char *pin, const char **why);
void p11_release(struct signer *s);


/* A detached CMS over a SHA-256 digest: signed attributes content type,
 * message digest and signing-certificate-v2, no signing time (PAdES puts
 * the time in the signature dictionary). Returns the DER (malloc'd). */
unsigned char *cms_make(const struct signer *s, const unsigned char digest[32], size_t *len,
			struct diag *d);

/* What the CMS of one signature says over the bytes data[0..n) it covers. */
struct cms_result {
	char *signer;   /* the signer certificate's subject common name */
	bool digest_ok; /* the message digest is the bytes' */
	bool sig_ok;    /* the signature over the signed attributes holds */
	bool chain_ok;  /* the certificate chains to a trusted one */
	bool has_signing_time; /* PAdES-B-B forbids it */
	bool has_signing_cert; /* signing-certificate-v2, of the signer */
	char *problem;  /* the first reason it does not hold, or NULL */
};
void cms_check(const unsigned char *der, size_t derlen, const struct buf *covered,
	       const char *ca_file, struct cms_result *r);
void cms_result_free(struct cms_result *r);

#endif
