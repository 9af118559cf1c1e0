#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# --sandbox: Lua's io, os and module loading are really absent; no program
# runs and no file is read by any of netsh's own ways (exec, spawn, shell,
# NODE CMD, nft include, source); the lab still builds and checks networks.
. "$TESTLIB"
top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat > "$dir/read.lab" <<'LAB'
node "a"
local f = io.open("/etc/hostname")
print("read", f:read("a"))
LAB
expect_fail_msg "read.lab:2: 'io' is not available under --sandbox" \
	netsh -q --sandbox "$dir/read.lab"
out=$(netsh -q --sandbox "$dir/read.lab" 2>/dev/null || :)
case $out in *read*) fail "the script went on after io.open: $out" ;; esac
ok "io.open fails with a clear error"
expect_ok netsh -q -c destroy

cat > "$dir/os.lab" <<LAB
os.execute("touch $dir/made")
LAB
expect_fail_msg "'os' is not available under --sandbox" netsh -q --sandbox "$dir/os.lab"
[ -e "$dir/made" ] && fail "os.execute ran under --sandbox"
ok "os.execute is absent"

cat > "$dir/escape.lab" <<LAB
local ok = pcall(require, "io")
local ok2, e = pcall(dofile, "$dir/os.lab")
local ok3 = pcall(loadfile, "$dir/os.lab")
print(ok, ok2, ok3, load(string.dump(function() end)))
LAB
out=$(netsh -q --sandbox "$dir/escape.lab")
[ "$out" = "false	false	false	nil	attempt to load a binary chunk (mode is 't')" ] ||
	fail "require, dofile, loadfile or binary load worked: $out"
[ -e "$dir/made" ] && fail "a file ran under --sandbox"
ok "require, dofile, loadfile and binary chunks are refused"

cat > "$dir/source.lab" <<LAB
source "$dir/os.lab"
LAB
expect_fail_msg "source.lab:1: source: a lab cannot run other files under --sandbox" \
	netsh -q --sandbox "$dir/source.lab"

# A stranger's lab: every way of running a program or reading a file that
# netsh itself offers. The secret stands for a file such as /etc/shadow.
secret=$dir/secret
echo "SECRET-MARKER-$$" > "$secret"
chmod 600 "$secret"
expect_ok netsh -q -c 'node h1 h2; cable h1 h2 subnet 10.9.0.0/30'
n=0
hostile() {	# NAME LUA: the line must be refused under --sandbox
	n=$((n + 1))
	printf '%s\n' "$2" > "$dir/h$n.lab"
	expect_fail_msg "$3" netsh -q --sandbox "$dir/h$n.lab"
	out=$(netsh -q --sandbox "$dir/h$n.lab" 2>&1)
	case $out in *SECRET-MARKER*) fail "$1 under --sandbox printed the secret: $out" ;; esac
	[ -e "$dir/written" ] && fail "$1 under --sandbox wrote a file"
	ok "$1 is refused under --sandbox"
}
hostile 'exec on the host' "exec('host', 'sh', '-c', 'id > $dir/written')" \
	"exec: no program runs under --sandbox \(it would run as root\)"
hostile 'a handle'"'"'s exec' "print(netsh.get('h1'):exec('cat $secret'))" \
	"exec: no program runs under --sandbox"
hostile 'spawn' "netsh.get('h1'):spawn('sh', '-c', 'cat $secret > $dir/written')" \
	"spawn: no program runs under --sandbox"
hostile 'NODE CMD through netsh.run' "netsh.run('h1 cat $secret')" \
	"h1: no program runs under --sandbox"
hostile 'shell' "shell('h1')" "shell: no program runs under --sandbox"
hostile "nft's include" "nft('h1', 'include \"$secret\"')" \
	"nft: 'include' is refused under --sandbox \(nft would read a file\)"
hostile "nft's include, quoted in another case" "nft('h1', 'INCLUDE \"$secret\"')" \
	"nft: 'include' is refused under --sandbox"
expect_fail_msg "exec: no program runs under --sandbox" \
	netsh -q --sandbox -c "exec h1 sh -c 'id > $dir/written'"
[ -e "$dir/written" ] && fail "-c exec under --sandbox wrote a file"
ok "--sandbox holds for -c too"
netsh -c 'help exec' | grep -q '^under --sandbox: refused (no program runs under --sandbox' ||
	fail "help exec does not say --sandbox refuses it"
ok "help says what --sandbox refuses"

# Checks that need no program still work; the one that does is skipped, saying why.
cat > "$dir/check.lab" <<'LAB'
expect.reach("h1", "h2")
expect.unreachable("h1", "10.9.9.9")
expect.output("h1", "ip -br addr", "eth0")
expect.route("h1", "10.9.0.2")
LAB
out=$(netsh -q --sandbox "$dir/check.lab") || fail "the checks under --sandbox: $out"
echo "$out"
echo "$out" | grep -qx 'ok 1 - h1 reaches h2 (10.9.0.2)' || fail "expect.reach under --sandbox: $out"
echo "$out" | grep -qx 'ok 2 - h1 cannot reach 10.9.9.9' || fail "expect.unreachable under --sandbox: $out"
echo "$out" | grep -qx "ok 3 - h1: 'ip -br addr' prints 'eth0' # SKIP unavailable under --sandbox (it runs a program)" ||
	fail "expect.output under --sandbox is not skipped with its reason: $out"
echo "$out" | grep -q '^ok 4 - ' || fail "expect.route under --sandbox: $out"
ok "expect.reach, unreachable and route work under --sandbox; expect.output says it is unavailable"
ip netns exec h2 ip link set eth0 down
out=$(netsh -q --sandbox "$dir/check.lab") && fail "expect.reach passed with h2's link down: $out"
echo "$out" | grep -q '^not ok 1 - h1 reaches h2 (10.9.0.2) # saw: ' ||
	fail "expect.reach did not fail with h2's link down: $out"
ip netns exec h2 ip link set eth0 up
ok "the in-process probe fails when the far end is down"

# The same labs without --sandbox behave as they always did.
out=$(netsh -q "$dir/h1.lab" 2>&1) || fail "exec without --sandbox: $out"
[ -e "$dir/written" ] || fail "exec without --sandbox did not run"
rm -f "$dir/written"
out=$(netsh -q "$dir/h6.lab" 2>&1) && fail "nft include of a text file succeeded: $out"
case $out in *SECRET-MARKER*) ;; *) fail "nft include without --sandbox: $out" ;; esac
ok "without --sandbox exec runs and nft include reads (as root may)"
expect_ok netsh -q -c destroy

# Without --sandbox the same script reads the file.
out=$(netsh -q "$dir/read.lab")
case $out in read*) ;; *) fail "without --sandbox io.open should work: $out" ;; esac
ok "without --sandbox io is there"
expect_ok netsh -q -c destroy

# A lab from labs/ passes under --sandbox.
expect_ok netsh -q --sandbox "$top/labs/seed004-switch.lab"
