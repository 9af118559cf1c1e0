#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A damaged journal never bricks a lab: a torn last record is cut off and
# reported, damaged records are skipped and reported, destroy removes every
# namespace it can prove; planted symlinks are not followed; a full state
# disk fails a command cleanly; concurrent writers keep one journal.
. "$TESTLIB"

journal=/run/netsh/default/journal
TMPDIR_ERR=/run/stderr.txt
empty_netns() { [ -z "$(ls /run/netns 2>/dev/null)" ]; }

# A torn tail: the next command cuts it off, says so, and goes on.
expect_ok netsh -q -c 'node a b; cable a b subnet 10.0.0.0/30'
printf 'veth_add node=a if=eth9 peer=b peer_if=e' >>"$journal"
expect_ok netsh -q -c 'node c' 2>"$TMPDIR_ERR"
grep -q "cut off a record torn at byte" "$TMPDIR_ERR" || fail "the torn record was not reported: $(cat "$TMPDIR_ERR")"
out=$(netsh -c show) || fail "show after a torn tail"
echo "$out" | grep -q '^3 nodes, 1 cable' || fail "the lab after a torn tail: $out"
expect_ok netsh -q -c destroy
empty_netns || fail "destroy left $(ls /run/netns)"
ok "a torn last record is cut off and reported"

# Random damage: bytes overwritten, lines cut, garbage inserted. Whatever
# it hits, show and destroy work and no namespace is left.
damage() {
	local size off lines
	size=$(stat -c %s "$journal")
	lines=$(wc -l <"$journal")
	[ "$size" -gt 0 ] && [ "$lines" -gt 0 ] || return 0
	off=$((RANDOM % size))
	case $((RANDOM % 4)) in
	0) printf "$(printf '\\x%02x' $((RANDOM % 256)))" |
		dd of="$journal" bs=1 seek="$off" conv=notrunc status=none ;;
	1) head -c "$off" "$journal" >"$journal.cut" && cat "$journal.cut" >"$journal" && rm "$journal.cut" ;;
	2) sed -i "$((RANDOM % lines + 1))d" "$journal" ;;
	3) sed -i "$((RANDOM % lines + 1))i garbage $RANDOM=x" "$journal" ;;
	esac
}
tries=${DAMAGE_TRIES:-60}
bricked=0
done_tries=0
for i in $(seq "$tries"); do
	done_tries=$((done_tries + 1))
	"$NETSH" -q -c 'router r; node a b; cable a r subnet 10.0.0.0/30; cable b r subnet 10.0.1.0/30; route a default via 10.0.0.2' ||
		fail "try $i: the build failed"
	damage
	damage
	"$NETSH" -c show >/dev/null 2>&1 || { bricked=$((bricked + 1)); echo "# try $i: show failed"; }
	if ! "$NETSH" -q -c destroy >/dev/null 2>"$TMPDIR_ERR" || ! empty_netns; then
		echo "# try $i: destroy: $(cat "$TMPDIR_ERR"); left: $(ls /run/netns)"
		bricked=$((bricked + 1))
		for n in $(ls /run/netns); do ip netns del "$n"; done
		rm -f "$journal"
	fi
done
[ "$done_tries" -eq "$tries" ] || fail "only $done_tries of $tries damages were tried"
[ "$bricked" -eq 0 ] || fail "$bricked of $tries damaged journals left a lab that show or destroy refuses"
ok "$tries random damages: every lab shown and destroyed"

# Planted symlinks in the state directory are not followed.
echo secret >/run/victim
expect_ok netsh -q -c 'node a'
ln -s /run/victim /run/netsh/default/journal.new
expect_ok netsh -q -c destroy
[ "$(cat /run/victim)" = secret ] || fail "compaction wrote through a planted journal.new"
[ -L /run/netsh/default/journal.new ] && fail "the planted link was left for the next writer"
mkdir -p /run/elsewhere
ln -s /run/elsewhere /run/netsh/linked
expect_fail_msg "not a directory netsh made" netsh -L linked -c 'node z'
[ -z "$(ls /run/elsewhere)" ] || fail "netsh wrote through a symlinked lab directory"
ok "symlinks planted in the state directory are not followed"
[ "$(stat -c %a /run/netsh/default)" = 700 ] || fail "the state directory is not private"
ok "the state directory is mode 0700"

# A full state disk: the command fails with the reason and leaves nothing.
mkdir -p /run/small
mount -t tmpfs -o size=16k small /run/small || skip "cannot mount a small tmpfs"
NETSH_STATE_DIR=/run/small "$NETSH" -q -c 'node f1' || fail "node f1 on the small disk"
dd if=/dev/zero of=/run/small/filler bs=4k count=16 status=none 2>/dev/null || :
# A command too big for the page the journal has left.
expect_fail_msg "No space left on device" env NETSH_STATE_DIR=/run/small "$NETSH" -q -c \
	"node $(seq -f 'full%g' 1 60 | tr '\n' ' ')"
[ "$(ls /run/netns)" = f1 ] || fail "a command on a full disk left $(ls /run/netns)"
rm /run/small/filler
NETSH_STATE_DIR=/run/small "$NETSH" -q -c destroy || fail "destroy after the disk filled up"
empty_netns || fail "left after a full disk: $(ls /run/netns)"
umount /run/small
ok "a full state disk fails the command and leaves nothing"

# Four writers at once: every node recorded once, in one journal.
for w in 1 2 3 4; do
	"$NETSH" -q -c "node w${w}a w${w}b; cable w${w}a w${w}b; node w${w}c" &
	PIDS="$PIDS $!"
done
for p in $PIDS; do wait "$p" || fail "a concurrent writer failed"; done
PIDS=""
out=$(netsh -c show) || fail "show after concurrent writers"
echo "$out" | grep -q '^12 nodes, 4 cables' || fail "concurrent writers: $(echo "$out" | head -1)"
expect_ok netsh -q -c destroy
empty_netns || fail "left after concurrent writers: $(ls /run/netns)"
ok "four concurrent writers share one journal"
