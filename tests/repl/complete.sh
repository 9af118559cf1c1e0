#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Tab completes command words, node names and NODE:IF from the live lab; a
# second Tab lists the candidates.
. "$(dirname "$0")/lib.sh"

expect_ok netsh -q -c 'node n1 n2 server; cable n1 n2; cable n1 server'
mkdir "$HOME/labs"
echo 'node "r1"' >"$HOME/labs/ring.lab"
: >"$HOME/labs/star.lab"

sed "s|@HOME@|$HOME|g" <<'STEPS' | drive || fail "Tab completion"
expect netsh[default]> 
# A node name: "se" can only be server.
send show se\t
expect show server 
line
expect server (node)
expect netsh[default]> 
# NODE:IF: "addr se" -> "addr server:" (addr wants an interface),
# Tab again -> the node's only interface.
send addr se\t
expect addr server:
send \t
expect eth0 
line 10.9.9.1/24
expect ~ 
expect 10.9.9.1/24
expect netsh[default]> 
# Two interfaces: Tab gives the common part, a second Tab lists them.
send down n1:\t
expect down n1:eth
send \t
expect n1:eth0  n1:eth1
send 1\t
line
expect DOWN
expect netsh[default]> 
# The list fits the terminal, also after a resize while typing.
send show \t
resize 20
send \t
expect \nhost    n2\nn1      server\n
send \x15
resize 80
line
expect netsh[default]> 
# File names after source.
send source @HOME@/la\t
expect /labs/
send r\t
expect ring.lab 
line
expect r1       + node
expect netsh[default]> 
# A command word.
send hel\t
expect help 
line
expect Build:
expect netsh[default]> 
# A node created by another netsh while this one waits is completed too.
run "$NETSH" -q -c 'node zulu'
send show z\t
expect show zulu 
line
expect zulu (node)
expect netsh[default]> 
line quit
exit 0
STEPS
ok "Tab completed server, server:eth0, listed n1:eth0 n1:eth1, help, and a new node"

# What Tab produced really ran.
netsh -c 'show server' | grep -q '10.9.9.1/24' || fail "addr server:eth0 did not run"
netsh -c 'show n1' | grep -q 'eth1.*DOWN' || fail "down n1:eth1 did not run"
ok "the completed commands changed the lab"
