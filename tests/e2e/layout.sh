#!/bin/sh
# The layout at 200x60, 80x24 and 40x12 on the seeds: what a person sees,
# compared with the .result files beside this script, plus the structure
# that must hold whatever the text (status line on top, the focused pane
# marked, no line wider than the terminal).
. "$top_srcdir/tests/lib.sh"

for size in 200x60 80x24 40x12; do
	w=${size%x*} h=${size#*x}
	e2e_start "$w" "$h" -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	# The related pane, where shown, once its engine is built.
	[ "$size" = 200x60 ] && e2e_wait '│   2:10'
	# The margin marks paragraph 2 (a strong relation), once it is known.
	[ "$size" != 40x12 ] && e2e_wait '^ *(│ +)?»2 '
	s=$(e2e_screen)
	e2e_golden "layout-$size" "$s"
	e2e_match "$size: the status line is on top" "$(printf '%s\n' "$s" | head -1)" \
	    'paragraph 1 of 9 · [0-9]+%'
	e2e_eq "$size: $h rows" "$(printf '%s\n' "$s" | wc -l)" "$h"
	widest=$(printf '%s\n' "$s" | wc -L)
	e2e_eq "$size: no row wider than $w columns" "$((widest <= w))" 1
	e2e_eq "$size: the reader has the focus (reverse video)" \
	    "$(e2e_screen_e | grep -c '000_699600703bacec4d.txt')" 1
done

# 200x60: three panes side by side.
e2e_start 200 60 -- "$e2e_seeds"
e2e_wait 'Related'
s=$(e2e_screen)
e2e_match "200x60: list | reader | related" "$(printf '%s\n' "$s" | sed -n 2p)" \
    '^ Articles +2 │ 000_699600703bacec4d.txt +1/2 │ Related +1:1'
e2e_wait '│   2:10'
e2e_match "200x60: the related pane lists 2:10 for 1:1" "$(e2e_screen)" \
    '│ +1 [█░]+ 0\.[12][0-9] Russia arms deal'

# 80x24: the list over the reader; Tab shows the related pane in its place.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_match "80x24: the list on top" "$(e2e_screen | sed -n 2p)" '^ Articles +2$'
e2e_match "80x24: the reader below" "$(e2e_screen | sed -n 5p)" '^ 000_699600703bacec4d.txt +1/2$'
e2e_keys Tab
e2e_match "80x24: Tab shows the related pane" "$(e2e_screen | sed -n 2p)" '^ Related +1:1$'
e2e_keys Tab
e2e_match "80x24: Tab again the list" "$(e2e_screen | sed -n 2p)" '^ Articles +2$'
e2e_match "80x24: the list has the focus" "$(e2e_screen | head -1)" 'article 1 of 2'
e2e_keys j Enter
e2e_match "80x24: Enter opens the selected article" "$(e2e_screen | sed -n 5p)" '003_c3eb74fb17d4de85.txt +2/2'
e2e_keys z
e2e_match "80x24: z zooms the reader" "$(e2e_screen | sed -n 2p)" '003_c3eb74fb17d4de85.txt +2/2'
e2e_keys z

# 40x12: one pane at a time.
e2e_start 40 12 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_nomatch "40x12: only the reader" "$(e2e_screen)" 'Articles'
e2e_keys i
e2e_match "40x12: i shows the list alone" "$(e2e_screen | sed -n 2p)" '^ Articles +2$'
e2e_nomatch "40x12: ... and not the reader" "$(e2e_screen)" '000_699600703bacec4d'

e2e_done
