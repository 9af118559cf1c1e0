#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The examples of the README and of netsh(1) are real: every `$ ...` line
# of a README code block is run in order, and what it prints must be what
# the README shows (times, MAC-derived addresses, ifindexes and pids
# normalised); every command of the man page's EXAMPLES runs and succeeds.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
[ -x /usr/bin/python3 ] || skip "python3 is not installed (scripts/setup installs it)"

/usr/bin/python3 - "$top/README" "$NETSH_MAN" "$NETSH" <<'PY' || fail "a documented example does not do what its page shows"
import re, subprocess, sys

readme, manpage, netsh = sys.argv[1:4]

def norm(text):
    rules = [
        (r"time=[0-9.]+ ms", "time=T ms"), (r"time [0-9]+ms", "time Tms"),
        (r"rtt min/avg/max/mdev = \S+ ms", "rtt min/avg/max/mdev = T ms"),
        (r"fe80::[0-9a-f:]+", "fe80::X"), (r"@if[0-9]+", "@ifN"), (r"pid [0-9]+", "pid N"),
    ]
    out = []
    for line in text.splitlines():
        for pat, rep in rules:
            line = re.sub(pat, rep, line)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)

def run(cmd):
    if cmd.startswith("netsh "):
        cmd = "'" + netsh + "'" + cmd[len("netsh"):]
    p = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, executable="/bin/bash")
    return p.stdout

# The README: each code block's `$ ` lines, in order, with what follows them.
blocks = re.findall(r"^```\n(.*?)^```", open(readme).read(), re.S | re.M)
examples = 0
for block in blocks:
    steps = re.split(r"^\$ ", block, flags=re.M)[1:]
    for step in steps:
        cmd, _, shown = step.partition("\n")
        got = run(cmd)
        examples += 1
        if norm(got) != norm(shown):
            print(f"README example: $ {cmd}\n--- the README shows:\n{norm(shown)}\n"
                  f"--- it printed:\n{norm(got)}", file=sys.stderr)
            sys.exit(1)
        print(f"ok - README: $ {cmd}")
if examples < 5:
    sys.exit(f"only {examples} examples found in the README")

# The man page's EXAMPLES: each netsh line runs and succeeds.
man = open(manpage).read()
section = man.split(".SH EXAMPLES", 1)[1].split(".SH", 1)[0]
ran = 0
for line in section.splitlines():
    line = line.replace("\\-", "-").strip()
    if not line.startswith("netsh "):
        continue
    p = subprocess.run(line.replace("netsh", "'" + netsh + "'", 1), shell=True, text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, executable="/bin/bash")
    if p.returncode != 0:
        sys.exit(f"netsh(1) example failed (status {p.returncode}): {line}\n{p.stdout}")
    ran += 1
    print(f"ok - netsh(1): {line}")
if ran < 3:
    sys.exit(f"only {ran} examples found in netsh(1)")
PY
ok "the README's and netsh(1)'s examples do what they show"
