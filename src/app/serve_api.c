/* serve_api.c - the routes of `vanban serve`: the workspace's page and its
 * files, the folder's documents, a document's text, its preview (SVG pages
 * and diagnostics as JSON), a new document, saving, the PDF, and issuing a
 * number through the register. Every document goes through the same
 * pipeline as `vanban render`; names are files directly inside the folder
 * (no '/', no "..", no hidden files, no link that leads out). */
#include "serve.h"
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcmp(s + a - b, suf);
}

static void reply(struct serve_reply *out, int status, const char *type, struct buf *b)
{
	out->status = status;
	out->type = type;
	out->len = b->len;
	out->body = buf_take(b);
}

/* A document's name as a file directly in the folder: the reason it is
 * not one, or NULL and its path (malloc'd) in *path. An existing file
 * must be a regular file whose real place is inside the folder. */
static const char *doc_path(const struct server *s, const char *name, char **path, int *status)
{
	*status = 400;
	if (!name || !*name)
		return "no document named (name=...)";
	if (strlen(name) > 200)
		return "the name is too long";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\')
			return "a name is a file of the folder: no '/' and no control characters";
	if (name[0] == '.' || strstr(name, ".."))
		return "a name may not start with '.' nor hold \"..\"";
	if (!ends_with(name, ".yaml") && !ends_with(name, ".md"))
		return "a document's name ends with .yaml or .md";
	*path = path_join(s->dir, name);
	struct stat st;
	if (lstat(*path, &st) == 0) {
		char *real = path_real(*path);
		bool inside = real && path_under(real, s->dir);
		free(real);
		if (!inside || stat(*path, &st) != 0 || !S_ISREG(st.st_mode)) {
			free(*path);
			*path = NULL;
			*status = 403;
			return "the name leads outside the folder, or not to a file";
		}
	}
	return NULL;
}

/* The front matter of a .md text: its end, or len for a .yaml text. */
static size_t yaml_end(const char *t, size_t len, bool md)
{
	if (!md || strncmp(t, "---\n", 4))
		return len;
	for (const char *p = t + 3; (p = strchr(p, '\n'));) {
		p++;
		if ((!strncmp(p, "---", 3) || !strncmp(p, "...", 3)) &&
		    (p[3] == '\n' || p[3] == 0 || p[3] == '\r'))
			return (size_t)(p - t);
	}
	return len;
}

static const char *scalar(const struct ynode *root, const char *key)
{
	const struct ynode *v = ymap_get(root, key);
	return v && v->kind == Y_SCALAR ? v->str : NULL;
}

static const char *const sev_name[] = {"error", "warning", "note"};

/* The diagnostics as a JSON array; those of the document itself carry
 * "file": "" so the page can place them at their field. */
