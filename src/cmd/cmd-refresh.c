/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-refresh.c: refresh [NODE...]: bring the lab's record in line with
 * the kernel (engine/refresh.c). */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/xalloc.h"
#include "engine/session.h"

static int run_refresh(struct session *s, const struct command *c, struct nerr *err)
{
	const char **names = NULL;
	struct node *n;
	size_t fixed = 0;
	int rc;

	if (session_lock(s, err) < 0)
		return -1;
	if (c->ntok > 1)
		names = xcalloc((size_t)c->ntok - 1, sizeof(*names));
	for (int i = 1; i < c->ntok; i++) {
		if (arg_node(s->model, c, i, &n, err) < 0) {
			free(names);
			session_unlock(s);
			return -1;
		}
		names[i - 1] = n->name;
	}
	rc = session_refresh(s, names, (size_t)c->ntok - 1, false, &fixed, err);
	session_unlock(s);
	free(names);
	if (rc == 0 && fixed == 0 && !s->quiet)
		fprintf(s->out, "the lab's record matches the kernel\n");
	return rc;
}

const struct cmd_entry cmd_refresh_entry = {
	.name = "refresh", .unrecorded = true, .group = "Lab", .usage = "[NODE...]",
	.summary = "bring the lab's record in line with what the kernel has",
	.help = "Reads each node's namespace (every node without NODE) and records what was\n"
		"changed outside netsh: links set up or down, addresses and routes removed or\n"
		"added (a DHCP lease, a route added with ip), cables and namespaces deleted.\n"
		"Nothing is sent to the kernel. show marks these differences until then;\n"
		"commands that meet one (route to a destination whose route was deleted by\n"
		"hand, say) refresh the nodes they name by themselves.",
	.example = "refresh\nrefresh r1 h2",
	.complete = "n", .min_args = 0, .max_args = -1, .run = run_refresh,
};
