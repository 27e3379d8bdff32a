/* cert.h - award certificates (Giấy khen, Bằng khen) in batch.
 *
 * cert_load reads what is particular to a certificate document (decision,
 * reason, paper, blank_form, awardees or awardees_file) and its layout
 * (templates/certificates/<type>.yaml); everything is validated before
 * anything is laid out. cert_page lays one awardee's certificate out.
 * Pure but for loading files; no PDF here. */
#ifndef VB_CERT_H
#define VB_CERT_H

#include "metrics.h"
#include "model.h"
#include "page.h"
#include "style.h"

struct cert;

struct cert *cert_load(const struct doc *doc, const char *datadir, const char *basedir,
		       struct srcset *files, struct arena *ar, struct diag *d);
/* Checks every awardee's texts against their boxes (a name too long even
 * at the smallest size and in the lines allowed is an error). */
bool cert_check(struct cert *c, const struct metrics *m, struct diag *d);
size_t cert_count(const struct cert *c);
/* Lays out certificate i as a page appended to lo. */
void cert_page(struct cert *c, size_t i, const struct metrics *m, struct layout *lo);
/* A page for calibrating blanks: a millimetre grid and each element's box. */
void cert_calibration(struct cert *c, const struct metrics *m, struct layout *lo);
/* The file name of certificate i for --split (pattern with {{seq}},
 * {{name}} and the awardee's fields; the name folded to ASCII). malloc'd. */
char *cert_file_name(struct cert *c, size_t i, const char *pattern, struct diag *d);
const char *cert_awardee(const struct cert *c, size_t i);
/* Where awardee i is written (its row), for messages. */
struct pos cert_pos(const struct cert *c, size_t i);
void cert_free(struct cert *c);

#endif
