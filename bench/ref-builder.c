/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ref-builder.c: the benchmark's reference builder, "the in-run kernel
 * limit". It makes the benchmark's topologies with bare rtnetlink requests
 * sent through libnl-3's core (no libnl-route, no model, no journal, no
 * checks): named namespaces made as `ip netns add` makes them (a bind mount
 * under /run/netns), one netlink socket per namespace opened inside it once,
 * each veth created with its peer placed directly in the peer's namespace
 * (IFLA_NET_NS_FD) and with one queue a side (see one_queue()), fixed
 * ifindexes so no request has to ask the kernel what it made, addresses
 * and routes. It does what netsh does per namespace (lo up, the same
 * sysctls; a switch's bridge made down and brought up after its ports,
 * which have no IPv6) and nothing else.
 *
 *   ref-builder [-t] chain N    routers r1..rN, cable rK:eth1 - rK+1:eth0
 *                               numbered 10.0.0.0/30 upwards, routes so r1
 *                               and rN reach each other
 *   ref-builder [-t] star N     switch s1 (bridge br0), hosts h1..hN with
 *                               eth0 10.1.0.0/16 + I, port hI on br0
 *   ref-builder destroy         unmount and remove every /run/netns entry
 *
 * The benchmark's helpers (not builders):
 *   ref-builder dump            print the lab's namespaces, links (name, up,
 *                               master), IPv4 addresses and routes, one a
 *                               line, to check that builders made the same
 *   ref-builder watch [PID...]  give every namespace under /run/netns (and
 *                               of each PID) an nsid here, print "ready N",
 *                               then wait until the kernel has torn them all
 *                               down (see watch()) and print "freed T ms".
 *                               Exit 1 after 120 s.
 *
 * -t prints the time of each phase on stderr. Exit 0 on success, 1 on the
 * first failure (with the kernel's error), 2 on usage errors. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#define RUN_DIR "/run/netns"
#define SELF_NS "/proc/thread-self/ns/net"

struct ns {
	char name[16];
	int fd;
	struct nl_sock *sk;
};

static int home_fd = -1;
static bool timing;
static struct timespec t_phase;

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("ref-builder: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void phase(const char *what)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (timing && what)
		fprintf(stderr, "  %-10s %8.1f ms\n", what,
			(t.tv_sec - t_phase.tv_sec) * 1e3 + (t.tv_nsec - t_phase.tv_nsec) / 1e6);
	t_phase = t;
}

/* ------------------------------------------------------------ netlink */

static struct nl_sock *sock_open(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	int ret;

	if (!sk)
		die("out of memory");
	if ((ret = nl_connect(sk, NETLINK_ROUTE)) < 0)
		die("netlink socket: %s", nl_geterror(ret));
	return sk;
}

/* Send a request and wait for its ack; die with the kernel's error. */
static void talk(struct nl_sock *sk, struct nl_msg *msg, const char *what, const char *ns)
{
	int ret = nl_send_auto(sk, msg);

	nlmsg_free(msg);
	if (ret >= 0)
		ret = nl_wait_for_ack(sk);
	if (ret < 0)
		die("%s: %s: %s", ns, what, nl_geterror(ret));
}

static struct nl_msg *msg_new(int type, int flags, void *hdr, size_t len)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, NLM_F_REQUEST | NLM_F_ACK | flags);

	if (!msg || nlmsg_append(msg, hdr, len, NLMSG_ALIGNTO) < 0)
		die("out of memory");
	return msg;
}

/* Set a link up (by ifindex), optionally making it a port of master. */
static void link_up(struct ns *n, int ifindex, int master)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex,
				 .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
	struct nl_msg *msg = msg_new(RTM_NEWLINK, 0, &ifi, sizeof(ifi));

	if (master && nla_put_u32(msg, IFLA_MASTER, (uint32_t)master) < 0)
		die("out of memory");
	talk(n->sk, msg, "set link up", n->name);
}

