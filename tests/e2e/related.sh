#!/bin/sh
# Cross-references on the seeds, as a person sees them: the related pane
# follows the current paragraph (1:8, the 1,500 special forces sent to
# Vladivostok, lists 2:2, South Korea's spy agency, with "National
# Intelligence Service" and "South Korea" shared); its number and Enter
# (as in lynx), or Enter in the pane, follows it, the target is marked with the terms highlighted; Backspace,
# Ctrl-O and H go back to exactly where the reader was; L goes forward.
. "$top_srcdir/tests/lib.sh"

status() {
	e2e_screen | head -1
}
reader_rows() {	# less the message row, margin, visited and read marks
	e2e_screen_nobar | sed '$d' | sed 's/[»•]/ /g; s/ · followed$//'
}

# --- 200x60: list | reader | related -----------------------------------
e2e_start 200 60 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_wait '│   2:10'
e2e_match "200x60: the pane lists 2:10 for 1:1" "$(e2e_screen)" \
    '│ +1 [█░]+ 0\.[12][0-9] Russia arms deal revives'

e2e_keys : 8 Enter
e2e_match "200x60: the pane follows the paragraph" "$(e2e_screen | sed -n 2p)" \
    'Related +1:8$'
s=$(e2e_screen)
e2e_match "200x60: entry 1 has a bar, a score and the title" "$s" \
    '│ +1 ██░+ 0\.21 Russia arms deal revives North'
e2e_match "200x60: ... ARTICLE:N and the kind" "$s" '│   2:2 · same topic$'
e2e_match "200x60: ... the shared terms" "$s" \
    '│   National Intelligence Service, South Korea$'
e2e_match "200x60: ... a snippet" "$s" \
    '│   South Korea’s top spy agency believes North'
e2e_match "200x60: a second entry, of the same article" "$s" \
    '│   1:7 · same topic · same article$'
e2e_keys j
e2e_match "200x60: scrolled a line, 8 still current" "$(status)" 'paragraph 8 of 9'
before=$(reader_rows)

e2e_keys 1
e2e_match "200x60: a digit alone is a count, shown as less shows it" \
    "$(e2e_screen | tail -1)" '^:1$'
e2e_match "200x60: ... and follows nothing yet" "$(status)" 'paragraph 8 of 9'
e2e_keys Enter
s=$(e2e_screen)
e2e_match "200x60: 1 Enter opens 2:2" "$(status)" 'paragraph 2 of 12'
e2e_match "200x60: ... in the reader" "$(e2e_screen | sed -n 2p)" '│ 003_c3eb74fb17d4de85.txt +2/2 │'
e2e_match "200x60: ... marked and current" "$s" '» ?2 ▌ South Korea’s top spy agency believes'
e2e_match "200x60: ... and says how to come back" "$s" '2:2, score 0\.21 \(Backspace: back\)'
e2e_match "200x60: the shared terms are highlighted in the target" \
    "$(e2e_screen_e)" "$(printf '\033')\\[[0-9;]*mNational Intelligence Service"
e2e_match "200x60: the pane now follows 2:2" "$s" '│   1:7 · same topic$'
e2e_match "200x60: ... its second entry" "$s" '│   1:8 · same topic$'

e2e_keys BSpace
s=$(e2e_screen)
e2e_match "200x60: Backspace goes back" "$(status)" 'paragraph 8 of 9'
e2e_match "200x60: ... says so" "$s" 'back to 1:8 \(1 of 2\)'
e2e_match "200x60: the source is marked" "$s" '» ?8 ▌ According to a report'
e2e_match "200x60: the followed entry looks followed" "$s" '│   2:2 · same topic · followed$'
e2e_keys C-l
e2e_eq "200x60: back restores the screen exactly" "$(reader_rows)" "$before"

