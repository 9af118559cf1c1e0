/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lua-run.c: running a lab file in a fresh Lua state: the libraries (fewer
 * under --sandbox), the netsh API, key=value parameters, errors reported
 * with a traceback (as lua.c does), Ctrl-C stopping the script (lua.c's
 * hook technique), and the TAP plan at the end. */
#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "lua/api.h"
#include "lua/run.h"

#ifndef NETSH_LABDIR
#define NETSH_LABDIR "/usr/local/share/netsh/labs"
#endif

#define MAX_DEPTH 8

volatile sig_atomic_t lab_interrupted;

static lua_State *volatile running;	/* the innermost running lab */
static int depth;
static struct lab_tap *cur_tap;

/* ---- Ctrl-C ---- */

static void lstop(lua_State *L, lua_Debug *ar)
{
	lua_Debug where;

	(void)ar;
	lua_sethook(L, NULL, 0, 0);
	/* Name the script's line: level 0 is the running function (the hook
	 * has no frame of its own), level 1 its caller when that is C. */
	for (int level = 0; level < 2 && lua_getstack(L, level, &where); level++) {
		lua_getinfo(L, "Sl", &where);
		if (where.currentline > 0) {
			lua_pushfstring(L, "%s:%d: interrupted", where.short_src, where.currentline);
			lua_error(L);
		}
	}
	lua_pushliteral(L, "interrupted");
	lua_error(L);
}

static void set_stop_hook(lua_State *L)
{
	lua_sethook(L, lstop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* Only a flag and a hook: the script stops at its next Lua instruction,
 * never inside a command half-applied. */
static void on_sigint(int sig)
{
	lua_State *L = running;

	(void)sig;
	lab_interrupted = 1;
	if (L)
		set_stop_hook(L);
}

/* ---- errors ---- */

#define MSG_MAX 4000	/* bytes of an error message shown; the rest is cut */

/* The message handler: the message (cut when huge) and, in the outermost
 * lab, a traceback. A sourced lab's message goes up whole, in one line,
 * into its caller's error (see run). */
static int msghandler(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	size_t len;

	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
	}
	len = strlen(msg);
	if (len > MSG_MAX) {
		lua_pushlstring(L, msg, MSG_MAX);
		lua_pushfstring(L, "... (message cut: %I bytes in all)", (lua_Integer)len);
		lua_concat(L, 2);
		msg = lua_tostring(L, -1);
	}
	if (depth > 1)
		lua_pushstring(L, msg);
	else
		luaL_traceback(L, L, msg, 1);
	return 1;
}

/* ---- the sandbox ---- */

/* load() for text chunks only: a crafted binary chunk can break out. */
static int safe_load(lua_State *L)
{
	int n = lua_gettop(L);

	if (n >= 3 && !lua_isnil(L, 3)) {
		const char *mode = luaL_checkstring(L, 3);
		if (strchr(mode, 'b'))
			return luaL_error(L, "load: binary chunks are not available under --sandbox");
	}
	if (n < 3) {
		lua_settop(L, 2);
		lua_pushliteral(L, "t");
		n = 3;
	} else {
		lua_pushliteral(L, "t");
		lua_replace(L, 3);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L);
}

/* What a lab under --sandbox finds in place of a library or function that
 * would reach files or programs: using it raises an error that says so. */
static int absent_used(lua_State *L)
{
	return luaL_error(L, "'%s' is not available under --sandbox",
			  lua_tostring(L, lua_upvalueindex(1)));
}

static void put_absent(lua_State *L)
{
	static const char *const libs[] = { "io", "os", "package", "debug", NULL };
	static const char *const funcs[] = { "require", "dofile", "loadfile", NULL };

	for (int i = 0; libs[i]; i++) {
		lua_newtable(L);
		lua_createtable(L, 0, 2);
		lua_pushstring(L, libs[i]);
		lua_pushcclosure(L, absent_used, 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, "__index");
		lua_setfield(L, -2, "__newindex");
		lua_setmetatable(L, -2);
		lua_setglobal(L, libs[i]);
	}
	for (int i = 0; funcs[i]; i++) {
		lua_pushstring(L, funcs[i]);
		lua_pushcclosure(L, absent_used, 1);
		lua_setglobal(L, funcs[i]);
	}
}

static void open_libs(lua_State *L, bool sandbox)
{
	static const luaL_Reg safe[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_COLIBNAME, luaopen_coroutine },
		{ LUA_TABLIBNAME, luaopen_table }, { LUA_STRLIBNAME, luaopen_string },
		{ LUA_MATHLIBNAME, luaopen_math }, { LUA_UTF8LIBNAME, luaopen_utf8 },
		{ NULL, NULL },
	};

	if (!sandbox) {
		luaL_openlibs(L);
		return;
	}
	for (const luaL_Reg *lib = safe; lib->name; lib++) {
		luaL_requiref(L, lib->name, lib->func, 1);
		lua_pop(L, 1);
	}
	put_absent(L);
	lua_getglobal(L, "load");
	lua_pushcclosure(L, safe_load, 1);
	lua_setglobal(L, "load");
}

