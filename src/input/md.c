/* md.c - cmark-gfm tree -> blocks of styled runs. The only file that
 * includes cmark-gfm headers.
 *
 * Vietnamese documents number their lists the Vietnamese way: "1." items
 * with "a)" sub-items, "-" bullets with "+" under them. Lines that start a
 * point ("a) ...", "đ) ...") are paragraphs of their own even without a
 * blank line between them, as people write them (NĐ 30 Phụ lục I: điểm). */
#include "input.h"
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
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

struct prep;

struct mdctx {
	const struct mdtext *doc;
	const struct prep *pp; /* the text cmark read */
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
	struct block *table;/* the table being read */
	int row, col;
	VEC(struct run) *cell_runs; /* where text goes inside a table */
};

/* ---- Text from Word, read as it is meant ---------------------------- */

/* The bytes a change took out of a line: from column `col` (1-based, of
 * the text cmark reads) on, the body's own columns are `delta` bytes on. */
struct edit {
	int line, col;
	int delta; /* of this edit and those before it on the line */
};

/* The body as cmark reads it: invisible characters (U+200B, U+00AD ...)
 * taken out, and the bullets Word leaves at the start of a line ("• ",
 * "▪ ", "– ") made "-", so that they are list items. Lines stay lines;
 * the edits map the columns back to the body's. mark[line] is 1 on a line
 * whose '-' was a bullet (a list item, never text running on), 2 on one
 * whose '-' was an en dash (text again as a '-' would be, with its dash). */
struct prep {
	char *text;
	VEC(struct edit) edits;
	char *mark;
	int nlines;
};

static const char *const word_bullets[] = {"•", "◦", "▪", "●", "■", "‣", "⁃", "–"};

size_t md_word_bullet(const char *p, bool *dash)
{
	for (size_t i = 0; i < sizeof word_bullets / sizeof *word_bullets; i++) {
		size_t l = strlen(word_bullets[i]);
		if (!strncmp(p, word_bullets[i], l) && (p[l] == ' ' || p[l] == '\t')) {
			*dash = !strcmp(word_bullets[i], "–");
			return l;
		}
	}
	return 0;
}

static void prep_edit(struct prep *pp, int line, int col, int delta)
{
	struct edit *last = pp->edits.n ? &pp->edits.v[pp->edits.n - 1] : NULL;
	if (last && last->line == line && last->col == col) {
		last->delta += delta;
		return;
	}
	struct edit e = {line, col, delta + (last && last->line == line ? last->delta : 0)};
	vec_push(&pp->edits, e);
}

static void prep_text(struct prep *pp, const char *text)
{
	size_t n = strlen(text);
	memset(pp, 0, sizeof *pp);
	pp->text = xmalloc(n + 1);
	int lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += text[i] == '\n';
	pp->nlines = lines;
	pp->mark = xcalloc((size_t)lines + 2, 1);
	size_t o = 0, lstart = 0;
	int line = 1;
	bool start = true; /* only spaces so far on this line */
	for (const char *p = text; *p;) {
		int col = (int)(o - lstart) + 1;
		if (*p == '\n') {
			pp->text[o++] = *p++;
			lstart = o;
			line++;
			start = true;
			continue;
		}
		bool dash = false;
		size_t bl = start ? md_word_bullet(p, &dash) : 0;
		if (bl) {
			pp->text[o++] = '-';
			prep_edit(pp, line, col + 1, (int)bl - 1);
			pp->mark[line] = dash ? 2 : 1;
			p += bl;
			start = false;
			continue;
		}
		const char *q = p;
		int32_t cp = utf8_next(&q);
		if (text_invisible_name(cp)) {
			prep_edit(pp, line, col, (int)(q - p));
			p = q;
			continue;
		}
		start = start && (cp == ' ' || cp == '\t');
		while (p < q)
			pp->text[o++] = *p++;
	}
	pp->text[o] = '\0';
}

