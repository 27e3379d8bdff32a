/* yaml_load.c - libyaml document API -> struct ynode tree.
 *
 * libyaml marks are 0-based and count characters (not bytes); we add one
 * and keep them relative to the whole file. The loader resolves aliases by
 * sharing nodes, so a hostile document ("billion laughs") could expand
 * exponentially when copied: copying is bounded by a node budget. */
#include "input.h"

#include <stdint.h>
#include <string.h>
#include <yaml.h>

enum { MAX_DEPTH = 64, MAX_NODES = 200000 };

struct loader {
	yaml_document_t *doc;
	const struct source *src;
	int line0; /* line of the first byte given to libyaml, 0-based */
	struct arena *arena;
	struct diag *d;
	size_t budget;
	bool overflow;
	size_t warned; /* 1 + the offset of the last scalar warned of, 0: none */
};

static struct pos mark_pos(struct loader *l, yaml_mark_t m)
{
	return (struct pos){l->src, (int)m.line + l->line0 + 1, (int)m.column + 1};
}

/* Removes the invisible characters of a scalar (text pasted from Word),
 * with one warning at the first one written in the source, or at the
 * scalar when they come from escapes ("\u200B"). The source is left as it
 * is, so the positions of everything after them stay those of the file. */
static void strip_invisible(struct loader *l, struct ynode *n, size_t index)
{
	struct invisible inv = {0};
	n->raw = arena_strndup(l->arena, n->str, n->len);
	n->len = text_strip_invisible((char *)n->str, n->len, &inv);
	const struct source *s = l->src;
	size_t a = source_offset(s, n->pos.line, n->pos.col);
	size_t e = source_offset(s, n->end.line, n->end.col);
	struct pos at = n->pos;
	for (const char *p = s->text + a; p < s->text + e;) {
		size_t off = (size_t)(p - s->text);
		if (text_invisible_name(utf8_next(&p))) {
			at = source_pos(s, off);
			break;
		}
	}
	/* Nodes are met in the order of the file, but an alias brings back
	 * one met before: its warning was given. */
	if (index + 1 > l->warned) {
		diag_invisible(l->d, at, &inv);
		l->warned = index + 1;
	}
}

static struct ynode *convert(struct loader *l, yaml_node_t *yn, int depth)
{
	if (!yn)
		return NULL;
	if (depth > MAX_DEPTH || l->budget == 0) {
		if (!l->overflow)
			diag_error(l->d, mark_pos(l, yn->start_mark),
				   depth > MAX_DEPTH
				   ? "data nested more than %d levels deep"
				   : "document expands to more than %d values (aliases?)",
				   depth > MAX_DEPTH ? MAX_DEPTH : MAX_NODES);
		l->overflow = true;
		return NULL;
	}
	l->budget--;
	struct ynode *n = arena_alloc(l->arena, sizeof *n);
	n->pos = mark_pos(l, yn->start_mark);
	n->end = mark_pos(l, yn->end_mark);
	switch (yn->type) {
	case YAML_SCALAR_NODE:
		n->kind = Y_SCALAR;
		n->str = arena_strndup(l->arena, (const char *)yn->data.scalar.value,
				       yn->data.scalar.length);
		n->len = yn->data.scalar.length;
		if (text_has_invisible(n->str, n->len))
			strip_invisible(l, n, yn->start_mark.index);
		switch (yn->data.scalar.style) {
		case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
			n->style = YS_QUOTED;
			break;
		case YAML_LITERAL_SCALAR_STYLE:
		case YAML_FOLDED_SCALAR_STYLE:
			n->style = YS_BLOCK;
			break;
		default:
			n->style = YS_PLAIN;
		}
		break;
	case YAML_SEQUENCE_NODE: {
		n->kind = Y_SEQ;
		yaml_node_item_t *a = yn->data.sequence.items.start;
		size_t cnt = (size_t)(yn->data.sequence.items.top - a);
		n->items = arena_alloc(l->arena, cnt * sizeof *n->items);
		for (size_t i = 0; i < cnt && !l->overflow; i++) {
			struct ynode *c = convert(l, yaml_document_get_node(l->doc, a[i]), depth + 1);
			if (c)
				n->items[n->n++] = c;
		}
		break;
	}
	case YAML_MAPPING_NODE: {
		n->kind = Y_MAP;
		yaml_node_pair_t *a = yn->data.mapping.pairs.start;
		size_t cnt = (size_t)(yn->data.mapping.pairs.top - a);
		n->pairs = arena_alloc(l->arena, cnt * sizeof *n->pairs);
		/* Duplicate keys are found with a hash of the keys so far: a
		 * mapping of many thousand keys stays linear. */
		size_t hcap = 16;
		while (hcap < 2 * cnt)
			hcap *= 2;
		size_t *slot = xcalloc(hcap, sizeof *slot); /* pair index + 1, 0 = empty */
		for (size_t i = 0; i < cnt && !l->overflow; i++) {
			struct ynode *k = convert(l, yaml_document_get_node(l->doc, a[i].key), depth + 1);
			struct ynode *v = convert(l, yaml_document_get_node(l->doc, a[i].value), depth + 1);
			if (!k)
				continue;
			if (k->kind != Y_SCALAR) {
				diag_error(l->d, k->pos, "a key must be plain text, not %s",
					   ykind_name(k));
				continue;
			}
			uint64_t h = 1469598103934665603u; /* FNV-1a */
			for (size_t b = 0; b < k->len; b++)
				h = (h ^ (unsigned char)k->str[b]) * 1099511628211u;
			size_t at = (size_t)h & (hcap - 1);
			bool dup = false;
			for (; slot[at]; at = (at + 1) & (hcap - 1)) {
				const struct ynode *other = n->pairs[slot[at] - 1].key;
				if (other->len == k->len && !memcmp(other->str, k->str, k->len)) {
					diag_error(l->d, k->pos,
						   "duplicate key '%s' (first given at line %d)",
						   diag_quote(l->d, k->str), other->pos.line);
					dup = true;
					break;
				}
			}
			if (dup)
				continue;
			n->pairs[n->n].key = k;
			n->pairs[n->n].val = v;
			n->n++;
			slot[at] = n->n;
		}
		free(slot);
		break;
	}
	default:
		return NULL;
	}
	return n;
}

