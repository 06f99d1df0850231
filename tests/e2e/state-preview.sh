#!/bin/sh
# What a search shows while it is typed is a preview, not reading: Esc
# leaves the saved places, the read marks and the current article as they
# were, and a link dropped mid-search (SIGHUP) saves the place from before
# the search.  Enter is reading: the match is where folio opens next.
. "$top_srcdir/tests/lib.sh"

e2e_state=1
status() {
	e2e_screen | head -1
}
quit() {	# q, and wait until folio has gone
	e2e_keys q
	e2e_eq "$1: q exits 0" "$(e2e_exit_status)" 0
}
restart() {	# a new run, once its status line says where it is
	e2e_start 80 24 -- "$e2e_seeds"
	e2e_wait "$1"
}
# /Fitch, until its first match is shown (the index is built behind the
# first screen: the preview waits for it).
indexed() {
	e2e_keys '/'
	e2e_type Fitch
	e2e_wait 'match 1 of'
}

# Article 2 at paragraph 3; then article 1 at paragraph 1.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 2:3 Enter
e2e_wait 'paragraph 3 of 12'
quit "first run"
restart 'paragraph 3 of 12'
e2e_keys : 1:1 Enter
e2e_wait 'paragraph 1 of 9'
e2e_settled	# the related paragraphs in: the screen is final
before=$(e2e_screen)

# /Fitch, no Enter: the preview shows article 2 further on; Esc.
indexed
e2e_nomatch "the preview shows another paragraph" "$(status)" 'paragraph 3 of 12'
e2e_keys Escape
e2e_wait 'paragraph 1 of 9'
e2e_eq "Esc gives back the same screen" "$(e2e_screen)" "$before"
quit "after Esc"

restart 'paragraph 1 of 9'
e2e_match "article 1 is still the current one" "$(e2e_screen | sed -n 3p)" 'On February 15'
e2e_match "article 2 still unread" "$(e2e_screen | sed -n 4p)" '^•'
e2e_keys ']'
e2e_wait 'of 12'
e2e_match "] opens article 2 where it was left" "$(status)" 'paragraph 3 of 12'

# A dropped link mid-search: the place from before the search is saved.
e2e_keys '['
e2e_wait 'paragraph 1 of 9'
e2e_keys : 4 Enter
e2e_wait 'paragraph 4 of 9'
indexed
kill -HUP "$(e2e_folio_pid)"
e2e_eq "SIGHUP mid-search: exit status 129" "$(e2e_exit_status)" 129
restart 'of 9'
e2e_match "after SIGHUP: the place before the search" "$(status)" 'paragraph 4 of 9'
e2e_keys ']'
e2e_wait 'of 12'
e2e_match "and article 2's place is kept" "$(status)" 'paragraph 3 of 12'

# Enter settles: the match's article opens next time, at the match.
e2e_keys '['
e2e_wait 'of 9'
indexed
e2e_keys Enter
where=$(status | sed -n 's/.*\(paragraph [0-9]* of 12\).*/\1/p')
e2e_match "Enter: at the match in article 2" "$where" 'paragraph [0-9]+ of 12'
quit "after Enter"
restart 'of 12'
e2e_match "Enter was reading: the match opens next" "$(status)" "$where"
quit "last run"
e2e_done
