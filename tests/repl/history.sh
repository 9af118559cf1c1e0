#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# History is kept in ~/.netsh_history: it survives a restart, skips
# consecutive duplicates, is bounded; Ctrl-P, Ctrl-R and emacs keys use it.
. "$(dirname "$0")/lib.sh"

hist=$HOME/.netsh_history

drive <<'STEPS' || fail "first session"
expect netsh[default]> 
line node h1
expect netsh[default]> 
line show h1
expect netsh[default]> 
line show h1
expect netsh[default]> 
line help route
expect usage: route
expect netsh[default]> 
send \x04
exit 0
STEPS
[ -f "$hist" ] || fail "no $hist after the first session"
cat "$hist"
[ "$(grep -c 'show.040h1' "$hist")" = 1 ] || fail "the repeated 'show h1' was kept twice"
grep -q 'help.040route' "$hist" || fail "'help route' is not in the history"
ok "the history file holds the session, without the consecutive duplicate"

drive <<'STEPS' || fail "second session"
expect netsh[default]> 
# Ctrl-P: the last line of the previous session.
send \x10
expect help route
line
expect usage: route
expect netsh[default]> 
# Ctrl-R: search backwards for "sho".
send \x12
send sho
expect show h1
line
expect h1 (node)
expect netsh[default]> 
# Emacs keys: Ctrl-A to the start of the line, Ctrl-E to the end, Ctrl-K.
send how h1 trailing
send \x01s
send \x05
send \x02\x02\x02\x02\x02\x02\x02\x02\x02
send \x0b
line
expect h1 (node)
expect netsh[default]> 
send \x04
exit 0
STEPS
ok "Ctrl-P recalled the last session's line, Ctrl-R found 'show h1', emacs keys edit"

# Bounded: a long history is cut to the last 1000 lines when saved.
{
	echo _HiStOrY_V2_
	i=0
	while [ $i -lt 1500 ]; do
		echo "explain\\040old$i"
		i=$((i + 1))
	done
} >"$hist"
drive <<'STEPS' || fail "third session"
expect netsh[default]> 
send \x10
expect explain old1499
send \x15
line explain
expect explain is off
expect netsh[default]> 
send \x04
exit 0
STEPS
lines=$(($(wc -l <"$hist") - 1))
echo "history entries: $lines"
[ "$lines" -le 1000 ] || fail "the history holds $lines entries, more than 1000"
tail -n 1 "$hist" | grep -qx explain || fail "the newest line is not last: $(tail -n 1 "$hist")"
ok "the history is bounded at 1000 entries"
