#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every lesson of doc/tutorials, built step by step as a student would
# through `tutorial`: before a step's solution its check must fail (so no
# check is vacuous), after `tutorial solve` it must pass; progress is kept
# between netsh processes; the lesson list shows it. Then the rest of the
# command: hints, back and reset rebuilding the lab, the errors.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
export NETSH_TUTORIALS="$top/doc/tutorials"
PROGRESS="$XDG_STATE_HOME/netsh/tutorials"

lessons=$(cd "$NETSH_TUTORIALS" && ls ./*.md | sed 's|^\./||; s|\.md$||' | grep -vx README)
[ "$(echo "$lessons" | wc -l)" -ge 5 ] || fail "fewer than five lessons: $lessons"

for l in $lessons; do
	out=$(netsh -c "tutorial $l") || fail "tutorial $l: $out"
	echo "$out" | grep -q "step 1 of" || fail "tutorial $l does not show its first step: $out"
	n=$(echo "$out" | sed -n 's/.*step 1 of \([0-9]*\):.*/\1/p')
	[ "$n" -ge 6 ] || fail "$l has $n steps (at least six)"
	for i in $(seq 1 "$n"); do
		if out=$(netsh -c 'tutorial check' 2>&1); then
			fail "$l step $i: its check passes before its solution ran: $out"
		fi
		echo "$out" | grep -q "tutorial: step $i is not done: " || fail "$l step $i: what check said: $out"
		echo "$out" | grep -q "traceback" && fail "$l step $i: a check of a lab not built yet is a failed check, in words: $out"
		out=$(netsh -c 'tutorial solve' 2>&1) || fail "$l step $i: the solution does not pass the check: $out"
		echo "$out" | grep -q "^step $i of $n done: " || fail "$l step $i: solve said: $out"
		[ "$i" = "$n" ] || expect_ok netsh -q -c 'tutorial next'
	done
	grep -qx "$l $n $(( (1 << n) - 1 ))" "$PROGRESS" || fail "$l: the progress file: $(cat "$PROGRESS")"
	netsh -c tutorial | grep -Eq "^  $l +.* $n/$n steps done \(following\)$" ||
		fail "tutorial does not list $l as done: $(netsh -c tutorial)"
	expect_ok netsh -q -c 'tutorial stop'
	expect_ok netsh -q -c destroy
	ok "$l: $n steps, each check fails before its solution and passes after"
done

# The rest, on the bridges lesson.
expect_ok netsh -q -c 'node mine'
expect_fail_msg "tutorial: a lesson starts from an empty lab, and this one has 1 nodes: destroy removes them" \
	netsh -c 'tutorial veth'
expect_ok netsh -q -c destroy
sed -i '/^bridges /d' "$PROGRESS"
expect_ok netsh -q -c 'tutorial bridges'
expect_fail_msg "tutorial: step 1 has no hint; tutorial solve shows its solution" netsh -c 'tutorial hint'
expect_ok netsh -q -c 'tutorial solve; tutorial next; tutorial solve; tutorial next'
out=$(netsh -c 'tutorial hint; tutorial hint') || fail "tutorial hint: $out"
echo "$out" | grep -q '^hint 1 of 1: `cable NODE br1`, once for each namespace\.$' || fail "the hint: $out"
# A wrong way: cable ns1 only; the check names what is missing.
out=$(netsh -c 'cable ns1 br1' 2>&1) || fail "cable: $out"
echo "$out" | grep -q "(step 3: ns2 is cabled to br1: ns2 has no cable to br1)" ||
	fail "after a command the step's check does not say what is missing: $out"
out=$(netsh -c 'cable ns2 br1' 2>&1) || fail "cable: $out"
echo "$out" | grep -q "^step 3 of 7 done: Plug them in\. tutorial next goes on$" ||
	fail "doing the step another way (one cable at a time) does not pass it: $out"
ok "a check runs after each command: what is missing, then done"
expect_ok netsh -q -c 'tutorial next; node extra'
out=$(netsh -c 'tutorial reset') || fail "reset: $out"
netsh -c show | grep -q extra && fail "reset kept a node made during the step"
[ "$(netsh -c show | grep -E "^[0-9]+ nodes?, ")" = "3 nodes, 2 cables" ] || fail "reset: the lab is not as at the start of step 4: $(netsh -c show)"
expect_ok netsh -q -c 'tutorial back'
[ "$(netsh -c show | grep -E "^[0-9]+ nodes?, ")" = "3 nodes, 0 cables" ] || fail "back: the lab is not as at the start of step 3: $(netsh -c show)"
grep -qx "bridges 3 7" "$PROGRESS" || fail "back: the progress file: $(cat "$PROGRESS")"
expect_fail_msg "tutorial: bridges has steps 1 to 7" netsh -c 'tutorial step 9'
expect_fail_msg "tutorial: 'x': expected a step number" netsh -c 'tutorial step x'
expect_fail_msg "tutorial: usage: tutorial step N" netsh -c 'tutorial step'
expect_fail_msg "tutorial: 'now': tutorial check takes nothing more" netsh -c 'tutorial check now'
expect_fail_msg "tutorial: 'nosuch': no such lesson" netsh -c 'tutorial stop; destroy; tutorial nosuch'
expect_fail_msg "tutorial: 'Bad/Name': a lesson's name is lower-case letters" netsh -c "tutorial Bad/Name"
expect_fail_msg "tutorial: no lesson is being followed" netsh -c 'tutorial check'
ok "reset and back rebuild the lab as at a step's start; bad words are named"

# Resuming: progress survives leaving the lesson.
out=$(netsh -c 'tutorial bridges') || fail "resume: $out"
echo "$out" | grep -q "^resuming bridges at step 3: the lab as it was at its start$" || fail "resume: $out"
[ "$(netsh -c show | grep -E "^[0-9]+ nodes?, ")" = "3 nodes, 0 cables" ] || fail "resume: $(netsh -c show)"
expect_ok netsh -q -c 'tutorial stop; destroy'
ok "a lesson left resumes at its step, the lab rebuilt"
