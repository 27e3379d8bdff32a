/* vnbreak.h - how good a place between two syllables is for a line break
 * in a short Vietnamese text set in balanced lines (names of agencies,
 * titles, the trích yếu, signature titles, certificate texts).
 *
 * Vietnamese writes every syllable apart, so a space may fall inside a
 * word ("công đoàn", "chất lượng"). Without a dictionary any space will
 * do; with a small one of the words of administration, and the date and
 * function words, the lines of a title break where a reader pauses. */
#ifndef VNBREAK_H
#define VNBREAK_H

#include <stddef.h>

enum vn_break {
	VB_GOOD,   /* after a comma, semicolon or colon */
	VB_PLAIN,  /* between two words */
	VB_POOR,   /* inside a word, or after a word that leads the next */
	VB_NEVER,  /* inside a date: "ngày 06 tháng 01 năm 2021" */
};

/* The break between syllable a (an bytes, the end of a line) and b (bn
 * bytes, the start of the next); case does not matter. */
enum vn_break vn_break_kind(const char *a, size_t an, const char *b, size_t bn);

#endif
