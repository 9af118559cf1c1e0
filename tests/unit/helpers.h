/* SPDX-License-Identifier: GPL-2.0-or-later */
/* helpers.h: shared bits of the unit tests: a pure session and plans. */
#ifndef NETSH_TEST_HELPERS_H
#define NETSH_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "core/plan.h"
#include "engine/session.h"
#include "core/view.h"
#include "unit.h"

/* A pure session (no kernel, no saved state) writing to a scratch file. */
static inline struct session *pure(void)
{
	struct session *s = session_pure();

	s->out = tmpfile();
	s->errout = tmpfile();
	return s;
}

static inline void pure_close(struct session *s)
{
	fclose(s->out);
	fclose(s->errout);
	session_close(s);
}

/* Run setup lines that must succeed. */
static inline void setup(struct session *s, const char *line)
{
	if (session_run_line(s, line) < 0) {
		fprintf(stderr, "setup failed: %s\n", line);
		exit(99);
	}
}

/* A lab with something of every kind a model holds: nodes of each kind,
 * cables (to a switch and to the host), IPv4 and IPv6 addresses, routes, a
 * link down, a link condition, NAT and a forward. */
static inline void setup_sample_lab(struct session *s)
{
	setup(s, "router r1 r2; node h1; switch sw; cable r1 r2 subnet 10.0.12.0/30");
	setup(s, "cable h1 r1 10.0.1.2/24 10.0.1.1/24; route h1 default via 10.0.1.1");
	setup(s, "cable r2 sw 10.0.2.1/24; addr sw 10.0.2.100/24; cable host r1 fd00::1/64 fd00::2/64");
	setup(s, "route r2 10.0.1.0/24 via 10.0.12.1; down r2:eth1; impair r1 r2 delay 20ms loss 1%");
	setup(s, "nat r1 out eth0 type full-cone; forward r1 tcp 8080 to h1:80");
}

/* The `show` text of the model, for before/after comparisons. */
static inline char *model_text(const struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	view_show(f, m, false, NULL, NULL);
	fclose(f);
	return buf;
}

/* Plan one command line against the session's model (not applied). */
static inline int plan_of(struct session *s, const char *src, struct plan *p, struct nerr *err)
{
	struct line l;
	int rc = -1;

	plan_init(p);
	if (lex_line(src, &l, err) != LEX_OK || l.ncmd != 1)
		return -1;
	const struct cmd_entry *e = cmd_find(l.cmd[0].tok[0].text);
	if (e && e->plan && cmd_check_args(e, &l.cmd[0], err) == 0)
		rc = e->plan(s->model, &l.cmd[0], p, err);
	else if (e && e->plan_live && cmd_check_args(e, &l.cmd[0], err) == 0)
		rc = e->plan_live(s, &l.cmd[0], p, err);
	line_free(&l);
	return rc;
}

/* The explain text of a plan (one ip or nft command per line). */
static inline char *plan_text(const struct plan *p)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	for (size_t i = 0; i < p->nops; i++)
		op_explain(&p->ops[i], f);
	fclose(f);
	return buf;
}

/* A bad command, the token its error must point at and part of the message. */
struct bad {
	const char *line;
	int tok;
	const char *msg;
};

/* On a fresh lab built by `lab`, the bad command fails, says what it must,
 * points at its token, and leaves the lab as it was. */
static inline void check_bad(const char *lab, const struct bad *b)
{
	struct session *s = pure();
	struct line l;
	struct nerr err;

	setup(s, lab);
	char *before = model_text(s->model);
	CHECK(lex_line(b->line, &l, &err) == LEX_OK && l.ncmd == 1, "'%s' lexes", b->line);
	int rc = l.ncmd == 1 ? session_run_command(s, &l.cmd[0], &err) : 0;
	CHECK(rc < 0, "'%s' fails", b->line);
	CHECK(strstr(err.msg, b->msg) != NULL, "'%s' says '%s'", b->line, b->msg);
	if (!strstr(err.msg, b->msg))
		printf("#   got: %s\n", err.msg);
	CHECK(err.tok == b->tok, "'%s' points at token %d (got %d)", b->line, b->tok, err.tok);
	char *after = model_text(s->model);
	CHECK(strcmp(before, after) == 0, "'%s' leaves the lab as it was", b->line);
	free(before);
	free(after);
	line_free(&l);
	pure_close(s);
}

#endif
