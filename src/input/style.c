/* style.c - house style files (templates/styles/<name>.yaml).
 *
 * A style file is validated against a schema table: every key is known,
 * every number within the range the decree allows (a left margin under
 * 30 mm is an error, NĐ 30/2020 Phụ lục I §I). `base: nd30` starts from
 * another style, so a house style names only what it changes. Nothing
 * here has a default in C: a style with no base must give every key. */
#include "input.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum vtype { V_MM, V_PT, V_NUM, V_STR, V_STR0, V_BOOL, V_ALIGN, V_FONT, V_MARK, V_PAGENUM,
	     V_PUNCT, V_SEQ, V_COLOR, V_PHRASES };

struct key {
	const char *path;
	enum vtype type;
	size_t off;
	double min, max;
};

#define O(f) offsetof(struct style, f)
#define H(i, f) (offsetof(struct style, heading) + (i) * sizeof(struct heading_style) + \
		  offsetof(struct heading_style, f))
#define HEADING_KEYS(i, n) \
	{"headings." n ".align", V_ALIGN, H(i, align), 0, 0}, \
	{"headings." n ".bold", V_BOOL, H(i, bold), 0, 0}, \
	{"headings." n ".italic", V_BOOL, H(i, italic), 0, 0}, \
	{"headings." n ".caps", V_BOOL, H(i, caps), 0, 0}, \
	{"headings." n ".indent", V_BOOL, H(i, indent), 0, 0}

