#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The command line as iproute2 and nft have it: --help and --version, -f
# FILE and -f -, exit statuses, errors after what came before them.
. "$TESTLIB"

out=$(netsh --help) || fail "--help failed"
echo "$out" | grep -q '^usage: netsh' || fail "--help: $out"
[ "$(netsh --version)" = "$(netsh -V)" ] || fail "--version and -V differ"
netsh --version | grep -Eq '^netsh [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version: $(netsh --version)"
rc=0; netsh --bogus >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "a bad option: status $rc, not 2"
ok "--help, --version, and status 2 for a bad option"

cat >/run/cmds <<'CMDS'
# a file of commands, as nft -f and ip -batch take
node f1 f2
cable f1 f2 subnet 10.3.0.0/30
CMDS
expect_ok netsh -q -f /run/cmds
ip -n f2 addr show eth0 | grep -q 10.3.0.2 || fail "-f did not run the file"
printf 'del f2\nroute f1 default via 10.9.9.9\nnode never\n' >/run/bad
expect_fail_msg "^netsh: /run/bad:2: route: '10.9.9.9'" netsh -q -f /run/bad
ns_exists never && fail "-f went on after an error"
printf 'node f3\n' | netsh -q -f - || fail "-f - did not read standard input"
ns_exists f3 || fail "-f - did not run its commands"
expect_fail_msg "cannot read /run/none" netsh -f /run/none
ok "-f FILE and -f - run files of commands, errors at FILE:LINE"

# What came before an error is written before it, on a pipe too.
out=$(netsh -c 'node o1; cable o1 nosuch' 2>&1 | cat)
[ "$(printf '%s\n' "$out" | head -n 1 | cut -c1-11)" = "o1       + " ] ||
	fail "the error came before the output: $out"
ok "stdout is flushed before an error"

# Colour: never with TERM=dumb (script(1) gives a terminal).
if command -v script >/dev/null; then
	out=$(TERM=dumb script -qec "$NETSH -c 'node c1'" /dev/null)
	case $out in *$'\e['*) fail "colour with TERM=dumb" ;; esac
	out=$(TERM=xterm script -qec "$NETSH -c 'node c2'" /dev/null)
	case $out in *$'\e['*) ;; *) fail "no colour on a terminal" ;; esac
	ok "no colour for TERM=dumb"
fi
expect_ok netsh -q -c destroy

# Libraries most commands do not need are loaded when one does, not at
# start (the dynamic loader says what it loads: LD_DEBUG=files).
libs=$(ldd "$NETSH")
if echo "$libs" | grep -Eq 'libnftables|libpcap|liblua|libedit|libjansson|libnl-nf|libnl-route'; then
	fail "netsh is linked with a library it loads when needed: $libs"
fi
loaded() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u | tr '\n' ' '; }
libs=$(loaded "$NETSH" -q -c 'node m1; m1 true')
echo "$libs" | grep -Eq 'lua|edit|jansson|nl-nf|nl-route|nftables|pcap' &&
	fail "a -c command loaded a library it does not need: $libs"
echo 'netsh.node("m2")' >/run/m2.lab
libs=$(loaded "$NETSH" -q /run/m2.lab)
echo "$libs" | grep -q 'liblua5.4' || fail "a lab ran without loading Lua? $libs"
libs=$(loaded "$NETSH" -j -c show)
echo "$libs" | grep -q 'libjansson' || fail "JSON made without loading jansson? $libs"
ok "a -c command loads none of them; a lab loads Lua, -j jansson"
for lib in liblua5.4.so.0 libjansson.so.4; do
	path=$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')
	[ -n "$path" ] || fail "no $lib on this machine"
	mount --bind /dev/null "$(readlink -f "$path")" || fail "cannot hide $path"
	expect_ok netsh -q -c 'node m3; del m3'
	case $lib in
	liblua*) expect_fail_msg "cannot load liblua5.4.so.0 .*scripts/setup" netsh -q /run/m2.lab ;;
	*) expect_fail_msg "-j: cannot load libjansson.so.4 .*scripts/setup" netsh -j -c show ;;
	esac
	umount "$(readlink -f "$path")"
