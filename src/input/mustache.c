/* mustache.c - Mustache templates: a one-pass parser into a flat token list
 * and a renderer that walks it against a context stack of YAML nodes.
 *
 * Parsing is done once per template (partials are parsed on first use and
 * cached, always with the default delimiters, as the spec requires). Tokens
 * keep offsets into the template text; a section token knows where its
 * body ends, so the renderer skips or repeats a range of tokens. The
 * standalone-line rules are applied while parsing: a section, inverted,
 * closing, comment, partial or delimiter tag alone on its line (blanks
 * aside) takes the whole line with it. A standalone partial keeps the
 * line's indentation, which the renderer writes before every non-empty
 * line of the partial's own text (not inside interpolated values), nested
 * partials adding theirs to their parent's.
 *
 * Safety against hostile templates: delimiters are searched with memmem
 * from a position that only moves forward, so parsing is linear; sections
 * nest at most max_depth deep in one template, partials at most max_depth
 * deep, and recursion frames are capped whatever max_depth says; a work
 * budget and an output budget stop templates that expand exponentially
 * (a partial including itself twice) long before they exhaust anything,
 * and a look-up budget (ten times the work budget, in keys compared)
 * stops names looked up through thousands of nested sections. */
#define _GNU_SOURCE /* memmem */
#include "input.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum { DEFAULT_DEPTH = 64, MAX_FRAMES = 5000 };
#define DEFAULT_STEPS ((size_t)10000000)
#define DEFAULT_OUTPUT ((size_t)64 << 20)

enum ttype { T_TEXT, T_VAR, T_RAW, T_SECTION, T_INVERTED, T_PARTIAL };

struct tok {
	enum ttype type;
	size_t off, len;         /* the text, or the tag's name (trimmed) */
	size_t ind_off, ind_len; /* standalone partial: the line's indentation */
	size_t end;              /* sections: index of the token after the body */
	int line, col;           /* where the tag starts */
	bool standalone;
	bool reported;           /* a strict-mode error was given for this tag */
	struct tmpl *part;       /* partials: the cache entry, once looked up */
};

struct tmpl {
	char *name; /* partial name; NULL for the template given to render */
	size_t namelen;
	const char *text;
	size_t len;
	VEC(struct tok) toks;
};

struct render {
	const struct mu_opts *o;
	struct mu_errors *errs;
	struct buf out;
	struct buf ind;   /* indentation of the standalone partials being rendered */
	size_t pending;   /* bytes of ind to write before the next output */
	struct buf tmp, esc, field;
	VEC(const struct ynode *) stack;
	VEC(struct tmpl *) partials;
	int max_depth, partial_depth, frames;
	size_t steps, max_steps, max_output;
	size_t lookups, max_lookups; /* keys compared finding names in the context stack */
	int entry_line, entry_col; /* the outermost partial tag being rendered */
	bool failed, fatal;
};

void mu_errors_free(struct mu_errors *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].msg);
	vec_free(e);
}

/* How many bytes of a name to quote in a message: all of it, unless it is
 * very long (then up to a character boundary). */
static int shown(const char *s, size_t len)
{
	if (len <= 200)
		return (int)len;
	len = 200;
	while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return (int)len;
}

