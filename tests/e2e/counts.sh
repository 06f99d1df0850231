#!/bin/sh
# Counts as less users type them: 10j, 5g (paragraph 5), 50%, 3 Space,
# the count shown as ":10" while typed, Esc forgetting it, a count too
# large held at the largest; a number and Enter following that related
# paragraph (lynx); :n and :p at the prompt; Ctrl-G saying where the
# reader is, at 80x24 and at 200x60.
. "$top_srcdir/tests/lib.sh"

seed1="$e2e_seeds/000_699600703bacec4d.txt"
row() {	# the text of screen row N (1-based), without the scroll bar
	e2e_screen_nobar | sed -n "$1p"
}
status() {
	e2e_screen | head -1
}

# One article: the status row, the list (a header and a row), the reader's
# header, its cross-reference line, then its text from row 6.
e2e_start 80 24 -- "$seed1"
e2e_wait 'paragraph 1 of 9'
eleventh=$(row 16)
e2e_keys 1 0
e2e_eq "10: the count on the prompt line, as less shows it" "$(row 24)" ":10"
e2e_match "... and nothing moved yet" "$(status)" 'paragraph 1 of 9 · [0-9]+%'
e2e_keys j
e2e_eq "10j: the eleventh line at the top" "$(row 6)" "$eleventh"
e2e_nomatch "... and the count is gone" "$(row 24)" '^:'
e2e_keys 3 k
e2e_eq "3k: three lines back" "$(row 9)" "$eleventh"
e2e_keys j
e2e_eq "j after it: one line" "$(row 8)" "$eleventh"

e2e_keys 5 g
e2e_match "5g: paragraph 5" "$(status)" 'paragraph 5 of 9'
e2e_match "... at the top" "$(row 6)" '^ *5 ▌ Meanwhile, Russian troops'
e2e_keys g
e2e_match "g: the top again" "$(status)" 'paragraph 1 of 9'
e2e_keys 5 0 %
e2e_match "50%: half way" "$(status)" 'paragraph [45] of 9'
e2e_keys 2 p
e2e_match "2p: near the top" "$(status)" 'paragraph 1 of 9'
e2e_keys 1 0 0 p
e2e_match "100p: the end" "$(status)" 'paragraph 9 of 9 · 100%'
e2e_keys g
fourth=$(row 9)
e2e_keys 3 Space
e2e_eq "3 Space: three lines, as in less" "$(row 6)" "$fourth"

# Esc forgets a count (a key of its own: Esc and j at once are Alt-j).
e2e_keys g
top=$(row 6)
second=$(row 7)
e2e_keys 7
e2e_eq "7 shows" "$(row 24)" ":7"
e2e_keys Escape
e2e_nomatch "Esc: the count is gone" "$(row 24)" '^:7'
e2e_keys j
e2e_eq "... and j moves one line" "$(row 6)" "$second"

# Twelve nines: the largest count, and G with it goes to the end.
e2e_keys g 9 9 9 9 9 9 9 9 9 9 9 9
e2e_eq "a count too large is held at the largest" "$(row 24)" ":999999999"
e2e_keys G
e2e_match "... and G with it: the last paragraph" "$(status)" 'paragraph 9 of 9'

# Ctrl-G: where the reader is, fitted to 80 columns (the file's name).
e2e_keys g C-g
e2e_match "Ctrl-G: the file, paragraph, lines, byte and %" "$(row 24)" \
    '^000_699600703bacec4d\.txt: paragraph 1/9, lines 1-[0-9]+/[0-9]+, byte [0-9]+/2976, [0-9]+%$'

# --- two articles: :n, :p, a number and Enter ----------------------------
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys : n Enter
e2e_match ":n: the next article" "$(e2e_screen)" ' 003_c3eb74fb17d4de85\.txt +2/2$'
e2e_keys : p Enter
e2e_match ":p: the previous one" "$(e2e_screen)" ' 000_699600703bacec4d\.txt +1/2$'
e2e_keys : p Enter
e2e_match ":p at the first says so" "$(row 24)" 'this is the first article'
e2e_keys 2 ]
e2e_match "2]: as far as there are" "$(e2e_screen)" ' 003_c3eb74fb17d4de85\.txt +2/2$'

# 1:8 lists 2:2 first: 1 Enter follows it, Backspace comes back.
e2e_keys : 1 : 8 Enter
e2e_match ":8: paragraph 8" "$(status)" 'paragraph 8 of 9'
e2e_keys 1 Enter
e2e_match "1 Enter: related paragraph 1, 2:2" "$(status)" 'paragraph 2 of 12'
e2e_match "... in the other article" "$(e2e_screen)" ' 003_c3eb74fb17d4de85\.txt +2/2$'
e2e_keys BSpace
e2e_match "Backspace: back to 1:8" "$(status)" 'paragraph 8 of 9'
e2e_keys Enter
e2e_match "Enter alone still scrolls a line" "$(status)" 'paragraph 8 of 9'

# --- 200x60: Ctrl-G with the whole path -----------------------------------
e2e_start 200 60 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys ] 2 g C-g
e2e_match "200x60: Ctrl-G with the path and every word" "$(e2e_screen | tail -1)" \
    "^$e2e_seeds/003_c3eb74fb17d4de85\\.txt: article 2 of 2, paragraph 2 of 12, lines [0-9]+-[0-9]+ of [0-9]+, byte [0-9]+ of [0-9]+, [0-9]+%\$"

e2e_done
