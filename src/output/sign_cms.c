/* sign_cms.c - the cryptography of the signatures, through OpenSSL's
 * libcrypto (the only file of the signatures that sees it): keys and
 * certificate chains from PEM and PKCS#12 files, the CMS SignedData of a
 * PAdES-B-B signature, and its verification.
 *
 * PAdES (ETSI EN 319 142-1, 5.1) forbids the signing-time attribute in
 * the CMS: the time is the signature dictionary's /M. OpenSSL's signing
 * (CMS_SignerInfo_sign) always adds one, from the clock, so the signed
 * attributes are encoded and signed here instead: that keeps the clock
 * out, and the bytes the same for the same input and an RSA key. */
#include "sign_int.h"

#include <errno.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>


const char *signer_name(const struct signer *s)
{
	return s->name;
}

void signer_free(struct signer *s)
{
	if (!s)
		return;
	p11_release(s); /* a token's key before its session */
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	sk_X509_pop_free(s->chain, X509_free);
	free(s->name);
	free(s);
}

/* The subject's common name, or the whole subject on one line. */
static char *cert_name(X509 *x)
{
	X509_NAME *n = X509_get_subject_name(x);
	int i = X509_NAME_get_index_by_NID(n, NID_commonName, -1);
	if (i >= 0) {
		ASN1_STRING *v = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(n, i));
		unsigned char *u = NULL;
		int len = ASN1_STRING_to_UTF8(&u, v);
		if (len >= 0) {
			char *r = xstrndup((const char *)u, (size_t)len);
			OPENSSL_free(u);
			return r;
		}
	}
	char *line = X509_NAME_oneline(n, NULL, 0);
	char *r = xstrdup(line ? line : "?");
	OPENSSL_free(line);
	return r;
}

static int password_cb(char *buf, int size, int rwflag, void *u)
{
	(void)rwflag;
	const char *pw = u;
	if (!pw)
		return -1;
	int n = (int)strlen(pw);
	if (n > size)
		return -1;
	memcpy(buf, pw, (size_t)n);
	return n;
}

/* The first reason OpenSSL gave, for a message. */
static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *r = e ? ERR_reason_error_string(e) : NULL;
	return r ? r : "not a key or certificate it can read";
}

/* Of the certificates read, the key's becomes the signer's; the rest the
 * chain. */
bool pick_cert(struct signer *s, STACK_OF(X509) *all)
{
	for (int i = 0; i < sk_X509_num(all); i++) {
		X509 *x = sk_X509_value(all, i);
		if (!s->cert && X509_check_private_key(x, s->key)) {
			s->cert = x;
			continue;
		}
		sk_X509_push(s->chain, x);
	}
	sk_X509_free(all);
	ERR_clear_error();
	return s->cert != NULL;
}

static bool load_pem(struct signer *s, BIO *bio, const char *password, const char **why)
{
	s->key = PEM_read_bio_PrivateKey(bio, NULL, password_cb, (void *)password);
	if (!s->key) {
		unsigned long e = ERR_peek_last_error();
		if (ERR_GET_REASON(e) == PEM_R_BAD_PASSWORD_READ || !password) {
			*why = password ? "the private key could not be read"
			       : "no private key in it (an encrypted key needs a password: "
				 "--sign-password-file FILE or VANBAN_SIGN_PASSWORD)";
		} else {
			*why = N_("the private key could not be read (a wrong password?)");
		}
		return false;
	}
	(void)BIO_reset(bio);
	STACK_OF(X509) *all = sk_X509_new_null();
	X509 *x;
	while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)))
		sk_X509_push(all, x);
	if (!pick_cert(s, all)) {
		*why = N_("no certificate in it matches the private key");
		return false;
	}
	return true;
}

