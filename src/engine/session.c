/* SPDX-License-Identifier: GPL-2.0-or-later */
/* session.c: a session's life, and running lines and commands through
 * it (what it prints is output.c). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/save.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "engine/journal.h"
#include "engine/nsprocs.h"
#include "engine/session.h"
#include "engine/touched.h"
#include "engine/tutorial.h"
#include "engine/txn.h"
#include "kernel/kernel.h"

/* Journal records beyond which a closing session compacts the journal. */
#define COMPACT_MIN_RECORDS 512

static struct session *session_alloc(void)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->model = model_new();
	plan_init(&s->late);
	s->out = stdout;
	s->errout = stderr;
	s->source = "-c";
	session_set_json(s, false);
	return s;
}

struct session *session_pure(void)
{
	return session_alloc();
}

struct session *session_open(const char *lab, struct kernel *kernel, struct nerr *err)
{
	struct session *s = session_alloc();

	s->kernel = kernel;
	s->dry_run = !kernel;
	if (lab) {
		s->journal = journal_open(lab, !kernel, err);
		if (!s->journal) {
			session_close(s);
			return NULL;
		}
		if (kernel)
			kernel_own(kernel, journal_tag(s->journal));
	}
	return s;
}

static void forget_node(void *arg, const char *node)
{
	struct session *s = arg;

	if (s->kernel)
		kernel_forget(s->kernel, node);
}

/* Report what the journal found damaged, each line a warning. */
static void journal_warnings(struct session *s)
{
	char *w = journal_take_warnings(s->journal), *line, *save = NULL;

	for (line = w ? strtok_r(w, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
		fprintf(s->errout, "netsh: warning: %s\n", line);
	free(w);
}

/* Take the lab's lock and read what other netsh processes added; settle a
 * command one of them left unfinished. */
static int lock_sync(struct session *s, struct nerr *err)
{
	struct plan open;
	int rc;

	if (!s->journal)
		return 0;
	plan_init(&open);
	rc = journal_lock_sync(s->journal, &s->model, forget_node, s, &open, err);
	if (rc < 0) {
		plan_free(&open);
		return -1;
	}
	if (rc > 0 && s->kernel)
		kernel_forget(s->kernel, NULL);	/* another netsh changed links */
	if (rc > 0)
		journal_snapshot(s->journal, s->model);	/* spare the next netsh this read */
	journal_warnings(s);
	if (open.nops && s->kernel && session_settle_unfinished(s, &open, err) < 0) {
		journal_unlock(s->journal);
		plan_free(&open);
		return -1;
	}
	if (open.nops && !s->kernel)
		fprintf(s->errout, "netsh: warning: a netsh stopped in the middle of a command; "
			"the next netsh that is not a dry run settles it\n");
	plan_free(&open);
	return 0;
}

static void unlock(struct session *s)
{
	if (s->journal)
		journal_unlock(s->journal);
}

int session_lock(struct session *s, struct nerr *err)
{
	return lock_sync(s, err);
}

void session_unlock(struct session *s)
{
	unlock(s);
}

void session_sync(struct session *s)
{
	struct nerr err;

	if (lock_sync(s, &err) == 0)
		unlock(s);
}

/* After this session added to the journal: compact it when it has grown
 * well past what the lab needs, and snapshot the model when the journal
 * has grown well past the last snapshot. */
static void tidy_journal(struct session *s)
{
	size_t records = journal_records(s->journal);
	struct nerr err;

	if (!s->appended ||
	    (records < COMPACT_MIN_RECORDS && !journal_snapshot_due(s->journal)) ||
	    lock_sync(s, &err) < 0)
		return;
	if (records >= COMPACT_MIN_RECORDS && records > 2 * model_op_count(s->model))
		journal_compact(s->journal, s->model, &err);
	journal_snapshot(s->journal, s->model);
	unlock(s);
}

/* The model of the session closed by session_end: reachable, so that a
 * leak checker does not count what the exit frees. */
static struct model *volatile left_to_exit;	/* volatile: a store the compiler keeps */

/* Close s; its model is freed, or left to the exit. */
static void close_session(struct session *s, bool free_model)
{
	if (!s)
		return;
	if (s->journal) {
		tidy_journal(s);
		journal_close(s->journal);
	}
	if (s->record)
		fclose(s->record);
	free(s->record_path);
	tutorial_free(s->tutorial);
	kernel_close(s->kernel);
	if (free_model)
		model_free(s->model);
	else
		left_to_exit = s->model;
	plan_free(&s->late);
	free(s);
}

void session_close(struct session *s)
{
	close_session(s, true);
}

void session_end(struct session *s)
{
	close_session(s, false);
}

/* Move the plan's late ops to the end of the session's list. */
static void put_off(struct session *s, struct plan *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nops; i++) {
		if (!p->ops[i].late) {
			p->ops[k++] = p->ops[i];
			continue;
		}
		struct op *op = plan_add(&s->late, p->ops[i].kind, p->ops[i].node);
		*op = p->ops[i];
		op->late = false;
	}
	p->nops = k;
}

/* Apply the late ops (the lab's lock held), those still to do: another
 * netsh may have changed the lab since. */
static int settle_locked(struct session *s, struct nerr *err)
{
	struct plan p = s->late;
	size_t k = 0;
	bool quiet;
	int rc;

	plan_init(&s->late);
	for (size_t i = 0; i < p.nops; i++) {
		const struct node *n = model_node(s->model, p.ops[i].node);
		const struct iface *f = n ? node_iface(n, p.ops[i].ifname) : NULL;
		if (f && f->up != p.ops[i].up)
			p.ops[k++] = p.ops[i];
	}
	p.nops = k;
	quiet = s->quiet;
	s->quiet = true;	/* the view showed these as done already */
	rc = session_commit(s, &p, err);
	s->quiet = quiet;
	plan_free(&p);
	return rc;
}

int session_settle(struct session *s, struct nerr *err)
{
	int rc;

	if (s->late.nops == 0)
		return 0;
	if (lock_sync(s, err) < 0)
		return -1;
	rc = settle_locked(s, err);
	unlock(s);
	return rc;
}

/* Record what the kernel has (a record-only plan, refresh): the ops that
 * fit the record are applied to it and journaled; those that no longer
 * fit (a route that went with a cable removed before it) are dropped. */
static int record(struct session *s, struct plan *p, struct nerr *err)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nops; i++)
		if (model_apply(s->model, &p->ops[i]) == 0)
			p->ops[k++] = p->ops[i];
	p->nops = k;
	if (!s->journal || !k)
		return 0;
	if (journal_begin(s->journal, p, err) < 0 || journal_commit(s->journal, p, err) < 0) {
		journal_reread(s->journal);	/* the model is ahead of the journal */
		return -1;
	}
	s->appended = true;
	return 0;
}

