/* SPDX-License-Identifier: GPL-2.0-or-later */
/* refresh.c: the lab's record against the kernel: a node's namespace read
 * back and compared with the record (core/drift.h); bringing the record in
 * line, recording what it can hold of the differences without sending
 * anything to the kernel; a node's addresses as the kernel has them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/rtnetlink.h>

#include "core/drift.h"
#include "core/xalloc.h"
#include "engine/session.h"
#include "kernel/kernel.h"

/* The differences of node n from its namespace as read back (st), or,
 * when it could not be read (st NULL), from its being gone or another's;
 * (size_t)-1 when the read failed otherwise (err says why). */
static size_t drift_read_back(const struct node *n, const struct ns_state *st,
			      const struct nerr *err, struct drift **out)
{
	if (!st && err->code != NERR_GONE && err->code != NERR_NOT_OURS)
		return (size_t)-1;
	return drift_of(n, st, out);
}

/* The differences of one node, its namespace read now. */
static size_t node_drift(struct session *s, const struct node *n, struct drift **out,
			 struct nerr *err)
{
	struct ns_state st;
	bool read = kernel_read(s->kernel, n->name, &n->id, READ_LAB, &st, err) == 0;
	size_t count = drift_read_back(n, read ? &st : NULL, err, out);

	if (read)
		ns_state_free(&st);
	return count;
}

/* What session_drift_all gathers, one query at a time. */
struct drift_reading {
	const struct model *m;
	struct lab_drift *ld;
};

/* A node's namespace is read (on one of kernel_read_many's threads):
 * its drift, in its own slot. */
static void drift_read(void *arg, size_t i, const struct ns_state *st, const struct nerr *err)
{
	struct drift_reading *r = arg;
	size_t count = drift_read_back(r->m->nodes[i], st, err, &r->ld->d[i]);

	r->ld->nd[i] = count == (size_t)-1 ? 0 : count;
}

void session_drift_all(struct session *s, struct lab_drift *ld)
{
	struct drift_reading r = { s->model, ld };
	size_t n = s->model->nnodes;
	struct ns_query *q;

	ld->n = n;
	ld->d = xcalloc(n, sizeof(*ld->d));
	ld->nd = xcalloc(n, sizeof(*ld->nd));
	if (!s->kernel)
		return;
	q = xcalloc(n, sizeof(*q));
	for (size_t i = 0; i < n; i++) {
		q[i].node = s->model->nodes[i]->name;
		q[i].id = &s->model->nodes[i]->id;
	}
	kernel_read_many(s->kernel, q, n, READ_LAB, drift_read, &r);
	free(q);
}

void lab_drift_free(struct lab_drift *ld)
{
	for (size_t i = 0; i < ld->n; i++)
		free(ld->d[i]);
	free(ld->d);
	free(ld->nd);
	memset(ld, 0, sizeof(*ld));
}

int session_refresh(struct session *s, const char *const *names, size_t n, bool quiet,
		    size_t *fixed, struct nerr *err)
{
	struct plan p;
	bool was_quiet = s->quiet;
	int rc;

	*fixed = 0;
	if (!s->kernel)
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "refresh reads the kernel (not in a dry run)");
	plan_init(&p);
	p.record_only = true;
	for (size_t i = 0; i < (names ? n : s->model->nnodes); i++) {
		const struct node *node = names ? model_node(s->model, names[i]) : s->model->nodes[i];
		struct drift *d;
		size_t nd;
		if (!node)
			continue;
		nd = node_drift(s, node, &d, err);
		if (nd == (size_t)-1) {
			plan_free(&p);
			return -1;
		}
		for (size_t k = 0; k < nd; k++)
			if (d[k].fixable)
				*plan_add(&p, d[k].fix.kind, d[k].fix.node) = d[k].fix;
		free(d);
	}
	s->quiet = was_quiet || quiet;
	rc = session_commit(s, &p, err);
	s->quiet = was_quiet;
	*fixed = p.nops;
	plan_free(&p);
	return rc;
}

bool session_node_addr(struct session *s, const struct node *n, int family, struct inet *out)
{
	const struct inet *rec = node_first_addr(n, family);
	struct ns_state st;
	struct nerr err;
	bool found;

	if (!s->kernel || kernel_read(s->kernel, n->name, &n->id, READ_LINKS | READ_ADDRS, &st, &err) < 0) {
		if (rec)
			*out = *rec;
		return rec != NULL;
	}
	found = ns_first_addr(&st, rec, family, out);
	ns_state_free(&st);
	return found;
}

/* The first address of interface f of node n, as the kernel has it (IPv4
 * first, never link-local); the record's when the kernel cannot be read. */
static bool iface_addr(struct session *s, const struct node *n, const struct iface *f,
		       struct inet *out)
{
	static const int fams[2] = { AF_INET, AF_INET6 };
	const struct ns_link *l;
	struct ns_state st;
	struct nerr err;
	bool found = false;

	if (!s->kernel || kernel_read(s->kernel, n->name, &n->id, READ_LINKS | READ_ADDRS, &st, &err) < 0) {
		if (f->naddrs)
			*out = f->addrs[0];
		return f->naddrs > 0;
	}
	l = ns_link_by_name(&st, f->name);
	for (int k = 0; l && k < 2 && !found; k++)
		for (size_t i = 0; i < st.naddrs && !found; i++)
			if (st.addrs[i].ifindex == l->ifindex && st.addrs[i].addr.family == fams[k] &&
			    st.addrs[i].scope < RT_SCOPE_LINK) {
				*out = st.addrs[i].addr;
				found = true;
			}
	ns_state_free(&st);
	return found;
}

bool session_word_addr(void *arg, const char *word, struct inet *out)
{
	struct session *s = arg;
	const struct node *n = model_node(s->model, word);
	const char *colon = strchr(word, ':');
	char name[NODE_NAME_MAX + 1];

	if (n)
		return session_node_addr(s, n, 0, out);
	if (!colon || (size_t)(colon - word) > NODE_NAME_MAX)
		return false;	/* NODE:IF: that interface's address */
	snprintf(name, sizeof(name), "%.*s", (int)(colon - word), word);
	n = model_node(s->model, name);
	return n && node_iface(n, colon + 1) && iface_addr(s, n, node_iface(n, colon + 1), out);
}
