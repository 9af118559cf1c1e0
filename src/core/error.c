/* SPDX-License-Identifier: GPL-2.0-or-later */
/* error.c: building error messages. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/error.h"

static int vset(struct nerr *e, int code, int tok, const char *fmt, va_list ap)
{
	e->code = code;
	e->tok = tok;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return -1;
}

int nerr_set(struct nerr *e, int tok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(e, tok >= 0 ? NERR_USAGE : NERR_FAIL, tok, fmt, ap);
	va_end(ap);
	return -1;
}

int nerr_setc(struct nerr *e, enum nerr_code code, int tok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(e, (int)code, tok, fmt, ap);
	va_end(ap);
	return -1;
}

void nerr_append(struct nerr *e, const char *fmt, ...)
{
	size_t len = strlen(e->msg);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg + len, sizeof(e->msg) - len, fmt, ap);
	va_end(ap);
}

void nerr_clear(struct nerr *e)
{
	e->code = 0;
	e->tok = -1;
	e->msg[0] = '\0';
}
