/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lua-api.h: what the lua-*.c files share. The Lua binding of netsh:
 * every command as a Lua function, node handles, programs run inside nodes
 * with their output captured, and the expect.* checks that print TAP. The
 * front end that runs files is lua-run.h. */
#ifndef NETSH_LUA_API_H
#define NETSH_LUA_API_H

#include <lua.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/model.h"
#include "engine/session.h"

/* Expectation counts of one run of a lab (shared by the labs it sources). */
struct lab_tap {
	int run, failed, skipped;
	bool quiet;		/* print nothing; keep the first failure: */
	char first[1024];	/* "DESC: SAW" */
};

/* What a Lua state runs against; kept in the state's registry. */
struct lab {
	struct session *s;
	struct lab_tap *tap;
};

/* Set by SIGINT while a lab runs; waits in C poll it. */
extern volatile sig_atomic_t lab_interrupted;

struct lab *lab_get(lua_State *L);

/* Install the API in a fresh state: the command functions, `netsh`, node
 * handles (lua-api.c), processes (lua-proc.c) and `expect` (lua-expect.c). */
void lab_open_api(lua_State *L, struct lab *lab);
void lab_open_proc(lua_State *L);
void lab_open_job(lua_State *L);

/* n:spawn(..., {job = true}) (lua/job.c): start argv in n as a background
 * job and push its handle; -1 with *err (nothing pushed) when it cannot. */
int lab_spawn_job(lua_State *L, const struct node *n, char *const argv[], struct nerr *err);
void lab_open_expect(lua_State *L);

/* Node handles (lua/node.c): the metatable, installed by lab_open_api. */
void lab_open_node(lua_State *L);
void lab_push_node(lua_State *L, const struct node *n);

/* The lab's model, up to date with the journal and with what a batch put
 * off done (session_settle): look nodes up only after calling it, as it
 * may reload the model. */
const struct model *lab_settled_model(lua_State *L);
/* Argument checks that name the function (fname, as the lab wrote it:
 * "netsh.get", "expect.reach") in their errors, as "bad argument #1 to
 * 'netsh.get' (string expected, got table)". */
/* A string, or a number converted to one, without a NUL byte. */
const char *lab_check_text(lua_State *L, int i, const char *fname);
/* The live node named by the handle or node name at index i; raises a Lua
 * error for a deleted handle or an unknown name. */
const struct node *lab_check_node(lua_State *L, int i, const char *fname);
/* A command argument at index i as a word: a string, a number converted to
 * a string, or a node handle (its name). Raises on anything else. */
const char *lab_check_word(lua_State *L, int i, const char *fname);

/* The result of a program run inside a node. status: the exit status,
 * 128+N when killed by signal N, 124 when the time ran out, 127 when the
 * program was not found. */
struct lab_result {
	int status;
	char *out;		/* stdout and stderr interleaved (malloc'd) */
	size_t len;
};

/* Run argv inside node n, stdin from `input` (NULL: /dev/null), output
 * captured; timeout <= 0: none. Returns -1 with *err when it could not be
 * started (a dry run, fork failure). An interrupt (Ctrl-C) kills the
 * program and leaves lab_interrupted set. */
int lab_run(struct session *s, const struct node *n, char *const argv[],
	    const char *input, size_t inlen, double timeout,
	    struct lab_result *r, struct nerr *err);

/* A program's words: split from one string with netsh's lexer (a quoted
 * word is literal: cmd/args.h), or given one by one. */
struct lab_words {
	char **w;
	bool *literal;
	int n;
};

/* Split a command string into words (one command). Returns the count, or
 * -1 with *err. Free with lab_words_free. */
int lab_words(const char *line, struct lab_words *out, struct nerr *err);
void lab_words_free(struct lab_words *w);

/* The argv that runs the words in node n: node names stand for addresses
 * (exec_argv). Free with argv_free. */
char **lab_argv(struct session *s, const struct node *n, const struct lab_words *w);

/* Sleep, waking early on an interrupt. */
void lab_sleep(double seconds);

#endif