static char *vformat(const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return xstrdup("error");
	if ((size_t)n < sizeof small)
		return xstrdup(small);
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* Records an error at line:col of template t. Errors inside a partial go
 * to the outermost partial tag, the place inside the partial in the text. */
static void verror_at(struct render *r, const struct tmpl *t, int line, int col,
		      const char *fmt, va_list ap)
{
	char *msg = vformat(_(fmt), ap);
	r->failed = true;
	if (!r->errs) {
		free(msg);
		return;
	}
	struct mu_error e = {line, col, msg, false};
	if (t->name) {
		struct buf b = {0};
		buf_printf(&b, _("in partial '%.*s' at %d:%d: %s"), shown(t->name, t->namelen),
			   t->name, line, col, msg);
		free(msg);
		e = (struct mu_error){r->entry_line, r->entry_col, buf_take(&b), false};
	}
	vec_push(r->errs, e);
}

static void __attribute__((format(printf, 5, 6)))
error_at(struct render *r, const struct tmpl *t, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror_at(r, t, line, col, fmt, ap);
	va_end(ap);
}

/* ---- parsing ---- */

struct parser {
	struct render *r;
	struct tmpl *t;
	const char *s;
	size_t n;
	const char *open, *close; /* current delimiters (inside s, or static) */
	size_t olen, clen;
	size_t at;                /* position tracking for line:col */
	int line, col;
	VEC(size_t) sections;     /* the open sections' tokens, innermost last */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Moves the line:col cursor forward to offset to. */
static void advance(struct parser *p, size_t to)
{
	for (; p->at < to; p->at++) {
		unsigned char c = (unsigned char)p->s[p->at];
		if (c == '\n') {
			p->line += p->line < INT_MAX;
			p->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p->col += p->col < INT_MAX;
		}
	}
}

/* Offset of the first closing delimiter at or after from that is preceded,
 * inside the tag, by the byte before (unless before is 0); SIZE_MAX if
 * there is none. */
static size_t find_close(const struct parser *p, size_t from, char before)
{
	size_t at = from;
	while (at <= p->n) {
		const char *f = memmem(p->s + at, p->n - at, p->close, p->clen);
		if (!f)
			break;
		size_t k = (size_t)(f - p->s);
		if (!before || (k > from && p->s[k - 1] == before))
			return k;
		at = k + 1;
	}
	return SIZE_MAX;
}

static void add_text(struct parser *p, size_t from, size_t to, int line, int col)
{
	if (to <= from)
		return;
	struct tok k = {.type = T_TEXT, .off = from, .len = to - from, .line = line, .col = col};
	vec_push(&p->t->toks, k);
}

#define BAD_DELIMS N_("bad delimiter change: it must look like {{=<%% %%>=}}")

/* {{=a b=}}: the content [from, to) must be two blank-separated words. */
static bool set_delims(struct parser *p, size_t from, size_t to)
{
	const char *s = p->s;
	size_t a = from, a2, b, b2;
	for (a2 = a; a2 < to && !is_space(s[a2]); a2++)
		;
	for (b = a2; b < to && is_space(s[b]); b++)
		;
	for (b2 = b; b2 < to && !is_space(s[b2]); b2++)
		;
	if (a2 == a || b2 == b || b2 != to)
		return false;
	p->open = s + a;
	p->olen = a2 - a;
	p->close = s + b;
	p->clen = b2 - b;
	return true;
}

static bool same_name(const struct tmpl *t, const struct tok *a, size_t off, size_t len)
{
	return a->len == len && !memcmp(t->text + a->off, t->text + off, len);
}

/* A tag as found in the text: offsets into it. */
struct tag {
	char kind;        /* '!', '#', '^', '/', '>', '&', '{', '=', or 0: a variable */
	size_t ts, te;    /* the tag, its delimiters included */
	size_t ns, ne;    /* its content, blanks trimmed */
	int line, col;    /* where the tag starts */
	int tline, tcol;  /* where the text before it starts */
	bool standalone;  /* alone on its line: the line goes with it */
	size_t ls, next;  /* standalone: the start of its line, and of the text after */
};

/* Finds the next tag at or after pos (the text before it is left to the
 * caller). Returns 1 with g filled in; 0 when there is no tag left, the
 * rest having been added as text; -1 after recording an error. */
static int next_tag(struct parser *p, size_t pos, struct tag *g)
{
	struct tmpl *t = p->t;
	const char *s = p->s;
	advance(p, pos);
	const char *f = pos < p->n ? memmem(s + pos, p->n - pos, p->open, p->olen) : NULL;
	if (!f) {
		add_text(p, pos, p->n, p->line, p->col);
		return 0;
	}
	size_t ts = (size_t)(f - s), cs = ts + p->olen, ce;
	g->tline = p->line;
	g->tcol = p->col;
	advance(p, ts);
	int line = p->line, col = p->col;
	char kind = cs < p->n ? s[cs] : 0;
	switch (kind) {
	case '{':
	case '=':
		cs++;
		ce = find_close(p, cs, kind == '{' ? '}' : '=');
		if (ce == SIZE_MAX && kind == '=' && find_close(p, cs, 0) != SIZE_MAX) {
			error_at(p->r, t, line, col, BAD_DELIMS);
			return -1;
		}
		break;
	case '!':
	case '#':
	case '^':
	case '/':
	case '>':
	case '&':
		cs++;
		ce = find_close(p, cs, 0);
		break;
	default:
		kind = 0;
		ce = find_close(p, cs, 0);
	}
	if (ce == SIZE_MAX) {
		error_at(p->r, t, line, col, "unclosed tag: no '%s%.*s' after it",
			 kind == '{' ? "}" : kind == '=' ? "=" : "", shown(p->close, p->clen),
			 p->close);
		return -1;
	}
	g->kind = kind;
	g->ts = ts;
	g->te = ce + p->clen;
	g->line = line;
	g->col = col;
	if (kind == '{' || kind == '=')
		ce--; /* the '}' or '=' before the delimiter */
	size_t ns = cs, ne = ce;
	while (ns < ne && is_space(s[ns]))
		ns++;
	while (ne > ns && is_space(s[ne - 1]))
		ne--;
	g->ns = ns;
	g->ne = ne;
	return 1;
}

/* Standalone: blanks only before the tag on its line (from pos on) and
 * after it up to the end of the line (or of the text). */
static void find_standalone(const struct parser *p, size_t pos, struct tag *g)
{
	const char *s = p->s;
	g->standalone = false;
	g->ls = g->ts;
	g->next = g->te;
	if (!g->kind || g->kind == '{' || g->kind == '&')
		return;
	while (g->ls > pos && is_blank(s[g->ls - 1]))
		g->ls--;
	size_t re = g->te;
	while (re < p->n && is_blank(s[re]))
		re++;
	if (g->ls == 0 || s[g->ls - 1] == '\n') {
		if (re == p->n) {
			g->standalone = true;
			g->next = re;
		} else if (s[re] == '\n') {
			g->standalone = true;
			g->next = re + 1;
		} else if (s[re] == '\r' && re + 1 < p->n && s[re + 1] == '\n') {
			g->standalone = true;
			g->next = re + 2;
		}
	}
}

/* {{/name}}: closes the innermost open section, which must have the name. */
static bool close_section(struct parser *p, const struct tok *k)
{
	struct tmpl *t = p->t;
	const char *s = p->s;
	if (!p->sections.n) {
		error_at(p->r, t, k->line, k->col, "closing tag '%.*s' has no open section",
			 shown(s + k->off, k->len), s + k->off);
		return false;
	}
	struct tok *o = &t->toks.v[p->sections.v[p->sections.n - 1]];
	if (!same_name(t, o, k->off, k->len)) {
		error_at(p->r, t, k->line, k->col,
			 "closing tag '%.*s' does not match section '%.*s' opened at %d:%d",
			 shown(s + k->off, k->len), s + k->off, shown(s + o->off, o->len),
			 s + o->off, o->line, o->col);
		return false;
	}
	o->end = t->toks.n;
	p->sections.n--;
	return true;
}

/* The token of a tag (a comment has none, a delimiter change sets the
 * delimiters); false after recording an error. */
static bool add_tag(struct parser *p, const struct tag *g)
{
	struct tmpl *t = p->t;
	int line = g->line, col = g->col;
	if (g->kind == '!')
		return true;
	if (g->kind == '=') {
		if (!set_delims(p, g->ns, g->ne)) {
			error_at(p->r, t, line, col, BAD_DELIMS);
			return false;
		}
		return true;
	}
	if (g->ns == g->ne) {
		error_at(p->r, t, line, col, "empty tag");
		return false;
	}
	struct tok k = {.off = g->ns, .len = g->ne - g->ns, .line = line, .col = col};
	switch (g->kind) {
	case '#':
	case '^':
		if (p->sections.n >= (size_t)p->r->max_depth) {
			error_at(p->r, t, line, col, "sections nested more than %d deep",
				 p->r->max_depth);
			return false;
		}
		k.type = g->kind == '#' ? T_SECTION : T_INVERTED;
		vec_push(&p->sections, t->toks.n);
		vec_push(&t->toks, k);
		break;
	case '/':
		return close_section(p, &k);
	case '>':
		k.type = T_PARTIAL;
		k.standalone = g->standalone;
		if (g->standalone) {
			k.ind_off = g->ls;
			k.ind_len = g->ts - g->ls;
		}
		vec_push(&t->toks, k);
		break;
	case '{':
	case '&':
		k.type = T_RAW;
		vec_push(&t->toks, k);
		break;
	default:
		k.type = T_VAR;
		vec_push(&t->toks, k);
	}
	return true;
}

/* Parses p->t; on the first error records it and returns false. */
static bool parse(struct parser *p)
{
	struct tmpl *t = p->t;
	const char *s = p->s;
	size_t pos = 0;
	bool ok = false;
	for (;;) {
		struct tag g;
		int found = next_tag(p, pos, &g);
		if (found < 0)
			goto out;
		if (!found)
			break;
		find_standalone(p, pos, &g);
		add_text(p, pos, g.standalone ? g.ls : g.ts, g.tline, g.tcol);
		pos = g.standalone ? g.next : g.te;
		if (!add_tag(p, &g))
			goto out;
	}
	if (p->sections.n) {
		struct tok *o = &t->toks.v[p->sections.v[p->sections.n - 1]];
		error_at(p->r, t, o->line, o->col, "section '%.*s' is never closed",
			 shown(s + o->off, o->len), s + o->off);
		goto out;
	}
	ok = true;
out:
	vec_free(&p->sections);
	if (!ok)
		t->toks.n = 0;
	return ok;
}

static bool parse_tmpl(struct render *r, struct tmpl *t)
{
	struct parser p = {
		.r = r, .t = t, .s = t->text, .n = t->len,
		.open = "{{", .close = "}}", .olen = 2, .clen = 2,
		.line = 1, .col = 1,
	};
	return parse(&p);
}

static void tmpl_free(struct tmpl *t)
{
	free(t->name);
	vec_free(&t->toks);
}

/* ---- values ---- */

static bool is_word(const struct ynode *n, const char *w)
{
	size_t l = strlen(w);
	return n->len == l && !memcmp(n->str, w, l);
}

static bool is_null(const struct ynode *n)
{
	if (!n)
		return true;
	if (n->kind != Y_SCALAR)
		return false;
	if (n->len == 0)
		return true;
	return n->style == YS_PLAIN && (is_word(n, "~") || is_word(n, "null") ||
					is_word(n, "Null") || is_word(n, "NULL"));
}

static bool truthy(const struct ynode *n)
{
	if (!n)
		return false;
	switch (n->kind) {
	case Y_SEQ:
		return n->n > 0;
	case Y_MAP:
		return true;
	case Y_SCALAR:
		break;
	}
	if (is_null(n))
		return false;
	return !(n->style == YS_PLAIN && (is_word(n, "false") || is_word(n, "False") ||
					  is_word(n, "FALSE")));
}

/* A resolved name: n is what it names (NULL for a key with no value);
 * own is set when n is a virtual field made here, freed by val_drop. */
struct val {
	const struct ynode *n;
	struct ynode *own;
	bool found;
};

static void val_drop(struct val *v)
{
	if (v->own) {
		free((void *)v->own->str);
		free(v->own);
	}
	v->own = NULL;
}

static bool map_find(const struct ynode *m, const char *k, size_t kn, const struct ynode **out)
{
	if (!m || m->kind != Y_MAP)
		return false;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *key = m->pairs[i].key;
		if (key->len == kn && !memcmp(key->str, k, kn)) {
			*out = m->pairs[i].val;
			return true;
		}
	}
	return false;
}

static struct val resolve(struct render *r, const char *name, size_t len)
{
	struct val v = {0};
	if (len == 1 && name[0] == '.') {
		if (r->stack.n) {
			v.n = r->stack.v[r->stack.n - 1];
			v.found = true;
		}
		return v;
	}
	const char *dot = memchr(name, '.', len);
	size_t pl = dot ? (size_t)(dot - name) : len;
	for (size_t i = r->stack.n; i-- > 0;) {
		const struct ynode *m = r->stack.v[i];
		r->lookups += 1 + (m && m->kind == Y_MAP ? m->n : 0);
		if (map_find(m, name, pl, &v.n)) {
			v.found = true;
			break;
		}
	}
	size_t at = pl;
	while (v.found && at < len) {
		const char *part = name + at + 1;
		const char *e = memchr(part, '.', len - at - 1);
		pl = e ? (size_t)(e - part) : len - at - 1;
		at += 1 + pl;
		const struct ynode *cur = v.n;
		if (cur && cur->kind == Y_MAP) {
			v.found = map_find(cur, part, pl, &v.n);
		} else if (cur && cur->kind == Y_SCALAR && !is_null(cur) && r->o->scalar_field) {
			r->field.len = 0;
			buf_add(&r->field, part, pl);
			char *s = r->o->scalar_field(r->o->user, cur, r->field.data);
			struct ynode *nn = NULL;
			if (s) {
				nn = xcalloc(1, sizeof *nn);
				nn->kind = Y_SCALAR;
				nn->style = YS_QUOTED;
				nn->str = s;
				nn->len = strlen(s);
				nn->pos = cur->pos;
				nn->end = cur->end;
			}
			val_drop(&v); /* may free cur: a field of a field */
			v.own = nn;
			v.n = nn;
			v.found = nn != NULL;
		} else {
			v.found = false;
		}
	}
	if (!v.found) {
		val_drop(&v);
		v.n = NULL;
	}
	return v;
}

/* ---- output ---- */

static void html_escape(struct buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			continue;
		}
		buf_add(out, s + start, i - start);
		buf_puts(out, rep);
		start = i + 1;
	}
	buf_add(out, s + start, n - start);
}

