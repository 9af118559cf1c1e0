#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# destroy leaves ip netns list and ip link as they were before the lab.
. "$TESTLIB"

before_ns=$(ip netns list)
before_link=$(ip -o link show | awk -F': ' '{print $2}')
expect_ok netsh -q -c 'switch s; router r; node a b; cable a s 10.0.0.1/24; cable b r subnet 10.0.1.0/24; cable host r 10.0.2.1/24 10.0.2.2/24'
[ "$(ip netns list | wc -l)" -eq 4 ] || fail "expected 4 namespaces"
expect_ok netsh -c destroy
[ "$(ip netns list)" = "$before_ns" ] || fail "namespaces left: $(ip netns list)"
[ "$(ip -o link show | awk -F': ' '{print $2}')" = "$before_link" ] || fail "links left: $(ip -br link)"
ls /run/netns | grep -q . && fail "files left in /run/netns: $(ls /run/netns)"
ok "destroy leaves namespaces and links as before"
out=$(netsh -c show)
echo "$out" | grep -q '^0 nodes, 0 cables' || fail "the model is not empty after destroy: $out"
ok "the lab is empty after destroy"
