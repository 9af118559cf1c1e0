/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-impair.c: impair A B|A>B [delay T] [jitter T] [loss P%] [rate R]:
 * link conditions on a cable, both ways or one (core/impair.h, the
 * impair_set op); del impair takes them away (cmd-del.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd-impair.h"
#include "cmd/cmd.h"
#include "core/impair.h"
#include "core/xalloc.h"

/* One direction of a cable: the node and interface the traffic leaves by. */
struct leg {
	struct node *node;
	struct iface *f;
};

/* The endpoint A or B written as `text` (part of token i). */
static int endpoint_of(const struct model *m, const struct command *c, int i, const char *text,
		       struct endpoint *ep, struct nerr *err)
{
	struct token t[2] = { { c->tok[0].text, 0, false }, { xstrdup(text), c->tok[i].col, false } };
	struct command one = { t, 2 };
	int rc = arg_endpoint(m, &one, 1, true, ep, err);

	free(t[1].text);
	if (rc < 0)
		err->tok = i;
	return rc;
}

/* The legs named at token i ("A B" or "A>B"); the index after them. */
static int legs_of(const struct model *m, const struct command *c, int i, struct leg legs[2],
		   int *nlegs, struct nerr *err)
{
	const char *arrow = strchr(c->tok[i].text, '>');
	struct endpoint a, b;
	struct iface *fa;
	char *left;
	int next;

	if (arrow) {
		left = xasprintf("%.*s", (int)(arrow - c->tok[i].text), c->tok[i].text);
		next = endpoint_of(m, c, i, left, &a, err) < 0 ||
		       endpoint_of(m, c, i, arrow + 1, &b, err) < 0 ? -1 : i + 1;
		free(left);
	} else if (i + 1 >= c->ntok) {
		return nerr_set(err, c->ntok, "name the cable: A B (both ways) or A>B (what A sends to B)");
	} else {
		next = endpoint_of(m, c, i, c->tok[i].text, &a, err) < 0 ||
		       endpoint_of(m, c, i + 1, c->tok[i + 1].text, &b, err) < 0 ? -1 : i + 2;
	}
	if (next < 0)
		return -1;
	fa = cable_between(&a, &b);
	if (!fa)
		return nerr_set(err, next - 1, "'%s': no cable joins %s and %s", c->tok[next - 1].text,
				a.node->name, b.node->name);
	legs[0] = (struct leg){ a.node, fa };
	legs[1] = (struct leg){ b.node, node_iface(b.node, fa->peer_if) };
	*nlegs = arrow ? 1 : 2;
	return next;
}

int impair_plan(const struct model *m, const struct command *c, int i,
		const struct impair *set, const bool *given, struct plan *p, struct nerr *err)
{
	struct leg legs[2];
	int nlegs, next = legs_of(m, c, i, legs, &nlegs, err);

	if (next < 0)
		return -1;
	for (int l = 0; l < nlegs; l++) {
		struct op *op;
		if (!legs[l].f)
			return nerr_set(err, i, "the far end of the cable is gone from the record; refresh first");
		op = plan_add(p, OP_IMPAIR_SET, legs[l].node->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", legs[l].f->name);
		op->was_impair = legs[l].f->impair;
		op->impair = legs[l].f->impair;
		for (int k = 0; set && k < IMPAIR_WORDS; k++)
			if (given[k])
				impair_set(&op->impair, k, impair_get(set, k));
		if (!set)
			memset(&op->impair, 0, sizeof(op->impair));
		if (!memcmp(&op->impair, &op->was_impair, sizeof(op->impair)))
			p->nops--;	/* nothing would change on this leg */
	}
	if (!set && p->nops == 0)
		return nerr_set(err, i, "'%s': no link conditions there to remove", c->tok[i].text);
	return next;
}

static int plan_impair(const struct model *m, const struct command *c, struct plan *p,
		       struct nerr *err)
{
	struct impair set = { 0 };
	bool given[IMPAIR_WORDS] = { false };
	struct leg legs[2];
	int nlegs, i = legs_of(m, c, 1, legs, &nlegs, err);
	const char *why;

	if (i < 0)
		return -1;
	if (i == c->ntok)
		return nerr_set(err, c->ntok, "give a condition: delay T, jitter T, loss P%% or rate R");
	for (; i < c->ntok; i += 2) {
		int k = impair_word(c->tok[i].text);
		unsigned long long v;
		if (k < 0) {
			nerr_set(err, i, "'%s': expected delay, jitter, loss or rate", c->tok[i].text);
			return arg_did_you_mean(c, i, impair_words, err);
		}
		if (given[k])
			return nerr_set(err, i, "'%s' is given twice", c->tok[i].text);
		if (i + 1 == c->ntok)
			return nerr_set(err, c->ntok, "%s needs a value after it", c->tok[i].text);
		if (impair_parse(k, c->tok[i + 1].text, &v, &why) < 0)
			return nerr_set(err, i + 1, "'%s': %s", c->tok[i + 1].text, why);
		impair_set(&set, k, v);
		given[k] = true;
	}
	return impair_plan(m, c, 1, &set, given, p, err) < 0 ? -1 : 0;
}

const struct cmd_entry cmd_impair_entry = {
	.name = "impair", .group = "Build",
	.usage = "A B|A>B [delay T] [jitter T] [loss P%] [rate R]",
	.summary = "delay, lose or rate-limit what a cable carries",
	.help = "Puts link conditions on the cable between A and B, both ways, or with A>B\n"
		"on what A sends to B only. Each is a queueing discipline on what leaves an\n"
		"end: rate alone is a token bucket (tbf), delay, jitter and loss are netem's.\n"
		"Run it again to change them (the words given replace those there; 0 takes\n"
		"one away); del impair A B removes them all. show lists them, explain prints\n"
		"the tc commands. Values: delay 40ms, jitter 5ms (a delay of 40ms +- 5ms),\n"
		"loss 1%, rate 10mbit (kbit, mbit, gbit). A kernel without netem refuses\n"
		"delay, jitter and loss with a message; netsh never fakes them.",
	.example = "impair h1 r1 rate 10mbit\nimpair h1>r1 delay 40ms jitter 5ms loss 1%\n"
		   "del impair h1 r1",
	.complete = "ee-", .keywords = impair_words, .min_args = 2, .max_args = -1,
	.plan = plan_impair,
};
