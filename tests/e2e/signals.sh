#!/bin/sh
# The terminal is restored on every way out (q, Ctrl-C, SIGINT, SIGTERM,
# SIGHUP), Ctrl-Z suspends and fg brings the screen back, Ctrl-L repaints,
# and keys typed faster than the screen is drawn are all applied.
. "$top_srcdir/tests/lib.sh"

restored() {	# NAME: the pane's terminal is as a shell wants it
	e2e_eq "$1: the normal screen" "$(e2e_fmt '#{alternate_on}')" 0
	e2e_eq "$1: the cursor is shown" "$(e2e_fmt '#{cursor_flag}')" 1
	e2e_eq "$1: keypad mode off" "$(e2e_fmt '#{keypad_flag}')" 0
	e2e_eq "$1: mouse off" "$(e2e_fmt '#{mouse_any_flag}')" 0
}

for how in q C-c INT TERM HUP; do
	e2e_start 80 24 -- --mouse "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	e2e_eq "$how: running on the alternate screen" "$(e2e_fmt '#{alternate_on}')" 1
	case $how in
	q|C-c)
		e2e_keys "$how"
		want=0
		;;
	*)
		kill -"$how" "$(e2e_folio_pid)"
		case $how in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
		;;
	esac
	e2e_eq "$how: exit status $want" "$(e2e_exit_status)" "$want"
	restored "$how"
done

# Ctrl-L repaints what something else scribbled over.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
a=$(e2e_screen)
printf '\033[5;5HSCRIBBLE\033[12;1H\033[2K' > "$(e2e_fmt '#{pane_tty}')"
e2e_quiet
e2e_match "the screen was scribbled on" "$(e2e_screen)" 'SCRIBBLE'
e2e_keys C-l
e2e_eq "Ctrl-L repaints it" "$(e2e_screen)" "$a"

# Typeahead: fifty keys at once are all applied.
e2e_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j \
    j j j j j j j j j j j j j j j j j j j j
b=$(e2e_screen)
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
i=0
while [ $i -lt 50 ]; do
	T send-keys -t e2e j
	i=$((i + 1))
done
e2e_quiet
e2e_eq "fifty j at once land where fifty j one by one do" "$(e2e_screen)" "$b"

# Ctrl-Z suspends to the shell; fg brings the same screen back.
e2e_shell 80 24
e2e_type "$FOLIO --no-state '$e2e_seeds'"
e2e_keys Enter
e2e_wait 'paragraph 1 of 9'
e2e_settled
e2e_keys j j '}'
a=$(e2e_screen)
e2e_keys C-z
e2e_wait 'Stopped'
restored "Ctrl-Z"
e2e_type fg
e2e_keys Enter
e2e_wait 'paragraph 2 of 9'
e2e_eq "fg: the same screen" "$(e2e_screen)" "$a"
e2e_keys j
e2e_match "fg: keys work again" "$(e2e_screen | head -1)" 'paragraph 2 of 9'
# A stop from outside (kill -TSTP) is handled the same way.
kill -TSTP "$(ps -o pid= --ppid "$(e2e_fmt '#{pane_pid}')" | tr -d ' ')"
e2e_wait 'Stopped'
restored "SIGTSTP"
e2e_type fg
e2e_keys Enter
e2e_wait 'paragraph 2 of 9'
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
e2e_wait '^exit=0$'
restored "after fg and q"
e2e_done
