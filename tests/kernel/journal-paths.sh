#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The journal's other paths: compaction past its threshold, a running lab
# reloading after another netsh compacted, the journal removed under a
# running lab, and a command undone after its kernel work (a cable deleted,
# then made again as it was).
. "$TESTLIB"

journal=/run/netsh/default/journal
expect_ok netsh -q -c 'node a b; cable a b subnet 10.4.0.0/30'
before=$(netsh -c show)

# Compaction: many records for a small lab; the closing netsh rewrites it.
flips=$(for i in $(seq 300); do printf 'down a:eth0; up a:eth0; '; done)
expect_ok netsh -q -c "$flips"
lines=$(wc -l <"$journal")
[ "$lines" -lt 40 ] || fail "the journal was not compacted ($lines lines)"
grep -q '^begin ' "$journal" && fail "the compacted journal still has command groups"
[ "$(netsh -c show)" = "$before" ] || fail "compaction changed the lab: $(netsh -c show)"
ok "a journal past its threshold is compacted, the lab unchanged ($lines lines)"

# A lab that runs while another netsh compacts: it reads the new journal.
cat >/run/reload.lab <<LAB
node "c"
os.execute("$NETSH -q -c '$flips cable a c'")
cable("b", "c")
expect.eq(#netsh.nodes(), 3, "the lab sees the nodes after the compaction")
expect.ok(netsh.get("c").ifaces.eth0 ~= nil, "and the cable the other netsh made")
LAB
out=$(netsh -q /run/reload.lab) || fail "reload after compaction: $out"
ip -n c link show eth1 >/dev/null || fail "c has no second cable"
ok "a running lab reloads the journal another netsh compacted"

# The journal removed under a running lab: the lab starts over empty, and
# destroy still finds its namespaces by their tag.
cat >/run/removed.lab <<LAB
node "d"
os.execute("rm $journal")
expect.eq(#netsh.nodes(), 0, "the lab's record is gone with its journal")
node "e"
LAB
expect_ok netsh -q /run/removed.lab
netsh -c show | grep -q '^1 node' || fail "after the journal went, the lab should hold e only: $(netsh -c show)"
expect_ok netsh -q -c destroy
[ -z "$(ip netns list)" ] || fail "destroy left $(ip netns list)"
ok "with its journal removed, the lab starts over and destroy removes every namespace"

# A command undone after its kernel work: del cable whose commit cannot be
# written makes the cable again, with its names, addresses and ifindexes.
expect_ok netsh -q -c 'node f g; cable f g subnet 10.6.0.0/30'
idx=$(ip -n f -o link show eth0 | cut -d: -f1)
pidx=$(ip -n g -o link show eth0 | cut -d: -f1)
expect_fail_msg "No space left on device" env NETSH_FAIL_WRITE=2 "$NETSH" -q -c 'del cable f g'
[ "$(ip -n f -o link show eth0 | cut -d: -f1)" = "$idx" ] || fail "f:eth0 was not made again as it was"
[ "$(ip -n g -o link show eth0 | cut -d: -f1)" = "$pidx" ] || fail "g:eth0 was not made again as it was"
ip -n f addr show eth0 | grep -q 10.6.0.1/30 || fail "f:eth0 lost its address"
expect_ok netsh -c 'f ping -c1 -W2 g'
ok "an undone del cable makes the cable again as it was"
expect_ok netsh -q -c destroy
