#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A netsh killed at any moment (NETSH_CRASH=N: SIGKILL at its N-th crash
# point, around every kernel step and journal write) leaves a lab that the
# next netsh shows truthfully and destroys completely, after which the same
# build runs again. Every point of a build and of a destroy is tried.
. "$TESTLIB"

build='switch sw; router r; node a b; cable a sw 10.0.0.1/24; cable r sw 10.0.0.2/24
cable b r subnet 10.0.1.0/24; cable host r subnet 10.9.0.0/30; route a default via 10.0.0.2
route b default via 10.0.1.2
nat r out eth2; forward r tcp 8080 to b:80'
build=$(printf '%s' "$build" | tr '\n' ';')
host_links() { ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' '; }
links_before=$(host_links)
links_as_before() { [ "$(host_links)" = "$links_before" ]; }

# After a crash: show answers and counts what the kernel has, destroy
# leaves no namespace, no file in /run/netns and no host link.
check_after() {
	local what=$1 shown ns
	shown=$("$NETSH" -c show 2>&1) || fail "$what: show failed: $shown"
	ns=$(ls /run/netns 2>/dev/null | wc -l)
	echo "$shown" | grep -q "^$ns nodes\?," ||
		fail "$what: show does not count the $ns namespaces: $(echo "$shown" | head -1)"
	out=$("$NETSH" -q -c destroy 2>&1) || fail "$what: destroy failed: $out"
	[ -z "$(ls /run/netns 2>/dev/null)" ] || fail "$what: left in /run/netns: $(ls /run/netns)"
	wait_for 2 links_as_before || fail "$what: host links left: $(host_links)"
}

# crash_each CMD [BEFORE]: kill netsh -c CMD at each of its crash points
# until it runs through, each kill checked (check_after) and the lab built
# again with BEFORE, if given, before the next try; $points says how many
# there were.
crash_each() {
	n=1
	while :; do
		rc=0
		NETSH_CRASH=$n "$NETSH" -q -c "$1" >/dev/null 2>&1 || rc=$?
		[ "$rc" -eq 0 ] && break
		[ "$rc" -eq 137 ] || fail "crash point $n of $1: status $rc, not a kill"
		check_after "$1 killed at point $n"
		[ -z "${2:-}" ] || expect_ok netsh -q -c "$2" >/dev/null
		n=$((n + 1))
	done
	points=$((n - 1))
}

# Every crash point of the build, until it runs through.
crash_each "$build"
build_points=$points
[ "$build_points" -gt 20 ] || fail "only $build_points crash points in the build"
expect_ok netsh -c 'a ping -c1 -W2 b'
ok "the build killed at each of its $build_points points: shown and destroyed, nothing left"

# Every crash point of destroy, each on a whole lab.
crash_each destroy "$build"
[ -z "$(ls /run/netns 2>/dev/null)" ] || fail "destroy left $(ls /run/netns)"
destroy_points=$points
ok "destroy killed at each of its $destroy_points points: the next destroy removes the rest"

# Every crash point of deleting nodes with several cables, whose cuts go
# to the kernel as one request (the switch's two ports from its far side,
# the router's two cables to nodes from its own).
expect_ok netsh -q -c "$build" >/dev/null
crash_each 'del sw; del r' "$build"
ns_exists sw && fail "del sw left its namespace"
ip -n a -o link show eth0 2>/dev/null && fail "a:eth0 survived del sw"
ip -n b -o link show eth0 2>/dev/null && fail "b:eth0 survived del r"
expect_ok netsh -q -c destroy >/dev/null
del_points=$points
ok "deleting a switch and a router killed at each of their $del_points points: shown and destroyed"

# With a snapshot of the model after every command (NETSH_SNAPSHOT_AFTER=1):
# a netsh killed at any point of extending a lab, writing its snapshot
# too, leaves a lab whose show from the snapshot is its show from the
# journal alone, and that destroy removes.
first=$(printf '%s' "$build" | cut -d';' -f1-4)
rest=$(printf '%s' "$build" | cut -d';' -f5-)
n=1
while :; do
	NETSH_SNAPSHOT_AFTER=1 expect_ok netsh -q -c "$first" >/dev/null
	rm -f /run/snapshot.aside
	rc=0
	NETSH_SNAPSHOT_AFTER=1 NETSH_CRASH=$n "$NETSH" -q -c "$rest" >/dev/null 2>&1 || rc=$?
	[ "$rc" -eq 0 ] || [ "$rc" -eq 137 ] || fail "snapshot crash point $n: status $rc, not a kill"
	# (what show says on stderr, settling a command left midway, is once)
	with=$(NETSH_SNAPSHOT_AFTER=1 "$NETSH" -c show 2>/dev/null) || fail "point $n: show failed"
	mv /run/netsh/default/snapshot /run/snapshot.aside 2>/dev/null || :
	without=$("$NETSH" -c show 2>/dev/null)
	[ "$with" = "$without" ] || fail "killed at snapshot crash point $n: the snapshot says
$with
and the journal
$without"
	check_after "extending the lab with snapshots, killed at point $n"
	if [ "$rc" -eq 0 ]; then
		[ -f /run/snapshot.aside ] || fail "no snapshot after the whole build"
		break
	fi
	n=$((n + 1))
done
ok "extending a lab with a snapshot after each command, killed at each of its $((n - 1)) points: the snapshot agrees with the journal"

# A failed journal write (NETSH_FAIL_WRITE=N, as on a full disk): the
# command fails and leaves nothing in the kernel, at its begin or commit.
for w in 1 2; do
	out=$(NETSH_FAIL_WRITE=$w "$NETSH" -q -c 'node x y; cable x y' 2>&1) &&
		fail "a command whose journal write $w failed succeeded"
	echo "$out" | grep -q "No space left on device" || fail "write $w: no reason given: $out"
	[ -z "$(ls /run/netns 2>/dev/null)" ] || fail "write $w failed, yet $(ls /run/netns) remain"
	out=$("$NETSH" -c show) || fail "show after a failed write"
	echo "$out" | grep -q '^0 nodes' || fail "write $w failed, yet the lab has: $out"
done
ok "a journal write that fails undoes its command"
echo "# crash points: $build_points in the build, $destroy_points in destroy, $del_points in del, $((n - 1)) with snapshots; leftovers: 0"
