# tests/lib.sh - shared helpers for the end-to-end tests (tests/e2e/*.sh).
#
# A test sources this file, starts folio in a private tmux server at a
# fixed size, sends keys and compares what tmux shows (tmux's own
# regress/ does the same).  Needs $FOLIO and $top_srcdir (make check sets
# them).  Works with no terminal on stdin (CI): the tmux server is
# detached and private (-L), and is killed on every way out.
#
#   . "$top_srcdir/tests/lib.sh"
#   e2e_start 80 24 [ENV=VALUE...] -- [FOLIO ARGS...]
#   e2e_keys j j Space          (tmux send-keys names: C-c, PageDown, ...)
#   e2e_wait 'regex'            (until the screen matches, or fail)
#   e2e_screen                  (capture-pane -p: the text)
#   e2e_eq NAME GOT WANT        (TAP-style ok / not ok lines)
#   e2e_done                    (exit status: 0 when every check passed)
#
# Set E2E_UPDATE=1 to (re)write the .result files e2e_golden compares with.

set -u
: "${FOLIO:?FOLIO must name the folio binary}" "${top_srcdir:?}"

TMUX_BIN=${TMUX_BIN:-tmux}
if ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "tmux not found: skipping (install tmux)"
	exit 77
fi

e2e_name=$(basename "$0" .sh)
e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-e2e-$e2e_name.XXXXXX")
e2e_sock="folio-e2e-$e2e_name-$$"
e2e_pass=0
e2e_fail=0
e2e_seeds="$top_srcdir/seeds"
e2e_results="$top_srcdir/tests/e2e"
# The screen is quiet when two captures this far apart agree.
e2e_settle=${E2E_SETTLE:-0.15}

T() {
	"$TMUX_BIN" -L "$e2e_sock" -f /dev/null "$@"
}

