/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lua-expect.c: expect.*, the checks of self-checking labs and graded
 * exercises. Each prints one TAP line ("ok 3 - ns1 reaches ns2 (10.0.0.2)",
 * or "not ok 4 - ... # saw: what was seen instead") and returns true or
 * false; the runner prints the plan line and sets the exit status. In a dry
 * run every check is skipped ("# SKIP dry run"): no program ran, and the
 * kernel was not asked. */
#include <lauxlib.h>
#include <linux/rtnetlink.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "engine/probe.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "kernel/kernel.h"
#include "lua/api.h"

#define SAW_MAX 300
#define REPLY_WAIT 1.0	/* seconds an echo waits for its reply */
#define REACH_TRIES 3
#define OUTPUT_TIMEOUT 60.0	/* seconds for the program of expect.output */

/* Copy `in` into buf on one line: newlines become " | ", runs of blanks
 * one space, trimmed, cut at SAW_MAX. */
static void one_line(const char *in, char *buf, size_t len)
{
	size_t o = 0;
	bool space = false;

	for (const char *p = in; *p && o + 4 < len; p++) {
		if (*p == '\n' || *p == '\r') {
			while (o && buf[o - 1] == ' ')
				o--;
			if (o && p[1] && p[1] != '\n' && o + 4 < len) {
				memcpy(buf + o, " | ", 3);
				o += 3;
			}
			space = false;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			space = o > 0 && buf[o - 1] != ' ';
			continue;
		}
		if (space && o + 5 < len)
			buf[o++] = ' ';
		space = false;
		buf[o++] = *p;
	}
	while (o && (buf[o - 1] == ' ' || buf[o - 1] == '|'))
		o--;
	buf[o] = '\0';
	if (strlen(in) > 0 && o + 4 >= len && len > 4)
		strcpy(buf + len - 4, "...");
}

/* Print one TAP line. result: 1 ok, 0 not ok, -1 skipped. In a dry run
 * every expectation is skipped: nothing ran that it could check. */
static bool tap(lua_State *L, int result, const char *desc, const char *saw)
{
	struct lab *lab = lab_get(L);

	if (lab->s->dry_run) {
		result = -1;
		saw = "dry run";
	}
	FILE *out = lab->s->out;
	char d[512], w[SAW_MAX + 4];

	one_line(desc, d, sizeof(d));
	for (char *p = d; *p; p++)
		if (*p == '#')
			*p = '_';	/* '#' would start a TAP directive */
	lab->tap->run++;
	if (result == 0)
		lab->tap->failed++;
	if (result < 0)
		lab->tap->skipped++;
	fflush(lab->s->errout);
	if (lab->tap->quiet) {	/* a tutorial's check: the first failure, in words */
		if (result == 0 && !lab->tap->first[0]) {
			one_line(saw && *saw ? saw : "(nothing)", w, sizeof(w));
			snprintf(lab->tap->first, sizeof(lab->tap->first), "%s: %s", d, w);
		}
	} else if (result == 0) {
		one_line(saw && *saw ? saw : "(nothing)", w, sizeof(w));
		fprintf(out, "not ok %d - %s # saw: %s\n", lab->tap->run, d, w);
	} else if (result < 0) {
		fprintf(out, "ok %d - %s # SKIP %s\n", lab->tap->run, d, saw);
	} else {
		fprintf(out, "ok %d - %s\n", lab->tap->run, d);
	}
	fflush(out);
	lua_pushboolean(L, result != 0);
	return result != 0;
}

static bool dry(lua_State *L)
{
	return lab_get(L)->s->kernel == NULL;
}

/* expect.ok(cond, desc [, saw]) */
static int e_ok(lua_State *L)
{
	const char *desc = luaL_optstring(L, 2, "condition holds");
	const char *saw = luaL_optstring(L, 3, NULL);

	if (!saw)
		saw = luaL_tolstring(L, 1, NULL);
	tap(L, lua_toboolean(L, 1), desc, saw);
	return 1;
}