/* A bridge, down (build_star brings it up), with a fixed ifindex. */
static void bridge_add(struct ns *n, const char *name, int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex,
				 .ifi_change = IFF_UP };
	struct nl_msg *msg = msg_new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
	struct nlattr *info;

	if (nla_put_string(msg, IFLA_IFNAME, name) < 0 ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "bridge") < 0)
		die("out of memory");
	nla_nest_end(msg, info);
	talk(n->sk, msg, "create bridge", n->name);
}

/* One TX and one RX queue on a new veth end. Without them veth makes as
 * many queues as there are CPUs and then cuts the real number down to one
 * (veth_init_queues -> netif_set_real_num_tx_queues), which waits for an
 * expedited RCU grace period, twice per pair: 40% of a chain's veth time. */
static int one_queue(struct nl_msg *msg)
{
	return nla_put_u32(msg, IFLA_NUM_TX_QUEUES, 1) < 0 ||
	       nla_put_u32(msg, IFLA_NUM_RX_QUEUES, 1) < 0 ? -1 : 0;
}

/* A veth pair: `name` (ifindex idx, created up) in a, `pname` (ifindex
 * pidx) made directly in b; then b's end up, a port of pmaster if nonzero. */
static void veth_add(struct ns *a, const char *name, int idx,
		     struct ns *b, const char *pname, int pidx, int pmaster)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = idx,
				 .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
	struct ifinfomsg pifi = { .ifi_family = AF_UNSPEC, .ifi_index = pidx };
	struct nl_msg *msg = msg_new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
	struct nlattr *info, *data, *peer;

	if (nla_put_string(msg, IFLA_IFNAME, name) < 0 || one_queue(msg) < 0 ||
	    !(info = nla_nest_start(msg, IFLA_LINKINFO)) ||
	    nla_put_string(msg, IFLA_INFO_KIND, "veth") < 0 ||
	    !(data = nla_nest_start(msg, IFLA_INFO_DATA)) ||
	    !(peer = nla_nest_start(msg, VETH_INFO_PEER)) ||
	    nlmsg_append(msg, &pifi, sizeof(pifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(msg, IFLA_IFNAME, pname) < 0 || one_queue(msg) < 0 ||
	    nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)b->fd) < 0)
		die("out of memory");
	nla_nest_end(msg, peer);
	nla_nest_end(msg, data);
	nla_nest_end(msg, info);
	talk(a->sk, msg, "create veth", a->name);
	link_up(b, pidx, pmaster);
}

static void addr_add(struct ns *n, int ifindex, uint32_t addr, int plen)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_INET, .ifa_prefixlen = (unsigned char)plen,
				 .ifa_index = (unsigned)ifindex };
	struct nl_msg *msg = msg_new(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof(ifa));
	uint32_t a = htonl(addr);

	if (nla_put(msg, IFA_LOCAL, 4, &a) < 0 || nla_put(msg, IFA_ADDRESS, 4, &a) < 0)
		die("out of memory");
	talk(n->sk, msg, "add address", n->name);
}

static void route_add(struct ns *n, uint32_t dst, int plen, uint32_t gw)
{
	struct rtmsg rtm = { .rtm_family = AF_INET, .rtm_dst_len = (unsigned char)plen,
			     .rtm_table = RT_TABLE_MAIN, .rtm_protocol = RTPROT_BOOT,
			     .rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST };
	struct nl_msg *msg = msg_new(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rtm, sizeof(rtm));
	uint32_t d = htonl(dst), g = htonl(gw);

	if (nla_put(msg, RTA_DST, 4, &d) < 0 || nla_put(msg, RTA_GATEWAY, 4, &g) < 0)
		die("out of memory");
	talk(n->sk, msg, "add route", n->name);
}

/* --------------------------------------------------------- namespaces */

static void sysctl_put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0) {
		if (errno == ENOENT)
			return;
		die("%s: %s", path, strerror(errno));
	}
	if (write(fd, val, strlen(val)) < 0)
		die("%s: %s", path, strerror(errno));
	close(fd);
}

