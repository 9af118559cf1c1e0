#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# pingall: every node probes every other, IPv4 and IPv6, with netsh's own
# probes; a broken pair is named and fails the command; the neighbour
# entries it pins are gone after, a user's own are kept, and a segment of
# 120 hosts (14,280 pairs, more than the kernel's shared neighbour table
# holds) is probed without a loss.
. "$TESTLIB"

expect_ok netsh -q -c 'switch s; node a b c d
	cable a s 10.0.0.1/24; cable b s 10.0.0.2/24; cable c s 10.0.0.3/24; cable d s 10.0.0.4/24
	addr a:eth0 fd00::1/64; addr b:eth0 fd00::2/64'
out=$(netsh -c pingall) || fail "pingall of a working lab failed: $out"
want='a -> b c d
b -> a c d
c -> a b d
d -> a b c
Results: 0% dropped (14/14 received)'
[ "$out" = "$want" ] || fail "pingall printed: $out"
ok "pingall prints the matrix and Mininet's summary (IPv4 and IPv6 pairs)"
for n in a b c d; do
	[ -z "$(ip -n $n neigh show nud permanent)" ] || fail "pingall left pinned entries in $n: $(ip -n $n neigh)"
done
ok "pingall removes the neighbour entries it pinned"

# Break one node on purpose: its route to the segment is deleted.
ip -n c route del 10.0.0.0/24
expect_fail_msg "^netsh: pingall: 6 of 14 probes got no reply$" netsh -c pingall
out=$(netsh -c pingall 2>/dev/null) && fail "pingall succeeded with c broken"
echo "$out"
echo "$out" | grep -qx 'a -> b X d' || fail "the matrix does not mark c: $out"
echo "$out" | grep -qx 'c -> X X X' || fail "c's row: $out"
echo "$out" | grep -qx 'c -> a (10.0.0.1): cannot send: Network is unreachable' ||
	fail "the broken pair c -> a is not named with its reason: $out"
echo "$out" | grep -qx 'a -> c (10.0.0.3): no reply in 3 tries of 1 s' ||
	fail "the broken pair a -> c is not named: $out"
echo "$out" | grep -qx 'Results: 43% dropped (8/14 received)' || fail "summary: $out"
ok "a broken pair is named, with what was seen, and pingall fails"
out=$(netsh -c 'pingall a b d') || fail "pingall of the working nodes: $out"
echo "$out" | grep -qx 'Results: 0% dropped (8/8 received)' || fail "pingall a b d: $out"
ok "pingall NODE... probes among the nodes named"
ip -n c route add 10.0.0.0/24 dev eth0

# Pins a netsh left behind (it died midway) go; a user's permanent entry stays.
ip -n a neigh add 10.0.0.99 lladdr 02:00:00:00:00:99 dev eth0 nud permanent proto 110
ip -n a neigh add 10.0.0.98 lladdr 02:00:00:00:00:98 dev eth0 nud permanent
ip -n a neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev eth0 nud permanent proto 110
expect_ok netsh -q -c pingall
ip -n a neigh show 10.0.0.99 | grep -q . && fail "a stale pin of netsh's stayed"
ip -n a neigh show 10.0.0.98 | grep -q PERMANENT || fail "the user's own permanent entry was removed"
ip -n a neigh show 10.0.0.2 | grep -q 02:00:00:00:00:02 && fail "a stale pin with a wrong MAC stayed"
ok "pins a dead netsh left are removed (they could hold a stale MAC); the user's entries stay"
ip -n a neigh del 10.0.0.98 dev eth0

expect_fail_msg "pingall: 's' is a switch: it has no address to probe from" netsh -c 'pingall a s'
expect_fail_msg "pingall: 'zz': no such node" netsh -c 'pingall a zz'
out=$(netsh -n -c pingall) || fail "dry run: $out"
[ "$out" = "# dry run: 4 nodes would probe each other; not run" ] || fail "dry run: $out"
ok "bad input and a dry run"
expect_ok netsh -q -c destroy

# Routed pairs: a chain of routers.
expect_ok netsh -q -c 'router r1 r2 r3; node x y
	cable x r1 subnet 10.1.0.0/30; cable r1 r2 subnet 10.1.1.0/30
	cable r2 r3 subnet 10.1.2.0/30; cable r3 y subnet 10.1.3.0/30
	route x default via 10.1.0.2; route y default via 10.1.3.1
	route r1 10.1.2.0/23 via 10.1.1.2; route r2 10.1.0.0/30 via 10.1.1.1
	route r2 10.1.3.0/30 via 10.1.2.2; route r3 10.1.0.0/22 via 10.1.2.1'
out=$(netsh -c pingall) || fail "pingall through routers: $out"
echo "$out" | grep -qx 'Results: 0% dropped (20/20 received)' || fail "routed pingall: $out"
ok "pingall through a chain of routers"
expect_ok netsh -q -c destroy

# 120 hosts on one switch: 14,280 pairs.
cmd="switch s"
for i in $(seq 1 120); do cmd="$cmd; node h$i; cable h$i s 10.2.0.$i/24"; done
expect_ok netsh -q -c "$cmd"
out=$(netsh -c pingall) || fail "pingall of 120 hosts: $(echo "$out" | tail -5)"
echo "$out" | tail -1
[ "$(echo "$out" | tail -1)" = 'Results: 0% dropped (14280/14280 received)' ] ||
	fail "pingall of 120 hosts: $(echo "$out" | tail -3)"
[ "$(echo "$out" | wc -l)" = 1 ] || fail "a big lab should print only the summary: $(echo "$out" | head)"
[ -z "$(ip -n h1 neigh show nud permanent)" ] || fail "pins left in h1"
ok "pingall of 120 hosts on one switch: every pair, nothing left pinned"
expect_ok netsh -q -c destroy

# expect.pingall in a lab, under --sandbox too (no program runs).
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat > "$dir/p.lab" <<'LAB'
switch "s"
local a, b, c = node("a", "b", "c")
cable(a, "s", "10.3.0.1/24") cable(b, "s", "10.3.0.2/24") cable(c, "s", "10.3.0.3/24")
expect.pingall()
expect.pingall(a, b, "a and b")
down("c:eth0")
expect.pingall(a, c)
LAB
out=$(netsh -q --sandbox "$dir/p.lab") && fail "a lab with a failing pingall passed: $out"
echo "$out"
want='ok 1 - pingall: 3 nodes reach each other
ok 2 - a and b
not ok 3 - pingall: 2 nodes reach each other # saw: 0/2 received: a -> c (10.3.0.3): no reply in 3 tries of 1 s; c -> a (10.3.0.1): cannot send: Network is unreachable
1..3'
[ "$out" = "$want" ] || fail "expect.pingall printed: $out"
ok "expect.pingall passes, names its failures, and works under --sandbox"
expect_ok netsh -q -c destroy
