/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strbuf.c: growing strings. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

/* Room for n more bytes and the NUL. */
static void reserve(struct strbuf *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	while (b->len + n + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 32;
	b->s = xrealloc(b->s, b->cap);
}

void sb_putc(struct strbuf *b, char c)
{
	reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s)
{
	size_t n = strlen(s);

	reserve(b, n);
	memcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void sb_addn(struct strbuf *b, const void *data, size_t n)
{
	reserve(b, n);
	if (n)
		memcpy(b->s + b->len, data, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Format into the room there is, and again with more only when it did not
 * fit: one pass for most journal records. */
static void vprint(struct strbuf *b, const char *fmt, va_list ap)
{
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, again);
	va_end(again);
	if (n < 0) {
		if (room)
			b->s[b->len] = '\0';	/* what was written past len is not kept */
		return;
	}
	if ((size_t)n >= room) {
		reserve(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(b, fmt, ap);
	va_end(ap);
}

void sb_item(struct strbuf *b, const char *sep, const char *fmt, ...)
{
	va_list ap;

	if (b->len)
		sb_puts(b, sep);
	va_start(ap, fmt);
	vprint(b, fmt, ap);
	va_end(ap);
}

const char *sb_str(const struct strbuf *b)
{
	return b->s ? b->s : "";
}

char *sb_take(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sb_free(struct strbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
