/* crash.c: NETSH_CRASH, the crash points of the fault-injection tests. */
#include <signal.h>
#include <stdlib.h>

#include "core/crash.h"

void crash_point(void)
{
	static long left = -1;	/* points to pass before the crash; 0: none */

	if (left < 0) {
		const char *e = getenv("NETSH_CRASH");
		left = e ? strtol(e, NULL, 10) : 0;
		if (left < 0)
			left = 0;
	}
	if (left > 0 && --left == 0)
		raise(SIGKILL);
}