/* A namespace that goes takes its programs with it: stop them first, or
 * they would keep it (and its links and addresses) alive. */
static void stop_programs(struct session *s, struct plan *p)
{
	struct nsid *ids = NULL;
	const char **names = NULL;
	struct nsproc *procs;
	size_t n = 0, np;

	for (size_t i = 0; i < p->nops; i++) {
		if (p->ops[i].kind != OP_NS_DEL)
			continue;
		txn_resolve(s->model, p, i);
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
		names = xrealloc(names, (n + 1) * sizeof(*names));
		ids[n] = p->ops[i].id;
		names[n++] = p->ops[i].node;
	}
	np = nsprocs_find(ids, n, &procs);
	if (np)
		nsprocs_stop(procs, np, names, s->quiet ? NULL : s->json ? s->errout : s->out);
	free(procs);
	free(ids);
	free(names);
}

int session_commit(struct session *s, struct plan *p, struct nerr *err)
{
	struct touched t = { NULL, 0, { NULL, 0, 0 } };
	struct plan none;
	struct nerr e2;
	bool *done;
	int rc = 0;

	if (s->batch)
		put_off(s, p);
	if (p->nops == 0)
		return 0;
	nametab_init(&t.index);
	for (size_t i = 0; i < p->nops; i++) {
		touched_add(&t, s, p->ops[i].node, !s->quiet);
		touched_add(&t, s, p->ops[i].peer, !s->quiet);
	}
	if (s->explain || !s->kernel)
		for (size_t i = 0; i < p->nops; i++) {
			char why[600];
			if (s->explain_why)
				fprintf(s->out, "# %s\n", op_why(&p->ops[i], why, sizeof(why)));
			op_explain(&p->ops[i], s->out);
		}
	done = xcalloc(p->nops, sizeof(*done));
	if (p->record_only) {
		rc = record(s, p, err);
		goto report;
	}
	if (s->kernel)
		stop_programs(s, p);
	for (size_t i = 0; i < p->nops; i++)
		if (p->ops[i].kind == OP_NS_ADD)
			memcpy(p->ops[i].origin, s->origin, sizeof(p->ops[i].origin));
	/* Written ahead: what the command is about to do, before the kernel. */
	if (s->journal && journal_begin(s->journal, p, err) < 0) {
		rc = -1;
		goto out;
	}
	if (s->kernel) {
		rc = txn_apply(s->kernel, s->model, p, p->best_effort, done, err);
		if (rc < 0 && !p->best_effort) {
			plan_init(&none);	/* undone: the group closes empty */
			if (s->journal)
				journal_commit(s->journal, &none, &e2);
			goto out;
		}
	}
	if (s->journal && journal_commit(s->journal, p, &e2) < 0) {
		/* Not recorded, so not done: the kernel goes back as it was. */
		if (s->kernel && !p->best_effort)
			txn_undo(s->kernel, p, done, p->nops, &e2);
		*err = e2;
		rc = -1;
		goto out;
	}
	s->appended = s->journal != NULL;
	for (size_t i = 0; i < p->nops; i++) {
		model_apply(s->model, &p->ops[i]);
		if (p->ops[i].kind == OP_NS_DEL && s->kernel)
			kernel_forget(s->kernel, p->ops[i].node);
	}
	if (s->journal && s->model->nnodes == 1)
		journal_compact(s->journal, s->model, &e2);	/* empty: start afresh */
report:
	if (!s->quiet && rc == 0)
		touched_report(s, p, done, &t);
out:
	touched_free(&t);
	free(done);
	return rc < 0 ? -1 : 0;
}

