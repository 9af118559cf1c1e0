/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-lua-api.c: the Lua API on a pure session (a dry run: no kernel, no
 * root): command functions, handles, parameters, the sandbox, and the exact
 * texts of the errors a script author sees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lua/run.h"
#include "engine/session.h"
#include "../unit/unit.h"

struct result {
	int rc;
	char out[16384], err[16384];
	struct nerr why;
};

/* Read what was written to f, without the "ip ..." lines a dry run prints
 * for each kernel step. */
static void slurp(FILE *f, char *buf, size_t len)
{
	char line[4096];
	size_t used = 0;

	fflush(f);
	rewind(f);
	buf[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "ip ", 3) == 0)
			continue;
		used += (size_t)snprintf(buf + used, len - used, "%s", line);
		if (used >= len)
			break;
	}
	fclose(f);
}

static bool sandboxed;	/* run() as with --sandbox */

/* Run `code` as lab "t.lab" in a fresh pure session. */
static struct result *run_args(const char *code, int argc, char *const argv[])
{
	static struct result r;
	struct session *s = session_pure();

	s->out = tmpfile();
	s->errout = tmpfile();
	s->quiet = true;
	s->sandbox = sandboxed;
	s->run_lab = lab_run_file;
	r.rc = lab_run_string(s, "t.lab", code, argc, argv, &r.why);
	slurp(s->out, r.out, sizeof(r.out));
	slurp(s->errout, r.err, sizeof(r.err));
	session_close(s);
	return &r;
}

static struct result *run(const char *code)
{
	return run_args(code, 0, NULL);
}

/* The error text of the last line of a script that must fail: the first
 * line of what it printed, without "netsh: ". */
static const char *first_err_line(struct result *r)
{
	static char line[1024];
	const char *p = strncmp(r->err, "netsh: ", 7) == 0 ? r->err + 7 : r->err;
	size_t n = strcspn(p, "\n");

	snprintf(line, sizeof(line), "%.*s", (int)n, p);
	return line;
}

static void test_commands(void)
{
	struct result *r;

	r = run("local a, b = node('a', 'b')\n"
		"print(a.name, b.name, a.kind, tostring(a))\n"
		"local r1 = router 'r1'\n"
		"print(r1.kind, switch('s1').kind)\n"
		"cable(a, 'b', '10.0.0.1/24', '10.0.0.2/24')\n"
		"print(a:addr(), a:addr(6), #a.ifaces, a.ifaces.eth0.peer, a.ifaces[1].addrs[1])\n"
		"print(a.addrs[1], b.ifaces[1].peer_if, a.ifaces[1].up)\n");
	CHECK(r->rc == 0, "commands as functions run (%s)", r->err);
	CHECK(strstr(r->out, "a\tb\tnode\tnode a\n") != NULL, "node returns handles");
	CHECK(strstr(r->out, "router\tswitch\n") != NULL, "router and switch return handles");
	CHECK(strstr(r->out, "10.0.0.1\tnil\t1\tb\t10.0.0.1/24\n") != NULL,
	      "n:addr, n.ifaces by index and by name");
	CHECK(strstr(r->out, "10.0.0.1/24\teth0\ttrue\n") != NULL, "n.addrs, peer_if, up");

	/* Numbers become words; handles too. */
	r = run("node(42)\nprint(netsh.get('42').name)\n"
		"local a = node 'a'\ncable(a, '42', 'subnet', '10.0.0.0/30')\n"
		"route(a, '10.1.0.0/16', 'via', '10.0.0.2')\n"
		"for _, rt in ipairs(a.routes) do print(rt.dst, rt.via) end\n");
	CHECK(r->rc == 0, "numbers are accepted as words (%s)", r->err);
	CHECK(strstr(r->out, "42\n") && strstr(r->out, "10.1.0.0/16\t10.0.0.2\n"),
	      "n.routes");

	/* netsh.run runs any line and returns the new nodes. */
	r = run("local x, y = netsh.run('node x y; cable x y')\nprint(x.name, y.name, #netsh.nodes())\n"
		"print(netsh.get('nope'), netsh.dry, netsh.sandbox, netsh.host.name)\n");
	CHECK(r->rc == 0 && strstr(r->out, "x\ty\t2\nnil\ttrue\tfalse\thost\n"),
	      "netsh.run, netsh.nodes, netsh.get, flags");

	/* Every command of the table is a function. */
	char code[4096];
	size_t used = (size_t)snprintf(code, sizeof(code), "local want = {");
	for (int i = 0; cmd_table[i]; i++)
		used += (size_t)snprintf(code + used, sizeof(code) - used, "'%s',", cmd_table[i]->name);
	snprintf(code + used, sizeof(code) - used,
		 "}\nfor _, c in ipairs(want) do\n"
		 "  assert(type(netsh.commands[c]) == 'function', c)\n"
		 "  assert(type(_G[c]) == 'function', c)\n"
		 "end\nprint(#want)\n");
	r = run(code);
	CHECK(r->rc == 0, "every command in cmd_table is a Lua function (%s)", r->err);

	/* Output of print goes where the session writes. */
	r = run("print('hello', 1, nil, true)\n");
	CHECK_STR(r->out, "hello\t1\tnil\ttrue\n", "print writes to the session's output");
}

