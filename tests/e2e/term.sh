#!/bin/sh
# TERM unset, dumb, or unknown to terminfo: folio's own message naming the
# problem and the outputs that still work, exit status 2, and never a
# message from curses.  The value is shown sanitized.  Where there is no
# alternate screen, the shell's prompt never lands on article text.
. "$top_srcdir/tests/lib.sh"

run() {	# ENV...: run folio on a terminal with exactly this environment
	e2e_new_session
	T new-session -d -s e2e -x 100 -y 10 \
	    "env -i HOME=$e2e_tmp LC_ALL=C.UTF-8 $* $(e2e_quote "$FOLIO") --no-state $(e2e_quote "$e2e_seeds"); echo \"[folio exited: \$?]\"; exec sleep 86400"
	status=$(e2e_exit_status)
	out=$(e2e_screen)
}

run
e2e_eq "TERM unset: exit 2" "$status" 2
e2e_match "TERM unset: says so" "$out" '^folio: TERM is not set: '
e2e_match "TERM unset: names the outputs that work" "$out" '^folio: the outputs still work: --dump, --list'

run TERM=dumb
e2e_eq "TERM=dumb: exit 2" "$status" 2
e2e_match "TERM=dumb: says so" "$out" '^folio: TERM=dumb: this terminal cannot move the cursor'

run TERM=no-such-terminal-xyz
e2e_eq "unknown TERM: exit 2" "$status" 2
e2e_match "unknown TERM: says so" "$out" '^folio: TERM=no-such-terminal-xyz: unknown terminal type'
e2e_nomatch "unknown TERM: no curses message" "$out" 'Error opening terminal'

run "TERM='$(printf 'x\033]2;t\007')'"
e2e_eq "TERM with an escape: exit 2" "$status" 2
e2e_match "TERM with an escape: shown as a marker" "$out" 'TERM=x\^\[\]2;t\^G: '

# No alternate screen (vt100, linux): the last screen stays, but its
# bottom row, article text, is cleared for the shell's prompt: what the
# pane's shell prints after folio has a row of its own.
for t in vt100 linux; do
	e2e_start 80 24 TERM=$t -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	e2e_keys G
	e2e_keys q
	e2e_eq "TERM=$t: q exits 0" "$(e2e_exit_status)" 0
	e2e_match "TERM=$t: the line after folio is the shell's alone" \
	    "$(e2e_screen)" '^\[folio exited: 0\]$'
	e2e_match "TERM=$t: the last screen is still there above it" \
	    "$(e2e_screen)" 'Sam Cranny-Evans'
done

# The message fits the terminal it could not use, at 80 columns.
run
e2e_eq "TERM unset: every line of the message within 80 columns" \
    "$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)" 0

# The outputs named in the message do work there.
e2e_new_session
T new-session -d -s e2e -x 100 -y 10 \
    "env -i HOME=$e2e_tmp LC_ALL=C.UTF-8 TERM=dumb $(e2e_quote "$FOLIO") --no-state --list $(e2e_quote "$e2e_seeds"); echo \"[folio exited: \$?]\"; exec sleep 86400"
e2e_eq "TERM=dumb: --list still works" "$(e2e_exit_status)" 0
e2e_done
