/* cmd-destroy.c: destroy: tear the whole lab down. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "core/model.h"
#include "core/plan.h"

/* Remove what netsh made: its host-side cable ends (proven by ifindex), then
 * every namespace (proven by its inode). What fails the proof is reported
 * and left alone. */
static int plan_destroy(const struct model *m, const struct command *c,
			struct plan *p, struct nerr *err)
{
	const struct node *host = m->nodes[0];

	(void)c;
	(void)err;
	p->best_effort = true;
	for (size_t i = 0; i < host->nifaces; i++) {
		const struct iface *f = host->ifaces[i];
		struct op *op = plan_add(p, OP_LINK_DEL, host->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
		op->ifindex = f->ifindex;
	}
	for (size_t i = 1; i < m->nnodes; i++) {
		struct op *op = plan_add(p, OP_NS_DEL, m->nodes[i]->name);
		op->node_kind = m->nodes[i]->kind;
	}
	return 0;
}

const struct cmd_entry cmd_destroy_entry = {
	.name = "destroy", .group = "Lab", .usage = "",
	.summary = "tear the whole lab down",
	.help = "Deletes every namespace and host-side cable end that netsh created in this\n"
		"lab, each proven by the identity netsh recorded when it made it (namespace\n"
		"cookie and inode, interface index). Anything that fails the proof is left alone.",
	.example = "destroy",
	.complete = "", .min_args = 0, .max_args = 0, .plan = plan_destroy,
};
