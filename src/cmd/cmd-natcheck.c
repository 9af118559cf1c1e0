/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-natcheck.c: natcheck NODE [lifetime]: what NAT behaviour NODE
 * really sees on its way out (engine/natcheck.c), in RFC 4787 words. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "engine/natcheck.h"
#include "engine/session.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* The classic (RFC 3489) name of what was measured. */
static const char *classic(const struct natcheck *c)
{
	if (c->mapping != NAT_EI)
		return "symmetric";
	return c->filtering == NAT_EI ? "full cone" : c->filtering == NAT_AD ? "restricted cone"
										: "port-restricted cone";
}

/* Where the measurement and the one NAT's settings differ, or "". */
static void compare(FILE *out, const struct natcheck *c)
{
	int t = c->types[0];
	bool same = NAT_MAPPING(t) == c->mapping && NAT_FILTERING(t) == c->filtering &&
		    !(t & NAT_HAIRPIN) == !c->hairpin;

	if (c->nnats != 1)
		fprintf(out, "  (through %zu NATs: what the chain does as a whole)\n", c->nnats);
	else if (same)
		fprintf(out, "  as %s's type %s says\n", c->nats[0], nat_type_name(t));
	else
		fprintf(out, "  unlike %s's type %s (mapping %s, filtering %s, hairpin %s): "
			"something else in the lab changes the traffic\n", c->nats[0], nat_type_name(t),
			nat_dep_short(NAT_MAPPING(t)), nat_dep_short(NAT_FILTERING(t)),
			t & NAT_HAIRPIN ? "on" : "off");
}

static void report(FILE *out, const char *name, const struct natcheck *c)
{
	char a[INET_STRLEN], p0[INET_STRLEN], p1[INET_STRLEN];

	fprintf(out, "natcheck %s: through ", name);
	for (size_t i = 0; i < c->nnats; i++)
		fprintf(out, "%s%s (%s)", i ? ", " : "", c->nats[i], nat_type_name(c->types[i]));
	fprintf(out, " to probes at %s and %s, ports 3478 and 3479, on %s\n",
		inet_addr_fmt(&c->probe[0], p0, sizeof(p0)), inet_addr_fmt(&c->probe[1], p1, sizeof(p1)),
		c->far);
	fprintf(out, "  mapped address     %s:%d (inside port %d)\n",
		inet_addr_fmt(&c->mapped, a, sizeof(a)), c->mport, c->lport);
	fprintf(out, "  mapping            %s\n", nat_dep_name(c->mapping));
	fprintf(out, "  filtering          %s\n", nat_dep_name(c->filtering));
	fprintf(out, "  hairpinning        %s\n", c->hairpin ? "yes" : "no");
	fprintf(out, "  port preservation  %s\n", c->preserved ? "yes" : "no");
	if (c->life_min < 0)
		fprintf(out, "  mapping lifetime   not measured (natcheck %s lifetime: up to 10 minutes)\n", name);
	else if (c->life_max < 0)
		fprintf(out, "  mapping lifetime   more than %d s\n", c->life_min);
	else
		fprintf(out, "  mapping lifetime   at least %d s, less than %d s\n", c->life_min, c->life_max);
	fprintf(out, "  RFC 3489 name      %s\n", classic(c));
	compare(out, c);
}

static int run_natcheck(struct session *s, const struct command *c, struct nerr *err)
{
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	struct natcheck nc;
	struct node *n;
	bool life = c->ntok == 3;
	int rc;

	if (arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (life && strcmp(c->tok[2].text, "lifetime") != 0) {
		nerr_set(err, 2, "'%s': expected lifetime (or nothing)", c->tok[2].text);
		return arg_did_you_mean(c, 2, (const char *const[]){ "lifetime", NULL }, err);
	}
	if (n->kind == KIND_SWITCH)
		return nerr_set(err, 1, "'%s' is a switch: it sends no traffic of its own", n->name);
	if (!s->kernel) {
		fprintf(s->out, "# dry run: natcheck measures the kernel's NAT; not run\n");
		return 0;
	}
	if (life && !s->quiet) {
		fprintf(s->out, "natcheck %s: measuring how long a mapping lasts too, up to 10 minutes; Ctrl-C stops\n",
			n->name);
		fflush(s->out);
	}
	interrupted = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old);
	rc = session_natcheck(s, c->tok[1].text, life, &interrupted, &nc, err);
	sigaction(SIGINT, &old, NULL);
	if (rc == 0)
		report(s->out, c->tok[1].text, &nc);
	return rc;
}

static const char *const natcheck_keywords[] = { "lifetime", NULL };

const struct cmd_entry cmd_natcheck_entry = {
	.name = "natcheck", .group = "Inspect", .usage = "NODE [lifetime]",
	.summary = "measure the NAT behaviour a node sees (RFC 5780)",
	.help = "Measures what the NAT(s) on NODE's IPv4 default route do, as an RFC 5780\n"
		"client would: netsh adds two documentation addresses (198.51.100.x) to the\n"
		"node beyond the outermost NAT, listens there on ports 3478 and 3479, and\n"
		"sends UDP from NODE. It prints the mapping (endpoint-independent, address-\n"
		"dependent, address-and-port-dependent), the filtering (the same words),\n"
		"hairpinning, port preservation, and with lifetime how long an idle mapping\n"
		"lasts (up to 10 minutes of waiting). The addresses go away after; the\n"
		"mappings it made expire like any other (nat ROUTER flush ends them).\n"
		"It takes about a second; with one NAT it says whether the measurement\n"
		"agrees with the NAT's type.",
	.example = "natcheck h1\nnatcheck h1 lifetime",
	.complete = "nk", .keywords = natcheck_keywords,
	.min_args = 1, .max_args = 2, .run = run_natcheck,
};
