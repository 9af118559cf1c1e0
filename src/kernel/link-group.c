/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link-group.c: many cables deleted as one request. Deleting a network
 * device waits for an RCU grace period (25-40 ms here), one per
 * RTM_DELLINK; a switch with 100 ports took seconds to delete. The links
 * of a run of link_dels that share a namespace are each proven as
 * link_del proves one, given a device group of their own (a random one
 * that no other device there has), and deleted with one RTM_DELLINK by
 * that group: one grace period for all. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/msg.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

/* How many links of a dump carry a group, and how many of them are ours. */
struct group_count {
	uint32_t group;
	const int *ours;	/* sorted */
	size_t nours, mine, others;
};

static int by_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void count_group(struct nlmsghdr *h, void *arg)
{
	struct group_count *c = arg;
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi = nlmsg_data(h);

	if (h->nlmsg_type != RTM_NEWLINK || nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0 ||
	    !tb[IFLA_GROUP] || nla_get_u32(tb[IFLA_GROUP]) != c->group)
		return;
	if (bsearch(&ifi->ifi_index, c->ours, c->nours, sizeof(*c->ours), by_int))
		c->mine++;
	else
		c->others++;
}

/* Put link ifindex of h in a device group. */
static int set_group(struct nlkernel *k, struct handle *h, int ifindex, uint32_t group)
{
	struct nl_msg *msg = link_msg(RTM_NEWLINK, 0, ifindex, 0, 0, NULL);

	if (!msg || nla_put_u32(msg, IFLA_GROUP, group) < 0) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, NULL, NULL);
}

/* Are exactly the n links idx (sorted) of h in the group? */
static bool group_is_ours(struct nlkernel *k, struct handle *h, uint32_t group, const int *idx,
			  size_t n)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct group_count c = { group, idx, n, 0, 0 };
	struct nl_msg *msg = msg_new(RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof(ifi));

	if (!msg)
		return false;
	return talk(k, h->sk, msg, count_group, &c) == 0 && c.mine == n && c.others == 0;
}

/* Delete every link of h in the group. */
static int delete_group(struct nlkernel *k, struct handle *h, uint32_t group)
{
	struct nl_msg *msg = link_msg(RTM_DELLINK, 0, 0, 0, 0, NULL);

	if (!msg || nla_put_u32(msg, IFLA_GROUP, group) < 0) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, NULL, NULL);
}

/* A group number for this deletion alone (0 is every device's default). */
static uint32_t fresh_group(void)
{
	uint32_t g;

	if (getrandom(&g, sizeof(g), GRND_NONBLOCK) != (ssize_t)sizeof(g))
		g = (uint32_t)getpid() * 2654435761u ^ (uint32_t)time(NULL);
	return g | 0x80000000u;
}

/* Prove op's link and its far end as link_del and host_link_ours do: the
 * recorded ifindexes, each end the other's peer. The ifindex of the end
 * on `far`'s side, or 0. */
static int proven_end(struct nlkernel *k, struct op *op, bool far)
{
	struct handle *h, *ph;
	int have, peer, pidx, ppeer;

	handles_trim(k);	/* within the descriptor budget; h and ph stay */
	h = handle_get(k, op->node, &op->id, &(struct nerr){ 0 });
	if (!h || link_query(k, h, op->ifname, &have, &peer) < 0 ||
	    (op->ifindex && have != op->ifindex))
		return 0;
	ph = handle_get(k, op->peer, &op->peer_id, &(struct nerr){ 0 });
	if (!ph || link_query(k, ph, op->peer_if, &pidx, &ppeer) < 0 ||
	    (op->peer_ifindex && pidx != op->peer_ifindex) || pidx != peer || ppeer != have)
		return 0;
	return far ? pidx : have;
}

int link_del_many(struct nlkernel *k, struct op *ops, size_t n, bool far, struct nerr *err)
{
	struct op *first = &ops[0];
	int *idx = xcalloc(n, sizeof(*idx));
	uint32_t group = fresh_group();
	size_t marked = 0;
	struct handle *h;
	int rc = -1;

	for (size_t i = 0; i < n; i++) {
		if (!(idx[i] = proven_end(k, &ops[i], far))) {
			nerr_set(err, -1, "%s: %s is not as netsh recorded it", ops[i].node,
				 ops[i].ifname);
			goto out;
		}
	}
	handles_trim(k);
	h = far ? handle_get(k, first->peer, &first->peer_id, err) :
		  handle_get(k, first->node, &first->id, err);
	if (!h)
		goto out;
	qsort(idx, n, sizeof(*idx), by_int);
	while (marked < n && set_group(k, h, idx[marked], group) == 0)
		marked++;
	if (marked == n && group_is_ours(k, h, group, idx, n) && delete_group(k, h, group) == 0) {
		k->gen++;	/* the peers went too, wherever they were */
		for (size_t i = 0; i < n; i++)
			ops[i].absent = false;
		rc = 0;
	} else {
		while (marked-- > 0)	/* back to the default group */
			set_group(k, h, idx[marked], 0);
		nerr_set(err, -1, "%s: the %zu links could not be deleted at once", h->name, n);
	}
out:
	free(idx);
	return rc;
}
