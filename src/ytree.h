/* ytree.h - a YAML document as a plain tree with source positions.
 *
 * yaml_load.c is the only file that sees libyaml; every other stage reads
 * this tree. Scalars keep their text and whether they were quoted, so the
 * model can tell 3 from "3". Maps keep their keys in order; duplicate keys
 * are reported by the loader. */
#ifndef VB_YTREE_H
#define VB_YTREE_H

#include "diag.h"

enum ykind { Y_SCALAR, Y_MAP, Y_SEQ };
enum ystyle { YS_PLAIN, YS_QUOTED, YS_BLOCK };

struct ynode;
struct ypair {
	struct ynode *key; /* always a scalar */
	struct ynode *val;
};

struct ynode {
	enum ykind kind;
	enum ystyle style;
	struct pos pos, end;
	const char *str; /* scalars */
	size_t len;
	size_t n;        /* pairs or items */
	struct ypair *pairs;
	struct ynode **items;
};

/* Parses the bytes [start, end) of src (offsets; line numbers stay those of
 * the file). Nodes live in arena. Returns the root, or NULL if the text is
 * empty or on error (then diagnostics were added). */
struct ynode *yaml_load(const struct source *src, size_t start, size_t end,
			struct arena *arena, struct diag *d);

/* Sets path ("meeting.chair.name") to a plain scalar, making mappings on
 * the way; `at` is where the setting came from (the command line). */
bool ytree_set(struct ynode *root, const char *path, const char *value, struct pos at,
	       struct arena *ar, struct diag *d);

/* A plain scalar that is a finite number (strtod, C locale: vanban never
 * sets LC_NUMERIC). */
bool ynode_number(const struct ynode *v, double *out);

/* Looks up a key in a map; NULL if absent or not a map. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
/* "a scalar", "a mapping", "a list" - for messages. */
const char *ykind_name(const struct ynode *n);

#endif
