/* SPDX-License-Identifier: GPL-2.0-or-later */
/* internal.h: what the files of the kernel layer share: the layer's state,
 * the handles of a namespace (its proven descriptor and sockets, opened
 * once), netlink requests (nl.c) and the op functions of each concern
 * (netns.c, link.c, addr.c, nat.c, read.c). Nothing outside kernel/
 * includes it. */
#ifndef NETSH_KERNEL_INTERNAL_H
#define NETSH_KERNEL_INTERNAL_H

#include <net/if.h>
#include <stdbool.h>
#include <linux/netlink.h>

#include "core/ifcache.h"
#include "core/nametab.h"
#include "kernel/kernel.h"

#define HOST_NS "host"
#define BRIDGE_NAME "br0"
#define WHY_MAX 512
#ifndef IFALIASZ
#define IFALIASZ 256		/* <linux/if.h>, which clashes with <net/if.h> */
#endif

struct nl_sock;
struct nl_msg;
struct nl_cb;
struct nft_ctx;

/* The handles of one namespace. */
struct handle {
	char *name;
	struct nsid id;		/* what it was proven to be */
	int nsfd;
	struct nl_sock *sk;	/* rtnetlink, made inside */
	struct nft_ctx *nft;	/* libnftables, made inside (lazy) */
	struct nl_sock *nfsk;	/* nfnetlink, for conntrack dumps (lazy) */
	struct ifcache ifs;	/* ifindexes learned, valid while gen == k->gen */
	unsigned gen;
	struct name_link link;	/* in the layer's table, by name */
};

/* What the kernel answered to the request in flight. */
struct reply {
	bool done;
	int error;		/* errno from the kernel, 0: none */
	char ack[256];		/* its extended ack text */
	void (*parse)(struct nlmsghdr *h, void *arg);
	void *arg;
};

struct nlkernel {
	struct kernel base;
	int hostfd;
	struct handle host;
	struct nametab handles;	/* every node's but the host's */
	size_t max_handles;	/* how many the descriptor limit leaves room for */
	unsigned gen;		/* bumped when links may have vanished */
	bool run_dir_ready;	/* /run/netns exists and is shared */
	struct reply rep;
	struct nl_cb *cb;	/* our handlers, bound to rep */
	char why[WHY_MAX];	/* the reason of the last failure */
	char *tag;		/* the lab's tag, on every namespace's lo alias */
};

/* ---- nl.c: netlink requests ---- */

/* Keep the reason of a libnl failure, or of a failed system call, in
 * k->why. Return -1. */
int why_nl(struct nlkernel *k, int nlerr);
int why_errno(struct nlkernel *k, int e);

/* Our handlers on k->rep (kernel_netlink_open). */
int nl_handlers(struct nlkernel *k);

/* A connected rtnetlink socket in the current namespace, with extended
 * acks. Returns a libnl error code or 0. */
int sock_new(struct nl_sock **out);

/* Send a request (consumed) and wait for the kernel's answer; messages it
 * sends back go to parse. A dump (NLM_F_DUMP) ends at its done message.
 * Returns 0, or -1 with the reason in k->why (k->rep.error: the errno). */
int talk(struct nlkernel *k, struct nl_sock *sk, struct nl_msg *msg,
	 void (*parse)(struct nlmsghdr *, void *), void *arg);

/* A new rtnetlink message with its fixed header. */
struct nl_msg *msg_new(int type, int flags, void *hdr, size_t len);

/* A link message: ifindex (0: by name), flags to change, and the name. */
struct nl_msg *link_msg(int type, int flags, int ifindex, unsigned up, unsigned change,
			const char *ifname);

/* What a link request learned about the link named `name`. */
struct linkq {
	const char *name;
	int ifindex;
	int peer;		/* IFLA_LINK: a veth's peer ifindex */
};

/* Parse a link message; fills the query when it names the wanted link. */
void parse_link(struct nlmsghdr *h, void *arg);

/* The ifindex of a link by name: asked (link_query, with a veth's peer
 * ifindex when peer is not NULL) or cached (link_index). A link that is
 * not there fails with k->rep.error ENODEV. */
int link_query(struct nlkernel *k, struct handle *h, const char *ifname, int *ifindex,
	       int *peer);
int link_index(struct nlkernel *k, struct handle *h, const char *ifname, int *ifindex);

/* Remember, or forget, the ifindex of a link. */
void ifc_put(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex);
void ifc_drop(struct handle *h, const char *ifname);
int ifc_get(struct nlkernel *k, struct handle *h, const char *ifname);

/* The alias of a namespace's loopback (sk: a socket inside it). */
int lo_alias(struct nlkernel *k, struct nl_sock *sk, char buf[IFALIASZ]);

/* Delete the links of n link_dels sharing a namespace at once
 * (kernel_del_links; link-group.c). */
int link_del_many(struct nlkernel *k, struct op *ops, size_t n, bool far, struct nerr *err);

/* Delete a link by ifindex (0: by name). */
int link_delete(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex);

/* Set a link up or down and/or make it a port of a bridge (master > 0). */
int link_change(struct nlkernel *k, struct handle *h, const char *ifname, int ifindex,
		bool set_up, bool up, int master);

/* ---- netns.c: namespaces and their handles ---- */

