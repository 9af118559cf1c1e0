/* SPDX-License-Identifier: GPL-2.0-or-later */
/* conntrack.c: the live NAT mappings of a node, from its conntrack table
 * through libnl's netfilter library (nfnetlink), and flushing them. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/netfilter/ct.h>
#include <netlink/netfilter/nfnl.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

static void to_inet(struct nl_addr *a, struct inet *out)
{
	memset(out, 0, sizeof(*out));
	if (!a)
		return;
	unsigned len = nl_addr_get_len(a);
	if (len != 4 && len != 16)
		return;
	out->family = len == 4 ? AF_INET : AF_INET6;
	out->plen = (int)len * 8;
	memcpy(out->a, nl_addr_get_binary_addr(a), len);
}

static void tuple_of(struct nfnl_ct *ct, int repl, struct ct_tuple *t)
{
	to_inet(nfnl_ct_get_src(ct, repl), &t->src);
	to_inet(nfnl_ct_get_dst(ct, repl), &t->dst);
	t->sport = nfnl_ct_test_src_port(ct, repl) ? nfnl_ct_get_src_port(ct, repl) : 0;
	t->dport = nfnl_ct_test_dst_port(ct, repl) ? nfnl_ct_get_dst_port(ct, repl) : 0;
}

/* The handle's nfnetlink socket, made inside its namespace once. */
static struct nl_sock *nfsock(struct nlkernel *k, struct handle *h, struct nerr *err)
{
	struct nl_sock *sk;
	int ret;

	if (h->nfsk)
		return h->nfsk;
	if (dlib_nf(err) < 0)
		return NULL;
	sk = nl_socket_alloc();
	if (!sk) {
		nerr_set(err, -1, "%s", nl_geterror(-NLE_NOMEM));
		return NULL;
	}
	if (enter(h, err) < 0) {
		nl_socket_free(sk);
		return NULL;
	}
	ret = nfnl_connect(sk);
	if (back_home(k, h->name, err) < 0 || ret < 0) {
		if (ret < 0)
			nerr_set(err, -1, "%s: opening a netfilter socket: %s", h->name,
				 nl_geterror(ret));
		nl_socket_free(sk);
		return NULL;
	}
	h->nfsk = sk;
	return sk;
}

int ct_read(struct kernel *kk, const char *node, const struct nsid *id,
	    struct ct_mapping **out, size_t *n, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct nl_cache *cache = NULL;
	struct nl_sock *sk;
	struct handle *h;
	int rc;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	sk = h ? nfsock(k, h, err) : NULL;
	*out = NULL;
	*n = 0;
	if (!sk)
		return -1;
	rc = nfnl_ct_alloc_cache(sk, &cache);
	if (rc < 0)
		return nerr_set(err, -1, "reading conntrack: %s", nl_geterror(rc));
	for (struct nl_object *o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct nfnl_ct *ct = (struct nfnl_ct *)o;
		struct ct_tuple orig, reply;
		struct ct_mapping m;

		tuple_of(ct, 0, &orig);
		tuple_of(ct, 1, &reply);
		if (!ct_mapping_of(nfnl_ct_get_proto(ct), nfnl_ct_get_status(ct), &orig, &reply, &m))
			continue;
		if (m.proto == IPPROTO_TCP && nfnl_ct_test_tcp_state(ct))
			nfnl_ct_tcp_state2str(nfnl_ct_get_tcp_state(ct), m.state, sizeof(m.state));
		m.timeout = nfnl_ct_test_timeout(ct) ? nfnl_ct_get_timeout(ct) : 0;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = m;
	}
	nl_cache_free(cache);
	return 0;
}

int ct_flush(struct nlkernel *k, struct handle *h, struct nerr *err)
{
	struct nl_sock *sk = nfsock(k, h, err);
	struct nl_msg *msg;
	int rc;

	if (!sk)
		return -1;
	/* A delete naming no connection flushes the table (every family). */
	msg = nfnlmsg_alloc_simple(NFNL_SUBSYS_CTNETLINK, IPCTNL_MSG_CT_DELETE, NLM_F_ACK,
				   AF_UNSPEC, 0);
	if (!msg)
		return nerr_set(err, -1, "%s", nl_geterror(-NLE_NOMEM));
	rc = nl_send_sync(sk, msg);
	if (rc < 0)
		return nerr_set(err, -1, "%s: flushing its connections (conntrack): %s", h->name,
				nl_geterror(rc));
	return 0;
}

int ct_flush_node(struct kernel *kk, const char *node, const struct nsid *id, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	return h ? ct_flush(k, h, err) : -1;
}
