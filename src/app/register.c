/* register.c - SQLite behind the register of outgoing documents.
 *
 * One file per office. Numbers run per sequence (the issuer, or the issuer
 * and the document type when the style says so) from 1 each year, and are
 * never reused: a voided number keeps its row, and each void and unvoid
 * is kept with its reason in the history. Issuing takes the next
 * number, records the row and commits in one IMMEDIATE transaction, so
 * two processes never get the same number and a process killed half-way
 * leaves nothing half-done (SQLite rolls the journal back). A lock another
 * program holds is waited for a bounded time, then told as "in use". The file is
 * marked with an application id; its schema version (user_version) is
 * migrated forward on open. A document with a fixed number records that
 * number, unless a row of its sequence and year (voided or not) has it. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>

enum { APP_ID = 0x56424E52, /* "VBNR" */ SCHEMA = 3 };

struct reg {
	sqlite3 *db;
	const char *path;
	int wait_ms; /* how long a locked register is waited for */
};

/* How long another program's lock is waited for before giving up:
 * VANBAN_REGISTER_WAIT_MS (for tests), else 5 s. */
static int wait_ms(void)
{
	const char *s = getenv("VANBAN_REGISTER_WAIT_MS");
	int ms = s && *s ? atoi(s) : 0;
	return ms > 0 ? ms : 5000;
}

static bool is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* The register's file as the position of its messages ("FILE: error:");
 * static, as the diagnostics outlive the register. */
static struct pos reg_pos(const char *path)
{
	static char name[4096];
	static struct source src = {name, "", 0, NULL, 0, NULL};
	struct buf q = {0};
	quote_into(&q, path, strlen(path), 0);
	snprintf(name, sizeof name, "%s", q.data);
	buf_free(&q);
	return (struct pos){&src, 0, 0};
}

/* The error of the last call (rc, or 0: the connection's last): a lock
 * held too long, or what SQLite says. */
static void reg_error(struct reg *r, int rc, struct diag *d)
{
	if (!rc)
		rc = sqlite3_extended_errcode(r->db);
	if (is_busy(rc))
		diag_error(d, reg_pos(r->path), "the register is in use by another program "
			   "(waited %g s); try again", r->wait_ms / 1000.0);
	else if ((rc & 0xff) == SQLITE_READONLY)
		diag_error(d, reg_pos(r->path), "the register cannot be written here (%s); "
			   "nothing was changed", sqlite3_errstr(rc));
	else
		diag_error(d, pos_none(), "register '%s': %s", diag_quote(d, r->path),
			   sqlite3_errmsg(r->db));
}

static bool exec(struct reg *r, const char *sql, struct diag *d)
{
	char *err = NULL;
	int rc = sqlite3_exec(r->db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		if (is_busy(rc) || (rc & 0xff) == SQLITE_READONLY)
			reg_error(r, rc, d);
		else
			diag_error(d, pos_none(), "register '%s': %s", diag_quote(d, r->path),
				   err ? err : _("error"));
		sqlite3_free(err);
		return false;
	}
	return true;
}