/* /run/netns exists and is a shared mount (as ip netns add makes it). */
static void run_dir(void)
{
	if (mkdir(RUN_DIR, 0755) < 0 && errno != EEXIST)
		die("mkdir %s: %s", RUN_DIR, strerror(errno));
	if (mount("", RUN_DIR, "none", MS_SHARED | MS_REC, NULL) == 0)
		return;
	if (errno != EINVAL ||
	    mount(RUN_DIR, RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0 ||
	    mount("", RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0)
		die("making %s a shared mount: %s", RUN_DIR, strerror(errno));
}

/* A named namespace, set up from inside, with its socket kept. */
static void ns_add(struct ns *n, const char *name, bool router)
{
	char path[PATH_MAX];
	int fd;

	snprintf(n->name, sizeof(n->name), "%s", name);
	snprintf(path, sizeof(path), RUN_DIR "/%s", name);
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	close(fd);
	if (unshare(CLONE_NEWNET) < 0)
		die("unshare: %s", strerror(errno));
	if (mount(SELF_NS, path, "none", MS_BIND, NULL) < 0)
		die("bind mount %s: %s", path, strerror(errno));
	if ((n->fd = open(SELF_NS, O_RDONLY | O_CLOEXEC)) < 0)
		die("%s: %s", SELF_NS, strerror(errno));
	n->sk = sock_open();
	link_up(n, 1, 0);	/* lo */
	sysctl_put("/proc/sys/net/ipv6/conf/default/accept_dad", "0");
	sysctl_put("/proc/sys/net/ipv6/conf/default/keep_addr_on_down", "1");
	if (router) {
		sysctl_put("/proc/sys/net/ipv4/conf/all/forwarding", "1");
		sysctl_put("/proc/sys/net/ipv6/conf/all/forwarding", "1");
	}
	if (setns(home_fd, CLONE_NEWNET) < 0)
		die("setns home: %s", strerror(errno));
}

/* ---------------------------------------------------------- topologies */

/* Link k (1..n-1) joins rk:eth(k>1) and rk+1:eth0 on 10.0.0.0 + 4(k-1) /30. */
static uint32_t link_net(int k)
{
	return (10u << 24) + 4u * (unsigned)(k - 1);
}

static void build_chain(int n)
{
	struct ns *r = calloc((size_t)n + 1, sizeof(*r));
	char name[16];

	if (!r)
		die("out of memory");
	for (int i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "r%d", i);
		ns_add(&r[i], name, true);
	}
	phase("netns");
	for (int k = 1; k < n; k++) {
		int left = k == 1 ? 2 : 3;	/* rk's end: eth0 (k == 1) or eth1 */
		veth_add(&r[k], left == 2 ? "eth0" : "eth1", left, &r[k + 1], "eth0", 2, 0);
	}
	phase("veth");
	for (int k = 1; k < n; k++) {
		addr_add(&r[k], k == 1 ? 2 : 3, link_net(k) + 1, 30);
		addr_add(&r[k + 1], 2, link_net(k) + 2, 30);
	}
	phase("addr");
	/* Towards rn's link on r1..rn-2, towards r1's link on r3..rn. */
	for (int i = 1; i <= n - 2; i++)
		route_add(&r[i], link_net(n - 1), 30, link_net(i) + 2);
	for (int i = 3; i <= n; i++)
		route_add(&r[i], link_net(1), 30, link_net(i - 1) + 1);
	phase("route");
}

static void build_star(int n)
{
	struct ns s, *h = calloc((size_t)n + 1, sizeof(*h));
	char name[16];

	if (!h)
		die("out of memory");
	ns_add(&s, "s1", false);
	for (int i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "h%d", i);
		ns_add(&h[i], name, false);
	}
	phase("netns");
	/* As netsh does: the bridge made down, then no IPv6 on the ports
	 * (layer 2 only), the bridge up once its ports are there. */
	bridge_add(&s, "br0", 2);
	if (setns(s.fd, CLONE_NEWNET) < 0)
		die("setns s1: %s", strerror(errno));
	sysctl_put("/proc/sys/net/ipv6/conf/default/disable_ipv6", "1");
	if (setns(home_fd, CLONE_NEWNET) < 0)
		die("setns home: %s", strerror(errno));
	for (int i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "h%d", i);
		veth_add(&h[i], "eth0", 2, &s, name, i + 2, 2);
	}
	phase("veth");
	for (int i = 1; i <= n; i++)
		addr_add(&h[i], 2, (10u << 24) + (1u << 16) + (unsigned)i, 16);
	phase("addr");
	link_up(&s, 2, 0);
	phase("bridge up");
}

