/* SPDX-License-Identifier: GPL-2.0-or-later */
/* node.c: node handles in Lua labs (n.name, n.ifaces, n:addr(), ...). A
 * handle names a node and the namespace it was made for; every read goes
 * to the live model, so a handle of a deleted node says so. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "lua/api.h"

#define NODE_MT "netsh.node"
#define METHODS_KEY "netsh.node.methods"

struct lnode {
	struct nsid id;		/* the namespace the handle was made for */
	char name[];
};

void lab_push_node(lua_State *L, const struct node *n)
{
	size_t len = strlen(n->name);
	struct lnode *h = lua_newuserdatauv(L, sizeof(*h) + len + 1, 0);

	h->id = n->id;
	memcpy(h->name, n->name, len + 1);
	luaL_setmetatable(L, NODE_MT);
}

/* Another netsh may have changed the lab, or built it before this lab
 * started, and a batch may have put work off: a script sees the lab whole. */
const struct model *lab_settled_model(lua_State *L)
{
	struct session *s = lab_get(L)->s;
	struct nerr err;

	if (session_settle(s, &err) < 0)
		luaL_error(L, "%s", err.msg);
	session_sync(s);
	return s->model;
}

/* The node a handle stands for, or NULL when it was deleted (or replaced
 * by a new node of the same name). */
static const struct node *handle_node(lua_State *L, const struct lnode *h)
{
	const struct node *n = model_node(lab_settled_model(L), h->name);

	if (n && memcmp(&n->id, &h->id, sizeof(n->id)) != 0)
		return NULL;
	return n;
}

static const struct node *live(lua_State *L, const struct lnode *h)
{
	const struct node *n = handle_node(L, h);

	if (n)
		return n;
	if (model_node(lab_get(L)->s->model, h->name))
		luaL_error(L, "node '%s' was deleted (a new node has its name: "
			   "netsh.get('%s') gives its handle)", h->name, h->name);
	luaL_error(L, "node '%s' was deleted", h->name);
	return NULL;
}

const char *lab_check_text(lua_State *L, int i, const char *fname)
{
	const char *s;
	size_t len;

	if (lua_type(L, i) != LUA_TSTRING && lua_type(L, i) != LUA_TNUMBER)
		luaL_error(L, "bad argument #%d to '%s' (string expected, got %s)", i, fname,
			   luaL_typename(L, i));
	s = lua_tolstring(L, i, &len);	/* converts a number in place */
	if (strlen(s) != len)
		luaL_error(L, "bad argument #%d to '%s' (the string holds a NUL byte, which no "
			   "name or word of netsh can)", i, fname);
	return s;
}

const struct node *lab_check_node(lua_State *L, int i, const char *fname)
{
	struct lnode *h = luaL_testudata(L, i, NODE_MT);
	const struct node *n;
	const char *name;

	if (h)
		return live(L, h);
	if (lua_type(L, i) != LUA_TSTRING)
		luaL_error(L, "bad argument #%d to '%s' (node expected, got %s)", i, fname,
			   luaL_typename(L, i));
	name = lab_check_text(L, i, fname);
	n = model_node(lab_settled_model(L), name);
	if (!n) {
		struct nerr err;
		arg_no_such_node(lab_get(L)->s->model, name, -1, &err);
		luaL_error(L, "%s", err.msg);
	}
	return n;
}

const char *lab_check_word(lua_State *L, int i, const char *fname)
{
	struct lnode *h = luaL_testudata(L, i, NODE_MT);

	if (h) {
		live(L, h);
		return h->name;
	}
	return lab_check_text(L, i, fname);
}

static void push_inet(lua_State *L, const struct inet *a, bool bare)
{
	char buf[INET_STRLEN];

	lua_pushstring(L, bare ? inet_addr_fmt(a, buf, sizeof(buf))
			       : inet_fmt(a, false, buf, sizeof(buf)));
}

static void push_iface(lua_State *L, const struct iface *f)
{
	lua_createtable(L, 0, 7);
	lua_pushstring(L, f->name);
	lua_setfield(L, -2, "name");
	lua_pushboolean(L, f->up);
	lua_setfield(L, -2, "up");
	lua_pushboolean(L, f->bridge);
	lua_setfield(L, -2, "bridge");
	lua_pushboolean(L, f->port);
	lua_setfield(L, -2, "port");
	if (f->peer) {
		lua_pushstring(L, f->peer);
		lua_setfield(L, -2, "peer");
		lua_pushstring(L, f->peer_if);
		lua_setfield(L, -2, "peer_if");
	}
	lua_createtable(L, (int)f->naddrs, 0);
	for (size_t i = 0; i < f->naddrs; i++) {
		push_inet(L, &f->addrs[i], false);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "addrs");
}