/* libyaml composes a whole document before we can look at its depth, and
 * its time grows with the square of the nesting of flow collections: a few
 * kilobytes of "[[[[..." would take seconds. So the events are read first
 * and the nesting counted as they come; the first collection deeper than
 * MAX_DEPTH (the root is at depth 0) ends the reading with the error that
 * convert would give it. Syntax errors are left to the load. */
static bool too_deep(struct loader *l, const unsigned char *in, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int level = 0;
	bool deep = false;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, in, len);
	while (!deep && yaml_parser_parse(&p, &ev)) {
		yaml_event_type_t t = ev.type;
		if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
			if (level > MAX_DEPTH) {
				diag_error(l->d, mark_pos(l, ev.start_mark),
					   "data nested more than %d levels deep", MAX_DEPTH);
				deep = true;
			}
			level++;
		} else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
			level--;
		}
		yaml_event_delete(&ev);
		if (t == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	return deep;
}

struct ynode *yaml_load(const struct source *src, size_t start, size_t end,
			struct arena *arena, struct diag *d)
{
	yaml_parser_t p;
	yaml_document_t doc;
	struct loader l = {&doc, src, 0, arena, d, MAX_NODES, false, 0};
	l.line0 = source_pos(src, start).line - 1;
	struct ynode *root = NULL;
	if (too_deep(&l, (const unsigned char *)src->text + start, end - start))
		return NULL;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)src->text + start, end - start);
	if (!yaml_parser_load(&p, &doc)) {
		struct pos at = mark_pos(&l, p.problem_mark);
		if (p.error == YAML_READER_ERROR)
			at = source_pos(src, start + p.problem_offset);
		if (p.context)
			diag_error(d, at, "%s (%s at line %d)", p.problem ? p.problem : "syntax error",
				   p.context, (int)p.context_mark.line + l.line0 + 1);
		else if (p.problem && !strcmp(p.problem, "mapping values are not allowed in this context"))
			diag_error(d, at, "%s: a value with ': ' in it goes in quotes, \"...\"",
				   p.problem);
		else
			diag_error(d, at, "%s", p.problem ? p.problem : "syntax error");
		yaml_parser_delete(&p);
		return NULL;
	}
	root = convert(&l, yaml_document_get_root_node(&doc), 0);
	yaml_document_delete(&doc);
	/* A second document in the same stream is a mistake in our formats. */
	if (root && yaml_parser_load(&p, &doc)) {
		if (yaml_document_get_root_node(&doc))
			diag_error(d, mark_pos(&l, doc.start_mark),
				   "only one YAML document is allowed here");
		yaml_document_delete(&doc);
	}
	yaml_parser_delete(&p);
	if (l.overflow)
		return NULL;
	return root;
}

struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->pairs[i].key->str, key))
			return map->pairs[i].val;
	return NULL;
}

const char *ykind_name(const struct ynode *n)
{
	if (!n)
		return "nothing";
	return n->kind == Y_MAP ? "a mapping" : n->kind == Y_SEQ ? "a list" : "text";
}
