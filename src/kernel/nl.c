/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nl.c: netlink requests built with libnl and sent on a namespace's socket,
 * the kernel's answer (with its extended ack text), and the ifindex cache
 * of a namespace's handles. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>
#include <linux/if_link.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define MSG_ROOM 1024		/* bytes for a request netsh builds (msg_new) */

int why_nl(struct nlkernel *k, int nlerr)
{
	snprintf(k->why, sizeof(k->why), "%s", nl_geterror(nlerr));
	return -1;
}

int why_errno(struct nlkernel *k, int e)
{
	snprintf(k->why, sizeof(k->why), "%s", strerror(e));
	return -1;
}

/* Copy the extended ack text (NLMSGERR_ATTR_MSG) that follows an error. */
static void ack_text(struct nlmsgerr *e, char *buf, size_t len)
{
	struct nlmsghdr *h = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	size_t off = NLMSG_ALIGN(sizeof(*e));
	struct nlattr *a;
	int rem;

	buf[0] = '\0';
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if (h->nlmsg_len < NLMSG_HDRLEN + off)
		return;
	nla_for_each_attr(a, (struct nlattr *)((char *)e + off),
			  (int)(h->nlmsg_len - NLMSG_HDRLEN - off), rem) {
		if (nla_type(a) == NLMSGERR_ATTR_MSG && nla_len(a) > 0) {
			snprintf(buf, len, "%.*s", nla_len(a), (const char *)nla_data(a));
			buf[strcspn(buf, "\n")] = '\0';
			return;
		}
	}
}

/* libnl callback: the kernel refused the request. */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct reply *r = arg;

	(void)who;
	r->done = true;
	r->error = -e->error;
	ack_text(e, r->ack, sizeof(r->ack));
	return NL_STOP;
}

/* libnl callback: the kernel acknowledged the request, or ended a dump. */
static int on_done(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

/* libnl callback: a message answering the request (a reply or an echo). */
static int on_valid(struct nl_msg *msg, void *arg)
{
	struct reply *r = arg;

	if (r->parse)
		r->parse(nlmsg_hdr(msg), r->arg);
	return NL_OK;
}

int nl_handlers(struct nlkernel *k)
{
	k->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!k->cb)
		return -1;
	nl_cb_set(k->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &k->rep);
	nl_cb_set(k->cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &k->rep);
	nl_cb_set(k->cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &k->rep);
	nl_cb_err(k->cb, NL_CB_CUSTOM, on_error, &k->rep);
	return 0;
}

int sock_new(struct nl_sock **out)
{
	struct nl_sock *sk = nl_socket_alloc();
	int one = 1, ret;

	if (!sk)
		return -NLE_NOMEM;
	ret = nl_connect(sk, NETLINK_ROUTE);
	if (ret < 0) {
		nl_socket_free(sk);
		return ret;
	}
	/* Best effort: older kernels lack them, errors then have no text. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	/* Large dumps (a switch's thousand ports) come in big messages. */
	nl_socket_set_msg_buf_size(sk, 32768);
	*out = sk;
	return 0;
}

int talk(struct nlkernel *k, struct nl_sock *sk, struct nl_msg *msg,
	 void (*parse)(struct nlmsghdr *, void *), void *arg)
{
	struct reply *r = &k->rep;
	int ret;

	r->done = false;
	r->error = 0;
	r->ack[0] = '\0';
	r->parse = parse;
	r->arg = arg;
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return why_nl(k, ret);
	while (!r->done) {
		ret = nl_recvmsgs(sk, k->cb);
		if (r->error || (ret < 0 && !r->done))
			break;
	}
	r->parse = NULL;
	r->arg = NULL;
	if (r->error) {
		snprintf(k->why, sizeof(k->why), "%s%s%s%s", strerror(r->error),
			 r->ack[0] ? " (" : "", r->ack, r->ack[0] ? ")" : "");
		return -1;
	}
	if (!r->done)
		return why_nl(k, ret);
	return 0;
}

struct nl_msg *msg_new(int type, int flags, void *hdr, size_t len)
{
	/* netsh's requests are a few hundred bytes at most; libnl's default
	 * room is a page, zeroed for each message. */
	struct nl_msg *msg = nlmsg_alloc_size(MSG_ROOM);

	if (!msg)
		return NULL;
	if (!nlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0, flags) ||
	    nlmsg_append(msg, hdr, len, NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *link_msg(int type, int flags, int ifindex, unsigned up, unsigned change,
			const char *ifname)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
		.ifi_flags = up,
		.ifi_change = change,
	};
	struct nl_msg *msg = msg_new(type, flags, &ifi, sizeof(ifi));

