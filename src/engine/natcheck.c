/* SPDX-License-Identifier: GPL-2.0-or-later */
/* natcheck.c: RFC 5780's NAT behaviour discovery, with netsh as both the
 * client (UDP sockets in the node) and the server (sockets on the node
 * beyond the outermost NAT, at two documentation addresses netsh adds
 * there for the test, each listening on two ports):
 *   mapping    one client socket to A1:P1, A2:P1 and A2:P2: the same
 *              outside address and port for all (endpoint-independent),
 *              per address, or per address and port
 *   filtering  after a client socket's exchange with A1:P1, A2:P2 and
 *              then A1:P2 send to its mapping: which one gets through
 *   hairpin    a second client socket sends to the first one's mapping
 *   lifetime   one mapping per waiting time; after t seconds of silence
 *              A1:P1 sends to it: alive or gone
 * Each server answers a datagram with nothing but the address it came
 * from, as STUN does, so every mapping has seen traffic both ways. */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/plan.h"
#include "engine/natcheck.h"
#include "engine/session.h"
#include "kernel/kernel.h"

#define PORT1 3478		/* the server's ports: STUN's, and the next */
#define PORT2 3479
#define WAIT_MS 300		/* for a datagram in a lab: ample */
#define TRIES 3			/* for an exchange that must work */

/* The waits of the lifetime test, in seconds: up to 10 minutes. */
static const int life_waits[] = { 1, 2, 3, 5, 10, 20, 30, 45, 60, 90, 120, 150, 180, 240,
				  300, 450, 600 };
#define NLIFE (sizeof(life_waits) / sizeof(life_waits[0]))

/* n's IPv4 default gateway, or NULL. */
static const struct inet *default_gw(const struct node *n)
{
	for (size_t i = 0; i < n->nroutes; i++)
		if (n->routes[i].dst.plen == 0 && n->routes[i].gw.family == AF_INET)
			return &n->routes[i].gw;
	return NULL;
}

/* The node that holds gw on one of at's links: the node at the other end
 * of the cable whose subnet holds gw, or, on a switch, the switch or a node
 * cabled to it. Not any node of the lab with that address: two LANs may
 * use the same subnet. */
static const struct node *gw_owner(const struct model *m, const struct node *at,
				   const struct inet *gw, const char **ifname)
{
	const char *dev;
	const struct iface *f, *h;
	const struct node *p;

	if (!node_on_link(at, gw, &dev) || !(f = node_iface(at, dev)) || !f->peer ||
	    !(p = model_node(m, f->peer)))
		return NULL;
	if ((h = node_addr_holder(p, gw))) {
		*ifname = h->name;
		return p;
	}
	for (size_t k = 0; p->kind == KIND_SWITCH && k < p->nifaces; k++) {
		const struct iface *port = p->ifaces[k];
		const struct node *q = port->peer ? model_node(m, port->peer) : NULL;
		if (q && q != at && (h = node_addr_holder(q, gw))) {
			*ifname = h->name;
			return q;
		}
	}
	return NULL;
}

/* Follow IPv4 default gateways from n: the NATs crossed, and the node
 * beyond the outermost with the interface that holds its gateway address.
 * The walk stops at a node seen before (a default route back). */
static int walk(const struct model *m, const struct node *n, struct natcheck *c,
		const struct node **far, const char **farif, struct nerr *err)
{
	const struct node *at = n, *seen[NATCHECK_HOPS + 1];
	size_t nseen = 0;

	*far = NULL;
	if (!default_gw(n))
		return nerr_set(err, 1, "'%s' has no IPv4 default route via a gateway, so no NAT to check", n->name);
	for (int hop = 0; hop < NATCHECK_HOPS && at; hop++) {
		const struct inet *gw = default_gw(at);
		const char *hif = NULL;
		const struct node *next = gw ? gw_owner(m, at, gw, &hif) : NULL;
		bool looped = false;
		seen[nseen++] = at;
		for (size_t k = 0; next && k < nseen; k++)
			looped |= seen[k] == next;
		if (at != n && at->nat.on) {
			if (!next || next == n)
				return nerr_set(err, 1, "'%s', a NAT on the way, has no IPv4 default route via a node of the lab beyond it, "
						"so netsh has nowhere to place the probes", at->name);
			snprintf(c->nats[c->nnats], sizeof(c->nats[0]), "%s", at->name);
			c->types[c->nnats++] = at->nat.type;
			*far = next;
			*farif = hif;
		}
		at = looped ? NULL : next;
	}
	if (!c->nnats)
		return nerr_set(err, 1, "'%s': its IPv4 default route crosses no NAT of netsh's (nat ROUTER makes one)",
				n->name);
	return 0;
}