static void test_errors(void)
{
	struct result *r;

	r = run("node(true)\n");
	CHECK_STR(first_err_line(r), "t.lab:1: bad argument #1 to 'node' (string expected, got boolean)",
		  "a boolean argument");
	CHECK(r->rc == 1 && r->why.tok == 0, "a script error: status 1, already reported");
	CHECK(strstr(r->err, "stack traceback:\n\t[C]: in function 'node'\n\tt.lab:1: in main chunk")
	      != NULL, "a traceback follows");

	r = run("node 'a'\n\ncable('a', {})\n");
	CHECK_STR(first_err_line(r), "t.lab:3: bad argument #2 to 'cable' (string expected, got table)",
		  "a table argument");

	r = run("node 'a'\ncable('a', nil, 'x')\n");
	CHECK_STR(first_err_line(r), "t.lab:2: bad argument #2 to 'cable' (string expected, got nil)",
		  "a nil argument");

	r = run("node 'a'\ncable('a', 'zz')\n");
	CHECK_STR(first_err_line(r), "t.lab:2: cable: 'zz': no such node (nodes: host, a)",
		  "a command error is a Lua error with the command's message");

	r = run("node 'a'\nnode 'a'\n");
	CHECK_STR(first_err_line(r), "t.lab:2: node: 'a': a node of that name already exists (t.lab made it: run that lab with fresh=true to build it anew)",
		  "a node made twice");

	r = run("cable 'a'\n");
	CHECK(strncmp(first_err_line(r), "t.lab:1: cable: too few arguments; usage: cable ", 47) == 0,
	      "too few arguments: %s", first_err_line(r));

	r = run("netsh.run('node a; bogus x')\n");
	CHECK_STR(first_err_line(r),
		  "t.lab:1: bogus: unknown command or node 'bogus': expected a command (help lists them) or a node to run a program in, as NODE bogus ...",
		  "netsh.run: an unknown command");

	r = run("netsh.run('node \"a')\n");
	CHECK_STR(first_err_line(r),
		  "t.lab:1: netsh.run: unfinished input: close the quote or continue the line",
		  "netsh.run: unfinished input");

	r = run("node 'a'\nlocal ok, e = pcall(cable, 'a', 'zz')\nprint(ok, e)\n"
		"ok, e = pcall(function() cable('a', 'zz') end)\nprint(ok, e)\n");
	CHECK(r->rc == 0, "pcall catches a command error");
	CHECK_STR(r->out, "false\tcable: 'zz': no such node (nodes: host, a)\n"
		  "false\tt.lab:4: cable: 'zz': no such node (nodes: host, a)\n",
		  "the message, with the script's line when raised in Lua code");

	r = run("local a = node 'a'\ndel 'a'\nprint(a.name, tostring(a))\nlocal x = a.ifaces\n");
	CHECK_STR(r->out, "a\tnode a (deleted)\n", "a deleted handle keeps its name");
	CHECK_STR(first_err_line(r), "t.lab:4: node 'a' was deleted", "a deleted handle raises");

	r = run("local a = node 'a'\ndel 'a'\na:exec('true')\n");
	CHECK_STR(first_err_line(r), "t.lab:3: node 'a' was deleted", "a method of a deleted handle");

	r = run("local a = node 'a'\ndel 'a'\ncable(a, 'host')\n");
	CHECK_STR(first_err_line(r), "t.lab:3: node 'a' was deleted",
		  "a deleted handle as a command argument");

	r = run("local a = node 'a'\nprint(a.color)\n");
	CHECK_STR(first_err_line(r), "t.lab:2: node handles have no field 'color' (fields: name, "
		  "kind, ifaces, addrs, routes; methods: exec, spawn, addr)", "an unknown field");

	r = run("local a = node 'a'\na.name = 'b'\n");
	CHECK_STR(first_err_line(r), "t.lab:2: node 'a': a node handle is read-only (use the "
		  "commands to change the lab)", "handles are read-only");

	r = run("local a = node 'a'\nprint(a:exec('true'))\n");
	CHECK(r->rc == 0 && strstr(r->out, "# dry run: true would run in a; not run\n"
					   "true\t\t0\n"),
	      "without a kernel a lab says it runs no program (%s)", r->out);

	r = run("local a = node 'a'\na:exec()\n");
	CHECK_STR(first_err_line(r), "t.lab:2: exec: give a program to run", "exec without a program");

	r = run("local a = node 'a'\na:exec('x; y')\n");
	CHECK_STR(first_err_line(r), "t.lab:2: exec: one program at a time: ';' separates commands "
		  "(for a shell line use sh -c '...')", "exec of two commands");

	r = run("expect.reach('nope', 'host')\n");
	CHECK_STR(first_err_line(r), "t.lab:1: 'nope': no such node (nodes: host)",
		  "expect with an unknown node");

	r = run("error({})\n");
	CHECK_STR(first_err_line(r), "(error object is a table value)", "a non-string error object");

	r = run("local x = \n");
	CHECK(r->rc == 1 && r->why.tok < 0 && strcmp(r->err, "") == 0,
	      "a syntax error is returned for the caller to report");
	CHECK_STR(r->why.msg, "t.lab:2: unexpected symbol near <eof>", "the syntax error names FILE:LINE");

	r = run("node 'a'\nlocal t = nil\nprint(t.x)\n");
	CHECK_STR(first_err_line(r), "t.lab:3: attempt to index a nil value (local 't')",
		  "a runtime error names FILE:LINE");
}

