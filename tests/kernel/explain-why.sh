#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# explain CMD prints the steps a command would take, each under a line that
# says why, and runs nothing; explain on does it for every command as it
# runs; a bad word in the explained command is named.
. "$TESTLIB"

expect_ok netsh -q -c 'node a b; switch s'
out=$(netsh -c 'explain cable a b subnet 10.0.0.0/24') || fail "explain cable: $out"
echo "$out"
echo "$out" | grep -qx '# a cable is a veth pair: eth0 in a, and its peer eth0 made directly in b, so it never appears in the host' ||
	fail "no reason for the veth"
echo "$out" | grep -qx 'ip -n a link add name eth0 up type veth peer name eth0 netns b' || fail "no ip line for the veth"
echo "$out" | grep -qx '# 10.0.0.1/24 on a:eth0; the kernel adds the route to its subnet by itself' || fail "no reason for the address"
[ "$(netsh -c show | head -1)" = "3 nodes, 0 cables" ] || fail "explain made the cable: $(netsh -c show)"
ok "explain CMD: each step with why, and nothing runs"

out=$(netsh -c 'explain cable a s') || fail "explain cable a s: $out"
echo "$out" | grep -q '^# a cable is a veth pair: eth0 in a, and its peer a made directly in s, where it becomes a port of the bridge$' ||
	fail "a switch port's reason: $out"
out=$(netsh -c 'explain show') || fail "explain show: $out"
[ "$out" = "# show takes no step in the kernel of its own" ] || fail "explain show: $out"
expect_fail_msg "explain: 'zz': no such node" netsh -c 'explain cable a zz'
expect_fail_msg "explain: 'frob': expected on, off or a command to explain" netsh -c 'explain frob a'
expect_fail_msg "explain: 'foo': explain on takes nothing more" netsh -c 'explain on foo'
out=$(netsh -c 'explain on; cable a b; explain off; route a default via 10.0.0.9' 2>&1)
echo "$out" | grep -qx '# a cable is a veth pair: eth0 in a, and its peer eth0 made directly in b, so it never appears in the host' ||
	fail "explain on gives no reasons: $out"
[ "$(netsh -c show | head -1)" = "3 nodes, 1 cable" ] || fail "with explain on the command did not run: $(netsh -c show)"
out=$(netsh -x -c 'addr a:eth0 10.0.0.1/24')
echo "$out" | grep -q '^#' && fail "netsh -x printed reasons: $out"
ok "explain on gives the reasons as commands run; -x prints bare commands"
expect_ok netsh -q -c destroy
