#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# capture: packets on links of the lab through libpcap, one line each as
# tcpdump -n writes them, tagged with node and interface; both sides of a
# NAT in one capture show the source before and after translation; pcap
# files that tcpdump reads; count, for and Ctrl-C stop it.
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
command -v tcpdump >/dev/null || skip "tcpdump(8) is needed to read the pcap files back"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe
dir=$(mktemp -d)
trap 'cleanup_pids; rm -rf "$dir"' EXIT

expect_ok netsh -q -c 'switch wan; router r1; node h1 s1
	cable r1 wan 172.16.0.1/24; cable s1 wan 172.16.0.11/24
	cable h1 r1 10.1.0.1/24 10.1.0.254/24; route h1 default via 10.1.0.254
	route r1 default via 172.16.0.11; nat r1'
sleep 1	# the links' own start-up chatter (router solicitations, MLD) goes by

netsh -c 'capture r1:eth1 r1:eth0 for 3s' > "$dir/nat.out" 2>&1 &
cap=$!
PIDS="$PIDS $cap"
wait_for 3 grep -q '^capturing on r1:eth1 r1:eth0$' "$dir/nat.out" || fail "the capture did not start: $(cat "$dir/nat.out")"
ip netns exec h1 "$PROBE" send -p 5000 172.16.0.11:40000 hello
wait "$cap" || fail "capture failed: $(cat "$dir/nat.out")"
cat "$dir/nat.out"
grep -Eq '^[0-9:.]+ r1:eth1 IP 10\.1\.0\.1\.5000 > 172\.16\.0\.11\.40000: UDP, length 5$' "$dir/nat.out" ||
	fail "the LAN side does not show the inside source"
grep -Eq '^[0-9:.]+ r1:eth0 IP 172\.16\.0\.1\.5000 > 172\.16\.0\.11\.40000: UDP, length 5$' "$dir/nat.out" ||
	fail "the WAN side does not show the translated source"
grep -Eq '^[0-9]+ packets captured, 0 dropped by the kernel$' "$dir/nat.out" || fail "no summary"
ok "both sides of a NAT in one capture: the source before and after translation"

netsh -c 'capture h1 count 1' > "$dir/one.out" 2>&1 &
cap=$!
wait_for 3 grep -q '^capturing on h1:eth0$' "$dir/one.out" || fail "capture h1 did not start"
ip netns exec h1 ping -c3 -i0.2 -W1 172.16.0.11 >/dev/null
wait "$cap" || fail "capture count 1 failed"
cat "$dir/one.out"
[ "$(grep -c ' h1:eth0 ' "$dir/one.out")" = 1 ] || fail "count 1 printed another number of packets"
grep -q '^1 packet captured' "$dir/one.out" || fail "count 1: $(cat "$dir/one.out")"
ok "count N stops after N packets; NODE captures its links"

netsh -q -c "capture r1:eth0 for 2s to $dir/wan.pcap" &
cap=$!
sleep 0.5
ip netns exec h1 "$PROBE" send -p 5001 172.16.0.11:40000 again
wait "$cap" || fail "capture to a file failed"
out=$(tcpdump -nr "$dir/wan.pcap" 2>&1) || fail "tcpdump cannot read the file: $out"
echo "$out"
echo "$out" | grep -q 'link-type EN10MB' || fail "one link should be written as Ethernet"
echo "$out" | grep -q 'IP 172.16.0.1.5001 > 172.16.0.11.40000: UDP, length 5' || fail "the datagram is not in the file"
netsh -q -c "capture r1:eth1 r1:eth0 for 2s to $dir/both.pcap" &
cap=$!
sleep 0.5
ip netns exec h1 "$PROBE" send -p 5002 172.16.0.11:40000 both
wait "$cap" || fail "capture of two links to a file failed"
out=$(tcpdump -nr "$dir/both.pcap" 2>&1) || fail "tcpdump cannot read the file: $out"
echo "$out" | grep -q 'link-type LINUX_SLL2' || fail "two links should be written as Linux cooked v2"
echo "$out" | grep -q 'IP 10.1.0.1.5002 > 172.16.0.11.40000: UDP, length 4' || fail "the LAN side is not in the file"
echo "$out" | grep -q 'IP 172.16.0.1.5002 > 172.16.0.11.40000: UDP, length 4' || fail "the WAN side is not in the file"
ok "pcap files: Ethernet for one link, Linux cooked v2 (interface index) for several"

"$NETSH" -c 'capture s1' > "$dir/int.out" 2>&1 &
cap=$!
wait_for 3 grep -q 'Ctrl-C stops' "$dir/int.out" || fail "capture s1 did not start"
kill -INT "$cap"
wait "$cap" || fail "Ctrl-C made capture fail: $(cat "$dir/int.out")"
grep -q 'captured, 0 dropped by the kernel$' "$dir/int.out" || fail "no summary after Ctrl-C"
ok "Ctrl-C stops a capture, with its summary"

expect_fail_msg "capture: 'x': expected a number of packets" netsh -c 'capture r1 count x'
expect_fail_msg "capture: 'zz': no such node" netsh -c 'capture zz'
expect_fail_msg "capture: for needs a value after it" netsh -c 'capture r1 for'
expect_fail_msg "capture: '5': expected a time, as 10s or 500ms" netsh -c 'capture r1 for 5'
expect_fail_msg "capture: capture to a file is refused under --sandbox" netsh --sandbox -c "capture r1 for 1s to $dir/x.pcap"
[ -e "$dir/x.pcap" ] && fail "--sandbox wrote the file"
ok "bad input names the token"
expect_ok netsh -q -c destroy
