#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad input under -c and stdin: status 1, the command and token named, the
# lab unchanged, later commands not run.
. "$TESTLIB"

expect_ok netsh -q -c 'node n1 n2; cable n1 n2 10.0.0.1/24 10.0.0.2/24'
# The lab as a user would look at it (link state settles on its own, so only
# which links, addresses and routes exist).
snap() { ip netns list; for n in n1 n2; do ip -n "$n" -o addr | awk '{print $2, $4}'; ip -n "$n" route; done; netsh -c show; }
before=$(snap)
expect_fail_msg "^netsh: cable: 'n9': no such node" netsh -c 'cable n1 n9'
expect_fail_msg "^netsh: node: 'n1': a node of that name already exists$" netsh -c 'node n3; node n1; node n4'
ns_exists n4 && fail "a command after the error ran"
expect_ok netsh -q -c 'del n3'
expect_fail_msg "route: '10.9.9.9': gateway is on no subnet of n1" netsh -c 'route n1 default via 10.9.9.9'
expect_fail_msg "^netsh: cable: 'n1': a cable cannot join n1 to itself$" netsh -c 'cable n1 n1'
expect_fail_msg "addr: '10.0.0.1/24': n1 already has this address" netsh -c 'addr n1:eth0 10.0.0.1/24'
expect_fail_msg "unknown command 'cabel'; did you mean cable\\?" netsh -c 'cabel n1 n2'
expect_fail_msg "netsh: stdin:2: node: 'a/b': a node name cannot contain '/'" sh -c 'printf "show\nnode a/b\nnode zz\n" | "$NETSH" > /dev/null'
ns_exists zz && fail "stdin went on after an error"
after=$(snap)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); fail "the lab changed"; }
ok "bad input changes nothing and names the token"