static const struct key keys[] = {
	{"page.width", V_MM, O(page_w), 100, 1000},
	{"page.height", V_MM, O(page_h), 100, 1000},
	{"margins.top", V_MM, O(margin_top), 20, 25},
	{"margins.bottom", V_MM, O(margin_bottom), 20, 25},
	{"margins.left", V_MM, O(margin_left), 30, 35},
	{"margins.right", V_MM, O(margin_right), 15, 20},
	{"fonts.regular", V_FONT, O(font_file[F_REGULAR]), 0, 0},
	{"fonts.bold", V_FONT, O(font_file[F_BOLD]), 0, 0},
	{"fonts.italic", V_FONT, O(font_file[F_ITALIC]), 0, 0},
	{"fonts.bold_italic", V_FONT, O(font_file[F_BOLD_ITALIC]), 0, 0},
	{"sizes.national_title", V_PT, O(sz_national), 12, 15},
	{"sizes.motto", V_PT, O(sz_motto), 13, 14},
	{"sizes.parent", V_PT, O(sz_parent), 12, 14},
	{"sizes.issuer", V_PT, O(sz_issuer), 12, 14},
	{"sizes.number", V_PT, O(sz_number), 13, 14},
	{"sizes.date", V_PT, O(sz_date), 13, 14},
	{"sizes.title", V_PT, O(sz_title), 13, 16},
	{"sizes.subject", V_PT, O(sz_subject), 13, 15},
	{"sizes.body", V_PT, O(sz_body), 13, 15},
	{"sizes.recipients_label", V_PT, O(sz_recipients_label), 12, 12},
	{"sizes.recipients", V_PT, O(sz_recipients), 11, 11},
	{"sizes.signature", V_PT, O(sz_signature), 13, 14},
	{"sizes.page_number", V_PT, O(sz_page_number), 13, 14},
	{"spacing.line", V_NUM, O(line_pitch), 1.1, 1.8},
	{"spacing.header_line", V_NUM, O(header_pitch), 1.0, 1.5},
	{"spacing.paragraph", V_PT, O(para_space), 6, 24},
	{"spacing.indent", V_MM, O(indent), 10, 12.7},
	{"spacing.space_stretch", V_NUM, O(space_stretch), 0, 1},
	{"spacing.space_shrink", V_NUM, O(space_shrink), 0, 0.5},
	{"spacing.before_number", V_PT, O(number_space), 12, 48},
	{"spacing.before_title", V_PT, O(title_space), 0, 72},
	{"spacing.before_body", V_PT, O(body_space), 0, 72},
	{"spacing.before_closing", V_PT, O(closing_space), 0, 72},
	{"spacing.page_number", V_MM, O(page_number_y), 5, 20},
	{"header.left_width", V_MM, O(left_col), 50, 90},
	{"header.column_gap", V_MM, O(column_gap), 0, 20},
	{"header.national_title", V_STR, O(national_title), 0, 0},
	{"header.motto", V_STR0, O(motto), 0, 0},
	{"header.issuer_rule", V_NUM, O(issuer_rule), 0.34, 0.5},
	{"header.subject_rule", V_NUM, O(subject_rule), 0.34, 0.5},
	{"header.subject_width", V_MM, O(subject_width), 80, 165},
	{"header.number_label", V_STR, O(number_label), 0, 0},
	{"header.number_separator", V_STR, O(number_sep), 0, 0},
	{"header.code_separator", V_STR, O(code_sep), 0, 0},
	{"header.issuer_mark", V_MARK, O(issuer_star), 0, 0},
	{"header.cong_van_code", V_STR0, O(cong_van_code), 0, 0},
	{"header.vv_italic", V_BOOL, O(vv_italic), 0, 0},
	{"body.basis_last_mark", V_PUNCT, O(basis_last), 0, 0},
	{"sizes.vv", V_PT, O(sz_vv), 12, 13},
	{"sizes.to", V_PT, O(sz_to), 13, 14},
	{"sizes.table", V_PT, O(sz_table), 10, 14},
	{"sizes.appendix_label", V_PT, O(sz_appendix_label), 13, 14},
	{"sizes.stamp", V_PT, O(sz_stamp), 13, 14},
	{"sizes.footer", V_PT, O(sz_footer), 11, 12},
	{"spacing.before_vv", V_PT, O(vv_space), 0, 24},
	{"spacing.table_padding", V_PT, O(table_pad), 1, 12},
	{"closing.signature_image_width", V_MM, O(sig_image_w), 15, 60},
	{"closing.seal_width", V_MM, O(seal_w), 20, 50},
	{"appendix.page_numbers", V_PAGENUM, O(appendix_restart), 0, 0},
	{"output.pdfa", V_BOOL, O(pdfa), 0, 0},
	{"register.file", V_STR0, O(register_file), 0, 0},
	{"register.sequence", V_SEQ, O(register_per_type), 0, 0},
	{"stamps.height", V_MM, O(stamp_h), 5, 15},
	{"stamps.khan", V_MM, O(stamp_w[1]), 10, 60},
	{"stamps.thuong_khan", V_MM, O(stamp_w[2]), 10, 60},
	{"stamps.hoa_toc", V_MM, O(stamp_w[3]), 10, 60},
	{"rules.width", V_PT, O(rule_width), 0.3, 1.5},
	{"rules.drop", V_NUM, O(rule_drop), 0.25, 0.6},
	{"closing.recipients_width", V_MM, O(recipients_width), 50, 100},
	{"closing.signature_gap", V_MM, O(signature_gap), 20, 50},
	{"breaking.tolerance", V_NUM, O(lb_tolerance), 1, 10},
	{"breaking.line_penalty", V_NUM, O(lb_line_penalty), 0, 1000},
	{"breaking.fitness_demerits", V_NUM, O(lb_fitness), 0, 100000},
	{"breaking.tie_penalty", V_NUM, O(tie_penalty), 0, 10000},
	{"breaking.join_penalty", V_NUM, O(join_penalty), 0, 10000},
	{"breaking.phrases", V_PHRASES, O(phrases_file), 0, 0},
	{"sizes.table_min", V_PT, O(sz_table_min), 6, 10},
	{"stamps.color", V_COLOR, O(stamp_color), 0, 0},
	{"header.vv_prefix", V_STR, O(vv_prefix), 0, 0},
	{"header.to_label", V_STR, O(to_label), 0, 0},
	{"closing.recipients_label", V_STR, O(recipients_label), 0, 0},
	{"closing.as_above", V_STR, O(as_above), 0, 0},
	HEADING_KEYS(0, "1"), HEADING_KEYS(1, "2"), HEADING_KEYS(2, "3"), HEADING_KEYS(3, "4"),
};
enum { NKEYS = sizeof keys / sizeof keys[0] };
/* Keys that are not in the table: base, signature.authorities. */

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return SIZE_MAX;
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *nearest_word(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bd = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t dist = edit_distance(word, cands[i]);
		if (dist < bd) {
			bd = dist;
			best = cands[i];
		}
	}
	size_t lim = strlen(word) / 3 + 1;
	return bd <= lim ? best : NULL;
}

