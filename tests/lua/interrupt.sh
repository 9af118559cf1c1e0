#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Ctrl-C (SIGINT) stops a running lab script with a message naming the line,
# status 130; what the lab built so far stays whole.
. "$TESTLIB"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# start LAB: run it in the background, wait for its "started" line.
start() {
	"$NETSH" -q "$1" > "$dir/out" 2> "$dir/err" &
	pid=$!
	i=0
	until grep -q started "$dir/out" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "the lab did not start: $(cat "$dir/err")"
		sleep 0.1
	done
	sleep 0.2
}

stop() {
	kill -INT "$pid"
	i=0
	while kill -0 "$pid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			kill -KILL "$pid"
			fail "still running 10 s after SIGINT"
		fi
		sleep 0.1
	done
	if wait "$pid"; then rc=0; else rc=$?; fi
	cat "$dir/out" "$dir/err"
	[ "$rc" -eq 130 ] || fail "status $rc after SIGINT, expected 130"
}

# A busy Lua loop.
cat > "$dir/loop.lab" <<'LAB'
node "a"
print("started")
local i = 0
while true do i = i + 1 end
LAB
start "$dir/loop.lab"
stop
grep -Eq "^netsh: .*/loop.lab:4: interrupted$" "$dir/err" || fail "no 'loop.lab:4: interrupted'"
grep -q "stack traceback" "$dir/err" || fail "no traceback"
ok "a busy loop is interrupted"
[ "$(netsh -q -c show | head -n 1)" = "1 node, 0 cables" ] || fail "node a is gone"
expect_ok netsh -q -c destroy

# A program run by n:exec: it is killed too.
cat > "$dir/exec.lab" <<'LAB'
local a = node "a"
print("started")
a:exec("sleep 1234.5")
print("after")
LAB
start "$dir/exec.lab"
stop
grep -q "exec.lab:3: interrupted" "$dir/err" || fail "no 'exec.lab:3: interrupted'"
grep -q after "$dir/out" && fail "the script went on"
sleep 0.2
pgrep -f "sleep 1234.5" >/dev/null && fail "the program was left running"
ok "a program in n:exec is interrupted and killed"
expect_ok netsh -q -c destroy

# A loop of commands: every command stays whole.
cat > "$dir/build.lab" <<'LAB'
print("started")
for i = 1, 100000 do node("n" .. i) end
LAB
start "$dir/build.lab"
stop
grep -q "build.lab:2: interrupted" "$dir/err" || fail "no 'build.lab:2: interrupted'"
nodes=$(netsh -q -c show | head -n 1 | cut -d' ' -f1)
[ "$(ip netns list | wc -l)" -eq "$nodes" ] || fail "model ($nodes) and kernel disagree"
ok "interrupted between commands: $nodes nodes, all whole"
expect_ok netsh -q -c destroy