/* expect.eq(got, want [, desc]) */
static int e_eq(lua_State *L)
{
	const char *got, *want, *desc;
	char saw[SAW_MAX];

	luaL_checkany(L, 1);
	luaL_checkany(L, 2);
	desc = luaL_optstring(L, 3, NULL);
	got = luaL_tolstring(L, 1, NULL);
	want = luaL_tolstring(L, 2, NULL);
	if (!desc)
		desc = lua_pushfstring(L, "value is %s", want);
	snprintf(saw, sizeof(saw), "%s (wanted %s)", got, want);
	tap(L, lua_compare(L, 1, 2, LUA_OPEQ), desc, saw);
	return 1;
}

/* string.find(s, pattern) with the library function saved at open time. */
static bool find(lua_State *L, const char *s, size_t len, int pattern_idx)
{
	bool found;

	pattern_idx = lua_absindex(L, pattern_idx);
	lua_getfield(L, LUA_REGISTRYINDEX, "netsh.find");
	lua_pushlstring(L, s, len);
	lua_pushvalue(L, pattern_idx);
	lua_call(L, 2, 1);
	found = !lua_isnil(L, -1);
	lua_pop(L, 1);
	return found;
}

/* expect.match(s, pattern [, desc]) */
static int e_match(lua_State *L)
{
	size_t len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *pat = luaL_checkstring(L, 2);
	const char *desc = lua_isnoneornil(L, 3) ? lua_pushfstring(L, "text matches '%s'", pat)
						: luaL_checkstring(L, 3);

	tap(L, find(L, s, len, 2), desc, s);
	return 1;
}

/* The address to probe for argument i: a node's first address, or an
 * address as given. Returns false for a node with none. */
static bool target(lua_State *L, int i, const char *fname, struct inet *a, char *name,
		   size_t nlen)
{
	const struct node *n;
	const char *why;

	if (lua_type(L, i) == LUA_TSTRING &&
	    !model_node(lab_get(L)->s->model, lab_check_text(L, i, fname)) &&
	    inet_parse(lua_tostring(L, i), false, a, &why) == 0) {
		inet_addr_fmt(a, name, nlen);
		return true;
	}
	n = lab_check_node(L, i, fname);
	snprintf(name, nlen, "%s", n->name);
	return session_node_addr(lab_get(L)->s, n, 0, a);
}

/* An echo from node n to `to`, in-process (engine/probe.h): did it
 * answer? What was seen goes to saw. */
static bool echo(lua_State *L, const struct node *n, const struct inet *to, int tries,
		 char *saw, size_t len)
{
	struct probe p = { .from = n, .to = *to };
	struct probe_opts o = { .timeout = REPLY_WAIT, .tries = tries };

	if (lab_get(L)->tap->quiet) {
		/* A tutorial's check, after every command: to be reached, 1.2 s
		 * at most, long enough for the next ARP retry (1 s apart) that an
		 * earlier check's unanswered probe left pending; to be
		 * unreachable (tries 1), 0.15 s without a reply, where a lab
		 * answers in well under a millisecond. */
		o.timeout = tries == 1 ? 0.15 : 0.6;
		o.tries = tries == 1 ? 1 : 2;
	}
	char addr[INET_STRLEN];
	struct nerr err;

	if (session_probe(lab_get(L)->s, &p, 1, &o, &lab_interrupted, &err) < 0)
		luaL_error(L, "%s", err.msg);
	if (p.ok)
		snprintf(saw, len, "reply from %s in %.2f ms", inet_addr_fmt(to, addr, sizeof(addr)),
			 p.rtt_ms);
	else
		snprintf(saw, len, "%s", p.why);
	return p.ok;
}

/* In a tutorial's check, once one expectation failed the step is not
 * done: the rest (each a wait for a probe) are skipped. */
