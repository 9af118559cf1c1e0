/* SPDX-License-Identifier: GPL-2.0-or-later */
/* strbuf.h: a growing string, and lists joined by a separator. */
#ifndef NETSH_STRBUF_H
#define NETSH_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;		/* NUL-terminated once anything was added */
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_putc(struct strbuf *b, char c);
void sb_puts(struct strbuf *b, const char *s);
/* Append n bytes (any bytes: NUL too). */
void sb_addn(struct strbuf *b, const void *data, size_t n);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One item of a list: `sep` before it unless it is the first. */
void sb_item(struct strbuf *b, const char *sep, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The text so far ("" when empty); stays owned by the buffer. */
const char *sb_str(const struct strbuf *b);

/* Hand the text over (malloc'd, "" when empty) and empty the buffer. */
char *sb_take(struct strbuf *b);

void sb_free(struct strbuf *b);

#endif
