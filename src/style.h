/* style.h - a house style: every size, margin, spacing and font of a
 * document, read from templates/styles/<name>.yaml. Lengths are stored in
 * points; style files give them in mm (margins, widths) or pt (sizes). */
#ifndef VB_STYLE_H
#define VB_STYLE_H

#include "diag.h"
#include "ytree.h"

enum align { AL_JUSTIFY, AL_LEFT, AL_CENTER, AL_RIGHT };
enum face { F_REGULAR, F_BOLD, F_ITALIC, F_BOLD_ITALIC, F_NFACES };

#define MM(x) ((x) * 72.0 / 25.4)

struct heading_style {
	int align;           /* enum align */
	bool bold, italic, caps, indent;
};

enum { MAX_HEADINGS = 4, MAX_AUTHORITIES = 8 };

struct style {
	char *name;
	char *path;          /* the file it came from */
	char *font_file[F_NFACES]; /* resolved paths */
	double page_w, page_h;
	double margin_top, margin_bottom, margin_left, margin_right;
	/* sizes, pt */
	double sz_national, sz_motto, sz_parent, sz_issuer, sz_number, sz_date;
	double sz_title, sz_subject, sz_body, sz_recipients_label, sz_recipients;
	double sz_signature, sz_page_number;
	/* spacing */
	double line_pitch;    /* body line pitch, multiple of the size */
	double header_pitch;  /* header lines, multiple of the size */
	double para_space;    /* pt */
	double indent;        /* pt */
	double space_stretch, space_shrink; /* fractions of the natural space */
	double number_space;  /* pt from the lower header rule to the number's baseline */
	double title_space;   /* pt above the title block */
	double body_space;    /* pt between the title block and the body */
	double closing_space; /* pt between the body and the closing */
	double page_number_y; /* pt from the top edge to the number's baseline */
	/* header */
	double left_col;      /* width of the issuer column, pt */
	double column_gap;    /* white space kept between the two header columns */
	char *national_title, *motto;
	double issuer_rule, subject_rule; /* fraction of the line above */
	double rule_width;    /* pt */
	double rule_drop;     /* rule below the baseline, multiple of the size */
	char *number_label;   /* "Số:" */
	char *number_sep;     /* between number and code: "/" */
	double subject_width; /* max width of the subject lines, pt */
	char *code_sep;       /* between type abbreviation and issuer code: "-" */
	char *basis_last;     /* the mark ending the last Căn cứ line: "." or "," */
	bool issuer_star;     /* a centred "*" under the issuer instead of a rule */
	char *cong_van_code;  /* a công văn's type in its number ("CV": "Số 15-CV/BTGTU"); "" none */
	bool vv_italic;       /* the V/v line of a công văn in italic (Party style) */
	double sz_vv, sz_to, sz_table, sz_appendix_label, sz_stamp, sz_footer;
	double vv_space;      /* pt between the number and the V/v line */
	double table_pad;     /* pt inside table cells */
	double sig_image_w, seal_w; /* pt */
	bool appendix_restart;/* page numbers restart in each appendix */
	bool pdfa;            /* write PDF/A-1b */
	char *register_file;  /* the register of outgoing documents ("" = none) */
	bool register_per_type; /* one number sequence per document type */
	double stamp_h, stamp_w[4]; /* độ khẩn boxes, pt (index: enum urgency) */
	/* closing */
	double recipients_width; /* pt */
	double signature_gap;    /* pt, title baseline to name baseline */
	char *authorities[MAX_AUTHORITIES];
	int nauthorities;
	struct heading_style heading[MAX_HEADINGS];
};

/* Finds a style by name (templates/styles/<name>.yaml under datadir) or by
 * path (when name contains '/' or ends in .yaml, relative to basedir).
 * Returns NULL after adding diagnostics. */
struct style *style_load(const char *name, struct pos name_pos, const char *datadir,
			 const char *basedir, struct srcset *files, struct diag *d);
void style_free(struct style *s);

/* Nearest of candidates to word (edit distance), or NULL if none is close. */
const char *nearest_word(const char *word, const char *const *cands, size_t n);

#endif
