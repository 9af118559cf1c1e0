#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The inline view of every seed lab, line for line, against tests/golden:
# a change in its wording or layout is a visible diff (the README's tour is
# checked by docs.sh). Regenerate a file by running the lab with keep=true
# and keeping the view's lines, as below, once the new view is right.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
count=0
for golden in "$top"/tests/golden/*.view; do
	name=$(basename "$golden" .view)
	"$NETSH" "$top/labs/$name.lab" keep=true >/run/out 2>&1 || fail "$name failed: $(tail -3 /run/out)"
	grep -E '^[^ ]+ +[-+~] |^\.\.\. and ' /run/out >/run/view
	diff -u "$golden" /run/view || fail "$name: the inline view differs from $golden"
	expect_ok netsh -q -c destroy
	count=$((count + 1))
	ok "$name: the inline view is as golden"
done
[ "$count" -ge 5 ] || fail "only $count golden views"
