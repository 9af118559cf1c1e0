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

count=0
for lab in "$top"/labs/*.lab; do
	name=$(basename "$lab" .lab)
	"$NETSH" -q "$lab" keep=true n=4 >/dev/null 2>&1 || fail "$name: the lab failed"
	lab_dump >"/run/$name.netsh"
	"$NETSH" -q -c destroy >/dev/null || fail "$name: destroy"
	lab_clear
	"$NETSH" -n "$lab" keep=true n=4 2>&1 | grep -E '^ip ' >"/run/$name.sh" ||
		fail "$name: no ip lines in the dry run"
	bash -e "/run/$name.sh" >"/run/$name.out" 2>&1 ||
		fail "$name: the printed script fails: $(tail -3 "/run/$name.out")"
	lab_dump >"/run/$name.replay"
	diff -u "/run/$name.netsh" "/run/$name.replay" ||
		fail "$name: the printed script builds something else than netsh"
	lab_clear
	count=$((count + 1))
	ok "$name: its explain script, run by bash -e, builds what netsh builds"
done
[ "$count" -ge 8 ] || fail "only $count labs"