struct loadctx {
	struct style *st;
	bool set[NKEYS];
	bool auth_set;
	const char *dir; /* directory of the style file */
	const char *datadir;
	struct diag *d;
	struct pos phrases_pos; /* where the lexicon is named */
	struct srcset *files;
};


/* A font named in a style is looked for beside the style file, then in
 * the fonts/ directory; a missing one is reported where it is named. */
static char *resolve_font(struct loadctx *c, const struct ynode *v)
{
	const char *file = v->str;
	if (file[0] == '/') {
		if (access(file, R_OK) != 0)
			diag_error(c->d, v->pos, "cannot open font file '%s'", diag_quote(c->d, file));
		return xstrdup(file);
	}
	char *beside = path_join(c->dir, file);
	if (access(beside, R_OK) == 0)
		return beside;
	char *fontdir = datadir_path(c->datadir, "fonts", NULL);
	char *path = datadir_path(c->datadir, "fonts", file);
	if (access(path, R_OK) != 0)
		diag_error(c->d, v->pos, "cannot open font file '%s' (looked in %s and %s)",
			   diag_quote(c->d, file), diag_quote(c->d, c->dir), diag_quote(c->d, fontdir));
	free(beside);
	free(fontdir);
	return path;
}

/* A lexicon of phrases: beside the style file, else under templates/. */
static char *resolve_phrases(struct loadctx *c, const struct ynode *v)
{
	const char *file = v->str;
	char *beside = file[0] == '/' ? xstrdup(file) : path_join(c->dir, file);
	if (file[0] == '/' || access(beside, R_OK) == 0)
		return beside;
	free(beside);
	char *path = datadir_path(c->datadir, "templates", file);
	char *dir = datadir_path(c->datadir, "templates", NULL);
	if (access(path, R_OK) != 0)
		diag_error(c->d, v->pos, "cannot open phrase list '%s' (looked in %s and %s)",
			   diag_quote(c->d, file), diag_quote(c->d, c->dir), diag_quote(c->d, dir));
	else
		c->phrases_pos = v->pos;
	free(dir);
	return path;
}