/* What /run/netns/NAME is. */
enum ns_found {
	NS_ABSENT,		/* nothing */
	NS_EMPTY,		/* a file with no namespace mounted on it */
	NS_MOUNTED,		/* a namespace: *fd, *sk (made inside) and *id are set */
};

/* Look at /run/netns/NAME (without proving anything). -1 on failure. */
int ns_inspect(struct nlkernel *k, const char *name, int *fd, struct nl_sock **sk,
	       struct nsid *id, struct nerr *err);

/* Remove the empty file a namespace was, or was to be, mounted on (a
 * netsh died between the two steps); 1 when it did. */
int unlink_empty(const char *path);

/* The handles of a namespace, opened (and proven) on first use. */
struct handle *handle_get(struct nlkernel *k, const char *name, const struct nsid *id,
			  struct nerr *err);

/* Close every node's handles when they hold as many descriptors as the
 * limit leaves room for; called at each entry, where none is in use. */
void handles_trim(struct nlkernel *k);

/* Close every node's handles, and the table (the kernel is closing). */
void handles_close(struct nlkernel *k);

/* Close and drop the handles of a node (never the host's). */
void handle_drop(struct nlkernel *k, const char *name);

/* Close a handle's descriptors and free it. */
void handle_free(struct handle *h);

/* Move the calling thread into h's namespace, and back home. */
int enter(struct handle *h, struct nerr *err);
int back_home(struct nlkernel *k, const char *name, struct nerr *err);

/* Write a value to a sysctl file of the current namespace. */
int sysctl_put(const char *path, const char *val);

int ns_add(struct nlkernel *k, struct op *op, struct nerr *err);
int ns_del(struct nlkernel *k, struct op *op, struct nerr *err);
int ns_enter(struct kernel *kk, const char *node, const struct nsid *id, bool own_sys,
	     struct nerr *err);
/* ---- capture.c: packets (libpcap) ---- */
int cap_open(struct kernel *kk, const char *node, const struct nsid *id, const char *ifname,
	     bool immediate, struct capture **out, struct nerr *err);
int cap_fd(struct capture *c);
int cap_next(struct capture *c, struct packet *pkt);
unsigned cap_drops(struct capture *c);
void cap_close(struct capture *c);
int dump_open(struct kernel *kk, const char *path, int linktype, struct dump **out,
	      struct nerr *err);
int dump_write(struct dump *d, const struct packet *pkt);
int dump_close(struct dump *d, struct nerr *err);

int neigh_pin(struct kernel *kk, const char *node, const struct nsid *id, struct kernel_pin *p,
	      size_t n, bool add, struct nerr *err);
int ns_socket(struct kernel *kk, const char *node, const struct nsid *id, int domain,
	      int type, int protocol, struct nerr *err);

/* ---- dlib.c: libnftables, libpcap, libnl-route and libnl-nf, loaded when first needed ---- */

/* Load the library, or fill *err with why it cannot be loaded. */
int dlib_nft(struct nerr *err);
int dlib_pcap(struct nerr *err);
int dlib_route(struct nerr *err);
int dlib_nf(struct nerr *err);

/* ---- own.c: telling the lab's namespaces from others' ---- */

void own_set(struct kernel *kk, const char *tag);
int own_probe(struct kernel *kk, const char *node, struct nsid *id, struct nerr *err);
int own_scan(struct kernel *kk, struct owned_ns **out, size_t *n, struct nerr *err);
/* The netsh lab whose tag /run/netns/NODE carries, into LAB; "" if none. */
void own_whose(struct nlkernel *k, const char *node, char *lab, size_t len);

/* ---- link.c, addr.c, nat.c: the other ops, do and undo ---- */

int bridge_add_do(struct nlkernel *k, struct op *op, struct nerr *err);
int veth_add_do(struct nlkernel *k, struct op *op, struct nerr *err);
int cable_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int link_del_do(struct nlkernel *k, struct op *op, struct nerr *err);
int link_del_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int link_set_do(struct nlkernel *k, struct op *op, struct nerr *err);
int link_set_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int addr_do(struct nlkernel *k, struct op *op, struct nerr *err);
int addr_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int route_do(struct nlkernel *k, struct op *op, struct nerr *err);
int route_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int nat_do(struct nlkernel *k, struct op *op, struct nerr *err);
int impair_do(struct nlkernel *k, struct op *op, struct nerr *err);
int impair_undo(struct nlkernel *k, const struct op *op, struct nerr *err);
int nat_undo(struct nlkernel *k, const struct op *op, struct nerr *err);

/* kernel_nft: nft commands in a namespace. */
int nat_nft(struct kernel *kk, const char *node, const struct nsid *id, const char *text,
	    char **output, struct nerr *err);

/* ---- read.c, conntrack.c: reading a namespace back ---- */

int ns_read(struct kernel *kk, const char *node, const struct nsid *id, unsigned what,
	    struct ns_state *out, struct nerr *err);
void ns_read_many(struct kernel *kk, const struct ns_query *q, size_t n, unsigned what,
		  ns_read_fn *fn, void *arg);
/* Flush a namespace's conntrack table: every connection, every mapping. */
int ct_flush(struct nlkernel *k, struct handle *h, struct nerr *err);
int ct_flush_node(struct kernel *kk, const char *node, const struct nsid *id, struct nerr *err);
int ct_read(struct kernel *kk, const char *node, const struct nsid *id,
	    struct ct_mapping **out, size_t *n, struct nerr *err);

#endif
