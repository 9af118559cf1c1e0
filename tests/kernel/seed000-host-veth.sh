#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Seed 000: a veth between the host and a node; ping both ways; nc carries a line.
. "$TESTLIB"

expect_ok netsh -c 'node ns1; cable host:host ns1:guest 192.168.0.101/24 192.168.0.102/24'
ip -br addr show host | grep -q '192.168.0.101/24' || fail "host end has no address"
ip netns exec ns1 ip -br addr show guest | grep -q '192.168.0.102/24' || fail "guest has no address"
expect_ok ping -c1 -W2 192.168.0.102
expect_ok netsh -c 'ns1 ping -c1 -W2 host'
ok "ping both ways"

out=$(mktemp)
nc -l 192.168.0.101 5555 > "$out" &
pid=$!
wait_for 3 sh -c 'ss -ltn | grep -q 192.168.0.101:5555' || fail "nc did not listen"
expect_ok netsh -c "exec ns1 sh -c 'echo hi | nc -q1 -w2 192.168.0.101 5555'"
wait "$pid" 2>/dev/null
grep -qx hi "$out" || fail "nc did not carry the line (got: $(cat "$out"))"
ok "nc carries a line from ns1 to the host"
rm -f "$out"
expect_ok netsh -q -c destroy
ip link show host >/dev/null 2>&1 && fail "the host end survived destroy"
ok "destroy removed the host end"
