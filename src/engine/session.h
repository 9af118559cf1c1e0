/* SPDX-License-Identifier: GPL-2.0-or-later */
/* session.h: the one entry point every front end uses to run commands.
 * A session holds the model, the kernel layer and the saved state, runs a
 * line through lexer -> command table -> plan -> transaction -> model ->
 * changes (handed to the front end's sink), and reports errors through one
 * funnel. */
#ifndef NETSH_SESSION_H
#define NETSH_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "core/change.h"
#include "core/error.h"
#include "core/lexer.h"
#include "core/model.h"
#include "core/plan.h"
#include "core/view.h"

struct kernel;
struct journal;
struct session;

/* Where a session hands what its commands changed: the inline text view
 * by default (session_text_sink); a front end may set its own. */
struct change_sink {
	void (*change)(void *arg, const struct change *c);
	/* A teardown (destroy) says how much went, not every line. */
	void (*teardown)(void *arg, size_t namespaces, size_t links);
	void *arg;
};

/* Runs a Lua lab file in the session (lua/run.h); NULL in programs built
 * without Lua. */
typedef int (*lab_runner)(struct session *s, const char *path, int argc,
			  char *const argv[], struct nerr *why);

/* What --sandbox says of every way of running a program. */
#define SANDBOX_NO_PROGRAMS "no program runs under --sandbox (it would run as root)"

struct session {
	struct model *model;
	struct kernel *kernel;	/* NULL: plans are only printed */
	bool dry_run;		/* -n: no kernel, and no checks (labs skip them) */
	struct journal *journal;	/* NULL: the lab is not saved */
	struct change_sink sink;
	lab_runner run_lab;
	FILE *out;		/* views and command output */
	FILE *errout;		/* error reports */
	bool quiet;		/* no inline views */
	bool verbose;		/* -v: the inline view shows every change of a batch */
	struct view view;	/* the inline view (text sink) */
	bool json;		/* -j: views and show as JSON (doc/json.md) */
	bool errexit;		/* -e: a program exiting non-zero fails its command */
	bool sandbox;		/* --sandbox: no program runs, no file is read but the
				 * lab itself (NERR_REFUSED; netsh(1) SANDBOX) */
	int status;		/* the last command's result: 0, or the exit status of
				 * the program it ran (128+N: killed by signal N) */
	int err_code;		/* the code of the last error reported (nerr.code) */
	bool color;		/* ANSI colour in views and errors */
	bool explain;		/* print the iproute2 equivalent of each op */
	bool explain_why;	/* and why, as a comment above it (explain on) */
	bool interactive;	/* report errors with a caret under the token */
	bool appended;		/* this session wrote to the journal */
	bool quit;		/* set by quit and exit: stop reading commands */
	bool batch;		/* commands come in a batch (-c, stdin, a lab):
				 * ops marked late wait in `late` */
	struct plan late;	/* until session_settle, in order */
	const char *source;	/* where lines come from: "-c", a file, "stdin" */
	char origin[LAB_NAME_MAX + 1];	/* the lab file running (its nodes' origin), or "" */
	const struct command *cmd;	/* the command running (the view follows its words) */
	FILE *record;		/* record FILE.lab: the commands that succeed go there */
	char *record_path;
	int lineno;
	struct tutorial *tutorial;	/* the lesson followed (engine/tutorial.h), or NULL */
	/* Runs a tutorial step's check (Lua; set by the front end): 0 passed,
	 * 1 failed, -1 could not run; *why says what failed. */
	int (*run_check)(struct session *s, const char *name, const char *code, struct nerr *why);
};

/* A session on a kernel (kernel/kernel.h; it takes it over) or, with none,
 * a dry run. With a lab name the lab is loaded from and saved to the state
 * directory. */
struct session *session_open(const char *lab, struct kernel *kernel, struct nerr *err);

/* A pure session with an empty model, nothing saved (unit tests). */
struct session *session_pure(void);

void session_close(struct session *s);
/* session_close for a process about to exit: the model is left to the
 * exit, which frees it at no cost (a 1000-node lab's is a million
 * instructions of free). */
void session_end(struct session *s);

/* The end of a batch (or of a line at the prompt) for the inline view:
 * what it did not show, summed up. */
void session_view_end(struct session *s);

/* Print the changes the inline view holds now (a command's; text only). */
void session_view_flush(struct session *s);

/* Views and show in JSON (-j), or text. */
void session_set_json(struct session *s, bool on);

/* Run one input line (one or more commands). Stops at the first failing
 * command, reports it, and returns -1; s->status is then the last command's
 * result. */
int session_run_line(struct session *s, const char *line);

/* Run one lexed command; on error *err is set (not yet reported). */
int session_run_command(struct session *s, const struct command *c, struct nerr *err);

/* Apply a plan: kernel transaction, model, journal, inline view. */
int session_commit(struct session *s, struct plan *p, struct nerr *err);

/* Bring the model up to date with the lab's journal (another netsh may
 * have changed the lab since this session's last command). */
void session_sync(struct session *s);

/* Apply the ops put off while a batch runs (op.late: a new switch's bridge
 * comes up once its ports are made, so the bridge never floods the new
 * hosts' first IPv6 multicast to every port). Done before any command but
 * those that only build (cmd_entry.builds), before a lab looks at a node
 * (lua-api.c), and by the front end when the batch ends. */
int session_settle(struct session *s, struct nerr *err);

/* Take the lab's lock and bring the model up to date (a run command that
 * changes the lab); session_unlock releases it. */
int session_lock(struct session *s, struct nerr *err);
void session_unlock(struct session *s);

/* Where each node's record and its namespace in the kernel differ
 * (core/drift.h; none in a dry run), the namespaces read at once
 * (kernel_read_many): d[i] and nd[i] are s->model->nodes[i]'s. */
struct drift;
struct lab_drift {
	struct drift **d;
	size_t *nd;
	size_t n;
};
void session_drift_all(struct session *s, struct lab_drift *out);
void lab_drift_free(struct lab_drift *ld);

/* Bring the record of the named nodes (names NULL: every node) in line
 * with the kernel, recording what it can hold of the differences (lock
 * held); *fixed: how many records changed. quiet: no inline view. */
int session_refresh(struct session *s, const char *const *names, size_t n, bool quiet,
		    size_t *fixed, struct nerr *err);

/* Node n's first address as the kernel has it (DHCP or by hand too), IPv4
 * first (family 0) or of the family; the record's when the kernel cannot
 * be asked. False when it has none. */
bool session_node_addr(struct session *s, const struct node *n, int family, struct inet *out);

/* For exec_argv: does `word` name a node, and its address (session_node_addr)? */
bool session_word_addr(void *s, const char *word, struct inet *out);

/* Settle a command a netsh that died left unfinished: adopt what the
 * kernel has of it, commit it (engine/settle.c; the lab's lock held). */
int session_settle_unfinished(struct session *s, struct plan *intents, struct nerr *err);

/* The one reporting funnel for a failed command. */
void session_report(struct session *s, const char *line, const struct command *c,
		    const struct nerr *err);

#endif