static void prep_free(struct prep *pp)
{
	free(pp->text);
	free(pp->mark);
	vec_free(&pp->edits);
}

/* The body's column of column col of line (both 1-based) of the text cmark
 * read: the last edit at or before it on its line tells (a binary search:
 * the edits are in order). */
static int prep_col(const struct prep *pp, int line, int col)
{
	size_t lo = 0, hi = pp ? pp->edits.n : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct edit *e = &pp->edits.v[mid];
		if (e->line < line || (e->line == line && e->col <= col))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo && pp->edits.v[lo - 1].line == line)
		return col + pp->edits.v[lo - 1].delta;
	return col;
}

static struct pos node_pos(struct mdctx *c, cmark_node *n)
{
	const struct mdtext *t = c->doc;
	int line = cmark_node_get_start_line(n);
	int col = prep_col(c->pp, line, cmark_node_get_start_column(n));
	if (line <= 0)
		return (struct pos){t->src, t->line, t->col};
	int fl = t->line + line - 1;
	/* cmark columns are bytes within the body line; turn into characters. */
	size_t off = source_offset(t->src, fl, 1);
	if (line == 1 && t->col > 1)
		off = source_offset(t->src, fl, t->col);
	else
		off += (size_t)t->indent;
	off += (size_t)(col - 1);
	if (off > t->src->len)
		off = t->src->len;
	return source_pos(t->src, off);
}

/* The first text inside an inline node (a link's or an image's), or "". */
static const char *first_text(cmark_node *n)
{
	for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k))
		if (cmark_node_get_type(k) == CMARK_NODE_TEXT && cmark_node_get_literal(k))
			return cmark_node_get_literal(k);
	return "";
}

static void add_run(struct mdctx *c, const char *s, size_t n);

/* A link on paper: its text, then its address in brackets, unless the
 * text is the address ("<https://...>", "[thư](mailto:a@b.vn)" written
 * a@b.vn). */
static void link_address(struct mdctx *c, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	if (!url || !*url)
		return;
	const char *shown = url;
	if (!strncmp(shown, "mailto:", 7))
		shown += 7;
	cmark_node *k = cmark_node_first_child(n);
	if (k && !cmark_node_next(k) && cmark_node_get_type(k) == CMARK_NODE_TEXT &&
	    cmark_node_get_literal(k) && (!strcmp(cmark_node_get_literal(k), url) ||
					  !strcmp(cmark_node_get_literal(k), shown)))
		return;
	add_run(c, " (", 2);
	add_run(c, shown, strlen(shown));
	add_run(c, ")", 1);
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
	if (!n)
		return;
	struct run r = {c->face, arena_strndup(c->arena, s, n)};
	/* a character reference (&#x200B;) is decoded by cmark */
	if (text_has_invisible(r.text, n))
		text_strip_invisible((char *)r.text, n, NULL);
	if (c->cell_runs)
		vec_push(c->cell_runs, r);
	else if (c->cur)
		vec_push(&c->cur->runs, r);
}

