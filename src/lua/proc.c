/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.c: programs run inside nodes from a lab, their output captured
 * (engine/proc.h runs them): n:exec(...) waits for the program,
 * n:spawn(...) returns a process handle (p:wait, p:kill, p:output; with
 * {job = true} a job handle, lua/job.c). Each
 * program runs in its own process group, which a timeout, an interrupt or
 * the end of the lab kills whole. */
#include <errno.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cmd/args.h"
#include "core/xalloc.h"
#include "engine/proc.h"
#include "lua/api.h"

#define PROC_MT "netsh.proc"

/* Start a captured program. A program that could not be started is still
 * a result, as a shell gives it: status 127 (not found) or 126, and the
 * reason as its output; only a dry run or a failing fork is an error. */
static int start(struct session *s, const struct node *n, char *const argv[],
		 const char *input, size_t inlen, struct proc *p, struct nerr *err)
{
	struct proc_opts o = { .capture = true, .input = input, .inlen = inlen, .group = true };

	if (s->sandbox)
		return proc_start(s, n, argv, &o, p, err);	/* refused */
	if (!s->kernel) {	/* a dry run: say so, and the program "succeeds" */
		memset(p, 0, sizeof(*p));
		p->pidfd = p->outfd = -1;
		p->done = true;
		snprintf(p->name, sizeof(p->name), "%s", argv[0]);
		fprintf(s->out, "# dry run: %s would run in %s; not run\n", argv[0], n->name);
		return 0;
	}
	if (proc_start(s, n, argv, &o, p, err) == 0)
		return 0;
	if (err->code == NERR_UNSUPPORTED || err->code == NERR_FAIL || err->code == NERR_REFUSED)
		return -1;
	p->status = err->code == NERR_NOT_FOUND ? 127 : 126;
	p->outfd = memfd_create("netsh-output", MFD_CLOEXEC);
	if (p->outfd >= 0)
		dprintf(p->outfd, "netsh: %s\n", err->msg);
	return 0;
}

/* Wait with a time limit; a program still running then is killed. */
static void finish(struct proc *p, double timeout)
{
	switch (proc_wait(p, timeout, &lab_interrupted)) {
	case PROC_TIMEOUT:
		proc_kill(p, 124);
		break;
	case PROC_STOPPED:
		proc_kill(p, 130);
		break;
	default:
		break;
	}
}

int lab_run(struct session *s, const struct node *n, char *const argv[],
	    const char *input, size_t inlen, double timeout,
	    struct lab_result *r, struct nerr *err)
{
	struct proc p;

	memset(r, 0, sizeof(*r));
	if (start(s, n, argv, input, inlen, &p, err) < 0)
		return -1;
	finish(&p, timeout);
	r->status = p.status;
	r->out = proc_output(&p, &r->len);
	proc_close(&p);
	return 0;
}

/* ---- Lua side ---- */

struct exec_args {
	struct lab_words words;
	const char *input;
	size_t inlen;
	double timeout;
	bool job;		/* spawn: as a background job */
};

/* (node, cmd-string | prog, arg..., [opts]): gather what to run. Raises
 * before allocating anything. */
static void check_exec_args(lua_State *L, const char *what, struct exec_args *a)
{
	int top = lua_gettop(L), last = top;
	struct nerr err;

	memset(a, 0, sizeof(*a));
	if (top >= 2 && lua_istable(L, top)) {
		last = top - 1;
		if (lua_getfield(L, top, "input") != LUA_TNIL) {
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_error(L, "%s: option 'input' must be a string", what);
			a->input = lua_tolstring(L, -1, &a->inlen);
		}
		lua_pop(L, 1);	/* still referenced by the options table */
		if (lua_getfield(L, top, "timeout") != LUA_TNIL) {
			if (!lua_isnumber(L, -1))
				luaL_error(L, "%s: option 'timeout' must be a number of seconds", what);
			a->timeout = lua_tonumber(L, -1);
		}
		lua_pop(L, 1);
		if (lua_getfield(L, top, "job") != LUA_TNIL) {
			if (!lua_isboolean(L, -1) || strcmp(what, "spawn") != 0)
				luaL_error(L, "%s: option 'job' %s", what, strcmp(what, "spawn") == 0
					   ? "must be true or false" : "is spawn's");
			a->job = lua_toboolean(L, -1);
		}
		lua_pop(L, 1);
		if (a->job && a->input)
			luaL_error(L, "spawn: a job reads nothing (its input is /dev/null): leave out 'input'");
	}
	if (last < 2)
		luaL_error(L, "%s: give a program to run", what);
	for (int i = 2; i <= last; i++)
		lab_check_word(L, i, what);
	if (last == 2) {
		if (lab_words(lua_tostring(L, 2), &a->words, &err) < 0)
			luaL_error(L, "%s: %s", what, err.msg);
		return;
	}
	a->words.n = last - 1;
	a->words.w = xcalloc((size_t)a->words.n + 1, sizeof(*a->words.w));
	a->words.literal = xcalloc((size_t)a->words.n + 1, sizeof(*a->words.literal));
	for (int i = 2; i <= last; i++)
		a->words.w[i - 2] = xstrdup(lab_check_word(L, i, what));
}