/* Two documentation addresses (RFC 5737) that no interface or route of the
 * lab covers, for the probe endpoints. */
static int pick_probes(const struct model *m, struct inet probe[2], struct nerr *err)
{
	static const unsigned char nets[][3] = { { 198, 51, 100 }, { 203, 0, 113 }, { 192, 0, 2 } };
	int found = 0;

	for (size_t k = 0; k < sizeof(nets) / sizeof(nets[0]) && found < 2; k++)
		for (int h = 1; h < 255 && found < 2; h++) {
			struct inet a = { .family = AF_INET, .plen = 32,
					  .a = { nets[k][0], nets[k][1], nets[k][2], (unsigned char)h } };
			bool covered = false;
			for (size_t i = 0; i < m->nnodes && !covered; i++) {
				const struct node *n = m->nodes[i];
				for (size_t f = 0; f < n->nifaces && !covered; f++)
					for (size_t j = 0; j < n->ifaces[f]->naddrs && !covered; j++)
						covered = inet_in_prefix(&a, &n->ifaces[f]->addrs[j]);
				for (size_t r = 0; r < n->nroutes && !covered; r++)
					covered = n->routes[r].dst.plen > 0 &&
						  inet_in_prefix(&a, &n->routes[r].dst);
			}
			if (!covered)
				probe[found++] = a;
		}
	return found == 2 ? 0 : nerr_set(err, 1, "every documentation address is in use in the lab; "
					"natcheck needs two for its probes");
}

/* Add (or remove) the probe addresses on the far node, as a journaled
 * change of the lab made quietly: a netsh that dies in the middle leaves
 * them in the record, where show lists them and destroy removes them. */
static int place(struct session *s, const struct natcheck *c, const char *ifname, bool add,
		 struct nerr *err)
{
	struct plan p;
	bool quiet = s->quiet;
	int rc;

	if (session_lock(s, err) < 0)
		return -1;
	plan_init(&p);
	for (int i = 0; i < 2; i++) {
		const struct node *far = model_node(s->model, c->far);
		const struct iface *f = far ? node_iface(far, ifname) : NULL;
		if (!add && (!f || !node_addr_holder(far, &c->probe[i])))
			continue;	/* gone already (destroy, del) */
		struct op *op = plan_add(&p, add ? OP_ADDR_ADD : OP_ADDR_DEL, c->far);
		snprintf(op->ifname, IFNAMSIZ, "%s", ifname);
		op->addr = c->probe[i];
	}
	s->quiet = true;
	rc = p.nops ? session_commit(s, &p, err) : 0;
	s->quiet = quiet;
	plan_free(&p);
	session_unlock(s);
	return rc;
}

/* A UDP socket in node `name` bound to addr (NULL: any) and port (0: any). */
static int udp_socket(struct session *s, const char *name, const struct inet *addr, int port,
		      struct nerr *err)
{
	const struct node *n = model_node(s->model, name);
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	char a[INET_STRLEN];
	int fd;

	if (!n)
		return nerr_set(err, 1, "'%s' is gone from the lab", name);
	fd = kernel_socket(s->kernel, n->name, &n->id, AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0, err);
	if (fd < 0)
		return -1;
	if (addr)
		memcpy(&sin.sin_addr, addr->a, 4);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		nerr_set(err, 1, "cannot bind a UDP socket to %s:%d in %s: %s",
			 addr ? inet_addr_fmt(addr, a, sizeof(a)) : "*", port, name, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Wait up to ms for a datagram on fd; its source into *from. */
static bool receive(int fd, int ms, struct sockaddr_in *from)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	socklen_t len = sizeof(*from);
	char buf[64];

	while (poll(&p, 1, ms) > 0)
		if (recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)from, &len) >= 0)
			return true;
	return false;
}

