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
#   e2e_screen_nobar            (... less the last column: a scroll bar)
#   e2e_eq NAME GOT WANT        (TAP-style ok / not ok lines)
#   e2e_done                    (exit status: 0 when every check passed)
#
# Set E2E_UPDATE=1 to (re)write the .result files e2e_golden compares with.
#
# Waiting.  Every wait is for a condition, with a deadline of
# $E2E_TIMEOUT seconds (60 unless set: generous, for a loaded machine and
# the sanitizers), and a wait that reaches its deadline fails the test:
#   - after keys (e2e_keys, e2e_type) and at the start, e2e_quiet waits
#     until folio has read every key sent (the pane's input queue is
#     empty), its main thread sleeps in poll(2) waiting for more, and two
#     captures of the screen agree;
#   - e2e_settled waits, in addition, until the work folio does behind the
#     first screen is over (loading the rest of a collection, the index,
#     the related paragraphs: no thread but the main one, nothing on the
#     status line saying it is under way): before comparing screens that
#     it could still change.

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
e2e_timeout=${E2E_TIMEOUT:-60}

# A pause of $1 seconds.  bash (make check's shell) waits in a read of a
# fifo that nothing writes to: a sleep process for each pause of every
# wait was a sixth of the harness's processes.  Other shells start sleep.
if [ -n "${BASH_VERSION:-}" ] && mkfifo "$e2e_tmp/nap" 2>/dev/null &&
    exec 9<>"$e2e_tmp/nap"; then
	e2e_sleep() { read -r -t "$1" -u 9 _ || :; }
else
	e2e_sleep() { sleep "$1"; }
fi

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
	_e2e_pane=
}

# e2e_start W H [VAR=VALUE...] [--] [ARGS...]: folio in the pane, with an
# environment made from scratch: a UTF-8 locale, TERM=screen (tmux's
# default), no colour preference, no saved state (with e2e_state=1: the
# state in $e2e_state_dir, and no --no-state).  When folio ends, the
# pane says "[folio exited: STATUS]" and stays (a pane that dies makes tmux
# scroll its screen to say so).
e2e_state=0
e2e_state_dir="$e2e_tmp/state"
e2e_cache_dir="$e2e_tmp/cache"
e2e_start() {
	_w=$1 _h=$2
	shift 2
	# The collection cache too is the test's own (a later VAR= wins).
	_envs="HOME=$e2e_tmp/home XDG_CACHE_HOME=$e2e_cache_dir LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin"
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
	# What the tests compare is the screen once folio has it all.
	e2e_settled
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
e2e_settle_ms=$(awk -v s="$e2e_settle" 'BEGIN { printf "%d", s * 1000 }')
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

# A pause between two looks, longer as a wait goes on (_nap=0 starts a
# wait): most waits end within a few looks, and the long ones (a build
# under the sanitizers) need not look twenty times a second.
e2e_nap() {
	case $_nap in
	[0-5]) e2e_sleep 0.05; _napped=$((_napped + 50)) ;;
	[6-9]) e2e_sleep 0.1; _napped=$((_napped + 100)) ;;
	*) e2e_sleep 0.2; _napped=$((_napped + 200)) ;;
	esac
	_nap=$((_nap + 1))
}

# Whether a wait has slept its deadline away.  Counted from the pauses it
# took (a lower bound of the time gone by, so the deadline is at least
# $e2e_timeout seconds): a clock read on every look was a process each.
e2e_late() {
	[ "$_napped" -ge $((e2e_timeout * 1000)) ]
}

# e2e_until CMD...: run CMD until it succeeds; false if it has not by the
# deadline ($e2e_timeout seconds from now).
e2e_until() {
	_nap=0 _napped=0
	until "$@"; do
		e2e_late && return 1
		e2e_nap
	done
	return 0
}