static bool load_p12(struct signer *s, BIO *bio, const char *password, const char **why)
{
	PKCS12 *p12 = d2i_PKCS12_bio(bio, NULL);
	if (!p12) {
		*why = N_("neither PEM nor PKCS#12");
		return false;
	}
	if (!password && !PKCS12_verify_mac(p12, "", 0) && !PKCS12_verify_mac(p12, NULL, 0)) {
		PKCS12_free(p12);
		*why = N_("the PKCS#12 file needs a password: --sign-password-file FILE or "
		       "VANBAN_SIGN_PASSWORD");
		return false;
	}
	X509 *cert = NULL;
	STACK_OF(X509) *ca = NULL;
	bool ok = PKCS12_parse(p12, password ? password : "", &s->key, &cert, &ca);
	PKCS12_free(p12);
	if (!ok) {
		*why = password ? "the PKCS#12 file could not be opened (a wrong password?)"
		       : "the PKCS#12 file could not be opened";
		return false;
	}
	if (!s->key || !cert) {
		X509_free(cert);
		sk_X509_pop_free(ca, X509_free);
		*why = N_("the PKCS#12 file holds no private key with its certificate");
		return false;
	}
	STACK_OF(X509) *all = ca ? ca : sk_X509_new_null();
	sk_X509_unshift(all, cert);
	if (!pick_cert(s, all)) {
		*why = N_("no certificate in it matches the private key");
		return false;
	}
	return true;
}

struct signer *signer_load(const char *path, const char *password, struct pos at,
			   struct diag *d)
{
	if (!strncmp(path, "pkcs11:", 7)) {
		struct signer *s = xcalloc(1, sizeof *s);
		s->chain = sk_X509_new_null();
		const char *why = NULL;
		if (!p11_load(s, path, password, &why)) {
			diag_error(d, at, "--sign '%s': %s", diag_quote(d, path), _(why));
			ERR_clear_error();
			signer_free(s);
			return NULL;
		}
		s->name = cert_name(s->cert);
		return s;
	}
	size_t len;
	char *bytes = read_file(path, &len);
	if (!bytes) {
		diag_error(d, at, "--sign '%s': cannot read it: %s", diag_quote(d, path),
			   errstr(errno));
		return NULL;
	}
	struct signer *s = xcalloc(1, sizeof *s);
	s->chain = sk_X509_new_null();
	BIO *bio = BIO_new_mem_buf(bytes, (int)len);
	const char *why = NULL;
	bool pem = false;
	for (size_t i = 0; i + 10 <= len && !pem; i++)
		pem = bytes[i] == '-' && !memcmp(bytes + i, "-----BEGIN", 10);
	bool ok = pem ? load_pem(s, bio, password, &why) : load_p12(s, bio, password, &why);
	BIO_free(bio);
	OPENSSL_cleanse(bytes, len);
	free(bytes);
	if (!ok) {
		diag_error(d, at, "--sign '%s': %s", diag_quote(d, path), why ? why : ssl_reason());
		ERR_clear_error();
		signer_free(s);
		return NULL;
	}
	s->name = cert_name(s->cert);
	return s;
}

/* One DER item in a SET OF, for sorting. */
struct der {
	unsigned char *p;
	int n;
};

static int der_cmp(const void *a, const void *b)
{
	const struct der *x = a, *y = b;
	int m = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->p, y->p, (size_t)m);
	return c ? c : x->n - y->n;
}

/* The signed attributes as DER (a SET OF, sorted as DER wants it: the
 * order they are written in), into out. */
static bool signed_attrs_der(CMS_SignerInfo *si, struct buf *out)
{
	int n = CMS_signed_get_attr_count(si);
	if (n <= 0)
		return false;
	struct der *v = xcalloc((size_t)n, sizeof *v);
	size_t total = 0;
	bool ok = true;
	for (int i = 0; i < n; i++) {
		v[i].n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &v[i].p);
		ok = ok && v[i].n > 0;
		total += v[i].n > 0 ? (size_t)v[i].n : 0;
	}
	qsort(v, (size_t)n, sizeof *v, der_cmp);
	buf_putc(out, 0x31);
	if (total < 0x80) {
		buf_putc(out, (char)total);
	} else {
		unsigned char l[8];
		int k = 0;
		for (size_t t = total; t; t >>= 8)
			l[k++] = (unsigned char)(t & 0xff);
		buf_putc(out, (char)(0x80 | k));
		while (k--)
			buf_putc(out, (char)l[k]);
	}
	for (int i = 0; i < n; i++) {
		if (v[i].n > 0)
			buf_add(out, (const char *)v[i].p, (size_t)v[i].n);
		OPENSSL_free(v[i].p);
	}
	free(v);
	return ok;
}

