/* lua-proc.c: programs run inside nodes with their output captured:
 * n:exec(...) waits for the program, n:spawn(...) returns a process handle
 * (p:wait, p:kill, p:output). Output goes to a memory file, so a chatty or
 * backgrounded program never blocks on a full pipe. Each program runs in
 * its own process group, which a timeout, an interrupt or the end of the lab
 * kills whole. */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kernel/kernel.h"
#include "lua/api.h"
#include "core/xalloc.h"

#define PROC_MT "netsh.proc"

struct proc {
	pid_t pid;
	int pidfd;		/* -1 when pidfd_open is missing */
	int outfd;		/* the memory file holding the output */
	bool done;		/* reaped: status is final */
	int status;
	char name[64];		/* the program, for messages */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void child(struct session *s, const struct node *n, char *const argv[],
		  int infd, int outfd)
{
	struct nerr err;
	sigset_t none;

	setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(infd, 0) < 0 || dup2(outfd, 1) < 0 || dup2(outfd, 2) < 0)
		_exit(126);
	if (kernel_enter_exec(s->kernel, n, &err) < 0) {
		dprintf(2, "netsh: cannot enter %s: %s\n", n->name, err.msg);
		_exit(126);
	}
	setenv("NETSH_NODE", n->name, 1);
	execvp(argv[0], argv);
	int e = errno;
	dprintf(2, "netsh: '%s': %s\n", argv[0], e == ENOENT ? "command not found" : strerror(e));
	_exit(e == ENOENT ? 127 : 126);
}

static int start(struct session *s, const struct node *n, char *const argv[],
		 const char *input, size_t inlen, struct proc *p, struct nerr *err)
{
	int infd;

	memset(p, 0, sizeof(*p));
	p->pidfd = p->outfd = -1;
	snprintf(p->name, sizeof(p->name), "%s", argv[0]);
	if (!s->kernel)
		return nerr_set(err, -1, "running programs needs the kernel (not in a dry run)");
	p->outfd = memfd_create("netsh-output", MFD_CLOEXEC);
	if (p->outfd < 0)
		return nerr_set(err, -1, "memfd_create: %s", strerror(errno));
	if (input) {
		infd = memfd_create("netsh-input", MFD_CLOEXEC);
		for (size_t done = 0; infd >= 0 && done < inlen;) {
			ssize_t w = write(infd, input + done, inlen - done);
			if (w < 0) {
				close(infd);
				infd = -1;
				break;
			}
			done += (size_t)w;
		}
		if (infd >= 0)
			lseek(infd, 0, SEEK_SET);
	} else {
		infd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	}
	if (infd < 0) {
		nerr_set(err, -1, "preparing the input: %s", strerror(errno));
		close(p->outfd);
		p->outfd = -1;
		return -1;
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid == 0)
		child(s, n, argv, infd, p->outfd);
	close(infd);
	if (p->pid < 0) {
		nerr_set(err, -1, "fork: %s", strerror(errno));
		close(p->outfd);
		p->outfd = -1;
		return -1;
	}
	setpgid(p->pid, p->pid);	/* either side may win the race */
	p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
	return 0;
}

static void reaped(struct proc *p, int st)
{
	p->done = true;
	p->status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->pidfd = -1;
}

/* Wait until the program exits (0), the time runs out (1) or Ctrl-C (2). */
static int wait_proc(struct proc *p, double timeout)
{
	double deadline = timeout > 0 ? now() + timeout : 0;
	int st;

	while (!p->done) {
		pid_t r = waitpid(p->pid, &st, WNOHANG);
		if (r == p->pid) {
			reaped(p, st);
			break;
		}
		if (r < 0 && errno != EINTR) {
			reaped(p, 127 << 8);
			break;
		}
		if (lab_interrupted)
			return 2;
		int ms = 1000;
		if (deadline) {
			double left = deadline - now();
			if (left <= 0)
				return 1;
			if (left * 1000 < ms)
				ms = (int)ceil(left * 1000);
		}
		if (p->pidfd >= 0) {
			struct pollfd pfd = { .fd = p->pidfd, .events = POLLIN };
			poll(&pfd, 1, ms);
		} else {
			poll(NULL, 0, ms < 10 ? ms : 10);
		}
	}
	return 0;
}

/* Signal the program's whole process group, while the leader is ours. */
static void signal_proc(struct proc *p, int sig)
{
	if (p->done || p->pid <= 0)
		return;
	kill(-p->pid, sig);
	kill(p->pid, sig);
}

static void kill_proc(struct proc *p, int status)
{
	int st;

	if (p->done || p->pid <= 0)
		return;
	signal_proc(p, SIGKILL);
	while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR)
		;
	reaped(p, st);
	p->status = status;
}

