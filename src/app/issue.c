/* issue.c - --issue: the register gives the number (`number: auto`) or
 * records the one the document has, and the document is rendered and
 * written inside its transaction; the file takes its name only after the
 * commit, so a number the register did not record is never seen on a
 * file. */
#include "app.h"
#include "output/output.h"
#include "typeset/typeset.h"
#include "input/input.h"
#include "base/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file being issued: written to a temporary name beside its place
 * inside the register's transaction, renamed into place after the commit;
 * standard output or a device is written after the commit. */
struct issuing {
	struct produce *pc;
	char *target; /* staged (write_stage): the file it will replace */
	bool later;   /* "-" or a device: written after the commit */
};

static int stage_file(struct issuing *it, const char *data, size_t len)
{
	const char *path = it->pc->o->out_path;
	struct stat sb;
	if (!strcmp(path, "-") || (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
				   !S_ISDIR(sb.st_mode))) {
		it->later = true;
		return 0;
	}
	return write_stage(path, data, len, &it->target);
}

/* The register's callback: render with the number it took, write the file
 * to its temporary name, and fill in the row. */
static int produce_numbered(void *user, int number, struct reg_entry *e)
{
	struct issuing *it = user;
	struct produce *pc = it->pc;
	pc->doc->number = number;
	pc->entry = e;
	int rc = produce_document(pc);
	if (rc)
		return rc;
	char hex[65];
	sha256_hex(*pc->out, *pc->len, hex);
	e->sha256 = xstrdup(hex);
	if (!pc->o->out_path)
		return 0;
	rc = stage_file(it, *pc->out, *pc->len);
	if (!it->later) {
		free(*pc->out);
		*pc->out = NULL;
		*pc->len = 0;
	}
	return rc;
}

/* After the register's transaction: the file into place, or away. */
static int place_file(struct issuing *it, int rc, const struct reg_entry *e)
{
	struct produce *pc = it->pc;
	if (it->target) {
		int placed = write_place(pc->o->out_path, it->target, rc == 0);
		if (rc == 0 && placed) {
			diag_error(pc->d, pos_none(), "number %d/%d is in the register, but its "
				   "file could not be put in place", e->number, e->year);
			rc = placed;
		}
	} else if (rc == 0 && it->later) {
		rc = write_output(pc->o->out_path, *pc->out, *pc->len);
		free(*pc->out);
		*pc->out = NULL;
		*pc->len = 0;
	}
	if (rc && it->later) {
		free(*pc->out);
		*pc->out = NULL;
		*pc->len = 0;
	}
	return rc;
}

/* Who keeps the file copy, as the closing's "Lưu:" line gives it (VT
 * when the document names none, as closing.c prints): "VT, TH". */
static char *archive_holders(const struct doc *dp)
{
	const char *a = dp->archive.s ? dp->archive.s : "VT";
	if (!strncmp(a, "Lưu:", strlen("Lưu:")))
		a += strlen("Lưu:");
	while (*a == ' ')
		a++;
	size_t l = strlen(a);
	while (l && (a[l - 1] == '.' || a[l - 1] == ';' || a[l - 1] == ' '))
		l--;
	return xstrndup(a, l);
}

/* --issue: the next number of the sequence (`number: auto`) or the
 * document's own, taken, recorded and written in one transaction. */
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
	e.number = dp->number_auto ? 0 : dp->number;
	e.number_pos = dp->number_pos;
	e.year = dp->year;
	e.seq = seq.data;
	e.date = date;
	e.type = dp->title.s ? dp->title.s : dp->dt->name[0] ? dp->dt->name : "Công văn";
	e.subject = dp->subject.s;
	e.signer = signer.data;
	e.copies = dp->copies;
	char *archive = archive_holders(dp);
	e.archive = archive;
	e.file = pc->o->out_path;
	struct issuing it = {pc, NULL, false};
	int rc = reg_issue(r, &e, produce_numbered, &it, pc->d);
	rc = place_file(&it, rc, &e);
	if (!rc && pc->o->issued) {
		pc->o->issued->number = e.number;
		pc->o->issued->year = e.year;
		pc->o->issued->code = xstrdup(e.code);
	}
	free(archive);
	free((char *)e.code);
	free((char *)e.recipients);
	free((char *)e.sha256);
	buf_free(&seq);
	buf_free(&signer);
	reg_close(r);
	return rc;
}
