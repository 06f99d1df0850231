#!/bin/sh
# An article (and a file name) full of escape sequences, C1 controls,
# invalid bytes and bidi controls is shown as visible markers, and leaves
# the terminal's title, modes, clipboard and screen untouched.  So does a
# mail message and a feed item carrying them, encoded; a feed with an
# external entity or an entity bomb, broken MIME and a truncated newsboat
# cache are skipped or read as they can be, and the rest loads.
. "$top_srcdir/tests/lib.sh"

dir="$e2e_tmp/hostile"
mkdir -p "$dir"
name=$(printf 'evil\033]2;FILENAME\007.txt')
{
	printf 'Title: \033]0;TITLE-SET\007Innocent \342\200\256txt.exe\n\n'
	printf 'Set the title \033]2;PWNED\007 and \033]0;PWNED2\033\\ here.\n\n'
	printf 'Clipboard \033]52;c;cHduZWQ=\007 and a \033]8;;http://evil.example/\007link\033]8;;\007.\n\n'
	printf 'Clear \033[2J\033[H home \033[31mred\033[0m \033[?1049h alt \033[?1000h mouse \033[?25l cursor \033[4h insert \033[?7l wrap.\n\n'
	printf 'Ask \033[c and \033[6n and \033Z and \033[>c for answers.\n\n'
	printf 'Carriage\rreturn, back\010space, bell\007, tab\there, del\177, vt\013 ff\014.\n\n'
	printf 'C1 \302\233 31m \302\235 0;x \302\220 dcs and raw \233 \235 bytes.\n\n'
	printf 'Bidi \342\200\256 override \342\201\246 isolate \342\201\251 \342\200\217 rlm \330\234 alm.\n\n'
	i=0
	while [ $i -lt 30 ]; do
		printf 'Filler paragraph %d \033[1A up \033[99C right \033M.\n\n' $i
		i=$((i + 1))
	done
} > "$dir/$name"

e2e_start 100 30 -- "$dir"
T set-option -g set-clipboard on
T set-option -g allow-rename on
T set-option -g allow-passthrough off 2>/dev/null || true
title0=$(e2e_fmt '#{pane_title}')
e2e_wait 'paragraph 1 of 37'
s=$(e2e_screen)
e2e_match "an escape sequence is shown as a marker" "$s" 'Set the title \^\[\]2;PWNED\^G and'
e2e_match "OSC 52 is shown, not run" "$s" 'Clipboard \^\[\]52;c;cHduZWQ=\^G'
e2e_match "a bidi override is shown as a marker" "$s" 'Innocent <U\+202E>txt\.exe'
e2e_match "the file name's escape is shown" "$s" 'evil\^\[\]2;FILENAME\^G\.txt'
e2e_match "C1 controls are shown" "$s" 'C1 <U\+009B> 31m <U\+009D> 0;x <U\+0090> dcs'
e2e_match "invalid bytes are shown" "$s" 'raw <9B> <9D>'
e2e_match "BS, BEL, DEL, VT and FF are shown" "$s" 'back\^Hspace, bell\^G, tab +here, del\^\?,'
e2e_match "isolates are shown" "$s" 'override <U\+2066> isolate <U\+2069> <U\+200F> rlm'
e2e_match "the Arabic letter mark is shown" "$s" '<U\+061C> alm'

# Read it all: every line passes through the terminal.
e2e_keys Space Space Space G g j j k h q = q Tab Tab Tab
e2e_match "still drawing its own screen" "$(e2e_screen | head -1)" 'paragraph 1 of 37'
e2e_nomatch "no key arrived that the article asked the terminal to send" "$(e2e_screen | tail -1)" 'no such key'

e2e_eq "the window title is untouched" "$(e2e_fmt '#{pane_title}')" "$title0"
e2e_eq "no clipboard buffer was set" "$(T list-buffers)" ""
e2e_eq "mouse reporting stays off" "$(e2e_fmt '#{mouse_any_flag}')" 0
e2e_eq "insert mode stays off" "$(e2e_fmt '#{insert_flag}')" 0
e2e_eq "wrap mode stays on" "$(e2e_fmt '#{wrap_flag}')" 1
e2e_eq "origin mode stays off" "$(e2e_fmt '#{origin_flag}')" 0

e2e_keys q
e2e_eq "q quits with status 0" "$(e2e_exit_status)" 0
e2e_eq "the title is still untouched" "$(e2e_fmt '#{pane_title}')" "$title0"