/* ---- parameters ---- */

/* key=value arguments into `params` (and all of them, raw, into `arg`,
 * with arg[0] the file, as lua.c does). */
static int set_params(lua_State *L, const char *name, int argc, char *const argv[],
		      struct nerr *why)
{
	lua_newtable(L);
	lua_createtable(L, argc, 1);
	lua_pushstring(L, name);
	lua_rawseti(L, -2, 0);
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		if (!eq || eq == a) {
			lua_pop(L, 2);
			return nerr_set(why, -1, "'%s': lab arguments are key=value (as n=10)", a);
		}
		lua_pushstring(L, a);
		lua_rawseti(L, -2, i + 1);
		lua_pushlstring(L, a, (size_t)(eq - a));
		if (eq[1] && lua_stringtonumber(L, eq + 1) != 0) {
			/* a number */
		} else if (strcmp(eq + 1, "true") == 0 || strcmp(eq + 1, "false") == 0) {
			lua_pushboolean(L, strcmp(eq + 1, "true") == 0);
		} else {
			lua_pushstring(L, eq + 1);
		}
		lua_rawset(L, -4);
	}
	lua_setglobal(L, "arg");
	lua_setglobal(L, "params");
	return 0;
}

/* ---- running ---- */

/* A lab file's name as its nodes' origin: its base name, without the
 * characters a journal record cannot hold. */
static void origin_of(const char *name, char *out, size_t len)
{
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	size_t i;

	for (i = 0; base[i] && i + 1 < len; i++)
		out[i] = (unsigned char)base[i] <= ' ' || base[i] == 0x7f ? '_' : base[i];
	out[i] = '\0';
}

/* fresh=true: remove what this lab file built before (its nodes, with
 * their cables and programs), and only that, so it can run again. */
static int start_fresh(struct session *s, struct nerr *why)
{
	char del[] = "del";
	struct token tok[2] = { { del, 0, false }, { NULL, 4, false } };
	struct command c = { tok, 2 };
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	session_sync(s);
	for (size_t i = 1; i < s->model->nnodes; i++)
		if (strcmp(s->model->nodes[i]->origin, s->origin) == 0) {
			names = xrealloc(names, (n + 1) * sizeof(*names));
			names[n++] = xstrdup(s->model->nodes[i]->name);
		}
	for (size_t i = 0; i < n && rc == 0; i++) {
		tok[1].text = names[i];
		rc = session_run_command(s, &c, why);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Is fresh=true among a lab's arguments? */
static bool wants_fresh(int argc, char *const argv[])
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "fresh=true") == 0 || strcmp(argv[i], "fresh=1") == 0)
			return true;
	return false;
}