static void start_paragraph(struct mdctx *c, cmark_node *n)
{
	if (c->list_depth > 0 && c->item_fresh) {
		/* Lists nested deeper than 32 levels number like the 32nd. */
		int dpt = c->list_depth < 32 ? c->list_depth : 32;
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

static bool starts_with(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* Lines of a decision's preamble: "Căn cứ ...", "Xét ...", "Theo đề nghị ...". */
static bool starts_basis(const char *s)
{
	return starts_with(s, "Căn cứ ") || starts_with(s, "Xét ") ||
	       starts_with(s, "Theo đề nghị ");
}

/* "<br>", "<br/>" or "<br />", in any case. */
static bool is_br(const char *s)
{
	if (!s || s[0] != '<' || (s[1] | 0x20) != 'b' || (s[2] | 0x20) != 'r')
		return false;
	s += 3;
	while (*s == ' ')
		s++;
	if (*s == '/')
		s++;
	return s[0] == '>' && !s[1];
}

static bool starts_point(const char *s)
{
	for (size_t i = 0; i < sizeof point_letters / sizeof point_letters[0]; i++) {
		size_t l = strlen(point_letters[i]);
		if (!strncmp(s, point_letters[i], l) && s[l] == ')' && s[l + 1] == ' ')
			return true;
	}
	return false;
}

static void list_event(struct mdctx *c, cmark_node *n, bool enter)
{
	if (!enter) {
		c->list_depth--;
		return;
	}
	if (c->list_depth < 32) {
		c->lists[c->list_depth].ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		c->lists[c->list_depth].next = cmark_node_get_list_start(n);
		c->lists[c->list_depth].delim =
			cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
	}
	c->list_depth++;
}

/* A text of the paragraph; the soft break before it (after_soft) becomes
 * a space, or splits the paragraph when the line starts a point ("a) ",
 * "đ) ") or is one more line of a preamble ("Căn cứ ..." after "Căn cứ
 * ..."). */
static void add_text_node(struct mdctx *c, cmark_node *n, const char *s, bool after_soft)
{
	if (after_soft) {
		if (c->cur && c->cur->kind != BK_HEADING && !c->cell_runs &&
		    (starts_point(s) || (starts_basis(s) && c->cur->runs.n &&
					 starts_basis(c->cur->runs.v[0].text)))) {
			int lvl = c->cur->level;
			struct pos at = c->cur->pos;
			c->cur = new_block(c, BK_PARA, lvl, n);
			c->cur->pos = at;
		} else {
			add_run(c, " ", 1);
		}
	}
	add_run(c, s, strlen(s));
}

/* Code and HTML blocks are shown as plain paragraphs, one per line. */
static void code_block(struct mdctx *c, cmark_node *n)
{
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
}

enum { MD_MAX_TABLE_CELLS = 20000 };

/* A table's block, its cells and alignments made at once; rows and cells
 * then fill them in order. */
static void table_start(struct mdctx *c, cmark_node *n)
{
	int cols = (int)cmark_gfm_extensions_get_table_columns(n);
	int rows = 0;
	for (cmark_node *r = cmark_node_first_child(n); r; r = cmark_node_next(r))
		rows++;
	c->table = new_block(c, BK_TABLE, 0, n);
	/* A table is set on pages of a document: beyond this it is data. */
	if ((long)rows * (cols > 0 ? cols : 1) > MD_MAX_TABLE_CELLS)
		diag_error(c->d, node_pos(c, n), "this table has %ld cells, at most %d",
			   (long)rows * (cols > 0 ? cols : 1), MD_MAX_TABLE_CELLS);
	c->table->nrows = rows;
	c->table->ncols = cols > 0 ? cols : 1;
	c->table->cells = arena_alloc(c->arena, (size_t)rows * (size_t)c->table->ncols *
					      sizeof *c->table->cells);
	c->table->aligns = arena_alloc(c->arena, (size_t)c->table->ncols);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
	for (int i = 0; i < c->table->ncols && al; i++)
		c->table->aligns[i] = (char)al[i];
	c->row = -1;
	c->cur = NULL;
}

/* Tables, their rows and cells; the text of a cell goes to its runs. */
static void table_event(struct mdctx *c, cmark_node *n, cmark_node_type t, bool enter)
{
	if (t == CMARK_NODE_TABLE) {
		if (enter) {
			table_start(c, n);
		} else {
			c->table = NULL;
			c->cell_runs = NULL;
		}
	} else if (t == CMARK_NODE_TABLE_ROW) {
		if (enter) {
			c->row++;
			c->col = -1;
		}
	} else if (t == CMARK_NODE_TABLE_CELL) {
		if (enter && c->table) {
			c->col++;
			if (c->row < c->table->nrows && c->col < c->table->ncols)
				c->cell_runs = (void *)&c->table->cells[(size_t)c->row *
					(size_t)c->table->ncols + (size_t)c->col].runs;
			else
				c->cell_runs = NULL;
		} else {
			c->cell_runs = NULL;
		}
	}
}

static void walk(struct mdctx *c, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	bool pending_soft = false; /* a soft break not yet written */
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
			list_event(c, n, enter);
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
		} else if (t == CMARK_NODE_HTML_INLINE && is_br(cmark_node_get_literal(n))) {
			/* <br>: a line break, the one way to have one in a table cell */
			add_run(c, "\n", 1);
			pending_soft = false;
		} else if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
			   t == CMARK_NODE_HTML_INLINE) {
			const char *s = cmark_node_get_literal(n);
			if (s) {
				add_text_node(c, n, s, pending_soft);
				pending_soft = false;
			}
		} else if (t == CMARK_NODE_SOFTBREAK) {
			pending_soft = true;
		} else if (t == CMARK_NODE_LINEBREAK) {
			add_run(c, "\n", 1);
			pending_soft = false;
		} else if (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK) {
			code_block(c, n);
		} else if (t == CMARK_NODE_LINK && !enter) {
			link_address(c, n);
		} else if (t == CMARK_NODE_IMAGE && enter) {
			diag_add(c->d, SEV_WARNING, node_pos(c, n),
				 "images are not drawn in the body: its description '%s' is printed "
				 "instead (an image goes in signature.image or a certificate's layout)",
				 diag_quote(c->d, first_text(n)));
		} else if (t == CMARK_NODE_THEMATIC_BREAK || t == CMARK_NODE_BLOCK_QUOTE ||
			   t == CMARK_NODE_DOCUMENT || t == CMARK_NODE_LINK ||
			   t == CMARK_NODE_IMAGE || t == CMARK_NODE_STRIKETHROUGH) {
			/* containers whose text is kept; thematic breaks dropped */
		} else {
			table_event(c, n, t, enter);
		}
	}
	cmark_iter_free(it);
}

