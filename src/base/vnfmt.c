/* vnfmt.c - number and date wording. */
#include "base.h"

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

const char *vn_weekday(int year, int month, int day)
{
	static const char *const names[] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư",
					    "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
	/* Sakamoto's method: 0 = Sunday. */
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y = year - (month < 3);
	int w = (y + y / 4 - y / 100 + y / 400 + t[month - 1] + day) % 7;
	return names[w];
}

bool vn_parse_date(const char *s, int *year, int *month, int *day)
{
	for (int i = 0; i < 10; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';
		if ((i == 4 || i == 7) ? s[i] != '-' : !digit)
			return false;
	}
	if (s[10])
		return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1)
		return false;
	int max = dm[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > max)
		return false;
	*year = y;
	*month = m;
	*day = d;
	return true;
}
