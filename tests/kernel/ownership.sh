#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Ownership is proven with identities the kernel does not reuse: a
# namespace by its cookie (its inode number is reused), a host link by its
# other end in the lab (its name and ifindex can be taken again).
. "$TESTLIB"
TMPERR=/run/stderr.txt

# The user replaces a lab namespace by one of their own, of the same name
# (and, as often as the kernel likes, the same inode number): destroy
# leaves theirs alone, every time.
# Fill the free low inode numbers first, so that a's is the one reused.
for f in 1 2 3 4 5 6; do ip netns add "fill$f"; done
same_ino=0
for i in $(seq 5); do
	expect_ok netsh -q -c 'node a; node b' >/dev/null
	old=$(stat -L -c %i /run/netns/a)
	ip netns del a
	sleep 0.3	# the kernel frees a namespace (and its inode number) a little later
	ip netns add a
	[ "$(stat -L -c %i /run/netns/a)" = "$old" ] && same_ino=$((same_ino + 1))
	"$NETSH" -q -c destroy 2>"$TMPERR" && fail "destroy said nothing of the replaced a"
	grep -q "a: /run/netns/a is not the namespace netsh created" "$TMPERR" ||
		fail "destroy did not name the replaced namespace: $(cat "$TMPERR")"
	ns_exists a || fail "destroy deleted the user's namespace a (try $i)"
	ns_exists b && fail "destroy left b"
	ip netns del a
	sleep 0.3
done
for f in 1 2 3 4 5 6; do ip netns del "fill$f"; done
ok "a replaced namespace is never deleted (5 tries, $same_ino with its inode number reused)"

# A host link with the name and ifindex of one netsh made, whose other end
# is not in the lab: destroy leaves it alone.
expect_ok netsh -q -c 'node x; cable host x'
idx=$(cat /sys/class/net/x/ifindex)
ip netns del x
wait_for 2 sh -c '! ip link show x' || fail "the host end did not go with x's namespace"
ip link add x index "$idx" type veth peer name xpeer || skip "cannot make a link of a chosen ifindex"
[ "$(cat /sys/class/net/x/ifindex)" = "$idx" ] || fail "the impostor did not get ifindex $idx"
"$NETSH" -q -c destroy 2>"$TMPERR" && fail "destroy said nothing of the impostor link"
grep -q "host: x is not the link netsh created" "$TMPERR" || fail "destroy: $(cat "$TMPERR")"
ip link show x >/dev/null || fail "destroy deleted a host link netsh did not make"
ip link del x
ok "a host link of the same name and ifindex but another other end is left alone"

# Namespaces of another lab (another key) and of other tools are not the lab's.
expect_ok netsh -q -L other -c 'node o1'
ip netns add foreign
expect_ok netsh -q -c 'node mine'
rm -rf /run/netsh/default	# the lab's record is lost, its key too
expect_ok netsh -q -c destroy
ns_exists mine || fail "without its key the lab cannot prove mine, and must leave it"
ns_exists o1 || fail "destroy deleted another lab's namespace"
ns_exists foreign || fail "destroy deleted another tool's namespace"
expect_ok netsh -q -L other -c destroy
ns_exists o1 && fail "the other lab's destroy left o1"
ip netns del foreign; ip netns del mine
ok "another lab's and another tool's namespaces are left alone"