/* Whether the block starts with a run for which pred holds, for recognising
 * its kind. */
static bool block_text_is(const struct block *b, bool (*pred)(const char *))
{
	return b->runs.n && pred(b->runs.v[0].text);
}

/* "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" - a line in capitals ending with a colon; or
 * the issuing authority in capitals right before the Căn cứ lines. */
static bool is_decide(const struct block *b, const struct block *next)
{
	if (b->runs.n != 1 || b->kind != BK_PARA || b->marker)
		return false;
	const char *s = b->runs.v[0].text;
	size_t n = strlen(s);
	bool before_basis = next && next->kind == BK_PARA && !next->marker &&
			    block_text_is(next, starts_basis);
	if (n < 3 || (s[n - 1] != ':' && !before_basis))
		return false;
	if (s[n - 1] != ':')
		n++;
	bool letters = false;
	for (const char *p = s; p < s + n - 1;) {
		int32_t cp = utf8_next(&p);
		if (cp == ' ')
			continue;
		if (text_is_lower(cp) || (cp < 'A' && cp != ' ') || (cp > 'Z' && cp < 0x80))
			return false;
		letters = true;
	}
	return letters;
}

static bool starts_article(const struct block *b);

/* An article's title ("Điều 1. Phạm vi điều chỉnh"): short, one run, not
 * ending as a sentence does, and followed by the article's text (not by
 * the next article, nor the end: "Điều 2. Quyết định này có hiệu lực kể
 * từ ngày ký" is an article, not its title). */
static bool article_title(const struct block *b, const struct block *next)
{
	if (b->runs.n != 1 || !next || starts_article(next))
		return false;
	const char *s = b->runs.v[0].text;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return n && n < 200 && !strchr(".;:,!?", s[n - 1]);
}

/* The length of "Điều 3." at the start of s, the dot included; 0 if
 * there is none. */
static size_t article_label(const char *s)
{
	if (!starts_with(s, "Điều "))
		return 0;
	size_t i = strlen("Điều ");
	if (s[i] < '0' || s[i] > '9')
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	return s[i] == '.' ? i + 1 : 0;
}

