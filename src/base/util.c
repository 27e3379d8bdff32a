/* util.c - allocation helpers, growable buffers, arena, file reading. */
#include "base.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void out_of_memory(void)
{
	write_abandon();
	/* i18n allocates nothing: the message can be translated. */
	fputs(_("vanban: error: out of memory\n"), stderr);
	/* Not exit(): atexit handlers and stdio buffers may need memory too. */
	_exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = 0;
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_add(b, small, (size_t)n);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, big, (size_t)n);
	free(big);
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_take(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct arena_block *b = a->head;
	if (!b || b->used + n > b->size) {
		size_t size = n > 16384 ? n : 16384;
		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return NULL;
	if (f != stdin)
		input_note(fileno(f));
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	int err = 0;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b.len + n > VB_MAX_INPUT) {
			err = EFBIG;
			break;
		}
		buf_add(&b, chunk, n);
	}
	if (!err && ferror(f))
		err = errno;
	if (f != stdin)
		fclose(f);
	if (err) {
		buf_free(&b);
		errno = err;
		return NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

/* Appends the components of rel to the absolute path in b, "." dropped
 * and ".." taking one back (never above "/"). */
static void push_parts(struct buf *b, const char *rel)
{
	for (const char *c = rel; *c;) {
		size_t n = strcspn(c, "/");
		if (n == 2 && !memcmp(c, "..", 2)) {
			while (b->len > 1 && b->data[b->len - 1] != '/')
				b->len--;
			if (b->len > 1)
				b->len--;
			b->data[b->len] = 0;
		} else if (n && !(n == 1 && c[0] == '.')) {
			if (b->len > 1)
				buf_putc(b, '/');
			buf_add(b, c, n);
		}
		c += n;
		while (*c == '/')
			c++;
	}
}

char *path_lexical(const char *path)
{
	struct buf b = {0};
	if (path[0] == '/') {
		buf_putc(&b, '/');
	} else {
		char cwd[PATH_MAX];
		buf_printf(&b, "%s", getcwd(cwd, sizeof cwd) ? cwd : "/");
	}
	push_parts(&b, path);
	return buf_take(&b);
}

char *path_real(const char *path)
{
	char *lex = path_lexical(path);
	char *r = realpath(lex, NULL);
	if (r) {
		free(lex);
		return r;
	}
	/* The longest part that exists, with its links followed; the rest
	 * (not there yet, or not readable) as written. */
	size_t cut = strlen(lex);
	while (cut > 1) {
		while (cut > 1 && lex[cut - 1] != '/')
			cut--;
		if (cut > 1)
			cut--;
		char save = lex[cut];
		lex[cut] = 0;
		r = realpath(cut ? lex : "/", NULL);
		lex[cut] = save;
		if (r)
			break;
	}
	struct buf b = {0};
	buf_printf(&b, "%s", r ? r : "/");
	free(r);
	push_parts(&b, lex + cut);
	free(lex);
	return buf_take(&b);
}

bool path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (n == 1 && dir[0] == '/')
		return path[0] == '/';
	return !strncmp(path, dir, n) && (path[n] == 0 || path[n] == '/');
}

char *path_join(const char *dir, const char *name)
{
	if (name[0] == '/' || !dir || !strcmp(dir, "."))
		return xstrdup(name);
	struct buf b = {0};
	buf_printf(&b, "%s/%s", dir, name);
	return buf_take(&b);
}


