#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# IPv6 end to end: a router between two IPv6 subnets, default routes.
. "$TESTLIB"

expect_ok netsh -c 'router r; node a b; cable a r fd00:1::2/64 fd00:1::1/64; cable r b fd00:2::1/64 fd00:2::2/64'
expect_ok netsh -c 'route a default via fd00:1::1; route b fd00:1::/64 via fd00:2::1'
# DAD makes fresh IPv6 addresses tentative for a moment.
wait_for 5 ip netns exec a ping -6 -c1 -W1 fd00:2::2 || fail "a cannot reach b over IPv6"
ok "IPv6 routes through a router"
ip -n a -6 route | grep -q '^default via fd00:1::1' || fail "a lacks its IPv6 default route"