/* Signs the signed attributes with the key, into the signer info. */
static bool sign_attrs(CMS_SignerInfo *si, EVP_PKEY *key)
{
	struct buf der = {0};
	bool ok = signed_attrs_der(si, &der);
	EVP_MD_CTX *mc = EVP_MD_CTX_new();
	size_t siglen = 0;
	unsigned char *sig = NULL;
	ok = ok && mc && EVP_DigestSignInit(mc, NULL, EVP_sha256(), NULL, key) > 0 &&
	     EVP_DigestSign(mc, NULL, &siglen, (unsigned char *)der.data, der.len) > 0;
	if (ok) {
		sig = xmalloc(siglen);
		ok = EVP_DigestSign(mc, sig, &siglen, (unsigned char *)der.data, der.len) > 0 &&
		     ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig, (int)siglen);
	}
	free(sig);
	EVP_MD_CTX_free(mc);
	buf_free(&der);
	return ok;
}

unsigned char *cms_make(const struct signer *s, const unsigned char digest[32], size_t *len,
			struct diag *d)
{
	unsigned int fl = CMS_PARTIAL | CMS_DETACHED | CMS_BINARY;
	CMS_ContentInfo *cms = CMS_sign(NULL, NULL, NULL, NULL, fl);
	/* CMS_CADES: the signing-certificate-v2 attribute (SHA-256 of the
	 * signer's certificate); no S/MIME capabilities, they mean nothing
	 * here. CMS_PARTIAL: nothing is signed yet. */
	CMS_SignerInfo *si = cms ? CMS_add1_signer(cms, s->cert, s->key, EVP_sha256(),
						   fl | CMS_NOSMIMECAP | CMS_CADES) : NULL;
	bool ok = si != NULL;
	for (int i = 0; ok && i < sk_X509_num(s->chain); i++)
		ok = CMS_add1_cert(cms, sk_X509_value(s->chain, i)) > 0;
	ok = ok && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT,
					       OBJ_nid2obj(NID_pkcs7_data), -1);
	ok = ok && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING,
					       digest, 32);
	ok = ok && sign_attrs(si, s->key);
	unsigned char *der = NULL;
	int n = ok ? i2d_CMS_ContentInfo(cms, &der) : -1;
	CMS_ContentInfo_free(cms);
	if (n <= 0) {
		diag_error(d, pos_none(), "cannot make the signature: %s", ssl_reason());
		ERR_clear_error();
		return NULL;
	}
	unsigned char *r = xmalloc((size_t)n);
	memcpy(r, der, (size_t)n);
	OPENSSL_free(der);
	*len = (size_t)n;
	return r;
}

/* The signing-certificate-v2 attribute names the signer's certificate. */
static bool signing_cert_matches(CMS_SignerInfo *si, X509 *signer)
{
	ASN1_STRING *seq = CMS_signed_get0_data_by_OBJ(
		si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE);
	if (!seq)
		return false;
	const unsigned char *q = ASN1_STRING_get0_data(seq);
	ESS_SIGNING_CERT_V2 *v2 = d2i_ESS_SIGNING_CERT_V2(NULL, &q, ASN1_STRING_length(seq));
	STACK_OF(X509) *chain = sk_X509_new_null();
	sk_X509_push(chain, signer);
	bool ok = v2 && OSSL_ESS_check_signing_certs(NULL, v2, chain, 1) > 0;
	sk_X509_free(chain);
	ESS_SIGNING_CERT_V2_free(v2);
	return ok;
}

/* Why a chain does not verify: OpenSSL's words, in the language of the
 * messages for the reasons a document's reader meets. */
static const char *chain_error(int e)
{
	static const struct {
		int code;
		const char *why;
	} known[] = {
		{X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, N_("self-signed certificate")},
		{X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, N_("self-signed certificate in certificate chain")},
		{X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, N_("unable to get issuer certificate")},
		{X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, N_("unable to get local issuer certificate")},
		{X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, N_("unable to verify the first certificate")},
		{X509_V_ERR_CERT_HAS_EXPIRED, N_("certificate has expired")},
		{X509_V_ERR_CERT_NOT_YET_VALID, N_("certificate is not yet valid")},
		{X509_V_ERR_CERT_REVOKED, N_("certificate revoked")},
		{X509_V_ERR_CERT_SIGNATURE_FAILURE, N_("certificate signature failure")},
		{X509_V_ERR_INVALID_CA, N_("invalid CA certificate")},
	};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (known[i].code == e)
			return _(known[i].why);
	return X509_verify_cert_error_string(e);
}

