/* SPDX-License-Identifier: GPL-2.0-or-later */
/* xalloc.h: allocation that aborts with a message when memory runs out. */
#ifndef NETSH_XALLOC_H
#define NETSH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* printf into a fresh string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
