/* issue.c - `number: auto` with --issue: the register gives the number,
 * and the document is rendered and written inside its transaction. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The register's callback: render with the number it took, hand the file
 * over to be written, and fill in the row. */
static int produce_numbered(void *user, int number, struct reg_entry *e)
{
	struct produce *pc = user;
	pc->doc->number = number;
	pc->entry = e;
	int rc = produce_document(pc);
	if (rc)
		return rc;
	char hex[65];
	sha256_hex(*pc->out, *pc->len, hex);
	e->sha256 = xstrdup(hex);
	if (pc->o->write_out) {
		rc = pc->o->write_out(pc->o->emit_user, *pc->out, *pc->len);
		free(*pc->out);
		*pc->out = NULL;
		*pc->len = 0;
	}
	return rc;
}

/* `number: auto` with --issue: the next number of the sequence, taken,
 * recorded and written in one transaction. */
int issue(struct produce *pc)
{
	const struct doc *dp = pc->doc;
	const char *path = pc->o->register_path ? pc->o->register_path : getenv("VANBAN_REGISTER");
	if ((!path || !*path) && pc->st->register_file[0])
		path = pc->st->register_file;
	if (!path || !*path) {
		diag_error(pc->d, dp->date_pos, "issuing a number needs a register: --register FILE, "
			   "VANBAN_REGISTER, or register.file in the style");
		return 1;
	}
	if (!dp->year || !dp->month) {
		diag_error(pc->d, dp->date_pos, "issuing a number needs the full date of the document");
		return 1;
	}
	struct reg *r = reg_open(path, true, pc->d);
	if (!r)
		return 1;
	struct buf seq = {0};
	buf_puts(&seq, dp->issuer_code.s ? dp->issuer_code.s : dp->issuer.s);
	if (pc->st->register_per_type)
		buf_printf(&seq, "/%s", dp->dt->abbr[0] ? dp->dt->abbr : dp->dt->key);
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", dp->year, dp->month, dp->day);
	struct buf signer = {0};
	if (dp->signatures.n)
		buf_printf(&signer, "%s %s", dp->signatures.v[0].title.s, dp->signatures.v[0].name.s);
	struct reg_entry e = {0};
	e.year = dp->year;
	e.seq = seq.data;
	e.date = date;
	e.type = dp->title.s ? dp->title.s : dp->dt->name[0] ? dp->dt->name : "Công văn";
	e.subject = dp->subject.s;
	e.signer = signer.data;
	e.copies = dp->copies;
	e.file = pc->o->out_path;
	int rc = reg_issue(r, &e, produce_numbered, pc, pc->d);
	if (!rc && pc->o->issued) {
		pc->o->issued->number = e.number;
		pc->o->issued->year = e.year;
		pc->o->issued->code = xstrdup(e.code);
	}
	free((char *)e.code);
	free((char *)e.recipients);
	free((char *)e.sha256);
	buf_free(&seq);
	buf_free(&signer);
	reg_close(r);
	return rc;
}