static void test_params(void)
{
	char a1[] = "n=100", a2[] = "name=lab1", a3[] = "keep=true", a4[] = "f=1.5",
	     a5[] = "off=false", a6[] = "e=", b1[] = "n=1", b2[] = "oops";
	char *args[] = { a1, a2, a3, a4, a5, a6 };
	char *bad[] = { b1, b2 };
	struct result *r;

	r = run_args("print(params.n, math.type(params.n), params.name, params.keep, params.f,"
		     " params.off, params.e == '', arg[0], arg[1], #arg)\n", 6, args);
	CHECK_STR(r->out, "100\tinteger\tlab1\ttrue\t1.5\tfalse\ttrue\tt.lab\tn=100\t6\n",
		  "key=value parameters, numbers and booleans converted");

	r = run_args("print('ran')\n", 2, bad);
	CHECK(r->rc == 1 && strcmp(r->out, "") == 0, "a bad parameter stops before the script runs");
	CHECK_STR(r->why.msg, "'oops': lab arguments are key=value (as n=10)", "a bad parameter");

	r = run("print(params.n or 'none', #arg)\n");
	CHECK_STR(r->out, "none\t0\n", "no parameters: empty tables");
}

static void test_sandbox(void)
{
	struct result *r;

	sandboxed = true;
	r = run("local uses = { function() return io.open end, function() return os.time end,\n"
		"  function() return package.path end, function() return debug.traceback end,\n"
		"  function() return require('x') end, function() return dofile('x') end,\n"
		"  function() return loadfile('x') end }\n"
		"local refused = 0\n"
		"for _, use in ipairs(uses) do if not pcall(use) then refused = refused + 1 end end\n"
		"print(refused, netsh.sandbox)\n"
		"print(load('return 1 + 1')())\n"
		"print(pcall(load, 'return 1', 'x', 'b'))\n"
		"print(string.format('%d', 3), math.max(1, 2), table.concat({1, 2}), utf8.char(72))\n"
		"node 'a'\n");
	CHECK(r->rc == 0, "a sandboxed script runs (%s)", r->err);
	CHECK_STR(r->out, "7\ttrue\n2\n"
		  "false\tload: binary chunks are not available under --sandbox\n3\t2\t12\tH\n",
		  "io, os, package, require, dofile, loadfile and debug are absent");

	r = run("local f = io.open('/etc/passwd')\n");
	CHECK_STR(first_err_line(r), "t.lab:1: 'io' is not available under --sandbox",
		  "io.open under --sandbox");

	r = run("os.execute('true')\n");
	CHECK_STR(first_err_line(r), "t.lab:1: 'os' is not available under --sandbox",
		  "os.execute under --sandbox");

	r = run("require 'x'\n");
	CHECK_STR(first_err_line(r), "t.lab:1: 'require' is not available under --sandbox",
		  "require under --sandbox");

	r = run("source 'other.lab'\n");
	CHECK_STR(first_err_line(r), "t.lab:1: source: a lab cannot run other files under --sandbox",
		  "source under --sandbox");

	r = run("local a = node 'a'\nprint(pcall(a.exec, a, 'id'))\n"
		"print(pcall(a.spawn, a, 'sleep', '1'))\n"
		"print(pcall(exec, 'a', 'id'))\nprint(pcall(netsh.run, 'a id'))\n"
		"print(pcall(shell, 'a'))\n");
	CHECK_STR(r->out, "false\texec: no program runs under --sandbox (it would run as root)\n"
		  "false\tspawn: no program runs under --sandbox (it would run as root)\n"
		  "false\texec: no program runs under --sandbox (it would run as root)\n"
		  "false\ta: no program runs under --sandbox (it would run as root)\n"
		  "false\tshell: no program runs under --sandbox (it would run as root)\n",
		  "no program runs under --sandbox, by any of the five ways");
	sandboxed = false;

	r = run("print(type(io), type(os), type(require))\n");
	CHECK_STR(r->out, "table\ttable\tfunction\n", "without --sandbox the libraries are there");
}

