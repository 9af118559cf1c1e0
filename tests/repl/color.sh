#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Colour only on a terminal and only without NO_COLOR; stdin that is not a
# terminal: no prompt and no colour, as under -c.
. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')

# On a terminal: node names and added lines in colour.
drive <<'STEPS' || fail "colour on a terminal"
expect_raw netsh[default]> 
line node c1
expect_raw \e[1;36mc1
expect_raw \e[32m+ node
expect netsh[default]> 
line quit
exit 0
STEPS
ok "on a terminal the inline view is coloured"

# NO_COLOR: none (the terminal's own cursor sequences aside).
NO_COLOR=1 drive <<'STEPS' || fail "NO_COLOR"
expect netsh[default]> 
mark
line node c2
expect c2       + node
line show
expect c2 (node)
expect netsh[default]> 
absent_raw \e[1;36m
absent_raw \e[32m
absent_raw \e[0m
line quit
exit 0
STEPS
ok "NO_COLOR turns colour off"

# -c on a terminal is coloured as well, and not with NO_COLOR.
drive -c 'node c3' <<'STEPS' || fail "-c on a terminal"
expect_raw \e[1;36mc3
exit 0
STEPS
NO_COLOR=1 drive -c 'node c4' <<'STEPS' || fail "-c with NO_COLOR"
mark
expect c4       + node
absent_raw \e[
exit 0
STEPS
ok "-c on a terminal: colour unless NO_COLOR"

# Stdin from a pipe, stdout still the terminal: no prompt, no colour.
"$PTYDRIVE" - sh -c "printf 'node c5\nshow c5\n' | '$NETSH'" <<'STEPS' || fail "stdin from a pipe"
mark
expect c5 (node)
exit 0
absent netsh[
absent_raw \e[
STEPS
ok "commands from a pipe: no prompt, no colour"

# And on plain pipes.
out=$(printf 'node c6\nshow\n' | netsh 2>&1)
echo "$out"
case $out in *"$esc"*|*"netsh["*) fail "escape sequences or a prompt on a pipe" ;; esac
ok "no escape sequences and no prompt on pipes"

# -c with its output on a pipe: no colour.
out=$(netsh -c 'node c7; show c7' | cat)
echo "$out"
case $out in *"$esc"*) fail "escape sequences in -c output on a pipe" ;; esac
echo "$out" | grep -q 'c7 (node)' || fail "no output from -c"
ok "-c output on a pipe has no colour"