static bool starts_article(const struct block *b)
{
	return b->kind == BK_PARA && b->runs.n && article_label(b->runs.v[0].text);
}

/* Makes "Điều 3." at the start of a paragraph bold, and the whole line
 * when it is the article's title (NĐ 30: "Điều", its number and title in
 * bold); the text of an article that runs on stays regular. */
static void bold_article(struct block *b, const struct block *next, struct arena *ar)
{
	if (!starts_article(b) || b->runs.v[0].face & RUN_BOLD)
		return;
	if (article_title(b, next)) {
		b->runs.v[0].face |= RUN_BOLD;
		return;
	}
	const char *s = b->runs.v[0].text;
	size_t i = article_label(s);
	struct run label = {b->runs.v[0].face | RUN_BOLD, arena_strndup(ar, s, i)};
	b->runs.v[0].text = s + i;
	vec_push(&b->runs, label); /* grow, then shift into place */
	memmove(b->runs.v + 1, b->runs.v, (b->runs.n - 1) * sizeof *b->runs.v);
	b->runs.v[0] = label;
}

/* The start of line `line` (1-based) of text, or NULL. */
static const char *line_start(const char *text, int line)
{
	const char *s = text;
	for (int l = 1; l < line && s; l++) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	return s;
}

/* The digits of the ordered list item that starts at (line, col) of the
 * body text: *len of them from the returned pointer; NULL if none. */
static const char *item_digits(const char *text, int line, int col, size_t *len)
{
	const char *s = line_start(text, line);
	if (!s || col < 1 || (size_t)(col - 1) > strcspn(s, "\n"))
		return NULL;
	s += col - 1;
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9' && n < 9)
		n++;
	*len = n;
	return n ? s : NULL;
}

/* The text at the end of an inline node (inside emphasis too), or NULL. */
static const char *last_text(cmark_node *n)
{
	while (n && (cmark_node_get_type(n) == CMARK_NODE_EMPH ||
		     cmark_node_get_type(n) == CMARK_NODE_STRONG ||
		     cmark_node_get_type(n) == CMARK_NODE_LINK))
		n = cmark_node_last_child(n);
	if (n && (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
		  cmark_node_get_type(n) == CMARK_NODE_CODE))
		return cmark_node_get_literal(n);
	return NULL;
}

/* Words after which a number follows in running text: "năm 2020",
 * "tháng 11", "Điều 5", "khoản 2". */
static const char *const number_leaders[] = {
	"năm", "tháng", "ngày", "số", "Điều", "điều", "khoản", "điểm", "mục", "Mục", "chương",
	"Chương", "phần", "Phần", "quý", "lần", "khóa", "khoá", "kỳ", "tuần", "giờ", "phụ lục",
	"Phụ lục", "trang", "tập",
};

/* Whether the line before a number ends the way running text does before
 * a number (a word of number_leaders, no punctuation after it). */
static bool leads_number(cmark_node *para)
{
	const char *s = last_text(cmark_node_last_child(para));
	if (!s)
		return false;
	size_t l = strlen(s);
	while (l && s[l - 1] == ' ')
		l--;
	for (size_t i = 0; i < sizeof number_leaders / sizeof *number_leaders; i++) {
		size_t k = strlen(number_leaders[i]);
		if (l >= k && !memcmp(s + l - k, number_leaders[i], k) &&
		    (l == k || s[l - k - 1] == ' '))
			return true;
	}
	return false;
}

/* A wrapped line that starts with a number and a dot ("... tháng 11 năm"
 * then "2020. Tiếp theo") is, to CommonMark, the next item of the list
 * around it. It is text, joined back to the item before, when no blank
 * line comes before it, its number runs ahead of the list (not the next
 * one, nor a repeat: "1. 1. 1." is a list) and it reads as running text:
 * the number is 100 or more, or the line before ends with a word such as
 * "năm", "tháng", "số", "Điều". The items taken out go to grave (a list
 * node), freed with it after the tree has been read: the moved text
 * points into their paragraphs. */
