#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel is the truth: what users change by hand is marked by show,
# recorded by refresh, and met by the commands that act on it.
. "$TESTLIB"

expect_ok netsh -q -c 'router r; node h1 h2; cable h1 r subnet 10.0.1.0/24
cable h2 r subnet 10.0.2.0/24; route h1 default via 10.0.1.2; route h2 default via 10.0.2.2'

# A link taken down by hand: show says so, and up brings it back (with
# the routes the kernel dropped).
ip -n h1 link set eth0 down
out=$(netsh -c show) || fail "show"
echo "$out" | grep -q '! eth0 is down (the record says up)' || fail "show does not mark h1:eth0 down: $out"
expect_ok netsh -c 'up h1:eth0'
ip -n h1 -o link show eth0 | grep -q 'state UP\|,UP' || fail "up did nothing: $(ip -n h1 -br link)"
ip -n h1 route | grep -q '^default via 10.0.1.2' || fail "the default route did not come back"
expect_ok netsh -c 'h1 ping -c1 -W2 h2'
ok "a link set down by hand is marked, and up brings it back"

# A route deleted by hand: route adds it again (no 'already has a route').
ip -n h2 route del default
out=$(netsh -c 'show h2') || fail "show h2"
echo "$out" | grep -q '! route default via 10.0.2.2 is gone' || fail "show h2 does not mark the route: $out"
expect_ok netsh -c 'route h2 default via 10.0.2.2'
ip -n h2 route | grep -q '^default via 10.0.2.2' || fail "the route was not added again"
ok "a route deleted by hand is marked, and route adds it again"

# An address and a route added by hand: marked, and recorded by refresh.
ip -n h1 addr add 10.0.1.77/24 dev eth0
ip -n h1 route add 10.9.0.0/16 via 10.0.1.2
out=$(netsh -c show)
echo "$out" | grep -q '! address 10.0.1.77/24 on eth0 was added outside netsh' || fail "$out"
echo "$out" | grep -q '! route 10.9.0.0/16 via 10.0.1.2 dev eth0 was added outside netsh' || fail "$out"
expect_ok netsh -c refresh
out=$(netsh -c show)
echo "$out" | grep -q '!' && fail "refresh left differences: $out"
echo "$out" | grep -q 'eth0   UP   peer r:eth0  10.0.1.1/24 10.0.1.77/24' ||
	fail "refresh did not record the address: $out"
echo "$out" | grep -q 'route 10.9.0.0/16 via 10.0.1.2' || fail "refresh did not record the route: $out"
out=$(netsh -c refresh) && echo "$out" | grep -q 'matches the kernel' || fail "a second refresh: $out"
ok "refresh records what was changed by hand"

# A new address, as a DHCP client would set it: the node's name stands for
# it, in programs and in expectations.
ip -n h1 addr flush dev eth0
ip -n h1 addr add 10.0.1.88/24 dev eth0
ip -n h1 route add default via 10.0.1.2
out=$(netsh -c 'h2 ping -c1 -W2 h1') || fail "h2 cannot reach h1 by its kernel address: $out"
echo "$out" | grep -q '10.0.1.88' || fail "h1 did not stand for its address 10.0.1.88: $out"
cat >/run/reach.lab <<LAB
expect.reach("h2", "h1")
expect.eq(netsh.get("h1"):addr(4), "10.0.1.88")
LAB
out=$(netsh -q /run/reach.lab) || fail "expectations on h1's kernel address: $out"
echo "$out" | grep -q 'ok 1 - h2 reaches h1 (10.0.1.88)' || fail "$out"
ok "a node name stands for the address the kernel has"

# A namespace deleted by hand: shown as gone, and del removes the ghost.
ip netns del h2
out=$(netsh -c show)
echo "$out" | grep -q '! its namespace is gone' || fail "show does not mark h2 gone: $out"
expect_ok netsh -c 'del h2'
out=$(netsh -c show)
echo "$out" | grep -q '^h2' && fail "h2 is still in the lab: $out"
echo "$out" | grep -q 'eth1' && fail "r still has its cable to h2: $out"
ok "a node whose namespace was deleted by hand can be deleted"
ip netns del h1
expect_ok netsh -c 'node h1'
ok "a node deleted by hand can be made again"

# Another netsh rebuilds a cable: this one's cached ifindexes do not go
# stale (a lab running its commands in one process).
cat >/run/rebuild.lab <<LAB
node "a"; node "b"; cable("a", "b")
os.execute("$NETSH -q -c 'del cable a b; cable a b'")
addr("a:eth0", "10.5.0.1/24")
LAB
expect_ok netsh -q /run/rebuild.lab
ip -n a addr show eth0 | grep -q 10.5.0.1 || fail "the address did not reach the rebuilt eth0"
ok "a cable rebuilt by another netsh is found by its name again"
expect_ok netsh -q -c destroy

# A big lab is read back on several threads at once (kernel_read_many):
# each node's differences still come under its own name, and only its own.
hosts=""
for i in $(seq 1 70); do hosts="$hosts m$i"; done
line="switch big; node$hosts"
for i in $(seq 1 70); do line="$line; cable m$i big 10.70.0.$i/16"; done
expect_ok netsh -q -c "$line"
ip -n m7 addr add 10.70.9.7/16 dev eth0
ip -n m33 link set eth0 down
ip netns del m50
ip netns del m61 && ip netns add m61	# replaced: not netsh's any more
out=$(netsh -c show) || fail "show of a 70-node lab: $out"
got=$(echo "$out" | awk '/^[^ ]/ { node = $1 } /!/ && node != "big" { print node ":" $0 }')
want="m7:  ! address 10.70.9.7/16 on eth0 was added outside netsh
m33:  ! eth0 is down (the record says up)
m50:  ! its namespace is gone (deleted outside netsh)
m61:  ! its namespace is gone (deleted outside netsh)"
[ "$got" = "$want" ] || fail "show marks the wrong nodes of a 70-node lab: $got"
out=$(netsh -j -c show) || fail "show -j of a 70-node lab: $out"
got=$(echo "$out" | python3 -c 'import json, sys
for n in json.load(sys.stdin)["nodes"]:
    if n["drift"] and n["name"] != "big":
        print(n["name"], *[d["text"] for d in n["drift"]], sep=": ")')
[ "$got" = "$(echo "$want" | sed 's/:  ! /: /')" ] || fail "show -j marks the wrong nodes: $got"
ok "the drift of a 70-node lab, read on threads, is each node's own"
expect_fail_msg "m61: /run/netns/m61 is not the namespace netsh created" netsh -q -c destroy
ip netns del m61
expect_ok netsh -q -c destroy
