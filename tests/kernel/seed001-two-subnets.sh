#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Seed 001: two subnets on one cable; ping fails until the routes exist.
. "$TESTLIB"

expect_ok netsh -c 'node vnet; cable host:veth0 vnet:veth1 10.0.1.0/24 10.0.2.0/24'
expect_fail ping -c1 -W1 10.0.2.0
ok "no route yet: ping fails"
expect_ok netsh -c 'route host 10.0.2.0/24 dev veth0'
expect_fail ping -c1 -W1 10.0.2.0
ok "one route is not enough"
expect_ok netsh -c 'route vnet 10.0.1.0 dev veth1'
expect_ok ping -c1 -W2 10.0.2.0
ok "with both routes ping works"
ip netns exec vnet ip route | grep -q '^10.0.1.0 dev veth1' || fail "vnet lacks its host route"
expect_ok netsh -q -c destroy
ip route | grep -q 10.0.2.0 && fail "the host route survived destroy"
ok "destroy removed the host route with its link"
