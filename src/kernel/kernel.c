/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.c: the kernel layer on netlink: opening and closing it, and each
 * op kind's kernel do and undo. Every op is a few rtnetlink requests built
 * with libnl (or an nftables batch) sent on the socket of the namespace it
 * concerns, found and proven by the identity the op carries. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include <netlink/netlink.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>
#include <nftables/libnftables.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

static int ns_add_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	return ns_add(k, op, err);
}

static int ns_add_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	struct op del = *op;

	return ns_del(k, &del, err);
}

static int ns_del_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	return ns_del(k, op, err);
}

static int ns_del_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	(void)k;
	return nerr_set(err, -1, "%s: a deleted namespace cannot be brought back", op->node);
}

/* Each op kind's kernel work, by kind. */
static const struct {
	int (*do_)(struct nlkernel *k, struct op *op, struct nerr *err);
	int (*undo)(struct nlkernel *k, const struct op *op, struct nerr *err);
} op_kernel[OP_KIND_COUNT] = {
	[OP_NS_ADD] = { ns_add_do, ns_add_undo },
	[OP_NS_DEL] = { ns_del_do, ns_del_undo },
	[OP_BRIDGE_ADD] = { bridge_add_do, cable_undo },
	[OP_VETH_ADD] = { veth_add_do, cable_undo },
	[OP_LINK_DEL] = { link_del_do, link_del_undo },
	[OP_LINK_SET] = { link_set_do, link_set_undo },
	[OP_ADDR_ADD] = { addr_do, addr_undo },
	[OP_ADDR_DEL] = { addr_do, addr_undo },
	[OP_ROUTE_ADD] = { route_do, route_undo },
	[OP_ROUTE_DEL] = { route_do, route_undo },
	[OP_NAT_ADD] = { nat_do, nat_undo },
	[OP_NAT_DEL] = { nat_do, nat_undo },
	[OP_NAT_SET] = { nat_do, nat_undo },
	[OP_FWD_ADD] = { nat_do, nat_undo },
	[OP_FWD_DEL] = { nat_do, nat_undo },
	[OP_IMPAIR_SET] = { impair_do, impair_undo },
};

static void handle_unlink_free(struct name_link *l)
{
	handle_free(NAMETAB_ITEM(l, struct handle, link));
}

/* Each open namespace holds a few descriptors (the namespace, netlink and
 * nftables sockets): past what the descriptor limit allows, close them all
 * (they are opened, and proven, again when needed). Called where no handle
 * is in use. */
void handles_trim(struct nlkernel *k)
{
	if (k->handles.count >= k->max_handles)
		nametab_drain(&k->handles, handle_unlink_free);
}

void handles_close(struct nlkernel *k)
{
	nametab_drain(&k->handles, handle_unlink_free);
	nametab_clear(&k->handles);
}

static int nlk_apply(struct kernel *kk, struct op *op, struct nerr *err)
{
	if ((unsigned)op->kind >= OP_KIND_COUNT)
		return nerr_set(err, -1, "%s: unknown kernel op %d", op->node, (int)op->kind);
	handles_trim((struct nlkernel *)kk);
	return op_kernel[op->kind].do_((struct nlkernel *)kk, op, err);
}

static int nlk_undo(struct kernel *kk, const struct op *op, struct nerr *err)
{
	if ((unsigned)op->kind >= OP_KIND_COUNT)
		return nerr_set(err, -1, "%s: unknown kernel op %d", op->node, (int)op->kind);
	handles_trim((struct nlkernel *)kk);
	return op_kernel[op->kind].undo((struct nlkernel *)kk, op, err);
}

static int nlk_del_links(struct kernel *kk, struct op *ops, size_t n, bool far,
			 struct nerr *err)
{
	return link_del_many((struct nlkernel *)kk, ops, n, far, err);
}

/* Close and drop a node's handles; cached ifindexes (of every node) may be
 * stale now. With node NULL, only the ifindexes are forgotten: handles are
 * proven again at each use. */
static void nlk_forget(struct kernel *kk, const char *node)
{
	struct nlkernel *k = (struct nlkernel *)kk;

	if (node)
		handle_drop(k, node);
	k->gen++;
}

static void nlk_close(struct kernel *kk)
{
	struct nlkernel *k = (struct nlkernel *)kk;

	handles_close(k);
	nl_socket_free(k->host.sk);
	if (k->host.nft)
		nft_ctx_free(k->host.nft);
	if (k->host.nfsk)
		nl_socket_free(k->host.nfsk);
	ifcache_free(&k->host.ifs);
	free(k->host.name);
	free(k->tag);
	close(k->hostfd);
	nl_cb_put(k->cb);
	free(k);
}

static const struct kernel_ops netlink_ops = {
	.close = nlk_close,
	.apply = nlk_apply,
	.undo = nlk_undo,
	.del_links = nlk_del_links,
	.forget = nlk_forget,
	.read = ns_read,
	.read_many = ns_read_many,
	.mappings = ct_read,
	.flush = ct_flush_node,
	.nft = nat_nft,
	.enter = ns_enter,
	.socket = ns_socket,
	.pin = neigh_pin,
	.capture_open = cap_open,
	.capture_fd = cap_fd,
	.capture_next = cap_next,
	.capture_drops = cap_drops,
	.capture_close = cap_close,
	.dump_open = dump_open,
	.dump_write = dump_write,
	.dump_close = dump_close,
	.own = own_set,
	.probe = own_probe,
	.owned = own_scan,
};

/* Each open namespace holds descriptors: allow as many as the hard limit
 * does, and keep as many namespaces open as that leaves room for. */
#define FDS_PER_HANDLE 4
#define FDS_SPARE 128

static size_t fd_budget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return 64;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1 << 20)
		rl.rlim_cur = 1 << 20;
	return rl.rlim_cur > FDS_SPARE + 16 * FDS_PER_HANDLE
	       ? (rl.rlim_cur - FDS_SPARE) / FDS_PER_HANDLE : 16;
}

struct kernel *kernel_netlink_open(struct nerr *err)
{
	struct nlkernel *k = xcalloc(1, sizeof(*k));
	int ret;

	k->max_handles = fd_budget();
	k->base.ops = &netlink_ops;
	k->hostfd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (k->hostfd < 0) {
		nerr_set(err, -1, "opening /proc/thread-self/ns/net: %s", strerror(errno));
		free(k);
		return NULL;
	}
	if (nl_handlers(k) < 0) {
		nerr_set(err, -1, "%s", nl_geterror(-NLE_NOMEM));
		close(k->hostfd);
		free(k);
		return NULL;
	}
	ret = sock_new(&k->host.sk);
	if (ret < 0) {
		nl_cb_put(k->cb);
		nerr_set(err, -1, "%s: opening a netlink socket: %s", HOST_NS, nl_geterror(ret));
		close(k->hostfd);
		free(k);
		return NULL;
	}
	k->host.name = xstrdup(HOST_NS);
	k->host.nsfd = k->hostfd;
	nametab_init(&k->handles);
	return &k->base;
}
