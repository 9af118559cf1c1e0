/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lua-api.c: the Lua API of netsh. Every command of the command table is a
 * Lua function of the same name that runs through session_run_command, the
 * layer -c and the REPL use too; `netsh.run` runs any command line; the
 * `netsh` table. Node handles are node.c. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "lua/api.h"
#include "core/xalloc.h"
#include "engine/natcheck.h"

static const char lab_key = 'L';

struct lab *lab_get(lua_State *L)
{
	struct lab *lab;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &lab_key);
	lab = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return lab;
}

/* ---- commands ---- */

/* Run one lexed command; on success push a handle for each argument that
 * names a node it created and return their count; on failure write
 * "CMD: message" to errbuf and return -1 (no Lua error raised here, so the
 * caller can free first). */
static int run_command(lua_State *L, const struct command *c, char *errbuf, size_t errlen)
{
	struct session *s = lab_get(L)->s;
	bool *existed;
	struct nerr err;
	int pushed = 0;

	if (!lua_checkstack(L, c->ntok)) {
		snprintf(errbuf, errlen, "%s: too many arguments for one call", c->tok[0].text);
		return -1;
	}
	existed = xcalloc((size_t)c->ntok, sizeof(*existed));

	for (int i = 1; i < c->ntok; i++)
		existed[i] = model_node(s->model, c->tok[i].text) != NULL;
	if (session_run_command(s, c, &err) < 0) {
		snprintf(errbuf, errlen, "%s: %s", c->tok[0].text, err.msg);
		free(existed);
		fflush(s->out);
		return -1;
	}
	fflush(s->out);
	for (int i = 1; i < c->ntok; i++) {
		const struct node *n = model_node(s->model, c->tok[i].text);
		if (n && !existed[i]) {
			lab_push_node(L, n);
			pushed++;
		}
	}
	free(existed);
	return pushed;
}

/* The Lua function of a command: its arguments are the words after the
 * command word. */
static int l_command(lua_State *L)
{
	const struct cmd_entry *e = lua_touserdata(L, lua_upvalueindex(1));
	int nargs = lua_gettop(L), col = 0, rc;
	struct command c;
	char errbuf[NERR_MSG_MAX + 64];

	for (int i = 1; i <= nargs; i++)
		lab_check_word(L, i, e->name);
	c.ntok = nargs + 1;
	c.tok = xcalloc((size_t)c.ntok, sizeof(*c.tok));
	c.tok[0].text = xstrdup(e->name);
	col = (int)strlen(e->name) + 1;
	for (int i = 1; i <= nargs; i++) {
		c.tok[i].text = xstrdup(lab_check_word(L, i, e->name));
		c.tok[i].col = col;
		col += (int)strlen(c.tok[i].text) + 1;
	}
	rc = run_command(L, &c, errbuf, sizeof(errbuf));
	for (int i = 0; i < c.ntok; i++)
		free(c.tok[i].text);
	free(c.tok);
	if (rc < 0)
		return luaL_error(L, "%s", errbuf);
	return rc;
}

/* netsh.run("command line"): any line, as typed at the prompt. */
static int l_run(lua_State *L)
{
	const char *text = lab_check_text(L, 1, "netsh.run");
	char errbuf[NERR_MSG_MAX + 64];
	struct line l;
	struct nerr err;
	int total = 0;

	if (lex_line(text, &l, &err) != LEX_OK)
		return luaL_error(L, "netsh.run: %s", err.msg);
	for (int i = 0; i < l.ncmd; i++) {
		int rc = run_command(L, &l.cmd[i], errbuf, sizeof(errbuf));
		if (rc < 0) {
			line_free(&l);
			return luaL_error(L, "%s", errbuf);
		}
		total += rc;
	}
	line_free(&l);
	return total;
}

/* netsh.get(name): the handle of an existing node, or nil. */
static int l_get(lua_State *L)
{
	const char *name = lab_check_text(L, 1, "netsh.get");
	const struct node *n = model_node(lab_settled_model(L), name);

	if (!n)
		return 0;
	lab_push_node(L, n);
	return 1;
}

/* netsh.nodes(): handles of every node but the host, in creation order. */
static int l_nodes(lua_State *L)
{
	const struct model *m = lab_settled_model(L);

	lua_createtable(L, (int)m->nnodes, 0);
	for (size_t i = 1; i < m->nnodes; i++) {
		lab_push_node(L, m->nodes[i]);
		lua_rawseti(L, -2, (lua_Integer)i);
	}
	return 1;
}

void lab_sleep(double seconds)
{
	struct timespec ts;

	if (!(seconds > 0))
		return;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR && !lab_interrupted)
		;
}

static int l_sleep(lua_State *L)
{
	if (!lua_isnumber(L, 1))
		return luaL_error(L, "bad argument #1 to 'netsh.sleep' (number of seconds expected, "
				  "got %s)", luaL_typename(L, 1));
	lab_sleep(lua_tonumber(L, 1));
	return 0;
}

/* netsh.clock(): seconds on a monotonic clock, for timing a build. */
static int l_clock(lua_State *L)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
	return 1;
}

/* netsh.natcheck(node): what `natcheck NODE` measures, as a table:
 * mapping, filtering (RFC 4787 words), hairpin, preserved, mapped
 * ("ADDR:PORT") and nats (their names, inside first). */
