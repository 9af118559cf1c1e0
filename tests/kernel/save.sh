#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The lab in and out. save writes a Lua lab that rebuilds it: for every lab
# in labs/ and for one built by hand at the prompt, build, save, destroy and
# run the saved lab: the kernel's view of every namespace is the same. What
# it cannot rebuild is listed at its top. export sh builds the same lab
# with bash -e and no netsh; export json follows the schema; export dot is
# a graph Graphviz reads (when it is installed); draw is what the seeds'
# golden pictures show.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
command -v nft >/dev/null || skip "nft(8) is needed to compare the NAT rules"
command -v tc >/dev/null || skip "tc(8) is needed to compare the link conditions"
dir=$(mktemp -d)
trap 'cleanup_pids; rm -rf "$dir"' EXIT

# roundtrip NAME: the lab built now, saved, rebuilt from the file; and its
# export sh run by bash -e.
roundtrip() {
	lab_dump > "$dir/$1.built"
	out=$(netsh -c "save $dir/$1.lab") || fail "$1: save: $out"
	expect_ok netsh -q -c destroy
	lab_clear
	out=$("$NETSH" -q "$dir/$1.lab" 2>&1) || fail "$1: the saved lab fails: $out"
	lab_dump > "$dir/$1.saved"
	diff -u "$dir/$1.built" "$dir/$1.saved" || fail "$1: the saved lab builds something else"
	out=$(netsh -c "export sh $dir/$1.sh") || fail "$1: export sh: $out"
	expect_ok netsh -q -c destroy
	lab_clear
	bash -e "$dir/$1.sh" > "$dir/$1.sh.out" 2>&1 || fail "$1: export sh fails: $(tail -3 "$dir/$1.sh.out")"
	lab_dump > "$dir/$1.replayed"
	diff -u "$dir/$1.built" "$dir/$1.replayed" || fail "$1: export sh builds something else"
	lab_clear
	rm -rf /run/netsh/default
}

count=0
for lab in "$top"/labs/*.lab; do
	name=$(basename "$lab" .lab)
	"$NETSH" -q "$lab" keep=true n=4 >/dev/null 2>&1 || fail "$name: the lab failed"
	roundtrip "$name"
	count=$((count + 1))
	ok "$name: saved and rebuilt, and exported as sh and rebuilt, the same"
done
[ "$count" -ge 8 ] || fail "only $count labs"

# A lab built by hand: the host, a switch, IPv6, extra addresses, routes
# with dev, a link down, NAT of each type with a forward, link conditions.
expect_ok netsh -q -c 'switch lan; router r1 r2; node h1 h2 h3
	cable host:up0 r1:wan 192.168.7.1/24 192.168.7.2/24
	cable r1 lan 10.1.0.1/24; cable h1 lan 10.1.0.11/24; cable h2 lan 10.1.0.12/24
	addr lan 10.1.0.100/24; addr h1:eth0 fd00:1::11/64; addr h1:eth0 10.1.0.111/24
	cable r1 r2 subnet 10.9.0.0/30; cable r2 h3 10.3.0.1/24 10.3.0.2/24
	route h1 default via 10.1.0.1; route h2 default via 10.1.0.1 dev eth0
	route r1 10.3.0.0/24 via 10.9.0.2; route r2 default via 10.9.0.1; route h3 default via 10.3.0.1
	route r1 default via 192.168.7.1
	nat r1 out wan type symmetric; forward r1 tcp 8080 to h1:80; forward r1 udp 53 to 10.1.0.12
	nat r2 out eth0 type full-cone
	impair h1 lan rate 20mbit; impair r2>h3 rate 5mbit
	down h2'
roundtrip byhand
ok "a lab built by hand: saved and rebuilt, and exported as sh and rebuilt, the same"

# What save cannot rebuild is listed, not lost.
expect_ok netsh -q -c 'node a b; cable a b 10.5.0.1/24 10.5.0.2/24'
ip -n a route add 10.77.0.0/16 via 10.5.0.2
expect_ok netsh -q -c 'b sleep 100 &'
out=$(netsh -c "save $dir/notes.lab") || fail "save: $out"
echo "$out"
grep -qx -- '--   a: route 10.77.0.0/16 via 10.5.0.2 dev eth0 was added outside netsh' "$dir/notes.lab" ||
	fail "the hand-made route is not listed: $(head "$dir/notes.lab")"
grep -q -- '^--   job 1 in b: sleep 100 (start it again with: b sleep 100 &)$' "$dir/notes.lab" ||
	fail "the job is not listed: $(head "$dir/notes.lab")"
grep -q 'program sleep' "$dir/notes.lab" && fail "the job is listed twice"
ok "what the lab has that save cannot rebuild heads the file"

out=$(netsh -c 'export json') || fail "export json: $out"
echo "$out" | python3 -c '
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(sys.stdin)
jsonschema.validate(doc, {"$ref": "#/$defs/lab", "$defs": schema["$defs"]})
' "$top/doc/netsh.schema.json" || fail "export json does not follow the schema"
ok "export json follows doc/netsh.schema.json"
netsh -c "export dot $dir/lab.dot" >/dev/null || fail "export dot"
grep -q '^	"a" -- "b" \[taillabel="eth0", headlabel="eth0"\];$' "$dir/lab.dot" || fail "the cable a-b is not in the graph"
if command -v dot >/dev/null; then
	dot -Tsvg "$dir/lab.dot" > "$dir/lab.svg" || fail "Graphviz cannot read the graph"
	ok "export dot: a graph Graphviz draws"
else
	echo "# Graphviz (dot) is not installed: the graph is checked by its text only"
	ok "export dot: the cables are in the graph"
fi
if command -v dot >/dev/null; then
	netsh -c "export svg $dir/lab.svg" >/dev/null || fail "export svg"
	grep -q '<svg' "$dir/lab.svg" || fail "export svg wrote no SVG"
else
	expect_fail_msg "export: svg needs Graphviz's dot program, which is not installed" \
		netsh -c "export svg $dir/lab.svg"
fi
expect_fail_msg "export: 'png': expected dot, json, sh or svg" netsh -c 'export png'
expect_fail_msg "save: a lab writes no file under --sandbox" netsh --sandbox -c "save $dir/x.lab"
[ -e "$dir/x.lab" ] && fail "--sandbox wrote the file"
expect_ok netsh -q -c destroy

# draw: the seed labs' golden pictures, in UTF-8 and in ASCII.
for seed in seed000-host-veth seed001-two-subnets seed002-two-nats seed003-two-machines seed004-switch; do
	"$NETSH" -q "$top/labs/$seed.lab" keep=true >/dev/null 2>&1 || fail "$seed failed"
	LANG=C.UTF-8 "$NETSH" -c draw > "$dir/$seed.draw" || fail "$seed: draw"
	diff -u "$top/tests/golden/$seed.draw" "$dir/$seed.draw" || fail "$seed: draw differs from its golden picture"
	expect_ok netsh -q -c destroy
	lab_clear
done
LANG=C "$NETSH" -c 'node x y; cable x y' >/dev/null
[ "$(LANG=C "$NETSH" -c 'draw x')" = "x (node)
\`- eth0 -- eth0 -- y (node)" ] || fail "ASCII draw: $(LANG=C "$NETSH" -c 'draw x')"
ok "draw: the seeds' pictures, and ASCII outside UTF-8"
