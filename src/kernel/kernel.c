/* kernel.c: the kernel layer. Every op is a few rtnetlink requests built with
 * libnl and sent on the socket of the namespace it concerns; one socket and
 * one namespace descriptor per node, opened once and kept in a hash table.
 * Namespaces are made as `ip netns add` makes them (a bind mount under
 * /run/netns) and proven by their nsfs inode before netsh touches them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/veth.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>
#include <netlink/netfilter/nfnl.h>

#include <nftables/libnftables.h>

#include "kernel/kernel.h"
#include "core/nametab.h"
#include "core/nft-text.h"
#include "core/xalloc.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* IPv6 addresses skip duplicate address detection, so they work at once
 * (as `ip addr add ... nodad`); a lab's veths have no one to collide with. */
#define ADDR6_NODAD 1

/* A new namespace's interfaces skip DAD too (net.ipv6.conf.default.
 * accept_dad=0): otherwise their link-local addresses stay tentative for
 * ~2 s, and a router cannot send neighbour solicitations for the traffic
 * it forwards until then (routed IPv6 fails for 2 s after a build). */
#define NS_NO_DAD 1

#define THREAD_NS "/proc/thread-self/ns/net"
#define WHY_MAX 512

/* An interface name and the ifindex netsh learned for it. */
struct ifent {
	char name[IFNAMSIZ];
	int ifindex;
};

/* The handles of one namespace. */
struct handle {
	char *name;
	int nsfd;
	struct nl_sock *sk;
	struct nft_ctx *nft;	/* libnftables, made inside the namespace (lazy) */
	struct nl_sock *nfsk;	/* nfnetlink, for conntrack dumps (lazy) */
	struct ifent *ifs;	/* ifindex cache, valid while gen == k->gen */
	size_t nifs, capifs;
	unsigned gen;
	struct name_link link;	/* in kernel's table, by name */
};

/* What the kernel answered to the request in flight. */
struct reply {
	bool done;
	int error;			/* errno from the kernel, 0: none */
	char ack[256];			/* its extended ack text */
	void (*parse)(struct nlmsghdr *h, void *arg);
	void *arg;
};

struct kernel {
	int hostfd;
	struct handle host;
	struct nametab handles;		/* every node's but the host's */
	unsigned gen;			/* bumped when links may have vanished */
	bool run_dir_ready;		/* /run/netns exists and is shared */
	struct reply rep;
	struct nl_cb *cb;		/* our handlers, bound to rep */
	char why[WHY_MAX];		/* the reason of the last failure */
};

/* What a link request learned about the link named `name`. */
struct linkq {
	const char *name;
	int ifindex;
	int peer;			/* IFLA_LINK: a veth's peer ifindex */
};

/* ---------------------------------------------------------------- table */

/* The handles of a node already open, or NULL. */
static struct handle *handle_find(struct kernel *k, const char *name)
{
	struct name_link *l;

	if (strcmp(name, HOST_NAME) == 0)
		return &k->host;
	l = nametab_find(&k->handles, name);
	return l ? NAMETAB_ITEM(l, struct handle, link) : NULL;
}

/* Record the handles of a freshly opened namespace. */
static struct handle *handle_add(struct kernel *k, const char *name, int nsfd,
				 struct nl_sock *sk)
{
	struct handle *h = xcalloc(1, sizeof(*h));

	h->name = xstrdup(name);
	h->nsfd = nsfd;
	h->sk = sk;
	h->gen = k->gen;
	h->link.name = h->name;
	nametab_add(&k->handles, &h->link);
	return h;
}

/* Close a handle's descriptors and free it. */
static void handle_free(struct handle *h)
{
	if (h->nft)
		nft_ctx_free(h->nft);
	if (h->nfsk)
		nl_socket_free(h->nfsk);
	if (h->sk)
		nl_socket_free(h->sk);
	if (h->nsfd >= 0)
		close(h->nsfd);
	free(h->ifs);
	free(h->name);
	free(h);
}

/* handle_free for a table entry. */
static void handle_unlink_free(struct name_link *l)
{
	handle_free(NAMETAB_ITEM(l, struct handle, link));
}

/* Close and drop the handles of a node (never the host's). */
static void handle_drop(struct kernel *k, const char *name)
{
	struct name_link *l;

	if (strcmp(name, HOST_NAME) == 0)
		return;
	l = nametab_remove(&k->handles, name);
	if (l)
		handle_free(NAMETAB_ITEM(l, struct handle, link));
}

/* ------------------------------------------------------- ifindex cache */

/* The cached ifindex of a link, or 0. */
static int ifc_get(struct kernel *k, struct handle *h, const char *ifname)
{
	if (h->gen != k->gen) {
		h->nifs = 0;
		h->gen = k->gen;
	}
	for (size_t i = 0; i < h->nifs; i++)
		if (strcmp(h->ifs[i].name, ifname) == 0)
			return h->ifs[i].ifindex;
	return 0;
}

/* Remember the ifindex of a link. */
static void ifc_put(struct kernel *k, struct handle *h, const char *ifname, int ifindex)
{
	if (ifc_get(k, h, ifname) == ifindex)
		return;
	for (size_t i = 0; i < h->nifs; i++) {
		if (strcmp(h->ifs[i].name, ifname) == 0) {
			h->ifs[i].ifindex = ifindex;
			return;
		}
	}
	if (h->nifs == h->capifs) {
		h->capifs = h->capifs ? h->capifs * 2 : 4;
		h->ifs = xrealloc(h->ifs, h->capifs * sizeof(*h->ifs));
	}
	snprintf(h->ifs[h->nifs].name, IFNAMSIZ, "%s", ifname);
	h->ifs[h->nifs++].ifindex = ifindex;
}

