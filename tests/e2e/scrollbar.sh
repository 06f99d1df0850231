#!/bin/sh
# The reader's scroll bar, as a person sees it: the reader's last column,
# a thumb at the top that goes to the bottom with G, the marks of a match,
# a bookmark and the cross-references at their rows; ASCII under LANG=C
# on a vt100; nothing when the article fits or with --no-scrollbar.
. "$top_srcdir/tests/lib.sh"

# Sixty paragraphs of made-up words, none related to another.
long="$e2e_tmp/long.txt"
awk 'BEGIN {
	srand(7)
	print "A long article to scroll through\n"
	for (p = 1; p <= 60; p++) {
		line = "Paragraph " p
		for (w = 0; w < 24; w++) {
			word = ""
			for (c = 0; c < 3 + int(rand() * 6); c++)
				word = word substr("bcdfghklmnprstvz", 1 + int(rand() * 16), 1) \
				    substr("aeiou", 1 + int(rand() * 5), 1)
			line = line " " word
		}
		print line ".\n"
	}
}' > "$long"

# cells COL FIRST LAST: the character in column COL (1-based) of rows
# FIRST..LAST, one a line ("." for a blank, so that none is lost).
cells() {
	e2e_screen | sed -n "$2,$3p" |
	    LC_ALL=C.UTF-8 sed -E "s/^.{$(($1 - 1))}(.).*/\\1/; t; s/.*/ /" |
	    sed 's/^ $/./'
}

# The rows of the reader's body: from the one after its header (the row
# that names the file) to the screen's last but the message row's.
# (The cross-reference line, where shown, is the reader's first row.)
body_from() {	# NAME
	_r=$(($(e2e_screen | grep -n "$1" | tail -n 1 | cut -d: -f1) + 1))
	e2e_screen | sed -n "${_r}p" | grep -q '^ Related: ' && _r=$((_r + 1))
	echo "$_r"
}

only() {	# NAME TEXT CHARACTERS: every line of TEXT is one of them
	if printf '%s\n' "$2" | grep -qv "^[$3]\$"; then
		not_ok "$1" "$2"
	else
		ok "$1"
	fi
}

# --- 80x24 -----------------------------------------------------------------
e2e_start 80 24 -- "$long"
e2e_wait 'paragraph 1 of 60'
first=$(body_from long.txt)
bar=$(cells 80 "$first" 24)
e2e_eq "80x24: a bar row for every reader row" "$(printf '%s\n' "$bar" | wc -l)" \
    $((24 - first + 1))
only "80x24: the last column is the bar" "$bar" '░█»◆•'
e2e_eq "80x24: the thumb at the top" "$(printf '%s\n' "$bar" | head -n 1)" █
n=$(printf '%s\n' "$bar" | grep -c █)
e2e_eq "80x24: ... a row or two for 19 of some 240 lines" \
    "$((n >= 1 && n <= 2))" 1
e2e_eq "80x24: the track below it" "$(printf '%s\n' "$bar" | tail -n 1)" ░
only "80x24: the column before it is the text's margin" \
    "$(cells 79 "$first" 24)" '.'
e2e_keys G
bar=$(cells 80 "$first" 24)
e2e_eq "80x24: G takes the thumb to the bottom" \
    "$(printf '%s\n' "$bar" | tail -n 1)" █
e2e_eq "80x24: ... off the top" "$(printf '%s\n' "$bar" | head -n 1)" ░

# A match in paragraph 30: one mark, halfway down.
e2e_keys g /
e2e_type 'paragraph 30'
e2e_keys Enter
e2e_wait 'match 1 of 1 in 1 article'
bar=$(cells 80 "$first" 24)
e2e_eq "80x24: the match's mark, once" "$(printf '%s\n' "$bar" | grep -c •)" 1
at=$(printf '%s\n' "$bar" | grep -n • | cut -d: -f1)
rows=$((24 - first + 1))
e2e_eq "80x24: ... halfway down the bar" \
    "$((at > rows / 3 && at <= rows * 2 / 3))" 1
# (C-l: the message B leaves takes the last row, and the bar with it.)
e2e_keys B C-l
bar=$(cells 80 "$first" 24)
e2e_eq "80x24: a bookmark there shows over the match" \
    "$(printf '%s\n' "$bar" | sed -n "${at}p")" ◆
e2e_eq "80x24: ... the match's mark gone under it" \
    "$(printf '%s\n' "$bar" | grep -c •)" 0

# The seeds: the cross-references' marks, those of paragraphs out of
# sight too (the first screen shows paragraphs 1 to 3).
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
first=$(body_from 000_699600703bacec4d.txt)
bar=$(cells 80 "$first" 24)
e2e_eq "80x24: cross-references in the bar" \
    "$(($(printf '%s\n' "$bar" | grep -c ») >= 2))" 1
e2e_eq "80x24: ... some below the rows of the paragraphs in sight" \
    "$(($(printf '%s\n' "$bar" | sed -n '8,$p' | grep -c ») >= 1))" 1

# --- LANG=C on a vt100: ASCII ----------------------------------------------
e2e_start 80 24 LANG=C LC_ALL=C TERM=vt100 -- "$long"
e2e_wait 'paragraph 1 of 60'
e2e_keys Space
bar=$(cells 80 "$first" 24)
only "LANG=C: the bar in ASCII" "$bar" ':|+#*'
e2e_eq "LANG=C: a thumb of |" "$(($(printf '%s\n' "$bar" | grep -c '|') >= 1))" 1
e2e_eq "LANG=C: on a track of :" "$(($(printf '%s\n' "$bar" | grep -c :) >= 10))" 1

# --- --no-scrollbar ----------------------------------------------------------
e2e_start 80 24 -- --no-scrollbar "$long"
e2e_wait 'paragraph 1 of 60'
only "--no-scrollbar: no bar" "$(cells 80 "$first" 24)" '.'
e2e_keys G
only "--no-scrollbar: ... at the end either" "$(cells 80 "$first" 24)" '.'

# --- 200x60: list | reader | related -------------------------------------------
# The bar is the reader's last column, left of the related pane's border.
e2e_start 200 60 -- "$long" "$e2e_seeds"
e2e_wait 'paragraph 1 of 60'
sep=$(e2e_screen | sed -n 2p | LC_ALL=C.UTF-8 sed -E 's/^([^│]*│[^│]*)│.*/\1/' |
    LC_ALL=C.UTF-8 wc -m)
barcol=$((sep - 1))	# wc counts the newline: sep is the border's column
first=$(body_from long.txt)
e2e_eq "200x60: the reader's header on row 2" "$first" 3
bar=$(cells "$barcol" 3 60)
only "200x60: the column left of the border is the bar" "$bar" '░█»◆•'
e2e_eq "200x60: the thumb at the top" "$(printf '%s\n' "$bar" | head -n 1)" █
e2e_eq "200x60: the track below it" "$(printf '%s\n' "$bar" | tail -n 1)" ░
e2e_keys /
e2e_type 'paragraph 45'
e2e_keys Enter
e2e_wait 'match 1 of 1 in 1 article'
bar=$(cells "$barcol" 3 60)
e2e_eq "200x60: the match's mark" "$(printf '%s\n' "$bar" | grep -c •)" 1
# The seeds fit at 200x60: no bar, the text has the column.
e2e_keys ]
e2e_wait 'paragraph 1 of 9'
only "200x60: an article that fits has no bar" "$(cells "$barcol" 3 60)" '.'

e2e_done
