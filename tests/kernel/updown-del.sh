#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# down/up for failure drills (routes come back), del of a cable and a node.
. "$TESTLIB"

expect_ok netsh -q -c 'router r; node a b; cable a r subnet 10.0.1.0/24; cable r b subnet 10.0.2.0/24'
expect_ok netsh -q -c 'route a default via 10.0.1.2; route b default via 10.0.2.1'
expect_ok netsh -c 'a ping -c1 -W2 b'
expect_ok netsh -c 'down a r'
ip -n a -br link show eth0 | grep -q DOWN || fail "a:eth0 is not down"
expect_fail netsh -c 'a ping -c1 -W1 b'
expect_ok netsh -c 'up a r'
expect_ok netsh -c 'a ping -c1 -W2 b'
ok "down breaks the path, up restores it with its routes"
expect_ok netsh -c 'del cable r b'
ip -n r -o link show eth1 2>/dev/null && fail "r:eth1 survived del cable"
ip -n b -o link show eth0 2>/dev/null && fail "b:eth0 survived del cable"
ip -n b route | grep -q default && fail "b's default route survived its link"
expect_ok netsh -c 'del r'
ns_exists r && fail "r survived del"
ip -n a -o link show eth0 2>/dev/null && fail "a:eth0 survived del r"
ok "del removes a cable and a node with its cables"

# A switch's port taken down and up again carries traffic again.
expect_ok netsh -q -c 'switch wan; node late; cable late wan 10.77.0.1/24; addr wan 10.77.0.100/24'
expect_ok netsh -q -c 'down wan:late'
ip -n wan -o link show late | grep -q 'state DOWN' || fail "the port did not go down"
expect_ok netsh -q -c 'up wan:late'
ip -n wan -o link show late | grep -q '[<,]UP[,>]' || fail "the port stayed down after up"
ip -n wan -d link show late | grep -q 'master br0' || fail "the port left its bridge"
expect_ok netsh -c 'late ping -c1 -W2 wan'
ok "a switch port down and up carries traffic again"
