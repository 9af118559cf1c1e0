#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# netsh never touches what it did not create.
. "$TESTLIB"

ip netns add theirs
ip link add mine0 type veth peer name mine1
expect_ok netsh -c 'node x; cable host x'
# Replace x's namespace behind netsh's back: destroy must leave it alone.
ip netns del x
ip netns add x
expect_fail_msg "not the namespace netsh created" netsh -c 'x true'
expect_fail_msg "x.*(not the namespace netsh created|left alone)" netsh -c destroy
ns_exists x || fail "destroy deleted a namespace it did not create"
ns_exists theirs || fail "destroy deleted another tool's namespace"
ip link show mine0 >/dev/null || fail "destroy deleted a host link it did not create"
ok "a replaced namespace and foreign links are left alone"
expect_fail_msg "'theirs': no such node" netsh -c 'cable theirs host'
ok "another tool's namespace is not a node"
ip netns del x; ip netns del theirs; ip link del mine0
