/* register.h - the register of outgoing documents (sổ đăng ký văn bản đi,
 * NĐ 30/2020 Điều 15-16), kept in SQLite. The only module that sees
 * sqlite3.h is register.c. */
#ifndef VB_REGISTER_H
#define VB_REGISTER_H

#include "diag.h"

struct reg;

/* A row of the register. */
struct reg_entry {
	int number, year;
	const char *seq;          /* the sequence: the issuer's code, or code/type */
	const char *code;         /* ký hiệu, e.g. TB-LĐLĐ */
	const char *date;         /* YYYY-MM-DD */
	const char *type, *subject, *signer, *recipients;
	int copies;
	const char *file, *sha256;
	bool voided;
	const char *void_reason;
};

/* Opens (and with create, creates) a register file. A file that is not a
 * register (another SQLite database, or not a database) is an error and is
 * left as it is. */
struct reg *reg_open(const char *path, bool create, struct diag *d);
void reg_close(struct reg *r);

/* Issues a number in one transaction: takes the next number of e->seq in
 * e->year, calls produce(number) (which renders and writes the document,
 * filling file and sha256), records the row, and commits. If produce
 * fails, nothing is taken. Returns 0, or produce's status, or 3. */
int reg_issue(struct reg *r, struct reg_entry *e,
	      int (*produce)(void *user, int number, struct reg_entry *e), void *user,
	      struct diag *d);

/* Rows of a year (0: all) and type abbreviation prefix (NULL: all), in
 * order; call fn for each. */
bool reg_each(struct reg *r, int year, const char *type,
	      void (*fn)(void *user, const struct reg_entry *e), void *user, struct diag *d);
/* Voids number/year of a sequence (NULL: the only one): the row stays. */
int reg_void(struct reg *r, int number, int year, const char *reason, struct diag *d);

#endif