static void test_expect(void)
{
	struct result *r;

	r = run("local a, b = node('a', 'b')\ncable(a, b, '10.0.0.1/24', '10.0.0.2/24')\n"
		"print(expect.reach(a, b))\n"
		"expect.unreachable(a, '10.9.9.9')\n"
		"expect.output(a, 'ip route', 'x', 'routes')\n"
		"expect.route(a, '10.0.0.0/24', b)\n"
		"print(expect.eq(1 + 1, 2, 'sum'))\n"
		"print(expect.eq(params.n, 5))\n"
		"expect.ok(false, 'a false thing')\n"
		"expect.ok(1, 'a true thing')\n"
		"expect.match('abc\\ndef', 'c\\nd')\n"
		"expect.match('abc', '^b', 'starts with b')\n");
	CHECK(r->rc == 1, "failed expectations: status 1");
	CHECK_STR(r->out,
		  "ok 1 - a reaches b (10.0.0.2) # SKIP dry run\ntrue\n"
		  "ok 2 - a cannot reach 10.9.9.9 # SKIP dry run\n"
		  "ok 3 - routes # SKIP dry run\n"
		  "ok 4 - a routes 10.0.0.0/24 via b # SKIP dry run\n"
		  "ok 5 - sum\ntrue\n"
		  "not ok 6 - value is 5 # saw: nil (wanted 5)\nfalse\n"
		  "not ok 7 - a false thing # saw: false\n"
		  "ok 8 - a true thing\n"
		  "ok 9 - text matches 'c | d'\n"
		  "not ok 10 - starts with b # saw: abc\n"
		  "1..10\n",
		  "TAP lines, saw: texts and the plan");
	CHECK_STR(r->why.msg, "t.lab: 3 of 10 expectations failed", "the summary");
	CHECK(r->why.tok < 0, "the summary is for the caller to print");

	r = run("expect.ok(true, 'first')\nerror('boom')\n");
	CHECK(r->rc == 1 && strstr(r->out, "1..") == NULL,
	      "no plan line when the script stops with an error");

	r = run("print('no checks')\n");
	CHECK(r->rc == 0 && strcmp(r->out, "no checks\n") == 0, "no checks: no plan line");
}

int main(void)
{
	test_commands();
	test_errors();
	test_params();
	test_sandbox();
	test_expect();
	return unit_done();
}
