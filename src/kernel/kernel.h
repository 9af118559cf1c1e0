/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.h: what the engine asks of the kernel, in plain types (no libnl
 * type crosses this line). The engine, the commands and the Lua layer call
 * these wrappers on the session's struct kernel; the front end makes one
 * with kernel_netlink_open (libnl and libnftables, src/kernel), so code
 * that only plans, like the unit tests, links without them. A session
 * without a kernel is a dry run. */
#ifndef NETSH_KERNEL_H
#define NETSH_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ctmap.h"
#include "core/error.h"
#include "core/nsstate.h"
#include "core/op.h"

#define NETNS_RUN_DIR "/run/netns"

struct kernel;
struct capture;
struct dump;

/* A packet captured on a link (kernel_capture_next). */
struct packet {
	long long sec, usec;		/* when it was seen */
	size_t caplen, len;		/* bytes captured, bytes it had */
	const unsigned char *data;	/* valid until the next packet */
};

#define LINKTYPE_ETHERNET 1		/* pcap's DLT_EN10MB */
#define LINKTYPE_LINUX_SLL2 276		/* pcap's DLT_LINUX_SLL2: with an interface index */

/* A namespace under /run/netns that carries this lab's tag. */
struct owned_ns {
	char name[NODE_NAME_MAX + 1];
	struct nsid id;
};

/* The protocol number (NDA_PROTOCOL) on what netsh adds for its own
 * probes, so that a later netsh tells it from the user's. */
#define NETSH_PROTO 110

/* A neighbour entry netsh pins in a node while it probes (pingall). */
struct kernel_pin {
	char ifname[IFNAMSIZ];	/* the node's link it is on */
	struct inet dst;
	unsigned char lladdr[32];
	size_t lllen;
	bool pinned;		/* netsh added it (and is to remove it) */
};

/* One namespace to read back (kernel_read_many), and whom its state is
 * handed to: fn(arg, i, st, err) for query i, st NULL when it could not
 * be read (err says why). st is freed when fn returns. */
struct ns_query {
	const char *node;
	const struct nsid *id;
};
typedef void ns_read_fn(void *arg, size_t i, const struct ns_state *st, const struct nerr *err);

/* A namespace is named by its node's name and the identity netsh recorded
 * when it made it (all zero: the host); the kernel layer proves the one it
 * finds under /run/netns is that one before it touches it. */
struct kernel_ops {
	void (*close)(struct kernel *k);
	int (*apply)(struct kernel *k, struct op *op, struct nerr *err);
	int (*undo)(struct kernel *k, const struct op *op, struct nerr *err);
	int (*del_links)(struct kernel *k, struct op *ops, size_t n, bool far, struct nerr *err);
	void (*forget)(struct kernel *k, const char *node);
	int (*read)(struct kernel *k, const char *node, const struct nsid *id, unsigned what,
		    struct ns_state *out, struct nerr *err);
	void (*read_many)(struct kernel *k, const struct ns_query *q, size_t n, unsigned what,
			  ns_read_fn *fn, void *arg);
	int (*mappings)(struct kernel *k, const char *node, const struct nsid *id,
			struct ct_mapping **out, size_t *n, struct nerr *err);
	int (*flush)(struct kernel *k, const char *node, const struct nsid *id, struct nerr *err);
	int (*nft)(struct kernel *k, const char *node, const struct nsid *id,
		   const char *text, char **output, struct nerr *err);
	int (*enter)(struct kernel *k, const char *node, const struct nsid *id,
		     bool own_sys, struct nerr *err);
	int (*socket)(struct kernel *k, const char *node, const struct nsid *id,
		      int domain, int type, int protocol, struct nerr *err);
	int (*pin)(struct kernel *k, const char *node, const struct nsid *id,
		   struct kernel_pin *p, size_t n, bool add, struct nerr *err);
	int (*capture_open)(struct kernel *k, const char *node, const struct nsid *id,
			    const char *ifname, bool immediate, struct capture **out,
			    struct nerr *err);
	int (*capture_fd)(struct capture *c);
	int (*capture_next)(struct capture *c, struct packet *p);
	unsigned (*capture_drops)(struct capture *c);
	void (*capture_close)(struct capture *c);
	int (*dump_open)(struct kernel *k, const char *path, int linktype, struct dump **out,
			 struct nerr *err);
	int (*dump_write)(struct dump *d, const struct packet *p);
	int (*dump_close)(struct dump *d, struct nerr *err);
	void (*own)(struct kernel *k, const char *tag);
	int (*probe)(struct kernel *k, const char *node, struct nsid *id, struct nerr *err);
	int (*owned)(struct kernel *k, struct owned_ns **out, size_t *n, struct nerr *err);
};

