/* pdf_haru.c - the PDF backend on libharu 2.3.0: a document's pages to the
 * bytes of a file. The drawing is in pdf_draw.c and pdf_forms.c, the fonts
 * in pdf_fonts.c, the metadata in pdf_meta.c. */
#include "pdf_int.h"

#include <stdlib.h>
#include <string.h>

/* libharu 2.3.0 copies and clears memory a byte at a time (HPDF_MemCpy,
 * HPDF_MemSet), a tenth of the time of a short document: it clears
 * 128 KB for each font it makes and 384 KB for its UTF-8 encoder. It calls
 * them through its procedure linkage table, so these definitions in the
 * program take their place (ELF symbol interposition), with the same
 * results: the end of the bytes written. HPDF_MemCpy copies forwards, so
 * an overlap with out before in works there: memmove keeps that. */
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	if (n)
		memmove(out, in, n);
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user)
{
	struct pdf *p = user;
	(void)detail;
	if (error == HPDF_FAILD_TO_ALLOC_MEM)
		out_of_memory();
	if (!p->error)
		p->error = error;
}

/* Written by libharu into the dictionary of a stream it writes as it is. */
static HPDF_STATUS flate_key(HPDF_Dict dict, HPDF_Stream out)
{
	(void)dict;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

void pdf_put_deflated(struct pdf *p, HPDF_Dict dict, const void *data, size_t len, bool fast)
{
	p->packed.len = 0;
	deflate_into(fast ? p->z_fast : p->z, data, len, &p->packed);
	HPDF_MemStream_FreeData(dict->stream);
	HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)p->packed.data, (HPDF_UINT)p->packed.len);
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = flate_key;
}

/* libharu compresses through zlib at its default level, 4 KB at a time,
 * while it saves: the streams it would compress are compressed here before
 * (libdeflate: in half the time, to fewer bytes). An empty stream is left
 * without a filter. */
static void deflate_streams(struct pdf *p)
{
	HPDF_List objs = p->doc->xref->entries;
	for (HPDF_UINT i = 0; i < objs->count; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(objs, i);
		HPDF_Obj_Header *h = e ? e->obj : NULL;
		if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
			continue;
		HPDF_Dict dict = e->obj;
		if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE ||
		    dict->write_fn || dict->filterParams)
			continue;
		p->raw.len = 0;
		HPDF_UINT n = HPDF_MemStream_GetBufCount(dict->stream);
		for (HPDF_UINT b = 0; b < n; b++) {
			HPDF_UINT l = 0;
			const HPDF_BYTE *data = HPDF_MemStream_GetBufPtr(dict->stream, b, &l);
			if (data)
				buf_add(&p->raw, (const char *)data, l);
		}
		if (p->raw.len)
			pdf_put_deflated(p, dict, p->raw.data, p->raw.len, false);
		else
			dict->filter = HPDF_STREAM_FILTER_NONE;
	}
}

/* The file's bytes from libharu's stream, once the document is drawn. */
static bool save(struct pdf *p, char **out, size_t *len, struct diag *d)
{
	HPDF_Doc doc = p->doc;
	if (p->failed)
		return false;
	if (p->error) {
		diag_error(d, pos_none(), "PDF library error 0x%04X while drawing", (unsigned)p->error);
		return false;
	}
	deflate_streams(p);
	if (HPDF_SaveToStream(doc) != HPDF_OK || p->error) {
		diag_error(d, pos_none(), "PDF library error 0x%04X while saving", (unsigned)p->error);
		return false;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(doc);
	char *buf = xmalloc(size ? size : 1);
	HPDF_UINT32 got = size;
	HPDF_ResetStream(doc);
	HPDF_ReadFromStream(doc, (HPDF_BYTE *)buf, &got);
	*out = buf;
	*len = got;
	return true;
}

static bool render(struct pdf *p, const struct layout *lo, const struct pdf_info *info,
		   char **out, size_t *len, struct diag *d)
{
	pdf_metadata(p, info, lo->pages.n);
	/* Batches: the parts every page shares go into forms, and all pages
	 * share one resource dictionary. After an error libharu is not called
	 * again: save() reports it and the document is freed. */
	struct pdf_shared s = {0};
	if (!p->error)
		pdf_share(p, lo, &s);
	for (size_t pi = 0; pi < lo->pages.n; pi++)
		if (p->error || !pdf_draw_page(p, lo, &lo->pages.v[pi], &s, d))
			break;
	pdf_shared_free(&s);
	return save(p, out, len, d);
}

bool pdf_write(const struct layout *lo, const struct pdf_info *info,
	       const struct pdf_font fonts[4], char **out, size_t *len, struct diag *d)
{
	struct pdf p = {0};
	p.pdfa = info->pdfa;
	p.doc = HPDF_New(on_error, &p);
	if (!p.doc) {
		diag_error(d, pos_none(), "cannot start the PDF library");
		return false;
	}
	p.z = deflater_new(6);
	p.z_fast = deflater_new(1);
	HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p.doc);
	HPDF_SetCurrentEncoder(p.doc, "UTF-8");
	/* An array holds at most 8191 entries (the library's limit, and
	 * PDF/A's): longer documents get a page tree of 1024 pages a node. */
	if (lo->pages.n > 8191)
		HPDF_SetPagesConfiguration(p.doc, 1024);
	bool ok = true;
	for (int f = 0; f < F_NFACES && ok; f++) {
		if (!fonts[f].data)
			continue;
		p.font_name[f] = pdf_load_font(&p, &fonts[f]);
		p.max_cp[f] = fonts[f].max_cp;
		p.src[f] = &fonts[f];
		if (!p.font_name[f]) {
			diag_error(d, pos_none(), "the PDF library rejected a font subset "
				   "(error 0x%04X)", (unsigned)p.error);
			ok = false;
		}
	}
	if (ok)
		ok = render(&p, lo, info, out, len, d);
	HPDF_Free(p.doc);
	vec_free(&p.images);
	deflater_free(p.z);
	deflater_free(p.z_fast);
	buf_free(&p.raw);
	buf_free(&p.packed);
	buf_free(&p.ops);
	return ok;
}
