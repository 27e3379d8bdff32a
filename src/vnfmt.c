/* vnfmt.c - number and date wording. */
#include "vnfmt.h"
#include "util.h"

#include <stdio.h>

char *vn_number(int n)
{
	char s[32];
	snprintf(s, sizeof s, n < 10 ? "%02d" : "%d", n);
	return xstrdup(s);
}

/* Months 1 and 2 are written 01, 02 (so they cannot be misread as 10-12 when
 * a digit is added by hand); months 3-12 have no zero. */
static void month_str(char *out, size_t n, int m)
{
	snprintf(out, n, m <= 2 ? "%02d" : "%d", m);
}

char *vn_date_words(int year, int month, int day)
{
	char s[96];
	if (!month || !day) {
		/* Blanks wide enough to write the day and month by hand. */
		snprintf(s, sizeof s, "ngày     tháng     năm %d", year);
	} else {
		char m[8];
		month_str(m, sizeof m, month);
		snprintf(s, sizeof s, "ngày %02d tháng %s năm %d", day, m, year);
	}
	return xstrdup(s);
}

char *vn_date_short(int year, int month, int day)
{
	char s[64], m[8];
	month_str(m, sizeof m, month);
	snprintf(s, sizeof s, "%02d/%s/%d", day, m, year);
	return xstrdup(s);
}
