#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A switch built in a batch: its bridge comes up once its ports are made
# (and before anything in the batch runs or looks at the lab); its ports
# are layer 2 only, its bridge keeps IPv6; IPv4 and IPv6 cross it.
. "$TESTLIB"

# One batch: the ping in the middle must see the bridge up already.
expect_ok netsh -q -c 'switch s1; node h1 h2 h3; cable h1 s1 10.0.0.1/24; cable h2 s1 10.0.0.2/24;
	h1 ping -c1 -W2 10.0.0.2; cable h3 s1 10.0.0.3/24; addr h1 fd00::1/64; addr h3 fd00::3/64'
ip -n s1 -o link show br0 | grep -q 'state UP' || fail "br0 is not up after the batch: $(ip -n s1 -o link show br0)"
ok "the bridge is up when the batch ends"
expect_ok netsh -c 'h3 ping -c1 -W2 10.0.0.2'
expect_ok netsh -c 'h1 ping -6 -c1 -W2 fd00::3'
ok "IPv4 and IPv6 cross the switch"

v6=$(ip -n s1 -6 -o addr show dev h1)
[ -z "$v6" ] || fail "switch port h1 has IPv6 addresses: $v6"
ip -n s1 -6 -o addr show dev br0 | grep -q 'fe80::' || fail "br0 has no IPv6 link-local address"
ok "ports are layer 2 only; the bridge keeps IPv6"
expect_ok netsh -c 'addr s1 fd00::100/64'
expect_ok netsh -c 'exec s1 ping -6 -c1 -W2 fd00::1'
ok "an IPv6 address on the switch reaches a host"

# The journal says what the kernel has: a later netsh sees br0 up.
netsh -c 'show s1' | grep -E '^ +br0 +UP' >/dev/null || fail "show s1 does not list br0 UP"
# What the batch says last wins: a switch set down in it stays down.
expect_ok netsh -q -c 'switch s2; node h4; cable h4 s2; down s2:br0'
ip -n s2 -o link show br0 | grep -q 'state DOWN' || fail "br0 of s2 is not down: $(ip -n s2 -o link show br0)"
ok "a bridge set down in the batch stays down"

# The dry run shows the bridge coming up after its ports.
out=$(netsh -q -n -c 'switch s9; node h9; cable h9 s9')
printf '%s\n' "$out"
last=$(printf '%s\n' "$out" | tail -n 1)
[ "$last" = "ip -n s9 link set dev br0 up" ] || fail "the dry run's last step is '$last'"
ok "explained: the bridge comes up last"

# A lab is a batch too: what it reads of a switch, and runs, sees br0 up.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/sw.lab" <<'LAB'
local sw = switch "s3"
local x, y = node("x", "y")
cable(x, sw, "10.3.0.1/24")
cable(y, sw, "10.3.0.2/24")
print("br0 up:", sw.ifaces.br0.up)
print("ping:", (x:exec("ping -c1 -W2 10.3.0.2")))
LAB
out=$(netsh -q "$dir/sw.lab") || fail "the lab failed: $out"
printf '%s\n' "$out"
printf '%s\n' "$out" | grep -q '^br0 up:	true$' || fail "the lab saw br0 down"
printf '%s\n' "$out" | grep -q '^ping:	true$' || fail "the lab's ping across the switch failed"
ok "a lab sees the switch up and reaches across it"
