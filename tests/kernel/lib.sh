# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for kernel tests; each test does `. "$TESTLIB"`.
# The environment gives NETSH (the built binary) and TESTLIB (this file);
# tests run inside tests/kernel/sandbox, never on the host.
# Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.

set -u

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ok() {
	echo "ok - $*"
}

skip() {
	echo "SKIP: $*"
	exit 77
}

if [ -z "${NETSH:-}" ] || [ ! -x "$NETSH" ]; then
	echo "ERROR: NETSH is unset or not executable: '${NETSH:-}'" >&2
	exit 99
fi

netsh() {
	"$NETSH" "$@"
}

# A status above 128 is a signal (a sanitizer abort, a segfault): that is
# never the failure a test expects.
_crashed() {
	if [ "$1" -gt 128 ]; then
		fail "crashed (status $1): $2"
	fi
}

# expect_ok CMD...: CMD must succeed; its output is shown.
expect_ok() {
	echo "\$ $*"
	if "$@"; then _rc=0; else _rc=$?; fi
	[ "$_rc" -eq 0 ] || fail "status $_rc, expected success: $*"
}

# expect_fail CMD...: CMD must exit non-zero (and not crash).
expect_fail() {
	echo "\$ $* (should fail)"
	if "$@"; then _rc=0; else _rc=$?; fi
	_crashed "$_rc" "$*"
	[ "$_rc" -ne 0 ] || fail "succeeded, expected failure: $*"
}

# expect_fail_msg PATTERN CMD...: CMD must exit non-zero and its stderr must
# match the extended regular expression PATTERN.
expect_fail_msg() {
	_pat=$1
	shift
	echo "\$ $* (should fail with /$_pat/)"
	# stderr is captured; stdout goes through fd 3 to our stdout.
	{ _err=$(if "$@" 2>&1 1>&3 3>&-; then echo rc=0; else echo "rc=$?"; fi); } 3>&1
	_rc=${_err##*rc=}
	_err=${_err%rc=*}
	printf '%s' "$_err" >&2
	_crashed "$_rc" "$*"
	[ "$_rc" -ne 0 ] || fail "succeeded, expected failure: $*"
	printf '%s' "$_err" | grep -Eq -- "$_pat" ||
		fail "stderr does not match /$_pat/: $*"
}

# ns_exists NAME: is there a named network namespace NAME?
ns_exists() {
	ip netns list | awk '{ print $1 }' | grep -qxF -- "$1"
}

# gone PID: has the process ended (exited, or a zombie not yet reaped)?
gone() {
	[ ! -e "/proc/$1" ] || grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# wait_for SECONDS CMD...: poll CMD every 0.1 s until it succeeds.
# Returns 1 (and says so) if it has not succeeded after SECONDS.
wait_for() {
	_tries=$(awk -v s="$1" 'BEGIN { printf "%d", s * 10 + 0.5 }')
	shift
	while ! "$@" >/dev/null 2>&1; do
		_tries=$((_tries - 1))
		if [ "$_tries" -le 0 ]; then
			echo "timed out waiting for: $*" >&2
			return 1
		fi
		sleep 0.1
	done
}

# Background processes: start them with spawn CMD... (or add $! to PIDS
# yourself); cleanup_pids kills exactly those on exit.  A test that sets its
# own EXIT trap should call cleanup_pids from it.
PIDS=""
spawn() {
	"$@" &
	PIDS="$PIDS $!"
}
cleanup_pids() {
	for _pid in $PIDS; do
		{ kill "$_pid" && wait "$_pid"; } 2>/dev/null || :
	done
	PIDS=""
}
trap cleanup_pids EXIT

# lab_dump: every namespace as ip, tc and nft show it, without what the
# kernel makes up (MAC addresses and the link-local addresses made of
# them, ifindexes, qdisc handles, the mappings a NAT learnt from traffic),
# and the host's links.
lab_dump() {
	for ns in $(ip netns list | awk '{ print $1 }' | sort); do
		echo "== $ns"
		# Admin state (the UP flag): the carrier's state settles a moment later.
		ip -n "$ns" -o link | awk '{ sub(/@.*/, "", $2); print $2, ($3 ~ /[<,]UP[,>]/ ? "up" : "down") }' | sort
		ip -n "$ns" -br addr | awk '{ sub(/@.*/, "", $1); out = $1; for (i = 3; i <= NF; i++) if ($i !~ /^fe80::/) out = out " " $i; print out }' | sort
		ip -n "$ns" route | sort
		ip -n "$ns" -6 route | grep -v '^fe80::\|^multicast\|^ff00::' | sed 's/ pref medium//' | sort
		tc -n "$ns" qdisc 2>/dev/null | grep -v 'noqueue\|pfifo_fast' | sed 's/qdisc \([a-z_]*\) [0-9a-f]*:/qdisc \1/; s/ refcnt [0-9]*//' | sort
		ip netns exec "$ns" nft list ruleset | grep -v expires	# what a NAT learnt from traffic
		for f in net/ipv4/conf/all/forwarding net/ipv6/conf/all/forwarding; do
			echo "$f=$(ip netns exec "$ns" cat /proc/sys/$f)"
		done
	done
	ip -o link | awk '{ sub(/@.*/, "", $2); print $2, ($3 ~ /[<,]UP[,>]/ ? "up" : "down") }' | sort
}

# lab_clear: delete every namespace (not through netsh) and wait for their
# links to go.
lab_clear() {
	for ns in $(ip netns list | awk '{ print $1 }'); do ip netns del "$ns"; done
	wait_for 2 sh -c '[ "$(ip -o link | wc -l)" = 1 ]' || fail "links left: $(ip -br link)"
}
