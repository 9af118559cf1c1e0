#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Private labs: netsh run by users who are not root (nobody, and a second
# user) keeps each lab in a user namespace of that user's own, held by a
# keeper process between runs. The seed labs run there, NAT and ping
# included; two users' labs and two labs of one user do not see each other
# or root's lab; the lab persists, `ip netns exec` and nsenter reach it; a
# dead keeper is noticed; destroy leaves nothing in /proc or /tmp.
. "$TESTLIB"

command -v setpriv >/dev/null 2>&1 || skip "setpriv not found (Debian: util-linux)"
U1=65534 U2=65533

# The users may not be able to read the build tree (under root's home, say):
# their own copy of netsh, ptydrive, the labs and the lessons, on the
# sandbox's /run, made before /tmp is replaced (the tree may be there).
B=/run/private-test
mkdir -p "$B/bin" && cp "$NETSH" "$B/bin/netsh" || fail "copying netsh"
PTYDRIVE=$(dirname "$NETSH")/tests/repl/ptydrive
[ -x "$PTYDRIVE" ] || fail "ptydrive is not built ($PTYDRIVE)"
cp "$PTYDRIVE" "$B/bin/ptydrive"
cp -r "$(dirname "$TESTLIB")/../../labs" "$B/labs" && cp -r "$NETSH_TUTORIALS" "$B/tutorials" ||
	fail "copying the labs and lessons"
chmod -R a+rX "$B"
export NETSH_TUTORIALS=$B/tutorials
N=$B/bin/netsh
NETSH=$N	# root's runs too: the tree is out of sight once /tmp is replaced
# /tmp is the test's own (this mount namespace): the keepers meet there.
mount -t tmpfs -o mode=1777 netsh-tmp /tmp || fail "cannot mount a tmpfs on /tmp"

# as UID CMD...: run CMD as that user, with no runtime directory (so the
# rendezvous is /tmp/netsh-UID) and a home and state of its own.
as() {
	_uid=$1
	shift
	setpriv --reuid="$_uid" --regid="$_uid" --clear-groups \
		env -u XDG_RUNTIME_DIR HOME=/tmp XDG_STATE_HOME="/tmp/state-$_uid" "$@"
}
as "$U1" unshare --user --map-root-user true 2>/dev/null ||
	skip "this kernel does not let unprivileged users make user namespaces"


keeper() { pgrep -u "$1" -x netsh-keeper; }

# wait_gone UID: that user's keepers have all exited and its rendezvous
# directory is gone (the keeper leaves after its last netsh, at once).
wait_gone() {
	for _ in $(seq 50); do
		[ -z "$(keeper "$1")" ] && [ ! -e "/tmp/netsh-$1" ] && return 0
		sleep 0.1
	done
	ps -eo pid,user,stat,comm >&2
	ls -la /tmp >&2
	fail "user $1's keeper or /tmp/netsh-$1 is still there"
}

# --- the seed labs, as nobody, each torn down at its end ---
for lab in seed000-host-veth seed001-two-subnets seed002-two-nats seed003-two-machines \
	seed004-switch; do
	out=$(as "$U1" "$N" -q "$B/labs/$lab.lab" 2>&1) || { echo "$out"; fail "$lab as nobody"; }
	echo "$out" | grep -q "not ok" && { echo "$out"; fail "$lab as nobody: a check failed"; }
	ok "$lab runs as nobody, in a private lab"
	wait_gone "$U1"
	ok "$lab: its keeper left with the lab"
done
out=$(as "$U1" "$N" -q $B/labs/seed002-two-nats.lab 2>&1)
echo "$out" | grep -q "h1 arrives masqueraded as nat1" || { echo "$out"; fail "seed002's NAT check"; }
ok "NAT (nftables masquerade) works in a private lab"
wait_gone "$U1"

# --- one lab across invocations ---
out=$(as "$U1" "$N" -c 'node a; node b; cable a b subnet 10.9.0.0/30' 2>&1) ||
	{ echo "$out"; fail "building as nobody"; }
echo "$out" | grep -q "you are not root, so lab 'default' is private" ||
	{ echo "$out"; fail "netsh does not say the lab is private"; }
