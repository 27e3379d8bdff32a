/* md.c - cmark-gfm tree -> blocks of styled runs. The only file that
 * includes cmark-gfm headers.
 *
 * Vietnamese documents number their lists the Vietnamese way: "1." items
 * with "a)" sub-items, "-" bullets with "+" under them. Lines that start a
 * point ("a) ...", "đ) ...") are paragraphs of their own even without a
 * blank line between them, as people write them (NĐ 30 Phụ lục I: điểm). */
#include "blocks.h"
#include "model.h"
#include "text.h"

#include <stdio.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL,
	CMARK_NODE_STRIKETHROUGH;
void cmark_release_plugins(void);

/* Vietnamese alphabet order for points: a b c d đ e g h i k l m n o p q r s t u v x y */
static const char *const point_letters[] = {
	"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
	"n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

struct mdctx {
	const struct doc *doc;
	struct blocks *out;
	struct arena *arena;
	struct diag *d;
	struct block *cur;  /* block receiving runs */
	int face;
	int list_depth;
	struct {
		bool ordered;
		int next;
		char delim;
	} lists[32];
	bool item_fresh;    /* the next paragraph opens a list item */
};

static struct pos node_pos(struct mdctx *c, cmark_node *n)
{
	const struct doc *doc = c->doc;
	int line = cmark_node_get_start_line(n);
	int col = cmark_node_get_start_column(n);
	if (line <= 0)
		return (struct pos){doc->body_src, doc->body_line, doc->body_col};
	int fl = doc->body_line + line - 1;
	/* cmark columns are bytes within the body line; turn into characters. */
	size_t off = source_offset(doc->body_src, fl, 1);
	if (line == 1 && doc->body_col > 1)
		off = source_offset(doc->body_src, fl, doc->body_col);
	else
		off += (size_t)doc->body_indent;
	off += (size_t)(col - 1);
	if (off > doc->body_src->len)
		off = doc->body_src->len;
	return source_pos(doc->body_src, off);
}

static struct block *new_block(struct mdctx *c, enum block_kind k, int level, cmark_node *n)
{
	struct block b = {0};
	b.kind = k;
	b.level = level;
	b.pos = node_pos(c, n);
	vec_push(&c->out->v, b);
	return &c->out->v.v[c->out->v.n - 1];
}

static void add_run(struct mdctx *c, const char *s, size_t n)
{
	if (!c->cur || !n)
		return;
	struct run r = {c->face, arena_strndup(c->arena, s, n)};
	vec_push(&c->cur->runs, r);
}

static void start_paragraph(struct mdctx *c, cmark_node *n)
{
	if (c->list_depth > 0 && c->item_fresh) {
		int dpt = c->list_depth;
		c->cur = new_block(c, BK_ITEM, dpt, n);
		char m[32];
		if (c->lists[dpt - 1].ordered) {
			int num = c->lists[dpt - 1].next++;
			if (dpt == 1)
				snprintf(m, sizeof m, "%d%c", num, c->lists[0].delim);
			else if (dpt == 2 && num >= 1 && num <= 23)
				snprintf(m, sizeof m, "%s)", point_letters[num - 1]);
			else
				snprintf(m, sizeof m, "%d)", num);
		} else {
			snprintf(m, sizeof m, "%s", dpt % 2 ? "-" : "+");
		}
		c->cur->marker = arena_strdup(c->arena, m);
		c->item_fresh = false;
	} else {
		c->cur = new_block(c, BK_PARA, c->list_depth, n);
	}
}

/* Splits a paragraph before soft breaks that start a point "a) ", "đ) ". */
static bool starts_point(const char *s)
{
	for (size_t i = 0; i < sizeof point_letters / sizeof point_letters[0]; i++) {
		size_t l = strlen(point_letters[i]);
		if (!strncmp(s, point_letters[i], l) && s[l] == ')' && s[l + 1] == ' ')
			return true;
	}
	return false;
}

static void walk(struct mdctx *c, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	bool pending_soft = false;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		bool enter = ev == CMARK_EVENT_ENTER;
		if (t == CMARK_NODE_PARAGRAPH) {
			if (enter)
				start_paragraph(c, n);
			else
				c->cur = NULL;
			pending_soft = false;
		} else if (t == CMARK_NODE_HEADING) {
			if (enter)
				c->cur = new_block(c, BK_HEADING, cmark_node_get_heading_level(n), n);
			else
				c->cur = NULL;
			pending_soft = false;
		} else if (t == CMARK_NODE_LIST) {
			if (enter) {
				if (c->list_depth < 32) {
					c->lists[c->list_depth].ordered =
						cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
					c->lists[c->list_depth].next = cmark_node_get_list_start(n);
					c->lists[c->list_depth].delim =
						cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
				}
				c->list_depth++;
			} else {
				c->list_depth--;
			}
		} else if (t == CMARK_NODE_ITEM) {
			if (enter)
				c->item_fresh = true;
			else if (c->item_fresh) {
				/* An empty item still takes its number. */
				start_paragraph(c, n);
				c->cur = NULL;
			}
		} else if (t == CMARK_NODE_STRONG) {
			c->face = enter ? c->face | RUN_BOLD : c->face & ~RUN_BOLD;
		} else if (t == CMARK_NODE_EMPH) {
			c->face = enter ? c->face | RUN_ITALIC : c->face & ~RUN_ITALIC;
		} else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
			   t == CMARK_NODE_HTML_INLINE) {
			const char *s = cmark_node_get_literal(n);
			if (!s)
				continue;
			if (pending_soft) {
				pending_soft = false;
				if (c->cur && c->cur->kind != BK_HEADING && starts_point(s)) {
					int lvl = c->cur->level;
					struct pos at = c->cur->pos;
					c->cur = new_block(c, BK_PARA, lvl, n);
					c->cur->pos = at;
				} else {
					add_run(c, " ", 1);
				}
			}
			add_run(c, s, strlen(s));
		} else if (t == CMARK_NODE_SOFTBREAK) {
			pending_soft = true;
		} else if (t == CMARK_NODE_LINEBREAK) {
			add_run(c, "\n", 1);
			pending_soft = false;
		} else if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
			/* Shown as plain paragraphs, one per line. */
			const char *s = cmark_node_get_literal(n);
			c->cur = new_block(c, BK_PARA, c->list_depth, n);
			while (s && *s) {
				size_t l = strcspn(s, "\n");
				add_run(c, s, l);
				s += l;
				if (*s == '\n' && s[1])
					add_run(c, "\n", 1);
				if (*s)
					s++;
			}
			c->cur = NULL;
		} else if (t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_BLOCK_QUOTE ||
			   t == CMARK_NODE_DOCUMENT || t == CMARK_NODE_LINK ||
			   t == CMARK_NODE_IMAGE || t == CMARK_NODE_STRIKETHROUGH) {
			/* containers whose text is kept; thematic breaks dropped */
		} else if (enter && (t == CMARK_NODE_TABLE)) {
			diag_error(c->d, node_pos(c, n), "tables are not supported in the body yet");
		}
	}
	cmark_iter_free(it);
}

