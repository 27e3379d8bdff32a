/* serve.c - the workspace's HTTP server (libmicrohttpd, one thread: the
 * pipeline is not shared between requests) and its guards, checked before
 * any route sees a request: the Host and Origin must be the server's own
 * (DNS rebinding, cross-site requests), a POST must carry the run's token,
 * a body is at most SERVE_MAX_BODY bytes, an idle connection is closed
 * after SERVE_TIMEOUT seconds. */
#include "serve.h"
#include "cli.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* libmicrohttpd is opened when the server starts, not linked: the other
 * commands, run thousands of times in a batch, do not pay for loading it
 * and the TLS libraries it brings (about 1.3 ms a run). */
#define MHD_FUNCS(X) X(start_daemon) X(stop_daemon) X(create_response_from_buffer) \
	X(destroy_response) X(add_response_header) X(lookup_connection_value) X(queue_response)
static struct {
#define FIELD(f) __typeof__(MHD_##f) *f;
	MHD_FUNCS(FIELD)
#undef FIELD
} mhd;

static const char *mhd_open(void)
{
	void *h = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return dlerror();
#define LOAD(f) if (!(mhd.f = (__typeof__(mhd.f))dlsym(h, "MHD_" #f))) return dlerror();
	MHD_FUNCS(LOAD)
#undef LOAD
	return NULL;
}
#define MHD_start_daemon mhd.start_daemon
#define MHD_stop_daemon mhd.stop_daemon
#define MHD_create_response_from_buffer mhd.create_response_from_buffer
#define MHD_destroy_response mhd.destroy_response
#define MHD_add_response_header mhd.add_response_header
#define MHD_lookup_connection_value mhd.lookup_connection_value
#define MHD_queue_response mhd.queue_response

struct daemon_ctx {
	struct server *s;
	char host[64], local[64]; /* the Host values accepted */
};

/* One request as it arrives. */
struct conn {
	struct buf body;
	bool too_big;
};

static const char usage[] = N_("usage: vanban serve [DIR] [--listen ADDR:PORT]\n");

void json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == 0x7F)
			buf_printf(b, "\\u%04x", *p);
		else if (*p == '<')
			buf_puts(b, "\\u003c"); /* never "</script>" in a page */
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

void serve_error(struct serve_reply *out, int status, const char *msg)
{
	struct buf b = {0};
	buf_puts(&b, "{\"error\":");
	json_str(&b, msg);
	buf_puts(&b, "}\n");
	out->status = status;
	out->type = "application/json";
	out->len = b.len;
	out->body = buf_take(&b);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct serve_reply *r)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		r->len, r->body ? r->body : (char *)"", r->body ? MHD_RESPMEM_MUST_FREE
							       : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(r->body);
		free(r->attachment);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->type ? r->type : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; font-src 'self' data:; "
				"style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
				"form-action 'self'; base-uri 'none'");
	if (r->attachment) {
		struct buf h = {0};
		buf_printf(&h, "attachment; filename=\"%s\"", r->attachment);
		MHD_add_response_header(resp, "Content-Disposition", h.data);
		buf_free(&h);
		free(r->attachment);
	}
	enum MHD_Result ok = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

static enum MHD_Result refuse(struct MHD_Connection *c, int status, const char *msg)
{
	struct serve_reply r = {0};
	serve_error(&r, status, msg);
	return send_reply(c, &r);
}

/* The token compared in a time that does not tell how much of it was
 * right. */
static bool same_token(const char *got, const char *want)
{
	if (!got || strlen(got) != strlen(want))
		return false;
	unsigned char diff = 0;
	for (size_t i = 0; want[i]; i++)
		diff |= (unsigned char)(got[i] ^ want[i]);
	return diff == 0;
}

/* Why the request may not go further, or NULL. */
static const char *guard(struct daemon_ctx *dc, struct MHD_Connection *c, const char *method,
			 int *status)
{
	*status = 403;
	const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	if (!host) {
		*status = 400;
		return "a request names its Host";
	}
	if (strcasecmp(host, dc->host) && (!dc->local[0] || strcasecmp(host, dc->local)))
		return "the Host is not this server's";
	const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	if (origin) {
		bool own = !strncmp(origin, "http://", 7) &&
			   (!strcasecmp(origin + 7, dc->host) ||
			    (dc->local[0] && !strcasecmp(origin + 7, dc->local)));
		if (!own)
			return "the request comes from another site";
	}
	if (strcmp(method, "GET") && strcmp(method, "POST")) {
		*status = 405;
		return "only GET and POST";
	}
	if (!strcmp(method, "POST")) {
		const char *tok = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Vanban-Token");
		if (!same_token(tok, dc->s->token))
			return "a change needs the token of this run (reload the page)";
	}
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (cl && strtoull(cl, NULL, 10) > SERVE_MAX_BODY) {
		*status = 413;
		return "the request is too large (at most 2 MB)";
	}
	return NULL;
}