/* Empty fd of what arrived (copies of earlier answers). */
static void drain(int fd)
{
	char buf[64];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		;
}

static struct sockaddr_in sockaddr(const struct inet *a, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	memcpy(&sin.sin_addr, a->a, 4);
	return sin;
}

/* Client socket cfd to server socket sfd at to: the server sees the
 * mapping (*seen) and answers it; the answer must come back. */
static bool exchange(int cfd, int sfd, const struct sockaddr_in *to, struct sockaddr_in *seen)
{
	struct sockaddr_in back;

	for (int t = 0; t < TRIES; t++) {
		sendto(cfd, "natcheck", 8, 0, (const struct sockaddr *)to, sizeof(*to));
		if (!receive(sfd, WAIT_MS, seen))
			continue;
		sendto(sfd, "seen", 4, 0, (const struct sockaddr *)seen, sizeof(*seen));
		if (receive(cfd, WAIT_MS, &back)) {
			drain(cfd);
			drain(sfd);
			return true;
		}
	}
	return false;
}

/* Does a datagram from socket from to `to` reach socket cfd? Two copies. */
static bool reaches(int from, const struct sockaddr_in *to, int cfd)
{
	struct sockaddr_in src;

	for (int i = 0; i < 2; i++)
		sendto(from, "unasked", 7, 0, (const struct sockaddr *)to, sizeof(*to));
	bool got = receive(cfd, WAIT_MS, &src);
	drain(cfd);
	return got;
}

static int port_of(const struct sockaddr_in *sin)
{
	return ntohs(sin->sin_port);
}