bool md_parse(const struct doc *doc, struct blocks *out, struct arena *arena, struct diag *d)
{
	/* Strip the block scalar indentation was done by YAML; doc->body is plain. */
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS);
	cmark_syntax_extension *tbl = cmark_find_syntax_extension("table");
	if (tbl)
		cmark_parser_attach_syntax_extension(p, tbl);
	cmark_parser_feed(p, doc->body, strlen(doc->body));
	cmark_node *root = cmark_parser_finish(p);
	struct mdctx c = {.doc = doc, .out = out, .arena = arena, .d = d};
	int before = d->errors;
	walk(&c, root);
	cmark_node_free(root);
	cmark_parser_free(p);
	/* Drop blocks with no text (e.g. a heading with nothing in it). */
	size_t k = 0;
	for (size_t i = 0; i < out->v.n; i++) {
		if (out->v.v[i].runs.n || out->v.v[i].marker)
			out->v.v[k++] = out->v.v[i];
		else
			vec_free(&out->v.v[i].runs);
	}
	out->v.n = k;
	return d->errors == before;
}

void blocks_free(struct blocks *b)
{
	for (size_t i = 0; i < b->v.n; i++)
		vec_free(&b->v.v[i].runs);
	vec_free(&b->v);
}

/* Called once at exit by main. */
void md_release(void);
void md_release(void)
{
	cmark_release_plugins();
}
