/* SPDX-License-Identifier: GPL-2.0-or-later */
/* unit.h: a tiny TAP-style harness for the pure-code unit tests. */
#ifndef NETSH_UNIT_H
#define NETSH_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_run, unit_failed;

#define CHECK(cond, ...) do { \
	unit_run++; \
	if (cond) { \
		printf("ok %d - ", unit_run); printf(__VA_ARGS__); printf("\n"); \
	} else { \
		unit_failed++; \
		printf("not ok %d - ", unit_run); printf(__VA_ARGS__); \
		printf("\n#   at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	CHECK(g_ && strcmp(g_, w_) == 0, __VA_ARGS__); \
	if (!g_ || strcmp(g_, w_) != 0) \
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", w_); \
} while (0)

static inline int unit_done(void)
{
	printf("1..%d\n", unit_run);
	return unit_failed ? 1 : 0;
}

#endif
