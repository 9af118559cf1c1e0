/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link.c: links: a switch's bridge, veth pairs (the peer end created
 * directly in its namespace), deleting them (only the one netsh made) and
 * their state. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel/internal.h"

/* In a switch, links made from now on (its ports; its bridge is made
 * already) get no IPv6 of their own: a port is layer 2 only, and each port
 * with IPv6 would add addresses and routes that every later port's coming
 * up walks, and its own multicast chatter to flood. */
static int ports_l2_only(struct nlkernel *k, struct handle *h, struct nerr *err)
{
	static const char path[] = "/proc/sys/net/ipv6/conf/default/disable_ipv6";
	int rc = 0;

	if (enter(h, err) < 0)
		return -1;
	if (sysctl_put(path, "1") < 0 && errno != ENOENT)
		rc = nerr_set(err, -1, "%s: turning IPv6 off for switch ports (%s): %s",
			      h->name, path, strerror(errno));
	if (back_home(k, h->name, err) < 0)
		return -1;
	return rc;
}

/* Create a switch's bridge, up or down; want: the ifindex to ask for. */
static int bridge_add(struct nlkernel *k, struct handle *h, const char *ifname,
		      int want, bool up, int *ifindex, struct nerr *err)
{
	struct linkq q = { .name = ifname };
	struct nl_msg *msg = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ECHO,
				      want, up ? IFF_UP : 0, IFF_UP, ifname);
	struct nlattr *info;

	if (!msg || !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "bridge") < 0) {
		nlmsg_free(msg);
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	}
	nla_nest_end(msg, info);
	if (talk(k, h->sk, msg, parse_link, &q) < 0)
		return nerr_setc(err, k->rep.error == EEXIST ? NERR_EXISTS : NERR_FAIL, -1,
				 "%s: creating bridge %s: %s", h->name, ifname, k->why);
	if (!q.ifindex && link_query(k, h, ifname, &q.ifindex, NULL) < 0)
		return nerr_set(err, -1, "%s: finding new bridge %s: %s", h->name, ifname, k->why);
	ifc_put(k, h, ifname, q.ifindex);
	if (ports_l2_only(k, h, err) < 0) {
		ifc_drop(h, ifname);
		link_delete(k, h, ifname, q.ifindex);	/* nothing half-made */
		return -1;
	}
	*ifindex = q.ifindex;
	return 0;
}

int bridge_add_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);

	return h ? bridge_add(k, h, op->ifname, 0, op->up, &op->ifindex, err) : -1;
}

/* The RTM_NEWLINK request that creates a veth pair, its peer placed
 * directly in the peer's namespace. want/pwant: ifindexes to ask for (0:
 * any). */
static struct nl_msg *veth_msg(const struct op *op, int want, int pwant, int pnsfd)
{
	struct ifinfomsg pifi = { .ifi_family = AF_UNSPEC, .ifi_index = pwant };
	unsigned up = op->up ? IFF_UP : 0;
	struct nl_msg *msg = link_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL | NLM_F_ECHO,
				      want, up, up, op->ifname);
	struct nlattr *info, *data, *peer;

	/* One queue each way on both ends: a veth's default of one per CPU
	 * costs the kernel RCU grace periods per pair, and a lab gains nothing. */
	if (!msg || nla_put_u32(msg, IFLA_NUM_TX_QUEUES, 1) < 0 ||
	    nla_put_u32(msg, IFLA_NUM_RX_QUEUES, 1) < 0 ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "veth") < 0 ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
	    !(peer = nla_nest_start(msg, VETH_INFO_PEER)) ||
	    nlmsg_append(msg, &pifi, sizeof(pifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, op->peer_if) < 0 ||
	    nla_put_u32(msg, IFLA_NUM_TX_QUEUES, 1) < 0 ||
	    nla_put_u32(msg, IFLA_NUM_RX_QUEUES, 1) < 0 ||
	    (pnsfd >= 0 && nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)pnsfd) < 0)) {
		nlmsg_free(msg);
		return NULL;
	}
	nla_nest_end(msg, peer);
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	return msg;
}

/* Bring a new veth's peer end up and/or into the peer's bridge. */
static int veth_peer_setup(struct nlkernel *k, struct handle *ph, const struct op *op,
			   int pifindex, struct nerr *err)
{
	int br = 0;

	if (op->master && link_index(k, ph, BRIDGE_NAME, &br) < 0)
		return nerr_set(err, -1, "%s: finding bridge %s for port %s: %s",
				ph->name, BRIDGE_NAME, op->peer_if, k->why);
	if (link_change(k, ph, op->peer_if, pifindex, op->up, op->up, br) < 0) {
		if (op->master)
			ifc_drop(ph, BRIDGE_NAME);
		return nerr_set(err, -1, "%s: %s%s%s%s: %s", ph->name,
				op->master ? "adding port " : "setting ", op->peer_if,
				op->master ? " to " BRIDGE_NAME : "",
				op->master ? "" : " up", k->why);
	}
	return 0;
}

/* Create the veth pair an op describes: op->ifname in h (up if op->up),
 * op->peer_if in ph (up if op->up, a port of ph's bridge if op->master).
 * want/pwant: ifindexes to ask for (0: any). Cleans up on failure. */
