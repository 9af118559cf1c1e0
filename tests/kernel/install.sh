#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make install puts the program, the man page (lint-clean, with the version
# and paths filled in), the labs, the documents and bash completion where
# they belong; the completion offers options, lab files and a lab's
# parameters.
. "$TESTLIB"

build=$(dirname "$NETSH")
dest=/run/dest
make -C "$build" install DESTDIR="$dest" >/run/install.log 2>&1 || fail "make install: $(tail -5 /run/install.log)"
prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
for f in bin/netsh share/man/man1/netsh.1 share/netsh/labs/seed002-two-nats.lab \
	share/doc/netsh/README share/doc/netsh/COPYING share/doc/netsh/NEWS share/doc/netsh/lua.md \
	share/doc/netsh/netsh.schema.json share/bash-completion/completions/netsh; do
	[ -f "$dest$prefix/$f" ] || fail "make install did not install $f"
done
ok "make install installs the program, the man page, labs, documents and completion"

man=$dest$prefix/share/man/man1/netsh.1
grep -q "^\.TH NETSH 1 [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] \"netsh $("$NETSH" --version | cut -d' ' -f2)\"" "$man" ||
	fail "the man page lacks the date or version: $(sed -n 2p "$man")"
grep -q "$prefix/share/netsh/labs" "$man" || fail "the man page does not name the lab directory"
for sec in ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
	grep -q "^\.SH $sec" "$man" || fail "the man page has no $sec section"
done
if command -v mandoc >/dev/null; then
	out=$(mandoc -T lint "$man" 2>&1) || :
	[ -z "$out" ] || fail "mandoc -T lint: $out"
	ok "mandoc -T lint is clean"
else
	echo "# mandoc not installed: lint not checked (scripts/setup installs it)"
fi

# The completion: options, lab files, a lab's KEY= parameters.
comp() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _netsh; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$dest$prefix/share/bash-completion/completions/netsh" "$@"
}
comp netsh --ver | grep -qx -- --version || fail "no --version"
cd "$(dirname "$TESTLIB")/../.." || fail "cd"
comp netsh labs/seed00 | grep -qx labs/seed002-two-nats.lab || fail "no lab files: $(comp netsh labs/seed00)"
comp netsh labs/seed002-two-nats.lab t | grep -qx 'type=' || fail "no KEY= of the lab: $(comp netsh labs/seed002-two-nats.lab '')"
ok "bash completion offers options, lab files and a lab's parameters"