/* An integer the query gives; -1 if it fails, -2 if the file is locked. */
static int pragma_int(struct reg *r, const char *sql)
{
	sqlite3_stmt *st;
	int v = -1, rc = sqlite3_prepare_v2(r->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	else if (is_busy(rc))
		v = -2;
	sqlite3_finalize(st);
	return v;
}

static const char *const migrations[] = {
	/* 1: the register */
	"CREATE TABLE documents ("
	" id INTEGER PRIMARY KEY,"
	" seq TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,"
	" code TEXT, date TEXT, type TEXT, subject TEXT, signer TEXT, recipients TEXT,"
	" copies INTEGER, file TEXT, sha256 TEXT,"
	" voided INTEGER NOT NULL DEFAULT 0, void_reason TEXT,"
	" UNIQUE (seq, year, number));",
	/* 2: voiding and unvoiding, each with its reason, kept */
	"CREATE TABLE history ("
	" id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents (id),"
	" at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),"
	" action TEXT NOT NULL, reason TEXT);"
	"INSERT INTO history (doc, at, action, reason)"
	" SELECT id, '', 'void', void_reason FROM documents WHERE voided;",
	/* 3: who keeps the file copy (the document's archive: "VT, TH"); rows
	 * recorded before have none */
	"ALTER TABLE documents ADD COLUMN archive TEXT;",
};

struct reg *reg_open(const char *path, bool create, struct diag *d)
{
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (!exists && !create) {
		diag_error(d, pos_none(), "register '%s' does not exist", diag_quote(d, path));
		return NULL;
	}
	struct reg *r = xcalloc(1, sizeof *r);
	r->path = path;
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &r->db, flags, NULL) != SQLITE_OK) {
		diag_error(d, pos_none(), "cannot open the register '%s': %s", diag_quote(d, path),
			   r->db ? sqlite3_errmsg(r->db) : errstr(errno));
		reg_close(r);
		return NULL;
	}
	r->wait_ms = wait_ms();
	sqlite3_busy_timeout(r->db, r->wait_ms);
	/* One read transaction, so that another process creating the register
	 * at this moment is seen either before or after, never half-way. */
	sqlite3_exec(r->db, "BEGIN", NULL, NULL, NULL);
	int app = pragma_int(r, "PRAGMA application_id");
	int tables = app == -2 ? -2 : pragma_int(r, "SELECT count(*) FROM sqlite_master");
	int version = tables == -2 ? -2 : pragma_int(r, "PRAGMA user_version");
	sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	if (app == -2 || tables == -2 || version == -2) {
		reg_error(r, SQLITE_BUSY, d);
		reg_close(r);
		return NULL;
	}
	if (app < 0 || tables < 0) {
		diag_error(d, pos_none(), "'%s' is not a register (not an SQLite database, or "
			   "damaged); it was left as it is", diag_quote(d, path));
		reg_close(r);
		return NULL;
	}
	if (app != APP_ID && (tables > 0 || (exists && sb.st_size > 0))) {
		diag_error(d, pos_none(), "'%s' is a database but not a vanban register; it was "
			   "left as it is", diag_quote(d, path));
		reg_close(r);
		return NULL;
	}
	if (version > SCHEMA) {
		diag_error(d, pos_none(), "register '%s' was written by a newer vanban (schema %d)",
			   diag_quote(d, path), version);
		reg_close(r);
		return NULL;
	}
	if (version < SCHEMA) {
		if (!exec(r, "BEGIN IMMEDIATE", d)) {
			reg_close(r);
			return NULL;
		}
		version = pragma_int(r, "PRAGMA user_version"); /* another process may have */
		bool ok = true;
		for (int v = version; v < SCHEMA && ok; v++)
			ok = exec(r, migrations[v], d);
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 APP_ID, SCHEMA);
		ok = ok && exec(r, sql, d) && exec(r, "COMMIT", d);
		if (!ok) {
			sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
			reg_close(r);
			return NULL;
		}
	}
	return r;
}

void reg_close(struct reg *r)
{
	if (!r)
		return;
	sqlite3_close(r->db);
	free(r);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* A fixed number: free in e's sequence and year, or the error naming the
 * row that holds it (1); 3 when the register cannot say. */
static int number_free(struct reg *r, const struct reg_entry *e, struct diag *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT code, date, file, subject, voided, void_reason "
			       "FROM documents WHERE seq = ?1 AND year = ?2 AND number = ?3", -1,
			       &st, NULL) != SQLITE_OK)
		return 3;
	bind_text(st, 1, e->seq);
	sqlite3_bind_int(st, 2, e->year);
	sqlite3_bind_int(st, 3, e->number);
	int s = sqlite3_step(st), rc = s == SQLITE_ROW ? 1 : s == SQLITE_DONE ? 0 : 3;
	if (rc == 1) {
		const char *file = col(st, 2);
		/* the void, as a whole phrase of its own (translated as one) */
		struct buf gone = {0};
		if (sqlite3_column_int(st, 4))
			buf_printf(&gone, _(" (void: %s)"), diag_quote(d, col(st, 5)));
		diag_error(d, e->number_pos, "number %d/%d is already in the register '%s': "
			   "%02d/%s of %s, file '%s', \"%s\"%s; a number is given once "
			   "(write number: auto for the next one)", e->number, e->year,
			   diag_quote(d, r->path), e->number, diag_quote(d, col(st, 0)),
			   diag_quote(d, col(st, 1)), diag_quote(d, file ? file : "-"),
			   diag_quote(d, col(st, 3)), gone.data ? gone.data : "");
		buf_free(&gone);
	}
	sqlite3_finalize(st);
	return rc;
}

