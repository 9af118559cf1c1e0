#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Ctrl-C stops a program running in a node and comes back to the prompt;
# at the prompt it drops the line; neither leaves netsh. Ctrl-D leaves and
# the lab stays.
. "$(dirname "$0")/lib.sh"

expect_ok netsh -q -c 'node n1 n2; cable n1 n2 subnet 10.0.0.0/24'

drive <<'STEPS' || fail "Ctrl-C"
expect netsh[default]> 
# At the prompt: the half-typed line is dropped, a new prompt comes.
send bogus half typed
expect bogus half typed
send \x03
within 1 netsh[default]> 
line show n1
expect n1 (node)
expect netsh[default]> 
mark
# A program in a node: Ctrl-C stops it, not netsh.
line exec n1 sleep 31.5
expect exec n1 sleep 31.5
sleep 0.5
run pgrep -f 'slee[p] 31.5' >/dev/null
send \x03
within 1 netsh[default]> 
run ! pgrep -f 'slee[p] 31.5'
# The short form too.
line n2 sleep 32.5
expect n2 sleep 32.5
sleep 0.5
run pgrep -f 'slee[p] 32.5' >/dev/null
send \x03
within 1 netsh[default]> 
run ! pgrep -f 'slee[p] 32.5'
# An unfinished line: Ctrl-C drops it too.
line node dropped \\
expect ...> 
send \x03
within 1 netsh[default]> 
# netsh is still here and works.
line show
expect 2 nodes, 1 cable
expect netsh[default]> 
absent unknown command
send \x04
exit 0
STEPS
ok "Ctrl-C dropped the line, stopped sleep in n1 and n2 within a second, netsh stayed"

ns_exists n1 && ns_exists n2 || fail "the lab did not stay after Ctrl-D"
ns_exists dropped && fail "the dropped line ran"
netsh -c show | grep -q '2 nodes, 1 cable' || fail "netsh -c show does not see the lab"
ok "Ctrl-D left netsh; the lab stays"
