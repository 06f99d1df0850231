#!/bin/sh
# A full disk, by fault injection (every rename fails with ENOSPC, so no
# save can finish): the interface says so and reading goes on; at q the
# save is tried once more, and when it fails again folio says what was
# not saved, where and why, after it has left the screen, and exits 2.
# When space is freed before q (the fault turned off), the save at exit
# goes through: exit 0, and the bookmark is there in the next run.
. "$top_srcdir/tests/lib.sh"

if ! command -v fiu-run >/dev/null 2>&1 ||
    ! command -v fiu-ctrl >/dev/null 2>&1; then
	echo "no fiu-run or fiu-ctrl (fiu-utils): skipping"
	exit 77
fi
e2e_state=1
ctl=$e2e_tmp/fiu
# Under --enable-sanitizers the ASan runtime must come before fiu's
# preloaded libraries (tests/state.sh does the same), and fiu's own
# allocations are not folio's leaks.
pre= lsan=
asan=$(ldd "$FOLIO" 2>/dev/null | awk '/libasan/ { print $3; exit }')
if [ -n "$asan" ]; then
	printf '#!/bin/sh\nLD_PRELOAD="%s $LD_PRELOAD" exec "$@"\n' "$asan" \
	    >"$e2e_tmp/asan-first"
	pre="sh $e2e_tmp/asan-first"
	printf 'leak:%s\n' fiu_run_preload.so fiu_posix_preload.so libfiu.so \
	    >"$e2e_tmp/lsan.supp"
	lsan="LSAN_OPTIONS=suppressions=$e2e_tmp/lsan.supp:print_suppressions=0"
fi
full='posix/io/dir/rename'

start_full() {	# folio on the seeds, every rename failing
	mkdir -p "$e2e_tmp/home"
	e2e_new_session
	T new-session -d -s e2e -x 80 -y 24 \
	    "env -i HOME=$e2e_tmp/home LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin XDG_STATE_HOME=$e2e_state_dir $lsan fiu-run -x -f $ctl -c 'enable name=$full,failinfo=28' $pre $(e2e_quote "$FOLIO") $(e2e_quote "$e2e_seeds"); echo \"[folio exited: \$?]\"; exec sleep 86400"
	e2e_wait 'paragraph 1 of 9'
}
bookmarks() {	# what the state holds, as --bookmarks prints it
	env -i HOME="$e2e_tmp/home" LC_ALL=C.UTF-8 PATH=/usr/bin:/bin \
	    XDG_STATE_HOME="$e2e_state_dir" "$FOLIO" --bookmarks "$e2e_seeds"
}

start_full
e2e_keys B
e2e_wait 'state not saved'
e2e_match "the screen says the save failed" "$(e2e_screen)" \
    'No space left on device'
e2e_keys q
e2e_eq "still full at q: exit 2" "$(e2e_exit_status)" 2
# On the screen the shell gets back (curses ended first), its wrapped
# lines joined.
out=$(T capture-pane -p -J -t e2e)
e2e_match "after the screen: what was not saved" "$out" \
    '^folio: .*\.state: not saved: a bookmark change'
e2e_match "and why" "$out" '\(renaming: No space left on device\)$'
e2e_eq "the bookmark is not in the state" "$(bookmarks)" ""

start_full
e2e_keys : 3 Enter B
e2e_wait 'state not saved'
# Space is freed: the next try is 30 s away, but q comes first.
fiu-ctrl -f "$ctl" -c "disable name=$full" "$(e2e_folio_pid)"
e2e_keys q
e2e_eq "freed before q: the save at exit goes through, exit 0" \
    "$(e2e_exit_status)" 0
e2e_nomatch "and nothing is said" "$(e2e_screen)" 'not saved'
e2e_match "the bookmark is in the state" "$(bookmarks)" '^1:3	-	'
e2e_done
