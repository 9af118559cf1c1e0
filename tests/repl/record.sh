#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# record FILE.lab ... record stop at the prompt: the commands that succeed
# (not the failing one, not show), and # comments, become a lab that
# rebuilds the same lab when replayed.
. "$(dirname "$0")/lib.sh"

lab=$HOME/demo.lab
drive <<STEPS || fail "the recording session"
expect $PROMPT
line record $lab
expect recording to $lab
expect $PROMPT
line node a b; router r
expect $PROMPT
line # the cables, numbered by netsh
expect $PROMPT
line cable a r subnet 10.0.0.0/30; cable r b subnet 10.0.1.0/30
expect $PROMPT
line cable a zz
expect no such node
expect $PROMPT
line show
expect 3 nodes, 2 cables
expect $PROMPT
line route a default via 10.0.0.2; route b default via 10.0.1.1
expect $PROMPT
line a echo "two words"
expect two words
expect $PROMPT
line record stop
expect recorded to $lab
expect $PROMPT
send \x04
exit 0
STEPS
cat "$lab"
grep -q 'zz' "$lab" && fail "the failing command was recorded"
grep -q 'show' "$lab" && fail "show was recorded"
grep -qx -- '-- the cables, numbered by netsh' "$lab" || fail "the comment was not recorded"
grep -qxF 'netsh.run("a echo two\\ words")' "$lab" || fail "the quoted words were not kept as one"
ok "record keeps what succeeded, comments too, and leaves out failures and show"

lab_dump > "$HOME/before"
expect_ok netsh -q -c destroy
lab_clear
out=$("$NETSH" -q "$lab" 2>&1) || fail "replaying the recording failed: $out"
[ "$out" = "two words" ] || fail "the replay printed: $out"
lab_dump > "$HOME/after"
diff -u "$HOME/before" "$HOME/after" || fail "the replay built something else"
ok "the recording replays into the same lab"