e2e_cleanup() {
	T kill-server >/dev/null 2>&1 || true
	rm -rf "$e2e_tmp"
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() {
	e2e_pass=$((e2e_pass + 1))
	echo "ok - $1"
}

not_ok() {
	e2e_fail=$((e2e_fail + 1))
	echo "not ok - $1"
	if [ $# -gt 1 ]; then
		printf '%s\n' "$2" | sed 's/^/#   /'
	fi
}

e2e_eq() {	# name, got, want
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1" "got:
$2
want:
$3"
	fi
}

e2e_match() {	# name, text, extended regex
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		not_ok "$1" "no match for /$3/ in:
$2"
	fi
}

e2e_nomatch() {	# name, text, extended regex
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		not_ok "$1" "unexpected /$3/ in:
$2"
	else
		ok "$1"
	fi
}

e2e_done() {
	e2e_valgrind_check
	echo "# $e2e_name: $e2e_pass passed, $e2e_fail failed"
	[ "$e2e_fail" -eq 0 ]
	exit $?
}

# Quote each argument for the shell tmux runs the command with.
e2e_quote() {
	for _a in "$@"; do
		printf "'%s' " "$(printf '%s' "$_a" | sed "s/'/'\\\\''/g")"
	done
}

# A session "keep" holds the server up between tests: killing the server
# and starting another on the same socket at once races with its exit.
e2e_new_session() {
	if ! T has-session -t keep 2>/dev/null; then
		T new-session -d -s keep -x 20 -y 5 'sleep 3600'
		# Set before any folio starts: one that exits at once
		# (a bad TERM) must still leave its pane to look at.
		T set-option -g remain-on-exit on
		T set-option -g status off
	fi
	T kill-session -t e2e >/dev/null 2>&1 || true
}

# e2e_start W H [VAR=VALUE...] [--] [ARGS...]: folio in the pane, with an
# environment made from scratch: a UTF-8 locale, TERM=screen (tmux's
# default), no colour preference, no saved state (with e2e_state=1: the
# state in $e2e_state_dir, and no --no-state).  When folio ends, the
# pane says "[folio exited: STATUS]" and stays (a pane that dies makes tmux
# scroll its screen to say so).
e2e_state=0
e2e_state_dir="$e2e_tmp/state"
e2e_start() {
	_w=$1 _h=$2
	shift 2
	_envs="HOME=$e2e_tmp/home LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin"
	_nostate=--no-state
	if [ "$e2e_state" = 1 ]; then
		_envs="$_envs XDG_STATE_HOME=$e2e_state_dir"
		_nostate=
	fi
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do
		_envs="$_envs $(e2e_quote "$1")"
		shift
	done
	[ $# -gt 0 ] && shift
	mkdir -p "$e2e_tmp/home"
	e2e_new_session
	T new-session -d -s e2e -x "$_w" -y "$_h" \
	    "env -i $_envs $e2e_vg$(e2e_quote "$FOLIO") $_nostate $(e2e_quote "$@"); _st=\$?; echo \$_st >>$e2e_tmp/status; echo \"[folio exited: \$_st]\"; exec sleep 86400"
	e2e_quiet
}

# FOLIO_VALGRIND=1: folio runs under valgrind's memcheck, which exits 99 on
# a memory error or a leak.  e2e_done then fails the test if any run so
# exited, or if valgrind reported anything (a run the test left running
# included, as far as it got).
e2e_vg=
if [ "${FOLIO_VALGRIND:-0}" = 1 ]; then
	_vg=$(command -v valgrind) || { echo "valgrind not found: skipping"; exit 77; }
	e2e_vg="$(e2e_quote "$_vg") -q --error-exitcode=99 --leak-check=full --log-file=$e2e_tmp/valgrind.%p "
	# folio runs many times slower under memcheck: a pause between two
	# redraws is longer than the usual settling time.
	[ -n "${E2E_SETTLE:-}" ] || e2e_settle=0.6
fi
e2e_valgrind_check() {
	[ -n "$e2e_vg" ] || return 0
	_bad=0
	if grep -qx 99 "$e2e_tmp/status" 2>/dev/null; then
		not_ok "valgrind: a run exited 99 (a memory error or leak)"
		_bad=1
	fi
	for _f in "$e2e_tmp"/valgrind.*; do
		[ -s "$_f" ] || continue
		not_ok "valgrind: $(basename "$_f")" "$(head -n 60 "$_f")"
		_bad=1
	done
	[ $_bad = 1 ] || ok "valgrind: $(wc -l <"$e2e_tmp/status" 2>/dev/null || echo 0) runs clean"
}

# The pid of folio (the child of the pane's shell).
e2e_folio_pid() {
	ps -o pid= --ppid "$(e2e_fmt '#{pane_pid}')" | tr -d ' '
}

# e2e_shell W H: an interactive shell in the pane (for job control).
e2e_shell() {
	mkdir -p "$e2e_tmp/home"
	e2e_new_session
	T new-session -d -s e2e -x "$1" -y "$2" \
	    "exec env -i HOME=$e2e_tmp/home LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin PS1='$ ' bash --norc --noprofile -i"
	e2e_wait '^\$'
}

e2e_keys() {
	T send-keys -t e2e "$@"
	e2e_quiet
}

# Literal text, one key at a time.
e2e_type() {
	T send-keys -t e2e -l "$1"
	e2e_quiet
}

e2e_screen() {
	T capture-pane -p -t e2e
}

# With attributes and colours as escape sequences.
e2e_screen_e() {
	T capture-pane -p -e -t e2e
}

e2e_fmt() {	# a tmux format about the pane, e.g. '#{alternate_on}'
	T display-message -p -t e2e "$1"
}

e2e_resize() {
	T resize-window -t e2e -x "$1" -y "$2"
	e2e_quiet
}

# Wait until the screen stops changing (at most about 5 s).
# (The helpers' variables start with _ so tests can use any other name.)
e2e_quiet() {
	_prev=
	_i=0
	while [ $_i -lt 50 ]; do
		sleep "$e2e_settle"
		_cur=$(T capture-pane -p -t e2e 2>/dev/null)
		[ -n "$_cur" ] && [ "$_cur" = "$_prev" ] && return 0
		_prev=$_cur
		_i=$((_i + 1))
	done
	return 0
}

# Wait until the screen matches an extended regex (at most about 10 s).
e2e_wait() {
	_i=0
	while [ $_i -lt 200 ]; do
		if T capture-pane -p -t e2e 2>/dev/null | grep -Eq -- "$1"; then
			e2e_quiet
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	not_ok "waited for /$1/" "$(e2e_screen)"
	return 1
}

# Wait until the terminal has left the alternate screen (curses ended).
e2e_left_alternate() {
	_i=0
	while [ $_i -lt 200 ] && [ "$(e2e_fmt '#{alternate_on}')" != 0 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	sleep 0.1
}

# Wait until folio has exited; prints its exit status (128 + N for a
# signal N that it caught and left by).
e2e_exit_status() {
	_i=0
	while [ $_i -lt 200 ]; do
		_st=$(T capture-pane -p -t e2e | sed -n 's/^\[folio exited: \([0-9]*\)\]$/\1/p')
		if [ -n "$_st" ]; then
			echo "$_st"
			return 0
		fi
		sleep 0.05
		_i=$((_i + 1))
	done
	echo "still running"
}

# e2e_golden NAME TEXT: compare with tests/e2e/NAME.result.
e2e_golden() {
	_f="$e2e_results/$1.result"
	if [ "${E2E_UPDATE:-0}" = 1 ]; then
		printf '%s\n' "$2" > "$_f"
		ok "$1 (written)"
		return
	fi
	if [ ! -f "$_f" ]; then
		not_ok "$1: no $_f (run with E2E_UPDATE=1)"
		return
	fi
	if [ "$2" = "$(cat "$_f")" ]; then
		ok "$1"
	else
		not_ok "$1" "$(printf '%s\n' "$2" | diff -u "$_f" - | head -40)"
	fi
}