static void destroy(void)
{
	DIR *d = opendir(RUN_DIR);
	struct dirent *e;
	char path[PATH_MAX];

	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), RUN_DIR "/%s", e->d_name);
		if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL)
			die("umount %s: %s", path, strerror(errno));
		if (unlink(path) < 0)
			die("unlink %s: %s", path, strerror(errno));
	}
	closedir(d);
}

/* ------------------------------------------- waiting for the teardown */

/* Ask for an nsid, here, for the namespace behind fd (or of pid); return it.
 * A namespace that has one already keeps it. */
static int nsid_get(struct nl_sock *sk, int fd, int pid)
{
	struct rtgenmsg g = { .rtgen_family = AF_UNSPEC };
	struct nl_msg *msg = msg_new(RTM_NEWNSID, 0, &g, sizeof(g));
	char buf[4096];
	int s = nl_socket_get_fd(sk), ret;
	ssize_t len;

	if ((fd >= 0 ? nla_put_u32(msg, NETNSA_FD, (uint32_t)fd)
		     : nla_put_u32(msg, NETNSA_PID, (uint32_t)pid)) < 0 ||
	    nla_put_s32(msg, NETNSA_NSID, -1) < 0)
		die("out of memory");
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret >= 0)
		ret = nl_wait_for_ack(sk);
	if (ret < 0 && ret != -NLE_EXIST)
		die("setting an nsid: %s", nl_geterror(ret));

	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
		char pad[NLMSG_ALIGN(sizeof(struct rtgenmsg)) - sizeof(struct rtgenmsg)];
		struct nlattr a;
		uint32_t v;
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = RTM_GETNSID,
		       .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 7 },
		.g = { .rtgen_family = AF_UNSPEC },
		.a = { .nla_len = NLA_HDRLEN + 4,
		       .nla_type = fd >= 0 ? NETNSA_FD : NETNSA_PID },
		.v = (uint32_t)(fd >= 0 ? fd : pid),
	};
	if (send(s, &req, sizeof(req), 0) < 0 || (len = recv(s, buf, sizeof(buf), 0)) < 0)
		die("nsid query: %s", strerror(errno));
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	if (!NLMSG_OK(h, (size_t)len) || h->nlmsg_type != RTM_NEWNSID)
		die("nsid query: unexpected answer (type %d)", h->nlmsg_type);
	struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) + NLMSG_ALIGN(sizeof(struct rtgenmsg)));
	int alen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(struct rtgenmsg)));
	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
		if (a->rta_type == NETNSA_NSID && *(int32_t *)RTA_DATA(a) >= 0)
			return *(int32_t *)RTA_DATA(a);
	die("nsid query: no nsid");
	return -1;
}

/* Wait for RTM_DELNSID of each id marked in want[] (cleared as they come). */
static void wait_ids(int lsk, char *want, int nwant, int maxid, double t0, double timeout_ms,
		     const char *what)
{
	static char buf[1 << 16];

	while (nwant > 0) {
		double left = timeout_ms - (now_ms() - t0);
		struct timeval tv = { .tv_sec = (time_t)(left / 1e3),
				      .tv_usec = (suseconds_t)((left - (time_t)(left / 1e3) * 1e3) * 1e3) };
		if (left <= 0)
			die("watch: %d %s not torn down after %.0f ms", nwant, what, timeout_ms);
		setsockopt(lsk, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		ssize_t len = recv(lsk, buf, sizeof(buf), 0);
		if (len < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			die("watch: %s (nsid events lost)", strerror(errno));
		}
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type != RTM_DELNSID)
				continue;
			struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) +
							     NLMSG_ALIGN(sizeof(struct rtgenmsg)));
			int alen = (int)(h->nlmsg_len - NLMSG_LENGTH(sizeof(struct rtgenmsg)));
			for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
				int id = *(int32_t *)RTA_DATA(a);
				if (a->rta_type == NETNSA_NSID && id >= 0 && id <= maxid && want[id]) {
					want[id] = 0;
					nwant--;
				}
			}
		}
	}
}