done
ok "without Lua or jansson, commands that need neither run; a lab or -j says what is missing"
if command -v script >/dev/null 2>&1; then
	path=$(ldconfig -p | awk '$1 == "libedit.so.2" { print $NF; exit }')
	[ -n "$path" ] || fail "no libedit.so.2 on this machine"
	mount --bind /dev/null "$(readlink -f "$path")" || fail "cannot hide $path"
	out=$(timeout 20 script -qec "$NETSH" /dev/null </dev/null 2>&1)
	umount "$(readlink -f "$path")"
	echo "$out" | grep -q "the interactive shell: cannot load libedit.so.2 .*scripts/setup" ||
		fail "the shell without libedit: $out"
	ok "without libedit the shell says what is missing"
fi
expect_ok netsh -q -c destroy
expect_ok netsh -q -c 'router nr; node nh; cable nr nh subnet 10.77.0.0/30; cable nr host subnet 10.78.0.0/30; nat nr out eth1'
nft_lib=$(ldconfig -p | awk '$1 == "libnftables.so.1" { print $NF; exit }')
if [ -n "$nft_lib" ]; then
	# This test's own mount namespace: the library made unreadable here only.
	mount --bind /dev/null "$(readlink -f "$nft_lib")" || fail "cannot hide $nft_lib"
	expect_ok netsh -q -c 'node nh2'
	expect_fail_msg "del: cannot load libnftables.so.1 .*scripts/setup" netsh -c 'del nat nr'
	out=$(netsh -c show) || fail "show after a NAT change without libnftables"
	echo "$out" | grep -q "nat out eth1" || fail "a failed del nat changed the record: $out"
	umount "$(readlink -f "$nft_lib")"
	ok "without libnftables a command that needs no NAT runs; one that needs it says what is missing"
fi
nf_lib=$(ldconfig -p | awk '$1 == "libnl-nf-3.so.200" { print $NF; exit }')
[ -n "$nf_lib" ] || fail "no libnl-nf-3.so.200 on this machine"
mount --bind /dev/null "$(readlink -f "$nf_lib")" || fail "cannot hide $nf_lib"
out=$(netsh -c 'show nr' 2>&1) || fail "show of a NAT node without libnl-nf: $out"
umount "$(readlink -f "$nf_lib")"
echo "$out" | grep -q "unknown: cannot load libnl-nf-3.so.200 .*scripts/setup" ||
	fail "show without libnl-nf does not say its NAT mappings are unknown: $out"
ok "without libnl-nf, show of a NAT node says why its mappings are unknown"
route_lib=$(ldconfig -p | awk '$1 == "libnl-route-3.so.200" { print $NF; exit }')
[ -n "$route_lib" ] || fail "no libnl-route-3.so.200 on this machine"
libs=$(loaded "$NETSH" -q -c 'impair nr nh rate 10mbit')
echo "$libs" | grep -q 'libnl-route-3' || fail "a rate put on a link without loading libnl-route? $libs"
mount --bind /dev/null "$(readlink -f "$route_lib")" || fail "cannot hide $route_lib"
expect_ok netsh -q -c 'node nh3; cable nh3 nr subnet 10.79.0.0/30'
expect_fail_msg "impair: cannot load libnl-route-3.so.200 .*scripts/setup" netsh -c 'impair nr nh3 rate 20mbit'
umount "$(readlink -f "$route_lib")"
out=$(netsh -c show) || fail "show after a failed impair: $out"
echo "$out" | grep -q "impair rate 10mbit" || fail "the first impairment is not shown: $out"
echo "$out" | grep -q "impair rate 20mbit" && fail "a failed impair changed the record: $out"
ok "libnl-route is loaded for an impairment; without it, impair says what is missing and changes nothing"
out=$(netsh -c 'del nat nr; destroy' 2>&1) || fail "del nat: $out"
echo "$out" | grep -q "settled" && fail "the failed command left an open group: $out"
ok "NAT works with libnftables loaded when needed"
