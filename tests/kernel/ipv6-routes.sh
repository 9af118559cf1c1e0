#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# IPv6 end to end: a router between two IPv6 subnets, default routes.
. "$TESTLIB"

expect_ok netsh -c 'router r; node a b; cable a r fd00:1::2/64 fd00:1::1/64; cable r b fd00:2::1/64 fd00:2::2/64'
expect_ok netsh -c 'route a default via fd00:1::1; route b fd00:1::/64 via fd00:2::1'
# netsh turns duplicate address detection off in its namespaces, so no
# address is tentative and the first ping, at once, goes through.
for n in a r b; do
	ip -n "$n" -6 addr | grep -q tentative && fail "$n has tentative addresses: $(ip -n "$n" -6 addr)"
done
ip netns exec a ping -6 -c1 -W2 fd00:2::2 || fail "a cannot reach b over IPv6 at once"
ok "IPv6 routes through a router"
ip -n a -6 route | grep -q '^default via fd00:1::1' || fail "a lacks its IPv6 default route"