/* Give every namespace under /run/netns (and of each pid) an nsid here, say
 * "ready N" on stdout, then wait until the kernel has torn all of them down:
 * each one's RTM_DELNSID (sent when cleanup_net starts on it), then those of
 * a sentinel namespace dropped after them (the netns workqueue runs one
 * cleanup at a time, so the earlier ones have finished). */
static void watch(int npids, char **pids, double timeout_ms)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int lsk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int grp = RTNLGRP_NSID, big = 64 << 20, nwant = 0, maxid = 1 << 20, fd, id;
	char *want = calloc((size_t)maxid + 1, 1);
	struct nl_sock *sk = sock_open();
	DIR *d = opendir(RUN_DIR);
	struct dirent *e;
	char path[PATH_MAX];

	if (lsk < 0 || !want || bind(lsk, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    setsockopt(lsk, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp, sizeof(grp)) < 0)
		die("watch: nsid events: %s", strerror(errno));
	if (setsockopt(lsk, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof(big)) < 0)
		setsockopt(lsk, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), RUN_DIR "/%s", e->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			die("%s: %s", path, strerror(errno));
		id = nsid_get(sk, fd, -1);
		close(fd);
		if (id <= maxid && !want[id]) {
			want[id] = 1;
			nwant++;
		}
	}
	if (d)
		closedir(d);
	for (int i = 0; i < npids; i++) {
		id = nsid_get(sk, -1, atoi(pids[i]));
		if (id <= maxid && !want[id]) {
			want[id] = 1;
			nwant++;
		}
	}
	printf("ready %d\n", nwant);
	fflush(stdout);
	double t0 = now_ms();
	wait_ids(lsk, want, nwant, maxid, t0, timeout_ms, "namespaces");

	/* The sentinel. */
	if (unshare(CLONE_NEWNET) < 0 || (fd = open(SELF_NS, O_RDONLY | O_CLOEXEC)) < 0 ||
	    setns(home_fd, CLONE_NEWNET) < 0)
		die("sentinel namespace: %s", strerror(errno));
	id = nsid_get(sk, fd, -1);
	close(fd);
	if (id <= maxid) {
		want[id] = 1;
		wait_ids(lsk, want, 1, maxid, t0, timeout_ms, "sentinel namespace");
	}
	nl_socket_free(sk);
	printf("freed %.1f ms\n", now_ms() - t0);
}

/* ------------------------------------------------------ the state dump */

struct linkname {
	int index;
	char name[IFNAMSIZ];
};

/* Dump one kind of object of the current namespace; call fn on each. */
static void dump(int type, int family, void (*fn)(struct nlmsghdr *, void *), void *arg)
{
	static char buf[1 << 16];
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr h;
		struct rtmsg r;	/* the largest of the headers, zeroed */
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = (unsigned short)type,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		.r = { .rtm_family = (unsigned char)family },
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0 || sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("dump: %s", strerror(errno));
	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			die("dump: %s", strerror(errno));
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) {
				close(fd);
				return;
			}
			fn(h, arg);
		}
	}
}

struct dumpctx {
	const char *ns;
	struct linkname *links;
	int nlinks;
	int pass;		/* 0: learn names, 1: print */
};

static const char *ifname_of(struct dumpctx *c, int index)
{
	for (int i = 0; i < c->nlinks; i++)
		if (c->links[i].index == index)
			return c->links[i].name;
	return "?";
}

static void on_link(struct nlmsghdr *h, void *arg)
{
	struct dumpctx *c = arg;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *a = IFLA_RTA(ifi);
	int alen = (int)IFLA_PAYLOAD(h), master = 0;
	const char *name = "?";

	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
		if (a->rta_type == IFLA_IFNAME)
			name = RTA_DATA(a);
		else if (a->rta_type == IFLA_MASTER)
			master = *(int *)RTA_DATA(a);
	}
	if (c->pass == 0) {
		c->links = realloc(c->links, (size_t)(c->nlinks + 1) * sizeof(*c->links));
		if (!c->links)
			die("out of memory");
		c->links[c->nlinks].index = ifi->ifi_index;
		snprintf(c->links[c->nlinks++].name, IFNAMSIZ, "%s", name);
		return;
	}
	printf("%s link %s %s%s%s\n", c->ns, name, ifi->ifi_flags & IFF_UP ? "up" : "down",
	       master ? " master " : "", master ? ifname_of(c, master) : "");
}

