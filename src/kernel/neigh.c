/* SPDX-License-Identifier: GPL-2.0-or-later */
/* neigh.c: the neighbour entries netsh pins for its probes (kernel_pin):
 * permanent ARP and ND entries, marked with netsh's protocol number, which
 * do not count against the neighbour table's limit that all namespaces
 * share (gc_thresh3). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel/internal.h"

/* Add (NLM_F_EXCL: an entry already there is left alone) or delete one. */
static int pin_one(struct nlkernel *k, struct handle *h, struct kernel_pin *p, bool add)
{
	struct ndmsg nd = {
		.ndm_family = (unsigned char)p->dst.family,
		.ndm_state = NUD_PERMANENT,
	};
	struct nl_msg *msg;
	int ifindex;

	if (link_index(k, h, p->ifname, &ifindex) < 0)
		return -1;
	nd.ndm_ifindex = ifindex;
	msg = msg_new(add ? RTM_NEWNEIGH : RTM_DELNEIGH, add ? NLM_F_CREATE | NLM_F_EXCL : 0,
		      &nd, sizeof(nd));
	if (!msg || nla_put(msg, NDA_DST, p->dst.family == AF_INET ? 4 : 16, p->dst.a) < 0 ||
	    (add && (nla_put(msg, NDA_LLADDR, (int)p->lllen, p->lladdr) < 0 ||
		     nla_put_u8(msg, NDA_PROTOCOL, NETSH_PROTO) < 0))) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, NULL, NULL);
}

int neigh_pin(struct kernel *kk, const char *node, const struct nsid *id, struct kernel_pin *p,
	      size_t n, bool add, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	if (!h)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!add && !p[i].pinned)
			continue;
		if (pin_one(k, h, &p[i], add) == 0) {
			p[i].pinned = add;
			continue;
		}
		if (add && k->rep.error == EEXIST)
			continue;	/* the node knows it already: not ours */
		if (!add && (k->rep.error == ENOENT || k->rep.error == ENODEV)) {
			p[i].pinned = false;	/* gone with its link */
			continue;
		}
		return nerr_set(err, -1, "%s: %s a neighbour entry on %s: %s", node,
				add ? "adding" : "removing", p[i].ifname, k->why);
	}
	return 0;
}
