/* qr.c - QR codes through libqrencode (the only file that includes
 * qrencode.h): the modules of a text's symbol, for the layout to draw as
 * vector squares. */
#include "base.h"

#include <errno.h>
#include <string.h>

#include <qrencode.h>

bool qr_make(const char *text, struct qr *q)
{
	memset(q, 0, sizeof *q);
	/* 8-bit mode: the text is UTF-8 as it is; level M survives a worn
	 * or creased certificate. */
	QRcode *c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (!c) {
		if (errno == ENOMEM)
			out_of_memory();
		return false;
	}
	size_t n = (size_t)c->width * (size_t)c->width;
	q->width = c->width;
	q->dark = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		q->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return true;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	q->dark = NULL;
	q->width = 0;
}