static void on_addr(struct nlmsghdr *h, void *arg)
{
	struct dumpctx *c = arg;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtattr *a = IFA_RTA(ifa);
	int alen = (int)IFA_PAYLOAD(h);
	char s[INET_ADDRSTRLEN];

	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen))
		if (a->rta_type == IFA_LOCAL && ifa->ifa_family == AF_INET &&
		    inet_ntop(AF_INET, RTA_DATA(a), s, sizeof(s)))
			printf("%s addr %s %s/%d\n", c->ns, ifname_of(c, (int)ifa->ifa_index),
			       s, ifa->ifa_prefixlen);
}

static void on_route(struct nlmsghdr *h, void *arg)
{
	struct dumpctx *c = arg;
	struct rtmsg *r = NLMSG_DATA(h);
	struct rtattr *a = RTM_RTA(r);
	int alen = (int)RTM_PAYLOAD(h);
	char d[INET_ADDRSTRLEN] = "0.0.0.0", g[INET_ADDRSTRLEN] = "-";

	if (r->rtm_table != RT_TABLE_MAIN || r->rtm_protocol == RTPROT_KERNEL ||
	    r->rtm_family != AF_INET)
		return;
	for (; RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
		if (a->rta_type == RTA_DST)
			inet_ntop(AF_INET, RTA_DATA(a), d, sizeof(d));
		else if (a->rta_type == RTA_GATEWAY)
			inet_ntop(AF_INET, RTA_DATA(a), g, sizeof(g));
	}
	printf("%s route %s/%d via %s\n", c->ns, d, r->rtm_dst_len, g);
}

/* Print the lab's kernel state (namespaces, links, IPv4 addresses and
 * routes) one fact a line, to compare builders: sort it before comparing. */
static void dump_all(void)
{
	struct dirent **e;
	char path[PATH_MAX];
	int n = scandir(RUN_DIR, &e, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		if (e[i]->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), RUN_DIR "/%s", e[i]->d_name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
			die("%s: %s", path, strerror(errno));
		close(fd);
		struct dumpctx c = { .ns = e[i]->d_name };
		dump(RTM_GETLINK, AF_UNSPEC, on_link, &c);
		c.pass = 1;
		printf("%s netns\n", c.ns);
		dump(RTM_GETLINK, AF_UNSPEC, on_link, &c);
		dump(RTM_GETADDR, AF_INET, on_addr, &c);
		dump(RTM_GETROUTE, AF_INET, on_route, &c);
		free(c.links);
		if (setns(home_fd, CLONE_NEWNET) < 0)
			die("setns home: %s", strerror(errno));
	}
}

/* ------------------------------------------------------------------ main */

static void usage(void)
{
	fputs("usage: ref-builder [-t] chain N | star N | destroy | dump | watch [PID...]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	int n = 0;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		timing = true;
		argv++;
		argc--;
	}
	if (argc < 2)
		usage();
	/* One fd and one socket per namespace: 2000+ at N = 1000. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((home_fd = open(SELF_NS, O_RDONLY | O_CLOEXEC)) < 0)
		die("%s: %s", SELF_NS, strerror(errno));
	if (strcmp(argv[1], "chain") == 0 || strcmp(argv[1], "star") == 0) {
		if (argc != 3 || (n = atoi(argv[2])) < 2 || n > 16000)
			usage();
		phase(NULL);
		run_dir();
		if (argv[1][0] == 'c')
			build_chain(n);
		else
			build_star(n);
	} else if (strcmp(argv[1], "destroy") == 0 && argc == 2) {
		destroy();
	} else if (strcmp(argv[1], "dump") == 0 && argc == 2) {
		dump_all();
	} else if (strcmp(argv[1], "watch") == 0) {
		watch(argc - 2, argv + 2, 120000);
	} else {
		usage();
	}
	return 0;
}