struct kernel {
	const struct kernel_ops *ops;
};

/* The kernel layer on netlink, in the current (host) namespace. */
struct kernel *kernel_netlink_open(struct nerr *err);

/* Bring lo up in the current namespace (a private lab's host, new and bare). */
int kernel_lo_up(struct nerr *err);

static inline void kernel_close(struct kernel *k)
{
	if (k)
		k->ops->close(k);
}

/* Apply one op. What it creates is recorded in it (the namespace's
 * identity, ifindexes). On failure *err names what the kernel refused and
 * nothing of the op is left. */
static inline int kernel_do(struct kernel *k, struct op *op, struct nerr *err)
{
	return k->ops->apply(k, op, err);
}

/* Apply n link_del ops whose links lie in one namespace (far: that of
 * their far ends; see plan_link_del_run) as one request: each link proven
 * as kernel_do proves it, then all deleted at once, waiting for the
 * kernel's RCU grace period once instead of n times. -1, with nothing
 * changed, when any of them cannot be (one gone already, not netsh's):
 * kernel_do then takes them one at a time, and says why. */
static inline int kernel_del_links(struct kernel *k, struct op *ops, size_t n, bool far,
				   struct nerr *err)
{
	return k->ops->del_links(k, ops, n, far, err);
}

/* Undo an op kernel_do applied (when a later op of its plan failed). */
static inline int kernel_undo(struct kernel *k, const struct op *op, struct nerr *err)
{
	return k->ops->undo(k, op, err);
}

/* Forget what is cached about a node (its namespace was deleted, or the
 * lab was reloaded); NULL: about every node. */
static inline void kernel_forget(struct kernel *k, const char *node)
{
	k->ops->forget(k, node);
}

/* What kernel_read reads. */
enum {
	READ_LINKS = 1, READ_ADDRS = 2, READ_ROUTES = 4, READ_NEIGHS = 8,
	READ_ALL = 15,
	READ_LAB = READ_LINKS | READ_ADDRS | READ_ROUTES,	/* what a record holds */
};

/* Read a namespace back: its links, addresses, routes, neighbours (`what`
 * says which; the others stay empty). */
static inline int kernel_read(struct kernel *k, const char *node, const struct nsid *id,
			      unsigned what, struct ns_state *out, struct nerr *err)
{
	return k->ops->read(k, node, id, what, out, err);
}

/* kernel_read of each of n namespaces, several at a time: on threads in
 * a big lab, so fn may be called from any of them, at once, in any order
 * (it must touch nothing but its own query's share of arg). */
static inline void kernel_read_many(struct kernel *k, const struct ns_query *q, size_t n,
				    unsigned what, ns_read_fn *fn, void *arg)
{
	k->ops->read_many(k, q, n, what, fn, arg);
}

/* The NATed connections of a namespace's conntrack table (free *out). */
static inline int kernel_mappings(struct kernel *k, const char *node, const struct nsid *id,
				  struct ct_mapping **out, size_t *n, struct nerr *err)
{
	return k->ops->mappings(k, node, id, out, n, err);
}

/* Flush a namespace's conntrack table: its NAT mappings and every other
 * connection it tracks start over. */
static inline int kernel_flush(struct kernel *k, const char *node, const struct nsid *id,
			       struct nerr *err)
{
	return k->ops->flush(k, node, id, err);
}

/* Run nft commands (one atomic batch) inside a namespace. *output (unless
 * NULL) gets nft's output, to free. On failure err has nft's own error text
 * (code NERR_EXISTS or NERR_GONE when netsh's table is, or is not, there)
 * and the ruleset is unchanged. */