static void flush_indent(struct render *r)
{
	if (r->pending) {
		buf_add(&r->out, r->ind.data, r->pending);
		r->pending = 0;
	}
}

/* Template text: the current indentation goes before each line that has
 * something on it. */
static void out_text(struct render *r, const char *s, size_t n)
{
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t seg = nl ? (size_t)(nl - s) + 1 : n;
		size_t body = nl ? seg - 1 : seg;
		if (nl && body && s[body - 1] == '\r')
			body--;
		if (body)
			flush_indent(r);
		buf_add(&r->out, s, seg);
		if (nl)
			r->pending = r->ind.len;
		s += seg;
		n -= seg;
	}
}

static void out_value(struct render *r, const char *s, size_t n)
{
	if (!n)
		return;
	flush_indent(r);
	buf_add(&r->out, s, n);
}

/* ---- rendering ---- */

/* An error that stops the rendering (limits); only the first is kept. */
static void __attribute__((format(printf, 4, 5)))
fatal(struct render *r, const struct tmpl *t, const struct tok *k, const char *fmt, ...)
{
	if (!r->fatal) {
		va_list ap;
		va_start(ap, fmt);
		verror_at(r, t, k->line, k->col, fmt, ap);
		va_end(ap);
	}
	r->fatal = true;
}

