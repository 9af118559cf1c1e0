/* SPDX-License-Identifier: GPL-2.0-or-later */
/* liblua.c: Lua, loaded when netsh first runs a lab or a lesson's check
 * rather than at every start (core/lazylib.h); the file name comes from
 * configure (LUA_SONAME). Lua's two variadic functions netsh calls are
 * made here from their va_list forms, as lauxlib makes luaL_error. */
#include <stdarg.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "core/lazylib.h"
#include "lua/run.h"

static struct lazylib lua = { LUA_SONAME, NULL };

int lab_lua_load(struct nerr *err)
{
	return lazylib_load(&lua, err);
}

const char *lua_pushfstring(lua_State *L, const char *fmt, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	return s;
}

/* Raise the message with where it happened, as lauxlib does. */
int luaL_error(lua_State *L, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	luaL_where(L, 1);
	lua_pushvfstring(L, fmt, ap);
	va_end(ap);
	lua_concat(L, 2);
	return lua_error(L);
}

FORWARD_VOID(lua, luaL_addlstring, (luaL_Buffer *B, const char *s, size_t l), (B, s, l))
FORWARD(lua, int, luaL_argerror, (lua_State *L, int arg, const char *extramsg), (L, arg, extramsg))
FORWARD_VOID(lua, luaL_buffinit, (lua_State *L, luaL_Buffer *B), (L, B))
FORWARD(lua, int, luaL_callmeta, (lua_State *L, int obj, const char *e), (L, obj, e))
FORWARD_VOID(lua, luaL_checkany, (lua_State *L, int arg), (L, arg))
FORWARD(lua, lua_Integer, luaL_checkinteger, (lua_State *L, int arg), (L, arg))
FORWARD(lua, const char *, luaL_checklstring, (lua_State *L, int arg, size_t *l), (L, arg, l))
FORWARD(lua, void *, luaL_checkudata, (lua_State *L, int ud, const char *tname), (L, ud, tname))
FORWARD_VOID(lua, luaL_checkversion_, (lua_State *L, lua_Number ver, size_t sz), (L, ver, sz))
FORWARD(lua, int, luaL_loadbufferx,
	(lua_State *L, const char *buff, size_t sz, const char *name, const char *mode),
	(L, buff, sz, name, mode))
FORWARD(lua, int, luaL_loadfilex, (lua_State *L, const char *filename, const char *mode),
	(L, filename, mode))
FORWARD(lua, int, luaL_newmetatable, (lua_State *L, const char *tname), (L, tname))
FORWARD(lua, lua_State *, luaL_newstate, (void), ())
FORWARD_VOID(lua, luaL_openlibs, (lua_State *L), (L))
FORWARD(lua, lua_Integer, luaL_optinteger, (lua_State *L, int arg, lua_Integer def), (L, arg, def))
FORWARD(lua, const char *, luaL_optlstring, (lua_State *L, int arg, const char *def, size_t *l),
	(L, arg, def, l))
FORWARD(lua, lua_Number, luaL_optnumber, (lua_State *L, int arg, lua_Number def), (L, arg, def))
FORWARD_VOID(lua, luaL_pushresult, (luaL_Buffer *B), (B))
FORWARD_VOID(lua, luaL_requiref, (lua_State *L, const char *modname, lua_CFunction openf, int glb),
	(L, modname, openf, glb))
FORWARD_VOID(lua, luaL_setfuncs, (lua_State *L, const luaL_Reg *l, int nup), (L, l, nup))
FORWARD_VOID(lua, luaL_setmetatable, (lua_State *L, const char *tname), (L, tname))
FORWARD(lua, void *, luaL_testudata, (lua_State *L, int ud, const char *tname), (L, ud, tname))
FORWARD(lua, const char *, luaL_tolstring, (lua_State *L, int idx, size_t *len), (L, idx, len))
FORWARD_VOID(lua, luaL_traceback, (lua_State *L, lua_State *L1, const char *msg, int level),
	(L, L1, msg, level))
FORWARD_VOID(lua, luaL_where, (lua_State *L, int lvl), (L, lvl))
FORWARD(lua, int, lua_absindex, (lua_State *L, int idx), (L, idx))
FORWARD_VOID(lua, lua_callk,
	(lua_State *L, int nargs, int nresults, lua_KContext ctx, lua_KFunction k),
	(L, nargs, nresults, ctx, k))