e2e_keys L
e2e_match "200x60: L goes forward" "$(status)" 'paragraph 2 of 12'
e2e_match "200x60: ... says so" "$(e2e_screen)" 'forward to 2:2 \(2 of 2\)'
e2e_keys L
e2e_match "200x60: nothing further" "$(e2e_screen)" 'nothing to go forward to'
e2e_keys C-o
e2e_match "200x60: Ctrl-O goes back too" "$(status)" 'paragraph 8 of 9'
e2e_keys H
e2e_match "200x60: H at the oldest place says so" "$(e2e_screen)" 'oldest place in the history'

# Enter in the pane, on the selected entry, and the pane's own status.
e2e_keys : 2 : 2 Enter Tab
e2e_match "200x60: the pane has the focus" "$(status)" 'related 1 of 2 to 2:2'
e2e_keys j
e2e_match "200x60: j selects entry 2" "$(status)" 'related 2 of 2 to 2:2'
e2e_keys Enter
e2e_match "200x60: Enter follows it: 1:8" "$(e2e_screen | sed -n 2p)" '│ 000_699600703bacec4d.txt +1/2 │ Related +1:8$'

# --- 80x24: the reader names the best one; Tab shows the pane -----------
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 8 Enter
e2e_wait '^ Related: \[1\] 2:2 '
e2e_match "80x24: without a key, the reader names 1:8's related 2:2" \
    "$(e2e_screen | sed -n 6p)" \
    '^ Related: \[1\] 2:2 topic 0\.21 Russia arms.* · National Intelligence Service.* \+1$'
e2e_match "80x24: ... and the text starts below it" "$(e2e_screen | sed -n 7p)" '^ +[a-z]'
e2e_keys Tab
e2e_wait '^   2:2 · same topic$'
e2e_match "80x24: Tab shows the pane over the reader" "$(e2e_screen | sed -n 2p)" \
    '^ Related +1:8$'
e2e_match "80x24: entry 1" "$(e2e_screen)" '^ 1 ██░+ 0\.21 Russia arms deal'
before=$(reader_rows)
e2e_keys Enter
e2e_match "80x24: Enter opens 2:2 below the pane" "$(e2e_screen)" \
    ' 003_c3eb74fb17d4de85.txt +2/2$'
e2e_match "80x24: ... at the paragraph, marked" "$(e2e_screen)" '» ?2 ▌ South Korea’s top spy agency'
e2e_match "80x24: the pane shows 2:2's entries" "$(e2e_screen)" '^   1:7 · same topic$'
e2e_keys C-o
e2e_match "80x24: Ctrl-O goes back" "$(e2e_screen)" '» ?8 ▌ According to a report'
e2e_keys C-l
e2e_eq "80x24: ... exactly" "$(reader_rows)" "$before"
e2e_keys L
e2e_match "80x24: L goes forward" "$(e2e_screen)" '» ?2 ▌ South Korea’s top spy agency'

# --- the same under LANG=C and TERM=vt100 -----------------------------------
e2e_start 80 24 LANG=C LC_ALL=C TERM=vt100 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 8 Enter
e2e_wait '^ Related: \[1\] 2:2 '
e2e_match "LANG=C: the line in ASCII" "$(e2e_screen | sed -n 6p)" \
    '^ Related: \[1\] 2:2 topic 0\.21 Russia arms\.\.\. \| National Intelligence Service.*\+1$'

# --- 40x12: one pane at a time --------------------------------------------
e2e_start 40 12 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : 8 Enter Tab
e2e_wait '^   2:2 · same topic$'
e2e_match "40x12: Tab shows the related pane alone" "$(e2e_screen | sed -n 2p)" \
    '^ Related +1:8$'
e2e_keys 1 Enter
e2e_match "40x12: 1 Enter opens 2:2 in the reader" "$(status)" 'paragraph 2 of 12'
e2e_match "40x12: ... in the related pane's place" "$(e2e_screen | sed -n 2p)" \
    '^ 003_c3eb74fb17d4de85.txt +2/2$'
e2e_keys BSpace
e2e_match "40x12: Backspace comes back" "$(status)" 'paragraph 8 of 9'

e2e_done
