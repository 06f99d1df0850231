#!/bin/sh
# The configuration file: a key it binds does what it says and help shows
# it; its colours, its mono looks and its options apply, under the command
# line; a line that is wrong is shown with its file and line, and folio
# starts with the rest of the file.
. "$top_srcdir/tests/lib.sh"

red='\[([0-9;]*;)?31(;[0-9;]*)?m'
colour='\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9;]*)?m'
underline='\[([0-9;]*;)?4(;[0-9;]*)?m'
title='On February 15, 2024, North Korean state media reported that leader'

cfg=$e2e_tmp/config
cat > "$cfg" <<'CFG'
# a person's own
bind reader x paragraph-next
bind "reader" 'w' "paragraph-previous"   # quoted, and a comment
color title red default bold
mono title underline
set mouse on
CFG

# The title line of the reader (cut short, after the list's), with its
# attributes.
title_line() {
	e2e_screen_e | grep -F "$title…" | tail -n 1
}

e2e_start 80 24 TERM=screen-256color "FOLIO_CONFIG=$cfg" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_nomatch "a good file: no problem counted" "$(e2e_screen | head -1)" 'problem'
e2e_match "color: the title in red" "$(title_line)" "$red"
e2e_keys x
e2e_match "x, bound in the reader, goes to the next paragraph" \
    "$(e2e_screen | head -1)" 'paragraph 2 of 9'
e2e_keys x x w
e2e_match "w goes back one" "$(e2e_screen | head -1)" 'paragraph 3 of 9'
e2e_eq "set mouse on: the mouse is folio's" "$(e2e_fmt '#{mouse_any_flag}')" 1

# Help lists the keys as the file left them, under the reader's heading.
e2e_keys h
e2e_wait 'Help: keys'
found=
n=0
while [ $n -lt 30 ]; do
	s=$(e2e_screen)
	if printf '%s\n' "$s" | grep -Eq '^  \}, x +make the next paragraph'; then
		found=$s
		break
	fi
	e2e_keys Space
	n=$((n + 1))
done
e2e_match "help shows x beside }" "$found" '^  \}, x +make the next paragraph'
e2e_match "... and w beside {" "$found" '^  \{, w +make the previous paragraph'
e2e_match "... under the reader's heading" "$found" '^ In the reader'
e2e_keys q

# Colours: the file's mono look without colours; the command line over
# the file; set color always over NO_COLOR.
e2e_start 80 24 TERM=vt100 "FOLIO_CONFIG=$cfg" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "mono: the title underlined on a vt100" "$(title_line)" "$underline"
e2e_nomatch "... and in no colour" "$(title_line)" "$colour"
printf 'set color never\n' >> "$cfg"
e2e_start 80 24 TERM=screen-256color "FOLIO_CONFIG=$cfg" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_nomatch "set color never: no colour" "$(e2e_screen_e)" "$colour"
e2e_start 80 24 TERM=screen-256color "FOLIO_CONFIG=$cfg" -- --color=always "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "--color=always overrides the file" "$(title_line)" "$red"
printf 'set color always\n' >> "$cfg"
e2e_start 80 24 TERM=screen-256color NO_COLOR=1 "FOLIO_CONFIG=$cfg" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "set color always overrides NO_COLOR" "$(title_line)" "$red"
e2e_start 80 24 TERM=screen-256color "FOLIO_CONFIG=$cfg" -- --no-config "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_nomatch "--no-config: the title in its own colour" "$(title_line)" "$red"
e2e_keys x
e2e_match "--no-config: x is no key" "$(e2e_screen)" 'x: no such key here'

# A mistake, in the default place: said with the file and its line at
# once, counted on the status line, listed by =; the rest applies.
mkdir -p "$e2e_tmp/home/.config/folio"
printf 'bind reader x paragraph-next\n\nbind reader y frobnicate\nset limit lots\nbind reader Y paragraph-next\n' \
    > "$e2e_tmp/home/.config/folio/config"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "the first mistake is shown at once, by file and line" \
    "$(e2e_screen | tail -n 1)" \
    "^folio: ~/\.config/folio/config:3: bind: unknown action 'frobnicate'"
e2e_match "the status line counts the problems" "$(e2e_screen | head -1)" \
    '2 problems: ='
e2e_keys Y
e2e_match "the lines after it still apply" "$(e2e_screen | head -1)" \
    'paragraph 2 of 9'
e2e_keys =
e2e_wait 'configuration was read, with problems'
s=$(e2e_screen)
e2e_match "= lists the first" "$s" \
    "folio: ~/\.config/folio/config:3: bind: unknown action 'frobnicate'"
e2e_match "... and the second" "$s" \
    "folio: ~/\.config/folio/config:4: set limit: 'lots' is not a number"
e2e_keys q q
e2e_eq "folio still quits with q" "$(e2e_exit_status)" 0

# A file named that is not there: said, and folio starts.
e2e_start 80 24 "FOLIO_CONFIG=$e2e_tmp/nowhere" -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "a missing file asked for is said" "$(e2e_screen | tail -n 1)" \
    "/nowhere: cannot read the configuration"
e2e_done