static void push_route(lua_State *L, const struct route *r)
{
	lua_createtable(L, 0, 3);
	if (r->dst.plen == 0)
		lua_pushliteral(L, "default");
	else
		push_inet(L, &r->dst, false);
	lua_setfield(L, -2, "dst");
	if (r->gw.family) {
		push_inet(L, &r->gw, true);
		lua_setfield(L, -2, "via");
	}
	if (r->dev[0]) {
		lua_pushstring(L, r->dev);
		lua_setfield(L, -2, "dev");
	}
}

static int node_index(lua_State *L)
{
	struct lnode *h = luaL_checkudata(L, 1, NODE_MT);
	const char *k = luaL_checkstring(L, 2);
	const struct node *n;

	if (strcmp(k, "name") == 0) {
		lua_pushstring(L, h->name);
		return 1;
	}
	lua_getfield(L, LUA_REGISTRYINDEX, METHODS_KEY);
	if (lua_getfield(L, -1, k) != LUA_TNIL)
		return 1;
	lua_pop(L, 2);
	n = live(L, h);
	if (strcmp(k, "kind") == 0) {
		lua_pushstring(L, node_kind_name(n->kind));
	} else if (strcmp(k, "ifaces") == 0) {
		lua_createtable(L, (int)n->nifaces, (int)n->nifaces);
		for (size_t i = 0; i < n->nifaces; i++) {
			push_iface(L, n->ifaces[i]);
			lua_pushvalue(L, -1);
			lua_setfield(L, -3, n->ifaces[i]->name);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	} else if (strcmp(k, "addrs") == 0) {
		lua_Integer j = 0;
		lua_newtable(L);
		for (size_t i = 0; i < n->nifaces; i++)
			for (size_t a = 0; a < n->ifaces[i]->naddrs; a++) {
				push_inet(L, &n->ifaces[i]->addrs[a], false);
				lua_rawseti(L, -2, ++j);
			}
	} else if (strcmp(k, "routes") == 0) {
		lua_createtable(L, (int)n->nroutes, 0);
		for (size_t i = 0; i < n->nroutes; i++) {
			push_route(L, &n->routes[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
	} else {
		return luaL_error(L, "node handles have no field '%s' (fields: name, kind, ifaces, "
				  "addrs, routes; methods: exec, spawn, addr)", k);
	}
	return 1;
}

static int node_newindex(lua_State *L)
{
	struct lnode *h = luaL_checkudata(L, 1, NODE_MT);

	return luaL_error(L, "node '%s': a node handle is read-only (use the commands to "
			  "change the lab)", h->name);
}

/* n:addr([4|6]): the node's first address, without the prefix length. */
static int node_addr(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1, "addr");
	lua_Integer fam = luaL_optinteger(L, 2, 0);
	struct inet a;

	luaL_argcheck(L, fam == 0 || fam == 4 || fam == 6, 2, "4 or 6 expected");
	if (!session_node_addr(lab_get(L)->s, n, fam == 4 ? AF_INET : fam == 6 ? AF_INET6 : 0, &a))
		return 0;
	push_inet(L, &a, true);
	return 1;
}

static int node_tostring(lua_State *L)
{
	struct lnode *h = luaL_checkudata(L, 1, NODE_MT);

	lua_pushfstring(L, "node %s%s", h->name, handle_node(L, h) ? "" : " (deleted)");
	return 1;
}

static int node_eq(lua_State *L)
{
	struct lnode *a = luaL_checkudata(L, 1, NODE_MT), *b = luaL_checkudata(L, 2, NODE_MT);

	lua_pushboolean(L, strcmp(a->name, b->name) == 0 && memcmp(&a->id, &b->id, sizeof(a->id)) == 0);
	return 1;
}

/* "ping " .. n: a handle concatenates as its name. */
static int node_concat(lua_State *L)
{
	for (int i = 1; i <= 2; i++) {
		struct lnode *h = luaL_testudata(L, i, NODE_MT);
		if (h)
			lua_pushstring(L, h->name);
		else if (lua_type(L, i) == LUA_TSTRING || lua_type(L, i) == LUA_TNUMBER)
			lua_pushvalue(L, i);
		else
			return luaL_error(L, "attempt to concatenate a %s value with a node handle",
					  luaL_typename(L, i));
	}
	lua_concat(L, 2);
	return 1;
}

void lab_open_node(lua_State *L)
{
	static const luaL_Reg node_meta[] = {
		{ "__index", node_index }, { "__newindex", node_newindex },
		{ "__tostring", node_tostring }, { "__eq", node_eq },
		{ "__concat", node_concat }, { NULL, NULL },
	};

	luaL_newmetatable(L, NODE_MT);
	luaL_setfuncs(L, node_meta, 0);
	lua_pushliteral(L, "node handles are not for inspection");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	lua_newtable(L);
	lua_pushcfunction(L, node_addr);
	lua_setfield(L, -2, "addr");
	lua_setfield(L, LUA_REGISTRYINDEX, METHODS_KEY);
}
