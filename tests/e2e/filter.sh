#!/bin/sh
# The list's filter in the terminal: & narrows the article list to the
# articles that match, with the count in the list's header and "shown" in
# the status line; ] follows the list as shown; the open article stays;
# & and Enter on an empty line gives back every article and the
# selection; :filter and :nofilter; a filter that keeps nothing changes
# nothing.  At 80x24, and 200x60 for the header.  Then the keyword count
# on each row of the list.
. "$top_srcdir/tests/lib.sh"

for size in "80 24" "200 60"; do
	set -- $size
	w=$1 h=$2
	e2e_start "$w" "$h" -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	e2e_keys i j
	e2e_match "${w}x$h: the list selects the second article" \
	    "$(e2e_screen)" 'article 2 of 2 ·'

	e2e_keys '&'
	e2e_match "${w}x$h: & opens its prompt" "$(e2e_screen)" '^& *$'
	e2e_type "spy agency"
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: the header names the filter and counts" "$s" \
	    'Articles & spy agency +1 of 2'
	e2e_match "${w}x$h: the message counts too" "$s" \
	    '1 of 2 articles matches spy agency'
	e2e_match "${w}x$h: the status line counts the list as shown" "$s" \
	    'article 1 of 1 shown'
	e2e_match "${w}x$h: the article that matches is listed" "$s" \
	    '• Russia arms deal'
	e2e_match "${w}x$h: the open article stays, out of the list" "$s" \
	    '000_699600703bacec4d.txt +-/1'

	e2e_keys ']'
	s=$(e2e_screen)
	e2e_match "${w}x$h: ] opens the next article shown" "$s" \
	    '003_c3eb74fb17d4de85.txt +1/1'
	e2e_keys ']'
	e2e_match "${w}x$h: ... which is the last" "$(e2e_screen)" \
	    'this is the last article'

	e2e_keys '&' Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: an empty filter shows every article" "$s" \
	    'Articles +2'
	e2e_nomatch "${w}x$h: ... and the header says no filter" "$s" \
	    'Articles &'

	e2e_keys :
	e2e_type "filter zebra"
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: a filter that keeps nothing says so" "$s" \
	    'no article matches zebra'
	e2e_match "${w}x$h: ... and the list is as it was" "$s" 'Articles +2'
	e2e_keys :
	e2e_type "filter korea"
	e2e_keys Enter
	e2e_match "${w}x$h: :filter" "$(e2e_screen)" 'Articles & korea +2 of 2'
	e2e_keys :
	e2e_type "nofilter"
	e2e_keys Enter
	e2e_match "${w}x$h: :nofilter" "$(e2e_screen)" 'no filter: 2 articles'
	e2e_keys q
	e2e_eq "${w}x$h: q quits" "$(e2e_exit_status)" 0
done

# Keywords: each row counts them, in the colour of the one met most.
esc=$(printf '\033')
e2e_start 80 24 TERM=screen-256color -- -k korea "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
s=$(e2e_screen)
e2e_match "-k: the first row counts korea" "$s" 'state media reported that.* 7 +9 *$'
e2e_match "-k: ... and the second" "$s" 'from decline +17 12 *$'
e2e_match "-k: in the keyword's colour" "$(e2e_screen_e)" \
    "48;5;80m *17"
e2e_keys :
e2e_type "nohighlight"
e2e_keys Enter
e2e_nomatch ":nohighlight: no count" "$(e2e_screen)" 'from decline +17 12'
e2e_keys q
e2e_done
