#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every Lua expectation's error path (bad arguments, unknown nodes, a node
# without an address, a gateway that is no address) frees what it took:
# checked by valgrind, or by LeakSanitizer in a sanitizer build.
. "$TESTLIB"

cat >/run/errors.lab <<'LAB'
node("a", "b"); cable("a", "b", "10.0.0.1/24", "10.0.0.2/24"); node "c"
local bad = {
	function() expect.route("a", "b", "not-an-address") end,
	function() expect.route("a", "nosuch") end,
	function() expect.route("a", "c") end,
	function() expect.route("a", "zz::zz::") end,
	function() expect.route(1, 2, 3, {}) end,
	function() expect.reach("a", "nosuch") end,
	function() expect.reach("nosuch", "a") end,
	function() expect.unreachable({}, "a") end,
	function() expect.output("a", "x; y", "p") end,
	function() expect.output("nosuch", "true", "p") end,
	function() expect.output("a", "true") end,
	function() expect.eq() end,
	function() expect.match("x") end,
	function() netsh.get("a"):exec() end,
	function() netsh.get("a"):spawn("x; y") end,
}
local raised = 0
for _, f in ipairs(bad) do
	if not pcall(f) then raised = raised + 1 end
end
print("raised " .. raised .. " of " .. #bad)
expect.route("a", "b")
expect.reach("a", "c")
LAB

if nm -D "$NETSH" 2>/dev/null | grep -q __asan_init || ldd "$NETSH" | grep -q libasan; then
	# A sanitizer build: LeakSanitizer checks at exit (CI sets detect_leaks=1).
	out=$(ASAN_OPTIONS=detect_leaks=1:exitcode=23 netsh -q /run/errors.lab 2>&1)
	rc=$?
	echo "$out"
	[ "$rc" != 23 ] || fail "LeakSanitizer found leaks on an expectation's error path"
	checker=LeakSanitizer
else
	command -v valgrind >/dev/null || skip "valgrind not installed (scripts/setup installs it)"
	out=$(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=23 "$NETSH" -q /run/errors.lab 2>&1)
	rc=$?
	echo "$out"
	[ "$rc" != 23 ] || fail "valgrind found errors or leaks on an expectation's error path"
	checker=valgrind
fi
echo "$out" | grep -q '^raised 15 of 15$' || fail "not every bad call raised an error"
ok "every expectation's error path is clean ($checker)"
expect_ok netsh -q -c destroy