static inline int kernel_nft(struct kernel *k, const char *node, const struct nsid *id,
			     const char *text, char **output, struct nerr *err)
{
	return k->ops->nft(k, node, id, text, output, err);
}

/* In a forked child about to run a program in a node: enter its network
 * namespace and, with own_sys, a private mount namespace whose /sys shows
 * the node's links and where each file of /etc/netns/NODE is bind-mounted
 * over its namesake in /etc, as `ip netns exec` does. */
static inline int kernel_enter(struct kernel *k, const char *node, const struct nsid *id,
			       bool own_sys, struct nerr *err)
{
	return k->ops->enter(k, node, id, own_sys, err);
}

/* A socket made inside a node's namespace (netsh's own probes, without a
 * program): its descriptor, close-on-exec, or -1 with *err. */
static inline int kernel_socket(struct kernel *k, const char *node, const struct nsid *id,
				int domain, int type, int protocol, struct nerr *err)
{
	return k->ops->socket(k, node, id, domain, type, protocol, err);
}

/* Pin neighbour entries in a node (add) or unpin them (!add). Adding makes
 * each a permanent entry marked NETSH_PROTO, unless the node has one for
 * that address already (then pinned stays false: netsh leaves it alone);
 * removing deletes the pinned ones. */
static inline int kernel_pin(struct kernel *k, const char *node, const struct nsid *id,
			     struct kernel_pin *p, size_t n, bool add, struct nerr *err)
{
	return k->ops->pin(k, node, id, p, n, add, err);
}

/* Capture what passes link ifname of a node (libpcap, opened inside its
 * namespace): every packet, both ways, whole. immediate: each packet as
 * it comes (to show it); else in batches, for speed (to write a file). */
static inline int kernel_capture_open(struct kernel *k, const char *node, const struct nsid *id,
				      const char *ifname, bool immediate, struct capture **out,
				      struct nerr *err)
{
	return k->ops->capture_open(k, node, id, ifname, immediate, out, err);
}

/* A descriptor to poll for packets; the next packet (1), none now (0), or
 * a failure (-1); the packets the kernel dropped for want of room; close. */
static inline int kernel_capture_fd(struct kernel *k, struct capture *c)
{
	return k->ops->capture_fd(c);
}

static inline int kernel_capture_next(struct kernel *k, struct capture *c, struct packet *p)
{
	return k->ops->capture_next(c, p);
}

static inline unsigned kernel_capture_drops(struct kernel *k, struct capture *c)
{
	return k->ops->capture_drops(c);
}

static inline void kernel_capture_close(struct kernel *k, struct capture *c)
{
	k->ops->capture_close(c);
}

/* A pcap file of linktype (LINKTYPE_*) at path (libpcap's writer, which
 * Wireshark and tcpdump read); packets written; closed (flushed). */
static inline int kernel_dump_open(struct kernel *k, const char *path, int linktype,
				   struct dump **out, struct nerr *err)
{
	return k->ops->dump_open(k, path, linktype, out, err);
}

static inline int kernel_dump_write(struct kernel *k, struct dump *d, const struct packet *p)
{
	return k->ops->dump_write(d, p);
}

static inline int kernel_dump_close(struct kernel *k, struct dump *d, struct nerr *err)
{
	return k->ops->dump_close(d, err);
}

/* Mark the namespaces made from now on as the lab's: `tag` goes on their
 * loopback's alias, where probe and owned look for it. */
static inline void kernel_own(struct kernel *k, const char *tag)
{
	k->ops->own(k, tag);
}

/* Is /run/netns/NODE a namespace this lab made (it carries the tag)? 1 and
 * its identity in *id; 0 when there is none or it is another's. An empty
 * file left there by a netsh that died before it mounted the namespace is
 * removed (0). */
static inline int kernel_probe(struct kernel *k, const char *node, struct nsid *id,
			       struct nerr *err)
{
	return k->ops->probe(k, node, id, err);
}

/* Every namespace under /run/netns that carries the lab's tag (free *out). */
static inline int kernel_owned(struct kernel *k, struct owned_ns **out, size_t *n,
			       struct nerr *err)
{
	return k->ops->owned(k, out, n, err);
}

#endif