static int veth_add(struct nlkernel *k, struct handle *h, struct handle *ph,
		    const struct op *op, int want, int pwant,
		    int *ifindex, int *pifindex, struct nerr *err)
{
	struct linkq q = { .name = op->ifname };
	struct nl_msg *msg = veth_msg(op, want, pwant, ph == h ? -1 : ph->nsfd);

	if (!msg)
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	if (talk(k, h->sk, msg, parse_link, &q) < 0)
		return nerr_setc(err, k->rep.error == EEXIST ? NERR_EXISTS : NERR_FAIL, -1,
				 "%s: creating veth %s <-> %s:%s: %s", h->name,
				 op->ifname, op->peer, op->peer_if, k->why);
	if (!q.ifindex && link_query(k, h, op->ifname, &q.ifindex, NULL) < 0) {
		nerr_set(err, -1, "%s: finding new veth %s: %s", h->name, op->ifname, k->why);
		goto fail;
	}
	if (!q.peer && link_query(k, ph, op->peer_if, &q.peer, NULL) < 0) {
		nerr_set(err, -1, "%s: finding new veth %s: %s", ph->name, op->peer_if, k->why);
		goto fail;
	}
	if ((op->up || op->master) && veth_peer_setup(k, ph, op, q.peer, err) < 0)
		goto fail;
	ifc_put(k, h, op->ifname, q.ifindex);
	ifc_put(k, ph, op->peer_if, q.peer);
	*ifindex = q.ifindex;
	*pifindex = q.peer;
	return 0;
fail:
	link_delete(k, h, op->ifname, q.ifindex);
	return -1;
}

int veth_add_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err), *ph;

	if (!h)
		return -1;
	ph = handle_get(k, op->peer, &op->peer_id, err);
	if (!ph)
		return -1;
	return veth_add(k, h, ph, op, 0, 0, &op->ifindex, &op->peer_ifindex, err);
}

/* Is the host's veth `have` (its peer `peer`) the one netsh made? Its
 * other end must be op->peer_if in the lab's proven namespace op->peer,
 * with the ifindex recorded, and the two must be each other's peers. */
static int host_link_ours(struct nlkernel *k, const struct op *op, int have, int peer,
			  struct nerr *err)
{
	struct handle *ph;
	struct nerr e2;
	int pidx, ppeer;

	if (!op->peer[0])
		return nerr_setc(err, NERR_NOT_OURS, -1,
				 "%s: netsh has no record of %s's other end, so cannot prove it made "
				 "it; netsh leaves it alone", HOST_NS, op->ifname);
	ph = handle_get(k, op->peer, &op->peer_id, &e2);
	if (!ph || link_query(k, ph, op->peer_if, &pidx, &ppeer) < 0 ||
	    (op->peer_ifindex && pidx != op->peer_ifindex) || pidx != peer || ppeer != have)
		return nerr_setc(err, NERR_NOT_OURS, -1,
				 "%s: %s is not the link netsh created (its other end is not %s:%s); "
				 "netsh leaves it alone", HOST_NS, op->ifname, op->peer, op->peer_if);
	return 0;
}

/* Delete a link if it is the one netsh made: of that name, with the
 * ifindex recorded (and on the host, its other end in the lab). One that
 * is gone already is done (op->absent). */
static int link_del(struct nlkernel *k, struct handle *h, struct op *op, struct nerr *err)
{
	int have, peer = 0;

	if (link_query(k, h, op->ifname, &have, &peer) < 0) {
		if (k->rep.error != ENODEV)
			return nerr_set(err, -1, "%s: deleting %s: %s", h->name, op->ifname, k->why);
		op->absent = true;
		return 0;
	}
	if (op->ifindex && have != op->ifindex)
		return nerr_setc(err, NERR_NOT_OURS, -1,
				 "%s: %s is not the link netsh created (ifindex %d, not %d); netsh leaves it alone",
				 h->name, op->ifname, have, op->ifindex);
	if (h == &k->host && host_link_ours(k, op, have, peer, err) < 0)
		return -1;
	k->gen++;		/* a veth's peer goes too, wherever it is */
	if (link_delete(k, h, op->ifname, have) < 0)
		return nerr_set(err, -1, "%s: deleting %s: %s", h->name, op->ifname, k->why);
	return 0;
}

int link_del_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);

	if (!h && err->code == NERR_GONE) {	/* its namespace took it along */
		op->absent = true;
		return 0;
	}
	return h ? link_del(k, h, op, err) : -1;
}

/* Undo a bridge_add or a veth_add: delete what it made. */
int cable_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);

	if (!h)
		return -1;
	k->gen++;
	if (link_delete(k, h, op->ifname, op->ifindex) < 0)
		return nerr_set(err, -1, "%s: deleting %s: %s", h->name, op->ifname, k->why);
	return 0;
}

/* Undo a link_del: recreate the veth pair it removed (the op names its far
 * end as veth_add does), asking for the same ifindexes so the lab's record
 * stays true, or any when they are taken. */
int link_del_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err), *ph;
	int idx, pidx;

	if (!h)
		return -1;
	if (!op->peer[0])
		return nerr_set(err, -1, "%s: %s had no peer recorded; it cannot be made again",
				op->node, op->ifname);
	ph = handle_get(k, op->peer, &op->peer_id, err);
	if (!ph)
		return -1;
	if (veth_add(k, h, ph, op, op->ifindex, op->peer_ifindex, &idx, &pidx, err) == 0)
		return 0;
	return veth_add(k, h, ph, op, 0, 0, &idx, &pidx, err);
}

static int link_set(struct nlkernel *k, const struct op *op, bool up, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);
	int ifindex;

	if (!h)
		return -1;
	ifindex = ifc_get(k, h, op->ifname);
	if (link_change(k, h, op->ifname, ifindex, true, up, 0) < 0) {
		ifc_drop(h, op->ifname);
		return nerr_setc(err, k->rep.error == ENODEV ? NERR_GONE : NERR_FAIL, -1,
				 "%s: setting %s %s: %s", h->name, op->ifname, up ? "up" : "down",
				 k->why);
	}
	return 0;
}

int link_set_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	return link_set(k, op, op->up, err);
}

int link_set_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	return link_set(k, op, op->was_up, err);
}