# From a shell, as a person runs it: the shell's terminal is as it was.
e2e_shell 100 30
T set-option -g set-clipboard on
title0=$(e2e_fmt '#{pane_title}')
e2e_type "$FOLIO --no-state '$dir'"
e2e_keys Enter
e2e_wait 'paragraph 1 of 37'
e2e_keys Space Space G
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
e2e_wait '^exit=0$'
e2e_eq "after quitting: the normal screen" "$(e2e_fmt '#{alternate_on}')" 0
e2e_eq "after quitting: the cursor is shown" "$(e2e_fmt '#{cursor_flag}')" 1
e2e_eq "after quitting: the title is untouched" "$(e2e_fmt '#{pane_title}')" "$title0"
e2e_eq "after quitting: mouse off" "$(e2e_fmt '#{mouse_any_flag}')" 0
e2e_eq "after quitting: keypad mode off" "$(e2e_fmt '#{keypad_flag}')" 0
e2e_eq "after quitting: no clipboard buffer" "$(T list-buffers)" ""

# Feeds and mail: escapes inside encodings, and files built to hurt.
fdir="$e2e_tmp/hostile-feeds"
mkdir -p "$fdir"
{
	printf 'From evil@example.org Mon Sep 15 06:00:00 2025\n'
	printf 'From: =?utf-8?Q?Evil=1B]2;FROMSET=07?= <evil@example.org>\n'
	printf 'Subject: =?utf-8?Q?Mail_=1B]0;MAILTITLE=07_subject?=\n'
	printf 'Message-ID: <evil@example.org>\nMIME-Version: 1.0\n'
	printf 'Content-Type: text/plain; charset=utf-8\n'
	printf 'Content-Transfer-Encoding: quoted-printable\n\n'
	printf 'Clipboard =1B]52;c;cHduZWQ=3D=07 and clear =1B[2J=1B[H here.\n\n'
	printf 'Bidi =E2=80=AE override and C1 =C2=9B 31m.\n\n'
	printf 'From broken@example.org Mon Sep 15 06:00:00 2025\n'
	printf 'From: broken@example.org\nSubject: Broken MIME\n'
	printf 'Content-Type: multipart/mixed; boundary="never"\n\n'
	printf -- '--never\nContent-Transfer-Encoding: base64\n\n!!!==\n'
} > "$fdir/evil.mbox"
{
	printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Evil feed</title>'
	printf '<item><title>Feed item</title><guid>e1</guid><description>'
	printf '&lt;p&gt;Escape &amp;#27;]2;FEEDSET&amp;#7; inside.&lt;/p&gt;'
	printf '</description></item></channel></rss>\n'
} > "$fdir/evil.rss"
cp "$top_srcdir/fuzz/corpus/feed/xxe.rss" "$top_srcdir/fuzz/corpus/feed/entity-bomb.atom" \
    "$top_srcdir/fuzz/corpus/newsboat/truncated.db" "$fdir/"

e2e_start 100 30 -- "$fdir"
title0=$(e2e_fmt '#{pane_title}')
e2e_wait 'paragraph 1 of 2'
s=$(e2e_screen)
e2e_match "a message's encoded escape is shown in its subject" "$s" 'Mail \^\[\]0;MAILTITLE\^G subject'
e2e_match "... and in its quoted-printable text" "$s" 'Clipboard \^\[\]52;c;cHduZWQ=\^G and clear \^\[\[2J\^\[\[H here\.'
e2e_match "... a bidi override and a C1 control as markers" "$s" 'Bidi <U\+202E> override and C1 <U\+009B> 31m'
e2e_match "the files skipped are counted on the status line" "$s" '3 problems'
e2e_keys i G Enter
e2e_wait 'paragraph 1 of 1'
# The HTML parser drops a character reference to a control character.
e2e_match "a feed item's escape never reaches the terminal" "$(e2e_screen)" 'Escape (\^\[)?\]2;FEEDSET(\^G)? inside\.'
e2e_keys q
e2e_eq "feeds and mail: q quits with status 0" "$(e2e_exit_status)" 0
e2e_eq "feeds and mail: the title is untouched" "$(e2e_fmt '#{pane_title}')" "$title0"
e2e_eq "feeds and mail: no clipboard buffer" "$(T list-buffers)" ""
"$FOLIO" --no-state --check "$fdir" >"$e2e_tmp/check.out" 2>&1
e2e_match "--check names the feed with entities" "$(cat "$e2e_tmp/check.out")" 'xxe\.rss: .*entities'
e2e_match "... and the entity bomb" "$(cat "$e2e_tmp/check.out")" 'entity-bomb\.atom: '
e2e_match "... and the truncated cache" "$(cat "$e2e_tmp/check.out")" 'truncated\.db: '
e2e_done