static void set_value(struct loadctx *c, int k, const struct ynode *v)
{
	const struct key *key = &keys[k];
	char *field = (char *)c->st + key->off;
	double x;
	switch (key->type) {
	case V_MM:
	case V_PT:
	case V_NUM:
		if (!ynode_number(v, &x)) {
			diag_error(c->d, v->pos, "'%s' must be a number%s, got %s", key->path,
				   key->type == V_MM ? " (mm)" : key->type == V_PT ? " (pt)" : "",
				   v->kind == Y_SCALAR ? _("text") : ykind_name(v));
			return;
		}
		if (x < key->min - 1e-9 || x > key->max + 1e-9) {
			const char *u = key->type == V_MM ? " mm" : key->type == V_PT ? " pt" : "";
			diag_error(c->d, v->pos, "'%s' is %g%s; it must be between %g and %g%s",
				   key->path, x, u, key->min, key->max, u);
			return;
		}
		*(double *)field = key->type == V_MM ? MM(x) : x;
		break;
	case V_STR0:
		if (v->kind != Y_SCALAR) {
			diag_error(c->d, v->pos, "'%s' must be text (\"\" for none), got %s",
				   key->path, ykind_name(v));
			return;
		}
		free(*(char **)field);
		*(char **)field = xstrdup(v->str);
		break;
	case V_MARK:
	case V_PAGENUM:
	case V_SEQ: {
		const char *a = key->type == V_MARK ? "rule" : key->type == V_SEQ ? "issuer" : "continue";
		const char *b = key->type == V_MARK ? "star" : key->type == V_SEQ ? "type" : "restart";
		if (v->kind != Y_SCALAR || (strcmp(v->str, a) && strcmp(v->str, b))) {
			diag_error(c->d, v->pos, "'%s' must be %s or %s", key->path, a, b);
			return;
		}
		*(bool *)field = !strcmp(v->str, b);
		break;
	}
	case V_PUNCT:
		if (v->kind != Y_SCALAR || v->len != 1 || !strchr(".,;", v->str[0])) {
			diag_error(c->d, v->pos, "'%s' must be \".\", \",\" or \";\"", key->path);
			return;
		}
		free(*(char **)field);
		*(char **)field = xstrdup(v->str);
		break;
	case V_STR:
	case V_FONT:
	case V_PHRASES:
		if (v->kind != Y_SCALAR || !v->len) {
			diag_error(c->d, v->pos, "'%s' must be text, got %s", key->path,
				   v->kind == Y_SCALAR ? _("nothing") : ykind_name(v));
			return;
		}
		free(*(char **)field);
		*(char **)field = key->type == V_FONT ? resolve_font(c, v)
				  : key->type == V_PHRASES ? resolve_phrases(c, v) : xstrdup(v->str);
		break;
	case V_BOOL:
		if (v->kind == Y_SCALAR && v->style == YS_PLAIN && !strcmp(v->str, "true"))
			*(bool *)field = true;
		else if (v->kind == Y_SCALAR && v->style == YS_PLAIN && !strcmp(v->str, "false"))
			*(bool *)field = false;
		else {
			diag_error(c->d, v->pos, "'%s' must be true or false", key->path);
			return;
		}
		break;
	case V_COLOR:
		if (!ynode_color(v, (uint32_t *)field)) {
			diag_error(c->d, v->pos, "'%s' must be a colour \"#RRGGBB\"", key->path);
			return;
		}
		break;
	case V_ALIGN: {
		static const char *const names[] = {"justify", "left", "center", "right"};
		int a = -1;
		for (int i = 0; i < 4; i++)
			if (v->kind == Y_SCALAR && !strcmp(v->str, names[i]))
				a = i;
		if (a < 0) {
			diag_error(c->d, v->pos,
				   "'%s' must be one of justify, left, center, right", key->path);
			return;
		}
		*(int *)field = a;
		break;
	}
	}
	c->set[k] = true;
}

static void unknown_key(struct loadctx *c, const char *prefix, const struct ynode *key)
{
	/* Suggest among the keys that share the prefix. */
	const char *cands[NKEYS + 2];
	size_t n = 0, plen = strlen(prefix);
	char seen[NKEYS][40];
	for (int i = 0; i < NKEYS; i++) {
		if (strncmp(keys[i].path, prefix, plen))
			continue;
		const char *rest = keys[i].path + plen;
		size_t l = strcspn(rest, ".");
		if (l >= sizeof seen[0])
			continue;
		bool dup = false;
		for (size_t j = 0; j < n; j++)
			if (strlen(cands[j]) == l && !strncmp(cands[j], rest, l))
				dup = true;
		if (dup)
			continue;
		memcpy(seen[n], rest, l);
		seen[n][l] = 0;
		cands[n] = seen[n];
		n++;
	}
	if (!plen) {
		cands[n++] = "base";
		cands[n++] = "signature";
	}
	ykey_unknown(key, prefix, cands, n, c->d);
}

