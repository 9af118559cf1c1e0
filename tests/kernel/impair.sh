#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# impair: link conditions on a cable. A rate is a token bucket, measured
# with TCP through it; one direction or both; changed at runtime; removed;
# recorded. Delay, jitter and loss need netem: where the kernel has it the
# delay is measured, where it lacks it the refusal is checked and nothing
# may change.
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
command -v tc >/dev/null || skip "tc(8) is needed to check the qdiscs"
ip netns add tbfprobe && ip -n tbfprobe link add d0 type veth peer name d1 &&
	tc -n tbfprobe qdisc add dev d0 root tbf rate 1mbit burst 4k limit 16k 2>/dev/null ||
	{ ip netns del tbfprobe 2>/dev/null; skip "no tbf qdisc in this kernel"; }
has_netem=0
tc -n tbfprobe qdisc replace dev d0 root netem delay 1ms 2>/dev/null && has_netem=1
ip netns del tbfprobe

expect_ok netsh -q -c 'node a b; router r
	cable a r subnet 10.0.0.0/30; cable r b subnet 10.0.1.0/30
	route a default via 10.0.0.2; route b default via 10.0.1.1'
spawn ip netns exec b "$PROBE" sink 5001
spawn ip netns exec a "$PROBE" sink 5001
wait_for 3 sh -c "ip netns exec b ss -ltn | grep -q ':5001 '" || fail "b's sink did not start"
wait_for 3 sh -c "ip netns exec a ss -ltn | grep -q ':5001 '" || fail "a's sink did not start"

# rate FROM TO ADDR: Mbit/s that TO's sink measured of 3 s of TCP from FROM
# (after the first second: without slow start).
rate() {
	local log=/run/sink.$2 n
	n=$(grep -c '^received' "$log" 2>/dev/null)
	ip netns exec "$1" "$PROBE" blast -t 3 "$3:5001" >/dev/null || fail "blast from $1 failed"
	wait_for 5 sh -c "[ \$(grep -c '^received' $log) -gt ${n:-0} ]" || fail "$2's sink saw no end"
	tail -1 "$log" | sed 's/.*(\([0-9.]*\) Mbit\/s after 1 s)$/\1/'
}
# The sinks log to files: restart them so.
cleanup_pids
spawn sh -c "ip netns exec b '$PROBE' sink 5001 > /run/sink.b"
spawn sh -c "ip netns exec a '$PROBE' sink 5001 > /run/sink.a"
wait_for 3 sh -c "ip netns exec b ss -ltn | grep -q ':5001 '" || fail "b's sink did not restart"
wait_for 3 sh -c "ip netns exec a ss -ltn | grep -q ':5001 '" || fail "a's sink did not restart"
within() {	# GOT WANT PERCENT
	awk -v g="$1" -v w="$2" -v p="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= w * p / 100) }'
}

base=$(rate a b 10.0.1.2)
echo "a -> b without conditions: $base Mbit/s"
awk -v g="$base" 'BEGIN { exit !(g > 100) }' || skip "the path itself carries only $base Mbit/s: a 50 Mbit/s bucket cannot be measured"

out=$(netsh -x -c 'impair a r rate 50mbit') || fail "impair a r rate 50mbit: $out"
echo "$out"
echo "$out" | grep -qx 'tc -n a qdisc replace dev eth0 root tbf rate 50mbit burst 125000b limit 437500b' ||
	fail "explain does not print the tc command: $out"
echo "$out" | grep -qx 'a        ~ eth0   UP   peer r:eth0  10.0.0.1/30  impair rate 50mbit' ||
	fail "the view does not show the condition: $out"
tc -n a qdisc show dev eth0 | grep -q 'tbf .* rate 50Mbit' || fail "no 50 Mbit/s tbf on a:eth0: $(tc -n a qdisc show dev eth0)"
tc -n r qdisc show dev eth0 | grep -q 'tbf .* rate 50Mbit' || fail "no 50 Mbit/s tbf on r:eth0"
got=$(rate a b 10.0.1.2)
echo "a -> b through rate 50mbit: $got Mbit/s"
within "$got" 50 10 || fail "a -> b carried $got Mbit/s, not 50 within 10%"
ok "rate 50mbit both ways: TCP a -> b measured $got Mbit/s"

