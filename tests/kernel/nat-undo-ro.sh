#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NAT steps that fail halfway are undone: with /proc/sys read-only for
# netsh, del nat fails after netsh's table went (it puts the table back and
# the transaction undoes the forward's removal), and nat on a plain node that
# cannot be made to forward makes nothing.
. "$TESTLIB"

command -v nft >/dev/null || skip "nft(8) is needed to check the rules"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe
unshare --mount sh -c 'mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys' ||
	skip "cannot make /proc/sys read-only here, which this test needs"

expect_ok netsh -q -c 'switch wan; node gw h1 s1; cable gw wan 172.16.0.1/24;
	cable s1 wan 172.16.0.11/24; cable h1 gw 10.1.0.1/24 10.1.0.254/24;
	route h1 default via 10.1.0.254; route gw default via 172.16.0.11;
	nat gw; forward gw udp 53 to h1'
fwd() { ip netns exec gw cat /proc/sys/net/ipv4/conf/all/forwarding; }
rules=$(ip netns exec gw nft list table inet netsh)
ro_netsh() {
	unshare --mount sh -c 'mount --bind /proc/sys /proc/sys && mount -o remount,bind,ro /proc/sys &&
		exec "$0" "$@"' "$NETSH" "$@"
}
expect_fail_msg "gw: turning forwarding off \(/proc/sys/net/ipv4/conf/all/forwarding\): Read-only file system" \
	ro_netsh -c 'del nat gw'
[ "$(ip netns exec gw nft list table inet netsh)" = "$rules" ] ||
	fail "a failed del nat changed netsh's table"
netsh -c show | grep -q '^  forward udp 53 -> 10.1.0.1:53$' || fail "a failed del nat changed the record"
[ "$(fwd)" = 1 ] || fail "a failed del nat changed gw's forwarding"
ok "a del nat that fails halfway is undone (table and forwards back)"
expect_fail_msg "h1: turning forwarding on .*Read-only file system" ro_netsh -c 'nat h1 out eth0'
[ -z "$(ip netns exec h1 nft list ruleset)" ] || fail "a failed nat left rules in h1"
netsh -c show | grep -A4 '^h1 ' | grep -q nat && fail "a failed nat was recorded"
ok "nat on a node that cannot be made to forward makes nothing"