static void walk(struct loadctx *c, const char *prefix, const struct ynode *map)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->pairs[i].key, *v = map->pairs[i].val;
		char path[128];
		snprintf(path, sizeof path, "%s%s", prefix, k->str);
		if (!*prefix && !strcmp(k->str, "base"))
			continue;
		if (!*prefix && !strcmp(k->str, "signature")) {
			const struct ynode *a = ymap_get(v, "authorities");
			if (!v || v->kind != Y_MAP || v->n != 1 || !a || a->kind != Y_SEQ) {
				diag_error(c->d, v ? v->pos : k->pos,
					   "'signature' must be a mapping with one key, 'authorities' "
					   "(a list such as [TM., KT., TL., TUQ., Q.])");
				continue;
			}
			for (int j = 0; j < c->st->nauthorities; j++) {
				free(c->st->authorities[j]);
				c->st->authorities[j] = NULL;
			}
			c->st->nauthorities = 0;
			for (size_t j = 0; j < a->n && j < MAX_AUTHORITIES; j++) {
				if (a->items[j]->kind != Y_SCALAR || !a->items[j]->len) {
					diag_error(c->d, a->items[j]->pos, "an authority must be text");
					continue;
				}
				free(c->st->authorities[c->st->nauthorities]);
				c->st->authorities[c->st->nauthorities++] = xstrdup(a->items[j]->str);
			}
			c->auth_set = true;
			continue;
		}
		if (!v) {
			diag_error(c->d, k->pos, "'%s' has no value", diag_quote(c->d, path));
			continue;
		}
		int found = -1;
		bool is_prefix = false;
		size_t plen = strlen(path);
		for (int j = 0; j < NKEYS; j++) {
			if (!strcmp(keys[j].path, path))
				found = j;
			else if (!strncmp(keys[j].path, path, plen) && keys[j].path[plen] == '.')
				is_prefix = true;
		}
		if (found >= 0) {
			set_value(c, found, v);
		} else if (is_prefix && !strcmp(path, "headings")) {
			if (v->kind != Y_SEQ) {
				diag_error(c->d, v->pos, "'headings' must be a list, one entry per level");
				continue;
			}
			if (v->n > MAX_HEADINGS)
				diag_error(c->d, v->items[MAX_HEADINGS]->pos,
					   "at most %d heading levels can be styled", MAX_HEADINGS);
			for (size_t j = 0; j < v->n && j < MAX_HEADINGS; j++) {
				char sub[64];
				snprintf(sub, sizeof sub, "headings.%zu.", j + 1);
				if (v->items[j]->kind != Y_MAP)
					diag_error(c->d, v->items[j]->pos,
						   "a heading level must be a mapping (align, bold, "
						   "italic, caps, indent)");
				else
					walk(c, sub, v->items[j]);
			}
		} else if (is_prefix) {
			if (v->kind != Y_MAP) {
				diag_error(c->d, v->pos, "'%s' must be a mapping, got %s", path,
					   ykind_name(v));
				continue;
			}
			char sub[130];
			snprintf(sub, sizeof sub, "%s.", path);
			walk(c, sub, v);
		} else {
			unknown_key(c, prefix, k);
		}
	}
}

