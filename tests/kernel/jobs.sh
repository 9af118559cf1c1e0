#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Background programs: NODE CMD... & runs on after the command and after
# netsh exits, its output in a log; jobs lists them with their state; stop
# ends one (SIGTERM, then SIGKILL), with what it started; del NODE and
# destroy stop them. A pid reused by another process is never signalled.
. "$TESTLIB"

STATE=/run/netsh/default
expect_ok netsh -q -c 'node a b; cable a b subnet 10.0.0.0/30'
out=$(netsh -c "a sh -c 'echo hello; echo oops >&2; sleep 100' &") || fail "starting a job: $out"
echo "$out"
[ "$out" = "[1] sh in a, output in $STATE/jobs/1.log (jobs lists it, stop 1 ends it)" ] ||
	fail "the job's start was not reported as it should: $out"
wait_for 3 grep -q oops "$STATE/jobs/1.log" || fail "the job's output is not in its log"
[ "$(cat "$STATE/jobs/1.log")" = "hello
oops" ] || fail "the log holds: $(cat "$STATE/jobs/1.log")"
pids=$(ip netns pids a | wc -l)
[ "$pids" = 2 ] || fail "sh and sleep should run in a after netsh exited: $(ip netns pids a)"
ok "a job outlives the netsh that started it; its stdout and stderr go to its log"

expect_ok netsh -q -c "exec b sh -c 'exit 3' &"
expect_ok netsh -q -c "b sh -c 'trap \"\" TERM; while :; do sleep 0.1; done' &"
expect_fail_msg "^netsh: a: 'no-such-program': command not found$" netsh -c 'a no-such-program &'
out=$(netsh -c 'a echo x "&"') || fail "a quoted &: $out"
[ "$out" = "x &" ] || fail "a quoted & should be an argument: $out"
wait_for 3 sh -c "\"$NETSH\" -c jobs | grep -q '^2 .*exited 3 '" || fail "job 2 did not end: $(netsh -c jobs)"
out=$(netsh -c jobs) || fail "jobs: $out"
echo "$out"
echo "$out" | grep -Eq "^1 +a +[0-9]+ +running +$STATE/jobs/1.log +sh -c echo hello; echo oops >&2; sleep 100$" ||
	fail "jobs does not list job 1: $out"
echo "$out" | grep -Eq "^2 +b +[0-9]+ +exited 3 " || fail "jobs does not say job 2 exited 3: $out"
echo "$out" | grep -Eq "^3 +b +[0-9]+ +running " || fail "job 3: $out"
[ "$(echo "$out" | wc -l)" = 4 ] || fail "a program not found should not be a job: $out"
ok "jobs lists node, pid, state (running, exited N), output and command"

out=$(netsh -c 'stop 1') || fail "stop 1: $out"
[ "$out" = "job 1: stopped with SIGTERM" ] || fail "stop 1 said: $out"
[ -z "$(ip netns pids a)" ] || fail "stop left programs in a: $(ip netns pids a)"
out=$(netsh -c 'stop 3') || fail "stop 3: $out"
[ "$out" = "job 3: stopped with SIGKILL (it ignored SIGTERM)" ] || fail "stop 3 said: $out"
netsh -c jobs | grep -Eq "^1 +a +[0-9]+ +killed by signal 15 " || fail "job 1's end: $(netsh -c jobs)"
netsh -c jobs | grep -Eq "^3 +b +[0-9]+ +killed by signal 9 " || fail "job 3's end: $(netsh -c jobs)"
[ "$(netsh -c 'stop 2')" = "job 2: it had ended already" ] || fail "stop of an ended job"
expect_fail_msg "stop: no job 9 \(jobs lists them\)" netsh -c 'stop 9'
expect_fail_msg "stop: 'x': expected a job number" netsh -c 'stop x'
ok "stop ends a job and what it started, with SIGKILL for one that ignores SIGTERM"

# A reused pid: the record of a running job claims a process that is not
# the job (same pid, another start time); stop must not touch it.
sleep 100 &
victim=$!
PIDS="$PIDS $victim"
printf 'pid=%d\nstart=1\nnode=a\ncmd=fake\n' "$victim" > "$STATE/jobs/7"
netsh -c jobs | grep -Eq "^7 +a +$victim +gone " || fail "a job whose pid was reused should be gone: $(netsh -c jobs)"
netsh -c 'stop 7' >/dev/null || fail "stop 7"
kill -0 "$victim" 2>/dev/null || fail "stop signalled a process that was not the job"
ok "a pid reused by another process is never signalled"

expect_ok netsh -q -c 'b sleep 300 &'
out=$(netsh -c destroy) || fail "destroy: $out"
echo "$out" | grep -q '^stopped sleep (pid [0-9]*) in b$' || fail "destroy did not stop the job: $out"
[ -e "$STATE/jobs" ] && fail "destroy left the jobs behind: $(ls "$STATE/jobs")"
pgrep -xf 'sleep 300' >/dev/null && fail "the job still runs after destroy"
ok "destroy stops the jobs and forgets them"
expect_fail_msg "exec: no program runs under --sandbox" netsh --sandbox -c 'node c; exec c sleep 1 &'

# From a lab: n:spawn(..., {job = true}) is a job, so a lab kept with
# keep=true leaves its servers running for the user.
lab=$(mktemp --suffix=.lab)
trap 'cleanup_pids; rm -f "$lab"' EXIT
cat > "$lab" <<'LAB'
local c = node "lab1"
local j = c:spawn("sh -c 'echo started; sleep 300'", { job = true })
expect.ok(j.id >= 1 and j.pid > 0, "a job handle has an id and a pid", tostring(j))
expect.ok(j:running(), "the job runs")
for _ = 1, 50 do if j:output() ~= "" then break end netsh.sleep(0.02) end
expect.eq(j:output(), "started\n", "its output is in its log")
expect.match(j.log, "/jobs/%d+%.log$", "the log is under the lab's state")
local short = c:spawn("sh -c 'echo done; exit 3'", { job = true })
local ok, out, status = short:wait(5)
expect.eq(status, 3, "wait returns a job's exit status")
expect.eq(out, "done\n", "and its output")
local slow = c:spawn("sleep 30", { job = true })
local _, _, st = slow:wait(0.2)
expect.eq(st, 124, "a job still running after wait's timeout is stopped (124)")
expect.ok(not slow:running(), "and no longer runs")
LAB
out=$(netsh -q "$lab" 2>&1) || fail "the lab with jobs failed: $out"
echo "$out"
echo "$out" | grep -q '^not ok' && fail "a job expectation failed"
netsh -c jobs | grep -Eq "^[0-9]+ +lab1 +[0-9]+ +running +[^ ]+\.log +sh -c echo started; sleep 300$" ||
	fail "the lab's job does not outlive the lab: $(netsh -c jobs)"
printf 'netsh.get("lab1"):spawn("cat", { job = true, input = "x" })\n' > "$lab"
expect_fail_msg "spawn: a job reads nothing \(its input is /dev/null\): leave out 'input'" netsh -q "$lab"
printf 'netsh.get("lab1"):spawn("true", { job = "yes" })\n' > "$lab"
expect_fail_msg "spawn: option 'job' must be true or false" netsh -q "$lab"
printf 'netsh.get("lab1"):exec("true", { job = true })\n' > "$lab"
expect_fail_msg "exec: option 'job' is spawn's" netsh -q "$lab"
out=$(netsh -c destroy) || fail "destroy: $out"
echo "$out" | grep -q "^stopped sh (pid [0-9]*) in lab1$" || fail "destroy did not stop the lab's job: $out"
ok "n:spawn(..., {job = true}) starts a job that outlives the lab; destroy stops it"
expect_ok netsh -q -c 'host sleep 300 &'
pid=$(netsh -c jobs | awk '$2 == "host" { print $3 }')
[ -n "$pid" ] || fail "no host job"
out=$(netsh -c destroy) || fail "destroy: $out"
echo "$out" | grep -q "^stopped job [0-9]* (sleep 300, pid $pid) in host$" ||
	fail "destroy did not say it stopped the host's job: $out"
for _ in $(seq 50); do gone "$pid" && break; sleep 0.1; done
gone "$pid" || fail "destroy left the host's job $pid running"
ok "destroy stops a job on the host too"
