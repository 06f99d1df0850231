#!/bin/sh
# The reading state across runs: read, go to a paragraph, quit, start
# again and find the same article, paragraph and screen; each article its
# own place; SIGHUP while reading saves the place; read marks in the list.
. "$top_srcdir/tests/lib.sh"

e2e_state=1
reader() {	# the reader's rows: below the list, above the status
	e2e_screen | sed -n '5,24p'
}
status() {
	e2e_screen | head -1
}
quit() {	# q, and wait until folio has gone
	e2e_keys q
	e2e_eq "$1: q exits 0" "$(e2e_exit_status)" 0
}

# A first run: nothing saved, the first article at its top.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "the first run opens the first article" "$(status)" 'paragraph 1 of 9'
e2e_match "both articles are unread" "$(e2e_screen | sed -n 3,4p | grep -c '^•')" '^2$'

# Go to paragraph 5 and scroll two lines into it; quit; start again.
# (Screens are compared once the related paragraphs, built behind the
# first screen, are in: they show on the reader's first row.)
e2e_settled
e2e_keys : 5 Enter j j
s1=$(status)
r1=$(reader)
e2e_match "at paragraph 5" "$s1" 'paragraph 5 of 9'
quit "first run"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 5 of 9'
e2e_settled
e2e_eq "restart: the same status line" "$(status)" "$s1"
e2e_eq "restart: the same screen in the reader" "$(reader)" "$r1"

# } moves the current paragraph down the screen without scrolling: the
# screen and the paragraph both come back.
e2e_keys g '}'
s2=$(status)
r2=$(reader)
e2e_match "} from the top" "$s2" 'paragraph 2 of 9'
quit "second run"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 2 of 9'
e2e_eq "restart: the current paragraph below the top" "$(reader)" "$r2"

# Each article keeps its own place: the second article at paragraph 7,
# back to the first (still at 2), quit in the second.
e2e_keys ']' : 7 Enter
r3=$(reader)
e2e_match "the second article, paragraph 7" "$(status)" 'paragraph 7 of 12'
e2e_keys '['
e2e_match "the first article where it was left" "$(status)" 'paragraph 2 of 9'
e2e_keys ']'
quit "third run"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 7 of 12'
e2e_eq "restart: the article read last, as it was" "$(reader)" "$r3"
e2e_match "the list selects it" "$(e2e_screen | sed -n 4p)" 'Russia arms deal'
e2e_keys '['
e2e_match "and the other article's place is kept" "$(status)" 'paragraph 2 of 9'

# The end of an article shown: read; the list loses its marker.
e2e_keys G
e2e_match "G: the end" "$(status)" 'paragraph 9 of 9'
e2e_nomatch "read: no marker on its row" "$(e2e_screen | sed -n 3p)" '^•'
e2e_match "the other is still unread" "$(e2e_screen | sed -n 4p)" '^•'

# SIGHUP while reading (an SSH link that drops): the place is saved at
# once, not after the quiet spell.
e2e_keys g : 4 Enter j
r4=$(reader)
kill -HUP "$(e2e_folio_pid)"
e2e_eq "SIGHUP: exit status 129" "$(e2e_exit_status)" 129
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 4 of 9'
e2e_eq "after SIGHUP: the same place" "$(reader)" "$r4"
e2e_nomatch "and the read mark" "$(e2e_screen | sed -n 3p)" '^•'

# SIGTERM as well.
e2e_keys : 6 Enter
kill -TERM "$(e2e_folio_pid)"
e2e_eq "SIGTERM: exit status 143" "$(e2e_exit_status)" 143
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 6 of 9'
e2e_match "after SIGTERM: paragraph 6" "$(status)" 'paragraph 6 of 9'

# A position is written a few seconds after the last move, with no key
# and no quit (state.h: STATE_QUIET_MS).
e2e_keys : 3 Enter
# Paragraph 3 of article 1 in the file: no other article's place is 3.
saved3() {
	grep -q '^position	[^	]*	[0-9a-f]*	3	' "$e2e_state_dir"/folio/*.state 2>/dev/null
}
if e2e_until saved3; then
	ok "the position is written after a quiet spell"
else
	not_ok "the position is written after a quiet spell"
fi
pid=$(e2e_folio_pid)
kill -KILL "$pid"
gone() {
	! kill -0 "$pid" 2>/dev/null
}
e2e_until gone || not_ok "SIGKILL: folio has gone"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 3 of 9'
e2e_match "saved after a quiet spell (SIGKILL after it)" "$(status)" 'paragraph 3 of 9'

# Another size: the same paragraph, current.
quit "before the resize"
e2e_start 200 60 -- "$e2e_seeds"
e2e_wait 'paragraph 3 of 9'
e2e_match "200x60: the same paragraph" "$(status)" 'paragraph 3 of 9'
quit "at 200x60"
e2e_done