/* Forget the ifindex of a link (after a failure that may mean it is stale). */
static void ifc_drop(struct handle *h, const char *ifname)
{
	for (size_t i = 0; i < h->nifs; i++) {
		if (strcmp(h->ifs[i].name, ifname) == 0) {
			h->ifs[i] = h->ifs[--h->nifs];
			return;
		}
	}
}

/* ------------------------------------------------------------- netlink */

/* Keep the reason of a libnl failure. Returns -1. */
static int why_nl(struct kernel *k, int nlerr)
{
	snprintf(k->why, sizeof(k->why), "%s", nl_geterror(nlerr));
	return -1;
}

/* Keep the reason of a failed system call. Returns -1. */
static int why_errno(struct kernel *k, int e)
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

/* libnl callback: the kernel acknowledged the request. */
static int on_ack(struct nl_msg *msg, void *arg)
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

/* A connected rtnetlink socket in the current namespace. Its own callbacks
 * stay libnl's defaults, for the other layers that use it. Returns a libnl
 * error code or 0. */
static int sock_new(struct nl_sock **out)
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
	*out = sk;
	return 0;
}

/* Send a request (consumed) and wait for the kernel's answer; messages it
 * sends back go to parse. Returns 0, or -1 with the reason in k->why. */
static int talk(struct kernel *k, struct nl_sock *sk, struct nl_msg *msg,
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

/* A new rtnetlink message with its fixed header. */
static struct nl_msg *msg_new(int type, int flags, void *hdr, size_t len)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);

	if (!msg)
		return NULL;
	if (nlmsg_append(msg, hdr, len, NLMSG_ALIGNTO) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A link message: ifindex (0: by name), flags to change, and the name. */
static struct nl_msg *link_msg(int type, int flags, int ifindex, unsigned up,
			       unsigned change, const char *ifname)
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

/* Parse a link message; fills the query when it names the wanted link. */
static void parse_link(struct nlmsghdr *h, void *arg)
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

/* Ask the kernel for the ifindex of a link by name (no cache). */
static int link_query(struct kernel *k, struct handle *h, const char *ifname, int *ifindex)
{
	struct linkq q = { .name = ifname };
	struct nl_msg *msg = link_msg(RTM_GETLINK, 0, 0, 0, 0, ifname);

	if (!msg || nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	if (talk(k, h->sk, msg, parse_link, &q) < 0)
		return -1;
	if (!q.ifindex)
		return why_errno(k, ENODEV);
	*ifindex = q.ifindex;
	return 0;
}

/* The ifindex of a link, from the cache or asked once. */
static int link_index(struct kernel *k, struct handle *h, const char *ifname, int *ifindex)
{
	*ifindex = ifc_get(k, h, ifname);
	if (*ifindex)
		return 0;
	if (link_query(k, h, ifname, ifindex) < 0)
		return -1;
	ifc_put(k, h, ifname, *ifindex);
	return 0;
}

/* Delete a link by ifindex (0: by name). */
static int link_delete(struct kernel *k, struct handle *h, const char *ifname, int ifindex)
{
	struct nl_msg *msg = link_msg(RTM_DELLINK, 0, ifindex, 0, 0,
				      ifindex ? NULL : ifname);

	if (!msg)
		return why_nl(k, -NLE_NOMEM);
	return talk(k, h->sk, msg, NULL, NULL);
}

/* Set a link up or down and/or make it a port of a bridge (master > 0). */
static int link_change(struct kernel *k, struct handle *h, const char *ifname,
		       int ifindex, bool set_up, bool up, int master)
{
	unsigned change = set_up ? IFF_UP : 0;
	struct nl_msg *msg = link_msg(RTM_NEWLINK, 0, ifindex, up ? change : 0,
				      change, ifindex ? NULL : ifname);

	if (!msg || (master > 0 && nla_put_u32(msg, IFLA_MASTER, (uint32_t)master) < 0)) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, NULL, NULL);
}

/* -------------------------------------------------------- namespaces */

/* The path of a node's namespace file. */
static void ns_path(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", NETNS_RUN_DIR, name);
}

/* Refuse node names that are not a plain file name under /run/netns. */
static int check_name(const char *name, struct nerr *err)
{
	if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || strlen(name) > NODE_NAME_MAX)
		return nerr_set(err, -1, "'%s' cannot name a namespace file under %s",
				name, NETNS_RUN_DIR);
	if (strcmp(name, HOST_NAME) == 0)
		return nerr_set(err, -1, "%s: the host namespace is not made by netsh",
				name);
	return 0;
}

/* Return the calling thread to the host namespace. */
static int back_home(struct kernel *k, const char *name, struct nerr *err)
{
	if (setns(k->hostfd, CLONE_NEWNET) < 0)
		return nerr_set(err, -1, "%s: returning to the host namespace: %s",
				name, strerror(errno));
	return 0;
}

/* Move the calling thread into h's namespace (back with back_home). */
static int enter(struct handle *h, struct nerr *err)
{
	if (setns(h->nsfd, CLONE_NEWNET) < 0)
		return nerr_set(err, -1, "%s: entering its namespace: %s", h->name,
				strerror(errno));
	return 0;
}

/* Open a node's namespace file and prove it is the namespace netsh made. */
static int ns_open_proven(const char *name, unsigned long long ino,
			  unsigned long long dev, int *fd, struct nerr *err)
{
	char path[PATH_MAX];
	struct stat st;

	ns_path(name, path, sizeof(path));
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd >= 0 && fstat(*fd, &st) == 0 &&
	    (unsigned long long)st.st_ino == ino && (unsigned long long)st.st_dev == dev)
		return 0;
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
	return nerr_set(err, -1, "%s: %s is not the namespace netsh created (gone or replaced); netsh leaves it alone",
			name, path);
}

