#!/bin/sh
# Articles in other formats, as a person sees them: a directory of plain
# text, a saved web page, a Markdown note, an RSS feed and an mbox lists
# the page by its title and shows its paragraphs without a tag, its
# navigation, cookie banner or share buttons; the note without its
# markup; each item of the feed and each message of the mbox as an
# article of its own, with its date and source; and a paragraph of a feed
# item leads to the same event in a newsletter, across the formats.  Then
# "folio -" and "cmd | folio" read a page from a pipe, the keys coming
# from the terminal.
. "$top_srcdir/tests/lib.sh"

data="$top_srcdir/tests/data/formats"
dir="$e2e_tmp/mixed"
mkdir -p "$dir"
cp "$e2e_seeds/000_699600703bacec4d.txt" "$data/news.html" "$data/note.md" \
    "$data/river-news.rss" "$data/newsletters.mbox" "$dir/"

e2e_start 80 48 -- "$dir"
e2e_wait 'paragraph 1 of 9'
s=$(e2e_screen_nobar)
e2e_match "the page is listed by its title, with its date" "$s" '^• Seoul and Tokyo agree on a hotline after the drills +2024-11-05 +11$'
e2e_match "the note is listed by its front matter's title" "$s" '^• Reading list: the Korean peninsula +2024-11-02 +12$'
e2e_match "a feed's item is listed by its title" "$s" '^• Flood barriers hold on the Vistula in Krakow +2025-09-14 +6$'
e2e_match "a message of the mbox by its decoded subject" "$s" '^• Morning Brief: Kraków flood barriers hold +2025-09-15 +4$'
e2e_match "each message an article" "$s" '^• Réouverture du café +2025-09-17 +3$'
e2e_keys i j Enter
e2e_wait 'paragraph 1 of 11'
s=$(e2e_screen_nobar)
e2e_match "the reader opens the page" "$s" ' news\.html +2/11'
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
e2e_keys i 6 j Enter
e2e_wait 'paragraph 1 of 12'
s=$(e2e_screen_nobar)
e2e_match "the note's text without its markup" "$s" 'Books and articles to read before the trip, with a few notes on'
e2e_nomatch "no emphasis or link markup" "$s" '\*\*|\]\('

# A feed's item, and the same event in a newsletter.
e2e_keys i j Enter
e2e_wait 'paragraph 1 of 6'
s=$(e2e_screen_nobar)
e2e_match "the reader opens the feed's item" "$s" ' river-news\.rss#1 +9/11'
e2e_match "its header has the item's date" "$s" 'Date: 2025-09-14'
e2e_match "... and the feed's title as its source" "$s" 'Source: Vistula Daily'
e2e_match "its content, through the HTML path" "$s" '1 ▌ Emergency crews in Krakow raised temporary flood barriers'
e2e_nomatch "no tag, no share buttons" "$s" '<[a-z/!]|Share on'
e2e_settled
e2e_match "the newsletter's paragraph is related" "$(e2e_screen_nobar)" '3:2'
e2e_keys 1 Enter
e2e_wait 'paragraph 2 of 4'
s=$(e2e_screen_nobar)
e2e_match "1 Enter follows it into the mbox's message" "$s" ' newsletters\.mbox#1 +3/11'
e2e_match "... its quoted-printable text decoded" "$s" 'In Krakow, crews raised flood barriers along the Vistula overnight'
e2e_match "... with the message's sender as its source" "$s" 'Source: Morning Brief'
e2e_keys BSpace
e2e_wait 'paragraph 1 of 6'
e2e_match "Backspace goes back to the feed's item" "$(e2e_screen_nobar)" ' river-news\.rss#1 +9/11'
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