/* The next number of e's sequence and year, into e; false on error. */
static bool next_number(struct reg *r, struct reg_entry *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT coalesce(max(number), 0) + 1 FROM documents "
			       "WHERE seq = ?1 AND year = ?2", -1, &st, NULL) != SQLITE_OK)
		return false;
	bind_text(st, 1, e->seq);
	sqlite3_bind_int(st, 2, e->year);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		e->number = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ok;
}

int reg_issue(struct reg *r, struct reg_entry *e,
	      int (*produce)(void *user, int number, struct reg_entry *e), void *user,
	      struct diag *d)
{
	if (!exec(r, "BEGIN IMMEDIATE", d))
		return is_busy(sqlite3_extended_errcode(r->db)) ? 1 : 3;
	sqlite3_stmt *st = NULL;
	int rc = 3;
	if (e->number) {
		rc = number_free(r, e, d);
		if (rc)
			goto fail;
		rc = 3;
	} else if (!next_number(r, e)) {
		goto fail;
	}
	/* A test hook: hold the transaction, to kill the process inside it. */
	const char *hold = getenv("VANBAN_TEST_HOLD_ISSUE");
	if (hold)
		usleep((useconds_t)atoi(hold) * 1000);
	rc = produce(user, e->number, e);
	if (rc)
		goto fail;
	rc = 3;
	if (sqlite3_prepare_v2(r->db, "INSERT INTO documents (seq, year, number, code, date, type,"
			       " subject, signer, recipients, copies, file, sha256, archive) VALUES "
			       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", -1, &st,
			       NULL) != SQLITE_OK)
		goto fail;
	bind_text(st, 1, e->seq);
	sqlite3_bind_int(st, 2, e->year);
	sqlite3_bind_int(st, 3, e->number);
	bind_text(st, 4, e->code);
	bind_text(st, 5, e->date);
	bind_text(st, 6, e->type);
	bind_text(st, 7, e->subject);
	bind_text(st, 8, e->signer);
	bind_text(st, 9, e->recipients);
	sqlite3_bind_int(st, 10, e->copies);
	bind_text(st, 11, e->file);
	bind_text(st, 12, e->sha256);
	bind_text(st, 13, e->archive);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto fail;
	sqlite3_finalize(st);
	st = NULL;
	int crc = sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL);
	if (crc == SQLITE_OK)
		return 0;
	reg_error(r, crc, d);
	sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	return is_busy(crc) ? 1 : 3;
fail:
	if (rc == 3) {
		if (is_busy(sqlite3_extended_errcode(r->db)))
			rc = 1;
		reg_error(r, 0, d);
	}
	sqlite3_finalize(st);
	sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

bool reg_each(struct reg *r, int year, const char *type,
	      void (*fn)(void *user, const struct reg_entry *e), void *user, struct diag *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT number, year, seq, code, date, type, subject, signer,"
			       " recipients, copies, file, sha256, voided, void_reason, id, archive"
			       " FROM documents"
			       " WHERE (?1 = 0 OR year = ?1) AND (?2 IS NULL OR code LIKE ?2 || '-%'"
			       " OR code = ?2) ORDER BY year, seq, number", -1, &st, NULL) != SQLITE_OK) {
		reg_error(r, 0, d);
		return false;
	}
	sqlite3_bind_int(st, 1, year);
	bind_text(st, 2, type);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct reg_entry e = {
			.number = sqlite3_column_int(st, 0), .year = sqlite3_column_int(st, 1),
			.seq = col(st, 2), .code = col(st, 3), .date = col(st, 4),
			.type = col(st, 5), .subject = col(st, 6), .signer = col(st, 7),
			.recipients = col(st, 8), .copies = sqlite3_column_int(st, 9),
			.file = col(st, 10), .sha256 = col(st, 11),
			.voided = sqlite3_column_int(st, 12) != 0, .void_reason = col(st, 13),
			.id = sqlite3_column_int(st, 14), .archive = col(st, 15)};
		fn(user, &e);
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		reg_error(r, 0, d);
		return false;
	}
	return true;
}

bool reg_history(struct reg *r, int id,
		 void (*fn)(void *user, const char *at, const char *action, const char *reason),
		 void *user, struct diag *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT at, action, reason FROM history WHERE doc = ?1 "
			       "ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		reg_error(r, 0, d);
		return false;
	}
	sqlite3_bind_int(st, 1, id);
	int s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		fn(user, col(st, 0), col(st, 1), col(st, 2));
	if (s != SQLITE_DONE)
		reg_error(r, 0, d);
	sqlite3_finalize(st);
	return s == SQLITE_DONE;
}