static const char *get_arg(void *ctx, const char *key)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload, size_t *upload_size, void **con_cls)
{
	struct daemon_ctx *dc = cls;
	struct conn *cn = *con_cls;
	if (!cn) {
		int status;
		const char *why = guard(dc, c, method, &status);
		if (why)
			return refuse(c, status, why);
		*con_cls = xcalloc(1, sizeof *cn);
		return MHD_YES;
	}
	if (*upload_size) {
		if (cn->body.len + *upload_size > SERVE_MAX_BODY)
			cn->too_big = true;
		else
			buf_add(&cn->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (cn->too_big)
		return refuse(c, 413, "the request is too large (at most 2 MB)");
	struct serve_req r = {method, url, get_arg, c, cn->body.data ? cn->body.data : "",
			      cn->body.len};
	struct serve_reply out = {0};
	serve_route(dc->s, &r, &out);
	return send_reply(c, &out);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
		    enum MHD_RequestTerminationCode code)
{
	struct conn *cn = *con_cls;
	if (cn) {
		buf_free(&cn->body);
		free(cn);
		*con_cls = NULL;
	}
}

static bool make_token(char out[33])
{
	unsigned char raw[16];
	int fd = open("/dev/urandom", O_RDONLY);
	bool ok = fd >= 0 && read(fd, raw, sizeof raw) == (ssize_t)sizeof raw;
	if (fd >= 0)
		close(fd);
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", raw[i]);
	return ok;
}

/* ADDR:PORT, an IPv4 address. */
static bool parse_listen(const char *s, struct sockaddr_in *sa)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || colon - s > 15)
		return false;
	char addr[16];
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = 0;
	char *end;
	errno = 0;
	long port = strtol(colon + 1, &end, 10);
	if (!colon[1] || *end || errno || port < 0 || port > 65535)
		return false;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, addr, &sa->sin_addr) == 1;
}

int serve_command(int argc, char **argv)
{
	const char *dir = ".", *listen_at = "127.0.0.1:8030";
	bool have_dir = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen_at = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(_(usage), stdout);
			return 0;
		} else if (argv[i][0] != '-' && !have_dir) {
			dir = argv[i];
			have_dir = true;
		} else {
			struct buf q = {0};
			quote_into(&q, argv[i], strlen(argv[i]), DIAG_QUOTE_MAX);
			say("serve: unexpected '%s'", q.data ? q.data : "");
			fputs(_(usage), stderr);
			buf_free(&q);
			return 2;
		}
	}
	struct sockaddr_in sa;
	if (!parse_listen(listen_at, &sa)) {
		say("--listen takes ADDR:PORT with an IPv4 address, e.g. 127.0.0.1:8030");
		fputs(_(usage), stderr);
		return 2;
	}
	if (!is_dir(dir)) {
		struct buf q = {0};
		quote_into(&q, dir, strlen(dir), DIAG_QUOTE_MAX);
		say("serve: '%s' is not a directory", q.data ? q.data : "");
		buf_free(&q);
		return 2;
	}
	if (sa.sin_addr.s_addr == htonl(INADDR_ANY)) {
		say("--listen 0.0.0.0 names no address that requests could name in their Host; "
		    "give the address to listen on");
		fputs(_(usage), stderr);
		return 2;
	}
	bool loopback = (ntohl(sa.sin_addr.s_addr) >> 24) == 127;
	if (!loopback)
		say_warning("listening on %s: anyone who can reach it and sees the page can read "
			    "and change the folder", listen_at);
	struct server s = {path_real(dir), find_datadir(NULL), {0}};
	if (!s.datadir) {
		struct diag d = {0};
		free(app_datadir(&d));
		diag_print(&d, stderr);
		diag_free(&d);
		free(s.dir);
		return 2;
	}
	const char *why = mhd_open();
	if (why) {
		say_error("cannot load the HTTP server library (Debian package "
			  "libmicrohttpd12): %s", why);
		free(s.dir);
		free(s.datadir);
		return 3;
	}
	/* The workspace is in Vietnamese, its messages too (see serve_route);
	 * the server's own lines are in the user's language. */
	bool vi = i18n_active();
	i18n_load(s.datadir);
	i18n_use(vi);
	if (!make_token(s.token)) {
		say_error("cannot read /dev/urandom for the token");
		return 3;
	}
	/* The daemon's thread inherits the mask: the signals come to sigwait. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* The socket is ours, bound before the daemon starts, so that the
	 * port (chosen by the system for port 0) and with it the Host values
	 * accepted are known before the first request. */
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	socklen_t salen = sizeof sa;
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 32) ||
	    getsockname(fd, (struct sockaddr *)&sa, &salen)) {
		say_error("cannot listen on %s: %s", listen_at, errstr(errno));
		if (fd >= 0)
			close(fd);
		free(s.dir);
		free(s.datadir);
		return 3;
	}
	struct daemon_ctx dc = {&s, "", ""};
	unsigned port = ntohs(sa.sin_port);
	char addr[16];
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof addr);
	snprintf(dc.host, sizeof dc.host, "%s:%u", addr, port);
	if (loopback)
		snprintf(dc.local, sizeof dc.local, "localhost:%u", port);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, &dc,
		MHD_OPTION_LISTEN_SOCKET, fd,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_TIMEOUT,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
		MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_END);
	if (!d) {
		say_error("cannot start the server on %s", listen_at);
		close(fd);
		free(s.dir);
		free(s.datadir);
		return 3;
	}
	say("serving %s at http://%s/ (Ctrl-C stops)", s.dir, dc.host);
	int sig = 0;
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	free(s.dir);
	free(s.datadir);
	return 0;
}
