#!/bin/sh
# A large collection opens in two steps (ui-load.h): the first screen from
# its first files and the article read last, the rest read behind it; the
# list then has every article, the reader has not moved, and a bad file
# among the rest is a problem like any other.  Quitting while it loads is
# quick and clean.
. "$top_srcdir/tests/lib.sh"

e2e_state=1
col=$e2e_tmp/col
n=3000
mkdir -p "$col"
# Dispatches of nine paragraphs, long enough to wrap and scroll.
awk -v dir="$col" -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		f = sprintf("%s/%05d.txt", dir, i)
		printf "Dispatch number %d\n\n", i > f
		for (p = 1; p <= 8; p++) {
			printf "Paragraph %d of dispatch %d:", p, i > f
			for (w = 0; w < 60; w++)
				printf " word%d", (w * 7 + p + i) % 41 > f
			printf ".\n\n" > f
		}
		close(f)
	}
}'
# Not an article: binary.  Not among the first files read.
printf 'bin\000ary' > "$col/01000.txt"
last=$((n - 1))

header() {	# the reader's header row
	e2e_screen | sed -n 2p
}
status() {
	e2e_screen | head -1
}
reader() {	# the reader's text, right of the list
	e2e_screen | sed -n '3,30p' | cut -c32-
}
loaded() {	# wait until the whole collection is in
	e2e_wait "Articles +$last "
	e2e_nomatch "$1: the status line no longer says loading" "$(status)" 'loading'
}

# A first run: read dispatch 2500 at paragraph 4, a line into it.
e2e_start 100 30 -- "$col"
loaded "first run"
e2e_match "first run: the list counts every article" "$(header)" "Articles +$last "
e2e_match "the binary file is a problem" "$(status)" '1 problem'
e2e_keys : 'open 02500.txt' Enter : 4 Enter j
# The index and the related paragraphs are built once the whole is in.
e2e_settled
s1=$(status)
r1=$(reader)
e2e_match "first run: at paragraph 4" "$s1" 'paragraph 4 of 8 · [0-9]+%'
e2e_match "first run: dispatch 2500" "$(header)" '02500\.txt +2500/2999'
e2e_keys q
e2e_eq "first run: q exits 0" "$(e2e_exit_status)" 0

# Again: the first screen already shows it, before the rest is read.
e2e_new_session
T new-session -d -s e2e -x 100 -y 30 \
    "env -i HOME=$e2e_tmp/home LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin XDG_STATE_HOME=$e2e_state_dir $(e2e_quote "$FOLIO") $(e2e_quote "$col"); echo \"[folio exited: \$?]\"; exec sleep 86400"
# As soon as it is there: the rest may still be loading.
e2e_until _e2e_matches 'paragraph' || not_ok "the first screen came"
first=$(e2e_screen)
e2e_match "the first screen is at paragraph 4" "$(printf '%s\n' "$first" | head -1)" 'paragraph 4 of 8'
e2e_match "of dispatch 2500" "$(printf '%s\n' "$first" | sed -n 2p)" '02500\.txt'
case $first in
*loading*)
	e2e_nomatch "while loading, the list has a part" \
	    "$(printf '%s\n' "$first" | sed -n 2p)" "Articles +$last "
	;;
esac
loaded "second run"
# Then indexed (the status line says "indexing..." meanwhile).
e2e_settled
e2e_eq "after the load: the same status line" "$(status)" "$s1"
e2e_match "after the load: the article's number in the whole" "$(header)" \
    '02500\.txt +2500/2999'
e2e_eq "after the load: the same text in the reader" "$(reader)" "$r1"
e2e_match "the list has its row" "$(e2e_screen | sed -n '3,30p' | cut -c1-30 | grep -c 'Dispatch number 2500')" '^1$'
e2e_match "the bad file is a problem again" "$(status)" '1 problem'
e2e_keys =
e2e_match "and it is listed" "$(e2e_screen)" '01000\.txt: binary file'
e2e_keys q q
e2e_eq "second run: q exits 0" "$(e2e_exit_status)" 0

# Quitting at once, while it loads: exit 0 (under the sanitizers, no
# leak), and at once.
e2e_new_session
T new-session -d -s e2e -x 100 -y 30 \
    "env -i HOME=$e2e_tmp/home LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin $(e2e_quote "$FOLIO") --no-state $(e2e_quote "$col"); echo \"[folio exited: \$?]\"; exec sleep 86400"
T send-keys -t e2e q
e2e_eq "quitting while loading: exit 0" "$(e2e_exit_status)" 0
e2e_done
