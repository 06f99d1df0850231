#!/bin/sh
# Bookmarks and marks across runs: B bookmarks a paragraph (a mark in the
# margin), m a sets a named mark; --bookmarks lists both after a quit; a
# restart jumps to them with ' a and from the list (") with Enter; B takes
# one away again.  X and U for read marks.
. "$top_srcdir/tests/lib.sh"

e2e_state=1
status() {
	e2e_screen | head -1
}
quit() {
	e2e_keys q
	e2e_eq "$1: q exits 0" "$(e2e_exit_status)" 0
}
bookmarks() {	# folio --bookmarks with the same state
	env -i HOME="$e2e_tmp/home" XDG_STATE_HOME="$e2e_state_dir" \
	    LC_ALL=C.UTF-8 "$FOLIO" --bookmarks "$e2e_seeds"
}
tab=$(printf '\t')
t1='On February 15, 2024, North Korean state media reported that leader'
t2='Russia arms deal revives North Korea'

e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 4 Enter B
e2e_match "B says so" "$(e2e_screen)" 'paragraph 4 bookmarked'
e2e_match "a mark in the margin" "$(e2e_screen)" '^◆4 ▌ Defense and security'
e2e_keys ']' : 6 Enter m a
e2e_match "m a says so" "$(e2e_screen)" 'mark a set'
e2e_match "a named mark is in the margin too" "$(e2e_screen)" '^◆ 6 ▌'
quit "first run"

out=$(bookmarks)
e2e_eq "--bookmarks exits 0" "$?" 0
e2e_match "--bookmarks lists the bookmark" "$out" "^1:4${tab}-${tab}$t1"
e2e_match "--bookmarks lists the mark" "$out" "^2:6${tab}a${tab}$t2"
e2e_eq "--bookmarks: two lines" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2

e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 6 of 12'
e2e_keys '[' g
e2e_match "elsewhere" "$(status)" 'paragraph 1 of 9'
e2e_keys "'" a
e2e_match "' a: back at the mark, a run later" "$(status)" 'paragraph 6 of 12'
e2e_match "' a: in the second article" "$(e2e_screen | sed -n 5p)" '2/2'

# The list: both, with their places, titles and paragraphs.
e2e_keys '"'
scr=$(e2e_screen)
e2e_match "the list has a header" "$scr" '^ Bookmarks +2  Enter goes, B removes, q closes'
e2e_match "the list names 1:4" "$scr" '^ 1:4  -  On February 15'
e2e_match "the list names 2:6 a" "$scr" '^ 2:6  a  Russia arms deal'
e2e_match "the list shows the paragraph" "$scr" '^    Defense and security spending'
e2e_match "the status line counts them" "$scr" 'bookmark 2 of 2'
e2e_keys g Enter
e2e_match "Enter goes to the bookmark" "$(status)" 'paragraph 4 of 9'
e2e_match "Enter: the first article" "$(e2e_screen | sed -n 5p)" '1/2'
e2e_keys B
e2e_match "B again removes it" "$(e2e_screen)" 'paragraph 4: bookmark removed'
e2e_nomatch "the margin mark has gone" "$(e2e_screen)" '^◆4'
quit "second run"
out=$(bookmarks)
e2e_eq "--bookmarks: only the mark is left" "$out" "2:6${tab}a${tab}Russia arms deal revives North Korea’s economy from decline"

# Read marks by hand: X toggles the open article, U opens the next unread.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 4 of 9'
e2e_match "unread at first" "$(e2e_screen | sed -n 3p)" '^•'
e2e_keys X
e2e_match "X: marked read" "$(e2e_screen)" 'article 1 marked read'
e2e_nomatch "X: no marker" "$(e2e_screen | sed -n 3p)" '^•'
e2e_keys U
e2e_match "U: the next unread article" "$(e2e_screen | sed -n 5p)" '2/2'
e2e_keys X U
e2e_match "U with nothing unread says so" "$(e2e_screen)" 'every article is read'
quit "third run"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph'
e2e_eq "read marks are kept" "$(e2e_screen | sed -n 3,4p | grep -c '^•')" 0
quit "fourth run"
e2e_done