expect_ok netsh -q -c 'impair b>r rate 10mbit'
tc -n b qdisc show dev eth0 | grep -q 'rate 10Mbit' || fail "no 10 Mbit/s tbf on b:eth0"
tc -n r qdisc show dev eth1 | grep -q tbf && fail "b>r put a qdisc on r's side too"
got=$(rate b a 10.0.0.1)
echo "b -> a through b>r rate 10mbit: $got Mbit/s"
within "$got" 10 10 || fail "b -> a carried $got Mbit/s, not 10 within 10%"
ok "one direction (b>r): measured $got Mbit/s"

expect_ok netsh -q -c 'impair a r rate 20mbit'
tc -n a qdisc show dev eth0 | grep -q 'rate 20Mbit' || fail "the rate did not change at runtime"
out=$(netsh -c show)
echo "$out" | grep -q 'eth0   UP   peer r:eth0  10.0.0.1/30  impair rate 20mbit' ||
	fail "show (a new netsh) does not list the condition: $out"
ok "changed at runtime, recorded, listed by show"

if [ "$has_netem" = 1 ]; then
	expect_ok netsh -q -c 'impair a r delay 40ms'
	rtt=$(ip netns exec a ping -c3 -i0.2 10.0.0.2 | sed -n 's/.*= [0-9.]*\/\([0-9.]*\)\/.*/\1/p')
	awk -v r="$rtt" 'BEGIN { exit !(r >= 78) }' || fail "delay 40ms both ways gave an RTT of $rtt ms"
	ok "delay 40ms both ways: RTT $rtt ms"
else
	before=$(tc -n a qdisc show dev eth0; tc -n r qdisc show dev eth0)
	expect_fail_msg "impair: a: this kernel has no netem \(sch_netem\), so delay, jitter and loss cannot be emulated here; rate works \(tbf\)" \
		netsh -c 'impair a r delay 40ms loss 1%'
	[ "$(tc -n a qdisc show dev eth0; tc -n r qdisc show dev eth0)" = "$before" ] ||
		fail "a refused netem changed the qdiscs"
	netsh -c show | grep -q 'impair rate 20mbit$' || fail "a refused netem changed the record"
	echo "# this kernel has no netem: the delay, jitter and loss measurements are skipped"
	ok "without netem, delay and loss are refused, saying why, and nothing changes"
fi

expect_fail_msg "impair: '10megs': expected a rate, as 10mbit" netsh -c 'impair a r rate 10megs'
expect_fail_msg "impair: 'ratee': expected delay, jitter, loss or rate; did you mean rate\?" netsh -c 'impair a r ratee 1mbit'
expect_fail_msg "impair: 'b': no cable joins a and b" netsh -c 'impair a b rate 1mbit'
expect_fail_msg "impair: give a condition" netsh -c 'impair a r'
expect_fail_msg "impair: '101%': a loss is at most 100%" netsh -c 'impair a r loss 101%'
expect_fail_msg "impair: 'zz': no such node" netsh -c 'impair a>zz rate 1mbit'
ok "bad input names the token"

# The journal compacted (many changes, past its threshold) keeps them.
cmds=""
for i in $(seq 1 300); do cmds="$cmds; impair a r rate $((i + 10))mbit"; done
netsh -q -c "${cmds#; }" >/dev/null || fail "300 changes failed"
lines=$(wc -l < /run/netsh/default/journal)
[ "$lines" -lt 100 ] || fail "the journal was not compacted ($lines lines)"
netsh -c show | grep -q 'eth0   UP   peer r:eth0  10.0.0.1/30  impair rate 310mbit' ||
	fail "the compacted journal lost a's condition: $(netsh -c show)"
netsh -c show | grep -q 'eth0   UP   peer a:eth0  10.0.0.2/30  impair rate 310mbit' ||
	fail "the compacted journal lost r's condition"
ok "a compacted journal keeps the link conditions"

expect_ok netsh -q -c 'del impair a r; del impair b>r'
for q in "a eth0" "r eth0" "b eth0"; do
	tc -n ${q% *} qdisc show dev ${q#* } | grep -q tbf && fail "del impair left a tbf on $q"
done
netsh -c show | grep -q impair && fail "show still lists a condition"
expect_fail_msg "del: 'a': no link conditions there to remove" netsh -c 'del impair a r'
ok "del impair removes them"
expect_ok netsh -q -c destroy