static bool failed_already(lua_State *L)
{
	const struct lab_tap *t = lab_get(L)->tap;

	if (!t->quiet || !t->failed)
		return false;
	lua_pushboolean(L, false);
	return true;
}

static int reach(lua_State *L, bool want)
{
	const char *fname = want ? "expect.reach" : "expect.unreachable";
	const struct node *a = lab_check_node(L, 1, fname);
	char addr[INET_STRLEN], bname[NODE_NAME_MAX + 1], saw[SAW_MAX], descbuf[700];
	struct inet to;
	bool has = target(L, 2, fname, &to, bname, sizeof(bname)), ok;
	const char *desc = luaL_optstring(L, 3, NULL);

	if (has)
		inet_addr_fmt(&to, addr, sizeof(addr));
	if (!desc) {
		if (!has)
			snprintf(descbuf, sizeof(descbuf), "%s %s %s", a->name,
				 want ? "reaches" : "cannot reach", bname);
		else if (strcmp(addr, bname) == 0)
			snprintf(descbuf, sizeof(descbuf), "%s %s %s", a->name,
				 want ? "reaches" : "cannot reach", addr);
		else
			snprintf(descbuf, sizeof(descbuf), "%s %s %s (%s)", a->name,
				 want ? "reaches" : "cannot reach", bname, addr);
		desc = descbuf;
	}
	if (!has) {
		snprintf(saw, sizeof(saw), "%s has no address to probe", bname);
		tap(L, 0, desc, saw);
		return 1;
	}
	if (dry(L)) {
		tap(L, -1, desc, "dry run");
		return 1;
	}
	ok = echo(L, a, &to, want ? REACH_TRIES : 1, saw, sizeof(saw));
	tap(L, ok == want, desc, saw);
	return 1;
}

/* expect.reach(a, b [, desc]): an ICMP echo from a to b's first address (or to
 * the address b) is answered, within three tries of a second each. */
static int e_reach(lua_State *L)
{
	if (failed_already(L))
		return 1;
	return reach(L, true);
}

/* expect.unreachable(a, b [, desc]): it does not. */
static int e_unreachable(lua_State *L)
{
	if (failed_already(L))
		return 1;
	return reach(L, false);
}

/* expect.output(node, cmd, pattern [, desc]): the program's output (stdout
 * and stderr) matches the Lua pattern. */
static int e_output(lua_State *L)
{
	if (failed_already(L))
		return 1;
	const struct node *n = lab_check_node(L, 1, "expect.output");
	const char *cmd = lab_check_text(L, 2, "expect.output");
	const char *pat = luaL_checkstring(L, 3);
	const char *desc = lua_isnoneornil(L, 4)
		? lua_pushfstring(L, "%s: '%s' prints '%s'", n->name, cmd, pat)
		: luaL_checkstring(L, 4);
	struct lab *lab = lab_get(L);
	struct lab_result r;
	struct nerr err;
	struct lab_words words;
	char **argv, saw[SAW_MAX];
	int rc;

	if (lab_words(cmd, &words, &err) < 0)
		return luaL_error(L, "expect.output: %s", err.msg);
	if (dry(L) || lab->s->sandbox) {
		lab_words_free(&words);
		tap(L, -1, desc, lab->s->sandbox ? "unavailable under --sandbox (it runs a program)"
						  : "dry run");
		return 1;
	}
	argv = lab_argv(lab->s, n, &words);
	rc = lab_run(lab->s, n, argv, NULL, 0, OUTPUT_TIMEOUT, &r, &err);
	argv_free(argv);
	lab_words_free(&words);
	if (rc < 0)
		return luaL_error(L, "expect.output: %s", err.msg);
	bool ok = find(L, r.out, r.len, 3);
	if (r.status != 0)
		snprintf(saw, sizeof(saw), "(exit %d) %s", r.status, r.out);
	else
		snprintf(saw, sizeof(saw), "%s", r.out);
	free(r.out);
	tap(L, ok, desc, saw);
	return 1;
}