static bool same(const struct sockaddr_in *x, const struct sockaddr_in *y)
{
	return x->sin_addr.s_addr == y->sin_addr.s_addr && x->sin_port == y->sin_port;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The sockets of one measurement. */
struct run {
	int srv[2][2];			/* [address][port] */
	int cli[4 + NLIFE];		/* mapping, filtering, hairpin x2, lifetime */
	struct sockaddr_in to[2][2];	/* the servers' addresses */
};

#define NO_ANSWER "no answer from the probe on %s through the NAT: is the path from %s to %s broken?"

/* Everything but the lifetime. */
static int measure(const struct run *r, struct natcheck *c, const char *name, struct nerr *err)
{
	struct sockaddr_in m11, m21, m22, seen;
	struct sockaddr_in local;
	socklen_t len = sizeof(local);

	if (!exchange(r->cli[0], r->srv[0][0], &r->to[0][0], &m11) ||
	    !exchange(r->cli[0], r->srv[1][0], &r->to[1][0], &m21) ||
	    !exchange(r->cli[0], r->srv[1][1], &r->to[1][1], &m22))
		return nerr_set(err, 1, NO_ANSWER, c->far, name, c->far);
	getsockname(r->cli[0], (struct sockaddr *)&local, &len);
	c->lport = port_of(&local);
	c->mport = port_of(&m11);
	c->mapped = (struct inet){ .family = AF_INET, .plen = 32 };
	memcpy(c->mapped.a, &m11.sin_addr, 4);
	c->preserved = c->lport == c->mport;
	c->mapping = same(&m11, &m21) ? NAT_EI : same(&m21, &m22) ? NAT_AD : NAT_APD;

	if (!exchange(r->cli[1], r->srv[0][0], &r->to[0][0], &seen))
		return nerr_set(err, 1, NO_ANSWER, c->far, name, c->far);
	c->filtering = reaches(r->srv[1][1], &seen, r->cli[1]) ? NAT_EI :
		       reaches(r->srv[0][1], &seen, r->cli[1]) ? NAT_AD : NAT_APD;

	if (!exchange(r->cli[2], r->srv[0][0], &r->to[0][0], &seen))
		return nerr_set(err, 1, NO_ANSWER, c->far, name, c->far);
	c->hairpin = reaches(r->cli[3], &seen, r->cli[2]);
	return 0;
}

/* How long an idle mapping lasts: one mapping per wait, each asked once. */
static int lifetime(const struct run *r, struct natcheck *c, const char *name,
		    volatile sig_atomic_t *stop, struct nerr *err)
{
	struct sockaddr_in maps[NLIFE];
	double t0 = now_s();

	for (size_t i = 0; i < NLIFE; i++)
		if (!exchange(r->cli[4 + i], r->srv[0][0], &r->to[0][0], &maps[i]))
			return nerr_set(err, 1, NO_ANSWER, c->far, name, c->far);
	c->life_min = 0;
	for (size_t i = 0; i < NLIFE; i++) {
		while (now_s() < t0 + life_waits[i]) {
			if (stop && *stop)
				return nerr_set(err, 1, "interrupted: mappings lasted at least %d s", c->life_min);
			poll(NULL, 0, 100);
		}
		if (!reaches(r->srv[0][0], &maps[i], r->cli[4 + i])) {
			c->life_max = life_waits[i];
			return 0;
		}
		c->life_min = life_waits[i];
	}
	return 0;	/* longer than every wait: life_max stays -1 */
}

/* The sockets, the measurement, the sockets closed. */
static int with_sockets(struct session *s, const char *name, bool life, volatile sig_atomic_t *stop,
			struct natcheck *c, struct nerr *err)
{
	struct run r;
	size_t ncli = 4 + (life ? NLIFE : 0);
	int rc = 0;

	memset(&r, -1, sizeof(r));
	for (int a = 0; a < 2 && rc == 0; a++)
		for (int p = 0; p < 2 && rc == 0; p++) {
			r.to[a][p] = sockaddr(&c->probe[a], p ? PORT2 : PORT1);
			r.srv[a][p] = udp_socket(s, c->far, &c->probe[a], p ? PORT2 : PORT1, err);
			rc = r.srv[a][p] < 0 ? -1 : 0;
		}
	for (size_t i = 0; i < ncli && rc == 0; i++) {
		r.cli[i] = udp_socket(s, name, NULL, 0, err);
		rc = r.cli[i] < 0 ? -1 : 0;
	}
	if (rc == 0)
		rc = measure(&r, c, name, err);
	if (rc == 0 && life)
		rc = lifetime(&r, c, name, stop, err);
	for (int a = 0; a < 2; a++)
		for (int p = 0; p < 2; p++)
			if (r.srv[a][p] >= 0)
				close(r.srv[a][p]);
	for (size_t i = 0; i < ncli; i++)
		if (r.cli[i] >= 0)
			close(r.cli[i]);
	return rc;
}

int session_natcheck(struct session *s, const char *name, bool life, volatile sig_atomic_t *stop,
		     struct natcheck *c, struct nerr *err)
{
	const struct node *n, *far = NULL;
	const char *farif = NULL;
	char ifname[IFNAMSIZ];
	struct nerr e2;
	int rc;

	memset(c, 0, sizeof(*c));
	c->life_min = c->life_max = -1;
	if (!s->kernel)
		return nerr_set(err, 0, "natcheck measures the kernel's NAT: not in a dry run");
	if (session_lock(s, err) < 0)
		return -1;
	n = model_node(s->model, name);
	rc = n ? walk(s->model, n, c, &far, &farif, err)
	       : nerr_set(err, 1, "'%s': no such node", name);
	if (rc == 0) {
		snprintf(c->far, sizeof(c->far), "%s", far->name);
		snprintf(ifname, sizeof(ifname), "%s", farif);
		rc = pick_probes(s->model, c->probe, err);
	}
	session_unlock(s);
	if (rc < 0)
		return -1;
	if (place(s, c, ifname, true, err) < 0)
		return -1;
	rc = with_sockets(s, name, life, stop, c, err);
	if (place(s, c, ifname, false, rc < 0 ? &e2 : err) < 0 && rc == 0)
		rc = -1;
	return rc;
}