	if (msg && ifname && nla_put_string(msg, IFLA_IFNAME, ifname) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

void parse_link(struct nlmsghdr *h, void *arg)
{
	struct linkq *q = arg;
	struct nlattr *tb[IFLA_MAX + 1];
	struct ifinfomsg *ifi;

	if (h->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0 || !tb[IFLA_IFNAME])
		return;
	if (nla_strcmp(tb[IFLA_IFNAME], q->name) != 0)
		return;
	ifi = nlmsg_data(h);
	q->ifindex = ifi->ifi_index;
	if (tb[IFLA_LINK])
		q->peer = (int)nla_get_u32(tb[IFLA_LINK]);
}

int link_query(struct nlkernel *k, struct handle *h, const char *ifname, int *ifindex,
	       int *peer)
{
	struct linkq q = { .name = ifname };
	struct nl_msg *msg = link_msg(RTM_GETLINK, 0, 0, 0, 0, ifname);

	if (!msg || nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	if (talk(k, h->sk, msg, parse_link, &q) < 0)
		return -1;
	if (!q.ifindex) {
		k->rep.error = ENODEV;
		return why_errno(k, ENODEV);
	}
	*ifindex = q.ifindex;
	if (peer)
		*peer = q.peer;
	return 0;
}

/* h's cache, emptied when a change may have moved what it holds. */
static struct ifcache *ifc_fresh(struct nlkernel *k, struct handle *h)
{
	if (h->gen != k->gen) {
		ifcache_clear(&h->ifs);
		h->gen = k->gen;
	}
	return &h->ifs;
}

int ifc_get(struct nlkernel *k, struct handle *h, const char *ifname)
{
	return ifcache_get(ifc_fresh(k, h), ifname);
}

void ifc_put(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex)
{
	ifcache_put(ifc_fresh(k, h), ifname, ifindex);
}

void ifc_drop(struct handle *h, const char *ifname)
{
	ifcache_drop(&h->ifs, ifname);
}

int link_index(struct nlkernel *k, struct handle *h, const char *ifname, int *ifindex)
{
	*ifindex = ifc_get(k, h, ifname);
	if (*ifindex)
		return 0;
	if (link_query(k, h, ifname, ifindex, NULL) < 0)
		return -1;
	ifc_put(k, h, ifname, *ifindex);
	return 0;
}

int link_delete(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex)
{
	struct nl_msg *msg = link_msg(RTM_DELLINK, 0, ifindex, 0, 0, ifindex ? NULL : ifname);

	if (!msg)
		return why_nl(k, -NLE_NOMEM);
	return talk(k, h->sk, msg, NULL, NULL);
}

int link_change(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex,
		bool set_up, bool up, int master)
{
	unsigned change = set_up ? IFF_UP : 0;
	struct nl_msg *msg = link_msg(RTM_NEWLINK, 0, ifindex, up ? change : 0, change,
				      ifindex ? NULL : ifname);

	if (!msg || (master > 0 && nla_put_u32(msg, IFLA_MASTER, (uint32_t)master) < 0)) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, NULL, NULL);
}

/* Parse a link message's alias. */
static void parse_alias(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1];
	char *buf = arg;

	if (h->nlmsg_type == RTM_NEWLINK &&
	    nlmsg_parse(h, sizeof(struct ifinfomsg), tb, IFLA_MAX, NULL) == 0 && tb[IFLA_IFALIAS])
		nla_strlcpy(buf, tb[IFLA_IFALIAS], IFALIASZ);
}

int lo_alias(struct nlkernel *k, struct nl_sock *sk, char buf[IFALIASZ])
{
	struct nl_msg *msg = link_msg(RTM_GETLINK, 0, 1, 0, 0, NULL);

	buf[0] = '\0';
	if (!msg || nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, sk, msg, parse_alias, buf);
}

int kernel_lo_up(struct nerr *err)
{
	struct nl_sock *sk = NULL;
	struct nl_msg *msg = NULL;
	int rc = sock_new(&sk);

	if (rc == 0 && !(msg = link_msg(RTM_NEWLINK, 0, 1, IFF_UP, IFF_UP, NULL)))
		rc = -NLE_NOMEM;
	if (rc == 0)
		rc = nl_send_sync(sk, msg);	/* sends, waits for the ack, frees msg */
	if (sk)
		nl_socket_free(sk);
	return rc < 0 ? nerr_set(err, -1, "bringing lo up: %s", nl_geterror(rc)) : 0;
}
