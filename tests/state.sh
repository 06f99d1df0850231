#!/bin/sh
# The reading state under real processes: where it goes, --no-state (with
# strace), injected write/fsync/rename/close failures and short writes
# (fiu-run), a read-only and an unreadable state (as nobody, or by fault
# injection when that cannot be done), SIGKILL while saving, and two
# processes saving at once.  Drives tests/state-driver (see its header for
# its exit codes).  Needs $FOLIO (make check sets it; the driver is built
# beside it).
set -u
: "${FOLIO:?}"
driver="$(dirname "$FOLIO")/tests/state-driver"
if [ ! -x "$driver" ]; then
	echo "1..0 # SKIP no $driver (configured with --disable-tests?)"
	exit 77
fi
export LC_ALL=C.UTF-8
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-state.XXXXXX")
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() {
	fail=$((fail + 1)); echo "not ok - $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'
}
skip() { skip=$((skip + 1)); echo "ok - $1 # SKIP $2"; }
holds() {	# name, command...: the command succeeds
	name=$1; shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
has() {	# name, text, pattern: text contains pattern
	case "$2" in *"$3"*) ok "$1" ;; *) not_ok "$1" "$2" ;; esac
}
same() { cmp -s "$1" "$2"; }
eq() {	# name, got, want
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2
want: $3"; fi
}
# drv VAR=VALUE... CMD...: run CMD with this environment; sets rc, out, err
drv() {
	env "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?; out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
}
state_file() { ls "$1"/folio/*.state 2>/dev/null | head -n 1; }
# Leftovers a failed save must not leave: temporary files.
tmps() { ls "$1"/folio 2>/dev/null | grep -c '\.tmp' ; }

# --- where -----------------------------------------------------------------
x="$tmp/xdg"
drv XDG_STATE_HOME="$x" HOME="$tmp/nohome" "$driver" save 1
eq "a save succeeds" "$rc" 0
f=$(state_file "$x")
holds "the state is under XDG_STATE_HOME/folio" test -n "$f"
eq "the file starts with its version line" "$(head -n 1 "$f")" "folio-state 1"
eq "the file ends with its end line" "$(tail -n 1 "$f")" "end"
eq "the directory is 0700" "$(stat -c %a "$x/folio")" 700
eq "the file is 0600" "$(stat -c %a "$f")" 600
holds "HOME is not touched when XDG_STATE_HOME is set" test ! -e "$tmp/nohome"
drv XDG_STATE_HOME="$x" "$driver" check
eq "it reads back as one generation" "$rc:$out" "0:gen 1"

cd "$tmp" || exit 1
drv XDG_STATE_HOME=relative HOME="$tmp/home" "$driver" save 1
n=$(ls "$tmp/home/.local/state/folio" | grep -c '\.state$')
eq "a relative XDG_STATE_HOME is ignored" "$rc:$n" "0:1"
holds "nothing is made under the relative path" test ! -e "$tmp/relative"
cd - >/dev/null || exit 1

drv -u HOME -u XDG_STATE_HOME "$driver" touch
eq "no HOME: reading goes on (exit 0)" "$rc" 0
eq "no HOME: one message" "$(printf '%s\n' "$err" | grep -c .)" 1
has "no HOME: the message says why" "$err" "HOME is not set"

# --- --no-state: nothing opened, read or written -------------------------
ns="$tmp/nostate-xdg"
drv XDG_STATE_HOME="$ns" HOME="$tmp/nostate-home" "$driver" --no-state touch
eq "--no-state: runs" "$rc" 0
holds "--no-state: creates nothing" test ! -e "$ns" -a ! -e "$tmp/nostate-home"
if command -v strace >/dev/null 2>&1 &&
    strace -f -qq -o /dev/null true 2>/dev/null; then
	mkdir -p "$ns/folio" "$tmp/nostate-home"
	cp "$f" "$ns/folio/"
	env ASAN_OPTIONS=detect_leaks=0 XDG_STATE_HOME="$ns" HOME="$tmp/nostate-home" strace -f -qq \
	    -o "$tmp/strace.log" "$driver" --no-state touch >/dev/null 2>&1
	n=$(grep -c -e nostate-xdg -e nostate-home "$tmp/strace.log")
	eq "--no-state: no system call names the state directory" "$n" 0
	holds "--no-state: the state there is untouched" \
	    same "$f" "$ns/folio/$(basename "$f")"
	env ASAN_OPTIONS=detect_leaks=0 XDG_STATE_HOME="$ns" HOME="$tmp/nostate-home" strace -f -qq \
	    -o "$tmp/strace2.log" "$driver" touch >/dev/null 2>&1
	n=$(grep -c -e nostate-xdg "$tmp/strace2.log")
	holds "without --no-state strace does see the state directory" \
	    test "$n" -gt 0
else
	skip "--no-state: no system call names the state directory" \
	    "strace cannot trace here"
fi

# --- injected faults (libfiu) ---------------------------------------------
# Under --enable-sanitizers the ASan runtime must come before fiu's
# LD_PRELOAD libraries (else both crash): $pre puts it first.  fiu's own
# allocations at start-up are not ours to report.
pre=
asan=$(ldd "$driver" 2>/dev/null | awk '/libasan/ { print $3; exit }')
if [ -n "$asan" ]; then
	printf '#!/bin/sh\nLD_PRELOAD="%s $LD_PRELOAD" exec "$@"\n' "$asan" \
	    >"$tmp/asan-first"
	pre="sh $tmp/asan-first"	# sh: /tmp may be mounted noexec
	printf 'leak:%s\n' fiu_run_preload.so fiu_posix_preload.so libfiu.so \
	    >"$tmp/lsan.supp"
	supp="suppressions=$tmp/lsan.supp"
	LSAN_OPTIONS="$supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
	export LSAN_OPTIONS
fi
x="$tmp/fiu"
drv XDG_STATE_HOME="$x" "$driver" save 1
f=$(state_file "$x")
cp "$f" "$tmp/old"
# fiu-run with the options every run here needs (a script, for env)
fiu="$tmp/fiu-run.sh"
printf '#!/bin/sh\nexec fiu-run -x -f "" "$@"\n' >"$fiu"
if command -v fiu-run >/dev/null 2>&1 &&
    sh "$fiu" -c 'enable name=posix/io/dir/rename,failinfo=5' true 2>/dev/null; then
	for fault in 'posix/io/rw/write,failinfo=28' \
	    'posix/io/sync/fsync,failinfo=5' \
	    'posix/io/dir/rename,failinfo=5' \
	    'posix/io/dir/rename,failinfo=28' \
	    'posix/io/oc/close,failinfo=5' \
	    'posix/io/rw/read,failinfo=5' \
	    'posix/io/oc/open,failinfo=30'; do
		case "$asan:$fault" in
		?*:posix/io/rw/read*|?*:posix/io/oc/open*)
			# ASan's own read/open interceptors go around fiu's
			skip "$fault" "ASan bypasses it (the plain build runs it)"
			continue ;;
		esac
		drv XDG_STATE_HOME="$x" sh "$fiu" -c "enable name=$fault" \
		    $pre "$driver" save 2
		eq "$fault: the save fails with one message" "$rc" 3
		holds "$fault: the old state is byte-identical" \
		    same "$tmp/old" "$f"
		eq "$fault: no temporary file is left" "$(tmps "$x")" 0
	done
	drv XDG_STATE_HOME="$x" "$driver" check
	eq "after the faults the state is generation 1" "$rc:$out" "0:gen 1"
	drv XDG_STATE_HOME="$x" sh "$fiu" -c 'enable name=posix/io/rw/write/reduce' \
	    $pre "$driver" save 2
	eq "short writes: the save completes" "$rc" 0
	drv XDG_STATE_HOME="$x" "$driver" check
	eq "short writes: the state is generation 2" "$rc:$out" "0:gen 2"
	# Random failures of every read, write, fsync, close and rename: each
	# run leaves the old or the new generation, never a mix.
	last=2 bad=0 saved=0
	for g in $(seq 3 30); do
		drv XDG_STATE_HOME="$x" sh "$fiu" \
		    -c 'enable_random name=posix/io/rw/*,probability=0.05' \
		    -c 'enable_random name=posix/io/sync/*,probability=0.3' \
		    -c 'enable_random name=posix/io/oc/close,probability=0.3' \
		    -c 'enable_random name=posix/io/dir/rename,probability=.3' \
		    $pre "$driver" save $g
		case $asan:$rc in
		*:0|*:3) ;;
		?*:[12]) ;;	# the ASan wrapper's shell may hit a fault too
		*) bad=$((bad + 1)); echo "# save $g: rc $rc: $err" ;;
		esac
		drv XDG_STATE_HOME="$x" "$driver" check
		case "$rc:$out" in
		"0:gen $g") last=$g saved=$((saved + 1)) ;;
		"0:gen $last") ;;
		*) bad=$((bad + 1)); echo "# after save $g: $rc $out $err" ;;
		esac
	done
	eq "random faults: every state is the old or the new one" "$bad" 0
	echo "# random faults: $saved of 28 saves went through"
else
	skip "injected write/fsync/rename failures" "no usable fiu-run"
fi

# --- read-only and unreadable ---------------------------------------------
# Root ignores permission bits: run as nobody when we are root.
ro="$tmp/ro"
drv XDG_STATE_HOME="$ro" "$driver" save 1
f=$(state_file "$ro")
cp "$f" "$tmp/old"
as_user=none
if [ "$(id -u)" -ne 0 ]; then
	as_user=
elif command -v runuser >/dev/null 2>&1 && chmod 755 "$tmp" &&
    runuser -u nobody -- "$driver" ping 2>/dev/null; then
	as_user="runuser -u nobody --"
	chown -R nobody "$ro"
fi
if [ "$as_user" != none ]; then
	chmod 500 "$ro/folio"
	drv XDG_STATE_HOME="$ro" $as_user "$driver" save 2
	eq "read-only directory: one message, and reading goes on" "$rc" 3
	has "read-only directory: the message says why" "$err" \
	    "Permission denied"
	holds "read-only directory: the old state is byte-identical" \
	    same "$tmp/old" "$f"
	eq "read-only directory: no temporary file" "$(tmps "$ro")" 0
	drv XDG_STATE_HOME="$ro" $as_user "$driver" check
	eq "read-only directory: the state still reads" "$rc:$out" "0:gen 1"
	chmod 700 "$ro/folio"
	[ "$(id -u)" -eq 0 ] && chown root "$f"
	chmod 000 "$f"
	drv XDG_STATE_HOME="$ro" $as_user "$driver" save 2
	eq "unreadable state: one message, and reading goes on" "$rc" 3
	has "unreadable state: the message says why" "$err" \
	    "cannot read the state"
	chmod 600 "$f"
	holds "unreadable state: left byte-identical" same "$tmp/old" "$f"
	eq "unreadable state: no temporary file" "$(tmps "$ro")" 0
elif command -v fiu-run >/dev/null 2>&1; then
	echo "# cannot run as another user: read-only by fault injection"
	drv XDG_STATE_HOME="$ro" sh "$fiu" -c 'enable name=posix/io/oc/open,failinfo=30' \
	    $pre "$driver" save 2
	eq "read-only (EROFS injected): one message, reading goes on" "$rc" 3
	holds "read-only (EROFS injected): the old state is byte-identical" \
	    same "$tmp/old" "$f"
	eq "read-only (EROFS injected): no temporary file" "$(tmps "$ro")" 0
else
	echo "# neither another user nor fault injection: read-only skipped"
	exit 77
fi

# --- SIGKILL while saving -------------------------------------------------
x="$tmp/kill"
drv XDG_STATE_HOME="$x" "$driver" save 1
last=1 bad=0 progress=0
for d in 0.05 0.11 0.02 0.17 0.07 0.13 0.03 0.19 0.09 0.01 \
    0.15 0.06 0.12 0.04 0.18 0.08 0.14 0.10 0.16 0.05; do
	: >"$tmp/loop.out"
	XDG_STATE_HOME="$x" "$driver" loop >"$tmp/loop.out" 2>"$tmp/loop.err" &
	pid=$!
	# A kill at a random moment of the saves, once one has been made
	# (a loaded machine may take longer than d to start the process)
	n=0
	while [ ! -s "$tmp/loop.out" ] && [ $n -lt 3000 ] &&
	    kill -0 "$pid" 2>/dev/null; do
		sleep 0.02
		n=$((n + 1))
	done
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	drv XDG_STATE_HOME="$x" "$driver" check
	g=${out#gen }
	if [ "$rc" -ne 0 ] || [ "$g" -lt "$last" ]; then
		bad=$((bad + 1))
		echo "# killed at ${d}s: rc $rc, '$out' (last $last): $err"
	else
		[ "$g" -gt "$last" ] && progress=$((progress + 1))
		last=$g
	fi
done
eq "SIGKILL while saving: always one whole generation, never older" "$bad" 0
holds "SIGKILL while saving: saves went on between kills (generation $last)" \
    test "$progress" -gt 0

# --- two processes at once --------------------------------------------------
x="$tmp/two"
XDG_STATE_HOME="$x" "$driver" marks A 40 >"$tmp/a.out" 2>&1 &
pa=$!
XDG_STATE_HOME="$x" "$driver" marks B 40 >"$tmp/b.out" 2>&1 &
pb=$!
wait "$pa"; ra=$?
wait "$pb"; rb=$?
eq "two processes: both saved every change" "$ra:$rb" "0:0"
drv XDG_STATE_HOME="$x" "$driver" list
eq "two processes: every bookmark and read mark of both is kept" "$out" \
    "marks 80 read 20"

echo "# $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