/* Open the handles of a node: its proven namespace and a socket made inside. */
static struct handle *handle_open(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct nl_sock *sk = NULL;
	int fd, ret;

	if (ns_open_proven(n->name, n->ino, n->dev, &fd, err) < 0)
		return NULL;
	if (setns(fd, CLONE_NEWNET) < 0) {
		nerr_set(err, -1, "%s: entering its namespace: %s", n->name, strerror(errno));
		close(fd);
		return NULL;
	}
	ret = sock_new(&sk);
	if (back_home(k, n->name, err) < 0 || ret < 0) {
		if (ret < 0)
			nerr_set(err, -1, "%s: opening a netlink socket: %s", n->name,
				 nl_geterror(ret));
		if (sk)
			nl_socket_free(sk);
		close(fd);
		return NULL;
	}
	return handle_add(k, n->name, fd, sk);
}

/* The handles of a node, opened on first use. */
static struct handle *node_handle(struct kernel *k, const struct model *m,
				  const char *name, struct nerr *err)
{
	struct handle *h = handle_find(k, name);
	const struct node *n;

	if (h)
		return h;
	n = m ? model_node(m, name) : NULL;
	if (!n) {
		nerr_set(err, -1, "%s: no such node", name);
		return NULL;
	}
	return handle_open(k, n, err);
}

/* Make /run/netns and make it a shared mount, once (as ip netns add). */
static int run_dir_ready(struct kernel *k, struct nerr *err)
{
	bool bound = false;

	if (k->run_dir_ready)
		return 0;
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		return nerr_set(err, -1, "creating %s: %s", NETNS_RUN_DIR, strerror(errno));
	while (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
		if (errno != EINVAL || bound)
			return nerr_set(err, -1, "making %s a shared mount: %s",
					NETNS_RUN_DIR, strerror(errno));
		if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0)
			return nerr_set(err, -1, "bind-mounting %s onto itself: %s",
					NETNS_RUN_DIR, strerror(errno));
		bound = true;
	}
	k->run_dir_ready = true;
	return 0;
}

/* Write a one-character value to a sysctl file of the current namespace. */
static int sysctl_put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, 1);
	int e = errno;
	close(fd);
	errno = e;
	return n == 1 ? 0 : -1;
}

/* Inside a fresh namespace: bring lo up, skip IPv6 DAD (NS_NO_DAD), keep
 * IPv6 addresses on links set down and, for a router, turn forwarding on. */
static int ns_setup(struct kernel *k, struct nl_sock *sk, const char *name,
		    enum node_kind kind, struct nerr *err)
{
	static const char *const fwd[] = {
		"/proc/sys/net/ipv4/conf/all/forwarding",
		"/proc/sys/net/ipv6/conf/all/forwarding",
	};
	static const char dad[] = "/proc/sys/net/ipv6/conf/default/accept_dad";
	static const char keep[] = "/proc/sys/net/ipv6/conf/default/keep_addr_on_down";
	struct nl_msg *msg = link_msg(RTM_NEWLINK, 0, 1, IFF_UP, IFF_UP, NULL);

	if (!msg)
		return nerr_set(err, -1, "%s: %s", name, nl_geterror(-NLE_NOMEM));
	if (talk(k, sk, msg, NULL, NULL) < 0)
		return nerr_set(err, -1, "%s: setting lo up: %s", name, k->why);
	if (NS_NO_DAD && sysctl_put(dad, "0") < 0 && errno != ENOENT)
		return nerr_set(err, -1, "%s: turning IPv6 DAD off (%s): %s",
				name, dad, strerror(errno));
	if (sysctl_put(keep, "1") < 0 && errno != ENOENT)
		return nerr_set(err, -1, "%s: keeping IPv6 addresses on down links (%s): %s",
				name, keep, strerror(errno));
	if (kind != KIND_ROUTER)
		return 0;
	for (size_t i = 0; i < sizeof(fwd) / sizeof(fwd[0]); i++)
		if (sysctl_put(fwd[i], "1") < 0)
			return nerr_set(err, -1, "%s: turning forwarding on (%s): %s",
					name, fwd[i], strerror(errno));
	return 0;
}

/* Inside a fresh namespace: pin it on its file and open its handles. */
static int ns_pin(struct kernel *k, const char *name, const char *path,
		  enum node_kind kind, int *nsfd, struct nl_sock **sk,
		  struct stat *st, struct nerr *err)
{
	int ret;

	*nsfd = open(THREAD_NS, O_RDONLY | O_CLOEXEC);
	if (*nsfd < 0 || fstat(*nsfd, st) < 0)
		return nerr_set(err, -1, "%s: opening %s: %s", name, THREAD_NS, strerror(errno));
	if (mount(THREAD_NS, path, "none", MS_BIND, NULL) < 0)
		return nerr_set(err, -1, "%s: bind-mounting the namespace on %s: %s",
				name, path, strerror(errno));
	ret = sock_new(sk);
	if (ret < 0)
		return nerr_set(err, -1, "%s: opening a netlink socket: %s", name,
				nl_geterror(ret));
	return ns_setup(k, *sk, name, kind, err);
}

/* Create a node's namespace as `ip netns add` does, set it up from inside,
 * and keep its handles. Records the nsfs inode that proves it later. */
