#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every lab in labs/ runs, passes its own expectations (TAP, a plan line,
# status 0) and tears itself down, leaving no namespace behind.
. "$TESTLIB"
top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)

count=0
for lab in "$top"/labs/*.lab; do
	echo "# $lab"
	if out=$(netsh -q "$lab" 2>&1); then rc=0; else rc=$?; fi
	printf '%s\n' "$out"
	[ "$rc" -eq 0 ] || fail "$lab: status $rc"
	printf '%s\n' "$out" | grep -q '^not ok' && fail "$lab: an expectation failed"
	printf '%s\n' "$out" | grep -Eq '^1\.\.[1-9][0-9]*$' || fail "$lab: no plan line"
	printf '%s\n' "$out" | grep -q '^ok 1 - ' || fail "$lab: no expectation ran"
	left=$(ip netns list)
	[ -z "$left" ] || fail "$lab: namespaces left behind: $left"
	[ "$(netsh -q -c show)" = "0 nodes, 0 cables" ] || fail "$lab: the lab is not empty"
	count=$((count + 1))
	ok "$lab"
done
[ "$count" -ge 8 ] || fail "only $count labs in $top/labs"

# Every lab runs as a dry run too: it plans, runs no program, checks
# nothing (each expectation skipped) and changes nothing.
for lab in "$top"/labs/*.lab; do
	out=$(netsh -n "$lab" 2>&1) || fail "$lab under -n: $out"
	printf '%s\n' "$out" | grep -q '^not ok' && fail "$lab under -n: an expectation failed"
	printf '%s\n' "$out" | grep -q '^ip netns add' || fail "$lab under -n: no plan printed"
	[ -z "$(ip netns list)" ] || fail "$lab under -n made namespaces: $(ip netns list)"
done
ok "every lab runs as a dry run"

# A lab runs again: fresh=true removes what it made before, and only that.
expect_ok netsh -q "$top/labs/seed004-switch.lab" keep=true
expect_ok netsh -q -c 'node mine'
expect_fail_msg "'ns1': a node of that name already exists \(seed004-switch.lab made it: run that lab with fresh=true" \
	netsh -q "$top/labs/seed004-switch.lab" keep=true
expect_ok netsh -q "$top/labs/seed004-switch.lab" keep=true fresh=true
ns_exists mine || fail "fresh=true removed a node the lab did not make"
[ "$(ip netns list | awk '{print $1}' | sort | tr '\n' ' ')" = "br1 mine ns1 ns2 " ] ||
	fail "after the fresh run: $(ip netns list)"
ok "a lab reruns with fresh=true, leaving what it did not make"
expect_ok netsh -q -c destroy
