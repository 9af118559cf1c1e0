/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-batch.c: a new switch's bridge comes up once the batch has made its
 * ports (op.late, session_settle), and never later than anything needs it. */
#include "helpers.h"

/* The explain output written since the last call. */
static char *out_since(FILE *f, long *mark)
{
	long end;
	char *buf;

	fflush(f);
	end = ftell(f);
	buf = calloc(1, (size_t)(end - *mark) + 1);
	fseek(f, *mark, SEEK_SET);
	if (fread(buf, 1, (size_t)(end - *mark), f) != (size_t)(end - *mark))
		buf[0] = '\0';
	*mark = end;
	return buf;
}

static bool bridge_up(struct session *s, const char *sw)
{
	const struct node *n = model_node(s->model, sw);
	const struct iface *f = n ? node_iface(n, "br0") : NULL;

	return f && f->up;
}

static bool has(const char *text, const char *line)
{
	return strstr(text, line) != NULL;
}

int main(void)
{
	struct session *s = pure();
	struct nerr err;
	long mark = 0;
	char *t;

	s->quiet = true;	/* only the explain lines of a dry run */

	/* Outside a batch (the shell) a switch is up at once. */
	setup(s, "switch sw0");
	CHECK(bridge_up(s, "sw0") && s->late.nops == 0, "outside a batch the bridge comes up with the switch");
	free(out_since(s->out, &mark));

	s->batch = true;
	setup(s, "switch sw; node a b; cable a sw 10.0.0.1/24; cable b sw 10.0.0.2/24");
	t = out_since(s->out, &mark);
	CHECK(!bridge_up(s, "sw") && s->late.nops == 1 && has(t, "ip -n sw link add name br0 type bridge\n") &&
	      !has(t, "link set dev br0 up"), "in a batch the bridge waits while its ports are made");
	free(t);
	CHECK(session_settle(s, &err) == 0 && bridge_up(s, "sw") && s->late.nops == 0,
	      "session_settle brings it up");
	t = out_since(s->out, &mark);
	CHECK_STR(t, "ip -n sw link set dev br0 up\n", "settling is that one step");
	free(t);
	CHECK(session_settle(s, &err) == 0 && (t = out_since(s->out, &mark)) && !t[0],
	      "settling again does nothing");
	free(t);

	/* A plan that does more than build settles first, in order. */
	setup(s, "switch sw2; route a 10.9.0.0/24 via 10.0.0.2");
	t = out_since(s->out, &mark);
	const char *up = strstr(t, "ip -n sw2 link set dev br0 up\n"), *rt = strstr(t, " 10.9.0.0/24 via 10.0.0.2");
	CHECK(up && rt && up < rt && bridge_up(s, "sw2"), "a route waits for the bridge to come up first");
	if (!(up && rt && up < rt))
		printf("# %s", t);
	free(t);

	/* What the batch says later wins: a switch set down stays down. */
	setup(s, "switch sw3; down sw3");
	CHECK(!bridge_up(s, "sw3") && s->late.nops == 0, "switch then down: the bridge ends down");
	setup(s, "switch sw4; del sw4");
	CHECK(!model_node(s->model, "sw4") && s->late.nops == 0, "switch then del: nothing is left to do");

	/* Anything that looks at the lab sees it whole. */
	setup(s, "switch sw5; show");
	CHECK(bridge_up(s, "sw5") && s->late.nops == 0, "show settles first");

	/* A failing command does not lose what waits. */
	setup(s, "switch sw6");
	CHECK(session_run_line(s, "cable a nosuch") < 0 && s->late.nops == 1 && !bridge_up(s, "sw6"),
	      "a failed command leaves the wait list as it was");
	CHECK(session_settle(s, &err) == 0 && bridge_up(s, "sw6"), "and the end of the batch still settles");

	pure_close(s);
	return unit_done();
}
