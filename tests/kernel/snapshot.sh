#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The model's snapshot (engine/snapshot.c) spares a netsh in a big lab the
# whole journal, and is never believed over it: what netsh shows with the
# snapshot is what it shows from the journal alone, whatever happened to
# either file.
. "$TESTLIB"

dir=/run/netsh/default
snap=$dir/snapshot

# show, with drift marks and all, from the snapshot and the journal's tail.
shown() { "$NETSH" -c show 2>&1; }
# show from the journal alone (the snapshot moved away, then put back
# over the one that netsh writes after reading the whole journal).
from_journal() {
	local out had=0
	[ -e "$snap" ] || [ -L "$snap" ] && had=1 && mv "$snap" /run/snap.aside
	out=$("$NETSH" -c show 2>&1)
	if [ "$had" = 1 ]; then mv /run/snap.aside "$snap"; fi
	printf '%s\n' "$out"
}
agrees() {
	local a b
	a=$(shown) || fail "$1: show failed: $a"
	b=$(from_journal)
	[ "$a" = "$b" ] || fail "$1: show from the snapshot differs from the journal's:
$(diff <(echo "$b") <(echo "$a"))"
}

# A small lab needs no snapshot.
expect_ok netsh -q -c 'router r0 r1; cable r0 r1'
[ -e "$snap" ] && fail "a lab of two nodes got a snapshot"
ok "a small lab has no snapshot"

# A chain of 40 routers: its journal is past the point that earns one.
line="router"
for i in $(seq 2 40); do line="$line r$i"; done
for i in $(seq 1 39); do line="$line; cable r$i r$((i + 1)) subnet 10.0.$i.0/30"; done
for i in $(seq 2 40); do line="$line; route r$i 10.0.0.0/24 via 10.0.$((i - 1)).1"; done
expect_ok netsh -q -c "$line"
[ -f "$snap" ] || fail "no snapshot after a 40-router build ($(wc -c <"$dir/journal") journal bytes)"
[ "$(stat -c %a "$snap")" = 600 ] || fail "the snapshot is not private: $(stat -c %a "$snap")"
agrees "after the build"
out=$(shown)
echo "$out" | grep -q '^41 nodes, 40 cables' || fail "show: $(echo "$out" | head -1)"
ok "a 40-router lab: show from its snapshot is show from its journal"

# Interfaces come back in their order (eth0 before eth1 before host's).
expect_ok netsh -q -c 'cable host r5 subnet 10.9.0.0/30'
rm -f "$snap"
expect_ok netsh -q -c 'addr r5:eth2 10.9.9.1/32'	# a whole read: a new snapshot
[ -f "$snap" ] || fail "a netsh that read the whole journal wrote no snapshot"
echo "$(shown)" | grep -A3 '^r5 ' | awk 'NR > 1 { print $1 }' | tr '\n' ' ' | grep -q '^eth0 eth1 eth2 $' ||
	fail "r5's interfaces out of order: $(shown | grep -A3 '^r5 ')"
agrees "after a cable to the host"
ok "a netsh that reads the whole journal writes a snapshot; interfaces keep their order"

# Commands after the snapshot: it and the journal's tail.
old=$(md5sum <"$snap")
expect_ok netsh -q -c 'node late; cable late r40 10.8.0.2/24 10.8.0.1/24; del r20'
[ "$old" = "$(md5sum <"$snap")" ] || fail "three commands rewrote the snapshot"
agrees "with commands after the snapshot"
ok "a snapshot and the journal after it give the lab"

# Damaged, stale, misplaced or foreign snapshots are not believed.
cp "$snap" /run/good
size=$(stat -c %s "$snap")
printf '\x55' | dd of="$snap" bs=1 seek=$((size - 40)) conv=notrunc status=none
agrees "with a byte of the snapshot changed"
cp /run/good "$snap"
truncate -s $((size - 1)) "$snap"
agrees "with the snapshot cut short"
cp /run/good "$snap"
printf '\x01' | dd of="$snap" bs=1 seek=20 conv=notrunc status=none
agrees "with the snapshot's format changed"
ok "a damaged snapshot is not used"

# The journal changed in place before the snapshot's point (same file,
# same length): the journal is the truth.
cp /run/good "$snap"
at=$(grep -boa '^addr_add node=r3 if=eth0 addr=10.0.2.2/30' "$dir/journal" | head -1 | cut -d: -f1)
[ -n "$at" ] || fail "no address record of r3 in the journal"
printf 'addr_add node=r3 if=eth0 addr=10.0.2.3/30' | dd of="$dir/journal" bs=1 seek="$at" conv=notrunc status=none
out=$(shown)
echo "$out" | grep -A1 '^r3 ' | grep -q '10.0.2.3/30' || fail "show believed the snapshot over the journal: $(echo "$out" | grep -A2 '^r3 ')"
agrees "after the journal changed under the snapshot"
ok "a journal changed under its snapshot is read, not the snapshot"

# Another lab's snapshot, a compacted journal's, a link: not used.
expect_ok netsh -L other -q -c 'node o1'
cp /run/good /run/netsh/other/snapshot
out=$("$NETSH" -L other -c show 2>&1)
echo "$out" | grep -q '^1 node' || fail "lab other believed lab default's snapshot: $(echo "$out" | head -1)"
rm -f /run/netsh/other/snapshot
echo secret >/run/victim
rm -f "$snap"
ln -s /run/victim "$snap"
agrees "with the snapshot a symlink"
[ "$(cat /run/victim)" = secret ] || fail "netsh wrote through a planted snapshot link"
rm -f "$snap"
mkfifo "$snap"
out=$(timeout 20 "$NETSH" -c show 2>&1) || fail "a FIFO for a snapshot: show failed or hung: $out"
rm -f "$snap"
ln -s /run/victim "$dir/snapshot.new"
expect_ok netsh -q -c 'node n1'
[ "$(cat /run/victim)" = secret ] || fail "netsh wrote through a planted snapshot.new"
[ -f "$snap" ] && [ ! -L "$snap" ] || fail "no snapshot after a whole read with a planted snapshot.new"
ok "a snapshot of another lab, a link or a FIFO is not used or written through"

# A dry run never writes one; destroy leaves none.
rm -f "$snap"
expect_ok netsh -n -q -c 'node dry'
[ -e "$snap" ] && fail "a dry run wrote a snapshot"
expect_ok netsh -q -c destroy
[ -e "$snap" ] && fail "destroy left a snapshot: $(ls -l "$dir")"
out=$(shown)
echo "$out" | grep -q '^0 nodes' || fail "after destroy: $out"
expect_ok netsh -L other -q -c destroy
ok "a dry run writes no snapshot; destroy leaves none"