/* n:exec(cmd [, {input=, timeout=}]) -> ok, output, status */
static int node_exec(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1, "exec");
	struct lab *lab = lab_get(L);
	struct exec_args a;
	struct lab_result r;
	struct nerr err;
	char **argv;
	int rc;

	check_exec_args(L, "exec", &a);
	argv = lab_argv(lab->s, n, &a.words);
	rc = lab_run(lab->s, n, argv, a.input, a.inlen, a.timeout, &r, &err);
	argv_free(argv);
	lab_words_free(&a.words);
	if (rc < 0)
		return luaL_error(L, "exec: %s", err.msg);
	lua_pushboolean(L, r.status == 0);
	lua_pushlstring(L, r.out, r.len);
	lua_pushinteger(L, r.status);
	free(r.out);
	return 3;
}

/* n:spawn(cmd [, {input=, job=}]) -> process handle, running in the
 * background; with job = true a job handle (lua/job.c). */
static int node_spawn(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1, "spawn");
	struct lab *lab = lab_get(L);
	struct exec_args a;
	struct nerr err;
	struct proc *p;
	char **argv;
	int rc;

	check_exec_args(L, "spawn", &a);
	if (a.job && lab->s->kernel && !lab->s->sandbox) {
		argv = lab_argv(lab->s, n, &a.words);
		lab_words_free(&a.words);
		rc = lab_spawn_job(L, n, argv, &err);
		argv_free(argv);
		return rc < 0 ? luaL_error(L, "spawn: %s", err.msg) : 1;
	}
	p = lua_newuserdatauv(L, sizeof(*p), 0);
	memset(p, 0, sizeof(*p));
	p->done = true;
	p->outfd = p->pidfd = -1;
	luaL_setmetatable(L, PROC_MT);
	argv = lab_argv(lab->s, n, &a.words);
	rc = start(lab->s, n, argv, a.input, a.inlen, p, &err);
	argv_free(argv);
	lab_words_free(&a.words);
	if (rc < 0) {
		p->done = true;
		return luaL_error(L, "spawn: %s", err.msg);
	}
	return 1;
}

static int l_proc_wait(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	double timeout = luaL_optnumber(L, 2, 0);
	size_t len;
	char *out;

	finish(p, timeout);
	out = proc_output(p, &len);
	lua_pushboolean(L, p->status == 0);
	lua_pushlstring(L, out, len);
	lua_pushinteger(L, p->status);
	free(out);
	return 3;
}

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{ "TERM", SIGTERM }, { "KILL", SIGKILL }, { "INT", SIGINT }, { "HUP", SIGHUP },
	{ "QUIT", SIGQUIT }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "STOP", SIGSTOP },
	{ "CONT", SIGCONT },
};

static int l_proc_kill(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	int sig = SIGTERM;

	if (lua_type(L, 2) == LUA_TNUMBER) {
		sig = (int)luaL_checkinteger(L, 2);
	} else if (!lua_isnoneornil(L, 2)) {
		const char *name = luaL_checkstring(L, 2);
		size_t i;
		if (strncmp(name, "SIG", 3) == 0)
			name += 3;
		for (i = 0; i < sizeof(signames) / sizeof(signames[0]); i++)
			if (strcmp(signames[i].name, name) == 0)
				break;
		if (i == sizeof(signames) / sizeof(signames[0]))
			return luaL_argerror(L, 2, "a signal name (TERM, KILL, INT, HUP, ...) expected");
		sig = signames[i].sig;
	}
	proc_signal(p, sig);
	lua_pushboolean(L, !p->done);
	return 1;
}

static int l_proc_running(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);

	lua_pushboolean(L, proc_running(p));
	return 1;
}

static int l_proc_output(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	size_t len;
	char *out = proc_output(p, &len);

	lua_pushlstring(L, out, len);
	free(out);
	return 1;
}

static int proc_gc(lua_State *L)
{
	proc_close(luaL_checkudata(L, 1, PROC_MT));
	return 0;
}

static int proc_tostring(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);

	if (p->done)
		lua_pushfstring(L, "process %d (%s), exited with status %d", (int)p->pid, p->name,
				p->status);
	else
		lua_pushfstring(L, "process %d (%s), running", (int)p->pid, p->name);
	return 1;
}

static int proc_index(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	const char *k = luaL_checkstring(L, 2);

	if (strcmp(k, "pid") == 0) {
		lua_pushinteger(L, p->pid);
		return 1;
	}
	if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL)
		return 1;
	return luaL_error(L, "process handles have no field '%s' (pid; methods: wait, kill, "
			  "running, output)", k);
}

void lab_open_proc(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "wait", l_proc_wait }, { "kill", l_proc_kill }, { "running", l_proc_running },
		{ "output", l_proc_output }, { NULL, NULL },
	};

	luaL_newmetatable(L, PROC_MT);
	lua_pushcfunction(L, proc_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, proc_gc);
	lua_setfield(L, -2, "__close");
	lua_pushcfunction(L, proc_tostring);
	lua_setfield(L, -2, "__tostring");
	luaL_newlib(L, methods);
	lua_pushcclosure(L, proc_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);

	lua_getfield(L, LUA_REGISTRYINDEX, "netsh.node.methods");
	lua_pushcfunction(L, node_exec);
	lua_setfield(L, -2, "exec");
	lua_pushcfunction(L, node_spawn);
	lua_setfield(L, -2, "spawn");
	lua_pop(L, 1);
}