# Whether folio (when it is what runs in the pane) waits for keys: every
# key sent read, and its main thread asleep in poll(2).  Whatever else
# runs there (a shell) only has to have read its keys.  One perl asks it
# all (this runs every 50 ms of every wait: a process per question made
# the waits themselves a load on a busy machine).
e2e_idle() {
	# The pane's tty and shell stay while its session does: asked once.
	[ -n "${_e2e_pane:-}" ] || _e2e_pane=$(e2e_fmt '#{pane_tty} #{pane_pid}')
	# shellcheck disable=SC2086
	# (Linux's O_RDONLY|O_NOCTTY|O_NONBLOCK as a number: loading Fcntl
	# is a fifth of perl's start.)
	perl -e '
	my ($tty, $pane) = @ARGV;
	if (defined $tty && sysopen(my $f, $tty, 0x900)) {
		my $n = pack("L", 0);	# FIONREAD: keys sent, unread
		exit 1 if ioctl($f, 0x541B, $n) && unpack("L", $n) > 0;
	}
	exit 0 unless defined $pane;
	my $kids = "";
	if (open(my $c, "<", "/proc/$pane/task/$pane/children")) {
		$kids = <$c> // "";
	}
	my ($pid) = split " ", $kids;
	exit 0 unless defined $pid;
	sub slurp { open(my $h, "<", $_[0]) or return ""; local $/; <$h> // "" }
	exit 0 unless slurp("/proc/$pid/comm") =~ /folio/;
	my ($state) = slurp("/proc/$pid/stat") =~ /\) (\S)/;
	exit 0 if !defined $state || $state =~ /^[TtZ]$/;	# stopped, or gone
	exit 1 unless $state eq "S";
	my $wchan = slurp("/proc/$pid/wchan");
	exit($wchan =~ /poll|select/ || $wchan eq "0" || $wchan eq "" ? 0 : 1);
	' $_e2e_pane 2>/dev/null
}

# Whether folio has only its main thread: no build is running.
e2e_one_thread() {
	_pid=$(e2e_folio_pid 2>/dev/null | head -n 1)
	[ -n "$_pid" ] && [ -d "/proc/$_pid/task" ] || return 0
	[ "$(ls "/proc/$_pid/task" 2>/dev/null | wc -l)" -le 1 ]
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

# The screen less its last column, where the reader's scroll bar is when
# the reader reaches the right edge (its marks and thumb follow what is
# marked and found, not where the text is), trailing blanks dropped.
e2e_screen_nobar() {
	_w=$(($(e2e_fmt '#{pane_width}') - 1))
	e2e_screen | LC_ALL=C.UTF-8 sed -E "s/^(.{$_w}).*/\\1/; s/ +\$//"
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
	e2e_wait_size "$1" "$2"
	e2e_quiet
}

# The size the pane's terminal has now, "COLUMNSxROWS" (TIOCGWINSZ on its
# tty); empty when that cannot be told.
e2e_tty_size() {
	perl -MFcntl -e 'sysopen(my $f, $ARGV[0], O_RDONLY|O_NOCTTY|O_NONBLOCK)
	    or exit 0; my $ws = pack("S4", 0, 0, 0, 0); ioctl($f, 0x5413, $ws)
	    or exit 0; my ($r, $c) = unpack("S4", $ws); print "${c}x$r"' \
	    "$(e2e_fmt '#{pane_tty}')" 2>/dev/null
}

# Wait until the pane's terminal has the size asked for: tmux applies a
# resize to the pane a moment after the command that asks for it returns,
# later still on a busy machine, and only then does folio hear of it.
e2e_wait_size() {
	_want="$1x$2"
	_e2e_size_is() {
		_got=$(e2e_tty_size)
		[ -z "$_got" ] || [ "$_got" = "$_want" ]
	}
	e2e_until _e2e_size_is ||
		not_ok "waited ${e2e_timeout}s for the terminal to be $_want" \
		    "it is $(e2e_tty_size)"
}

# Wait until folio has taken every key sent and the screen has stopped
# changing (see Waiting above); fail the test at the deadline.
# (The helpers' variables start with _ so tests can use any other name.)
e2e_quiet() {
	_prev=
	_nap=0 _napped=0
	until e2e_late; do
		if ! e2e_idle; then
			_prev=
			e2e_nap
			continue
		fi
		# A blank screen before folio has drawn is not quiet (one
		# too small to draw in may well be blank).
		_cur=$(T capture-pane -p -t e2e 2>/dev/null; echo .)
		if [ "$_cur" = "$_prev" ] && { e2e_drawn "$_cur" ||
		    [ -n "$(e2e_folio_pid)" ]; }; then
			return 0
		fi
		_prev=$_cur
		e2e_sleep "$e2e_settle"
		_napped=$((_napped + e2e_settle_ms))
	done
	not_ok "waited ${e2e_timeout}s for the screen to settle" "$(e2e_screen)"
	return 1
}

# Whether a screen's capture (with "." after it) shows anything.  These
# and the test below are the shell's own patterns: a wait looks every
# 50-200 ms, and a grep or tr at each look added up.
_e2e_nl='
'
e2e_drawn() {
	case $1 in
	*[!.\ $_e2e_nl]*) return 0 ;;
	esac
	return 1
}

