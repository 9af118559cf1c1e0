#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Programs running in a node belong to the lab: show NODE lists them, and
# del and destroy stop them (by pid), naming each, so no namespace is kept
# alive behind the lab's back.
. "$TESTLIB"

expect_ok netsh -q -c 'node a b c; cable a b subnet 10.0.0.0/30'
ip netns exec a sleep 1000 &
pa=$!
PIDS="$PIDS $pa"
ip netns exec b sh -c 'trap "" TERM; while :; do sleep 0.1; done' &
pb=$!
PIDS="$PIDS $pb"
wait_for 2 sh -c "[ \"\$(ip netns pids a)\" = $pa ]" || fail "the program did not start in a"
out=$(netsh -c 'show a') || fail "show a"
echo "$out" | grep -A1 '^programs:' | grep -Eq "^ +$pa +sleep$" || fail "show a does not list sleep: $out"
ok "show NODE lists the programs running in the node"

out=$(netsh -c 'del a') || fail "del a: $out"
echo "$out" | grep -q "^stopped sleep (pid $pa) in a$" || fail "del a did not say what it stopped: $out"
wait_for 5 gone "$pa" || fail "sleep still runs after del a"
wait "$pa" 2>/dev/null
ns_exists a && fail "a is still there"
ok "del stops the programs of the node it removes"

out=$(netsh -c destroy) || fail "destroy: $out"
echo "$out" | grep -q "^stopped sh (pid $pb) in b with SIGKILL$" ||
	fail "destroy did not stop the program that ignores TERM: $out"
wait_for 5 gone "$pb" || fail "the program in b still runs after destroy"
wait "$pb" 2>/dev/null
[ -z "$(ip netns list)" ] || fail "left after destroy: $(ip netns list)"
ok "destroy stops every program in the lab, with KILL for one that ignores TERM"