K1=$(keeper "$U1")
[ -n "$K1" ] || fail "no keeper holds nobody's lab"
ok "not root: netsh says once that the lab is private (keeper $K1)"
out=$(as "$U1" "$N" -c 'exec a ping -c 1 -W 2 10.9.0.2' 2>&1) || { echo "$out"; fail "ping in the lab"; }
echo "$out" | grep -q "1 received" || { echo "$out"; fail "ping got no reply"; }
echo "$out" | grep -q "is private" && fail "the second run says again that the lab is private"
ok "the lab persists: a second netsh pings a -> b, and says nothing of privacy"
out=$(echo 'ip netns exec b ip -br addr show eth0; exit' | as "$U1" "$N" -c 'shell a' 2>&1)
echo "$out" | grep -q "10.9.0.2/30" || { echo "$out"; fail "ip netns exec from netsh's shell"; }
ok "a shell from netsh reaches another node with ip netns exec"
out=$(as "$U1" nsenter -t "$K1" -U -m -n --preserve-credentials ip netns list 2>&1)
echo "$out" | grep -qx "a" || { echo "$out"; fail "nsenter into the keeper"; }
ok "nsenter -t KEEPER -U -m -n --preserve-credentials reaches the lab"
out=$(as "$U1" "$N" -c 'pingall' 2>&1) || { echo "$out"; fail "pingall in a private lab"; }
ok "pingall (netsh's own ICMP probes) in a private lab"

# --- the lesson, in the private lab ---
as "$U1" "$N" -L lesson -c 'tutorial veth' >/dev/null 2>&1 || fail "starting a lesson"
out=$(as "$U1" "$N" -L lesson -c 'node ns1' 2>&1) || { echo "$out"; fail "a lesson"; }
echo "$out" | grep -q "step 1 of 6 done" || { echo "$out"; fail "the lesson's first check"; }
as "$U1" "$N" -L lesson -q -c 'tutorial stop; destroy' >/dev/null 2>&1 || fail "ending the lesson"
ok "a lesson's check runs in a private lab"

# --- others: a second user, a second lab of the first, and root ---
out=$(as "$U2" "$N" -c 'node a' 2>&1) || { echo "$out"; fail "user $U2 makes its own node a"; }
out=$(as "$U2" "$N" -c 'show' 2>&1)
echo "$out" | grep -q "^1 node, 0 cables" || { echo "$out"; fail "user $U2 sees another lab"; }
out=$(as "$U1" "$N" -L two -c 'node a; show' 2>&1) || { echo "$out"; fail "nobody's second lab"; }
echo "$out" | grep -q "^1 node, 0 cables" || { echo "$out"; fail "nobody's two labs are one"; }
expect_ok netsh -q -c 'node a'
out=$(netsh -c show)
echo "$out" | grep -q "^1 node, 0 cables" || { echo "$out"; fail "root's lab sees a private one"; }
[ "$(ip netns list | wc -l)" = 1 ] || fail "root's /run/netns holds more than root's node"
out=$(as "$U1" "$N" -c 'show' 2>&1)
echo "$out" | grep -q "^2 nodes, 1 cable" || { echo "$out"; fail "nobody's first lab changed"; }
ok "two users, two labs of one user and root's lab each have their own node a"
expect_ok netsh -q -c destroy

# --- a keeper that died ---
K2=$(keeper "$U2")
kill -KILL "$K2"
for _ in $(seq 50); do gone "$K2" && break; sleep 0.1; done
out=$(as "$U2" "$N" -c 'show' 2>&1) || { echo "$out"; fail "show after the keeper died"; }
echo "$out" | grep -q "had ended (its keeper process was gone)" ||
	{ echo "$out"; fail "the keeper's death is not reported"; }
echo "$out" | grep -q "^0 nodes, 0 cables" || { echo "$out"; fail "a dead lab shows nodes"; }
ok "a dead keeper is reported, and the next netsh starts an empty lab"
wait_gone "$U2"
ok "an empty lab's keeper leaves after its last netsh"

# --- a socket removed (a runtime directory cleared at logout) ends the lab ---
expect_ok as "$U2" "$N" -q -c 'node a'
rm "/tmp/netsh-$U2/default.sock"
wait_gone "$U2"
out=$(as "$U2" "$N" -c 'show' 2>&1) || { echo "$out"; fail "show after the socket went"; }
echo "$out" | grep -q "^0 nodes, 0 cables" || { echo "$out"; fail "the lab outlived its socket"; }
wait_gone "$U2"
ok "a keeper whose socket is removed ends its lab"

# --- the shell, at the prompt ---
as "$U1" env TERM=xterm SHELL=/bin/sh "$B/bin/ptydrive" - "$N" <<'STEPS' ||
expect netsh[default]> 
line show
expect 2 nodes, 1 cable
expect netsh[default]> 
line quit
STEPS
	fail "the REPL in a private lab"
ok "the REPL opens on the private lab"

