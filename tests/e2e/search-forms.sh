#!/bin/sh
# Search as a person types it: a word typed without accents finds it with
# any accents (smart accents), with an accent only that accent; / matches
# what was typed, while the ranked results (S) also find the word's other
# forms, the exact form first.  At 80x24 and 200x60, and under LANG=C with
# TERM=vt100 (no alternate screen, no colour).
. "$top_srcdir/tests/lib.sh"

dir=$e2e_tmp/forms
mkdir -p "$dir"
printf '%s\n\n%s\n\n%s\n\n%s\n\n%s\n' 'Cafes and companies' \
    "A caf$(printf '\303\251') in M$(printf '\303\274')nchen serves coffee to the companies nearby." \
    'A cafe in Munchen serves tea.' \
    'The company announced profits for the year.' \
    'Several companies announced losses.' >"$dir/a.txt"

status() {
	e2e_screen | head -1
}

run() {	# W H NAME ENV...
	w=$1 h=$2 name=$3
	shift 3
	e2e_start "$w" "$h" "$@" -- "$dir"
	e2e_wait 'paragraph 1 of'
	e2e_keys /
	e2e_type munchen
	e2e_keys Enter
	e2e_wait 'match 1 of 2'
	e2e_match "$name: /munchen finds München and Munchen" "$(status)" \
	    'match 1 of 2'
	e2e_keys /
	e2e_type companies
	e2e_keys Enter
	e2e_wait 'match 1 of 2'
	e2e_match "$name: / matches the form typed: companies, not company" \
	    "$(status)" 'match 1 of 2'
	e2e_keys S
	e2e_wait 'Results: companies'
	s=$(e2e_screen)
	e2e_match "$name: S finds the other form too" "$s" '3 paragraphs'
	rows=$(printf '%s\n' "$s" | grep -E '^ 1:[0-9]  ' | cut -c2-4 | tr '\n' ' ')
	e2e_eq "$name: ... the exact form first, company last" "$rows" '1:4 1:1 1:3 '
	e2e_keys q q
	e2e_eq "$name: q quits" "$(e2e_exit_status)" 0
}

run 80 24 80x24
run 200 60 200x60
run 80 24 'LANG=C TERM=vt100' LANG=C LC_ALL=C TERM=vt100

# Typed with an accent, only that accent (in a UTF-8 terminal).
e2e_start 80 24 -- "$dir"
e2e_wait 'paragraph 1 of'
e2e_keys /
e2e_type "m$(printf '\303\274')nchen"
e2e_keys Enter
e2e_wait 'match 1 of 1'
e2e_match "/münchen finds München only" "$(status)" 'match 1 of 1'
e2e_keys q
e2e_done
