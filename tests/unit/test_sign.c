/* Signatures on a small PDF written here: one and two signatures verify;
 * an update between them that changes the document, or a byte of a signed
 * range, makes the signatures it touches fail, each for its reason. The
 * key is a throwaway self-signed RSA certificate made with OpenSSL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "output/output.h"
#include "base/base.h"

static char keyfile[] = "/tmp/vanban-test-sign-XXXXXX";
static char certfile[] = "/tmp/vanban-test-cert-XXXXXX";

/* A self-signed certificate and its key: the key and certificate in
 * keyfile, the certificate alone in certfile (the trust store). */
static int make_keys(void **state)
{
	(void)state;
	EVP_PKEY *k = EVP_RSA_gen(2048);
	X509 *x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 7);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600L * 24 * 365);
	X509_NAME *n = X509_get_subject_name(x);
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_UTF8, (const unsigned char *)"Người Ký", -1, -1,
				   0);
	X509_set_issuer_name(x, n);
	X509_set_pubkey(x, k);
	X509_sign(x, k, EVP_sha256());
	int fd1 = mkstemp(keyfile), fd2 = mkstemp(certfile);
	FILE *f = fdopen(fd1, "w"), *g = fdopen(fd2, "w");
	PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL);
	PEM_write_X509(f, x);
	PEM_write_X509(g, x);
	fclose(f);
	fclose(g);
	X509_free(x);
	EVP_PKEY_free(k);
	return 0;
}

static int remove_keys(void **state)
{
	(void)state;
	unlink(keyfile);
	unlink(certfile);
	return 0;
}

/* A one-page PDF with a classic table, as libharu writes them. */
static void small_pdf(struct buf *b)
{
	static const char *const obj[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
		"<< /Title (Th\\364ng b\\341o) /Producer (test) >>"};
	size_t off[4];
	buf_puts(b, "%PDF-1.4\n");
	for (int i = 0; i < 4; i++) {
		off[i] = b->len;
		buf_printf(b, "%d 0 obj\n%s\nendobj\n", i + 1, obj[i]);
	}
	size_t x = b->len;
	buf_puts(b, "xref\n0 5\n0000000000 65535 f\r\n");
	for (int i = 0; i < 4; i++)
		buf_printf(b, "%010zu 00000 n\r\n", off[i]);
	buf_printf(b, "trailer\n<< /Size 5 /Root 1 0 R /Info 4 0 R /ID [<00112233445566778899AABBCCDDEEFF> "
		   "<00112233445566778899AABBCCDDEEFF>] >>\nstartxref\n%zu\n%%%%EOF\n", x);
}

/* The number after the last "startxref", and the table's /Size. */
static size_t last_startxref(const char *s, size_t len)
{
	size_t at = 0;
	for (size_t i = 0; i + 9 < len; i++)
		if (!memcmp(s + i, "startxref", 9))
			at = (size_t)strtoull(s + i + 10, NULL, 10);
	return at;
}

/* Appends an update that gives object 4 (the Info dictionary) a new title. */
static void change_info(char **data, size_t *len, long size)
{
	struct buf b = {0};
	buf_add(&b, *data, *len);
	size_t o = b.len;
	buf_puts(&b, "4 0 obj\n<< /Title (Changed) /Producer (test) >>\nendobj\n");
	size_t x = b.len;
	buf_printf(&b, "xref\n4 1\n%010zu 00000 n\r\ntrailer\n<< /Size %ld /Root 1 0 R /Info 4 0 R "
		   "/Prev %zu >>\nstartxref\n%zu\n%%%%EOF\n", o, size, last_startxref(*data, *len), x);
	free(*data);
	*len = b.len;
	*data = buf_take(&b);
}

static struct signer *load(void)
{
	struct diag d = {0};
	struct signer *s = signer_load(keyfile, NULL, pos_none(), &d);
	assert_int_equal(d.errors, 0);
	assert_non_null(s);
	assert_string_equal(signer_name(s), "Người Ký");
	diag_free(&d);
	return s;
}

static void sign(char **data, size_t *len, struct signer *s, long long when)
{
	struct diag d = {0};
	struct sign_place sp = {0, 20, 20, 120, 60, when, 420};
	assert_true(pdf_sign(data, len, s, &sp, &d));
	assert_int_equal(d.errors, 0);
	diag_free(&d);
}

