/* util.h - memory, growable buffers and arenas shared by every stage.
 *
 * Out-of-memory is not a recoverable condition for a document renderer:
 * the x* allocators print a message and abort. */
#ifndef VB_UTIL_H
#define VB_UTIL_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Growable byte buffer, always NUL-terminated once anything was added. */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Hands the bytes over to the caller (who frees them) and resets b. */
char *buf_take(struct buf *b);

/* Growable array of fixed-size elements: VEC(type) name; vec_push(&name). */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vec_grow(vp) \
	((vp)->n == (vp)->cap \
	 ? ((vp)->cap = (vp)->cap ? (vp)->cap * 2 : 8, \
	    (vp)->v = xrealloc((vp)->v, (vp)->cap * sizeof *(vp)->v)) : 0)
#define vec_push(vp, x) (vec_grow(vp), (vp)->v[(vp)->n++] = (x))
#define vec_free(vp) (free((vp)->v), (vp)->v = NULL, (vp)->n = (vp)->cap = 0)

/* Bump allocator: everything a document needs lives until arena_free. */
struct arena_block;
struct arena {
	struct arena_block *head;
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

/* dir/name, or name alone when it is absolute or dir is "." (malloc'd). */
char *path_join(const char *dir, const char *name);

/* Writes data to path ("-": standard output) through a temporary file and
 * a rename, so no reader ever sees half a file (through a link, the file it
 * names is replaced); a device or a pipe is written in place. Prints the
 * reason and returns 3 on failure, 0 on success. */
int write_output(const char *path, const char *data, size_t len);

/* Reads a whole file (path "-" reads stdin). Returns NULL and sets errno. */
char *read_file(const char *path, size_t *len);

#endif
