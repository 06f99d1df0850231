#!/bin/sh
# Articles in other formats, as a person sees them: a directory of plain
# text, a saved web page and a Markdown note lists the page by its title
# and shows its paragraphs without a tag, its navigation, cookie banner or
# share buttons; the note without its markup.  Then "folio -" and
# "cmd | folio" read a page from a pipe, the keys coming from the terminal.
. "$top_srcdir/tests/lib.sh"

data="$top_srcdir/tests/data/formats"
dir="$e2e_tmp/mixed"
mkdir -p "$dir"
cp "$e2e_seeds/000_699600703bacec4d.txt" "$data/news.html" "$data/note.md" "$dir/"

e2e_start 80 24 -- "$dir"
e2e_wait 'paragraph 1 of 9'
s=$(e2e_screen_nobar)
e2e_match "the page is listed by its title, with its date" "$s" '^• Seoul and Tokyo agree on a hotline after the drills +2024-11-05 +11$'
e2e_match "the note is listed by its front matter's title" "$s" '^• Reading list: the Korean peninsula +2024-11-02 +12$'
e2e_keys i j Enter
e2e_wait 'paragraph 1 of 11'
s=$(e2e_screen_nobar)
e2e_match "the reader opens the page" "$s" ' news\.html +2/3'
e2e_match "its header has the date and the source" "$s" 'Date: 2024-11-05'
e2e_match "its header has the source" "$s" 'Source: The Harbour Times'
e2e_match "its first paragraph, without tags" "$s" '1 ▌ Officials at the signing in Seoul on Tuesday\.$'
e2e_match "its text, entities decoded" "$s" 'joint chiefs of staff around the'
e2e_nomatch "no tag on the screen" "$s" '<[a-z/!]'
e2e_nomatch "no cookie banner, no share buttons" "$s" 'cookies|Share on|Skip to'
e2e_keys G
s=$(e2e_screen_nobar)
e2e_match "a list item of the page" "$s" 'notice of large exercises seven days in advance\.'
e2e_nomatch "no comments, related stories or footer at its end" "$s" 'First!|Related stories|All rights|newsletter'
e2e_keys i j Enter
e2e_wait 'paragraph 1 of 12'
s=$(e2e_screen_nobar)
e2e_match "the note's text without its markup" "$s" 'Books and articles to read before the trip, with a few notes on'
e2e_nomatch "no emphasis or link markup" "$s" '\*\*|\]\('
e2e_keys q

# From a pipe: "folio -", then "cmd | folio" with no path.
e2e_shell 80 24
e2e_type "cat '$data/news.html' | $FOLIO --no-state -"
e2e_keys Enter
e2e_wait 'paragraph 1 of 11'
s=$(e2e_screen_nobar)
e2e_match "folio - lists the piped page by its title" "$s" 'Seoul and Tokyo agree on a hotline after the drills'
e2e_match "folio - shows its paragraphs" "$s" 'Officials at the signing in Seoul on Tuesday\.'
e2e_nomatch "folio -: no tag" "$s" '<[a-z/!]'
e2e_keys G
e2e_match "keys come from the terminal" "$(e2e_screen_nobar)" 'notice of large exercises seven days in advance\.'
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
e2e_wait '^exit=0$'
e2e_keys C-l
e2e_type "cat '$data/note.md' | $FOLIO --no-state"
e2e_keys Enter
e2e_wait 'paragraph 1 of 12'
e2e_match "cmd | folio reads the pipe as less does" "$(e2e_screen)" 'Reading list: the Korean peninsula'
e2e_keys q
e2e_type 'echo "exit=$?"'
e2e_keys Enter
e2e_wait '^exit=0$'
e2e_done
