/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-source.c: source FILE.lab [key=value...]: run a Lua lab in this
 * session, through the runner the front end gave it (lua/run.h). */
#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/xalloc.h"
#include "engine/session.h"

static int run_source(struct session *s, const struct command *c, struct nerr *err)
{
	const char *path = c->tok[1].text;
	char **args;
	struct nerr why;
	int rc;

	if (!s->run_lab)
		return nerr_setc(err, NERR_UNSUPPORTED, 0, "this program runs no Lua labs");
	args = xcalloc((size_t)c->ntok, sizeof(*args));
	for (int i = 2; i < c->ntok; i++)
		args[i - 2] = c->tok[i].text;
	rc = s->run_lab(s, path, c->ntok - 2, args, &why);
	free(args);
	if (rc == 0)
		return 0;
	return nerr_set(err, why.tok < 0 ? 1 : -1, "%s", why.msg);
}

const struct cmd_entry cmd_source_entry = {
	.name = "source", .group = "Lab", .usage = "FILE.lab [KEY=VALUE...]",
	.summary = "run a Lua lab script in this lab",
	.help = "Runs FILE.lab, a Lua 5.4 script in which every netsh command is a function\n"
		"of the same name (node \"ns1\", cable(\"ns1\", \"ns2\", \"10.0.0.1/24\")) and\n"
		"expect.reach(a, b) and friends check the result, printing TAP lines.\n"
		"KEY=VALUE arguments reach the script as params.KEY (numbers converted), so\n"
		"one file can build labs of any size. Ctrl-C stops the script. A file not\n"
		"found is looked for among the installed labs. See doc/lua.md.",
	.example = "source labs/chain.lab n=10\nsource seed004-switch.lab",
	.sandbox_refuses = "a lab cannot run other files under --sandbox",
	.complete = "f-", .min_args = 1, .max_args = -1, .run = run_source,
};
