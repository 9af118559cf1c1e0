/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netns.c: namespaces, made as `ip netns add` makes them (a bind mount
 * under /run/netns), proven by their cookie and nsfs inode before netsh
 * touches them, and the handles of each (its descriptor and sockets, opened
 * once, kept in a hash table by name). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>

#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <nftables/libnftables.h>

#include "core/crash.h"
#include "core/xalloc.h"
#include "kernel/internal.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

/* IPv6 addresses of a new namespace's interfaces skip duplicate address
 * detection (net.ipv6.conf.default.accept_dad=0): otherwise link-local
 * addresses stay tentative for ~2 s, and a router cannot send neighbour
 * solicitations for the traffic it forwards until then. */
#define NS_NO_DAD 1

#define THREAD_NS "/proc/thread-self/ns/net"

/* ---------------------------------------------------------------- handles */

static struct handle *handle_find(struct nlkernel *k, const char *name)
{
	struct name_link *l;

	if (strcmp(name, HOST_NS) == 0)
		return &k->host;
	l = nametab_find(&k->handles, name);
	return l ? NAMETAB_ITEM(l, struct handle, link) : NULL;
}

static struct handle *handle_add(struct nlkernel *k, const char *name, const struct nsid *id,
				 int nsfd, struct nl_sock *sk)
{
	struct handle *h = xcalloc(1, sizeof(*h));

	h->name = xstrdup(name);
	h->id = *id;
	h->nsfd = nsfd;
	h->sk = sk;
	h->gen = k->gen;
	h->link.name = h->name;
	nametab_add(&k->handles, &h->link);
	return h;
}

void handle_free(struct handle *h)
{
	if (h->nft)
		nft_ctx_free(h->nft);
	if (h->nfsk)
		nl_socket_free(h->nfsk);
	if (h->sk)
		nl_socket_free(h->sk);
	if (h->nsfd >= 0)
		close(h->nsfd);
	ifcache_free(&h->ifs);
	free(h->name);
	free(h);
}

void handle_drop(struct nlkernel *k, const char *name)
{
	struct name_link *l;

	if (strcmp(name, HOST_NS) == 0)
		return;
	l = nametab_remove(&k->handles, name);
	if (l)
		handle_free(NAMETAB_ITEM(l, struct handle, link));
}

int back_home(struct nlkernel *k, const char *name, struct nerr *err)
{
	if (setns(k->hostfd, CLONE_NEWNET) < 0)
		return nerr_set(err, -1, "%s: returning to the host namespace: %s",
				name, strerror(errno));
	return 0;
}

int enter(struct handle *h, struct nerr *err)
{
	if (setns(h->nsfd, CLONE_NEWNET) < 0)
		return nerr_set(err, -1, "%s: entering its namespace: %s", h->name,
				strerror(errno));
	return 0;
}

/* The cookie of the network namespace a socket lives in. */
static int sock_cookie(struct nl_sock *sk, unsigned long long *cookie)
{
	socklen_t len = sizeof(*cookie);

	return getsockopt(nl_socket_get_fd(sk), SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len);
}

static bool same_id(const struct nsid *a, const struct nsid *b)
{
	return a->cookie == b->cookie && a->ino == b->ino && a->dev == b->dev;
}

/* The path of a node's namespace file. */
static void ns_path(const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s", NETNS_RUN_DIR, name);
}

/* Refuse names that are not a plain file name under /run/netns. */
static int check_name(const char *name, struct nerr *err)
{
	if (!name[0] || strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || strlen(name) > NODE_NAME_MAX)
		return nerr_set(err, -1, "'%s' cannot name a namespace file under %s",
				name, NETNS_RUN_DIR);
	if (strcmp(name, HOST_NS) == 0)
		return nerr_set(err, -1, "%s: the host namespace is not made by netsh", name);
	return 0;
}

int ns_inspect(struct nlkernel *k, const char *name, int *fd, struct nl_sock **sk,
	       struct nsid *id, struct nerr *err)
{
	char path[PATH_MAX];
	struct statfs sfs;
	struct stat st;
	int ret;

	*fd = -1;
	*sk = NULL;
	memset(id, 0, sizeof(*id));
	if (check_name(name, err) < 0)
		return -1;
	ns_path(name, path, sizeof(path));
	*fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (*fd < 0) {
		if (errno == ENOENT)
			return NS_ABSENT;
		return nerr_set(err, -1, "%s: opening %s: %s", name, path, strerror(errno));
	}
	if (fstat(*fd, &st) < 0 || fstatfs(*fd, &sfs) < 0) {
		nerr_set(err, -1, "%s: %s: %s", name, path, strerror(errno));
		goto fail;
	}
	if (sfs.f_type != NSFS_MAGIC) {
		close(*fd);
		*fd = -1;
		return NS_EMPTY;
	}
	id->ino = (unsigned long long)st.st_ino;
	id->dev = (unsigned long long)st.st_dev;
	if (setns(*fd, CLONE_NEWNET) < 0) {
		nerr_set(err, -1, "%s: entering its namespace: %s", name, strerror(errno));
		goto fail;
	}
	ret = sock_new(sk);
	if (back_home(k, name, err) < 0 || ret < 0) {
		if (ret < 0)
			nerr_set(err, -1, "%s: opening a netlink socket: %s", name, nl_geterror(ret));
		goto fail;
	}
	if (sock_cookie(*sk, &id->cookie) < 0) {
		nerr_set(err, -1, "%s: reading the namespace cookie: %s", name, strerror(errno));
		goto fail;
	}
	return NS_MOUNTED;
fail:
	if (*sk)
		nl_socket_free(*sk);
	*sk = NULL;
	close(*fd);
	*fd = -1;
	return -1;
}

