/* vnfmt.h - Vietnamese wording of numbers and dates (NĐ 30/2020 Phụ lục I
 * §II.3-4). Pure functions; the caller frees the malloc'd results. */
#ifndef VB_VNFMT_H
#define VB_VNFMT_H

#include <stdbool.h>

/* "05", "12", "125": numbers below 10 take a leading zero. */
char *vn_number(int n);
/* "ngày 07 tháng 9 năm 2020": days below 10 and months 1-2 only take a
 * leading zero. month = day = 0 leaves blanks to fill in by hand. */
char *vn_date_words(int year, int month, int day);
/* "03/9/2020" (the same zero rules, short form). */
char *vn_date_short(int year, int month, int day);

/* "Thứ Hai" ... "Thứ Bảy", "Chủ nhật" for a Gregorian date. */
const char *vn_weekday(int year, int month, int day);
/* Parses "YYYY-MM-DD" into a real date; false if it is not one. */
bool vn_parse_date(const char *s, int *year, int *month, int *day);

#endif
