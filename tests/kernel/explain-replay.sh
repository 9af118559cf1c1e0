#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What explain and -n print is a script ip and nft accept: for every lab in
# labs/, the dry run's ip and nft lines, run with bash -e on an empty
# machine, build the same namespaces (links, addresses, routes, nftables
# rules) as netsh itself.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
command -v nft >/dev/null || skip "nft(8) is needed to replay the NAT rules"
command -v sysctl >/dev/null || skip "sysctl(8) is needed to replay the namespace settings"

# Every namespace as ip and nft show it, without what the kernel makes up
# (MAC addresses and the link-local addresses made of them, ifindexes).
dump() {
	for ns in $(ip netns list | awk '{ print $1 }' | sort); do
		echo "== $ns"
		# Admin state (the UP flag): the carrier's state settles a moment later.
		ip -n "$ns" -o link | awk '{ sub(/@.*/, "", $2); print $2, ($3 ~ /[<,]UP[,>]/ ? "up" : "down") }' | sort
		ip -n "$ns" -br addr | awk '{ sub(/@.*/, "", $1); out = $1; for (i = 3; i <= NF; i++) if ($i !~ /^fe80::/) out = out " " $i; print out }' | sort
		ip -n "$ns" route | sort
		ip -n "$ns" -6 route | grep -v '^fe80::\|^multicast\|^ff00::' | sed 's/ pref medium//' | sort
		ip netns exec "$ns" nft list ruleset
		for f in net/ipv4/conf/all/forwarding net/ipv6/conf/all/forwarding; do
			echo "$f=$(ip netns exec "$ns" cat /proc/sys/$f)"
		done
	done
	ip -o link | awk '{ sub(/@.*/, "", $2); print $2, ($3 ~ /[<,]UP[,>]/ ? "up" : "down") }' | sort
}

clear_all() {
	for ns in $(ip netns list | awk '{ print $1 }'); do ip netns del "$ns"; done
	wait_for 2 sh -c '[ "$(ip -o link | wc -l)" = 1 ]' || fail "links left: $(ip -br link)"
}

count=0
for lab in "$top"/labs/*.lab; do
	name=$(basename "$lab" .lab)
	"$NETSH" -q "$lab" keep=true n=4 >/dev/null 2>&1 || fail "$name: the lab failed"
	dump >"/run/$name.netsh"
	"$NETSH" -q -c destroy >/dev/null || fail "$name: destroy"
	clear_all
	"$NETSH" -n "$lab" keep=true n=4 2>&1 | grep -E '^ip ' >"/run/$name.sh" ||
		fail "$name: no ip lines in the dry run"
	bash -e "/run/$name.sh" >"/run/$name.out" 2>&1 ||
		fail "$name: the printed script fails: $(tail -3 "/run/$name.out")"
	dump >"/run/$name.replay"
	diff -u "/run/$name.netsh" "/run/$name.replay" ||
		fail "$name: the printed script builds something else than netsh"
	clear_all
	count=$((count + 1))
	ok "$name: its explain script, run by bash -e, builds what netsh builds"
done
[ "$count" -ge 8 ] || fail "only $count labs"
