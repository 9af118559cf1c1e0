#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What the user types: continuation lines, `;` and `#`, errors with a caret
# under the bad token, help, "did you mean", quit and exit, the prompt.
. "$(dirname "$0")/lib.sh"

drive <<'STEPS' || fail "input"
expect netsh[default]> 
# A trailing backslash continues on a ...> prompt; the lines are joined.
line node n1 \\
expect ...> 
line n2 \\
expect ...> 
line n3
expect n3       + node
expect netsh[default]> 
# An unclosed quote continues too; the line end is part of the word.
line exec n1 echo 'first
expect ...> 
line second'
expect \nfirst\nsecond\n
expect netsh[default]> 
# `;` separates commands, `#` starts a comment.
line cable n1 n3 subnet 10.0.1.0/24; show n3  # not a command
expect n3 (node)
expect netsh[default]> 
mark
# The caret goes under the bad token.
line cable n1 n2 bogus
expect \n  cable n1 n2 bogus\n              ^^^^^\nerror: cable: 'bogus'
expect netsh[default]> 
# A continued line is one line: the caret lines up under the joined text.
line cable n1 \\
expect ...> 
line n2 bogus
expect \n  cable n1 n2 bogus\n              ^^^^^\nerror: cable: 'bogus'
expect netsh[default]> 
line addr n9:eth0 10.0.0.9/24
expect \n  addr n9:eth0 10.0.0.9/24\n       ^^^^^^^\nerror: addr:
expect netsh[default]> 
# An unknown command: the nearest one.
line cabel n1 n3
expect   ^^^^^\nerror: cabel: unknown command 'cabel'; did you mean cable?
expect netsh[default]> 
# help: the commands grouped by purpose; help CMD: synopsis and example.
line help
expect Build:
expect   cable 
expect Run:
expect   shell 
expect netsh[default]> 
line help cable
expect usage: cable A[:IF] B[:IF]
expect example:
expect     cable 
expect netsh[default]> 
line help cabel
expect did you mean cable?
expect netsh[default]> 
line quit
exit 0
STEPS
ok "continuation lines, ';' and '#', carets, did you mean, help, quit"

out=$(netsh -c 'show n1')
echo "$out"
echo "$out" | grep -q '10.0.1.1/24' || fail "the command before ';' did not run"
ok "the line with ';' ran both commands"

# exit leaves too; a named lab is in the prompt.
drive -L lab2 <<'STEPS' || fail "exit"
expect netsh[lab2]> 
line node x1
expect x1       + node
expect netsh[lab2]> 
line exit
exit 0
STEPS
ok "netsh -L lab2 prompts netsh[lab2]>, exit leaves"