/* Open a node's namespace and prove, by its cookie and inode, that it is
 * the one netsh made. */
static struct handle *handle_open(struct nlkernel *k, const char *name, const struct nsid *id,
				  struct nerr *err)
{
	char path[PATH_MAX];
	struct nl_sock *sk;
	struct nsid have;
	int fd, found = ns_inspect(k, name, &fd, &sk, &have, err);

	if (found < 0)
		return NULL;
	if (found == NS_MOUNTED && same_id(&have, id))
		return handle_add(k, name, id, fd, sk);
	if (found == NS_MOUNTED) {
		nl_socket_free(sk);
		close(fd);
	}
	ns_path(name, path, sizeof(path));
	nerr_setc(err, found == NS_MOUNTED ? NERR_NOT_OURS : NERR_GONE, -1,
		  "%s: %s %s; netsh leaves it alone", name, path,
		  found == NS_MOUNTED ? "is not the namespace netsh created (replaced)"
				      : "is gone (deleted outside netsh)");
	return NULL;
}

struct handle *handle_get(struct nlkernel *k, const char *name, const struct nsid *id,
			  struct nerr *err)
{
	struct handle *h = handle_find(k, name);

	if (h && (h == &k->host || same_id(&h->id, id)))
		return h;
	if (h)
		handle_drop(k, name);	/* a namespace of that name replaced since */
	return handle_open(k, name, id, err);
}

/* ------------------------------------------------------------- namespaces */

int unlink_empty(const char *path)
{
	struct statfs sfs;
	struct stat st;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && fstatfs(fd, &sfs) == 0 && sfs.f_type != NSFS_MAGIC &&
	    S_ISREG(st.st_mode) && st.st_size == 0) {
		close(fd);
		return unlink(path) == 0 ? 1 : 0;
	}
	close(fd);
	return 0;
}

/* Make /run/netns and make it a shared mount, once (as ip netns add). */
static int run_dir_ready(struct nlkernel *k, struct nerr *err)
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

int sysctl_put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(val);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, len);
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)len ? 0 : -1;
}

/* Inside a fresh namespace: bring lo up, skip IPv6 DAD (NS_NO_DAD), keep
 * IPv6 addresses on links set down and, for a router, turn forwarding on. */
static int ns_setup(struct nlkernel *k, struct nl_sock *sk, const char *name,
		    enum node_kind kind, struct nerr *err)
{
	static const char *const fwd[] = {
		"/proc/sys/net/ipv4/conf/all/forwarding",
		"/proc/sys/net/ipv6/conf/all/forwarding",
	};
	static const char dad[] = "/proc/sys/net/ipv6/conf/default/accept_dad";
	static const char keep[] = "/proc/sys/net/ipv6/conf/default/keep_addr_on_down";
	struct nl_msg *msg = link_msg(RTM_NEWLINK, 0, 1, IFF_UP, IFF_UP, NULL);

	/* lo carries the lab's tag: what proves the namespace is the lab's
	 * when a netsh died before it could record it (own.c). */
	if (!msg || (k->tag && nla_put_string(msg, IFLA_IFALIAS, k->tag) < 0)) {
		nlmsg_free(msg);
		return nerr_set(err, -1, "%s: %s", name, nl_geterror(-NLE_NOMEM));
	}
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

/* Inside a fresh namespace: open its socket, learn its identity, set it
 * up and only then pin it on its file: a namespace that shows under
 * /run/netns is whole and tagged. */
static int ns_pin(struct nlkernel *k, const char *name, const char *path,
		  enum node_kind kind, int *nsfd, struct nl_sock **sk,
		  struct nsid *id, struct nerr *err)
{
	struct stat st;
	int ret;