/* Counts one unit of work; false once the budget is spent. */
static bool step(struct render *r, const struct tmpl *t, const struct tok *k)
{
	if (r->fatal)
		return false;
	if (++r->steps > r->max_steps) {
		fatal(r, t, k, "the template expands to more than %zu tags (recursive partials?)",
		      r->max_steps);
		return false;
	}
	if (r->out.len > r->max_output) {
		fatal(r, t, k, "the output is larger than %zu bytes", r->max_output);
		return false;
	}
	/* Deeply nested sections make every name look through every level. */
	if (r->lookups > r->max_lookups) {
		fatal(r, t, k,
		      "the template looks names up more than %zu times (sections nested too "
		      "deep, or recursive partials?)",
		      r->max_lookups);
		return false;
	}
	return true;
}

static void run(struct render *r, const struct tmpl *t, size_t from, size_t to);

static void interpolate(struct render *r, const struct tmpl *t, struct tok *k)
{
	const char *name = t->text + k->off;
	struct val v = resolve(r, name, k->len);
	if (!v.found) {
		if (r->o->strict && !k->reported) {
			k->reported = true;
			error_at(r, t, k->line, k->col, "'%.*s' is not in the data",
				 shown(name, k->len), name);
			if (r->errs && r->errs->n)
				r->errs->v[r->errs->n - 1].missing = true;
		}
	} else if (v.n && v.n->kind != Y_SCALAR) {
		if (r->o->strict && !k->reported) {
			k->reported = true;
			error_at(r, t, k->line, k->col, "'%.*s' is %s, not text",
				 shown(name, k->len), name, ykind_name(v.n));
		}
	} else if (!is_null(v.n)) {
		r->tmp.len = 0;
		if (r->o->scalar_text)
			r->o->scalar_text(&r->tmp, v.n, r->o->user);
		else
			buf_add(&r->tmp, v.n->str, v.n->len);
		if (r->tmp.len && k->type == T_VAR) {
			r->esc.len = 0;
			if (r->o->escape)
				r->o->escape(&r->esc, r->tmp.data, r->tmp.len, r->o->user);
			else
				html_escape(&r->esc, r->tmp.data, r->tmp.len);
			out_value(r, r->esc.data, r->esc.len);
		} else {
			out_value(r, r->tmp.data, r->tmp.len);
		}
	}
	val_drop(&v);
}

