#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad lab names are refused with the reason; without root, netsh says what
# it needs instead of failing on a lock file.
. "$TESTLIB"

expect_fail_msg "an empty lab name" netsh -L '' -c show
expect_fail_msg "'a/b': .*not '/'" netsh -L a/b -c show
expect_fail_msg "'a b': .*not a space" netsh -L 'a b' -c show
expect_fail_msg "not a newline" netsh -L "$(printf 'a\nb')" -c show
expect_fail_msg "'a\*': .*not a glob character" netsh -L 'a*' -c show
expect_fail_msg "'.hidden': a lab name cannot start with '.'" netsh -L .hidden -c show
expect_fail_msg "a lab name is at most 64 characters" netsh -L "$(printf 'x%.0s' $(seq 70))" -c show
[ -z "$(ls /run/netsh 2>/dev/null)" ] || fail "a bad lab name left $(ls /run/netsh)"
ok "bad lab names are refused, each with its reason, and nothing is made"
expect_ok netsh -L lab-2.test_x -c show
ok "a good lab name works"