# The status line of a capture says that work is under way behind it.
e2e_work_shown() {
	case $1 in
	*"loading "[0-9]*" of"* | *"listing the files"* | \
	    *"checking the cache"* | *indexing* | *"counting matches"* | \
	    *"computing related"*) return 0 ;;
	esac
	return 1
}

# Wait until what folio builds behind the first screen is built (see
# Waiting above).  The builds start 150 ms after the first screen, or
# after the rest of a large collection is loaded (ui-curses.c,
# BUILD_DELAY_MS), or at the first key.  Half a second after the screen
# was first seen drawn with no work under way, a main thread asleep in
# poll(2) has started them (its timeout for them has run out, which would
# have made it runnable): one thread alone then means they are done.
e2e_settled() {
	_t0=
	_nap=0 _napped=0
	until e2e_late; do
		_cur=$(T capture-pane -p -t e2e 2>/dev/null; echo .)
		if ! e2e_drawn "$_cur" || e2e_work_shown "$_cur"; then
			_t0=
		elif [ -z "$_t0" ]; then
			_t0=$_napped
		# (The naps slept are a lower bound of the time gone by.)
		elif [ "$_napped" -ge $((_t0 + 500)) ] && e2e_idle &&
		    e2e_one_thread; then
			e2e_quiet
			return
		fi
		e2e_nap
	done
	not_ok "waited ${e2e_timeout}s for the work behind the screen" \
	    "$(e2e_screen)"
	return 1
}

_e2e_matches() {
	T capture-pane -p -t e2e 2>/dev/null | grep -Eq -- "$1"
}

_e2e_matches_not() {
	! T capture-pane -p -t e2e 2>/dev/null | grep -Eq -- "$1"
}

# Wait until the screen matches an extended regex.
e2e_wait() {
	if e2e_until _e2e_matches "$1"; then
		e2e_quiet
		return
	fi
	not_ok "waited ${e2e_timeout}s for /$1/" "$(e2e_screen)"
	return 1
}

# Wait until the screen no longer matches an extended regex.
e2e_wait_gone() {
	if e2e_until _e2e_matches_not "$1"; then
		e2e_quiet
		return
	fi
	not_ok "waited ${e2e_timeout}s for /$1/ to go" "$(e2e_screen)"
	return 1
}

_e2e_normal_screen() {
	[ "$(e2e_fmt '#{alternate_on}')" = 0 ]
}

# Wait until the terminal has left the alternate screen (curses ended),
# and what follows on the normal screen has been written.
e2e_left_alternate() {
	if e2e_until _e2e_normal_screen; then
		e2e_quiet
		return
	fi
	not_ok "waited ${e2e_timeout}s for the normal screen" "$(e2e_screen)"
	return 1
}

# Wait until folio has exited; prints its exit status (128 + N for a
# signal N that it caught and left by), or "still running" at the
# deadline (which no test wants).
_e2e_exited() {
	_st=$(T capture-pane -p -t e2e | sed -n 's/^\[folio exited: \([0-9]*\)\]$/\1/p')
	[ -n "$_st" ]
}

e2e_exit_status() {
	if e2e_until _e2e_exited; then
		echo "$_st"
	else
		echo "still running"
	fi
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
