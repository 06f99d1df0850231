#!/bin/sh
# What j and k send: a line's worth, not a screen.  folio scrolls the
# reader's rows itself, in a scroll region it leaves set (curses would
# delete a line at their top and move back down for every line); the
# bytes of a few j and k, recorded with tmux's pipe-pane, stay far below
# a redraw's, the screen they leave is the one a redraw draws, and the
# whole screen is the scroll region again when folio ends.  The scroll
# bar costs each line a few cells more: its thumb's two ends and the new
# row's cell, which a scroll moves or brings in blank.
. "$top_srcdir/tests/lib.sh"

seed1="$e2e_seeds/000_699600703bacec4d.txt"
out="$e2e_tmp/out"

# record KEY...: the bytes folio writes for the keys, sent one at a time.
record() {
	: > "$out"
	T pipe-pane -t e2e -o "cat >> '$out'"
	for _k in "$@"; do
		e2e_keys "$_k"
	done
	T pipe-pane -t e2e
	# The pipe's cat writes what it has read, then exits: wait until
	# the file stops growing.
	_n=-1
	grown() {
		[ "$_n" = "$(wc -c < "$out")" ] && return 0
		_n=$(wc -c < "$out")
		return 1
	}
	e2e_until grown || not_ok "the recording ends" >&2
	echo "$_n"
}

# The screen with its attributes, each row's leading and trailing changes
# of attributes dropped: a row that ends in written spaces of the default
# colours and one that ends in cleared cells look the same, and tmux
# shows the change back to the default at the end of the one and at the
# start of the next row for the other.
screen_attrs() {
	e2e_screen_e | sed -e 's/^\(\x1b\[\(0\|39\|49\)m\)*//' \
	    -e 's/\(\x1b\[\(0\|39\|49\)m\)*$//'
}

region() {
	e2e_fmt '#{scroll_region_upper}-#{scroll_region_lower}'
}

check_size() {	# W H NAME BAR [ARG...]: BAR, the bytes a j may add for it
	_w=$1 _h=$2 _name=$3 _bar=$4
	shift 4
	e2e_start "$_w" "$_h" -- "$@" "$seed1"
	set -- "$_w" "$_h" "$_name"
	e2e_wait 'paragraph 1 of 9'
	redraw=$(record C-l)
	e2e_keys j j
	js=$(record j j j j j)
	after_j=$(screen_attrs)
	# The region: the reader's rows of text, under the status, the list,
	# the reader's header and its cross-reference line.
	e2e_eq "$3: j leaves the reader's rows the scroll region" "$(region)" \
	    "5-$(($2 - 1))"
	e2e_keys C-l
	e2e_eq "$3: five j leave the screen a redraw draws" "$after_j" \
	    "$(screen_attrs)"
	ks=$(record k k k k k)
	after_k=$(screen_attrs)
	e2e_keys C-l
	e2e_eq "$3: five k leave the screen a redraw draws" "$after_k" \
	    "$(screen_attrs)"
	# A line is at most a row of text and a few moves and colours (and
	# the bar's cells); the cross-reference line is written again once
	# the current paragraph changes, a row more for the five.
	_most=$((5 * ($1 + 40 + _bar) + $1 + 40))
	if [ "$js" -gt 0 ] && [ "$js" -lt "$_most" ] &&
	    [ "$js" -lt $((redraw / 2)) ]; then
		ok "$3: five j send $js bytes (a redraw: $redraw)"
	else
		not_ok "$3: five j send $js bytes (a redraw: $redraw)"
	fi
	if [ "$ks" -gt 0 ] && [ "$ks" -lt "$_most" ] &&
	    [ "$ks" -lt $((redraw / 2)) ]; then
		ok "$3: five k send $ks bytes (a redraw: $redraw)"
	else
		not_ok "$3: five k send $ks bytes (a redraw: $redraw)"
	fi
	e2e_keys q
	e2e_left_alternate
	e2e_eq "$3: the whole screen scrolls again after q" "$(region)" \
	    "0-$(($2 - 1))"
}

# The reader alone under the list: its rows are whole rows.
check_size 80 24 80x24 36
check_size 80 24 "80x24 --no-scrollbar" 0 --no-scrollbar
# Side by side, a scroll would move the panes beside the reader too:
# folio scrolls only where that still pays, and never redraws the screen.
e2e_start 200 24 -- "$seed1"
e2e_wait 'paragraph 1 of 9'
redraw=$(record C-l)
js=$(record j j j j j)
after_j=$(screen_attrs)
e2e_keys C-l
e2e_eq "200x24: five j leave the screen a redraw draws" "$after_j" \
    "$(screen_attrs)"
if [ "$js" -gt 0 ] && [ "$js" -lt $((redraw * 5 / 2)) ]; then
	ok "200x24: five j send $js bytes, not five redraws ($redraw each)"
else
	not_ok "200x24: five j send $js bytes, not five redraws ($redraw each)"
fi
e2e_keys q
e2e_left_alternate
e2e_eq "200x24: the whole screen scrolls again after q" "$(region)" "0-23"
e2e_done