static void section(struct render *r, const struct tmpl *t, struct tok *k, size_t body)
{
	struct val v = resolve(r, t->text + k->off, k->len);
	const struct ynode *n = v.n;
	if (k->type == T_INVERTED) {
		if (!truthy(n))
			run(r, t, body, k->end);
	} else if (n && n->kind == Y_SEQ) {
		for (size_t i = 0; i < n->n && step(r, t, k); i++) {
			vec_push(&r->stack, n->items[i]);
			run(r, t, body, k->end);
			r->stack.n--;
		}
	} else if (truthy(n)) {
		vec_push(&r->stack, n);
		run(r, t, body, k->end);
		r->stack.n--;
	}
	val_drop(&v);
}

/* The parsed partial that tag k names, read and parsed on first use and
 * remembered by the tag; NULL when it is missing or has errors (reported
 * once). */
static struct tmpl *get_partial(struct render *r, const struct tmpl *t, struct tok *k)
{
	struct tmpl *p = k->part;
	for (size_t i = 0; !p && i < r->partials.n; i++) {
		struct tmpl *c = r->partials.v[i];
		if (c->namelen == k->len && !memcmp(c->name, t->text + k->off, k->len))
			p = c;
	}
	if (!p) {
		p = xcalloc(1, sizeof *p);
		p->name = xstrndup(t->text + k->off, k->len);
		p->namelen = k->len;
		vec_push(&r->partials, p);
		size_t len = SIZE_MAX;
		const char *text = r->o->partial ? r->o->partial(r->o->user, p->name, &len) : NULL;
		if (text) {
			p->text = text;
			p->len = len == SIZE_MAX ? strlen(text) : len;
			if (!parse_tmpl(r, p))
				p->text = NULL;
		}
	}
	k->part = p;
	return p->text ? p : NULL;
}