/* The certificate chain, from the CMS's certificates to the trust store. */
static bool chain_verifies(CMS_ContentInfo *cms, X509 *signer, const char *ca_file,
			   char **problem)
{
	X509_STORE *store = X509_STORE_new();
	bool loaded = ca_file ? X509_STORE_load_file(store, ca_file) > 0
		      : X509_STORE_set_default_paths(store) > 0;
	if (!loaded) {
		X509_STORE_free(store);
		if (!*problem)
			*problem = xstrdup(ca_file ? _("the --ca file could not be read")
					   : _("the system's certificates could not be read"));
		return false;
	}
	STACK_OF(X509) *certs = CMS_get1_certs(cms);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	bool ok = ctx && X509_STORE_CTX_init(ctx, store, signer, certs) > 0;
	/* A document signer's certificate need not be for e-mail. */
	ok = ok && X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_ANY) > 0;
	ok = ok && X509_verify_cert(ctx) > 0;
	if (!ok && !*problem) {
		int e = ctx ? X509_STORE_CTX_get_error(ctx) : 0;
		struct buf b = {0};
		buf_printf(&b, _("certificate chain: %s"), chain_error(e));
		*problem = buf_take(&b);
	}
	X509_STORE_CTX_free(ctx);
	sk_X509_pop_free(certs, X509_free);
	X509_STORE_free(store);
	return ok;
}

static void set_problem(struct cms_result *r, const char *why)
{
	if (!r->problem)
		r->problem = xstrdup(why);
}

void cms_check(const unsigned char *der, size_t derlen, const struct buf *covered,
	       const char *ca_file, struct cms_result *r)
{
	memset(r, 0, sizeof *r);
	const unsigned char *q = der;
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(NULL, &q, (long)derlen);
	STACK_OF(CMS_SignerInfo) *sis = cms ? CMS_get0_SignerInfos(cms) : NULL;
	if (!sis || sk_CMS_SignerInfo_num(sis) != 1) {
		set_problem(r, cms ? N_("the CMS does not hold one signer") : N_("/Contents is not a CMS"));
		CMS_ContentInfo_free(cms);
		ERR_clear_error();
		return;
	}
	CMS_SignerInfo *si = sk_CMS_SignerInfo_value(sis, 0);
	CMS_set1_signers_certs(cms, NULL, 0);
	X509 *signer = NULL;
	X509_ALGOR *dig = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, &signer, &dig, NULL);
	if (!signer) {
		set_problem(r, N_("the signer's certificate is not in the CMS"));
		CMS_ContentInfo_free(cms);
		ERR_clear_error();
		return;
	}
	r->signer = cert_name(signer);
	/* The digest of the covered bytes, with the signer's algorithm. */
	const ASN1_OBJECT *alg = NULL;
	X509_ALGOR_get0(&alg, NULL, NULL, dig);
	const EVP_MD *md = EVP_get_digestbyobj(alg);
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int hn = 0;
	ASN1_OCTET_STRING *mdattr = CMS_signed_get0_data_by_OBJ(
		si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING);
	if (md && EVP_Digest(covered->data, covered->len, h, &hn, md, NULL) && mdattr &&
	    ASN1_STRING_length(mdattr) == (int)hn && !memcmp(ASN1_STRING_get0_data(mdattr), h, hn))
		r->digest_ok = true;
	else
		set_problem(r, N_("digest mismatch: the signed bytes have changed"));
	r->sig_ok = CMS_SignerInfo_verify(si) > 0;
	if (!r->sig_ok)
		set_problem(r, N_("the signature over the signed attributes does not verify"));
	r->has_signing_time = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1) >= 0;
	r->has_signing_cert = signing_cert_matches(si, signer);
	r->chain_ok = chain_verifies(cms, signer, ca_file, &r->problem);
	CMS_ContentInfo_free(cms);
	ERR_clear_error();
}

void cms_result_free(struct cms_result *r)
{
	free(r->signer);
	free(r->problem);
	memset(r, 0, sizeof *r);
}