/* The rows of number/year that issuer and type (NULL: any) select: their
 * ids, sequences and codes into the lists; returns how many, -1 on error. */
static int find_rows(struct reg *r, int number, int year, const char *issuer,
		     const char *type, int *id, bool *voided, struct buf *names, struct diag *d)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(r->db, "SELECT id, voided, seq, code FROM documents"
			       " WHERE number = ?1 AND year = ?2"
			       " AND (?3 IS NULL OR seq = ?3 OR seq LIKE ?3 || '/%')"
			       " AND (?4 IS NULL OR code = ?4 OR code LIKE ?4 || '-%'"
			       " OR seq LIKE '%/' || ?4) ORDER BY seq", -1, &st, NULL) != SQLITE_OK) {
		reg_error(r, 0, d);
		return -1;
	}
	sqlite3_bind_int(st, 1, number);
	sqlite3_bind_int(st, 2, year);
	bind_text(st, 3, issuer);
	bind_text(st, 4, type);
	int n = 0, s;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int(st, 0);
		*voided = sqlite3_column_int(st, 1) != 0;
		buf_printf(names, "%s%s (%s)", n ? ", " : "", col(st, 2),
			   col(st, 3) ? col(st, 3) : "");
		n++;
	}
	sqlite3_finalize(st);
	if (s != SQLITE_DONE) {
		reg_error(r, 0, d);
		return -1;
	}
	return n;
}

/* Marks the one row (voided or not, with its reason) and records it in
 * the history. */
static bool mark_row(struct reg *r, int id, bool voiding, const char *reason, struct diag *d)
{
	sqlite3_stmt *st;
	int s = SQLITE_ERROR;
	if (sqlite3_prepare_v2(r->db, "UPDATE documents SET voided = ?2, void_reason = "
			       "CASE WHEN ?2 THEN ?3 END WHERE id = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, id);
		sqlite3_bind_int(st, 2, voiding);
		bind_text(st, 3, reason);
		s = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	if (s == SQLITE_DONE && sqlite3_prepare_v2(r->db, "INSERT INTO history (doc, action, "
						   "reason) VALUES (?1, ?2, ?3)", -1, &st,
						   NULL) == SQLITE_OK) {
		sqlite3_bind_int(st, 1, id);
		bind_text(st, 2, voiding ? "void" : "unvoid");
		bind_text(st, 3, reason);
		s = sqlite3_step(st);
		sqlite3_finalize(st);
	} else {
		s = SQLITE_ERROR;
	}
	if (s != SQLITE_DONE)
		reg_error(r, 0, d);
	return s == SQLITE_DONE;
}

int reg_void(struct reg *r, const struct reg_select *sel, bool voiding, const char *reason,
	     struct diag *d)
{
	if (!exec(r, "BEGIN IMMEDIATE", d))
		return is_busy(sqlite3_extended_errcode(r->db)) ? 1 : 3;
	struct buf names = {0};
	int id = 0, rc = 3;
	bool voided = false;
	int n = find_rows(r, sel->number, sel->year, sel->issuer, sel->type, &id, &voided,
			  &names, d);
	if (n == 0) {
		if (sel->issuer || sel->type)
			diag_error(d, pos_none(), "number %d/%d is not in the register for that "
				   "issuer and type", sel->number, sel->year);
		else
			diag_error(d, pos_none(), "number %d/%d is not in the register", sel->number,
				   sel->year);
		rc = 1;
	} else if (n > 1) {
		diag_error(d, pos_none(), "number %d/%d is in %d sequences: %s; say which with "
			   "--issuer CODE or --type TB", sel->number, sel->year, n, names.data);
		rc = 1;
	} else if (n == 1 && voided == voiding) {
		if (voiding)
			diag_error(d, pos_none(), "number %d/%d %s is already void", sel->number,
				   sel->year, names.data);
		else
			diag_error(d, pos_none(), "number %d/%d %s is not void", sel->number,
				   sel->year, names.data);
		rc = 1;
	} else if (n == 1 && mark_row(r, id, voiding, reason, d) && exec(r, "COMMIT", d)) {
		rc = 0;
	}
	if (rc)
		sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	buf_free(&names);
	return rc;
}