static int l_natcheck(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1, "netsh.natcheck");
	struct lab *lab = lab_get(L);
	char name[NODE_NAME_MAX + 1], a[INET_STRLEN];
	struct natcheck c;
	struct nerr err;

	snprintf(name, sizeof(name), "%s", n->name);	/* n may not outlive a sync */
	if (!lab->s->kernel) {
		lua_pushnil(L);		/* a dry run measures nothing */
		return 1;
	}
	if (session_natcheck(lab->s, name, false, &lab_interrupted, &c, &err) < 0)
		return luaL_error(L, "netsh.natcheck: %s", err.msg);
	lua_createtable(L, 0, 6);
	lua_pushstring(L, nat_dep_name(c.mapping));
	lua_setfield(L, -2, "mapping");
	lua_pushstring(L, nat_dep_name(c.filtering));
	lua_setfield(L, -2, "filtering");
	lua_pushboolean(L, c.hairpin);
	lua_setfield(L, -2, "hairpin");
	lua_pushboolean(L, c.preserved);
	lua_setfield(L, -2, "preserved");
	lua_pushfstring(L, "%s:%d", inet_addr_fmt(&c.mapped, a, sizeof(a)), c.mport);
	lua_setfield(L, -2, "mapped");
	lua_createtable(L, (int)c.nnats, 0);
	for (size_t i = 0; i < c.nnats; i++) {
		lua_pushstring(L, c.nats[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "nats");
	return 1;
}

/* netsh.quiet([on]): turn the inline views off or on; returns the old setting. */
static int l_quiet(lua_State *L)
{
	struct session *s = lab_get(L)->s;

	lua_pushboolean(L, s->quiet);
	if (!lua_isnoneornil(L, 1))
		s->quiet = lua_toboolean(L, 1);
	return 1;
}

/* print writes where the session writes, so a captured session captures it. */
static int l_print(lua_State *L)
{
	FILE *out = lab_get(L)->s->out;
	int n = lua_gettop(L);

	for (int i = 1; i <= n; i++) {
		size_t len;
		const char *str = luaL_tolstring(L, i, &len);
		if (i > 1)
			fputc('\t', out);
		fwrite(str, 1, len, out);
		lua_pop(L, 1);
	}
	fputc('\n', out);
	fflush(out);
	return 0;
}

/* ---- program words ---- */

int lab_words(const char *text, struct lab_words *out, struct nerr *err)
{
	struct line l;
	int n;

	memset(out, 0, sizeof(*out));
	if (lex_line(text, &l, err) != LEX_OK)
		return -1;
	if (l.ncmd != 1) {
		int ncmd = l.ncmd;
		line_free(&l);
		if (ncmd == 0)
			return nerr_set(err, -1, "no program given");
		return nerr_set(err, -1, "one program at a time: ';' separates commands "
				"(for a shell line use sh -c '...')");
	}
	n = l.cmd[0].ntok;
	out->w = xcalloc((size_t)n + 1, sizeof(*out->w));
	out->literal = xcalloc((size_t)n + 1, sizeof(*out->literal));
	for (int i = 0; i < n; i++) {
		out->w[i] = l.cmd[0].tok[i].text;
		out->literal[i] = l.cmd[0].tok[i].literal;
		l.cmd[0].tok[i].text = NULL;
	}
	out->n = n;
	line_free(&l);
	return n;
}

void lab_words_free(struct lab_words *w)
{
	for (int i = 0; w->w && i < w->n; i++)
		free(w->w[i]);
	free(w->w);
	free(w->literal);
	memset(w, 0, sizeof(*w));
}

char **lab_argv(struct session *s, const struct node *n, const struct lab_words *w)
{
	return exec_argv(&(struct argv_words){ (const char *const *)w->w, w->literal, w->n, n,
					      session_word_addr, s });
}

/* ---- installing it ---- */

void lab_open_api(lua_State *L, struct lab *lab)
{
	static const luaL_Reg netsh_funcs[] = {
		{ "run", l_run }, { "get", l_get }, { "nodes", l_nodes },
		{ "sleep", l_sleep }, { "clock", l_clock }, { "quiet", l_quiet },
		{ "natcheck", l_natcheck },
		{ NULL, NULL },
	};

	lua_pushlightuserdata(L, lab);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &lab_key);

	lab_open_node(L);

	lua_pushcfunction(L, l_print);
	lua_setglobal(L, "print");

	luaL_newlib(L, netsh_funcs);
	lua_newtable(L);	/* netsh.commands */
	for (int i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *e = cmd_table[i];
		lua_pushlightuserdata(L, (void *)(uintptr_t)e);
		lua_pushcclosure(L, l_command, 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, e->name);
		/* A global too, unless Lua already has one of that name. */
		if (lua_getglobal(L, e->name) == LUA_TNIL) {
			lua_pop(L, 1);
			lua_setglobal(L, e->name);
		} else {
			lua_pop(L, 2);
		}
	}
	lua_setfield(L, -2, "commands");
	lab_push_node(L, lab->s->model->nodes[0]);
	lua_setfield(L, -2, "host");
	lua_pushboolean(L, lab->s->kernel == NULL);
	lua_setfield(L, -2, "dry");
	lua_pushboolean(L, lab->s->sandbox);
	lua_setfield(L, -2, "sandbox");
	lua_pushliteral(L, PACKAGE_VERSION);
	lua_setfield(L, -2, "version");
	lua_setglobal(L, "netsh");
}
