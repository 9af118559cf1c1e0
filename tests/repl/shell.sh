#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# shell NODE: the user's $SHELL inside the node, the node's name in its
# prompt; leaving it comes back to netsh.
. "$(dirname "$0")/lib.sh"

expect_ok netsh -q -c 'node n1 n2; cable n1:uplink n2 subnet 10.0.0.0/24'

if command -v bash >/dev/null 2>&1; then
	SHELL=$(command -v bash) drive <<'STEPS' || fail "shell n1 with bash"
expect netsh[default]> 
line shell n1
expect [n1] 
line ip -br link
expect uplink@
expect [n1] 
line echo "node=$NETSH_NODE"
expect node=n1
expect [n1] 
mark
line false
expect [n1] 
line exit
expect netsh[default]> 
absent error
line show n1
expect n1 (node)
expect netsh[default]> 
line quit
exit 0
STEPS
	ok "bash in n1: [n1] prompt, ip -br link shows uplink, exit comes back"
else
	echo "bash not installed: only /bin/sh is tried"
fi

SHELL=/bin/sh drive <<'STEPS' || fail "shell n1 with sh"
expect netsh[default]> 
line shell n1
expect [n1] 
line ip -br link
expect uplink@
expect [n1] 
line exit
expect netsh[default]> 
mark
line shell n9
expect \n  shell n9\n        ^^\nerror: shell:
expect netsh[default]> 
send \x04
exit 0
STEPS
ok "sh in n1 with a [n1] prompt; shell on an unknown node is an error"

# Outside the node nothing is called uplink: the shell really was inside.
ip -br link | grep -q uplink && fail "uplink is in the host namespace"
ok "uplink exists only inside n1"
