/* base_doc.h - the fixed notice that the layout tests and the Markdown
 * fuzz target lay their bodies into. */
#ifndef VB_TEST_BASE_DOC_H
#define VB_TEST_BASE_DOC_H

#include <string.h>

#include "typeset/typeset.h"

static void base_doc(struct doc *doc)
{
	static const struct doctype tb = {"thong-bao", "THÔNG BÁO", "TB", false};
	memset(doc, 0, sizeof *doc);
	doc->dt = &tb;
	doc->parent.s = "LĐLĐ tỉnh Quảng Trị";
	doc->issuer.s = "Ban Thường vụ";
	doc->issuer_code.s = "LĐLĐ";
	doc->number = 7;
	doc->place.s = "Quảng Trị";
	doc->year = 2020;
	doc->month = 9;
	doc->day = 7;
	doc->subject.s = "Kết luận tại Hội nghị";
	struct signature sig = {0};
	sig.authority.s = "TL.";
	sig.sign_for.s = "Ban Thường vụ";
	sig.title.s = "Chánh Văn phòng";
	sig.name.s = "Nguyễn Thanh Hải";
	vec_push(&doc->signatures, sig);
	struct text_field r = {"Các ban LĐLĐ tỉnh", {0}};
	vec_push(&doc->recipients, r);
}

#endif
