/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pingall.c: every node probes every other (engine/probe.h). The kernel's
 * neighbour table is shared by all namespaces and holds 1024 entries
 * (gc_thresh3, settable only from the initial namespace), so an all-pairs
 * run on one segment would lose probes while ARP and ND entries churn.
 * Before probing, each node gets a permanent entry for every node it
 * reaches on-link (permanent entries do not count against that limit),
 * marked as netsh's; they are removed after, and any left by a netsh that
 * died midway are removed before. */
#include <linux/neighbour.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/xalloc.h"
#include "engine/probe.h"
#include "engine/session.h"
#include "kernel/kernel.h"

#define PINGALL_WAIT 1.0	/* seconds a try waits for its replies */
#define PINGALL_TRIES 3

/* What pingall knows of one node: the kernel's view, and its pins. */
struct member {
	const struct node *n;
	struct ns_state st;
	struct inet addr[2];	/* its first IPv4 and IPv6 address */
	bool has[2];
	struct kernel_pin *pins;
	size_t npins;
};

/* A pin of m on link ifname for dst; l: the link whose MAC dst has (NULL:
 * a pin to remove, which needs none). */
static struct kernel_pin *add_pin(struct member *m, const char *ifname, const struct inet *dst,
				  const struct ns_link *l)
{
	struct kernel_pin *p;

	m->pins = xrealloc(m->pins, (m->npins + 1) * sizeof(*m->pins));
	p = &m->pins[m->npins++];
	memset(p, 0, sizeof(*p));
	snprintf(p->ifname, sizeof(p->ifname), "%s", ifname);
	p->dst = *dst;
	p->dst.plen = dst->family == AF_INET ? 32 : 128;
	if (l) {
		memcpy(p->lladdr, l->lladdr, l->lllen);
		p->lllen = l->lllen;
	}
	return p;
}

/* The pins a netsh that died midway left in m: marked as ours, permanent. */
static void stale_pins(struct member *m)
{
	for (size_t i = 0; i < m->st.nneighs; i++) {
		const struct ns_neigh *ne = &m->st.neighs[i];
		char ifname[IFNAMSIZ];
		if (ne->protocol != NETSH_PROTO || !(ne->state & NUD_PERMANENT))
			continue;
		ns_ifname(&m->st, ne->ifindex, ifname, sizeof(ifname));
		add_pin(m, ifname, &ne->dst, NULL)->pinned = true;
	}
}

/* Read each member from the kernel and remove stale pins. */
static int read_members(struct session *s, struct member *m, size_t n, struct nerr *err)
{
	static const int fams[2] = { AF_INET, AF_INET6 };

	for (size_t i = 0; i < n; i++) {
		if (kernel_read(s->kernel, m[i].n->name, &m[i].n->id,
				READ_LINKS | READ_ADDRS | READ_NEIGHS, &m[i].st, err) < 0)
			return -1;
		for (int f = 0; f < 2; f++)
			m[i].has[f] = ns_first_addr(&m[i].st, node_first_addr(m[i].n, fams[f]),
						    fams[f], &m[i].addr[f]);
		stale_pins(&m[i]);
		if (m[i].npins && kernel_pin(s->kernel, m[i].n->name, &m[i].n->id, m[i].pins,
					     m[i].npins, false, err) < 0)
			return -1;
		m[i].npins = 0;
	}
	return 0;
}

/* The probes, and the pins of the on-link ones. */
static struct probe *plan_probes(struct member *m, size_t n, size_t *np)
{
	struct probe *p = NULL;

	*np = 0;
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			for (int f = 0; f < 2 && a != b; f++) {
				const struct ns_addr *via;
				if (!m[a].has[f] || !m[b].has[f])
					continue;
				p = xrealloc(p, (*np + 1) * sizeof(*p));
				p[*np] = (struct probe){ .from = m[a].n, .to_node = m[b].n,
							 .to = m[b].addr[f] };
				(*np)++;
				via = ns_onlink(&m[a].st, &m[b].addr[f]);
				for (size_t k = 0; via && k < m[b].st.naddrs; k++) {
					const struct ns_addr *t = &m[b].st.addrs[k];
					const struct ns_link *tl = ns_link_by_index(&m[b].st, t->ifindex);
					const struct ns_link *vl = ns_link_by_index(&m[a].st, via->ifindex);
					if (!inet_equal(&t->addr, &m[b].addr[f]) || !tl || !vl ||
					    !tl->lllen)
						continue;
					add_pin(&m[a], vl->name, &m[b].addr[f], tl);
					break;
				}
			}
	return p;
}

/* Remove what this pingall pinned; the first failure is kept in err. */
static int unpin(struct session *s, struct member *m, size_t n, struct nerr *err)
{
	struct nerr e;
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		if (m[i].npins && kernel_pin(s->kernel, m[i].n->name, &m[i].n->id, m[i].pins,
					     m[i].npins, false, &e) < 0 && rc == 0) {
			*err = e;
			rc = -1;
		}
	return rc;
}

int session_pingall(struct session *s, const struct node *const *nodes, size_t n,
		    struct probe **out, size_t *np, volatile sig_atomic_t *stop, struct nerr *err)
{
	struct probe_opts o = { .timeout = PINGALL_WAIT, .tries = PINGALL_TRIES };
	struct member *m = xcalloc(n ? n : 1, sizeof(*m));
	struct probe *p = NULL;
	int rc;

	*out = NULL;
	*np = 0;
	if (!s->kernel) {
		free(m);
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "pingall probes the kernel (not in a dry run)");
	}
	for (size_t i = 0; i < n; i++)
		m[i].n = nodes[i];
	rc = read_members(s, m, n, err);
	if (rc == 0)
		p = plan_probes(m, n, np);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (m[i].npins)
			rc = kernel_pin(s->kernel, m[i].n->name, &m[i].n->id, m[i].pins,
					m[i].npins, true, err);
	if (rc == 0)
		rc = session_probe(s, p, *np, &o, stop, err);
	if (unpin(s, m, n, rc == 0 ? err : &(struct nerr){ 0 }) < 0)
		rc = -1;
	for (size_t i = 0; i < n; i++) {
		ns_state_free(&m[i].st);
		free(m[i].pins);
	}
	free(m);
	if (rc < 0) {
		free(p);
		*np = 0;
		return -1;
	}
	*out = p;
	return 0;
}