# --- what keeps a lab: a program on its host; nothing of the caller's ---
out=$(as "$U1" "$N" -L bg -c 'host sleep 600 &' 2>&1) || { echo "$out"; fail "a job on the host"; }
out=$(as "$U1" "$N" -L bg -c 'jobs' 2>&1)
echo "$out" | grep -q "sleep 600" || { echo "$out"; fail "the host's job was lost with its lab"; }
expect_ok as "$U1" "$N" -q -L bg -c destroy
ok "a program running on a private lab's host keeps the lab"
out=$(timeout 20 sh -c "{ setpriv --reuid=$U1 --regid=$U1 --clear-groups env -u XDG_RUNTIME_DIR \
	HOME=/tmp '$N' -q -L fds -c 'node x' 5>&1 >/dev/null 2>&1; echo built; } | cat") ||
	fail "a pipe netsh was started with is held by its keeper"
[ "$out" = built ] || fail "the pipe: $out"
expect_ok as "$U1" "$N" -q -L fds -c destroy
ok "the keeper holds none of the descriptors netsh was started with"
mkdir -m 0700 /tmp/xdg && chown "$U1" /tmp/xdg
expect_ok setpriv --reuid="$U1" --regid="$U1" --clear-groups env XDG_RUNTIME_DIR=/tmp/xdg \
	HOME=/tmp "$N" -q -c 'node x'
[ -S /tmp/xdg/netsh/default.sock ] || fail "no socket in \$XDG_RUNTIME_DIR/netsh"
expect_ok setpriv --reuid="$U1" --regid="$U1" --clear-groups env XDG_RUNTIME_DIR=/tmp/xdg \
	HOME=/tmp "$N" -q -c destroy
for _ in $(seq 50); do [ ! -e /tmp/xdg/netsh ] && break; sleep 0.1; done
[ ! -e /tmp/xdg/netsh ] || fail "\$XDG_RUNTIME_DIR/netsh is left"
rmdir /tmp/xdg
ok "with XDG_RUNTIME_DIR set the keeper is met there, and leaves nothing"

# --- destroy leaves nothing ---
expect_ok as "$U1" "$N" -q -L two -c destroy
expect_ok as "$U1" "$N" -q -c destroy
wait_gone "$U1"
[ -z "$(pgrep -x netsh-keeper)" ] || fail "a keeper is left"
[ -z "$(find /tmp -maxdepth 1 -name 'netsh-*')" ] || { ls -la /tmp; fail "/tmp keeps netsh's files"; }
ok "destroy ends the keepers and leaves nothing in /proc or /tmp"

# --- a program that ends after the last netsh left: its keeper goes then ---
out=$(as "$U1" "$N" -L late -c 'host sleep 1 &' 2>&1) || { echo "$out"; fail "a short job on the host"; }
[ -n "$(keeper "$U1")" ] || fail "the lab went while its program ran"
wait_gone "$U1"
ok "a lab whose last program ends after its last netsh left: the keeper goes then"

# --- a dry run makes nothing that lasts ---
out=$(as "$U1" "$N" -n -c 'node z' 2>&1) || { echo "$out"; fail "a dry run as nobody"; }
echo "$out" | grep -q "ip netns add z" || { echo "$out"; fail "the dry run's plan"; }
[ ! -e "/tmp/netsh-$U1" ] || fail "a dry run made /tmp/netsh-$U1"
expect_ok as "$U1" "$N" -q -c 'node z'
expect_fail_msg "z.*already" as "$U1" "$N" -n -c 'node z'
expect_ok as "$U1" "$N" -q -c destroy
wait_gone "$U1"
ok "a dry run as nobody plans against the private lab, and starts none"

# --- what is refused, and why ---
expect_fail_msg "'.x': a lab name cannot start with '.'" as "$U1" "$N" -L .x -c 'node a'
expect_fail_msg "'a/b': a lab name is letters.*'/'" as "$U1" "$N" -L a/b -c 'node a'
[ ! -e "/tmp/netsh-$U1" ] || fail "a bad lab name made /tmp/netsh-$U1"
mkdir -m 0755 /tmp/netsh-$U1 && chown "$U1" /tmp/netsh-$U1
expect_fail_msg "/tmp/netsh-$U1 is not a directory of yours alone" as "$U1" "$N" -c 'node a'
rmdir /tmp/netsh-$U1
expect_fail_msg "user.max_user_namespaces = 0.*administrator" \
	unshare --user --map-root-user sh -c \
	'echo 0 >/proc/sys/user/max_user_namespaces && exec "$0" --private -c "node a"' "$N"
[ -z "$(find /tmp -maxdepth 1 -name 'netsh-*')" ] || { ls -la /tmp; fail "a refusal left files"; }
ok "a bad lab name, a rendezvous directory open to others, and user namespaces switched off, are refused in words"
echo "all private-lab checks passed"
