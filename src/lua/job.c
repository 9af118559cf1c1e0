/* SPDX-License-Identifier: GPL-2.0-or-later */
/* job.c: n:spawn(..., {job = true}) starts the program as a background job
 * (engine/jobs.h), as `NODE CMD &` does: it outlives the lab and netsh,
 * `jobs` lists it, `stop ID` and `destroy` end it. Its handle has the
 * process handle's fields and methods (id and log too), answered from the
 * job's record and log. */
#include <lauxlib.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "engine/jobs.h"
#include "lua/api.h"

#define JOB_MT "netsh.job"

struct job_handle {
	int id;
	pid_t pid;
};

/* The job's record and state now; false if the lab has forgotten it
 * (destroy). */
static bool job_now(lua_State *L, const struct job_handle *h, struct job *out)
{
	struct job *v;
	size_t n;
	struct nerr err;
	bool found = false;

	if (jobs_list(lab_get(L)->s, &v, &n, &err) < 0)
		return false;
	for (size_t i = 0; i < n && !found; i++)
		if (v[i].id == h->id) {
			*out = v[i];
			found = true;
		}
	free(v);
	return found;
}

static bool job_running(lua_State *L, const struct job_handle *h)
{
	struct job j;

	return job_now(L, h, &j) && j.state == JOB_RUNNING;
}

/* Everything in the job's log (what it printed so far). */
static void push_log(lua_State *L, const struct job_handle *h)
{
	char *path = job_log(lab_get(L)->s, h->id);
	FILE *f = fopen(path, "re");
	luaL_Buffer b;
	char buf[4096];
	size_t got;

	free(path);
	luaL_buffinit(L, &b);
	while (f && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		luaL_addlstring(&b, buf, got);
	if (f)
		fclose(f);
	luaL_pushresult(&b);
}

int lab_spawn_job(lua_State *L, const struct node *n, char *const argv[], struct nerr *err)
{
	struct job_handle *h;
	struct job j;
	int id;

	if (job_start(lab_get(L)->s, n, argv, &id, err) < 0)
		return -1;
	h = lua_newuserdatauv(L, sizeof(*h), 0);
	h->id = id;
	h->pid = job_now(L, h, &j) ? j.pid : 0;
	luaL_setmetatable(L, JOB_MT);
	return 1;
}

/* j:wait([timeout]): as p:wait, but a job that outlives the timeout is
 * stopped (TERM, then KILL) and its status is 124. */
static int l_job_wait(lua_State *L)
{
	struct job_handle *h = luaL_checkudata(L, 1, JOB_MT);
	double timeout = luaL_optnumber(L, 2, 0);
	struct timespec t0, t;
	struct job j = { .state = JOB_GONE, .status = -1 };
	struct nerr err;
	const char *how;
	bool timed_out = false, known;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((known = job_now(L, h, &j)) && j.state == JOB_RUNNING && !lab_interrupted) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (timeout > 0 && (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9 >= timeout) {
			timed_out = true;
			break;
		}
		poll(NULL, 0, 20);
	}
	if (!known) {		/* forgotten (destroy): how it ended is unknown */
		j.state = JOB_GONE;
		j.status = -1;
	}
	if (known && (timed_out || lab_interrupted)) {
		job_stop(lab_get(L)->s, h->id, &how, &err);
		j.status = timed_out ? 124 : 130;
	}
	lua_pushboolean(L, j.state == JOB_EXITED && j.status == 0);
	push_log(L, h);
	lua_pushinteger(L, j.status);
	return 3;
}

/* j:kill(): stop it as `stop ID` does; true if it was running. */
static int l_job_kill(lua_State *L)
{
	struct job_handle *h = luaL_checkudata(L, 1, JOB_MT);
	struct nerr err;
	const char *how;
	bool was = job_running(L, h);

	if (was && job_stop(lab_get(L)->s, h->id, &how, &err) < 0)
		return luaL_error(L, "kill: %s", err.msg);
	lua_pushboolean(L, was);
	return 1;
}

static int l_job_running(lua_State *L)
{
	lua_pushboolean(L, job_running(L, luaL_checkudata(L, 1, JOB_MT)));
	return 1;
}

static int l_job_output(lua_State *L)
{
	push_log(L, luaL_checkudata(L, 1, JOB_MT));
	return 1;
}

static int job_tostring(lua_State *L)
{
	struct job_handle *h = luaL_checkudata(L, 1, JOB_MT);
	struct job j;

	if (!job_now(L, h, &j))
		lua_pushfstring(L, "job %d (pid %d), gone with its lab", h->id, (int)h->pid);
	else
		lua_pushfstring(L, "job %d (pid %d, %s in %s), %s", h->id, (int)h->pid, j.cmd, j.node,
				j.state == JOB_RUNNING ? "running" : "ended");
	return 1;
}

static int job_index(lua_State *L)
{
	struct job_handle *h = luaL_checkudata(L, 1, JOB_MT);
	const char *k = luaL_checkstring(L, 2);

	if (strcmp(k, "pid") == 0 || strcmp(k, "id") == 0) {
		lua_pushinteger(L, k[0] == 'p' ? h->pid : h->id);
		return 1;
	}
	if (strcmp(k, "log") == 0) {
		char *path = job_log(lab_get(L)->s, h->id);
		lua_pushstring(L, path);
		free(path);
		return 1;
	}
	if (lua_getfield(L, lua_upvalueindex(1), k) != LUA_TNIL)
		return 1;
	return luaL_error(L, "job handles have no field '%s' (id, pid, log; methods: wait, kill, "
			  "running, output)", k);
}

void lab_open_job(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "wait", l_job_wait }, { "kill", l_job_kill }, { "running", l_job_running },
		{ "output", l_job_output }, { NULL, NULL },
	};

	luaL_newmetatable(L, JOB_MT);
	lua_pushcfunction(L, job_tostring);
	lua_setfield(L, -2, "__tostring");
	luaL_newlib(L, methods);
	lua_pushcclosure(L, job_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
}