static char *read_output(const struct proc *p, size_t *len)
{
	struct stat sb;
	char *buf;
	size_t got = 0;

	*len = 0;
	if (p->outfd < 0 || fstat(p->outfd, &sb) < 0)
		return xstrdup("");
	buf = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		ssize_t r = pread(p->outfd, buf + got, (size_t)sb.st_size - got, (off_t)got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

static void close_proc(struct proc *p)
{
	kill_proc(p, 137);
	if (p->outfd >= 0)
		close(p->outfd);
	p->outfd = -1;
}

/* Wait with a time limit; a program still running then is killed. */
static void finish(struct proc *p, double timeout)
{
	switch (wait_proc(p, timeout)) {
	case 1:
		kill_proc(p, 124);
		break;
	case 2:
		kill_proc(p, 130);
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
	r->out = read_output(&p, &r->len);
	close_proc(&p);
	return 0;
}

/* ---- Lua side ---- */

struct exec_args {
	char **words;
	int nwords;
	const char *input;
	size_t inlen;
	double timeout;
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
	}
	if (last < 2)
		luaL_error(L, "%s: give a program to run", what);
	for (int i = 2; i <= last; i++)
		lab_check_word(L, i);
	if (last == 2) {
		a->nwords = lab_words(lua_tostring(L, 2), &a->words, &err);
		if (a->nwords < 0)
			luaL_error(L, "%s: %s", what, err.msg);
		return;
	}
	a->nwords = last - 1;
	a->words = xcalloc((size_t)a->nwords + 1, sizeof(*a->words));
	for (int i = 2; i <= last; i++)
		a->words[i - 2] = xstrdup(lab_check_word(L, i));
}

/* n:exec(cmd [, {input=, timeout=}]) -> ok, output, status */
static int node_exec(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1);
	struct lab *lab = lab_get(L);
	struct exec_args a;
	struct lab_result r;
	struct nerr err;
	char **argv;
	int rc;

	check_exec_args(L, "exec", &a);
	argv = lab_argv(lab->s->model, (const char *const *)a.words, a.nwords);
	rc = lab_run(lab->s, n, argv, a.input, a.inlen, a.timeout, &r, &err);
	lab_argv_free(argv);
	lab_words_free(a.words, a.nwords);
	if (rc < 0)
		return luaL_error(L, "exec: %s", err.msg);
	lua_pushboolean(L, r.status == 0);
	lua_pushlstring(L, r.out, r.len);
	lua_pushinteger(L, r.status);
	free(r.out);
	return 3;
}

/* n:spawn(cmd [, {input=}]) -> process handle, running in the background. */
static int node_spawn(lua_State *L)
{
	const struct node *n = lab_check_node(L, 1);
	struct lab *lab = lab_get(L);
	struct exec_args a;
	struct nerr err;
	struct proc *p;
	char **argv;
	int rc;

	check_exec_args(L, "spawn", &a);
	p = lua_newuserdatauv(L, sizeof(*p), 0);
	memset(p, 0, sizeof(*p));
	p->done = true;
	p->outfd = p->pidfd = -1;
	luaL_setmetatable(L, PROC_MT);
	argv = lab_argv(lab->s->model, (const char *const *)a.words, a.nwords);
	rc = start(lab->s, n, argv, a.input, a.inlen, p, &err);
	lab_argv_free(argv);
	lab_words_free(a.words, a.nwords);
	if (rc < 0) {
		p->done = true;
		return luaL_error(L, "spawn: %s", err.msg);
	}
	return 1;
}

static int proc_wait(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	double timeout = luaL_optnumber(L, 2, 0);
	size_t len;
	char *out;

	finish(p, timeout);
	out = read_output(p, &len);
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

static int proc_kill(lua_State *L)
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
	signal_proc(p, sig);
	lua_pushboolean(L, !p->done);
	return 1;
}

static int proc_running(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	int st;

	if (!p->done && waitpid(p->pid, &st, WNOHANG) == p->pid)
		reaped(p, st);
	lua_pushboolean(L, !p->done);
	return 1;
}

static int proc_output(lua_State *L)
{
	struct proc *p = luaL_checkudata(L, 1, PROC_MT);
	size_t len;
	char *out = read_output(p, &len);

	lua_pushlstring(L, out, len);
	free(out);
	return 1;
}

static int proc_gc(lua_State *L)
{
	close_proc(luaL_checkudata(L, 1, PROC_MT));
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
		{ "wait", proc_wait }, { "kill", proc_kill }, { "running", proc_running },
		{ "output", proc_output }, { NULL, NULL },
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
