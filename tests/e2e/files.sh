#!/bin/sh
# less's v and F.  v: the article's file in $VISUAL (a script that leaves
# a mark, adds a paragraph and exits): curses ends, the script runs with
# the path, the screen comes back whole and the article is read again;
# an editor that cannot run says so.  F: the newest article opens and the
# status says it waits; an article written into the directory meanwhile
# opens by itself; any key ends the wait.  At 80x24.
. "$top_srcdir/tests/lib.sh"

coll="$e2e_tmp/coll"
mkdir -p "$coll"
cp "$e2e_seeds"/*.txt "$coll"/

editor="$e2e_tmp/editor"
cat > "$editor" <<EOF
#!/bin/sh
printf '%s\n' "\$#" "\$@" > "$e2e_tmp/marker"
[ "\$1" = -x ] && shift
printf '\nA paragraph the editor added.\n' >> "\$1"
EOF
chmod +x "$editor"

status() {
	e2e_screen | head -1
}

# --- v -------------------------------------------------------------------
e2e_start 80 24 "VISUAL=$editor -x" -- "$coll"
e2e_wait 'paragraph 1 of 9'
e2e_keys v
e2e_wait 'changed: reloaded'
e2e_eq "v ran \$VISUAL, its words and the path as one argument" \
    "$(cat "$e2e_tmp/marker" 2>/dev/null)" "2
-x
$coll/000_699600703bacec4d.txt"
e2e_match "the screen is back: the status line" "$(status)" 'paragraph 1 of 10'
e2e_match "... the list" "$(e2e_screen | sed -n 2p)" '^ Articles +2$'
e2e_match "... the reader" "$(e2e_screen)" ' 000_699600703bacec4d\.txt +1/2$'
e2e_match "... and the message" "$(e2e_screen | tail -1)" \
    '000_699600703bacec4d\.txt changed: reloaded$'
e2e_eq "folio is in the alternate screen again" "$(e2e_fmt '#{alternate_on}')" 1
e2e_keys G
e2e_match "the paragraph added is read" "$(e2e_screen)" \
    '10 ▌ A paragraph the editor added\.'

e2e_start 80 24 "VISUAL=$e2e_tmp/no-such-editor" -- "$coll"
e2e_wait 'paragraph 1 of'
e2e_keys v
e2e_wait 'cannot run the editor'
e2e_match "an editor that is not there: said, and the screen stays" \
    "$(status)" 'paragraph 1 of'

# --- F -------------------------------------------------------------------
touch -d '2024-01-01 00:00' "$coll/000_699600703bacec4d.txt"
touch -d '2024-01-02 00:00' "$coll/003_c3eb74fb17d4de85.txt"
e2e_start 80 24 -- "$coll"
e2e_wait 'paragraph 1 of'
e2e_keys F
e2e_wait 'Waiting for new articles\.\.\. \(any key to stop\)'
e2e_match "F opens the newest article" "$(e2e_screen)" \
    ' 003_c3eb74fb17d4de85\.txt +2/2$'
printf 'A brand new article\n\nIt came while folio waited.\n\nA second.\n\nA third.\n' \
    > "$coll/.new.tmp"
mv "$coll/.new.tmp" "$coll/500_new.txt"
e2e_wait ' 500_new\.txt +3/3$'
e2e_match "the new article opens by itself" "$(e2e_screen)" \
    'A brand new article'
e2e_match "... in the list too" "$(e2e_screen | sed -n 2p)" '^ Articles +3$'
e2e_match "... and it still waits" "$(e2e_screen | tail -1)" \
    '^Waiting for new articles\.\.\. \(any key to stop\)$'
e2e_keys G
e2e_match "a key stops the wait" "$(e2e_screen | tail -1)" \
    'stopped waiting for new articles'
e2e_match "... and does nothing else" "$(status)" 'paragraph 1 of 3'
e2e_keys G
e2e_match "the next key is a key again" "$(status)" 'paragraph 3 of 3'

e2e_done
