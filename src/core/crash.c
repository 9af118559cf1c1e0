/* SPDX-License-Identifier: GPL-2.0-or-later */
/* crash.c: NETSH_CRASH, the crash points of the fault-injection tests. */
#include <signal.h>
#include <stdlib.h>

#include "core/crash.h"

/* Count down the points of a fault variable: true at the N-th. */
static bool nth(const char *var, long *left)
{
	if (*left < 0) {
		const char *e = getenv(var);
		*left = e ? strtol(e, NULL, 10) : 0;
		if (*left < 0)
			*left = 0;
	}
	return *left > 0 && --*left == 0;
}

void crash_point(void)
{
	static long left = -1;

	if (nth("NETSH_CRASH", &left))
		raise(SIGKILL);
}

bool write_fails(void)
{
	static long left = -1;

	return nth("NETSH_FAIL_WRITE", &left);
}