static void join_stray_items(const char *text, cmark_node *root, cmark_node *grave)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *list = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(list) != CMARK_NODE_LIST ||
		    cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
			continue;
		long expect = cmark_node_get_list_start(list) + 1;
		cmark_node *prev = cmark_node_first_child(list);
		int last_end = prev ? cmark_node_get_end_line(prev) : 0;
		for (cmark_node *item = prev ? cmark_node_next(prev) : NULL; item;) {
			cmark_node *next = cmark_node_next(item);
			size_t nd = 0;
			const char *dg = item_digits(text, cmark_node_get_start_line(item),
						     cmark_node_get_start_column(item), &nd);
			long num = dg ? strtol(dg, NULL, 10) : -1;
			cmark_node *para = cmark_node_last_child(prev);
			cmark_node *body = cmark_node_first_child(item);
			bool stray = dg && num > expect && para &&
				     cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
				     last_end + 1 == cmark_node_get_start_line(item) &&
				     (num >= 100 || leads_number(para)) &&
				     (!body || (cmark_node_get_type(body) == CMARK_NODE_PARAGRAPH &&
						!cmark_node_next(body)));
			if (stray) {
				char mark[24];
				snprintf(mark, sizeof mark, "%.*s%c%s", (int)nd, dg,
					 cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')' : '.',
					 body ? " " : "");
				cmark_node *br = cmark_node_new(CMARK_NODE_SOFTBREAK);
				cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
				cmark_node_set_literal(t, mark);
				cmark_node_append_child(para, br);
				cmark_node_append_child(para, t);
				while (body && cmark_node_first_child(body)) {
					cmark_node *ch = cmark_node_first_child(body);
					cmark_node_unlink(ch);
					cmark_node_append_child(para, ch);
				}
				last_end = cmark_node_get_end_line(item);
				cmark_node_unlink(item);
				cmark_node_append_child(grave, item);
			} else {
				prev = item;
				last_end = cmark_node_get_end_line(item);
				expect++;
			}
			item = next;
		}
	}
	cmark_iter_free(it);
}

/* "... các tổ chức chính trị" then "- xã hội tỉnh": a wrapped line that
 * starts with the dash of a compound is, to CommonMark, a one-item list
 * right under the paragraph. It is text again when no blank line comes
 * before it, the list has that one item of one paragraph and the
 * paragraph does not end with punctuation (a list is brought in by ":").
 * The lists taken out go to grave (a document node), as above. */
static void join_stray_dashes(const struct prep *pp, cmark_node *root, cmark_node *grave)
{
	const char *text = pp->text;
	/* First the paragraphs followed by a list, then the changes: the
	 * iterator must not meet a node that has moved. */
	VEC(cmark_node *) paras = {0};
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH &&
		    cmark_node_next(n) && cmark_node_get_type(cmark_node_next(n)) == CMARK_NODE_LIST)
			vec_push(&paras, n);
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < paras.n; i++) {
		cmark_node *para = paras.v[i];
		cmark_node *list = cmark_node_next(para);
		if (!list || cmark_node_get_type(list) != CMARK_NODE_LIST ||
		    cmark_node_get_list_type(list) != CMARK_BULLET_LIST ||
		    cmark_node_get_start_line(list) != cmark_node_get_end_line(para) + 1)
			continue;
		cmark_node *item = cmark_node_first_child(list);
		cmark_node *body = item ? cmark_node_first_child(item) : NULL;
		if (!body || cmark_node_next(item) || cmark_node_next(body) ||
		    cmark_node_get_type(body) != CMARK_NODE_PARAGRAPH)
			continue;
		int line = cmark_node_get_start_line(item);
		const char *s = line_start(text, line);
		int col = cmark_node_get_start_column(item);
		if (!s || col < 1 || (size_t)(col - 1) >= strcspn(s, "\n") || s[col - 1] != '-')
			continue;
		int mark = line >= 1 && line <= pp->nlines ? pp->mark[line] : 0;
		if (mark == 1)
			continue; /* a bullet from Word is an item */
		const char *end = last_text(cmark_node_last_child(para));
		size_t l = end ? strlen(end) : 0;
		while (l && end[l - 1] == ' ')
			l--;
		if (!l || strchr(".,;:!?", end[l - 1]))
			continue;
		cmark_node *br = cmark_node_new(CMARK_NODE_SOFTBREAK);
		cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, mark == 2 ? "– " : "- ");
		cmark_node_append_child(para, br);
		cmark_node_append_child(para, t);
		while (cmark_node_first_child(body)) {
			cmark_node *ch = cmark_node_first_child(body);
			cmark_node_unlink(ch);
			cmark_node_append_child(para, ch);
		}
		cmark_node_unlink(list);
		cmark_node_append_child(grave, list);
	}
	vec_free(&paras);
}

