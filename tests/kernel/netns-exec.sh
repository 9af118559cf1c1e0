#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Nodes are real named namespaces: ip netns exec works on them from anywhere.
. "$TESTLIB"

expect_ok netsh -c 'node n1 n2; cable n1 n2 10.1.0.1/24 10.1.0.2/24; addr n1:eth0 fd00::1/64'
out=$(ip netns exec n1 ip -br addr show eth0)
echo "$out"
echo "$out" | grep -q 'UP' || fail "eth0 is not up"
echo "$out" | grep -q '10.1.0.1/24' || fail "10.1.0.1/24 missing"
echo "$out" | grep -q 'fd00::1/64' || fail "fd00::1/64 missing"
ip netns exec n1 ip -br link show lo | grep -q UNKNOWN || fail "lo is not up in n1"
ok "ip netns exec n1 ip -br addr shows what netsh made"
# exec runs inside the node; a program's exit status is its result.
expect_ok netsh -c 'exec n2 ip -br addr show eth0'
rc=0; "$NETSH" -c 'n1 sh -c "exit 7"' 2>/run/err || rc=$?
[ "$rc" = 7 ] || fail "the program's status 7 is not netsh's: $rc"
[ -s /run/err ] && fail "a program's exit status was reported as an error: $(cat /run/err)"
ok "under -c, the last program's exit status is netsh's, without an error"
rc=0; "$NETSH" -q -c 'n1 false; node z1' || rc=$?
[ "$rc" = 0 ] || fail "a failing program stopped the batch without -e (status $rc)"
ns_exists z1 || fail "the command after a failing program did not run"
expect_fail_msg "'false' exited with status 1" netsh -e -q -c 'n1 false; node z2'
ns_exists z2 && fail "-e did not stop the batch at the failing program"
ok "-e stops the batch at a program that exits non-zero"
expect_fail_msg "'no-such-program': command not found" netsh -c 'n1 no-such-program'
ok "a program not found is an error"

# As ip netns exec: /etc/netns/NODE/FILE is seen as /etc/FILE by programs in
# the node, and only there. The test works on a private copy of /etc.
mount -t tmpfs netsh-etc /mnt || fail "cannot mount a tmpfs for the private /etc"
cp -a /etc/. /mnt/ && mount --bind /mnt /etc || fail "cannot make a private /etc"
mkdir -p /etc/netns/n1
echo "nameserver 192.0.2.53 # n1's own" > /etc/netns/n1/resolv.conf
host_resolv=$(cat /etc/resolv.conf 2>/dev/null)
out=$(netsh -c 'n1 cat /etc/resolv.conf') || fail "cat in n1: $out"
[ "$out" = "nameserver 192.0.2.53 # n1's own" ] || fail "n1 does not see its /etc/netns/n1/resolv.conf: $out"
out=$(netsh -c 'n2 cat /etc/resolv.conf' 2>&1)
[ "$out" = "$host_resolv" ] || fail "n2 sees another /etc/resolv.conf: $out"
# A program in the node that rewrites resolv.conf (as a DHCP client does)
# rewrites the node's file, not the host's.
expect_ok netsh -c "n1 sh -c 'echo nameserver 192.0.2.99 > /etc/resolv.conf'"
[ "$(cat /etc/resolv.conf 2>/dev/null)" = "$host_resolv" ] || fail "a program in n1 rewrote the host's resolv.conf"
grep -q 192.0.2.99 /etc/netns/n1/resolv.conf || fail "the node's own resolv.conf was not the one rewritten"
ok "exec binds /etc/netns/NODE over /etc, as ip netns exec does"
netsh -c 'help exec' | grep -q 'each file of /etc/netns/NODE is' || fail "help exec does not say so"
umount /etc

# Name substitution: a node's name stands for its address, except where it
# names something else; quoting keeps a word as typed; NODE:IF is that
# interface's address; -x shows the program as it runs.
expect_ok netsh -q -c 'node vnet; cable host vnet 10.9.0.1/24 10.9.0.2/24; addr n2:eth0 10.1.0.22/24'
out=$(netsh -c 'host ip -br link show vnet') || fail "host ip link show vnet: $out"
echo "$out" | grep -q '^vnet@' || fail "the host end vnet was replaced by an address: $out"
ok "a word that names an interface of the node the program runs in stays"
out=$(netsh -c 'host ip netns pids vnet') || fail "host ip netns pids vnet: $out"
ok "a word after an option that takes a name (pids) stays"
out=$(netsh -x -c "n1 echo n2 'n2' \\n2 n2:eth0 dev n2 -i n2 -ni n2 vnet:eth0") || fail "echo: $out"
echo "$out"
[ "$(echo "$out" | head -1)" = "ip netns exec n1 echo 10.1.0.2 n2 n2 10.1.0.2 dev n2 -i n2 -ni n2 10.9.0.2" ] ||
	fail "-x does not show the substituted command: $out"
[ "$(echo "$out" | tail -1)" = "10.1.0.2 n2 n2 10.1.0.2 dev n2 -i n2 -ni n2 10.9.0.2" ] ||
	fail "the program did not get the substituted words: $out"
ok "quoted and escaped words, words after dev and -i, NODE:IF; -x shows the result"
ip -n n1 addr del 10.1.0.1/24 dev eth0
ip -n n1 addr add 10.1.0.77/24 dev eth0
out=$(netsh -c 'n2 echo n1') || fail "echo n1: $out"
[ "$out" = "10.1.0.77" ] || fail "an address the kernel has (not the record's) should count: $out"
ok "the address a node has in the kernel counts (a DHCP lease, one added by hand)"