/* A plan refused on what the record says exists or not (a route deleted,
 * an address added, a namespace removed outside netsh): bring the record
 * of the nodes the command names in line with the kernel. True when it
 * changed, so the command is planned again. */
static bool catch_up(struct session *s, const struct command *c, const struct nerr *why)
{
	char **names, name[NODE_NAME_MAX + 1];
	size_t n = 0, fixed = 0;
	struct nerr err;

	if (!s->kernel || (why->code != NERR_EXISTS && why->code != NERR_GONE))
		return false;
	names = xcalloc((size_t)c->ntok, sizeof(*names));
	for (int i = 1; i < c->ntok; i++) {
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(c->tok[i].text, ":"),
			 c->tok[i].text);
		if (model_node(s->model, name))
			names[n++] = xstrdup(name);
	}
	if (n && session_refresh(s, (const char *const *)names, n, true, &fixed, &err) == 0 &&
	    fixed) {
		fprintf(s->errout, "netsh: note: the lab's record of %s%s was behind the kernel "
			"(changed outside netsh); brought it in line\n", names[0],
			n > 1 ? " and others" : "");
		fflush(s->errout);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return fixed > 0;
}

int session_run_command(struct session *s, const struct command *c, struct nerr *err)
{
	const char *word = c->tok[0].text;
	const struct cmd_entry *e = cmd_find(word);
	int rc;

	nerr_clear(err);
	s->status = 0;
	s->cmd = c;
	if (lock_sync(s, err) < 0)
		return -1;
	if (!e && model_node(s->model, word))
		e = &cmd_exec_entry;	/* the short form: NODE CMD... */
	if (!e) {
		const char *near = cmd_suggest(word);
		unlock(s);
		if (near)
			return nerr_set(err, 0, "unknown command '%s'; did you mean %s?", word, near);
		return nerr_set(err, 0, "unknown command or node '%s': expected a command (help lists "
				"them) or a node to run a program in, as NODE %s ...", word, word);
	}
	if (e == &cmd_exec_entry && strcmp(word, "exec") != 0) {
		if (c->ntok < 2)
			rc = nerr_set(err, 1, "'%s' is a node: give a program to run in it, as %s ping OTHER",
				      word, word);
		else
			rc = 0;
	} else {
		rc = cmd_check_args(e, c, err);
	}
	if (rc == 0 && s->sandbox && e->sandbox_refuses)
		rc = nerr_setc(err, NERR_REFUSED, 0, "%s", e->sandbox_refuses);
	if (rc == 0 && !e->builds && s->late.nops)
		rc = settle_locked(s, err);	/* it sees (and plans on) the lab whole */
	if (rc == 0 && (e->plan || e->plan_live)) {
		struct plan p;
		plan_init(&p);
		rc = e->plan ? e->plan(s->model, c, &p, err) : e->plan_live(s, c, &p, err);
		if (rc < 0 && e->plan && catch_up(s, c, err)) {
			plan_free(&p);	/* the record was behind: plan again */
			plan_init(&p);
			rc = e->plan(s->model, c, &p, err);
		}
		if (rc == 0)
			rc = session_commit(s, &p, err);
		plan_free(&p);
	}
	unlock(s);
	if (rc == 0 && e->run)
		rc = e->run(s, c, err);
	return rc;
}

/* record: a command that succeeded, as a line of the recorded lab. */
static void record_command(struct session *s, const struct command *c)
{
	const struct cmd_entry *e = cmd_find(c->tok[0].text);
	struct strbuf b = STRBUF_INIT;

	if (!s->record || (e && e->unrecorded))
		return;
	for (int i = 0; i < c->ntok; i++) {
		char *w = lex_quote(c->tok[i].text, 0);
		sb_item(&b, " ", "%s", w[0] ? w : "''");
		free(w);
	}
	fputs("netsh.run(", s->record);
	lua_quote(s->record, sb_str(&b));
	fputs(")\n", s->record);
	fflush(s->record);
	sb_free(&b);
}

/* record: a comment line (# ...) of the user's, as a Lua comment. */
static void record_comment(struct session *s, const char *line)
{
	line += strspn(line, " \t");
	if (s->record && line[0] == '#')
		fprintf(s->record, "--%.*s\n", (int)strcspn(line + 1, "\n"), line + 1);
}

int session_run_line(struct session *s, const char *line)
{
	struct line l;
	struct nerr err;

	if (lex_line(line, &l, &err) != LEX_OK) {
		session_report(s, line, NULL, &err);
		return -1;
	}
	record_comment(s, line);
	for (int i = 0; i < l.ncmd; i++) {
		if (session_run_command(s, &l.cmd[i], &err) == 0) {
			record_command(s, &l.cmd[i]);
		} else {
			if (!s->batch)
				session_view_end(s);
			session_report(s, line, &l.cmd[i], &err);
			line_free(&l);
			return -1;
		}
	}
	if (!s->batch)
		session_view_end(s);
	line_free(&l);
	return 0;
}
