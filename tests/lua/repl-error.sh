#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# netsh -i FILE.lab: after a script error (runtime or syntax) the lab stays
# and the interactive shell still opens on it.
. "$TESTLIB"
command -v script >/dev/null 2>&1 || skip "script(1) not found"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/bad.lab" <<'LAB'
node "a"
cable("a", "zz")
LAB
printf 'show\nquit\n' | script -qec "$NETSH -i $dir/bad.lab" /dev/null > "$dir/out" 2>&1 ||
	fail "status $?: $(cat "$dir/out")"
tr -d '\r' < "$dir/out" > "$dir/clean"
cat "$dir/clean"
grep -q "bad.lab:2: cable: 'zz': no such node (nodes: host, a)" "$dir/clean" || fail "no error"
grep -q "stack traceback" "$dir/clean" || fail "no traceback"
grep -q "^1 node, 0 cables" "$dir/clean" || fail "the shell did not run show on the lab"
ok "a runtime error, then the shell on the lab"
expect_ok netsh -q -c destroy

printf 'node "a"\nlocal = 1\n' > "$dir/syntax.lab"
printf 'show\nquit\n' | script -qec "$NETSH -i $dir/syntax.lab" /dev/null > "$dir/out" 2>&1 ||
	fail "status $?: $(cat "$dir/out")"
tr -d '\r' < "$dir/out" > "$dir/clean"
cat "$dir/clean"
grep -q "syntax.lab:2: <name> expected near '='" "$dir/clean" || fail "no syntax error"
grep -q "^0 nodes, 0 cables" "$dir/clean" || fail "the shell did not open"
ok "a syntax error, then the shell"
