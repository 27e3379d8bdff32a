/* sign_p11.c - signing keys on PKCS#11 tokens, through libp11 (the only
 * file that includes libp11.h): the USB tokens state bodies sign with
 * speak PKCS#11. The key never leaves the token; OpenSSL signs through
 * it. A key is named by a pkcs11: URI (RFC 7512):
 *
 *   pkcs11:token=vanban;object=signer?module-path=/usr/lib/softhsm/libsofthsm2.so
 *
 * (the module also from VANBAN_PKCS11_MODULE); the PIN is the password
 * (--sign-password-file, VANBAN_SIGN_PASSWORD), never in the URI. The
 * certificate is the token's with the key's ID, the chain the token's
 * other certificates. */
#include "sign_int.h"

#include <stdlib.h>
#include <string.h>

#include <libp11.h>

struct p11 {
	PKCS11_CTX *ctx;
	PKCS11_SLOT *slots;
	unsigned int nslots;
};

/* An attribute of the URI's path or query, percent-decoded; malloc'd or NULL. */
static char *uri_attr(const char *uri, const char *name, bool query)
{
	const char *q = strchr(uri, '?');
	const char *p = query ? (q ? q + 1 : NULL) : uri + 7;
	const char *end = query || !q ? uri + strlen(uri) : q;
	size_t n = strlen(name);
	while (p && p < end) {
		size_t k = strcspn(p, query ? "&" : ";");
		if (p + k > end)
			k = (size_t)(end - p);
		if (k > n && !strncmp(p, name, n) && p[n] == '=') {
			struct buf b = {0};
			for (const char *c = p + n + 1; c < p + k; c++) {
				unsigned v;
				if (*c == '%' && c + 2 < p + k + 1 && sscanf(c + 1, "%2x", &v) == 1) {
					buf_putc(&b, (char)v);
					c += 2;
				} else {
					buf_putc(&b, *c);
				}
			}
			buf_add(&b, "", 0);
			return buf_take(&b);
		}
		p += k + 1;
	}
	return NULL;
}

static bool id_equal(const unsigned char *a, size_t an, const char *want)
{
	return want && an == strlen(want) && !memcmp(a, want, an);
}

void p11_release(struct signer *s)
{
	struct p11 *p = s->p11;
	if (!p)
		return;
	/* The key refers to the session: freed before it. */
	EVP_PKEY_free(s->key);
	s->key = NULL;
	if (p->slots)
		PKCS11_release_all_slots(p->ctx, p->slots, p->nslots);
	PKCS11_CTX_unload(p->ctx);
	PKCS11_CTX_free(p->ctx);
	free(p);
	s->p11 = NULL;
}

/* The token named token (or the first with one), logged in. */
static PKCS11_SLOT *open_token(struct p11 *p, const char *token, const char *pin,
			       const char **why)
{
	PKCS11_SLOT *slot = NULL;
	for (unsigned i = 0; i < p->nslots && !slot; i++) {
		PKCS11_SLOT *sl = &p->slots[i];
		if (sl->token && sl->token->initialized &&
		    (!token || !strcmp(sl->token->label, token)))
			slot = sl;
	}
	if (!slot) {
		*why = token ? N_("no token of that label") : N_("no token in the module's slots");
		return NULL;
	}
	if (slot->token->loginRequired) {
		if (!pin) {
			*why = N_("the token needs its PIN: --sign-password-file FILE or "
			       "VANBAN_SIGN_PASSWORD");
			return NULL;
		}
		if (PKCS11_open_session(slot, 0) || PKCS11_login(slot, 0, pin)) {
			*why = N_("the token refused the PIN");
			return NULL;
		}
	}
	return slot;
}

bool p11_load(struct signer *s, const char *uri, const char *pin, const char **why)
{
	char *module = uri_attr(uri, "module-path", true);
	if (!module && getenv("VANBAN_PKCS11_MODULE"))
		module = xstrdup(getenv("VANBAN_PKCS11_MODULE"));
	if (!module) {
		*why = N_("no PKCS#11 module: ?module-path=FILE in the URI, or VANBAN_PKCS11_MODULE");
		return false;
	}
	struct p11 *p = xcalloc(1, sizeof *p);
	s->p11 = p;
	p->ctx = PKCS11_CTX_new();
	bool ok = p->ctx && PKCS11_CTX_load(p->ctx, module) == 0;
	free(module);
	if (!ok || PKCS11_enumerate_slots(p->ctx, &p->slots, &p->nslots) < 0) {
		*why = ok ? N_("the module lists no slots") : N_("the PKCS#11 module could not be loaded");
		return false;
	}
	char *token = uri_attr(uri, "token", false);
	char *object = uri_attr(uri, "object", false);
	char *id = uri_attr(uri, "id", false);
	PKCS11_SLOT *slot = open_token(p, token, pin, why);
	ok = false;
	PKCS11_KEY *keys = NULL, *key = NULL;
	unsigned nkeys = 0;
	if (slot && PKCS11_enumerate_keys(slot->token, &keys, &nkeys) == 0)
		for (unsigned i = 0; i < nkeys && !key; i++)
			if ((!object || (keys[i].label && !strcmp(keys[i].label, object))) &&
			    (!id || id_equal(keys[i].id, keys[i].id_len, id)))
				key = &keys[i];
	if (slot && !key)
		*why = N_("no private key of that name on the token");
	PKCS11_CERT *certs = NULL;
	unsigned ncerts = 0;
	if (key && PKCS11_enumerate_certs(slot->token, &certs, &ncerts) == 0) {
		s->key = PKCS11_get_private_key(key);
		STACK_OF(X509) *all = sk_X509_new_null();
		for (unsigned i = 0; i < ncerts; i++)
			if (certs[i].x509) {
				X509_up_ref(certs[i].x509);
				sk_X509_push(all, certs[i].x509);
			}
		if (!s->key)
			*why = N_("the token's key cannot be used");
		else if (!pick_cert(s, all))
			*why = N_("no certificate on the token matches the key");
		else
			ok = true;
		if (!s->key)
			sk_X509_pop_free(all, X509_free);
	} else {
		if (key)
			*why = N_("the token's certificates cannot be read");
	}
	free(token);
	free(object);
	free(id);
	return ok && s->key && s->cert;
}
