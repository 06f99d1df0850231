#!/bin/sh
# Interactive search in the terminal: / as you type, n and N across
# articles with the wrap said, Esc back, the history, "not found", the
# results view, and which cells carry the highlights (capture-pane -e):
# in colour, with NO_COLOR (reverse and underline) and under LANG=C (the
# query typed in ASCII matches the curly apostrophe).  At 80x24 and
# 200x60.
. "$top_srcdir/tests/lib.sh"

esc=$(printf '\033')
# an SGR sequence that sets a background colour, then the text
bg() {	# colour, text
	printf '%s' "$esc\\[([0-9;]*;)?48;5;$1(;[0-9;]*)?m($esc\\[[0-9;]*m)*$2"
}
# the text right after SGR sequences that include attribute $1 (7 reverse)
attr() {
	printf '%s' "$esc\\[([0-9;]*;)?$1(;[0-9;]*)?m($esc\\[[0-9;]*m)*$2"
}
# Where the reader is: the screen without the status line, the message
# line and the margin's match marks (the search shown changes those).
where() {	# less the matches' marks in the margin and the scroll bar
	e2e_screen_nobar | sed -n "2,$((h - 1))p" | sed 's/•/ /g'
}
colour='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'

for size in "80 24" "200 60"; do
	set -- $size
	w=$1 h=$2
	e2e_start "$w" "$h" TERM=screen-256color -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	before=$(e2e_screen)

	e2e_keys /
	e2e_type "south ko"
	# the count comes when typing pauses
	e2e_wait 'match 1 of'
	s=$(e2e_screen)
	e2e_match "${w}x$h: the prompt shows the query" "$s" '^/south ko'
	e2e_match "${w}x$h: typing shows the first match" "$s" \
	    'match 1 of [0-9]+ in 2 articles'
	e2e_match "${w}x$h: ... in the reader" "$s" 'South Korean'
	e2e_type "rea"
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: Enter keeps the match" "$s" \
	    'match 1 of 5 in 2 articles'
	se=$(e2e_screen_e)
	e2e_match "${w}x$h: the current match is distinct" "$se" \
	    "$(bg 208 'South Korea')"
	e2e_match "${w}x$h: the other matches are highlighted" "$se" \
	    "$(bg 227 'South Korea')"
	e2e_match "${w}x$h: the margin marks paragraphs with matches" "$s" \
	    '• *[0-9]+ '

	e2e_keys n
	e2e_match "${w}x$h: n goes to the next match" "$(e2e_screen)" \
	    'match 2 of 5'
	e2e_keys n
	s=$(e2e_screen)
	e2e_match "${w}x$h: n opens the next article that matches" "$s" \
	    'match 3 of 5'
	e2e_match "${w}x$h: ... which is 003" "$s" '003_c3eb74fb17d4de85.txt'
	e2e_keys n n n
	s=$(e2e_screen)
	e2e_match "${w}x$h: n past the last match wraps" "$s" 'match 1 of 5'
	e2e_match "${w}x$h: ... and says so" "$s" 'wrapped'
	e2e_keys N
	e2e_match "${w}x$h: N goes back, wrapping" "$(e2e_screen)" \
	    'match 5 of 5'

	# Esc returns where the search started; not found moves nothing.
	e2e_keys g
	here=$(where)
	e2e_keys /
	e2e_type "russia"
	e2e_keys Escape
	e2e_eq "${w}x$h: Esc goes back" "$(where)" "$here"
	e2e_keys /
	e2e_type "zebra crossing"
	s=$(e2e_screen)
	e2e_match "${w}x$h: not found is said" "$s" 'not found'
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: ... after Enter too" "$s" 'not found: zebra crossing'
	e2e_eq "${w}x$h: ... and nothing moved" "$(where)" "$here"

	# The history: Up recalls the search before.
	e2e_keys /
	e2e_keys Up
	e2e_match "${w}x$h: Up recalls the last search" "$(e2e_screen)" \
	    '^/zebra crossing'
	e2e_keys Up
	e2e_match "${w}x$h: ... and the one before" "$(e2e_screen)" \
	    '^/south korea'
	e2e_keys Enter

	# The ranked results, and Enter opens one.
	e2e_keys S
	s=$(e2e_screen)
	e2e_match "${w}x$h: S lists the results" "$s" 'Results: south korea'
	e2e_match "${w}x$h: ... with ARTICLE:N and titles" "$s" \
	    '2:2  Russia arms deal'
	e2e_match "${w}x$h: ... and snippets" "$s" 'top spy agency'
	e2e_match "${w}x$h: ... the matched words highlighted" \
	    "$(e2e_screen_e)" "$(bg 227 'South')"
	e2e_keys j
	e2e_match "${w}x$h: j selects the next" "$(e2e_screen)" 'result 2 of'
	e2e_keys k Enter
	s=$(e2e_screen)
	e2e_nomatch "${w}x$h: Enter closes the results" "$s" 'Results:'
	e2e_match "${w}x$h: ... and opens the paragraph" "$s" \
	    'paragraph [0-9]+ of 1[0-9]'
	e2e_keys q
	e2e_eq "${w}x$h: q quits" "$(e2e_exit_status)" 0
