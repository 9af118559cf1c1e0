/* error.c: building error messages. */
#include <stdarg.h>
#include <stdio.h>

#include "core/error.h"

int nerr_set(struct nerr *e, int tok, const char *fmt, ...)
{
	va_list ap;

	e->tok = tok;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void nerr_clear(struct nerr *e)
{
	e->tok = -1;
	e->msg[0] = '\0';
}