static int ns_add(struct kernel *k, const char *name, enum node_kind kind,
		  unsigned long long *ino, unsigned long long *dev, struct nerr *err)
{
	char path[PATH_MAX];
	struct nl_sock *sk = NULL;
	struct nerr home;
	struct stat st;
	int fd, nsfd = -1;

	if (check_name(name, err) < 0 || run_dir_ready(k, err) < 0)
		return -1;
	ns_path(name, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0 && errno == EEXIST)
		return nerr_set(err, -1, "%s: %s already exists (not made by netsh); pick another name",
				name, path);
	if (fd < 0)
		return nerr_set(err, -1, "%s: creating %s: %s", name, path, strerror(errno));
	close(fd);
	if (unshare(CLONE_NEWNET) < 0) {
		nerr_set(err, -1, "%s: creating a network namespace: %s", name, strerror(errno));
		unlink(path);
		return -1;
	}
	if (ns_pin(k, name, path, kind, &nsfd, &sk, &st, err) < 0) {
		if (back_home(k, name, &home) < 0)
			snprintf(err->msg + strlen(err->msg), NERR_MSG_MAX - strlen(err->msg),
				 "; %s", home.msg);
		goto fail;
	}
	if (back_home(k, name, err) < 0)
		goto fail;
	handle_drop(k, name);		/* a stale one, if the name was reused */
	handle_add(k, name, nsfd, sk);
	*ino = (unsigned long long)st.st_ino;
	*dev = (unsigned long long)st.st_dev;
	return 0;
fail:
	if (sk)
		nl_socket_free(sk);
	if (nsfd >= 0)
		close(nsfd);
	umount2(path, MNT_DETACH);
	unlink(path);
	return -1;
}

/* Delete a node's namespace, after proving it is the one netsh made. */
static int ns_del(struct kernel *k, const char *name, unsigned long long ino,
		  unsigned long long dev, struct nerr *err)
{
	char path[PATH_MAX];
	int fd;

	if (check_name(name, err) < 0 || ns_open_proven(name, ino, dev, &fd, err) < 0)
		return -1;
	close(fd);
	handle_drop(k, name);
	k->gen++;		/* its veths' peers elsewhere go too */
	ns_path(name, path, sizeof(path));
	if (umount2(path, MNT_DETACH) < 0)
		return nerr_set(err, -1, "%s: unmounting %s: %s", name, path, strerror(errno));
	if (unlink(path) < 0)
		return nerr_set(err, -1, "%s: removing %s: %s", name, path, strerror(errno));
	return 0;
}

/* ------------------------------------------------------------- links */

/* In a switch, links made from now on (its ports; its bridge is made
 * already) get no IPv6 of their own: a port is layer 2 only, and each port
 * with IPv6 would add addresses and routes that every later port's coming
 * up walks, and its own multicast chatter to flood. */
static int ports_l2_only(struct kernel *k, struct handle *h, struct nerr *err)
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