	*nsfd = open(THREAD_NS, O_RDONLY | O_CLOEXEC);
	if (*nsfd < 0 || fstat(*nsfd, &st) < 0)
		return nerr_set(err, -1, "%s: opening %s: %s", name, THREAD_NS, strerror(errno));
	ret = sock_new(sk);
	if (ret < 0)
		return nerr_set(err, -1, "%s: opening a netlink socket: %s", name,
				nl_geterror(ret));
	if (sock_cookie(*sk, &id->cookie) < 0)
		return nerr_set(err, -1, "%s: reading the namespace cookie: %s", name,
				strerror(errno));
	id->ino = (unsigned long long)st.st_ino;
	id->dev = (unsigned long long)st.st_dev;
	if (ns_setup(k, *sk, name, kind, err) < 0)
		return -1;
	if (mount(THREAD_NS, path, "none", MS_BIND, NULL) < 0)
		return nerr_set(err, -1, "%s: bind-mounting the namespace on %s: %s",
				name, path, strerror(errno));
	return 0;
}

int ns_add(struct nlkernel *k, struct op *op, struct nerr *err)
{
	const char *name = op->node;
	char path[PATH_MAX];
	struct nl_sock *sk = NULL;
	struct nerr home;
	int fd, nsfd = -1;

	if (check_name(name, err) < 0 || run_dir_ready(k, err) < 0)
		return -1;
	ns_path(name, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0 && errno == EEXIST) {
		char other[NODE_NAME_MAX + 1];

		own_whose(k, name, other, sizeof(other));
		if (other[0])
			return nerr_setc(err, NERR_EXISTS, -1,
					 "%s: %s already exists, made by netsh lab '%s' (the labs of "
					 "root share /run/netns); pick another name, or use "
					 "netsh --private for a lab with names of its own",
					 name, path, other);
		return nerr_setc(err, NERR_EXISTS, -1,
				 "%s: %s already exists (not made by netsh); pick another name",
				 name, path);
	}
	if (fd < 0)
		return nerr_set(err, -1, "%s: creating %s: %s", name, path, strerror(errno));
	close(fd);
	crash_point();
	if (unshare(CLONE_NEWNET) < 0) {
		nerr_set(err, -1, "%s: creating a network namespace: %s", name, strerror(errno));
		unlink(path);
		return -1;
	}
	if (ns_pin(k, name, path, op->node_kind, &nsfd, &sk, &op->id, err) < 0) {
		if (back_home(k, name, &home) < 0)
			nerr_append(err, "; %s", home.msg);
		goto fail;
	}
	if (back_home(k, name, err) < 0)
		goto fail;
	handle_drop(k, name);		/* a stale one, if the name was reused */
	handle_add(k, name, &op->id, nsfd, sk);
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

int ns_del(struct nlkernel *k, struct op *op, struct nerr *err)
{
	const char *name = op->node;
	char path[PATH_MAX];

	ns_path(name, path, sizeof(path));
	if (!handle_get(k, name, &op->id, err)) {
		if (err->code != NERR_GONE)
			return -1;
		/* Deleted outside netsh (or half deleted by a netsh that died:
		 * unmounted, its empty file left): done already. */
		unlink_empty(path);
		op->absent = true;
		return 0;
	}
	handle_drop(k, name);
	k->gen++;		/* its veths' peers elsewhere go too */
	if (umount2(path, MNT_DETACH) < 0)
		return nerr_set(err, -1, "%s: unmounting %s: %s", name, path, strerror(errno));
	crash_point();
	if (unlink(path) < 0)
		return nerr_set(err, -1, "%s: removing %s: %s", name, path, strerror(errno));
	return 0;
}

/* As `ip netns exec`: each file of /etc/netns/NODE is bind-mounted over
 * the file of that name in /etc (a resolv.conf of the node's own, which a
 * DHCP client run in the node then rewrites instead of the host's). */
static void bind_etc(const char *node)
{
	char dir[PATH_MAX], from[PATH_MAX + NAME_MAX + 2], to[NAME_MAX + 8];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "/etc/netns/%s", node);
	d = opendir(dir);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(from, sizeof(from), "%s/%s", dir, e->d_name);
		snprintf(to, sizeof(to), "/etc/%s", e->d_name);
		if (mount(from, to, "none", MS_BIND, NULL) < 0)
			fprintf(stderr, "netsh: %s: bind %s over %s: %s\n", node, from, to,
				strerror(errno));
	}
	closedir(d);
}

/* A private mount namespace with a /sys of the current network namespace
 * and the node's files of /etc/netns. Failures only make /sys less
 * accurate. */
static void private_mounts(const char *node)
{
	if (unshare(CLONE_NEWNS) < 0)
		return;
	if (mount("none", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return;
	if (umount2("/sys", MNT_DETACH) == 0)
		mount("sysfs", "/sys", "sysfs", 0, NULL);
	bind_etc(node);
}

int ns_socket(struct kernel *kk, const char *node, const struct nsid *id, int domain,
	      int type, int protocol, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;
	int fd, e;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	if (!h || enter(h, err) < 0)
		return -1;
	fd = socket(domain, type | SOCK_CLOEXEC, protocol);
	e = errno;
	if (back_home(k, node, err) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (fd < 0)
		return nerr_set(err, -1, "%s: a socket in its namespace: %s", node, strerror(e));
	return fd;
}

int ns_enter(struct kernel *kk, const char *node, const struct nsid *id, bool own_sys,
	     struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	if (!h || enter(h, err) < 0)
		return -1;
	if (own_sys)
		private_mounts(node);
	return 0;
}
