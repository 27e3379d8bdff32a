/* info.c - `vanban info FILE.pdf`: the metadata vanban wrote into a PDF
 * (its XMP packet, which is never compressed), as text or JSON, for
 * indexing an archive. */
#include "app.h"
#include "base/base.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

struct key {
	const char *xmp;   /* element name in the packet */
	const char *name;  /* printed name */
};

static const struct key keys[] = {
	{"dc:title", "title"},
	{"dc:creator", "creator"},
	{"dc:description", "description"},
	{"xmp:CreateDate", "created"},
	{"xmp:CreatorTool", "creator_tool"},
	{"pdf:Producer", "producer"},
	{"pdfaid:part", "pdfa_part"},
	{"pdfaid:conformance", "pdfa_conformance"},
	{"vb:TypeName", "type_name"},
	{"vb:CodeNumber", "number"},
	{"vb:CodeNotation", "notation"},
	{"vb:IssuedDate", "issued_date"},
	{"vb:OrganName", "organ"},
	{"vb:Subject", "subject"},
	{"vb:SignerPosition", "signer_position"},
	{"vb:SignerName", "signer_name"},
	{"vb:To", "to"},
	{"vb:PageAmount", "pages"},
	{"vb:Priority", "priority"},
	{"vb:IssuedAmount", "copies"},
};

static const char *find(const char *hay, size_t n, const char *needle)
{
	size_t l = strlen(needle);
	for (size_t i = 0; i + l <= n; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, l))
			return hay + i;
	return NULL;
}

/* The text of <name>...</name>, or of the rdf:li inside it; unescaped. */
static char *element(const char *x, size_t n, const char *name)
{
	char open[64], close[64];
	snprintf(open, sizeof open, "<%s>", name);
	snprintf(close, sizeof close, "</%s>", name);
	const char *a = find(x, n, open);
	if (!a)
		return NULL;
	a += strlen(open);
	const char *e = find(a, (size_t)(x + n - a), close);
	if (!e)
		return NULL;
	const char *li = find(a, (size_t)(e - a), "<rdf:li");
	if (li) {
		const char *gt = memchr(li, '>', (size_t)(e - li));
		const char *end = gt ? find(gt, (size_t)(e - gt), "</rdf:li>") : NULL;
		if (gt && end) {
			a = gt + 1;
			e = end;
		}
	}
	struct buf b = {0};
	for (const char *p = a; p < e; p++) {
		static const struct { const char *ent; char c; } ents[] = {
			{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
		bool done = false;
		for (size_t k = 0; k < 5 && !done; k++) {
			size_t l = strlen(ents[k].ent);
			if ((size_t)(e - p) >= l && !memcmp(p, ents[k].ent, l)) {
				buf_putc(&b, ents[k].c);
				p += l - 1;
				done = true;
			}
		}
		if (!done)
			buf_putc(&b, *p);
	}
	return buf_take(&b);
}

static void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

int info_command(const char *path, bool json, FILE *out)
{
	size_t n;
	char *data = read_file(path, &n);
	struct diag q = {0}; /* owns the file name as it is shown */
	const char *shown = diag_quote(&q, path);
	if (!data) {
		say_error("cannot read '%s': %s", shown, errstr(errno));
		diag_free(&q);
		return 3;
	}
	const char *a = find(data, n, "<x:xmpmeta");
	const char *e = a ? find(a, (size_t)(data + n - a), "</x:xmpmeta>") : NULL;
	if (n < 5 || memcmp(data, "%PDF-", 5) || !a || !e) {
		fprintf(stderr, "%s: %s: %s\n", shown, _("error"), n >= 5 && !memcmp(data, "%PDF-", 5)
			? _("no readable XMP metadata (not a file vanban wrote?)") : _("not a PDF file"));
		free(data);
		diag_free(&q);
		return 1;
	}
	diag_free(&q);
	size_t len = (size_t)(e - a);
	if (json)
		fputs("{", out);
	bool first = true;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *v = element(a, len, keys[i].xmp);
		if (!v)
			continue;
		if (json) {
			fprintf(out, "%s\n  ", first ? "" : ",");
			json_string(out, keys[i].name);
			fputs(": ", out);
			json_string(out, v);
		} else {
			fprintf(out, "%s: %s\n", keys[i].name, v);
		}
		first = false;
		free(v);
	}
	if (json)
		fputs("\n}\n", out);
	free(data);
	return 0;
}
