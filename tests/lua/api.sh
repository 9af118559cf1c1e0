#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Lua API on the real kernel: programs in nodes with their output
# captured, process handles, handles of deleted nodes, and what failing
# expectations show.
. "$TESTLIB"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/exec.lab" <<'LAB'
local a, b = node("a", "b")
cable(a, b, "10.0.0.1/24", "10.0.0.2/24")
local function show(...) print(select("#", ...), ...) end
show(a:exec("sh -c 'echo out; echo err >&2; exit 3'"))
show(a:exec("printenv NETSH_NODE"))
show(a:exec("no-such-program"))
show(a:exec("sleep 5", { timeout = 0.2 }))
show(a:exec("sh -c 'kill -9 $$'"))
show(b:exec("tr a-z A-Z", { input = "shout\n" }))
show(a:exec("sh", "-c", "echo $1", "x", b))
local ok, out = a:exec("ping -c1 -W1 b")
print(ok, out:match("from (%S+):"))
local p = b:spawn("nc -l 10.0.0.2 7000")
print(p:running(), math.type(p.pid))
for _ = 1, 100 do
	if a:exec("nc -N 10.0.0.2 7000", { input = "over tcp\n", timeout = 5 }) then break end
	netsh.sleep(0.02)
end
show(p:wait(5))
print(p:running())
local q = a:spawn("sh -c 'echo started; exec sleep 100'")
netsh.sleep(0.2)
print(q:output(), q:kill())
show(q:wait(5))
del "b"
print(pcall(b.exec, b, "true"))
local b2 = node "b"
print(pcall(b.addr, b))
print(b2.name, #b2.ifaces)
local leftover = a:spawn("sleep 4321.5")
LAB
netsh -q "$dir/exec.lab" > "$dir/out" 2> "$dir/err" || fail "status $?: $(cat "$dir/err")"
cat "$dir/out"
cat > "$dir/want" <<'WANT'
3	false	out
err
	3
3	true	a
	0
3	false	netsh: 'no-such-program': command not found
	127
3	false		124
3	false		137
3	true	SHOUT
	0
3	true	10.0.0.2
	0
true	10.0.0.2
true	integer
3	true	over tcp
	0
false
started
	true
3	false	started
	143
false	node 'b' was deleted
false	node 'b' was deleted (a new node has its name: netsh.get('b') gives its handle)
b	0
WANT
diff -u "$dir/want" "$dir/out" || fail "n:exec and n:spawn results differ"
ok "n:exec: output, status, input, timeout; n:spawn: wait, kill, output"
ok "deleted and replaced handles raise clear errors"
sleep 0.2
pgrep -f "sleep 4321.5" >/dev/null && fail "a spawned program outlived the lab"
ok "programs still running when the lab ends are killed"
expect_ok netsh -q -c destroy

# What failing expectations show.
cat > "$dir/fail.lab" <<'LAB'
local a, b = node("a", "b")
cable(a, b, "10.0.0.1/24", "10.0.0.2/24")
expect.reach(a, "10.0.0.9")
expect.unreachable(a, b)
expect.route(a, "10.5.0.0/16")
expect.route(a, b, "10.0.0.7")
expect.output(a, "sh -c 'echo nope; exit 2'", "yes")
local c = node "c"
expect.reach(a, c)
destroy()
LAB
if netsh -q "$dir/fail.lab" > "$dir/out" 2> "$dir/err"; then fail "failed expectations: status 0"; fi
cat "$dir/out" "$dir/err"
cat > "$dir/want" <<'WANT'
not ok 1 - a reaches 10.0.0.9 # saw: no reply in 3 tries of 1 s
not ok 2 - a cannot reach b (10.0.0.2) # saw: reply from 10.0.0.2 in N ms
not ok 3 - a has a route to 10.5.0.0/16 # saw: no route to 10.5.0.0/16 (routes: 10.0.0.0/24 dev eth0)
not ok 4 - a routes b (10.0.0.2) via 10.0.0.7 # saw: 10.0.0.0/24 dev eth0
not ok 5 - a: 'sh -c 'echo nope; exit 2'' prints 'yes' # saw: (exit 2) nope
not ok 6 - a reaches c # saw: c has no address to probe
1..6
WANT
# Round-trip times vary: compare up to them.
sed -e 's/ in [0-9.]* ms$/ in N ms/' "$dir/out" > "$dir/got"
diff -u "$dir/want" "$dir/got" || fail "the TAP lines differ"
grep -qx "netsh: $dir/fail.lab: 6 of 6 expectations failed" "$dir/err" || fail "no summary"
ok "failing expectations say what was seen"

# A command error inside a lab names the file and line.
printf 'node "a"\n\ncable("a", "zz")\n' > "$dir/cmd.lab"
expect_fail_msg "^netsh: $dir/cmd.lab:3: cable: 'zz': no such node \(nodes: host, a\)$" \
	netsh -q "$dir/cmd.lab"
expect_ok netsh -q -c destroy

# source: from -c, with parameters; nested labs share one TAP count.
cat > "$dir/inner.lab" <<'LAB'
expect.reach(params.from, params.to)
LAB
cat > "$dir/outer.lab" <<LAB
local a, b = node("a", "b")
cable(a, b, "subnet", "10.0.0.0/24")
expect.ok(true, "outer")
source("$dir/inner.lab", "from=a", "to=b")
expect.ok(true, "outer again")
destroy()
LAB
out=$(netsh -q -c "source $dir/outer.lab") || fail "source: status $?"
printf '%s\n' "$out"
[ "$out" = "ok 1 - outer
ok 2 - a reaches b (10.0.0.2)
ok 3 - outer again
1..3" ] || fail "nested sources do not share one TAP count"
ok "source from -c; nested labs number their checks as one"
expect_fail_msg "^netsh: source: cannot open $dir/nowhere.lab: No such file or directory$" \
	netsh -q -c "source $dir/nowhere.lab"
expect_fail_msg "^netsh: cannot open $dir/nowhere.lab" netsh -q "$dir/nowhere.lab"
