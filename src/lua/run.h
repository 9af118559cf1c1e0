/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lua-run.h: running Lua lab files (`netsh FILE.lab`, `source FILE.lab`).
 * The API the scripts see is in lua-api.h and doc/lua.md. */
#ifndef NETSH_LUA_RUN_H
#define NETSH_LUA_RUN_H

#include <stdbool.h>

#include "core/error.h"
#include "engine/session.h"

/* Load Lua (liblua.c), or say why it cannot be; running a lab does. */
int lab_lua_load(struct nerr *err);

/* Run a lab file with key=value arguments (they become the global table
 * `params`, numbers and true/false converted). A file not found that names
 * no directory is looked for in the installed labs directory too. Script
 * errors print FILE:LINE and a traceback; expectations print TAP and, at
 * the end, the plan line. Returns 0 when the lab ran to its end with every
 * expectation met, 1 when not, 130 when interrupted (Ctrl-C); then *why
 * says what happened, and why->tok is 0 when that was already printed (a
 * traceback), -1 when the caller should report it. */
/* With s->sandbox (--sandbox) a lab runs without Lua's io, os, package,
 * require, dofile, loadfile and binary chunks; the session refuses what
 * would run a program or read a file. */
int lab_run_file(struct session *s, const char *path, int argc, char *const argv[],
		 struct nerr *why);

/* The same for Lua source in memory (`name` is the chunk name). */
int lab_run_string(struct session *s, const char *name, const char *code,
		   int argc, char *const argv[], struct nerr *why);

/* Run a tutorial step's check (Lua expect.* calls) quietly: 0 when every
 * expectation held; 1 when one failed (*why: the first, "DESC: SAW") or
 * the check stopped on an error as it ran ('ns1': no such node); -1 when
 * it did not load or checked nothing (*why says it). */
int lab_run_check(struct session *s, const char *name, const char *code, struct nerr *why);

#endif