FORWARD(lua, int, lua_checkstack, (lua_State *L, int n), (L, n))
FORWARD_VOID(lua, lua_close, (lua_State *L), (L))
FORWARD(lua, int, lua_compare, (lua_State *L, int idx1, int idx2, int op), (L, idx1, idx2, op))
FORWARD_VOID(lua, lua_concat, (lua_State *L, int n), (L, n))
FORWARD_VOID(lua, lua_copy, (lua_State *L, int fromidx, int toidx), (L, fromidx, toidx))
FORWARD_VOID(lua, lua_createtable, (lua_State *L, int narr, int nrec), (L, narr, nrec))
FORWARD(lua, int, lua_error, (lua_State *L), (L))
FORWARD(lua, int, lua_getfield, (lua_State *L, int idx, const char *k), (L, idx, k))
FORWARD(lua, int, lua_getglobal, (lua_State *L, const char *name), (L, name))
FORWARD(lua, int, lua_getinfo, (lua_State *L, const char *what, lua_Debug *ar), (L, what, ar))
FORWARD(lua, int, lua_getstack, (lua_State *L, int level, lua_Debug *ar), (L, level, ar))
FORWARD(lua, int, lua_gettop, (lua_State *L), (L))
FORWARD(lua, int, lua_isnumber, (lua_State *L, int idx), (L, idx))
FORWARD(lua, void *, lua_newuserdatauv, (lua_State *L, size_t sz, int nuvalue), (L, sz, nuvalue))
FORWARD(lua, int, lua_pcallk,
	(lua_State *L, int nargs, int nresults, int errfunc, lua_KContext ctx, lua_KFunction k),
	(L, nargs, nresults, errfunc, ctx, k))
FORWARD_VOID(lua, lua_pushboolean, (lua_State *L, int b), (L, b))
FORWARD_VOID(lua, lua_pushcclosure, (lua_State *L, lua_CFunction fn, int n), (L, fn, n))
FORWARD_VOID(lua, lua_pushinteger, (lua_State *L, lua_Integer n), (L, n))
FORWARD_VOID(lua, lua_pushlightuserdata, (lua_State *L, void *p), (L, p))
FORWARD(lua, const char *, lua_pushlstring, (lua_State *L, const char *s, size_t len), (L, s, len))
FORWARD_VOID(lua, lua_pushnil, (lua_State *L), (L))
FORWARD_VOID(lua, lua_pushnumber, (lua_State *L, lua_Number n), (L, n))
FORWARD(lua, const char *, lua_pushstring, (lua_State *L, const char *s), (L, s))
FORWARD_VOID(lua, lua_pushvalue, (lua_State *L, int idx), (L, idx))
FORWARD(lua, const char *, lua_pushvfstring, (lua_State *L, const char *fmt, va_list argp),
	(L, fmt, argp))
FORWARD(lua, int, lua_rawgetp, (lua_State *L, int idx, const void *p), (L, idx, p))
FORWARD_VOID(lua, lua_rawset, (lua_State *L, int idx), (L, idx))
FORWARD_VOID(lua, lua_rawseti, (lua_State *L, int idx, lua_Integer n), (L, idx, n))
FORWARD_VOID(lua, lua_rawsetp, (lua_State *L, int idx, const void *p), (L, idx, p))
FORWARD_VOID(lua, lua_rotate, (lua_State *L, int idx, int n), (L, idx, n))
FORWARD_VOID(lua, lua_setfield, (lua_State *L, int idx, const char *k), (L, idx, k))
FORWARD_VOID(lua, lua_setglobal, (lua_State *L, const char *name), (L, name))
FORWARD_VOID(lua, lua_sethook, (lua_State *L, lua_Hook func, int mask, int count),
	(L, func, mask, count))
FORWARD(lua, int, lua_setmetatable, (lua_State *L, int objindex), (L, objindex))
FORWARD_VOID(lua, lua_settop, (lua_State *L, int idx), (L, idx))
FORWARD(lua, size_t, lua_stringtonumber, (lua_State *L, const char *s), (L, s))
FORWARD(lua, int, lua_toboolean, (lua_State *L, int idx), (L, idx))
FORWARD(lua, const char *, lua_tolstring, (lua_State *L, int idx, size_t *len), (L, idx, len))
FORWARD(lua, lua_Number, lua_tonumberx, (lua_State *L, int idx, int *isnum), (L, idx, isnum))
FORWARD(lua, void *, lua_touserdata, (lua_State *L, int idx), (L, idx))
FORWARD(lua, int, lua_type, (lua_State *L, int idx), (L, idx))
FORWARD(lua, const char *, lua_typename, (lua_State *L, int tp), (L, tp))
FORWARD(lua, int, luaopen_base, (lua_State *L), (L))
FORWARD(lua, int, luaopen_coroutine, (lua_State *L), (L))
FORWARD(lua, int, luaopen_math, (lua_State *L), (L))
FORWARD(lua, int, luaopen_string, (lua_State *L), (L))
FORWARD(lua, int, luaopen_table, (lua_State *L), (L))
FORWARD(lua, int, luaopen_utf8, (lua_State *L), (L))