#define GW_MAX 32

/* The addresses the gateway argument at i stands for: an address, or every
 * address of a node. Raises (before anything is allocated) on a bad one. */
static size_t gw_candidates(lua_State *L, int i, struct inet *out)
{
	const struct node *n;
	const char *why;
	size_t k = 0;

	if (lua_type(L, i) == LUA_TSTRING &&
	    !model_node(lab_get(L)->s->model, lab_check_text(L, i, "expect.route"))) {
		if (inet_parse(lua_tostring(L, i), false, &out[0], &why) < 0)
			luaL_error(L, "expect.route: gateway '%s': %s", lua_tostring(L, i), why);
		return 1;
	}
	n = lab_check_node(L, i, "expect.route");
	for (size_t f = 0; f < n->nifaces; f++)
		for (size_t j = 0; j < n->ifaces[f]->naddrs && k < GW_MAX; j++)
			out[k++] = n->ifaces[f]->addrs[j];
	return k;
}

/* Does nexthop gateway gw (full length) equal one of the candidates? */
static bool gw_matches(const struct inet *gw, const struct inet *cand, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct inet a = cand[i];
		a.plen = gw->plen;
		if (gw->family && inet_equal(&a, gw))
			return true;
	}
	return false;
}

/* expect.route(node, dest [, gw [, desc]]): the node's main table sends
 * dest (a node's first address, an address or a prefix) via gw (a node or
 * an address; nil: any route). Read from the kernel over netlink; the most
 * specific route wins, as in `ip route get`. */
static int e_route(lua_State *L)
{
	if (failed_already(L))
		return 1;
	const struct node *n = lab_check_node(L, 1, "expect.route");
	struct lab *lab = lab_get(L);
	char addr[INET_STRLEN], dname[NODE_NAME_MAX + 1], desc[700], saw[SAW_MAX], gwname[300];
	struct inet q, gws[GW_MAX];
	size_t ngws = 0;
	const char *why;
	bool has_gw = !lua_isnoneornil(L, 3);

	if (lua_type(L, 2) == LUA_TSTRING &&
	    !model_node(lab->s->model, lab_check_text(L, 2, "expect.route"))) {
		if (inet_parse(lua_tostring(L, 2), false, &q, &why) < 0)
			return luaL_error(L, "expect.route: '%s': %s", lua_tostring(L, 2), why);
		q = inet_net(&q);
		inet_fmt(&q, true, dname, sizeof(dname));
	} else {
		const struct node *d = lab_check_node(L, 2, "expect.route");
		if (!session_node_addr(lab->s, d, 0, &q))
			return luaL_error(L, "expect.route: node '%s' has no address", d->name);
		q.plen = q.family == AF_INET ? 32 : 128;
		snprintf(dname, sizeof(dname), "%s (%s)", d->name, inet_addr_fmt(&q, addr, sizeof(addr)));
	}
	if (has_gw) {
		snprintf(gwname, sizeof(gwname), "%s", lab_check_word(L, 3, "expect.route"));
		ngws = gw_candidates(L, 3, gws);
	}
	if (!lua_isnoneornil(L, 4))
		snprintf(desc, sizeof(desc), "%s", luaL_checkstring(L, 4));
	else if (has_gw)
		snprintf(desc, sizeof(desc), "%s routes %s via %s", n->name, dname, gwname);
	else
		snprintf(desc, sizeof(desc), "%s has a route to %s", n->name, dname);
	if (dry(L)) {
		tap(L, -1, desc, "dry run");
		return 1;
	}

	struct nerr err;
	struct ns_state st;
	const struct ns_route *best;
	bool ok = false;

	if (kernel_read(lab->s->kernel, n->name, &n->id, READ_LINKS | READ_ROUTES, &st, &err) < 0)
		return luaL_error(L, "expect.route: %s", err.msg);
	best = ns_route_lookup(&st, &q);
	if (!best) {
		struct strbuf all = STRBUF_INIT;
		char r[512];
		for (size_t i = 0; i < st.nroutes; i++)
			if (st.routes[i].table == RT_TABLE_MAIN && st.routes[i].type == RTN_UNICAST &&
			    st.routes[i].dst.family == q.family)
				sb_item(&all, "; ", "%s", ns_route_fmt(&st, &st.routes[i], r, sizeof(r)));
		snprintf(saw, sizeof(saw), "no route to %s (routes: %s)", dname,
			 all.len ? sb_str(&all) : "none");
		sb_free(&all);
	} else {
		ns_route_fmt(&st, best, saw, sizeof(saw));
		ok = !has_gw;
		for (size_t i = 0; has_gw && i < best->nnh && !ok; i++)
			ok = gw_matches(&best->nh[i].gw, gws, ngws);
	}
	ns_state_free(&st);
	tap(L, ok, desc, saw);
	return 1;
}

