/* helpers.h: shared bits of the unit tests: a pure session and plans. */
#ifndef NETSH_TEST_HELPERS_H
#define NETSH_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "plan.h"
#include "session.h"
#include "view.h"

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

/* The `show` text of the model, for before/after comparisons. */
static inline char *model_text(const struct model *m)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	view_show(f, m, false);
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
	line_free(&l);
	return rc;
}

#endif