static bool load_into(struct loadctx *c, const char *name, struct pos name_pos,
		      const char *basedir, struct srcset *files, int depth)
{
	char path[PATH_MAX];
	size_t nl = strlen(name);
	bool is_path = strchr(name, '/') || (nl > 5 && !strcmp(name + nl - 5, ".yaml"));
	if (is_path) {
		char *j = path_join(basedir, name);
		snprintf(path, sizeof path, "%s", j);
		free(j);
		if (!srcset_allowed(files, path, name, name_pos, c->d))
			return false;
	} else {
		for (const char *p = name; *p; p++) {
			if (!(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9') && *p != '-' &&
			    *p != '_') {
				diag_error(c->d, name_pos, "'%s' is not a style name (letters a-z, "
					   "digits and '-') nor a path to a .yaml file",
					   diag_quote(c->d, name));
				return false;
			}
		}
		struct buf file = {0};
		buf_printf(&file, "%s.yaml", name);
		char *j = datadir_path(c->datadir, "templates/styles", file.data);
		buf_free(&file);
		/* Named "./templates/styles/..." when the data dir is ".", as
		 * the messages about styles always have. */
		snprintf(path, sizeof path, "%s%s", strcmp(c->datadir, ".") ? "" : "./", j);
		free(j);
		if (access(path, R_OK) != 0) {
			diag_error(c->d, name_pos, "unknown style '%s' (no file %s)",
				   diag_quote(c->d, name), diag_quote(c->d, path));
			return false;
		}
	}
	if (depth > 8) {
		diag_error(c->d, name_pos, "styles based on each other in a loop");
		return false;
	}
	struct source *src = srcset_load(files, path, path, name_pos, c->d);
	if (!src)
		return false;
	struct arena ar = {0};
	struct ynode *root = yaml_load(src, 0, src->len, &ar, c->d);
	bool ok = true;
	if (!root || root->kind != Y_MAP) {
		if (root || !c->d->errors)
			diag_error(c->d, (struct pos){src, root ? root->pos.line : 0,
						      root ? root->pos.col : 0},
				   "a style file must be a mapping of keys");
		arena_free(&ar);
		return false;
	}
	char dir[PATH_MAX];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	const struct ynode *base = ymap_get(root, "base");
	if (base) {
		if (base->kind != Y_SCALAR || !base->len) {
			diag_error(c->d, base->pos, "'base' must be the name of a style");
			ok = false;
		} else {
			ok = load_into(c, base->str, base->pos, dir, files, depth + 1);
		}
	}
	if (ok) {
		int before = c->d->errors;
		const char *saved = c->dir;
		c->dir = dir;
		walk(c, "", root);
		c->dir = saved;
		ok = c->d->errors == before;
	}
	arena_free(&ar);
	if (ok && depth == 0) {
		int before = c->d->errors;
		for (int k = 0; k < NKEYS; k++)
			if (!c->set[k])
				diag_error(c->d, (struct pos){src, 0, 0},
					   "style '%s' does not set '%s'", diag_quote(c->d, name),
					   keys[k].path);
		if (!c->auth_set)
			diag_error(c->d, (struct pos){src, 0, 0},
				   "style '%s' does not set 'signature.authorities'",
				   diag_quote(c->d, name));
		ok = c->d->errors == before;
	}
	if (depth == 0)
		c->st->path = xstrdup(path);
	return ok;
}

struct style *style_load(const char *name, struct pos name_pos, const char *datadir,
			 const char *basedir, struct srcset *files, struct diag *d)
{
	struct style *st = xcalloc(1, sizeof *st);
	struct loadctx c = {.st = st, .datadir = datadir, .d = d, .dir = ".", .files = files};
	st->name = xstrdup(name);
	int before = d->errors;
	if (!load_into(&c, name, name_pos, basedir, files, 0) || d->errors != before) {
		style_free(st);
		return NULL;
	}
	/* Cross-field checks. */
	double text_w = st->page_w - st->margin_left - st->margin_right;
	if (st->left_col > text_w * 0.6)
		diag_error(d, name_pos, "style '%s': header.left_width leaves too little room "
			   "for the national title", diag_quote(d, name));
	if (st->subject_width > text_w + 0.01)
		diag_error(d, name_pos, "style '%s': header.subject_width is wider than the text",
			   diag_quote(d, name));
	if (d->errors == before)
		st->phrases = phrases_load(st->phrases_file, c.phrases_pos, datadir, files, d);
	if (d->errors != before) {
		style_free(st);
		return NULL;
	}
	return st;
}

void style_free(struct style *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->path);
	for (int i = 0; i < F_NFACES; i++)
		free(s->font_file[i]);
	free(s->national_title);
	free(s->motto);
	free(s->number_label);
	free(s->number_sep);
	free(s->code_sep);
	free(s->cong_van_code);
	free(s->basis_last);
	free(s->register_file);
	free(s->vv_prefix);
	free(s->to_label);
	free(s->recipients_label);
	free(s->as_above);
	free(s->phrases_file);
	phrases_free(s->phrases);
	for (int i = 0; i < s->nauthorities; i++)
		free(s->authorities[i]);
	free(s);
}
