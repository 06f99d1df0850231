#!/bin/sh
# Colours where the terminal has them; bold, underline and reverse where
# it does not (TERM=vt100); no colours with NO_COLOR or --color=never (the
# focused pane and the current paragraph still show, by attributes).  The
# mouse is captured only with --mouse.
. "$top_srcdir/tests/lib.sh"

colour='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
reverse='\[([0-9;]*;)?7(;[0-9;]*)?m'

look() {	# ENV... -- ARGS...: the screen with its attributes
	e2e_start 100 30 "$@" -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	e2e_screen_e
}

s=$(look TERM=screen-256color)
e2e_match "256 colours: coloured" "$s" "$colour"
s=$(look TERM=screen)
e2e_match "8 colours: coloured" "$s" "$colour"

for how in "TERM=vt100" "TERM=screen-256color NO_COLOR=1" \
    "TERM=screen-256color -- --color=never"; do
	# shellcheck disable=SC2086
	s=$(look $how)
	e2e_nomatch "$how: no colour at all" "$s" "$colour"
	e2e_match "$how: the focused pane's header in reverse video" \
	    "$(printf '%s\n' "$s" | grep '000_699600703bacec4d.txt')" "$reverse"
	e2e_match "$how: the current paragraph's number in bold" "$s" \
	    '\[([0-9;]*;)?1(;[0-9;]*)?m[ »]?1 ▌'
done

s=$(look TERM=screen-256color NO_COLOR=1 -- --color=always)
e2e_match "--color=always overrides NO_COLOR" "$s" "$colour"
s=$(look TERM=screen-256color NO_COLOR=)
e2e_match "an empty NO_COLOR is no preference" "$s" "$colour"

e2e_start 100 30 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_eq "no --mouse: the mouse is left to the terminal" "$(e2e_fmt '#{mouse_any_flag}')" 0
e2e_start 100 30 -- --mouse "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_eq "--mouse: the mouse is folio's" "$(e2e_fmt '#{mouse_any_flag}')" 1
e2e_keys q
e2e_eq "--mouse: q quits" "$(e2e_exit_status)" 0
e2e_eq "--mouse: and gives the mouse back" "$(e2e_fmt '#{mouse_any_flag}')" 0
e2e_done
