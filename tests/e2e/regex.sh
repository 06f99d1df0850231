#!/bin/sh
# Regular expressions at the "/" prompt, on the seeds: /bud.et finds and
# highlights "budget", /^North Korea only the paragraphs that begin so,
# a bad pattern (/() says why at the prompt and keeps the last search,
# and Ctrl-R makes the prompt literal ($24.5).  At 80x24 and 200x60, and
# under LANG=C with TERM=vt100 ("(RUSI)" literal).
. "$top_srcdir/tests/lib.sh"

esc=$(printf '\033')
# an SGR sequence that sets a background colour, then the text
bg() {	# colour, text
	printf '%s' "$esc\\[([0-9;]*;)?48;5;$1(;[0-9;]*)?m($esc\\[[0-9;]*m)*$2"
}

for size in "80 24" "200 60"; do
	set -- $size
	w=$1 h=$2
	e2e_start "$w" "$h" TERM=screen-256color -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'

	e2e_keys /
	e2e_type "bud.et"
	e2e_wait 'match 1 of 8 in 1 article'
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: /bud.et counts every budget" "$s" \
	    'match 1 of 8 in 1 article'
	se=$(e2e_screen_e)
	e2e_match "${w}x$h: ... the current one highlighted" "$se" \
	    "$(bg 208 'budget')"
	e2e_match "${w}x$h: ... and the others" "$se" "$(bg 227 'budget')"
	e2e_keys n
	e2e_wait 'match 2 of 8'

	# ^ anchors at a paragraph's start; an uppercase letter: case matters
	e2e_keys /
	e2e_type "^North Korea"
	e2e_wait 'match 1 of 2 in 1 article'
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: /^North Korea opens the article where it is" "$s" \
	    '003_c3eb74fb17d4de85.txt'
	e2e_match "${w}x$h: ... at a paragraph that begins so" \
	    "$(e2e_screen_e)" "$(bg 208 'North Korea')"
	e2e_keys /
	e2e_type "^north korea\$"
	e2e_wait 'not found'
	e2e_keys Escape

	# a bad pattern says why at the prompt, and Enter keeps the last search
	e2e_keys /
	e2e_type "("
	e2e_wait 'missing closing parenthesis at the end'
	s=$(e2e_screen)
	e2e_match "${w}x$h: the error is on the prompt line" "$s" \
	    '^/\( +missing closing parenthesis at the end$'
	e2e_match "${w}x$h: the status says bad pattern" "$s" 'bad pattern'
	e2e_keys Enter
	s=$(e2e_screen)
	e2e_match "${w}x$h: Enter says it again" "$s" \
	    '^\(: missing closing parenthesis at the end'
	e2e_keys n
	e2e_match "${w}x$h: n goes on with the search before" \
	    "$(e2e_screen)" 'match 2 of 2 in 1 article'

	# Ctrl-R: literal, as in less
	e2e_keys /
	e2e_type '$24.5'
	e2e_wait 'not found'
	e2e_keys C-r
	e2e_wait '^literal /\$24\.5'
	e2e_wait 'match 1 of 1 in 1 article'
	e2e_keys Enter
	se=$(e2e_screen_e)
	e2e_match "${w}x$h: Ctrl-R finds \$24.5 as typed" "$se" \
	    "$(bg 208 '\$24\.5')"
	e2e_keys /
	e2e_match "${w}x$h: the next prompt is a regular expression again" \
	    "$(e2e_screen)" '^/$'
	e2e_keys Escape
	e2e_keys q
	e2e_eq "${w}x$h: q quits" "$(e2e_exit_status)" 0
done

# LANG=C and a vt100: the same, in ASCII, the match in reverse.
e2e_start 80 24 LC_ALL=C TERM=vt100 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys /
e2e_type "korea.s"
e2e_wait 'match 1 of [0-9]+ in 2 articles'
e2e_keys Enter
s=$(e2e_screen)
e2e_match "LANG=C: . matches the curly apostrophe" "$s" "Korea's"
e2e_nomatch "LANG=C: nothing but ASCII" "$s" '[^ -~]'
e2e_match "LANG=C: highlighted in reverse" "$(e2e_screen_e)" \
    "$esc\\[([0-9;]*;)?7(;[0-9;]*)?m($esc\\[[0-9;]*m)*Korea's"
e2e_keys / C-r
e2e_match "LANG=C: literal / in ASCII" "$(e2e_screen)" '^literal /$'
e2e_type "(RUSI)"
e2e_wait 'match 1 of 1 in 1 article'
e2e_keys Enter
e2e_match "LANG=C: (RUSI) as typed, parentheses and all" "$(e2e_screen_e)" \
    "$esc\\[([0-9;]*;)?7(;[0-9;]*)?m($esc\\[[0-9;]*m)*\\(RUSI\\)"
e2e_keys q
e2e_done
