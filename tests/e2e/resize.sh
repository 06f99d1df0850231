#!/bin/sh
# Resizing reflows everything at once and keeps the place: 80x24 -> 30x8
# -> 80x24 gives back the screen of a fresh start at the same position;
# so does a storm of resizes through sizes too small to draw in.
. "$top_srcdir/tests/lib.sh"

keys="j j j j j } } Space k"
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
# The related paragraphs, built behind the first screen, show in the
# margin and on the reader's first row: compare screens once they are in.
e2e_settled
e2e_keys $keys
a=$(e2e_screen)
para=$(printf '%s\n' "$a" | head -1 | grep -o 'paragraph [0-9]* of 9')
e2e_match "the keys moved the reader" "$para" 'paragraph [3-9] of 9'

e2e_resize 30 8
s=$(e2e_screen)
e2e_eq "30x8: 8 rows" "$(printf '%s\n' "$s" | wc -l)" 8
e2e_eq "30x8: no row wider than 30" "$(($(printf '%s\n' "$s" | wc -L) <= 30))" 1
n=${para#paragraph }
n=${n% of 9}
e2e_match "30x8: still $para" "$(printf '%s\n' "$s" | head -1)" "$para"
# The reader's rows start at row 3; the first holds text of paragraph n.
text=$("$FOLIO" --no-state --paragraphs=1 "$e2e_seeds" | grep "^1:$n	" | cut -f3)
# (less the margin's mark, and the scroll bar in the last column)
first=$(e2e_screen_nobar | sed -n 3p | sed 's/^[»◆•+]\{0,1\} *[0-9]* *▌* *//')
case "$text" in
*"$first"*) ok "30x8: the current paragraph is on screen" ;;
*) not_ok "30x8: the current paragraph is on screen" "'$first' is not in paragraph $n:
$text" ;;
esac

e2e_resize 80 24
e2e_eq "back at 80x24: the same screen" "$(e2e_screen)" "$a"

# A fresh start given the same keys draws the same.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_settled
e2e_keys $keys
e2e_eq "a fresh start at the same position: the same screen" "$(e2e_screen)" "$a"

# Too small to draw in: a short message at any size, and recovery.
for size in 1x1 2x1 5x2 10x3 15x3; do
	e2e_resize "${size%x*}" "${size#*x}"
	e2e_eq "$size: draws no more than it has room for" \
	    "$(($(e2e_screen | wc -L) <= ${size%x*}))" 1
done
e2e_resize 12 3
e2e_match "12x3: says it is too small" "$(e2e_screen)" 'too small'
e2e_resize 80 24
e2e_eq "recovers when it grows" "$(e2e_screen)" "$a"

# A storm: many sizes, as fast as tmux sends them, then the last one.
for size in 40x12 1x1 200x60 3x3 120x40 30x8 16x4 80x24 7x2 100x50 80x24 \
    60x20 2x2 200x60 35x9; do
	T resize-window -t e2e -x "${size%x*}" -y "${size#*x}"
done
T resize-window -t e2e -x 80 -y 24
e2e_wait_size 80 24
e2e_quiet
e2e_eq "after a storm of resizes: the same screen" "$(e2e_screen)" "$a"
e2e_keys q
e2e_eq "still answers keys: q quits" "$(e2e_exit_status)" 0
e2e_done
