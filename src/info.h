/* info.h - reading back the metadata of a PDF vanban wrote. */
#ifndef VB_INFO_H
#define VB_INFO_H

#include <stdbool.h>
#include <stdio.h>

/* Prints the fields as "name: value" lines or a JSON object; returns the
 * exit status (1: not a PDF or no metadata, 3: unreadable). */
int info_command(const char *path, bool json, FILE *out);

#endif
