#!/bin/sh
# The reading state is never lost or corrupted by the interface: SIGKILL
# after a save (and at random moments) leaves a state that parses; two
# folio processes at once each add bookmarks and all of them survive;
# --no-state writes nothing at all.
. "$top_srcdir/tests/lib.sh"

e2e_state=1
exited() {	# session
	T capture-pane -p -t "$1" | grep -q '^\[folio exited: [0-9]*\]$'
}
quit() {	# session, name
	T send-keys -t "$1" q
	e2e_until exited "$1"
	e2e_match "$2: q exits 0" "$(T capture-pane -p -t "$1")" '^\[folio exited: 0\]$'
}
bookmarks() {	# folio --bookmarks with the same state; stderr to $e2e_tmp/err
	env -i HOME="$e2e_tmp/home" XDG_STATE_HOME="$e2e_state_dir" \
	    LC_ALL=C.UTF-8 "$FOLIO" --bookmarks "$e2e_seeds" 2>"$e2e_tmp/err"
}
# SIGKILL folio and wait until it has gone (a killed folio leaves the
# terminal as it was, so its pane is no place to read the exit status).
kill9() {
	_pid=$(e2e_folio_pid)
	[ -n "$_pid" ] || return 0
	kill -KILL "$_pid" 2>/dev/null
	e2e_until gone || not_ok "SIGKILL: folio has gone"
}
gone() {
	! kill -0 "$_pid" 2>/dev/null
}
state_file() {
	ls "$e2e_state_dir"/folio/*.state 2>/dev/null | head -1
}
# Wait until the state file holds a line matching a regex.
holds_line() {
	_f=$(state_file)
	[ -n "$_f" ] && grep -Eq -- "$1" "$_f"
}
wait_saved() {
	e2e_until holds_line "$1"
}
# The state parses: --bookmarks says nothing on stderr, no file was
# moved aside as corrupt, no temporary file is left, the file ends well.
parses() {
	bookmarks >/dev/null
	e2e_eq "$1: --bookmarks has no complaint" "$(cat "$e2e_tmp/err")" ""
	e2e_eq "$1: nothing moved aside as corrupt" \
	    "$(ls "$e2e_state_dir"/folio | grep -c corrupt)" 0
	e2e_eq "$1: the file ends with its end line" \
	    "$(tail -n 1 "$(state_file)")" end
}

# SIGKILL once a bookmark is saved: it is there, and the file parses.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 3 Enter B
if wait_saved '^bookmark'; then ok "B is saved at once"; else not_ok "B is saved at once"; fi
kill9
parses "after SIGKILL"
e2e_match "after SIGKILL: the bookmark is kept" "$(bookmarks)" '^1:3	-	'

# SIGKILL at random moments while keys are saving read marks, bookmarks
# and positions: every time, a state that parses.
n=0
while [ $n -lt 6 ]; do
	e2e_start 80 24 -- "$e2e_seeds"
	e2e_wait 'paragraph'
	T send-keys -t e2e ']' B G X '[' B j j U B
	sleep "0.0$n"
	kill9
	parses "SIGKILL $n"
	n=$((n + 1))
done

# Two processes at once, on the same collection and state.
rm -rf "$e2e_state_dir"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
T new-session -d -s e2e2 -x 80 -y 24 \
    "env -i HOME=$e2e_tmp/home XDG_STATE_HOME=$e2e_state_dir LC_ALL=C.UTF-8 TERM=screen $(e2e_quote "$FOLIO") $(e2e_quote "$e2e_seeds"); echo \"[folio exited: \$?]\"; exec sleep 86400"
drawn2() {
	T capture-pane -p -t e2e2 | grep -q 'paragraph'
}
e2e_until drawn2 || not_ok "the second folio draws"
e2e_keys : 2 Enter B
T send-keys -t e2e2 ']' : 3 Enter B
e2e_quiet
e2e_keys : 5 Enter B
T send-keys -t e2e2 : 8 Enter B
e2e_quiet
quit e2e "the first"
quit e2e2 "the second"
out=$(bookmarks)
e2e_eq "both processes' bookmarks survive" "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1:2 1:5 2:3 2:8 "
parses "after two processes"
T kill-session -t e2e2

# --no-state: not a file, not a directory, under XDG_STATE_HOME or HOME.
rm -rf "$e2e_state_dir" "$e2e_tmp/home"
e2e_state=0
e2e_start 80 24 XDG_STATE_HOME="$e2e_state_dir" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 3 Enter B m a G X ']'
e2e_match "--no-state: bookmarks work for the run" "$(e2e_screen)" 'paragraph|bookmark'
quit e2e "--no-state"
e2e_eq "--no-state: no state directory" "$(ls -A "$e2e_state_dir" 2>&1 | head -1)" \
    "ls: cannot access '$e2e_state_dir': No such file or directory"
e2e_eq "--no-state: nothing under HOME" "$(find "$e2e_tmp/home" -mindepth 1 | head -1)" ""
e2e_done
