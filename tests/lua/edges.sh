#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Lua's rough edges, each as a fuzzer found it: a NUL byte in a name,
# argument errors that name their function, a huge error message, a chain
# of labs that source each other, advice that works, and a dry run that
# plans against the real lab.
. "$TESTLIB"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

printf 'node("a\\0b")\n' > "$dir/nul.lab"
expect_fail_msg "nul.lab:1: bad argument #1 to 'node' \(the string holds a NUL byte" \
	netsh -q "$dir/nul.lab"
ns_exists a && fail "node(\"a\\\\0b\") made a node a"
[ -z "$(ip netns list)" ] || fail "a namespace was made: $(ip netns list)"
ok "a name with a NUL byte is refused, nothing made"

cat > "$dir/args.lab" <<'LAB'
print(pcall(netsh.get))
print(pcall(netsh.run, {}))
print(pcall(netsh.sleep, "soon"))
print(pcall(netsh.commands.node, {}))
LAB
out=$(netsh -q "$dir/args.lab") || fail "args.lab: $out"
cat > "$dir/want" <<'WANT'
false	bad argument #1 to 'netsh.get' (string expected, got no value)
false	bad argument #1 to 'netsh.run' (string expected, got table)
false	bad argument #1 to 'netsh.sleep' (number of seconds expected, got string)
false	bad argument #1 to 'node' (string expected, got table)
WANT
echo "$out" | diff -u "$dir/want" - || fail "argument errors do not name their function"
ok "argument errors name the function, even through pcall"

printf 'error(string.rep("x", 10 * 1024 * 1024))\n' > "$dir/big.lab"
netsh -q "$dir/big.lab" 2> "$dir/err" && fail "big.lab succeeded"
size=$(wc -c < "$dir/err")
[ "$size" -lt 8192 ] || fail "a 10 MB error message printed $size bytes"
grep -Eq "xxx\.\.\. \(message cut: 104857[0-9]{2} bytes in all\)$" "$dir/err" ||
	fail "the cut message does not say so: $(tail -c 300 "$dir/err")"
grep -q "^stack traceback:" "$dir/err" || fail "the cut message lost its traceback"
ok "a huge error message is cut, with a note and its traceback"

printf 'error("boom")\n' > "$dir/c.lab"
printf '\nsource("%s/c.lab")\n' "$dir" > "$dir/b.lab"
printf 'source("%s/b.lab")\n' "$dir" > "$dir/a.lab"
netsh -q "$dir/a.lab" 2> "$dir/err" && fail "a.lab succeeded"
cat "$dir/err"
[ "$(grep -c boom "$dir/err")" = 1 ] || fail "the chain repeats its message"
grep -qx "netsh: $dir/a.lab:1: source: $dir/b.lab:2: source: $dir/c.lab:1: boom" "$dir/err" ||
	fail "the message does not give the chain of labs"
ok "a chain of sourced labs says its error once, with the chain"
printf 'print(pcall(source, "%s/b.lab"))\n' "$dir" > "$dir/catch.lab"
out=$(netsh -q "$dir/catch.lab") || fail "catch.lab: $out"
[ "$out" = "false	source: $dir/b.lab:2: source: $dir/c.lab:1: boom" ] ||
	fail "pcall(source) does not get the reason: $out"
ok "a lab that catches source's error gets the reason"

expect_ok netsh -q -c 'router r; node a b'
expect_fail_msg "^netsh: forward: 'host': netsh leaves the host's own firewall alone; forward on a router of the lab that has NAT \(nat ROUTER, then forward ROUTER \.\.\.\)$" \
	netsh -c 'forward host tcp 80 to a'
err=$(netsh -c 'forward host tcp 80 to a' 2>&1)
case $err in *"nat host"*) fail "forward host still advises nat host: $err" ;; esac
ok "forward host gives advice that works"

# A dry run plans against the lab as it is.
out=$(netsh -n -c 'cable a b subnet 10.0.0.0/30') || fail "dry run on the real lab: $out"
echo "$out"
echo "$out" | grep -qx 'ip -n a link add name eth0 up type veth peer name eth0 netns b' ||
	fail "the dry run did not plan the cable: $out"
ip -n a link show eth0 >/dev/null 2>&1 && fail "the dry run made the cable"
expect_fail_msg "cable: 'zz': no such node \(nodes: host, r, a, b\)" netsh -n -c 'cable a zz'
ok "a dry run sees the lab's nodes and changes nothing"
expect_ok netsh -q -c destroy
