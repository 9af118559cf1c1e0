#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A student at the prompt walks the veth lesson through `tutorial`: the
# prompt shows the step; a wrong attempt gets the failing check in words;
# a hint; a reset puts the lab back; solve does a step; the rest by hand.
. "$(dirname "$0")/lib.sh"

drive <<'STEPS' || fail "the tutorial session"
expect netsh[default]> 
line tutorial veth
expect step 1 of 6: A namespace of its own
expect netsh[veth 1/6]> 
line node ns1
expect step 1 of 6 done
expect netsh[veth 1/6]> 
line tutorial next
expect step 2 of 6: A cable to the host
expect netsh[veth 2/6]> 
line node ns2; cable ns1 ns2
expect (step 2: ns1 has an interface whose other end is in the host: ns1 has no cable to the host)
expect netsh[veth 2/6]> 
line tutorial hint
expect hint 1 of 1: `cable A B` joins two nodes with a veth pair; the host is `host`.
expect netsh[veth 2/6]> 
line tutorial reset
expect the lab as it is at the start of step 2
expect netsh[veth 2/6]> 
line show
expect 1 node, 0 cables
expect netsh[veth 2/6]> 
line tutorial solve
expect netsh> cable host ns1
expect step 2 of 6 done
expect netsh[veth 2/6]> 
line tutorial next
expect netsh[veth 3/6]> 
line addr ns1:eth0 198.51.100.2/24
expect (step 3:
expect netsh[veth 3/6]> 
line addr host:ns1 198.51.100.1/24
expect step 3 of 6 done: An address on each end
expect netsh[veth 3/6]> 
line tutorial stop
expect left veth at step 3
expect netsh[default]> 
send \x04
exit 0
STEPS
ok "a lesson at the prompt: the step in the prompt, a wrong attempt, a hint, reset, solve"
expect_ok netsh -q -c destroy
