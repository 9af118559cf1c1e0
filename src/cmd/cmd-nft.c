/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-nft.c: nft NODE 'RULES': raw nftables in a node, for what the words
 * do not cover. The rules are the user's own: run through the node's
 * libnftables context as one atomic batch, not recorded in the lab. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "kernel/kernel.h"
#include "core/nft-text.h"
#include "engine/session.h"
#include "core/strbuf.h"

/* The words after NODE, joined by spaces. */
static char *rules_text(const struct command *c)
{
	struct strbuf b = STRBUF_INIT;

	for (int i = 2; i < c->ntok; i++)
		sb_item(&b, " ", "%s", c->tok[i].text);
	return sb_take(&b);
}

/* After the user's rules: is netsh's own table still there? */
static void check_netsh_table(struct session *s, const struct node *n)
{
	struct nerr err;
	char *out = NULL;

	if (!n->nat.on)
		return;
	if (kernel_nft(s->kernel, n->name, &n->id, "list table " NFT_TABLE, &out, &err) < 0)
		fprintf(s->errout, "netsh: warning: %s: netsh's table %s is gone, and with it the NAT; "
			"del nat %s, then nat %s again, rebuilds it\n", n->name, NFT_TABLE,
			n->name, n->name);
	free(out);
}

/* Under --sandbox: the token that would make nft read a file (its
 * `include`, in any case and anywhere, even quoted), or 0. nft prints the
 * lines of an included file in its errors. */
static int reads_file(const struct command *c)
{
	for (int i = 2; i < c->ntok; i++)
		if (strcasestr(c->tok[i].text, "include"))
			return i;
	return 0;
}

static int run_nft(struct session *s, const struct command *c, struct nerr *err)
{
	struct node *n;
	char *text, *out = NULL;
	int rc;

	if (arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (n->kind == KIND_HOST)
		return nerr_set(err, 1, "netsh leaves the host's own firewall alone; nft works in the lab's nodes");
	if (s->sandbox && reads_file(c))
		return nerr_setc(err, NERR_REFUSED, reads_file(c),
				 "'include' is refused under --sandbox (nft would read a file)");
	text = rules_text(c);
	if (s->explain || !s->kernel)
		fprintf(s->out, "ip netns exec %s nft '%s'\n", n->name, text);
	if (!s->kernel) {
		free(text);
		return 0;
	}
	rc = kernel_nft(s->kernel, n->name, &n->id, text, &out, err);
	free(text);
	if (rc < 0) {
		err->tok = 2;
		return -1;
	}
	fputs(out, s->out);
	free(out);
	check_netsh_table(s, n);
	return 0;
}

const struct cmd_entry cmd_nft_entry = {
	.name = "nft", .group = "Run", .usage = "NODE 'RULES'",
	.summary = "run nftables commands in a node (its own rules, not recorded)",
	.help = "Runs RULES, nft commands as in nft -f (several separated by newlines, or\n"
		"by ';' inside quotes), in NODE's namespace through libnftables, as one\n"
		"atomic batch: when one fails, nft's own error is shown and nothing changes.\n"
		"Output (list ruleset, ...) is shown inline. These are the user's own rules:\n"
		"the lab does not record them. netsh's NAT lives in table inet netsh; leave\n"
		"it to nat, forward and del nat.",
	.example = "nft r1 'list ruleset'\nnft r1 'add table ip filter; add chain ip filter in { type filter hook input priority 0; }'",
	.complete = "n-", .min_args = 2, .max_args = -1, .run = run_nft,
};