static void one_signature_verifies(void **state)
{
	(void)state;
	struct buf b = {0};
	small_pdf(&b);
	size_t len = b.len;
	char *data = buf_take(&b);
	struct signer *s = load();
	sign(&data, &len, s, 1599440400); /* 2020-09-07T08:00:00+07:00 */
	struct sig_reports r;
	pdf_verify(data, len, certfile, &r);
	assert_null(r.problem);
	assert_int_equal(r.v.n, 1);
	assert_true(r.v.v[0].valid);
	assert_true(r.v.v[0].whole);
	assert_null(r.v.v[0].problem);
	assert_string_equal(r.v.v[0].field, "Signature1");
	assert_string_equal(r.v.v[0].signer, "Người Ký");
	assert_string_equal(r.v.v[0].time, "2020-09-07T08:00:00+07:00");
	assert_string_equal(r.v.v[0].subfilter, "ETSI.CAdES.detached");
	sig_reports_free(&r);
	/* The same input and key: the same bytes. */
	small_pdf(&b);
	size_t len2 = b.len;
	char *again = buf_take(&b);
	sign(&again, &len2, s, 1599440400);
	assert_int_equal(len, len2);
	assert_memory_equal(data, again, len);
	/* A flipped byte of the signed bytes: a digest mismatch. */
	char *t = strstr(data, "(test)");
	t[1] = 'b';
	pdf_verify(data, len, certfile, &r);
	assert_int_equal(r.v.n, 1);
	assert_false(r.v.v[0].valid);
	assert_string_equal(r.v.v[0].problem, "digest mismatch: the signed bytes have changed");
	sig_reports_free(&r);
	free(again);
	free(data);
	signer_free(s);
}

static void an_untrusted_signer_fails_its_chain(void **state)
{
	(void)state;
	struct buf b = {0};
	small_pdf(&b);
	size_t len = b.len;
	char *data = buf_take(&b);
	struct signer *s = load();
	sign(&data, &len, s, 0);
	struct sig_reports r;
	pdf_verify(data, len, "/dev/null", &r);
	assert_int_equal(r.v.n, 1);
	assert_false(r.v.v[0].valid);
	assert_non_null(r.v.v[0].problem);
	sig_reports_free(&r);
	free(data);
	signer_free(s);
}

static void two_signatures_and_a_change_between(void **state)
{
	(void)state;
	struct buf b = {0};
	small_pdf(&b);
	size_t len = b.len;
	char *data = buf_take(&b);
	struct signer *s = load();
	sign(&data, &len, s, 0);
	/* Unchanged between: both verify. */
	char *two = xmalloc(len);
	memcpy(two, data, len);
	size_t len2 = len;
	sign(&two, &len2, s, 0);
	struct sig_reports r;
	pdf_verify(two, len2, certfile, &r);
	assert_int_equal(r.v.n, 2);
	assert_true(r.v.v[0].valid);
	assert_false(r.v.v[0].whole);
	assert_true(r.v.v[1].valid);
	assert_true(r.v.v[1].whole);
	assert_string_equal(r.v.v[1].field, "Signature2");
	sig_reports_free(&r);
	free(two);
	/* The title changed, then signed again: the second signature holds,
	 * the first names what changed after it. */
	change_info(&data, &len, 9);
	sign(&data, &len, s, 0);
	pdf_verify(data, len, certfile, &r);
	assert_int_equal(r.v.n, 2);
	assert_false(r.v.v[0].valid);
	assert_string_equal(r.v.v[0].problem, "object 4 was changed after this signature");
	assert_true(r.v.v[1].valid);
	sig_reports_free(&r);
	free(data);
	signer_free(s);
}

static void not_signed_and_not_a_pdf(void **state)
{
	(void)state;
	struct buf b = {0};
	small_pdf(&b);
	struct sig_reports r;
	pdf_verify(b.data, b.len, certfile, &r);
	assert_string_equal(r.problem, "no signature in the file");
	sig_reports_free(&r);
	pdf_verify("type: thong-bao\n", 16, certfile, &r);
	assert_string_equal(r.problem, "not a PDF file");
	sig_reports_free(&r);
	/* A table that is not where startxref says. */
	char *p = strstr(b.data, "startxref\n") + 10;
	p[0] = '1';
	pdf_verify(b.data, b.len, certfile, &r);
	assert_non_null(r.problem);
	sig_reports_free(&r);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(one_signature_verifies),
		cmocka_unit_test(an_untrusted_signer_fails_its_chain),
		cmocka_unit_test(two_signatures_and_a_change_between),
		cmocka_unit_test(not_signed_and_not_a_pdf),
	};
	return cmocka_run_group_tests(t, make_keys, remove_keys);
}