bool md_parse(const struct mdtext *doc, struct blocks *out, struct arena *arena, struct diag *d)
{
	/* The block scalar's indentation was stripped by YAML: the text is plain. */
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS);
	cmark_syntax_extension *tbl = cmark_find_syntax_extension("table");
	if (tbl)
		cmark_parser_attach_syntax_extension(p, tbl);
	struct prep pp;
	prep_text(&pp, doc->text);
	cmark_parser_feed(p, pp.text, strlen(pp.text));
	cmark_node *root = cmark_parser_finish(p);
	cmark_node *grave = cmark_node_new(CMARK_NODE_LIST);
	join_stray_items(pp.text, root, grave);
	cmark_node *grave_lists = cmark_node_new(CMARK_NODE_DOCUMENT);
	join_stray_dashes(&pp, root, grave_lists);
	struct mdctx c = {.doc = doc, .pp = &pp, .out = out, .arena = arena, .d = d};
	int before = d->errors;
	walk(&c, root);
	cmark_node_free(root);
	cmark_node_free(grave);
	cmark_node_free(grave_lists);
	cmark_parser_free(p);
	prep_free(&pp);
	/* Drop blocks with no text (e.g. a heading with nothing in it). */
	size_t k = 0;
	for (size_t i = 0; i < out->v.n; i++) {
		if (out->v.v[i].runs.n || out->v.v[i].marker || out->v.v[i].kind == BK_TABLE)
			out->v.v[k++] = out->v.v[i];
		else
			vec_free(&out->v.v[i].runs);
	}
	out->v.n = k;
	for (size_t i = 0; i < out->v.n; i++) {
		struct block *b = &out->v.v[i];
		if (is_decide(b, i + 1 < out->v.n ? &out->v.v[i + 1] : NULL))
			b->kind = BK_DECIDE;
		else
			bold_article(b, i + 1 < out->v.n ? &out->v.v[i + 1] : NULL, arena);
	}
	/* The preamble of a decision: "Căn cứ ...", "Xét ...", "Theo đề nghị
	 * ..." lines right before "QUYẾT ĐỊNH:" (not such words in prose). */
	for (size_t i = out->v.n; i-- > 0;) {
		struct block *b = &out->v.v[i];
		if (b->kind != BK_DECIDE || b->runs.n != 1)
			continue;
		const char *t = b->runs.v[0].text;
		if (t[strlen(t) - 1] != ':')
			continue;
		for (size_t j = i; j-- > 0;) {
			struct block *pb = &out->v.v[j];
			if (pb->kind != BK_PARA || pb->marker || pb->level ||
			    !block_text_is(pb, starts_basis))
				break;
			pb->kind = BK_BASIS;
		}
	}
	return d->errors == before;
}

void blocks_free(struct blocks *b)
{
	for (size_t i = 0; i < b->v.n; i++) {
		vec_free(&b->v.v[i].runs);
		struct block *t = &b->v.v[i];
		for (int k = 0; k < t->nrows * t->ncols; k++)
			vec_free(&t->cells[k].runs);
	}
	vec_free(&b->v);
}

void md_release(void)
{
	cmark_release_plugins();
}
