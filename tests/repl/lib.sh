# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the REPL tests (tests/repl/*.sh): each does
#   . "$(dirname "$0")/lib.sh"
# and runs inside tests/kernel/sandbox. The REPL is driven on a real
# pseudo-terminal by ptydrive (see tests/repl/ptydrive.c for the steps).
. "$TESTLIB"

PTYDRIVE=${PTYDRIVE:-$(dirname "$NETSH")/tests/repl/ptydrive}
if [ ! -x "$PTYDRIVE" ]; then
	echo "ERROR: ptydrive not built: '$PTYDRIVE'" >&2
	exit 99
fi

# A home of our own, so ~/.netsh_history (and ~/.editrc, ~/.bashrc) are the
# test's; a terminal type libedit knows; colour unless a test turns it off.
HOME=$(mktemp -d "${TMPDIR:-/tmp}/netsh-repl.XXXXXX") || exit 99
TERM=xterm
SHELL=/bin/sh
export HOME TERM SHELL
unset NO_COLOR
trap 'cleanup_pids; rm -rf "$HOME"' EXIT

# The main prompt, as the steps expect it.
PROMPT='netsh[default]> '

# drive [ARG...]: run netsh ARGs on a terminal; the steps come on stdin.
drive() {
	"$PTYDRIVE" - "$NETSH" "$@"
}
