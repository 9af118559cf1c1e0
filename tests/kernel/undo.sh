#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A kernel failure in the middle of a command undoes the steps already done.
. "$TESTLIB"

# 1. node a b c where c's name is taken by a namespace netsh did not make:
# a and b are made, c fails, a and b are undone; the foreign one is untouched.
ip netns add c
expect_fail_msg "/run/netns/c already exists" netsh -c 'node a b c'
ns_exists a && fail "a was left behind"
ns_exists b && fail "b was left behind"
ns_exists c || fail "the foreign namespace c was removed"
ok "a failed node command leaves nothing half-made"

# 2. a cable whose last step fails: IPv6 is disabled in n2, so its address
# cannot be added after the veth and n1's address were.
expect_ok netsh -c 'node n1 n2'
ip netns exec n2 sh -c 'echo 1 > /proc/sys/net/ipv6/conf/default/disable_ipv6'
expect_fail_msg "n2.*fd00::2/64" netsh -c 'cable n1 n2 fd00::1/64 fd00::2/64'
[ -z "$(ip -n n1 -o link show type veth)" ] || fail "the veth was left in n1"
[ -z "$(ip -n n2 -o link show type veth)" ] || fail "the veth was left in n2"
out=$(netsh -c show)
echo "$out" | grep -q eth0 && fail "the model kept the failed cable: $out"
ok "a failed cable leaves no veth and no record"
expect_ok netsh -c 'cable n1 n2 10.0.0.1/24 10.0.0.2/24; n1 ping -c1 -W2 n2'
ok "the same cable works once the input is fine"
