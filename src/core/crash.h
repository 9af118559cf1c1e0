/* crash.h: deterministic crash points, for the tests of crash safety.
 * With NETSH_CRASH=N in the environment, netsh kills itself (SIGKILL, as
 * kill -9 would) at the N-th crash point it passes; the points sit around
 * every kernel step and every journal write. Without it they cost a test
 * of one integer. */
#ifndef NETSH_CRASH_H
#define NETSH_CRASH_H

/* Pass a crash point. */
void crash_point(void);

#endif
