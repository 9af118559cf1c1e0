/* lua-expect.c: expect.*, the checks of self-checking labs and graded
 * exercises. Each prints one TAP line ("ok 3 - ns1 reaches ns2 (10.0.0.2)",
 * or "not ok 4 - ... # saw: what was seen instead") and returns true or
 * false; the runner prints the plan line and sets the exit status. In a dry
 * run the checks that need the kernel are skipped ("# SKIP dry run"). */
#include <lauxlib.h>
#include <lualib.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel/kernel.h"
#include "lua/api.h"
#include "core/xalloc.h"

#define SAW_MAX 300
#define PROBE_TIMEOUT 5.0	/* seconds for one ping */
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

/* Print one TAP line. result: 1 ok, 0 not ok, -1 skipped. */
static bool tap(lua_State *L, int result, const char *desc, const char *saw)
{
	struct lab *lab = lab_get(L);
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
	if (result == 0) {
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
 * address as given. Returns false (with why) for a node with none. */
static bool target(lua_State *L, int i, char *addr, size_t len, char *name, size_t nlen)
{
	const struct node *n;
	struct inet a;
	const char *why;

	if (lua_type(L, i) == LUA_TSTRING &&
	    !model_node(lab_get(L)->s->model, lua_tostring(L, i)) &&
	    inet_parse(lua_tostring(L, i), false, &a, &why) == 0) {
		inet_addr_fmt(&a, addr, len);
		snprintf(name, nlen, "%s", addr);
		return true;
	}
	n = lab_check_node(L, i);
	snprintf(name, nlen, "%s", n->name);
	const struct inet *first = node_first_addr(n, 0);
	if (!first)
		return false;
	inet_addr_fmt(first, addr, len);
	return true;
}

/* Keep the telling lines of ping's output. */
static void ping_summary(const char *out, char *buf, size_t len)
{
	size_t o = 0;
	const char *p = out;

	buf[0] = '\0';
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t l = nl ? (size_t)(nl - p) : strlen(p);
		bool skip = l == 0 || strncmp(p, "PING ", 5) == 0 || strncmp(p, "--- ", 4) == 0 ||
			    strncmp(p, "rtt ", 4) == 0;
		if (!skip && o + 3 < len) {
			int k = snprintf(buf + o, len - o, "%s%.*s", o ? "; " : "", (int)l, p);
			if (k > 0)
				o += (size_t)k < len - o ? (size_t)k : len - o - 1;
		}
		p += l + (nl ? 1 : 0);
	}
	if (!buf[0])
		snprintf(buf, len, "%s", out[0] ? out : "no output from ping");
}

/* One ping from node n to addr: its exit status; output summarised. */
static int ping(lua_State *L, const struct node *n, const char *addr, char *saw, size_t len)
{
	char prog[] = "ping", count[] = "-c1", wait[] = "-W1", target_addr[INET_STRLEN];
	char *argv[] = { prog, count, wait, target_addr, NULL };
	struct lab_result r;
	struct nerr err;

	snprintf(target_addr, sizeof(target_addr), "%s", addr);
	if (lab_run(lab_get(L)->s, n, argv, NULL, 0, PROBE_TIMEOUT, &r, &err) < 0)
		return luaL_error(L, "%s", err.msg);
	ping_summary(r.out, saw, len);
	free(r.out);
	return r.status;
}

static int reach(lua_State *L, bool want)
{
	const struct node *a = lab_check_node(L, 1);
	char addr[INET_STRLEN], bname[NODE_NAME_MAX + 1], saw[SAW_MAX], descbuf[700];
	bool has = target(L, 2, addr, sizeof(addr), bname, sizeof(bname));
	const char *desc = luaL_optstring(L, 3, NULL);
	int status = 1;

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
	for (int i = 0; i < (want ? REACH_TRIES : 1); i++) {
		status = ping(L, a, addr, saw, sizeof(saw));
		if (status == 0 || lab_interrupted)
			break;
	}
	tap(L, (status == 0) == want, desc, saw);
	return 1;
}

/* expect.reach(a, b [, desc]): a ping from a to b's first address answers. */
static int e_reach(lua_State *L)
{
	return reach(L, true);
}

/* expect.unreachable(a, b [, desc]): it does not. */
static int e_unreachable(lua_State *L)
{
	return reach(L, false);
}

/* expect.output(node, cmd, pattern [, desc]): the program's output (stdout
 * and stderr) matches the Lua pattern. */
static int e_output(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1);
	const char *cmd = luaL_checkstring(L, 2);
	const char *pat = luaL_checkstring(L, 3);
	const char *desc = lua_isnoneornil(L, 4)
		? lua_pushfstring(L, "%s: '%s' prints '%s'", n->name, cmd, pat)
		: luaL_checkstring(L, 4);
	struct lab *lab = lab_get(L);
	struct lab_result r;
	struct nerr err;
	char **words, **argv, saw[SAW_MAX];
	int nw, rc;

	nw = lab_words(cmd, &words, &err);
	if (nw < 0)
		return luaL_error(L, "expect.output: %s", err.msg);
	if (dry(L)) {
		lab_words_free(words, nw);
		tap(L, -1, desc, "dry run");
		return 1;
	}
	argv = lab_argv(lab->s->model, (const char *const *)words, nw);
	rc = lab_run(lab->s, n, argv, NULL, 0, OUTPUT_TIMEOUT, &r, &err);
	lab_argv_free(argv);
	lab_words_free(words, nw);
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

static void from_nl(struct nl_addr *a, int family, struct inet *out)
{
	unsigned len;

	memset(out, 0, sizeof(*out));
	out->family = family;
	if (!a)
		return;
	len = nl_addr_get_len(a);
	if (len > sizeof(out->a))
		len = sizeof(out->a);
	if (len)
		memcpy(out->a, nl_addr_get_binary_addr(a), len);
	out->plen = (int)nl_addr_get_prefixlen(a);
}

static void route_text(struct rtnl_route *r, struct nl_cache *links, char *buf, size_t len)
{
	struct inet dst, gw;
	struct rtnl_nexthop *nh = rtnl_route_get_nnexthops(r) ? rtnl_route_nexthop_n(r, 0) : NULL;
	char d[INET_STRLEN], g[INET_STRLEN], dev[IFNAMSIZ];
	int fam = rtnl_route_get_family(r);

	from_nl(rtnl_route_get_dst(r), fam, &dst);
	from_nl(nh ? rtnl_route_nh_get_gateway(nh) : NULL, fam, &gw);
	snprintf(buf, len, "%s%s%s%s%s", dst.plen ? inet_fmt(&dst, false, d, sizeof(d)) : "default",
		 nh && rtnl_route_nh_get_gateway(nh) ? " via " : "",
		 nh && rtnl_route_nh_get_gateway(nh) ? inet_addr_fmt(&gw, g, sizeof(g)) : "",
		 nh ? " dev " : "",
		 nh ? rtnl_link_i2name(links, rtnl_route_nh_get_ifindex(nh), dev, sizeof(dev)) : "");
}

/* The gateway argument at i matches address gw: a node (any of its
 * addresses) or an address. */
static bool gw_matches(lua_State *L, int i, const struct inet *gw)
{
	const struct node *n;
	struct inet a;
	const char *why;

	if (lua_type(L, i) == LUA_TSTRING &&
	    !model_node(lab_get(L)->s->model, lua_tostring(L, i))) {
		if (inet_parse(lua_tostring(L, i), false, &a, &why) < 0)
			luaL_error(L, "expect.route: gateway '%s': %s", lua_tostring(L, i), why);
		a.plen = gw->plen;
		return gw->family && inet_equal(&a, gw);
	}
	n = lab_check_node(L, i);
	for (size_t f = 0; f < n->nifaces; f++)
		for (size_t k = 0; k < n->ifaces[f]->naddrs; k++) {
			a = n->ifaces[f]->addrs[k];
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
	const struct node *n = lab_check_node(L, 1);
	struct lab *lab = lab_get(L);
	char addr[INET_STRLEN], dname[NODE_NAME_MAX + 1], desc[700], saw[SAW_MAX], gwname[300];
	struct inet q;
	const char *why;
	bool has_gw = !lua_isnoneornil(L, 3);

	if (lua_type(L, 2) == LUA_TSTRING && !model_node(lab->s->model, lua_tostring(L, 2))) {
		if (inet_parse(lua_tostring(L, 2), false, &q, &why) < 0)
			return luaL_error(L, "expect.route: '%s': %s", lua_tostring(L, 2), why);
		q = inet_net(&q);
		inet_fmt(&q, true, dname, sizeof(dname));
	} else {
		const struct node *d = lab_check_node(L, 2);
		const struct inet *first = node_first_addr(d, 0);
		if (!first)
			return luaL_error(L, "expect.route: node '%s' has no address", d->name);
		q = *first;
		q.plen = q.family == AF_INET ? 32 : 128;
		snprintf(dname, sizeof(dname), "%s (%s)", d->name, inet_addr_fmt(&q, addr, sizeof(addr)));
	}
	if (has_gw) {
		snprintf(gwname, sizeof(gwname), "%s", lab_check_word(L, 3));
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
	struct nl_sock *sk = kernel_sock(lab->s->kernel, n, &err);
	struct nl_cache *routes = NULL, *links = NULL;
	struct rtnl_route *best = NULL;
	int best_plen = -1, rc;
	unsigned best_prio = 0;

	if (!sk)
		return luaL_error(L, "expect.route: %s", err.msg);
	if ((rc = rtnl_route_alloc_cache(sk, q.family, 0, &routes)) < 0 ||
	    (rc = rtnl_link_alloc_cache(sk, AF_UNSPEC, &links)) < 0) {
		if (routes)
			nl_cache_free(routes);
		return luaL_error(L, "expect.route: reading the routes of %s: %s", n->name,
				  nl_geterror(rc));
	}
	size_t used = 0;
	char all[SAW_MAX] = "";
	for (struct nl_object *o = nl_cache_get_first(routes); o; o = nl_cache_get_next(o)) {
		struct rtnl_route *r = (struct rtnl_route *)o;
		struct inet dst;
		if (rtnl_route_get_table(r) != RT_TABLE_MAIN || rtnl_route_get_type(r) != RTN_UNICAST ||
		    rtnl_route_get_family(r) != q.family)
			continue;
		from_nl(rtnl_route_get_dst(r), q.family, &dst);
		if (used + 3 < sizeof(all)) {
			char t[200];
			route_text(r, links, t, sizeof(t));
			int k = snprintf(all + used, sizeof(all) - used, "%s%s", used ? "; " : "", t);
			if (k > 0)
				used += (size_t)k < sizeof(all) - used ? (size_t)k : sizeof(all) - used - 1;
		}
		if (dst.plen > q.plen || !inet_in_prefix(&q, &dst))
			continue;
		unsigned prio = rtnl_route_get_priority(r);
		if (dst.plen > best_plen || (dst.plen == best_plen && prio < best_prio)) {
			best = r;
			best_plen = dst.plen;
			best_prio = prio;
		}
	}
	bool ok = false;
	if (!best) {
		snprintf(saw, sizeof(saw), "no route to %s (routes: %s)", dname, all[0] ? all : "none");
	} else {
		struct rtnl_nexthop *nh = rtnl_route_get_nnexthops(best) ? rtnl_route_nexthop_n(best, 0)
									  : NULL;
		struct inet gw;
		from_nl(nh ? rtnl_route_nh_get_gateway(nh) : NULL, q.family, &gw);
		if (!nh || !rtnl_route_nh_get_gateway(nh))
			gw.family = 0;
		route_text(best, links, saw, sizeof(saw));
		ok = !has_gw || gw_matches(L, 3, &gw);
	}
	nl_cache_free(routes);
	nl_cache_free(links);
	tap(L, ok, desc, saw);
	return 1;
}

void lab_open_expect(lua_State *L)
{
	static const luaL_Reg funcs[] = {
		{ "ok", e_ok }, { "eq", e_eq }, { "match", e_match },
		{ "reach", e_reach }, { "unreachable", e_unreachable },
		{ "output", e_output }, { "route", e_route }, { NULL, NULL },
	};

	/* string.find, safe from scripts that replace it. */
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 0);
	lua_getfield(L, -1, "find");
	lua_setfield(L, LUA_REGISTRYINDEX, "netsh.find");
	lua_pop(L, 1);
	luaL_newlib(L, funcs);
	lua_setglobal(L, "expect");
}