/* Create a switch's bridge, up or down. */
static int bridge_add(struct kernel *k, struct handle *h, const char *ifname,
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
		return nerr_set(err, -1, "%s: creating bridge %s: %s", h->name, ifname, k->why);
	if (!q.ifindex && link_query(k, h, ifname, &q.ifindex) < 0)
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
static int veth_peer_setup(struct kernel *k, struct handle *ph, const struct op *op,
			   int pifindex, struct nerr *err)
{
	int br = 0;

	if (op->master && link_index(k, ph, BRIDGE_IF, &br) < 0)
		return nerr_set(err, -1, "%s: finding bridge %s for port %s: %s",
				ph->name, BRIDGE_IF, op->peer_if, k->why);
	if (link_change(k, ph, op->peer_if, pifindex, op->up, op->up, br) < 0) {
		if (op->master)
			ifc_drop(ph, BRIDGE_IF);
		return nerr_set(err, -1, "%s: %s%s%s%s: %s", ph->name,
				op->master ? "adding port " : "setting ", op->peer_if,
				op->master ? " to " BRIDGE_IF : "",
				op->master ? "" : " up", k->why);
	}
	return 0;
}

/* Create the veth pair an op describes: op->ifname in h (up if op->up),
 * op->peer_if in ph (up if op->up, a port of ph's bridge if op->master).
 * want/pwant: ifindexes to ask for (0: any). Cleans up on failure. */
static int veth_add(struct kernel *k, struct handle *h, struct handle *ph,
		    const struct op *op, int want, int pwant,
		    int *ifindex, int *pifindex, struct nerr *err)
{
	struct linkq q = { .name = op->ifname };
	struct nl_msg *msg = veth_msg(op, want, pwant, ph == h ? -1 : ph->nsfd);

	if (!msg)
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	if (talk(k, h->sk, msg, parse_link, &q) < 0)
		return nerr_set(err, -1, "%s: creating veth %s <-> %s:%s: %s", h->name,
				op->ifname, op->peer, op->peer_if, k->why);
	if (!q.ifindex && link_query(k, h, op->ifname, &q.ifindex) < 0) {
		nerr_set(err, -1, "%s: finding new veth %s: %s", h->name, op->ifname, k->why);
		goto fail;
	}
	if (!q.peer && link_query(k, ph, op->peer_if, &q.peer) < 0) {
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

/* Delete a link; with a nonzero ifindex only if the link of that name still
 * has it (so a same-named link made by someone else is left alone). */
static int link_del(struct kernel *k, struct handle *h, const char *ifname,
		    int ifindex, struct nerr *err)
{
	int have;

	if (ifindex) {
		if (link_query(k, h, ifname, &have) < 0)
			return nerr_set(err, -1, "%s: deleting %s: %s", h->name, ifname, k->why);
		if (have != ifindex)
			return nerr_set(err, -1, "%s: %s is not the link netsh created (ifindex %d, not %d); netsh leaves it alone",
					h->name, ifname, have, ifindex);
	}
	k->gen++;		/* a veth's peer goes too, wherever it is */
	if (link_delete(k, h, ifname, ifindex) < 0)
		return nerr_set(err, -1, "%s: deleting %s: %s", h->name, ifname, k->why);
	return 0;
}

/* Set a link up or down. */
static int link_set(struct kernel *k, struct handle *h, const char *ifname,
		    bool up, struct nerr *err)
{
	int ifindex = ifc_get(k, h, ifname);

	if (link_change(k, h, ifname, ifindex, true, up, 0) < 0) {
		ifc_drop(h, ifname);
		return nerr_set(err, -1, "%s: setting %s %s: %s", h->name, ifname,
				up ? "up" : "down", k->why);
	}
	return 0;
}

/* The VETH_ADD that recreates the cable a LINK_DEL removed, from the end
 * that is not a bridge port (the model, not yet changed, knows which). */
static struct op cable_of(const struct model *m, const struct op *op)
{
	const struct node *n = m ? model_node(m, op->node) : NULL;
	const struct iface *f = n ? node_iface(n, op->ifname) : NULL;
	struct op v = *op;

	v.kind = OP_VETH_ADD;
	v.up = op->up || (f && f->up);
	if (!f || !f->port)
		return v;
	snprintf(v.node, sizeof(v.node), "%s", op->peer);
	snprintf(v.ifname, sizeof(v.ifname), "%s", op->peer_if);
	snprintf(v.peer, sizeof(v.peer), "%s", op->node);
	snprintf(v.peer_if, sizeof(v.peer_if), "%s", op->ifname);
	v.ifindex = op->peer_ifindex;
	v.peer_ifindex = op->ifindex;
	v.master = true;
	return v;
}

/* Recreate the veth pair (or, with no peer, the bridge) a LINK_DEL removed,
 * asking for the same ifindexes so the model's record stays true. */
static int link_restore(struct kernel *k, const struct model *m, const struct op *op,
			struct nerr *err)
{
	struct handle *h = node_handle(k, m, op->node, err), *ph;
	struct op v;
	int idx, pidx;

	if (!h)
		return -1;
	if (!op->peer[0]) {
		const struct iface *f = node_iface(model_node(m, op->node), op->ifname);
		bool up = !f || f->up;
		if (bridge_add(k, h, op->ifname, op->ifindex, up, &idx, err) == 0)
			return 0;
		if (!op->ifindex)
			return -1;
		return bridge_add(k, h, op->ifname, 0, up, &idx, err);	/* index taken */
	}
	v = cable_of(m, op);
	h = node_handle(k, m, v.node, err);
	ph = h ? node_handle(k, m, v.peer, err) : NULL;
	if (!ph)
		return -1;
	if (veth_add(k, h, ph, &v, v.ifindex, v.peer_ifindex, &idx, &pidx, err) == 0)
		return 0;
	if (!v.ifindex && !v.peer_ifindex)
		return -1;
	return veth_add(k, h, ph, &v, 0, 0, &idx, &pidx, err);	/* indexes taken */
}

/* --------------------------------------------------- addresses, routes */

/* Put an address (bits only) as a netlink attribute. */
static int put_addr(struct nl_msg *msg, int type, const struct inet *in)
{
	return nla_put(msg, type, in->family == AF_INET ? 4 : 16, in->a);
}

/* Add or remove an address on a link. */
static int addr_change(struct kernel *k, struct handle *h, bool add,
		       const char *ifname, const struct inet *addr, struct nerr *err)
{
	struct ifaddrmsg ifa = {
		.ifa_family = (unsigned char)addr->family,
		.ifa_prefixlen = (unsigned char)addr->plen,
	};
	char a[INET_STRLEN];
	struct nl_msg *msg;
	int ifindex;

	inet_fmt(addr, false, a, sizeof(a));
	if (link_index(k, h, ifname, &ifindex) < 0)
		return nerr_set(err, -1, "%s: %s %s %s %s: %s", h->name, add ? "adding" : "removing",
				a, add ? "to" : "from", ifname, k->why);
	ifa.ifa_index = (unsigned)ifindex;
	if (add && ADDR6_NODAD && addr->family == AF_INET6)
		ifa.ifa_flags = IFA_F_NODAD;
	msg = msg_new(add ? RTM_NEWADDR : RTM_DELADDR, add ? NLM_F_CREATE | NLM_F_EXCL : 0,
		      &ifa, sizeof(ifa));
	if (!msg || put_addr(msg, IFA_LOCAL, addr) < 0 || put_addr(msg, IFA_ADDRESS, addr) < 0) {
		nlmsg_free(msg);
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	}
	if (talk(k, h->sk, msg, NULL, NULL) < 0) {
		ifc_drop(h, ifname);
		return nerr_set(err, -1, "%s: %s %s %s %s: %s", h->name, add ? "adding" : "removing",
				a, add ? "to" : "from", ifname, k->why);
	}
	return 0;
}

/* A route as `ip route` words: "DEST [via GW] [dev IF]". */
static const char *route_words(const struct op *op, char *buf, size_t len)
{
	char d[INET_STRLEN], g[INET_STRLEN];

	if (op->addr.plen == 0)
		snprintf(d, sizeof(d), "default");
	else
		inet_fmt(&op->addr, false, d, sizeof(d));
	if (op->gw.family)
		inet_addr_fmt(&op->gw, g, sizeof(g));
	snprintf(buf, len, "%s%s%s%s%s", d, op->gw.family ? " via " : "",
		 op->gw.family ? g : "", op->ifname[0] ? " dev " : "", op->ifname);
	return buf;
}

/* Put a route's gateway: RTA_GATEWAY, or RTA_VIA for another family. */
static int put_gateway(struct nl_msg *msg, const struct op *op)
{
	struct {
		unsigned short family;
		unsigned char a[16];
	} via;
	size_t alen = op->gw.family == AF_INET ? 4 : 16;

	if (op->gw.family == op->addr.family)
		return put_addr(msg, RTA_GATEWAY, &op->gw);
	via.family = (unsigned short)op->gw.family;
	memcpy(via.a, op->gw.a, alen);
	return nla_put(msg, RTA_VIA, (int)(sizeof(via.family) + alen), &via);
}

/* The RTM_NEWROUTE / RTM_DELROUTE request of a route op (as ip route does). */
static struct nl_msg *route_msg(const struct op *op, bool add, int oif)
{
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)op->addr.family,
		.rtm_dst_len = (unsigned char)op->addr.plen,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_scope = RT_SCOPE_NOWHERE,
	};
	struct inet dst = inet_net(&op->addr);
	struct nl_msg *msg;

	if (add) {
		rtm.rtm_protocol = RTPROT_STATIC;
		rtm.rtm_type = RTN_UNICAST;
		rtm.rtm_scope = !op->gw.family && oif ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	}
	msg = msg_new(add ? RTM_NEWROUTE : RTM_DELROUTE,
		      add ? NLM_F_CREATE | NLM_F_REPLACE : 0, &rtm, sizeof(rtm));
	if (msg && ((op->addr.plen && put_addr(msg, RTA_DST, &dst) < 0) ||
		    (op->gw.family && put_gateway(msg, op) < 0) ||
		    (oif && nla_put_u32(msg, RTA_OIF, (uint32_t)oif) < 0))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Add (or replace) or remove a route in the main table. */
static int route_change(struct kernel *k, struct handle *h, bool add,
			const struct op *op, struct nerr *err)
{
	char r[3 * INET_STRLEN];
	struct nl_msg *msg;
	int oif = 0;

	route_words(op, r, sizeof(r));
	if (!op->addr.family)
		return nerr_set(err, -1, "%s: route %s has no address family", h->name, r);
	if (op->ifname[0] && link_index(k, h, op->ifname, &oif) < 0)
		return nerr_set(err, -1, "%s: %s route %s: %s", h->name,
				add ? "adding" : "removing", r, k->why);
	msg = route_msg(op, add, oif);
	if (!msg)
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	if (talk(k, h->sk, msg, NULL, NULL) < 0) {
		if (!add && k->rep.error == ESRCH)
			return 0;	/* already gone: flushed with a link that went down */
		if (op->ifname[0])
			ifc_drop(h, op->ifname);
		return nerr_set(err, -1, "%s: %s route %s: %s", h->name,
				add ? "adding" : "removing", r, k->why);
	}
	return 0;
}

/* ------------------------------------------------------ NAT: nftables */

#ifdef __SANITIZE_ADDRESS__
/* libnftables 1.0.6 leaks a few bytes on some parse errors (an unknown
 * chain hook, say), which is not netsh's to free; a sanitizer build would
 * otherwise fail every nft command that the user got wrong. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libnftables.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

static const char *const forwarding_files[] = {
	"/proc/sys/net/ipv4/conf/all/forwarding",
	"/proc/sys/net/ipv6/conf/all/forwarding",
};

/* Turn IPv4 and IPv6 forwarding of h's namespace on or off. */
static int forwarding_set(struct kernel *k, struct handle *h, bool on, struct nerr *err)
{
	const char *bad = NULL;
	int e = 0;

	if (enter(h, err) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(forwarding_files) / sizeof(forwarding_files[0]); i++) {
		if (sysctl_put(forwarding_files[i], on ? "1" : "0") < 0) {
			bad = forwarding_files[i];
			e = errno;
			while (i-- > 0)		/* all or nothing */
				sysctl_put(forwarding_files[i], on ? "0" : "1");
			break;
		}
	}
	if (back_home(k, h->name, err) < 0)
		return -1;
	if (bad)
		return nerr_set(err, -1, "%s: turning forwarding %s (%s): %s", h->name,
				on ? "on" : "off", bad, strerror(e));
	return 0;
}

/* The namespace's libnftables context. nft_ctx_new() opens its netlink
 * socket in the namespace current at that moment, so it is made inside. */
static struct nft_ctx *nft_ctx_of(struct kernel *k, struct handle *h, struct nerr *err)
{
	struct nft_ctx *ctx;

	if (h->nft)
		return h->nft;
	if (enter(h, err) < 0)
		return NULL;
	ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	if (back_home(k, h->name, err) < 0) {
		if (ctx)
			nft_ctx_free(ctx);
		return NULL;
	}
	if (!ctx) {
		nerr_set(err, -1, "%s: cannot make a libnftables context", h->name);
		return NULL;
	}
	if (nft_ctx_buffer_output(ctx) < 0 || nft_ctx_buffer_error(ctx) < 0) {
		nft_ctx_free(ctx);
		nerr_set(err, -1, "%s: cannot buffer libnftables' output", h->name);
		return NULL;
	}
	h->nft = ctx;
	return ctx;
}

/* Copy nft's error text (several lines: the message, the command, carets)
 * after `what`, without its last newline. */
static int nft_error(struct nerr *err, const char *what, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	while (n && text[n - 1] == '\n')
		n--;
	if (!n)
		return nerr_set(err, -1, "%s: nft failed and said nothing", what);
	return nerr_set(err, -1, "%s: %.*s", what, (int)n, text);
}

/* Run nft commands, one atomic batch, in h's namespace: inside it, so names
 * nft resolves (iif eth0) are the namespace's. *output (when asked) gets
 * nft's output, to free. On failure the ruleset is unchanged and err has
 * nft's own error text after `what`. */
static int nft_run(struct kernel *k, struct handle *h, const char *text, char **output,
		   const char *what, struct nerr *err)
{
	struct nft_ctx *ctx = nft_ctx_of(k, h, err);
	const char *out, *errtext;
	int rc;

	if (output)
		*output = NULL;
	if (!ctx || enter(h, err) < 0)
		return -1;
	rc = nft_run_cmd_from_buffer(ctx, text);
	if (back_home(k, h->name, err) < 0)
		return -1;
	/* Both buffers are read (and so rewound) after every run. */
	out = nft_ctx_get_output_buffer(ctx);
	errtext = nft_ctx_get_error_buffer(ctx);
	if (rc != 0)
		return nft_error(err, what, errtext);
	if (output)
		*output = xstrdup(out ? out : "");
	return 0;
}

/* What a NAT op does, for error messages. */
static void nat_what(const struct op *op, bool undo, char *buf, size_t len)
{
	char a[INET_STRLEN];
	bool add = (op->kind == OP_NAT_ADD || op->kind == OP_FWD_ADD) != undo;

	if (op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL) {
		if (add)
			snprintf(buf, len, "%s: setting up NAT out of %s (type %s)", op->node,
				 op->ifname, nat_type_name(op->nat));
		else
			snprintf(buf, len, "%s: removing netsh's NAT (table %s)", op->node, NFT_TABLE);
		return;
	}
	snprintf(buf, len, "%s: %s forward %s %d to %s:%d", op->node, add ? "adding" : "removing",
		 proto_name(op->proto), op->port, inet_addr_fmt(&op->addr, a, sizeof(a)), op->dport);
}

/* Apply (or undo) a NAT op: netsh's nft table, and for a node that is not
 * a router its forwarding, on with the NAT and off without it. */
static int nat_change(struct kernel *k, struct handle *h, const struct op *op, bool undo,
		      struct nerr *err)
{
	bool nat = op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL;
	bool adds = (op->kind == OP_NAT_ADD || op->kind == OP_FWD_ADD) != undo;
	bool fwd = nat && op->node_kind != KIND_ROUTER;
	char what[NODE_NAME_MAX + 128], *text = nft_op_text(op, undo);
	struct nerr e2;
	int rc;

	nat_what(op, undo, what, sizeof(what));
	if (fwd && adds && forwarding_set(k, h, true, err) < 0) {
		free(text);
		return -1;
	}
	rc = nft_run(k, h, text, NULL, what, err);
	free(text);
	/* Removing what is already gone (the user flushed the ruleset, say)
	 * is done: so del nat can always clean the lab's record up. */
	if (rc < 0 && !adds && strstr(err->msg, "No such file or directory"))
		rc = 0;
	if (rc < 0) {
		if (nat && adds && strstr(err->msg, "File exists")) {
			size_t len = strlen(err->msg);
			snprintf(err->msg + len, sizeof(err->msg) - len,
				 "\n%s already has a table %s that this lab did not record; "
				 "remove it with: nft %s 'delete table %s'",
				 op->node, NFT_TABLE, op->node, NFT_TABLE);
		}
		if (fwd && adds)
			forwarding_set(k, h, false, &e2);
		return -1;
	}
	if (fwd && !adds && forwarding_set(k, h, false, err) < 0) {
		/* All or nothing: put the table back, so the transaction's
		 * undo of the steps before (the forwards) finds it. */
		char back[NODE_NAME_MAX + 128];
		text = nft_op_text(op, !undo);
		nat_what(op, !undo, back, sizeof(back));
		nft_run(k, h, text, NULL, back, &e2);
		free(text);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------------- API */

/* Open the host handles: the host namespace and its rtnetlink socket. */
/* Each node holds descriptors: allow as many as the hard limit does. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

struct kernel *kernel_open(struct nerr *err)
{
	struct kernel *k = xcalloc(1, sizeof(*k));
	int ret;

	raise_fd_limit();

	k->hostfd = open(THREAD_NS, O_RDONLY | O_CLOEXEC);
	if (k->hostfd < 0) {
		nerr_set(err, -1, "opening %s: %s", THREAD_NS, strerror(errno));
		free(k);
		return NULL;
	}
	k->cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!k->cb) {
		nerr_set(err, -1, "%s", nl_geterror(-NLE_NOMEM));
		close(k->hostfd);
		free(k);
		return NULL;
	}
	nl_cb_set(k->cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &k->rep);
	nl_cb_set(k->cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &k->rep);
	nl_cb_err(k->cb, NL_CB_CUSTOM, on_error, &k->rep);
	ret = sock_new(&k->host.sk);
	if (ret < 0) {
		nl_cb_put(k->cb);
		nerr_set(err, -1, "%s: opening a netlink socket: %s", HOST_NAME, nl_geterror(ret));
		close(k->hostfd);
		free(k);
		return NULL;
	}
	k->host.name = xstrdup(HOST_NAME);
	k->host.nsfd = k->hostfd;
	nametab_init(&k->handles);
	return k;
}

/* Close every handle and free the layer. */
void kernel_close(struct kernel *k)
{
	if (!k)
		return;
	nametab_drain(&k->handles, handle_unlink_free);
	nametab_clear(&k->handles);
	nl_socket_free(k->host.sk);
	if (k->host.nft)
		nft_ctx_free(k->host.nft);
	if (k->host.nfsk)
		nl_socket_free(k->host.nfsk);
	free(k->host.ifs);
	free(k->host.name);
	close(k->hostfd);
	nl_cb_put(k->cb);
	free(k);
}

/* Apply a VETH_ADD op, recording both ifindexes in it. */
static int do_veth(struct kernel *k, const struct model *m, struct op *op, struct nerr *err)
{
	struct handle *h = node_handle(k, m, op->node, err), *ph;

	if (!h)
		return -1;
	ph = node_handle(k, m, op->peer, err);
	if (!ph)
		return -1;
	return veth_add(k, h, ph, op, 0, 0, &op->ifindex, &op->peer_ifindex, err);
}

/* Apply one op, recording what it created in it. */
int kernel_do(struct kernel *k, const struct model *m, struct op *op, struct nerr *err)
{
	struct handle *h;

	if (op->kind == OP_NS_ADD)
		return ns_add(k, op->node, op->node_kind, &op->ino, &op->dev, err);
	if (op->kind == OP_NS_DEL)
		return ns_del(k, op->node, op->ino, op->dev, err);
	if (op->kind == OP_VETH_ADD)
		return do_veth(k, m, op, err);
	h = node_handle(k, m, op->node, err);
	if (!h)
		return -1;
	switch (op->kind) {
	case OP_BRIDGE_ADD:
		return bridge_add(k, h, op->ifname, 0, op->up, &op->ifindex, err);
	case OP_LINK_DEL:
		return link_del(k, h, op->ifname, op->ifindex, err);
	case OP_LINK_SET:
		return link_set(k, h, op->ifname, op->up, err);
	case OP_ADDR_ADD:
	case OP_ADDR_DEL:
		return addr_change(k, h, op->kind == OP_ADDR_ADD, op->ifname, &op->addr, err);
	case OP_ROUTE_ADD:
	case OP_ROUTE_DEL:
		return route_change(k, h, op->kind == OP_ROUTE_ADD, op, err);
	case OP_NAT_ADD:
	case OP_NAT_DEL:
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		return nat_change(k, h, op, false, err);
	default:
		return nerr_set(err, -1, "%s: unknown kernel op %d", op->node, (int)op->kind);
	}
}

/* Undo one applied op by its inverse. */
int kernel_undo(struct kernel *k, const struct model *m, const struct op *op, struct nerr *err)
{
	unsigned long long ino, dev;
	struct handle *h;

	if (op->kind == OP_NS_ADD)
		return ns_del(k, op->node, op->ino, op->dev, err);
	if (op->kind == OP_NS_DEL)
		return ns_add(k, op->node, op->node_kind, &ino, &dev, err);
	if (op->kind == OP_LINK_DEL)
		return link_restore(k, m, op, err);
	h = node_handle(k, m, op->node, err);
	if (!h)
		return -1;
	switch (op->kind) {
	case OP_BRIDGE_ADD:
	case OP_VETH_ADD:
		return link_del(k, h, op->ifname, op->ifindex, err);
	case OP_LINK_SET:
		return link_set(k, h, op->ifname, op->was_up, err);
	case OP_ADDR_ADD:
	case OP_ADDR_DEL:
		return addr_change(k, h, op->kind == OP_ADDR_DEL, op->ifname, &op->addr, err);
	case OP_ROUTE_ADD:
	case OP_ROUTE_DEL:
		return route_change(k, h, op->kind == OP_ROUTE_DEL, op, err);
	case OP_NAT_ADD:
	case OP_NAT_DEL:
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		return nat_change(k, h, op, true, err);
	default:
		return nerr_set(err, -1, "%s: unknown kernel op %d", op->node, (int)op->kind);
	}
}

/* The handles of a model node, opened on first use. */
static struct handle *handle_of(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct handle *h = handle_find(k, n->name);

	return h ? h : handle_open(k, n, err);
}

/* The node's proven namespace descriptor. */
int kernel_nsfd(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct handle *h = handle_of(k, n, err);

	return h ? h->nsfd : -1;
}

/* The node's rtnetlink socket. */
struct nl_sock *kernel_sock(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct handle *h = handle_of(k, n, err);

	return h ? h->sk : NULL;
}

/* Move the calling thread into the node's namespace. */
int kernel_enter(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct handle *h = handle_of(k, n, err);

	if (!h)
		return -1;
	if (setns(h->nsfd, CLONE_NEWNET) < 0)
		return nerr_set(err, -1, "%s: entering its namespace: %s", n->name,
				strerror(errno));
	return 0;
}

/* A private mount namespace with a /sys of the current network namespace.
 * Failures only make /sys less accurate. */
static void private_sys(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return;
	if (mount("none", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return;
	if (umount2("/sys", MNT_DETACH) == 0)
		mount("sysfs", "/sys", "sysfs", 0, NULL);
}

int kernel_enter_exec(struct kernel *k, const struct node *n, struct nerr *err)
{
	if (kernel_enter(k, n, err) < 0)
		return -1;
	if (n->kind != KIND_HOST)
		private_sys();
	return 0;
}

int kernel_leave(struct kernel *k, struct nerr *err)
{
	return back_home(k, HOST_NAME, err);
}

/* Run nft commands in the node with its own libnftables context. */
int kernel_nft(struct kernel *k, const struct node *n, const char *text, char **output,
	       struct nerr *err)
{
	struct handle *h = handle_of(k, n, err);

	if (!h)
		return -1;
	return nft_run(k, h, text, output, n->name, err);
}

/* The node's nfnetlink socket, made inside its namespace once. */
struct nl_sock *kernel_nfsock(struct kernel *k, const struct node *n, struct nerr *err)
{
	struct handle *h = handle_of(k, n, err);
	struct nl_sock *sk;
	int ret;

	if (!h)
		return NULL;
	if (h->nfsk)
		return h->nfsk;
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
			nerr_set(err, -1, "%s: opening a netfilter socket: %s", n->name,
				 nl_geterror(ret));
		nl_socket_free(sk);
		return NULL;
	}
	h->nfsk = sk;
	return sk;
}

/* Close and drop a node's handles; cached ifindexes may be stale now. */
void kernel_forget(struct kernel *k, const char *node)
{
	handle_drop(k, node);
	k->gen++;
}