/* expect.pingall([node...] [, desc]): every node (or those given) reaches
 * every other, as the pingall command checks it. */
static int e_pingall(lua_State *L)
{
	if (failed_already(L))
		return 1;
	struct lab *lab = lab_get(L);
	struct session *s = lab->s;
	int top = lua_gettop(L), nargs = top;
	const char *desc = NULL;
	const struct node **nodes;
	struct strbuf saw = STRBUF_INIT;
	char d[128], addr[INET_STRLEN];
	struct probe *p = NULL;
	size_t n = 0, np = 0, failed;
	struct nerr err;

	if (top > 0 && lua_type(L, top) == LUA_TSTRING && !model_node(s->model, lua_tostring(L, top)))
		desc = lab_check_text(L, nargs--, "expect.pingall");
	nodes = lua_newuserdatauv(L, (s->model->nnodes + (size_t)nargs + 1) * sizeof(*nodes), 0);
	for (int i = 1; i <= nargs; i++)
		nodes[n++] = lab_check_node(L, i, "expect.pingall");
	for (size_t i = 1; nargs == 0 && i < s->model->nnodes; i++)
		if (s->model->nodes[i]->kind != KIND_SWITCH)
			nodes[n++] = s->model->nodes[i];
	if (dry(L)) {
		tap(L, -1, desc ? desc : "pingall", "dry run");
		return 1;
	}
	if (session_pingall(s, nodes, n, &p, &np, &lab_interrupted, &err) < 0)
		return luaL_error(L, "expect.pingall: %s", err.msg);
	failed = probes_failed(p, np);
	if (!desc) {
		snprintf(d, sizeof(d), "pingall: %zu nodes reach each other", n);
		desc = d;
	}
	sb_item(&saw, "", "%zu/%zu received", np - failed, np);
	for (size_t i = 0, listed = 0; i < np; i++)
		if (!p[i].ok)
			sb_item(&saw, listed++ ? "; " : ": ", "%s -> %s (%s): %s", p[i].from->name,
				p[i].to_node ? p[i].to_node->name : "?",
				inet_addr_fmt(&p[i].to, addr, sizeof(addr)), p[i].why);
	free(p);
	tap(L, failed == 0, desc, sb_str(&saw));
	sb_free(&saw);
	return 1;
}

void lab_open_expect(lua_State *L)
{
	static const luaL_Reg funcs[] = {
		{ "ok", e_ok }, { "eq", e_eq }, { "match", e_match },
		{ "reach", e_reach }, { "unreachable", e_unreachable },
		{ "output", e_output }, { "route", e_route }, { "pingall", e_pingall },
		{ NULL, NULL },
	};

	/* string.find, safe from scripts that replace it. */
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
	lua_getfield(L, -1, "find");
	lua_setfield(L, LUA_REGISTRYINDEX, "netsh.find");
	lua_pop(L, 1);
	luaL_newlib(L, funcs);
	lua_setglobal(L, "expect");
}
