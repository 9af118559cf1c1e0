#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# --sandbox: Lua's io, os and module loading are really absent; the lab
# still builds and checks networks.
. "$TESTLIB"
top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/read.lab" <<'LAB'
node "a"
local f = io.open("/etc/hostname")
print("read", f:read("a"))
LAB
expect_fail_msg "read.lab:2: 'io' is not available under --sandbox" \
	netsh -q --sandbox "$dir/read.lab"
out=$(netsh -q --sandbox "$dir/read.lab" 2>/dev/null || :)
case $out in *read*) fail "the script went on after io.open: $out" ;; esac
ok "io.open fails with a clear error"
expect_ok netsh -q -c destroy

cat > "$dir/os.lab" <<LAB
os.execute("touch $dir/made")
LAB
expect_fail_msg "'os' is not available under --sandbox" netsh -q --sandbox "$dir/os.lab"
[ -e "$dir/made" ] && fail "os.execute ran under --sandbox"
ok "os.execute is absent"

cat > "$dir/escape.lab" <<LAB
local ok = pcall(require, "io")
local ok2, e = pcall(dofile, "$dir/os.lab")
local ok3 = pcall(loadfile, "$dir/os.lab")
print(ok, ok2, ok3, load(string.dump(function() end)))
LAB
out=$(netsh -q --sandbox "$dir/escape.lab")
[ "$out" = "false	false	false	nil	attempt to load a binary chunk (mode is 't')" ] ||
	fail "require, dofile, loadfile or binary load worked: $out"
[ -e "$dir/made" ] && fail "a file ran under --sandbox"
ok "require, dofile, loadfile and binary chunks are refused"

cat > "$dir/source.lab" <<LAB
source "$dir/os.lab"
LAB
expect_fail_msg "source.lab:1: source: a lab cannot source files under --sandbox" \
	netsh -q --sandbox "$dir/source.lab"

# Without --sandbox the same script reads the file.
out=$(netsh -q "$dir/read.lab")
case $out in read*) ;; *) fail "without --sandbox io.open should work: $out" ;; esac
ok "without --sandbox io is there"
expect_ok netsh -q -c destroy

# A lab from labs/ passes under --sandbox.
expect_ok netsh -q --sandbox "$top/labs/seed004-switch.lab"