static void partial(struct render *r, const struct tmpl *t, struct tok *k)
{
	if (r->partial_depth == 0) {
		r->entry_line = k->line;
		r->entry_col = k->col;
	}
	struct tmpl *p = get_partial(r, t, k);
	size_t saved = r->ind.len;
	if (k->standalone) {
		buf_add(&r->ind, t->text + k->ind_off, k->ind_len);
		r->pending = r->ind.len;
	}
	if (p && p->toks.n) {
		if (r->partial_depth >= r->max_depth) {
			fatal(r, t, k, "partials nested more than %d deep", r->max_depth);
		} else {
			r->partial_depth++;
			run(r, p, 0, p->toks.n);
			r->partial_depth--;
		}
	}
	if (k->standalone) {
		r->ind.len = saved;
		if (r->pending)
			r->pending = saved;
	}
}

static void run(struct render *r, const struct tmpl *t, size_t from, size_t to)
{
	if (r->frames >= MAX_FRAMES) {
		if (from < to)
			fatal(r, t, &t->toks.v[from], "sections and partials nested more than %d deep",
			      MAX_FRAMES);
		return;
	}
	r->frames++;
	for (size_t i = from; i < to; i++) {
		struct tok *k = &t->toks.v[i];
		if (!step(r, t, k))
			break;
		switch (k->type) {
		case T_TEXT:
			out_text(r, t->text + k->off, k->len);
			break;
		case T_VAR:
		case T_RAW:
			interpolate(r, t, k);
			break;
		case T_SECTION:
		case T_INVERTED:
			section(r, t, k, i + 1);
			i = k->end - 1;
			break;
		case T_PARTIAL:
			partial(r, t, k);
			break;
		}
	}
	r->frames--;
}

char *mustache_render(const char *tmpl, size_t tlen, const struct ynode *data,
		      const struct mu_opts *o, size_t *len, struct mu_errors *errs)
{
	struct mu_opts defaults = {0};
	if (!o)
		o = &defaults;
	if (!tmpl)
		tlen = 0;
	struct render r = {
		.o = o,
		.errs = errs,
		.max_depth = o->max_depth > 0 ? o->max_depth : DEFAULT_DEPTH,
		.max_steps = o->max_steps ? o->max_steps : DEFAULT_STEPS,
		.max_output = o->max_output ? o->max_output : DEFAULT_OUTPUT,
	};
	r.max_lookups = 10 * r.max_steps;
	struct tmpl top = {.text = tmpl ? tmpl : "", .len = tlen};
	if (parse_tmpl(&r, &top)) {
		if (data)
			vec_push(&r.stack, data);
		run(&r, &top, 0, top.toks.n);
	}
	tmpl_free(&top);
	for (size_t i = 0; i < r.partials.n; i++) {
		tmpl_free(r.partials.v[i]);
		free(r.partials.v[i]);
	}
	vec_free(&r.partials);
	vec_free(&r.stack);
	buf_free(&r.ind);
	buf_free(&r.tmp);
	buf_free(&r.esc);
	buf_free(&r.field);
	if (r.failed) {
		buf_free(&r.out);
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = r.out.len;
	return buf_take(&r.out);
}