done

# Keywords: each in its own colour, North Korea's and North Korean too.
e2e_start 100 30 TERM=screen-256color -- -k 'North Korea,Russia' "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
se=$(e2e_screen_e)
e2e_match "-k: North Korean is highlighted" "$se" "$(bg 80 'North Korea')($esc\\[[0-9;]*m)*n"
e2e_match "-k: Russia in a colour of its own" "$se" "$(bg 114 'Russia')"
e2e_keys ']'
se=$(e2e_screen_e)
e2e_match "-k: North Korea's too" "$se" "$(bg 80 'North Korea')($esc\\[[0-9;]*m)*’s"
e2e_keys :
e2e_type "nohighlight russia"
e2e_keys Enter
e2e_nomatch ":nohighlight removes one" "$(e2e_screen_e)" "$(bg 114 'Russia')"
e2e_match "... and keeps the others" "$(e2e_screen_e)" "$(bg 80 'North Korea')"
e2e_keys K
e2e_match "K types :highlight" "$(e2e_screen)" '^:highlight *$'
e2e_type "spy agency"
e2e_keys Enter
e2e_match "... and the keyword shows" "$(e2e_screen_e)" "$(bg 114 'spy agency')"
e2e_keys q

# NO_COLOR: reverse for matches; the current one adds bold and underline.
e2e_start 80 24 TERM=screen-256color NO_COLOR=1 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys /
e2e_type "south korea"
e2e_keys Enter
se=$(e2e_screen_e)
e2e_nomatch "NO_COLOR: no colour" "$se" "$colour"
e2e_match "NO_COLOR: the current match in reverse and underline" "$se" \
    "$(printf '%s' "$esc")\\[([0-9;]*;)?1;4;7mSouth Korea"
e2e_match "NO_COLOR: the others in reverse" "$se" \
    "$(printf '%s' "$esc")\\[7mSouth Korea"
e2e_keys q

# LANG=C: ASCII on the screen, an ASCII query, the same matches.
e2e_start 80 24 LC_ALL=C TERM=screen-256color -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys /
e2e_type "south korea's"
e2e_keys Enter
s=$(e2e_screen)
e2e_match "LANG=C: a straight apostrophe finds the curly one" "$s" \
    'match 1 of 2 in 2 articles'
e2e_match "LANG=C: the match is shown" "$s" "South Korea's"
e2e_nomatch "LANG=C: nothing but ASCII" "$s" '[^ -~]'
e2e_match "LANG=C: highlighted" "$(e2e_screen_e)" "$(bg 208 'South Korea')"
e2e_keys q
e2e_done
