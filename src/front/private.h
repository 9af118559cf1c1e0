/* SPDX-License-Identifier: GPL-2.0-or-later */
/* private.h: private labs. A private lab lives in a user namespace of the
 * user's own (the user mapped to root), with a network namespace for its
 * host and a mount namespace with /run/netns and /run/netsh of its own. A
 * keeper process (keeper.c) holds them between runs; each netsh of that
 * user and lab joins them before it does anything else (private.c). They
 * meet at a socket, $XDG_RUNTIME_DIR/netsh/LAB.sock or
 * /tmp/netsh-UID/LAB.sock, in a directory only the user can enter. */
#ifndef NETSH_PRIVATE_H
#define NETSH_PRIVATE_H

#include <stdbool.h>
#include <sys/types.h>

#include "core/error.h"

/* A netsh's hold on its private lab. */
struct private_lab {
	int conn;	/* the connection to the keeper, kept while netsh runs */
	pid_t keeper;	/* the keeper's process ID, for nsenter */
	bool made;	/* this netsh started the keeper: the lab is new */
	bool ended;	/* ... because the lab's last keeper had exited */
};

/* Join this user's private lab LAB, starting its keeper when there is none
 * and CREATE: afterwards the process is in the lab's user, mount and
 * network namespaces, as root there. 1: there is no such lab (and CREATE is
 * false). Must run before any other thread or socket. */
int private_enter(const char *lab, bool create, struct private_lab *pl, struct nerr *err);

/* Leave: close the connection and wait until the keeper has seen it (and,
 * if the lab is empty, removed its socket and gone). */
void private_leave(struct private_lab *pl);

/* What the keeper needs (private.c fills it, keeper.c uses it). */
struct keeper_args {
	const char *lab;
	const char *dir;	/* the rendezvous directory */
	const char *sock_name;	/* LAB.sock in it */
	int dir_fd;		/* the directory, for its lock and socket */
	int status_fd;		/* "ok" or an error's message, then closed */
	int listen_fd;
};

/* The keeper's life (keeper.c); it never returns. */
void keeper_run(struct keeper_args *a) __attribute__((noreturn));

#endif