static void diags_json(struct buf *b, const struct diag *d, const char *display)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < d->list.n; i++) {
		const struct diagnostic *g = &d->list.v[i];
		const char *file = g->pos.src ? g->pos.src->name : "";
		buf_printf(b, "%s{\"severity\":\"%s\",\"file\":", i ? "," : "", sev_name[g->sev]);
		json_str(b, strcmp(file, display) ? file : "");
		buf_printf(b, ",\"line\":%d,\"col\":%d,\"message\":", g->pos.line, g->pos.col);
		json_str(b, g->msg);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

static void diag_reply(struct serve_reply *out, int status, const struct diag *d,
		       const char *display)
{
	struct buf b = {0};
	buf_puts(&b, "{\"ok\":false,\"diagnostics\":");
	diags_json(&b, d, display);
	buf_puts(&b, "}\n");
	reply(out, status, "application/json", &b);
}

static struct render_opts base_opts(const struct server *s)
{
	struct render_opts o = {0};
	o.datadir = s->datadir;
	return o;
}

/* A file of the data directory's web/ (the page, its script and style),
 * or fonts/. */
static void data_file(const struct server *s, const char *sub, const char *name,
		      const char *type, struct serve_reply *out)
{
	char *dir = datadir_path(s->datadir, sub, NULL);
	char *path = datadir_path(s->datadir, sub, name);
	char *real = path_real(path), *rdir = path_real(dir);
	size_t len;
	char *data = real && rdir && path_under(real, rdir) ? read_file(path, &len) : NULL;
	free(dir);
	free(path);
	free(real);
	free(rdir);
	if (!data) {
		serve_error(out, 404, "no such file");
		return;
	}
	out->status = 200;
	out->type = type;
	out->body = data;
	out->len = len;
}

/* The page, with the run's token in its <meta name="vanban-token">. */
static void page(const struct server *s, struct serve_reply *out)
{
	data_file(s, "web", "index.html", "text/html; charset=utf-8", out);
	if (out->status != 200)
		return;
	struct buf b = {0};
	const char *mark = "{{token}}";
	char *at = strstr(out->body, mark);
	if (at) {
		buf_add(&b, out->body, (size_t)(at - out->body));
		buf_puts(&b, s->token);
		buf_puts(&b, at + strlen(mark));
		free(out->body);
		reply(out, 200, out->type, &b);
	}
}

static bool font_name_ok(const char *n)
{
	if (!*n || n[0] == '.' || !ends_with(n, ".ttf"))
		return false;
	for (; *n; n++)
		if (!(*n >= 'a' && *n <= 'z') && !(*n >= 'A' && *n <= 'Z') &&
		    !(*n >= '0' && *n <= '9') && *n != '-' && *n != '_' && *n != '.')
			return false;
	return true;
}

/* One document of the listing: its type, number, date and subject as the
 * YAML says them (a file that does not parse is listed with what it has). */
static void list_entry(struct buf *b, const struct server *s, const char *name,
		       const struct doctypes *types, bool first)
{
	char *path = path_join(s->dir, name);
	size_t len;
	char *text = read_file(path, &len);
	free(path);
	if (!text)
		return;
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	struct source *src = srcset_take(&files, name, text, len, &d);
	struct ynode *root = src ? yaml_load(src, 0, yaml_end(src->text, src->len,
							       ends_with(name, ".md")), &ar, &d) : NULL;
	const char *type = root ? scalar(root, "type") : NULL;
	const struct doctype *dt = type ? doctype_find(types, type) : NULL;
	buf_printf(b, "%s{\"name\":", first ? "" : ",");
	json_str(b, name);
	buf_puts(b, ",\"type\":");
	json_str(b, type);
	buf_puts(b, ",\"type_name\":");
	json_str(b, dt ? (dt->name[0] ? dt->name : "CÔNG VĂN") : "");
	buf_puts(b, ",\"number\":");
	json_str(b, root ? scalar(root, "number") : NULL);
	buf_puts(b, ",\"date\":");
	json_str(b, root ? scalar(root, "date") : NULL);
	buf_puts(b, ",\"subject\":");
	json_str(b, root ? scalar(root, "subject") : NULL);
	buf_printf(b, ",\"certificate\":%s,\"valid\":%s}", dt && dt->certificate ? "true" : "false",
		   d.errors ? "false" : "true");
	arena_free(&ar);
	diag_free(&d);
	srcset_free(&files);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const struct server *s, struct serve_reply *out)
{
	struct doctypes types = {0};
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	doctypes_load(&types, s->datadir, &files, &ar, &d);
	VEC(char *) names = {0};
	DIR *dir = opendir(s->dir);
	for (struct dirent *e; dir && (e = readdir(dir));) {
		char *p = NULL;
		int status;
		if (doc_path(s, e->d_name, &p, &status) || !p) {
			free(p);
			continue;
		}
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			vec_push(&names, xstrdup(e->d_name));
		free(p);
	}
	if (dir)
		closedir(dir);
	qsort(names.v, names.n, sizeof *names.v, cmp_str);
	struct buf b = {0};
	buf_puts(&b, "{\"dir\":");
	json_str(&b, s->dir);
	buf_puts(&b, ",\"docs\":[");
	for (size_t i = 0; i < names.n; i++) {
		list_entry(&b, s, names.v[i], &types, i == 0);
		free(names.v[i]);
	}
	vec_free(&names);
	buf_puts(&b, "],\"types\":[");
	for (size_t i = 0; i < types.v.n; i++) {
		buf_printf(&b, "%s{\"key\":", i ? "," : "");
		json_str(&b, types.v.v[i].key);
		buf_puts(&b, ",\"name\":");
		json_str(&b, types.v.v[i].name[0] ? types.v.v[i].name : "CÔNG VĂN");
		buf_printf(&b, ",\"certificate\":%s}", types.v.v[i].certificate ? "true" : "false");
	}
	buf_puts(&b, "]}\n");
	doctypes_free(&types);
	arena_free(&ar);
	diag_free(&d);
	srcset_free(&files);
	reply(out, 200, "application/json", &b);
}

/* How the form shows each key of model_doc_keys: a kind and a label. A
 * key the table lacks is edited in the YAML view only. */
static const struct {
	const char *key, *kind, *label;
} form_keys[] = {
	{"type", "type", "Loại văn bản"},
	{"style", "text", "Thể thức (style)"},
	{"issuer", "issuer", "Cơ quan ban hành"},
	{"number", "text", "Số"},
	{"code", "text", "Ký hiệu"},
	{"place", "text", "Địa danh"},
	{"date", "date", "Ngày ban hành"},
	{"title", "text", "Tên loại (nếu khác)"},
	{"subject", "textarea", "Trích yếu nội dung"},
	{"body", "markdown", "Nội dung (Markdown)"},
	{"body_file", "text", "Tệp nội dung"},
	{"signature", "signature", "Chữ ký"},
	{"recipients", "list", "Nơi nhận"},
	{"archive", "text", "Lưu"},
	{"to", "list", "Kính gửi"},
	{"urgency", "urgency", "Độ khẩn"},
	{"circulation", "text", "Phạm vi lưu hành"},
	{"drafter", "text", "Người soạn thảo"},
	{"copies", "number", "Số lượng bản"},
	{"contact", "list", "Địa chỉ liên hệ"},
	{"appendices", "yaml", "Phụ lục"},
	{"template", "text", "Mẫu nội dung"},
	{"meeting", "yaml", "Cuộc họp"},
	{"data", "yaml", "Dữ liệu mẫu"},
	{"attachment", "yaml", "Phụ lục kèm theo (tệp riêng)"},
	{"copy", "yaml", "Bản sao"},
	{"qr", "yaml", "Mã QR xác thực"},
};

static void schema(struct serve_reply *out)
{
	struct buf b = {0};
	buf_puts(&b, "{\"keys\":[");
	for (size_t i = 0; i < model_doc_nkeys; i++) {
		const char *kind = "yaml", *label = model_doc_keys[i];
		for (size_t k = 0; k < sizeof form_keys / sizeof form_keys[0]; k++)
			if (!strcmp(form_keys[k].key, model_doc_keys[i])) {
				kind = form_keys[k].kind;
				label = form_keys[k].label;
			}
		buf_printf(&b, "%s{\"key\":", i ? "," : "");
		json_str(&b, model_doc_keys[i]);
		buf_puts(&b, ",\"kind\":");
		json_str(&b, kind);
		buf_puts(&b, ",\"label\":");
		json_str(&b, label);
		buf_puts(&b, "}");
	}
	buf_puts(&b, "]}\n");
	reply(out, 200, "application/json", &b);
}

static void file(const struct server *s, const char *name, struct serve_reply *out)
{
	char *path = NULL;
	int status;
	const char *why = doc_path(s, name, &path, &status);
	size_t len;
	char *text = why ? NULL : read_file(path, &len);
	free(path);
	if (why || !text) {
		serve_error(out, why ? status : 404, why ? why : "no such document");
		return;
	}
	struct buf b = {0};
	buf_puts(&b, "{\"name\":");
	json_str(&b, name);
	buf_puts(&b, ",\"text\":");
	json_str(&b, text);
	buf_puts(&b, "}\n");
	free(text);
	reply(out, 200, "application/json", &b);
}

/* The signer authorities the document's style allows, for the form. */
static void authorities(struct buf *b, const struct server *s, const struct source *src,
			const char *name)
{
	struct diag d = {0};
	struct arena ar = {0};
	struct srcset files = {0};
	struct ynode *root = yaml_load(src, 0, yaml_end(src->text, src->len, ends_with(name, ".md")),
				       &ar, &d);
	const char *style = root ? scalar(root, "style") : NULL;
	struct style *st = style_load(style ? style : "nd30", pos_none(), s->datadir, s->dir,
				      &files, &d);
	buf_puts(b, "[");
	for (int i = 0; st && i < st->nauthorities; i++) {
		if (i)
			buf_putc(b, ',');
		json_str(b, st->authorities[i]);
	}
	buf_puts(b, "]");
	style_free(st);
	srcset_free(&files);
	arena_free(&ar);
	diag_free(&d);
}

/* The text sent, rendered as the file name would be (its folder, its
 * extension) but from memory: rc, the bytes and the diagnostics. */
static int render_text(const struct server *s, struct render_opts *o, const char *name,
		       const struct serve_req *r, struct srcset *files, struct diag *d,
		       const struct source **srcp, char **bytes, size_t *blen)
{
	char *path = path_join(s->dir, name);
	char *raw = xmalloc(r->len + 1);
	memcpy(raw, r->body, r->len);
	raw[r->len] = 0;
	const struct source *src = srcset_take(files, name, raw, r->len, d);
	*srcp = src;
	int rc = src ? render_source(o, src, path, files, d, bytes, blen) : 1;
	free(path);
	return rc;
}

static void preview(const struct server *s, const struct serve_req *r, const char *name,
		    struct serve_reply *out)
{
	char *path = NULL;
	int status;
	const char *why = doc_path(s, name, &path, &status);
	free(path);
	if (why) {
		serve_error(out, status, why);
		return;
	}
	struct render_opts o = base_opts(s);
	o.format = OUT_SVG_PAGES;
	o.font_url = "/fonts/";
	struct srcset files = {0};
	struct diag d = {0};
	const struct source *src = NULL;
	char *bytes = NULL;
	size_t blen = 0;
	int rc = render_text(s, &o, name, r, &files, &d, &src, &bytes, &blen);
	struct buf b = {0};
	buf_printf(&b, "{\"ok\":%s,\"pages\":[", rc ? "false" : "true");
	for (char *p = bytes; p && *p;) {
		char *ff = strchr(p, '\f');
		if (ff)
			*ff = 0;
		if (p != bytes)
			buf_putc(&b, ',');
		json_str(&b, p);
		p = ff ? ff + 1 : p + strlen(p);
	}
	buf_puts(&b, "],\"diagnostics\":");
	diags_json(&b, &d, name);
	buf_puts(&b, ",\"authorities\":");
	if (src)
		authorities(&b, s, src, name);
	else
		buf_puts(&b, "[]");
	buf_puts(&b, "}\n");
	free(bytes);
	diag_free(&d);
	srcset_free(&files);
	reply(out, 200, "application/json", &b);
}

/* Saves only a document without errors, through write_output (a
 * temporary file renamed over the old one): the file on disk is always
 * the last good one. */
static void save(const struct server *s, const struct serve_req *r, const char *name,
		 struct serve_reply *out)
{
	char *path = NULL;
	int status;
	const char *why = doc_path(s, name, &path, &status);
	if (why) {
		serve_error(out, status, why);
		return;
	}
	struct render_opts o = base_opts(s);
	o.check_only = true;
	struct srcset files = {0};
	struct diag d = {0};
	const struct source *src;
	char *bytes = NULL;
	size_t blen = 0;
	int rc = render_text(s, &o, name, r, &files, &d, &src, &bytes, &blen);
	free(bytes);
	if (rc || d.errors) {
		diag_reply(out, 422, &d, name);
	} else if (write_output(path, r->body, r->len) != 0) {
		serve_error(out, 500, "cannot write the file (see the server's messages)");
	} else {
		struct buf b = {0};
		buf_puts(&b, "{\"ok\":true,\"name\":");
		json_str(&b, name);
		buf_puts(&b, "}\n");
		reply(out, 200, "application/json", &b);
	}
	free(path);
	diag_free(&d);
	srcset_free(&files);
}

/* A new document of a type from web/new.yaml, dated today; an existing
 * file is never replaced. */
static void new_doc(const struct server *s, const char *type, const char *name,
		    struct serve_reply *out)
{
	char *path = NULL;
	int status;
	const char *why = doc_path(s, name, &path, &status);
	if (why) {
		serve_error(out, status, why);
		return;
	}
	struct doctypes types = {0};
	struct srcset files = {0};
	struct diag d = {0};
	struct arena ar = {0};
	doctypes_load(&types, s->datadir, &files, &ar, &d);
	const struct doctype *dt = type ? doctype_find(&types, type) : NULL;
	char *tpath = datadir_path(s->datadir, "web", "new.yaml");
	size_t tlen;
	char *tmpl = dt && !dt->certificate ? read_file(tpath, &tlen) : NULL;
	free(tpath);
	if (!tmpl) {
		serve_error(out, !dt || dt->certificate ? 400 : 500,
			    !dt ? "no such document type (type=...)"
			    : dt->certificate ? "a certificate batch is not made from the template "
						"(see docs/certificates.md)"
			    : "no template for new documents (web/new.yaml)");
		goto done;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	char date[16];
	strftime(date, sizeof date, "%Y-%m-%d", &tm);
	struct buf b = {0};
	for (const char *p = tmpl; *p;) {
		if (!strncmp(p, "{{type}}", 8)) {
			buf_puts(&b, dt->key);
			p += 8;
		} else if (!strncmp(p, "{{date}}", 8)) {
			buf_puts(&b, date);
			p += 8;
		} else {
			buf_putc(&b, *p++);
		}
	}
	free(tmpl);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0) {
		serve_error(out, errno == EEXIST ? 409 : 500,
			    errno == EEXIST ? "a document of that name is already there"
					    : "cannot make the file");
		buf_free(&b);
		goto done;
	}
	bool ok = write(fd, b.data, b.len) == (ssize_t)b.len;
	ok &= close(fd) == 0;
	buf_free(&b);
	if (!ok) {
		unlink(path);
		serve_error(out, 500, "cannot write the file");
		goto done;
	}
	buf_puts(&b, "{\"ok\":true,\"name\":");
	json_str(&b, name);
	buf_puts(&b, "}\n");
	reply(out, 200, "application/json", &b);
done:
	free(path);
	doctypes_free(&types);
	arena_free(&ar);
	diag_free(&d);
	srcset_free(&files);
}

static char *pdf_name(const char *name)
{
	struct buf b = {0};
	const char *dot = strrchr(name, '.');
	buf_add(&b, name, (size_t)(dot - name));
	buf_puts(&b, ".pdf");
	return buf_take(&b);
}

/* The path of a document of the folder that exists; NULL after the
 * refusal (a name not allowed, or no such file) is the reply. */
static char *existing_doc(const struct server *s, const char *name, struct serve_reply *out)
{
	char *path = NULL;
	int status;
	const char *why = doc_path(s, name, &path, &status);
	if (why || access(path, F_OK)) {
		serve_error(out, why ? status : 404, why ? why : "no such document");
		free(path);
		return NULL;
	}
	return path;
}

/* The saved file's PDF: the bytes `vanban render FILE [--pdfa]` writes. */
static void pdf(const struct server *s, const char *name, bool pdfa, struct serve_reply *out)
{
	char *path = existing_doc(s, name, out);
	if (!path)
		return;
	struct render_opts o = base_opts(s);
	o.pdfa = pdfa;
	struct srcset files = {0};
	struct diag d = {0};
	char *bytes = NULL;
	size_t len = 0;
	int rc = render_document(&o, path, &files, &d, &bytes, &len);
	if (rc) {
		diag_reply(out, 422, &d, path);
		free(bytes);
	} else {
		out->status = 200;
		out->type = "application/pdf";
		out->body = bytes;
		out->len = len;
		out->attachment = pdf_name(name);
	}
	free(path);
	diag_free(&d);
	srcset_free(&files);
}

/* `number: auto`: the next number from the register, and the PDF written
 * beside the document inside the register's transaction, as
 * `vanban render --issue FILE` does. */
static void issue_number(const struct server *s, const char *name, struct serve_reply *out)
{
	char *path = existing_doc(s, name, out);
	if (!path)
		return;
	struct render_opts o = base_opts(s);
	struct issued num = {0};
	char *pname = pdf_name(name);
	char *opath = path_join(s->dir, pname);
	o.issue = true;
	o.issued = &num;
	o.out_path = opath;
	struct srcset files = {0};
	struct diag d = {0};
	char *bytes = NULL;
	size_t len = 0;
	int rc = render_document(&o, path, &files, &d, &bytes, &len);
	free(bytes);
	if (rc) {
		diag_reply(out, rc == 1 ? 422 : 500, &d, path);
	} else if (!num.code) {
		serve_error(out, 422, "the register gives a number to a document whose number "
			    "is 'auto' only");
	} else {
		struct buf b = {0};
		buf_printf(&b, "{\"ok\":true,\"number\":%d,\"year\":%d,\"code\":", num.number,
			   num.year);
		json_str(&b, num.code);
		buf_puts(&b, ",\"pdf\":");
		json_str(&b, pname);
		buf_puts(&b, "}\n");
		reply(out, 200, "application/json", &b);
	}
	free(num.code);
	free(pname);
	free(opath);
	free(path);
	diag_free(&d);
	srcset_free(&files);
}

static void route(struct server *s, const struct serve_req *r, struct serve_reply *out);

/* Every answer in Vietnamese: the catalog is used while a request is
 * handled (one at a time, on the server's thread), as the environment
 * says otherwise. */
void serve_route(struct server *s, const struct serve_req *r, struct serve_reply *out)
{
	bool vi = i18n_active();
	i18n_use(true);
	route(s, r, out);
	i18n_use(vi);
}

static void route(struct server *s, const struct serve_req *r, struct serve_reply *out)
{
	input_forget();
	const char *p = r->path;
	bool get = !strcmp(r->method, "GET"), post = !strcmp(r->method, "POST");
	const char *name = r->arg(r->ctx, "name");
	if (get && !strcmp(p, "/"))
		page(s, out);
	else if (get && !strcmp(p, "/static/app.js"))
		data_file(s, "web", "app.js", "text/javascript; charset=utf-8", out);
	else if (get && !strcmp(p, "/static/app.css"))
		data_file(s, "web", "app.css", "text/css; charset=utf-8", out);
	else if (get && !strncmp(p, "/fonts/", 7) && font_name_ok(p + 7))
		data_file(s, "fonts", p + 7, "font/ttf", out);
	else if (get && !strcmp(p, "/favicon.ico"))
		*out = (struct serve_reply){204, "image/x-icon", NULL, 0, NULL};
	else if (get && !strcmp(p, "/api/list"))
		list(s, out);
	else if (get && !strcmp(p, "/api/schema"))
		schema(out);
	else if (get && !strcmp(p, "/api/file"))
		file(s, name, out);
	else if (get && !strcmp(p, "/api/pdf"))
		pdf(s, name, r->arg(r->ctx, "pdfa") != NULL, out);
	else if (post && !strcmp(p, "/api/preview"))
		preview(s, r, name, out);
	else if (post && !strcmp(p, "/api/save"))
		save(s, r, name, out);
	else if (post && !strcmp(p, "/api/new"))
		new_doc(s, r->arg(r->ctx, "type"), name, out);
	else if (post && !strcmp(p, "/api/issue"))
		issue_number(s, name, out);
	else
		serve_error(out, 404, "no such page");
}
