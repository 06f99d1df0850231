#!/bin/sh
# Under a non-UTF-8 locale (LANG=C, common over SSH) folio works in ASCII:
# ASCII borders and markers, transliterated text, a one-time hint, and
# not one byte >= 0x80 written to the terminal (recorded raw with
# tmux pipe-pane, from the first byte to the last).
. "$top_srcdir/tests/lib.sh"

raw="$e2e_tmp/raw"
: > "$raw"
# From a shell (so the pane outlives folio), recording from before the
# command is typed until after it has ended.
e2e_shell 200 60
T pipe-pane -t e2e -o "cat >> '$raw'"
e2e_type "LANG=C LC_ALL=C $FOLIO --no-state '$e2e_seeds'"
e2e_keys Enter
e2e_wait 'paragraph 1 of 9'
s=$(e2e_screen)
e2e_match "the hint says why it is ASCII" "$(printf '%s\n' "$s" | tail -n 1)" '^ASCII only: the locale is not UTF-8 \(LANG=C.UTF-8 shows more\)$'
e2e_match "ASCII borders" "$(printf '%s\n' "$s" | sed -n 2p)" '^ Articles +2 \| 000_699600703bacec4d.txt +1/2 \| Related'
e2e_match "ASCII status separators" "$(printf '%s\n' "$s" | head -1)" 'paragraph 1 of 9 \| [0-9]+% \| h help'
e2e_match "curly quotes transliterated" "$s" 'new "Eagle-6" naval anti-ship'
e2e_match "the current paragraph marked in ASCII" "$s" '[ +]1 > On February 15'
e2e_keys j
e2e_nomatch "the hint goes at the first key" "$(e2e_screen)" 'not UTF-8'
e2e_keys Space Space G g ] j '}' h Space q = q Tab Tab Tab : 3 Enter
e2e_resize 80 24
e2e_resize 30 8
e2e_resize 200 60
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
e2e_wait '^exit=0$'
T pipe-pane -t e2e
bytes=$(wc -c < "$raw")
e2e_eq "output was recorded" "$((bytes > 5000))" 1
high=$(LC_ALL=C tr -d '\000-\177' < "$raw" | wc -c)
e2e_eq "not one byte >= 0x80 in $bytes bytes of output" "$high" 0

# The same in a UTF-8 locale does write UTF-8 (so the check above can fail).
: > "$raw"
T pipe-pane -t e2e -o "cat >> '$raw'"
e2e_type "$FOLIO --no-state '$e2e_seeds'"
e2e_keys Enter
e2e_wait 'paragraph 1 of 9'
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
T pipe-pane -t e2e
high=$(LC_ALL=C tr -d '\000-\177' < "$raw" | wc -c)
e2e_eq "in C.UTF-8 it writes UTF-8" "$((high > 0))" 1
e2e_done
