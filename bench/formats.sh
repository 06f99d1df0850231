#!/bin/sh
# bench/formats.sh - the load of saved web pages, and of one mbox, beside
# the same articles as plain text, in one run: make-corpus articles, each
# also wrapped in a news site's page chrome (head with styles, scripts and
# metadata, a navigation bar, a cookie banner, share buttons, related
# stories, a comment section, a newsletter box, a footer), and each also a
# message of one mbox (headers as a mailer writes them, one in four
# bodies quoted-printable), loaded by load_paths() through bench/load on
# every core that helps (an mbox is one file: one core reads it).
#
#   bench/formats.sh [-n RUNS] [N]
#
# N articles (default 10000) are made under $TMPDIR (never in the tree),
# then each load runs RUNS times (default 3) in rotation and the best is
# kept.  Prints the times, the ratios (the target: within 5x of plain
# text), and checks that the loads found the same number of articles.
# Run it from a build tree (or set BUILD).  Environment: BUILD, CORPUS
# (make-corpus; default /work/shared/corpus/make-corpus).
set -eu

runs=3
while getopts n: opt; do
	case $opt in
	n) runs=$OPTARG ;;
	*) echo "usage: $0 [-n RUNS] [N]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
n=${1:-10000}
build=${BUILD:-.}
corpus=${CORPUS:-/work/shared/corpus/make-corpus}
[ -x "$corpus" ] || { echo "$0: no make-corpus at $corpus (set CORPUS)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench-formats.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
make -C "$build" -s bench/load >/dev/null
load=$(cd "$build" && pwd)/bench/load

"$corpus" "$n" "$tmp/text" >/dev/null
python3 - "$tmp/text" "$tmp/html" <<'PY'
import html, os, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst)
head = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{t} | The Daily Example</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{t}">
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2024-11-05T08:30:00Z">
<link rel="canonical" href="https://daily.example/{id}">
<link rel="stylesheet" href="/static/site.css">
<style>body{{font-family:Georgia,serif;margin:0}} .nav a{{padding:4px}} .cookie{{position:fixed;bottom:0}} .share a{{display:inline-block}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());gtag('config','G-1234');</script>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{t}"}}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">The Daily Example</a>
<nav class="nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/science">Science</a></li><li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div class="cookie" id="cookie-banner"><p>We use cookies to improve your experience and for advertising. By continuing you agree to our cookie policy.</p><button>Accept</button><button>Reject</button></div>
<main><article>
<h1>{t}</h1>
<div class="share"><a href="https://twitter.com/share">Share on X</a><a href="https://facebook.com/share">Facebook</a><a href="mailto:">Email</a></div>
"""
tail = """<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Another story of the day</a></li><li><a href="/b">Yet another story</a></li><li><a href="/c">And one more</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><div class="comment"><p>Great article, thanks for writing it.</p></div></section>
</article></main>
<div class="newsletter"><h3>Get the briefing</h3><form><input type="email"><button>Sign up</button></form></div>
<footer><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul><p>&copy; 2024 The Daily Example</p></footer>
<script src="/static/app.js" async></script><script>(function(){var s=document.createElement('script');s.src='/ads.js';document.body.appendChild(s);})();</script>
</body></html>
"""
for name in sorted(os.listdir(src)):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        blocks = [b.replace("\n", " ").strip() for b in f.read().split("\n\n")]
    blocks = [b for b in blocks if b]
    title, paras = blocks[0], blocks[1:]
    body = "".join("<p>%s</p>\n" % html.escape(p, quote=False) for p in paras)
    with open(os.path.join(dst, name[:-4] + ".html"), "w", encoding="utf-8") as f:
        f.write(head.format(t=html.escape(title), id=name[:-4]) + body + tail)
PY
python3 - "$tmp/text" "$tmp/mbox/all.mbox" <<'PY'
import os, quopri, sys
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(os.path.dirname(dst))
with open(dst, "wb") as out:
    for i, name in enumerate(sorted(os.listdir(src))):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            blocks = [b.replace("\n", " ").strip() for b in f.read().split("\n\n")]
        blocks = [b for b in blocks if b]
        title, paras = blocks[0], blocks[1:]
        body = "\n\n".join(paras) + "\n"
        if i % 4 == 0:
            cte = "quoted-printable"
            data = quopri.encodestring(body.encode("utf-8"))
        else:
            cte = "8bit"
            data = body.encode("utf-8")
        data = b"\n".join(b">" + l if l.startswith(b"From ") else l
                          for l in data.split(b"\n"))
        subject = title.replace("\n", " ")
        head = ("From news@daily.example Tue Nov  5 08:30:00 2024\n"
                "Return-Path: <news@daily.example>\n"
                "Received: from mx.daily.example by mail.example.org; Tue, 5 Nov 2024 08:30:01 +0000\n"
                "From: The Daily Example <news@daily.example>\n"
                "To: reader@example.org\n"
                "Subject: %s\n"
                "Date: Tue, 05 Nov 2024 08:30:00 +0000\n"
                "Message-ID: <%s@daily.example>\n"
                "MIME-Version: 1.0\n"
                "Content-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: %s\n\n") % (subject, name[:-4], cte)
        out.write(head.encode("utf-8") + data + b"\n")
PY

best() { sort -n "$1" | head -n 1; }
i=0
while [ $i -lt "$runs" ]; do
	for kind in text html mbox; do
		"$load" "$tmp/$kind" >"$tmp/out-$kind"
		sed 's/.* \([0-9][0-9]*\) ms$/\1/' "$tmp/out-$kind" >>"$tmp/ms-$kind"
	done
	i=$((i + 1))
done
t=$(best "$tmp/ms-text")
h=$(best "$tmp/ms-html")
m=$(best "$tmp/ms-mbox")
bt=$(du -sk "$tmp/text" | cut -f1)
bh=$(du -sk "$tmp/html" | cut -f1)
bm=$(du -sk "$tmp/mbox" | cut -f1)
echo "plain text: $(cut -d, -f1-2 "$tmp/out-text"), ${bt} KB on disk: $t ms (best of $runs)"
echo "HTML pages: $(cut -d, -f1-2 "$tmp/out-html"), ${bh} KB on disk: $h ms (best of $runs)"
echo "one mbox:   $(cut -d, -f1-2 "$tmp/out-mbox"), ${bm} KB on disk: $m ms (best of $runs)"
awk -v t="$t" -v h="$h" -v m="$m" 'BEGIN {
	r = t > 0 ? h / t : 0; q = t > 0 ? m / t : 0
	printf "HTML / plain text: %.2fx (target: within 5x) %s\n", r, r <= 5 ? "ok" : "OVER"
	printf "mbox / plain text: %.2fx (target: within 5x) %s\n", q, q <= 5 ? "ok" : "OVER" }'
for kind in html mbox; do
	[ "$(cut -d' ' -f1 "$tmp/out-text")" = "$(cut -d' ' -f1 "$tmp/out-$kind")" ] ||
		{ echo "$0: the loads found different numbers of articles ($kind)" >&2; exit 1; }
done
