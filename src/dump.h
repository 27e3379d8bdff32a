/* dump.h - a plain-text backend: every page item with its coordinates.
 * Golden tests compare these dumps byte for byte. */
#ifndef VB_DUMP_H
#define VB_DUMP_H

#include "page.h"

/* Returns a malloc'd text. */
char *dump_layout(const struct layout *lo);

#endif
