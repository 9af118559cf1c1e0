/* SPDX-License-Identifier: GPL-2.0-or-later */
/* qdisc.c: link conditions (impair_set) as queueing disciplines on what
 * leaves an interface, as `tc qdisc replace ... root` makes them: a token
 * bucket (tbf) for a rate alone; netem for delay, jitter and loss, with
 * the tbf under it for a rate. The requests are built with libnl-route's
 * qdisc objects and sent on the node's own socket. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/msg.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/netem.h>
#include <netlink/route/qdisc/tbf.h>
#include <netlink/route/tc.h>

#include "core/impair.h"
#include "kernel/internal.h"

#define NETEM_HANDLE TC_HANDLE(1, 0)
#define TBF_UNDER_NETEM TC_HANDLE(10, 0)

/* A qdisc object of `kind` (NULL: any, for a delete) on ifindex at parent,
 * with handle. */
static struct rtnl_qdisc *qdisc_new(int ifindex, uint32_t parent, uint32_t handle, const char *kind)
{
	struct rtnl_qdisc *q = rtnl_qdisc_alloc();

	if (!q)
		return NULL;
	rtnl_tc_set_ifindex(TC_CAST(q), ifindex);
	rtnl_tc_set_parent(TC_CAST(q), parent);
	if (handle)
		rtnl_tc_set_handle(TC_CAST(q), handle);
	if (kind && rtnl_tc_set_kind(TC_CAST(q), kind) < 0) {
		rtnl_qdisc_put(q);
		return NULL;
	}
	return q;
}

/* Send an add (replace) or delete request for q; q is consumed. */
static int qdisc_send(struct nlkernel *k, struct handle *h, struct rtnl_qdisc *q, bool add)
{
	struct nl_msg *msg = NULL;
	int rc;

	if (!q)
		return why_nl(k, -NLE_NOMEM);
	rc = add ? rtnl_qdisc_build_add_request(q, NLM_F_CREATE | NLM_F_REPLACE, &msg)
		 : rtnl_qdisc_build_delete_request(q, &msg);
	rtnl_qdisc_put(q);
	if (rc < 0)
		return why_nl(k, rc);
	return talk(k, h->sk, msg, NULL, NULL);
}

static struct rtnl_qdisc *tbf(int ifindex, uint32_t parent, uint32_t handle,
			      const struct impair *im)
{
	struct rtnl_qdisc *q = qdisc_new(ifindex, parent, handle, "tbf");
	unsigned long long bytes = im->rate / 8;

	if (!q)
		return NULL;
	rtnl_qdisc_tbf_set_rate(q, bytes > INT32_MAX ? INT32_MAX : (int)bytes,
				(int)impair_burst(im->rate), 0);
	rtnl_qdisc_tbf_set_limit(q, (int)impair_limit(im->rate));
	return q;
}

static struct rtnl_qdisc *netem(int ifindex, const struct impair *im)
{
	struct rtnl_qdisc *q = qdisc_new(ifindex, TC_H_ROOT, NETEM_HANDLE, "netem");

	if (!q)
		return NULL;
	rtnl_netem_set_limit(q, 1000);
	rtnl_netem_set_delay(q, (int)(im->delay > INT32_MAX ? INT32_MAX : im->delay));
	rtnl_netem_set_jitter(q, (int)(im->jitter > INT32_MAX ? INT32_MAX : im->jitter));
	/* A probability is a fraction of 2^32 - 1 (100%). */
	rtnl_netem_set_loss(q, (int)(uint32_t)((double)im->loss / 1e6 * UINT32_MAX));
	return q;
}

/* Put impairment im on h's link ifname (none: take any away). */
static int impair_put(struct nlkernel *k, const struct op *op, const struct impair *im,
		      struct nerr *err)
{
	struct handle *h;
	char what[128];
	int ifindex, rc;

	if (dlib_route(err) < 0 || !(h = handle_get(k, op->node, &op->id, err)))
		return -1;
	if (link_index(k, h, op->ifname, &ifindex) < 0)
		return nerr_setc(err, NERR_GONE, -1, "%s: %s: %s", op->node, op->ifname, k->why);
	if (!impair_any(im)) {
		rc = qdisc_send(k, h, qdisc_new(ifindex, TC_H_ROOT, 0, NULL), false);
		if (rc < 0 && (k->rep.error == ENOENT || k->rep.error == EINVAL))
			return 0;	/* no root qdisc of ours there: nothing to take away */
	} else if (!impair_netem(im)) {
		rc = qdisc_send(k, h, tbf(ifindex, TC_H_ROOT, 0, im), true);
	} else {
		rc = qdisc_send(k, h, netem(ifindex, im), true);
		if (rc < 0 && (k->rep.error == ENOENT || k->rep.error == EOPNOTSUPP))
			return nerr_setc(err, NERR_UNSUPPORTED, -1,
					 "%s: this kernel has no netem (sch_netem), so delay, jitter "
					 "and loss cannot be emulated here; rate works (tbf)", op->node);
		if (rc == 0 && im->rate)
			rc = qdisc_send(k, h, tbf(ifindex, NETEM_HANDLE, TBF_UNDER_NETEM, im), true);
	}
	if (rc < 0)
		return nerr_set(err, -1, "%s: %s on %s: %s", op->node,
				impair_fmt(im, what, sizeof(what)), op->ifname, k->why);
	return 0;
}

int impair_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	return impair_put(k, op, &op->impair, err);
}

int impair_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	return impair_put(k, op, &op->was_impair, err);
}
