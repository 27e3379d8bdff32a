/* serve.h - `vanban serve`: the workspace in the browser. serve.c is the
 * HTTP server (the only file that sees libmicrohttpd) and its guards;
 * serve_api.c answers the routes. Private to src/app/. */
#ifndef VB_SERVE_H
#define VB_SERVE_H

#include "app.h"

/* Bounds on what one request may be. */
enum {
	SERVE_MAX_BODY = 2 << 20,  /* a document sent for preview or saving */
	SERVE_TIMEOUT = 30,        /* seconds a connection may stay idle */
};

struct server {
	char *dir;        /* the folder served, as path_real gives it */
	char *datadir;    /* templates, styles, fonts, web/ */
	char token[33];   /* asked of every POST: X-Vanban-Token */
};

/* A request that passed the guards. arg(ctx, "name") gives a query
 * argument (NULL when absent). */
struct serve_req {
	const char *method, *path;
	const char *(*arg)(void *ctx, const char *key);
	void *ctx;
	const char *body;
	size_t len;
};

struct serve_reply {
	int status;
	const char *type;       /* Content-Type */
	char *body;             /* malloc'd */
	size_t len;
	char *attachment;       /* malloc'd file name for Content-Disposition, or NULL */
};

/* Answers r into out (never fails: an error is a reply too). */
void serve_route(struct server *s, const struct serve_req *r, struct serve_reply *out);

/* A JSON error reply: {"error": msg}. */
void serve_error(struct serve_reply *out, int status, const char *msg);

/* Appends s as a JSON string (quoted, escaped). */
void json_str(struct buf *b, const char *s);

/* `vanban serve [DIR] [--listen ADDR:PORT]`, argv[0] being "serve". */
int serve_command(int argc, char **argv);

#endif
