/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-destroy.c: destroy: tear the whole lab down. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/model.h"
#include "core/plan.h"
#include "engine/jobs.h"
#include "engine/session.h"
#include "kernel/kernel.h"

/* The ns_del of a node in the plan. */
static struct op *find_ns_del(struct plan *p, const char *node)
{
	for (size_t i = 0; i < p->nops; i++)
		if (p->ops[i].kind == OP_NS_DEL && strcmp(p->ops[i].node, node) == 0)
			return &p->ops[i];
	return NULL;
}

/* Remove what netsh made: its host-side cable ends (each proven by its
 * ifindex and its other end in the lab), then every namespace of the
 * lab's record (proven by its cookie and inode) and every namespace that
 * carries the lab's tag although the record lost it (a netsh that died
 * before it could record it). What fails its proof is reported and left
 * alone; the programs running in the namespaces are stopped first. */
static int plan_destroy(struct session *s, const struct command *c, struct plan *p,
			struct nerr *err)
{
	const struct model *m = s->model;
	const struct node *host = m->nodes[0];
	struct owned_ns *owned = NULL;
	size_t nowned = 0;

	(void)c;
	p->best_effort = true;
	for (size_t i = 0; i < host->nifaces; i++) {
		const struct iface *f = host->ifaces[i];
		const struct node *pn = f->peer ? model_node(m, f->peer) : NULL;
		const struct iface *pf = pn ? node_iface(pn, f->peer_if) : NULL;
		struct op *op = plan_add(p, OP_LINK_DEL, host->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
		op->ifindex = f->ifindex;
		if (pf) {
			snprintf(op->peer, sizeof(op->peer), "%s", pn->name);
			snprintf(op->peer_if, IFNAMSIZ, "%s", pf->name);
			op->peer_ifindex = pf->ifindex;
			op->master = pf->port;
		}
	}
	if (s->kernel && kernel_owned(s->kernel, &owned, &nowned, err) < 0)
		return -1;
	for (size_t i = 1; i < m->nnodes; i++) {
		struct op *op = plan_add(p, OP_NS_DEL, m->nodes[i]->name);
		op->node_kind = m->nodes[i]->kind;
	}
	/* Tagged namespaces: those the record lost, and those it names with
	 * an identity that does not match (a damaged record), are the lab's
	 * by the tag. */
	for (size_t i = 0; i < nowned; i++) {
		const struct node *n = model_node(m, owned[i].name);
		struct op *op;
		if (n && memcmp(&n->id, &owned[i].id, sizeof(n->id)) == 0)
			continue;
		op = n ? find_ns_del(p, n->name) : NULL;
		if (!op)
			op = plan_add(p, OP_NS_DEL, owned[i].name);
		op->id = owned[i].id;
	}
	free(owned);
	return 0;
}

/* After the lab's namespaces are gone: end the jobs still running (those on
 * the host: a node's went with it), each proven by its start time, then
 * forget them all. */
static int run_destroy(struct session *s, const struct command *c, struct nerr *err)
{
	struct job *jobs = NULL;
	const char *how;
	struct nerr e2;
	size_t n = 0;

	(void)c;
	(void)err;
	if (!s->kernel)
		return 0;
	if (jobs_list(s, &jobs, &n, &e2) == 0)
		for (size_t i = 0; i < n; i++)
			if (jobs[i].state == JOB_RUNNING &&
			    job_stop(s, jobs[i].id, &how, &e2) == 0 && strncmp(how, "SIG", 3) == 0)
				fprintf(s->out, "stopped job %d (%s, pid %d) in %s\n", jobs[i].id,
					jobs[i].cmd, (int)jobs[i].pid, jobs[i].node);
	free(jobs);
	jobs_forget(s);
	return 0;
}

const struct cmd_entry cmd_destroy_entry = {
	.name = "destroy", .group = "Lab", .usage = "",
	.summary = "tear the whole lab down",
	.help = "Stops the programs running in the lab's nodes, then deletes every namespace\n"
		"and host-side cable end that netsh created in this lab, each proven by the\n"
		"identity netsh recorded when it made it (namespace cookie and inode, interface\n"
		"index and the cable's other end), or by the lab's tag on namespaces a netsh\n"
		"that was killed could not record. Anything that fails the proof is left alone.\n"
		"The jobs (NODE CMD... &) are stopped with their nodes and forgotten.",
	.example = "destroy",
	.complete = "", .min_args = 0, .max_args = 0, .plan_live = plan_destroy,
	.run = run_destroy,
};
