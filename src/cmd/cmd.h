/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd.h: the command table. One entry per command drives dispatch, usage
 * errors, help and Tab completion. Each command lives in its own cmd-*.c. */
#ifndef NETSH_CMD_H
#define NETSH_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/error.h"
#include "core/lexer.h"

struct completion;
struct model;
struct plan;
struct session;

/* Completion kinds for the arguments, one char each in cmd_entry.complete;
 * the last one repeats. */
#define COMPL_NODE	'n'	/* a node name */
#define COMPL_END	'e'	/* NODE or NODE:IF */
#define COMPL_IFACE	'i'	/* NODE:IF */
#define COMPL_CMD	'c'	/* a command word */
#define COMPL_FILE	'f'	/* a file name */
#define COMPL_KEY	'k'	/* one of cmd_entry.keywords */
#define COMPL_NONE	'-'	/* free text */

struct cmd_entry {
	const char *name;
	const char *group;	/* "Build", "Address", ... for help */
	const char *usage;	/* the arguments, as in a synopsis */
	const char *summary;	/* one line */
	const char *help;	/* a paragraph */
	const char *example;
	const char *complete;	/* completion kinds, see COMPL_* */
	/* What the kinds cannot say (del route NODE: that node's routes): add
	 * the candidates for the word after the finished words ws and return
	 * true; false leaves it to the kinds. */
	bool (*complete_args)(const struct model *m, const struct command *ws,
			      struct completion *c);
	const char *const *keywords;
	int min_args, max_args;	/* max -1: any number */
	/* Why --sandbox refuses the command (it runs a program, reads a file);
	 * NULL: allowed. Shown by help too. */
	const char *sandbox_refuses;
	bool unrecorded;	/* record leaves it out: it shows or saves, changes nothing */
	bool builds;		/* only makes new nodes, links and addresses: may
				 * run while a batch's late ops wait (session.h) */
	/* A command that changes the lab: plan against the model (pure);
	 * the session then commits the plan. */
	int (*plan)(const struct model *m, const struct command *c,
		    struct plan *p, struct nerr *err);
	/* The same for a plan that needs the live lab, not just its record
	 * (destroy: namespaces a netsh that died could not record). */
	int (*plan_live)(struct session *s, const struct command *c, struct plan *p,
			 struct nerr *err);
	/* Any other command runs directly. */
	int (*run)(struct session *s, const struct command *c, struct nerr *err);
};

extern const struct cmd_entry *const cmd_table[];

struct node;

/* Run a program in a node in the foreground (exec, shell): output to the
 * terminal, Ctrl-C to it; its exit status goes to s->status, and is an
 * error (NERR_EXIT, naming token prog_tok) only with s->errexit. Ctrl-C
 * stopping it is NERR_INTERRUPTED. A node that fails its proof names token
 * prog_tok - 1. */
int cmd_run_program(struct session *s, const struct node *n, char *const argv[], int prog_tok,
		    struct nerr *err);

/* show -j: the lab as JSON, each node with what differs in the kernel. */
void show_lab_json(struct session *s, FILE *out);

/* Write a file through a new one renamed over it: open FILE.tmp for
 * write_file_begin, then write_file_end renames it (or removes it when
 * ok is false). Errors name the file. */
FILE *write_file_begin(const char *path, char **tmp, struct nerr *err);
int write_file_end(FILE *f, const char *path, char *tmp, bool ok, struct nerr *err);

/* The entry for a command word, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* The command word nearest to `name` (for "did you mean"), or NULL. */
const char *cmd_suggest(const char *name);

/* Check the argument count against the entry (usage error naming the token). */
int cmd_check_args(const struct cmd_entry *e, const struct command *c, struct nerr *err);

extern const struct cmd_entry cmd_node_entry, cmd_router_entry, cmd_switch_entry,
	cmd_cable_entry, cmd_addr_entry, cmd_route_entry, cmd_up_entry,
	cmd_down_entry, cmd_del_entry, cmd_destroy_entry, cmd_show_entry, cmd_pingall_entry, cmd_natcheck_entry, cmd_tutorial_entry, cmd_impair_entry, cmd_jobs_entry, cmd_stop_entry, cmd_capture_entry, cmd_save_entry,
	cmd_export_entry, cmd_draw_entry, cmd_record_entry,
	cmd_exec_entry, cmd_help_entry, cmd_explain_entry, cmd_refresh_entry;

/* NAT and firewalling through libnftables (cmd-nat.c, cmd-forward.c,
 * cmd-nft.c). */
extern const struct cmd_entry cmd_nat_entry, cmd_forward_entry, cmd_nft_entry;

/* The interactive shell's own commands (cmd-shell.c). */
extern const struct cmd_entry cmd_shell_entry, cmd_quit_entry, cmd_exit_entry;

/* source FILE.lab: Lua lab scripts (cmd-source.c, lua-run.h). */
extern const struct cmd_entry cmd_source_entry;

#endif
