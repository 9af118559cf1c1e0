/* SPDX-License-Identifier: GPL-2.0-or-later */
/* natcheck.h: what NAT behaviour a node really sees, measured as RFC 5780
 * does it: UDP from the node through the NAT(s) on its IPv4 default route
 * to probe endpoints netsh places on the node beyond the outermost one
 * (two documentation addresses it adds there for the test and removes
 * after), all sockets held by netsh itself. */
#ifndef NETSH_NATCHECK_H
#define NETSH_NATCHECK_H

#include <signal.h>
#include <stdbool.h>

#include "core/error.h"
#include "core/inet.h"
#include "core/model.h"
#include "core/op.h"
#include "core/nat-type.h"

struct session;

#define NATCHECK_HOPS 16	/* NATs and routers followed at most */

struct natcheck {
	char nats[NATCHECK_HOPS][NODE_NAME_MAX + 1];	/* the NATs crossed, inside first */
	int types[NATCHECK_HOPS];	/* and their types, as netsh set them */
	size_t nnats;
	char far[NODE_NAME_MAX + 1];	/* where the probe endpoints were */
	struct inet probe[2];		/* their addresses */
	struct inet mapped;		/* the node's first mapping, as the far side saw it */
	int lport, mport;		/* its port inside, and outside */
	enum nat_dep mapping, filtering;
	bool preserved;			/* the outside port was the inside one */
	bool hairpin;			/* a datagram to its own mapping came back */
	int life_min, life_max;		/* a mapping lasted at least, at most (s); -1: not measured */
};

/* Measure what node `name` sees. lifetime: also how long an idle mapping lasts
 * (up to 10 minutes of waiting; *stop set ends it early). Fails (nothing
 * measured, the lab as it was) when n's default route crosses no NAT, the
 * outermost NAT's default route has no gateway in the lab, or a probe gets
 * no answer. */
int session_natcheck(struct session *s, const char *name, bool lifetime,
		     volatile sig_atomic_t *stop, struct natcheck *out, struct nerr *err);

#endif
