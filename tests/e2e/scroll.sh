#!/bin/sh
# Scrolling the reader as less users expect: j/k one line, Space/b a
# screen, d/u half, g/G the ends, { and } by paragraph, ] and [ by
# article, : and a number to a paragraph, m and ' for marks.
. "$top_srcdir/tests/lib.sh"

seed1="$e2e_seeds/000_699600703bacec4d.txt"
row() {	# the text of screen row N (1-based), less the scroll bar
	e2e_screen_nobar | sed -n "$1p"
}

# One article: the status row, the list (a header and a row), the reader's
# header, its cross-reference line, then its text from row 6.
e2e_start 80 24 -- "$seed1"
e2e_wait 'paragraph 1 of 9'
first=$(row 6)
second=$(row 7)
third=$(row 8)
e2e_match "the reader starts at the title" "$first" 'On February 15, 2024'
e2e_keys j
e2e_eq "j scrolls one line" "$(row 6)" "$second"
e2e_keys k
e2e_eq "k scrolls back" "$(row 6)" "$first"
e2e_keys j j
e2e_eq "two j: the third line at the top" "$(row 6)" "$third"
e2e_keys g
e2e_eq "g: the top" "$(row 6)" "$first"

last=$(row 24)
e2e_keys Space
e2e_nomatch "Space: the old last line is gone from the bottom" "$(row 24)" "^$last\$"
e2e_keys b
e2e_eq "b: back to the top" "$(row 24)" "$last"
e2e_keys g d
e2e_match "d: half a screen down" "$(e2e_screen | head -1)" 'paragraph 2 of 9'
e2e_keys u
e2e_eq "u: half a screen up" "$(row 24)" "$last"

e2e_keys G
e2e_match "G: the end" "$(e2e_screen | head -1)" 'paragraph 9 of 9 · 100%'
e2e_match "G: the last words at the bottom" "$(row 24)" 'deploy more of its own soldiers to combat\.$'
e2e_keys g
e2e_match "g: paragraph 1" "$(e2e_screen | head -1)" 'paragraph 1 of 9 · '

e2e_keys '}' '}' '}'
e2e_match "}: the next paragraph is current" "$(e2e_screen | head -1)" 'paragraph 4 of 9'
e2e_match "}: its number is marked" "$(e2e_screen)" '^ 4 ▌ Defense and security'
e2e_keys '{'
e2e_match "{: the previous one" "$(e2e_screen | head -1)" 'paragraph 3 of 9'

e2e_keys :
e2e_match ": opens the prompt on the bottom row" "$(row 24)" '^:$'
e2e_type 8
e2e_keys Enter
e2e_match ":8 goes to paragraph 8" "$(e2e_screen | head -1)" 'paragraph 8 of 9'
e2e_match ":8 shows it, marked" "$(e2e_screen)" '^ 8 ▌ According to a report'

e2e_keys m a g
e2e_match "m a, g: at the top" "$(e2e_screen | head -1)" 'paragraph 1 of 9'
e2e_keys "'" a
# (a mark is a bookmark too: the margin's first column marks it)
e2e_match "' a: back at the mark" "$(e2e_screen)" '^.8 ▌ According to a report'
e2e_keys "'" "'"
e2e_match "'': back where the jump started" "$(e2e_screen | head -1)" 'paragraph 1 of 9'

# Two articles: ] and [ move between them, keeping each one's place.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys '}' '}'
e2e_keys ']'
e2e_match "]: the next article" "$(e2e_screen | sed -n 5p)" '003_c3eb74fb17d4de85.txt +2/2'
e2e_match "]: at its start" "$(e2e_screen | head -1)" 'paragraph 1 of 12'
e2e_keys '['
e2e_match "[: back, where it was left" "$(e2e_screen | head -1)" 'paragraph 3 of 9'
e2e_keys Down Down Up PageDown PageUp End Home
e2e_match "arrows and PgUp/PgDn/Home/End work" "$(e2e_screen | head -1)" 'paragraph 1 of 9'

e2e_keys q
e2e_eq "q quits with status 0" "$(e2e_exit_status)" 0
e2e_done
