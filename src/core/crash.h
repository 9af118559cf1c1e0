/* SPDX-License-Identifier: GPL-2.0-or-later */
/* crash.h: deterministic faults, for the tests of crash safety.
 * With NETSH_CRASH=N in the environment, netsh kills itself (SIGKILL, as
 * kill -9 would) at the N-th crash point it passes; the points sit around
 * every kernel step and every journal write. With NETSH_FAIL_WRITE=N its
 * N-th journal write fails as on a full disk. Without them they cost a
 * test of one integer. */
#ifndef NETSH_CRASH_H
#define NETSH_CRASH_H

#include <stdbool.h>

/* Pass a crash point. */
void crash_point(void);

/* Should this journal write fail (NETSH_FAIL_WRITE)? */
bool write_fails(void);

#endif