static int run(struct session *s, const char *path, const char *name, const char *code,
	       int argc, char *const argv[], struct lab_tap *quiet, struct nerr *why)
{
	struct lab_tap own = { 0 };
	struct lab lab = { .s = s, .tap = quiet ? quiet : depth ? cur_tap : &own };
	struct sigaction sa = { .sa_handler = on_sigint }, old_sa;
	lua_State *L, *prev_running;
	struct lab_tap *prev_tap;
	struct nerr late;
	bool was_batch;
	int status, rc = 0;

	nerr_clear(why);
	if (depth >= MAX_DEPTH)
		return nerr_set(why, -1, "%s: labs source each other too deeply (%d levels)",
				name, depth), 1;
	if (lab_lua_load(why) < 0)
		return 1;
	L = luaL_newstate();
	if (!L)
		return nerr_set(why, -1, "%s: out of memory", name), 1;
	open_libs(L, s->sandbox);
	lab_open_api(L, &lab);
	lab_open_proc(L);
	lab_open_job(L);
	lab_open_expect(L);
	if (set_params(L, name, argc, argv, why) < 0) {
		lua_close(L);
		return 1;
	}
	lua_pushcfunction(L, msghandler);
	if (path)
		status = luaL_loadfilex(L, path, s->sandbox ? "t" : NULL);
	else
		status = luaL_loadbufferx(L, code, strlen(code), lua_pushfstring(L, "@%s", name), "t");
	if (!path && status == LUA_OK)
		lua_remove(L, -2);	/* the chunk name */
	if (status != LUA_OK) {
		nerr_set(why, -1, "%s", lua_tostring(L, -1));
		lua_close(L);
		return 1;
	}

	if (depth == 0) {
		origin_of(name, s->origin, sizeof(s->origin));
		if (wants_fresh(argc, argv) && start_fresh(s, why) < 0) {
			nerr_append(why, " (removing what %s built before)", s->origin);
			s->origin[0] = '\0';
			lua_close(L);
			return 1;
		}
	}
	prev_running = running;
	prev_tap = cur_tap;
	if (depth == 0) {
		lab_interrupted = 0;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_sa);
	}
	depth++;
	cur_tap = lab.tap;
	running = L;
	was_batch = s->batch;
	s->batch = true;	/* a lab is a batch: see session_settle */
	status = lua_pcall(L, 0, 0, 1);
	s->batch = was_batch;
	running = prev_running;
	cur_tap = prev_tap;
	depth--;
	fflush(s->out);
	if (status != LUA_OK && depth > 0) {
		/* Sourced: the caller raises it as source's error, so a chain of
		 * labs says it once ("a.lab:1: source: b.lab:2: boom"). */
		const char *msg = lua_tostring(L, -1);
		rc = lab_interrupted ? 130 : 1;
		nerr_set(why, -1, "%s", lab_interrupted ? "interrupted" : msg ? msg : "(no error message)");
	} else if (status != LUA_OK && quiet) {
		const char *msg = lua_tostring(L, -1);
		rc = -1;
		nerr_set(why, -1, "%s", lab_interrupted ? "interrupted" : msg ? msg : "(no error message)");
	} else if (status != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		fprintf(s->errout, "netsh: %s\n", msg ? msg : "(no error message)");
		fflush(s->errout);
		rc = lab_interrupted ? 130 : 1;
		nerr_set(why, 0, "%s: %s", name, lab_interrupted ? "interrupted" : "stopped by an error");
	} else if (lab.tap->failed && depth == 0) {
		rc = 1;
		nerr_set(why, -1, "%s: %d of %d expectations failed", name, lab.tap->failed,
			 lab.tap->run);
	}
	if (!was_batch && session_settle(s, &late) < 0) {
		if (rc == 0) {
			rc = 1;
			*why = late;
		} else {
			fprintf(s->errout, "netsh: %s\n", late.msg);
		}
	}
	if (depth == 0) {
		session_view_end(s);
		s->origin[0] = '\0';
	}
	if (depth == 0 && status == LUA_OK && lab.tap->run > 0 && !quiet) {
		fprintf(s->out, "1..%d\n", lab.tap->run);
		fflush(s->out);
	}
	lua_close(L);	/* kills what the lab spawned and left running */
	if (depth == 0)
		sigaction(SIGINT, &old_sa, NULL);
	else if (lab_interrupted && running)
		set_stop_hook(running);	/* the lab that sourced this one stops too */
	return rc;
}

int lab_run_file(struct session *s, const char *path, int argc, char *const argv[],
		 struct nerr *why)
{
	char found[4096];

	/* `netsh seed000-host-veth.lab` finds the installed lab. */
	if (access(path, F_OK) < 0 && !strchr(path, '/')) {
		snprintf(found, sizeof(found), NETSH_LABDIR "/%s", path);
		if (access(found, F_OK) == 0)
			path = found;
		else {
			snprintf(found, sizeof(found), NETSH_LABDIR "/%s.lab", path);
			if (access(found, F_OK) == 0)
				path = found;
		}
	}
	return run(s, path, path, NULL, argc, argv, NULL, why);
}

int lab_run_string(struct session *s, const char *name, const char *code,
		   int argc, char *const argv[], struct nerr *why)
{
	return run(s, NULL, name, code, argc, argv, NULL, why);
}

int lab_run_check(struct session *s, const char *name, const char *code, struct nerr *why)
{
	struct lab_tap tap = { .quiet = true };
	int rc = run(s, NULL, name, code, 0, NULL, &tap, why);
	size_t n = strlen(name);
	char *msg = why->msg, *nl;

	if (rc < 0) {
		/* An error as it ran: the lab is not what the check can look at
		 * (a node the step makes is not there yet). A failed check, in
		 * the error's words without "NAME:LINE: " and the traceback. */
		if ((nl = strchr(msg, '\n')))
			*nl = '\0';
		if (strncmp(msg, name, n) == 0 && msg[n] == ':' && strstr(msg + n + 1, ": "))
			memmove(msg, strstr(msg + n + 1, ": ") + 2, strlen(strstr(msg + n + 1, ": ") + 2) + 1);
		return 1;
	}
	if (rc > 0 && !tap.failed)
		return -1;	/* it did not load, or what the batch put off failed */
	if (tap.failed) {
		nerr_set(why, -1, "%s", tap.first);
		return 1;
	}
	if (!tap.run)
		return nerr_set(why, -1, "%s checks nothing (no expect.* ran)", name);
	return 0;
}
