/*
 * format-html.c - saved web pages: the article's own text, as reader
 * modes find it, through libxml2's HTML parser.
 *
 * The parser is told never to touch the network, to keep quiet about
 * errors, and not to lift its limits (HTML_PARSE_HUGE is not given:
 * deep trees and huge text nodes stop it, and what it has so far is
 * used).  It decodes the page from its declared charset (a BOM, <meta
 * charset>, or the http-equiv Content-Type), decodes entities, and
 * expands no DTD's: an HTML parser reads no internal or external subset.
 *
 * The tree is not libxml2's: its SAX callbacks build a lighter one here
 * (struct hnode), node for node the tree libxml2's own SAX2 callbacks
 * would build from the same events (where text nodes join, where an
 * element lands when none is open, the DOCTYPE before all, the same
 * limits on depth and on one text node, after which the parser stops),
 * so that what is read from it is what a libxml2 document gave.  It
 * keeps only what the walks read: names, the text, and the few
 * attributes that say junk or metadata.  Each thread keeps one parser
 * and its node and byte pools from page to page (struct scratch); the
 * parser's dictionary of names, which grows with the names it meets, is
 * made anew when it is large.
 *
 * Then three walks of the tree, none recursive (a 10,000-deep page costs
 * no stack): the first marks what is never article text (scripts, styles,
 * navigation, forms, asides, footers, and anything whose class, id or
 * role says cookie banner, share buttons, comments, related stories,
 * newsletter...) and counts the text in paragraphs under each element;
 * the root of the article is the <article> with the most, else <main>,
 * else the element with the densest paragraphs directly under it, else
 * the body; the last walk turns the root's blocks into paragraphs:
 * headings, quotations (inside <blockquote>), list items, and the lines
 * of <pre> each a paragraph of its own.
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "format.h"
#include "store.h"
#include "util.h"

#define SNIFF_BYTES	4096

/* What an element is, found once per name (names compared once). */
#define H_BLOCK		0x0001	/* ends a paragraph */
#define H_NEVER		0x0002	/* never article text */
#define H_P		0x0004	/* <p> */
#define H_PRE		0x0008	/* <pre> */
#define H_BR		0x0010	/* <br> */
#define H_HEADING	0x0020	/* <h1> to <h6> */
#define H_QUOTE		0x0040	/* <blockquote> */
#define H_LIST		0x0080	/* <li>, <dd>, <dt> */
/* Names the walks look for. */
#define H_ARTICLE	0x0100
#define H_MAIN		0x0200
#define H_BODY		0x0400
#define H_HTML		0x0800
#define H_HEAD		0x1000
#define H_META		0x2000
#define H_TITLE		0x4000
#define H_LINK		0x8000
#define H_H1		0x10000
#define H_TIME		0x20000
#define H_KNOWN		0x40000	/* looked up (a cache entry's flags) */

enum hn_type {
	HN_DOC,		/* the document: its children are the top level */
	HN_ELEM,
	HN_TEXT,
	HN_CDATA,	/* a <script>'s or <style>'s text */
	HN_OTHER	/* a comment, a processing instruction, the DOCTYPE */
};

/*
 * The attributes kept, the only ones read: libxml2's value (NUL-ended,
 * "" when the attribute has none) at an offset into the byte pool.
 */
enum hn_attr {
	A_CLASS, A_ID, A_ROLE, A_HIDDEN, A_ARIA_HIDDEN, A_PROPERTY, A_NAME,
	A_ITEMPROP, A_CONTENT, A_REL, A_HREF, A_DATETIME
};

struct hattr {
	uint32_t	 which;	/* enum hn_attr */
	size_t		 off;
};

struct hnode {
	struct hnode	*parent, *children, *last, *next;
	enum hn_type	 type;
	unsigned	 flags;	/* H_* (elements) */
	bool		 junk;
	bool		 has_attrs;	/* any attribute at all */
	uint8_t		 nattr;		/* kept, from attr0 in the pool */
	size_t		 attr0;
	size_t		 off, len;	/* text: bytes in the pool, then NUL */
	size_t		 text;	/* bytes of text under it, outside junk */
	size_t		 ptext;	/* of that, inside paragraphs */
	size_t		 dense;	/* paragraph text of its children (and half of
				   its grandchildren's) */
};

#define CHUNK_NODES	1024
struct chunk {
	struct chunk	*next;
	struct hnode	 n[CHUNK_NODES];
};

#define NCACHE		256
/*
 * A thread's: the parser, reused from page to page, and the pools its
 * tree is built in.  Names reach the callbacks as strings that live as
 * long as the parser (its dictionary's, or libxml2's constants), so
 * their flags are cached by address.
 */
struct scratch {
	htmlParserCtxtPtr ctxt;
	struct {
		const xmlChar	*name;
		unsigned	 flags;
	} cache[NCACHE];
	struct chunk	*chunks;	/* all of them, in use or not */
	struct chunk	*cur;		/* the one nodes come from */
	size_t		 used;		/* of cur's nodes */
	size_t		 nchunks;
	uint8_t		*buf;		/* the byte pool: text, attributes */
	size_t		 nbuf, bufcap;
	struct hattr	*attrs;
	size_t		 nattrs, attrcap;
	struct hnode	**stack;	/* what SAX2 keeps as ctxt->nodeTab */
	size_t		 depth, stackcap;
	/* The page being read. */
	struct hnode	 doc;
	struct hnode	*node;		/* open: SAX2's ctxt->node */
	bool		 started;	/* SAX2 would have made a document */
	bool		 dtd;
	int		 nodelen, nodemem;	/* as SAX2 keeps them */
};

/* Past these, a page's pools are let go once it is read. */
#define KEEP_CHUNKS	16
#define KEEP_BYTES	(4u << 20)
/* Past this many names, the parser is made anew for the next page. */
#define DICT_NAMES	20000

/* --- recognising a page ------------------------------------------------- */

static bool
prefix_ci(const uint8_t *s, size_t n, const char *p)
{
	size_t	 k = strlen(p);

	return n >= k && strncasecmp((const char *)s, p, k) == 0;
}

/*
 * A page starts (after a BOM, white space, comments or an XML
 * declaration) with a tag, and one of its first tags is <!DOCTYPE html>,
 * <html>, <head> or <body>: what no plain-text article does.
 */
static bool
html_sniff(const uint8_t *s, size_t n)
{
	size_t	 i = 0;

	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r' || s[i] == '\f'))
		i++;
	if (i >= n || s[i] != '<')
		return false;
	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	for (; i < n; i++) {
		const uint8_t *p = s + i;
		size_t	 m = n - i;
		uint8_t	 c;

		if (*p != '<')
			continue;
		if (prefix_ci(p, m, "<!doctype html") || prefix_ci(p, m,
		    "<html") || prefix_ci(p, m, "<head") || prefix_ci(p, m,
		    "<body")) {
			c = m > 5 ? p[5] : '>';
			if (prefix_ci(p, m, "<!doctype") || c == '>' ||
			    c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			    prefix_ci(p, m, "<head>") ||
			    prefix_ci(p, m, "<head "))
				return true;
		}
	}
	return false;
}

/* --- names -------------------------------------------------------------- */

/* Never article text, whatever the page. */
static const char *const never[] = {
	"script", "style", "noscript", "template", "nav", "footer", "aside",
	"form", "button", "iframe", "svg", "canvas", "select", "textarea",
	"input", "object", "embed", "head", "menu", "dialog", "video",
	"audio", "map", "frameset", "frame", "math", NULL
};

/* Elements that end a paragraph where they open and where they close. */
static const char *const blocks[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li",
	"ul", "ol", "dl", "dt", "dd", "pre", "table", "tr", "td", "th",
	"section", "article", "main", "header", "figure", "figcaption",
	"address", "hr", "body", "center", "details", "summary", "caption",
	"tbody", "thead", "tfoot", "fieldset", "legend", NULL
};

/*
 * Every name that has a flag, with its flags, sorted by name: built once
 * from the tables above, so that an element's name is looked up once,
 * not compared with each of them.
 */
struct tag {
	const char	*name;
	unsigned	 flags;
};
static struct tag	 tags[128];
static size_t		 ntags;

static int
tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tag *)a)->name,
	    ((const struct tag *)b)->name);
}

static void
tag_add(const char *name, unsigned flags)
{
	size_t	 i;

	for (i = 0; i < ntags; i++)
		if (strcmp(tags[i].name, name) == 0) {
			tags[i].flags |= flags;
			return;
		}
	if (ntags == sizeof tags / sizeof tags[0])
		fatal("format-html: too many tags");
	tags[ntags].name = name;
	tags[ntags++].flags = flags;
}

static void
tags_init(void)
{
	static const char *const lists[] = { "li", "dd", "dt" };
	static const char *const heads[] = { "h1", "h2", "h3", "h4", "h5",
	    "h6" };
	static const struct tag named[] = {
		{ "article", H_ARTICLE }, { "main", H_MAIN },
		{ "body", H_BODY }, { "html", H_HTML }, { "head", H_HEAD },
		{ "meta", H_META }, { "title", H_TITLE }, { "link", H_LINK },
		{ "h1", H_H1 }, { "time", H_TIME }
	};
	size_t	 i;

	for (i = 0; blocks[i] != NULL; i++)
		tag_add(blocks[i], H_BLOCK);
	for (i = 0; never[i] != NULL; i++)
		tag_add(never[i], H_NEVER);
	tag_add("p", H_P);
	tag_add("pre", H_PRE);
	tag_add("br", H_BR);
	tag_add("blockquote", H_QUOTE);
	for (i = 0; i < sizeof lists / sizeof lists[0]; i++)
		tag_add(lists[i], H_LIST);
	for (i = 0; i < sizeof heads / sizeof heads[0]; i++)
		tag_add(heads[i], H_HEADING);
	for (i = 0; i < sizeof named / sizeof named[0]; i++)
		tag_add(named[i].name, named[i].flags);
	qsort(tags, ntags, sizeof tags[0], tag_cmp);
}

/* A name's H_* flags (tags_init() has run), cached by its address. */
static unsigned
classify(struct scratch *s, const xmlChar *name)
{
	struct tag	 key, *t;
	size_t		 h = ((uintptr_t)name >> 3) % NCACHE;

	if (s->cache[h].name == name)
		return s->cache[h].flags & ~H_KNOWN;
	key.name = (const char *)name;
	t = bsearch(&key, tags, ntags, sizeof tags[0], tag_cmp);
	s->cache[h].name = name;
	s->cache[h].flags = (t != NULL ? t->flags : 0) | H_KNOWN;
	return s->cache[h].flags & ~H_KNOWN;
}

static bool
is(const struct hnode *n, unsigned flag)
{
	return n->type == HN_ELEM && (n->flags & flag);
}

/* An attribute's value as libxml2's xmlGetProp() gives it, or NULL. */
static const char *
attr(const struct scratch *s, const struct hnode *n, enum hn_attr which)
{
	size_t	 i;

	for (i = 0; i < n->nattr; i++)
		if (s->attrs[n->attr0 + i].which == which)
			return (const char *)s->buf +
			    s->attrs[n->attr0 + i].off;
	return NULL;
}

/*
 * Words in a class or an id that mark what is not the article: the page's
 * furniture, its ads, and what readers add below it.
 */
static const char *const junk_words[] = {
	"cookie", "consent", "gdpr", "share", "sharing", "social", "comment",
	"related", "newsletter", "subscribe", "subscription", "promo",
	"advert", "sponsor", "breadcrumb", "sidebar", "menu", "navbar",
	"nav", "footer", "popup", "modal", "banner", "signup", "paywall",
	"recommend", "outbrain", "taboola", "masthead", "skip", "toolbar",
	"widget", "most-read", "mostread", "trending", "tags", "byline",
	"kicker", NULL
};

static bool
word_is_junk(const char *w, size_t n)
{
	size_t	 i, k;

	if ((n == 2 && strncasecmp(w, "ad", 2) == 0) ||
	    (n == 3 && strncasecmp(w, "ads", 3) == 0))
		return true;
	for (i = 0; junk_words[i] != NULL; i++) {
		k = strlen(junk_words[i]);
		/* "share", "share-buttons", "comments": the word leads. */
		if (n >= k && strncasecmp(w, junk_words[i], k) == 0)
			return true;
	}
	return false;
}

/* Does a class or id attribute hold a word of junk_words? */
static bool
attr_is_junk(const struct scratch *s, const struct hnode *n,
    enum hn_attr which)
{
	const char	*p, *w;

	if ((p = attr(s, n, which)) == NULL)
		return false;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '-' ||
		    *p == '_')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '-' && *p != '_')
			p++;
		/* "share-buttons": the first word of a compound says. */
		if (p > w && word_is_junk(w, (size_t)(p - w)))
			return true;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	return false;
}

static bool
attr_eq(const struct scratch *s, const struct hnode *n, enum hn_attr which,
    const char *val)
{
	const char	*v = attr(s, n, which);

	return v != NULL && strcasecmp(v, val) == 0;
}

static bool
is_junk(const struct scratch *s, const struct hnode *n)
{
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary",
		"dialog", "alertdialog", "search", "menu", "menubar", NULL
	};
	const char	*role;
	size_t		 i;

	if (n->flags & H_NEVER)
		return true;
	if (!n->has_attrs)
		return false;
	if (attr(s, n, A_HIDDEN) != NULL ||
	    attr_eq(s, n, A_ARIA_HIDDEN, "true"))
		return true;
	if ((role = attr(s, n, A_ROLE)) != NULL)
		for (i = 0; roles[i] != NULL; i++)
			if (strcasecmp(role, roles[i]) == 0)
				return true;
	/* The article's own element is never junk for its class. */
	if (n->flags & (H_ARTICLE | H_MAIN | H_BODY | H_HTML))
		return false;
	return attr_is_junk(s, n, A_CLASS) || attr_is_junk(s, n, A_ID);
}

/* --- the tree, from the parser's events ---------------------------------- */

static struct hnode *
node_new(struct scratch *s, enum hn_type type)
{
	struct hnode	*n;
	struct chunk	*c;

	if (s->cur == NULL || s->used == CHUNK_NODES) {
		if (s->cur != NULL && s->cur->next != NULL)
			s->cur = s->cur->next;
		else {
			c = xmalloc(sizeof *c);
			c->next = NULL;
			if (s->cur != NULL)
				s->cur->next = c;
			else
				s->chunks = c;
			s->cur = c;
			s->nchunks++;
		}
		s->used = 0;
	}
	n = &s->cur->n[s->used++];
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

/* Room for n more bytes in the byte pool. */
static void
buf_room(struct scratch *s, size_t n)
{
	if (s->bufcap - s->nbuf >= n)
		return;
	if (n > SIZE_MAX / 2 - s->nbuf)
		fatal("format-html: page too large");
	s->bufcap = s->bufcap * 2 > s->nbuf + n ? s->bufcap * 2 :
	    s->nbuf + n;
	s->buf = xreallocarray(s->buf, s->bufcap, 1);
}

/* Bytes into the pool, then a NUL; returns their offset. */
static size_t
buf_add(struct scratch *s, const void *p, size_t n)
{
	size_t	 off;

	buf_room(s, n + 1);
	off = s->nbuf;
	memcpy(s->buf + off, p, n);
	s->buf[off + n] = '\0';
	s->nbuf += n + 1;
	return off;
}

static const char *
content(const struct scratch *s, const struct hnode *n)
{
	return (const char *)s->buf + n->off;
}

static void
append_child(struct hnode *parent, struct hnode *n)
{
	n->parent = parent;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

/* Under the open element, else at the top level (SAX2's xmlAddChild on
 * the document). */
static void
add_here(struct scratch *s, struct hnode *n)
{
	append_child(s->node != NULL ? s->node : &s->doc, n);
}

static struct scratch *
scratch_of(void *ctx)
{
	return ((htmlParserCtxtPtr)ctx)->_private;
}

static void
on_start_document(void *ctx)
{
	scratch_of(ctx)->started = true;
}

/* An HTML document keeps its first DOCTYPE, before all else. */
static void
on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	struct scratch	*s = scratch_of(ctx);
	struct hnode	*n;

	(void)name;
	(void)ext;
	(void)sys;
	if (!s->started || s->dtd)
		return;
	s->dtd = true;
	n = node_new(s, HN_OTHER);
	n->parent = &s->doc;
	n->next = s->doc.children;
	s->doc.children = n;
	if (s->doc.last == NULL)
		s->doc.last = n;
}

static bool
attr_which(const xmlChar *name, enum hn_attr *which)
{
	static const struct {
		const char	*name;
		enum hn_attr	 which;
	} kept[] = {
		{ "class", A_CLASS }, { "id", A_ID }, { "role", A_ROLE },
		{ "hidden", A_HIDDEN }, { "aria-hidden", A_ARIA_HIDDEN },
		{ "property", A_PROPERTY }, { "name", A_NAME },
		{ "itemprop", A_ITEMPROP }, { "content", A_CONTENT },
		{ "rel", A_REL }, { "href", A_HREF },
		{ "datetime", A_DATETIME }
	};
	size_t	 i;

	for (i = 0; i < sizeof kept / sizeof kept[0]; i++)
		if (name[0] == kept[i].name[0] &&
		    strcmp((const char *)name, kept[i].name) == 0) {
			*which = kept[i].which;
			return true;
		}
	return false;
}

static void
on_start_element(void *ctx, const xmlChar *fullname, const xmlChar **atts)
{
	htmlParserCtxtPtr ctxt = ctx;
	struct scratch	*s = scratch_of(ctx);
	struct hnode	*n, *parent = s->node;
	const xmlChar	*name = fullname;
	xmlChar		*local, *prefix = NULL;
	enum hn_attr	 which;
	size_t		 i;
	bool		 top = false;

	if (!s->started || fullname == NULL)
		return;
	if (strchr((const char *)fullname, ':') != NULL) {
		/* SAX2 names an element by the part after its prefix. */
		if ((local = xmlSplitQName(ctxt, fullname, &prefix)) == NULL)
			return;
		name = xmlDictLookup(ctxt->dict, local, -1);
		xmlFree(local);
		xmlFree(prefix);
		if (name == NULL)
			return;
	}
	n = node_new(s, HN_ELEM);
	n->flags = classify(s, name);
	if (s->doc.children == NULL) {
		append_child(&s->doc, n);
		top = true;
	} else if (parent == NULL)
		parent = s->doc.children;
	s->nodemem = -1;
	/* SAX2's depth limit: the parser stops, and this element is not. */
	if (s->depth > xmlParserMaxDepth &&
	    (ctxt->options & XML_PARSE_HUGE) == 0) {
		if (top)
			s->doc.children = s->doc.last = NULL;
		ctxt->wellFormed = 0;
		xmlStopParser(ctxt);
		return;
	}
	if (s->depth == s->stackcap) {
		s->stackcap = s->stackcap ? s->stackcap * 2 : 64;
		s->stack = xreallocarray(s->stack, s->stackcap,
		    sizeof *s->stack);
	}
	s->stack[s->depth++] = n;
	s->node = n;
	if (parent != NULL) {
		if (parent->type == HN_ELEM)
			append_child(parent, n);
		else
			append_child(parent->parent, n);
	}
	for (i = 0; atts != NULL && atts[i] != NULL; i += 2) {
		n->has_attrs = true;
		if (!attr_which(atts[i], &which) || attr(s, n, which) != NULL)
			continue;
		if (s->nattrs == s->attrcap) {
			s->attrcap = s->attrcap ? s->attrcap * 2 : 64;
			s->attrs = xreallocarray(s->attrs, s->attrcap,
			    sizeof *s->attrs);
		}
		if (n->nattr == 0)
			n->attr0 = s->nattrs;
		s->attrs[s->nattrs].which = which;
		s->attrs[s->nattrs++].off = atts[i + 1] != NULL ?
		    buf_add(s, atts[i + 1], strlen((const char *)atts[i + 1])) :
		    buf_add(s, "", 0);
		n->nattr++;
	}
}

static void
on_end_element(void *ctx, const xmlChar *name)
{
	struct scratch	*s = scratch_of(ctx);

	(void)name;
	s->nodemem = -1;
	if (s->depth == 0)
		return;
	s->depth--;
	s->node = s->depth > 0 ? s->stack[s->depth - 1] : NULL;
}

/*
 * Text after n's first keep bytes, n then at the pool's end (where the
 * latest text node already is, unless something came after it).
 */
static void
text_append(struct scratch *s, struct hnode *n, size_t keep,
    const xmlChar *ch, size_t len)
{
	size_t	 off;

	if (n->off + n->len + 1 == s->nbuf) {
		s->nbuf = n->off;
		off = n->off;
		buf_room(s, keep + len + 1);
	} else {
		buf_room(s, keep + len + 1);
		off = s->nbuf;
		memmove(s->buf + off, s->buf + n->off, keep);
	}
	memcpy(s->buf + off + keep, ch, len);
	s->buf[off + keep + len] = '\0';
	s->nbuf = off + keep + len + 1;
	n->off = off;
	n->len = keep + len;
}

/* Text joins the open element's last child when that is text of its
 * kind, as SAX2's does (and stops the parser at the same size). */
static void
text(xmlParserCtxtPtr ctxt, const xmlChar *ch, int len, enum hn_type type)
{
	struct scratch	*s = ctxt->_private;
	struct hnode	*last, *n;

	if (s->node == NULL || len < 0)
		return;
	last = s->node->last;
	if (last != NULL && last->type == type && s->nodemem != 0) {
		if ((size_t)s->nodelen + (size_t)len > XML_MAX_TEXT_LENGTH &&
		    (ctxt->options & XML_PARSE_HUGE) == 0) {
			ctxt->errNo = XML_ERR_NO_MEMORY;
			ctxt->instate = XML_PARSER_EOF;
			ctxt->disableSAX = 1;
			return;
		}
		text_append(s, last, last->len, ch, (size_t)len);
		s->nodelen += len;
	} else if (last != NULL && last->type == type) {
		/* SAX2's xmlTextConcat(): after the text's first NUL. */
		text_append(s, last, strlen(content(s, last)), ch,
		    (size_t)len);
		s->nodelen = (int)strlen(content(s, last));
		s->nodemem = s->nodelen + 1;
	} else {
		n = node_new(s, type);
		n->off = buf_add(s, ch, (size_t)len);
		n->len = (size_t)len;
		append_child(s->node, n);
		s->nodelen = len;
		s->nodemem = len + 1;
	}
}

static void
on_characters(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, HN_TEXT);
}

static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	text(ctx, ch, len, HN_CDATA);
}

/* A comment or a processing instruction: nothing read, but it parts
 * the text around it. */
static void
on_comment(void *ctx, const xmlChar *value)
{
	struct scratch	*s = scratch_of(ctx);

	(void)value;
	add_here(s, node_new(s, HN_OTHER));
}

static void
on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	(void)target;
	(void)data;
	on_comment(ctx, NULL);
}

/* --- a thread's parser --------------------------------------------------- */

static pthread_once_t	 init_once = PTHREAD_ONCE_INIT;
static pthread_key_t	 scratch_key;

static void
scratch_free(void *p)
{
	struct scratch	*s = p;
	struct chunk	*c, *next;

	if (s == NULL)
		return;
	if (s->ctxt != NULL)
		htmlFreeParserCtxt(s->ctxt);
	for (c = s->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(s->buf);
	free(s->attrs);
	free(s->stack);
	free(s);
}

static void
init(void)
{
	xmlInitParser();
	tags_init();
	if (pthread_key_create(&scratch_key, scratch_free) != 0)
		fatal("format-html: no thread key");
}

static htmlParserCtxtPtr
parser_new(struct scratch *s)
{
	htmlParserCtxtPtr ctxt;
	xmlSAXHandler	*h;

	if ((ctxt = htmlNewParserCtxt()) == NULL)
		fatal("format-html: out of memory");
	h = ctxt->sax;
	h->internalSubset = on_internal_subset;
	h->externalSubset = NULL;
	h->getEntity = NULL;
	h->setDocumentLocator = NULL;
	h->startDocument = on_start_document;
	h->endDocument = NULL;
	h->startElement = on_start_element;
	h->endElement = on_end_element;
	h->reference = NULL;
	h->characters = on_characters;
	h->cdataBlock = on_cdata;
	h->ignorableWhitespace = NULL;
	h->processingInstruction = on_pi;
	h->comment = on_comment;
	ctxt->_private = s;
	memset(s->cache, 0, sizeof s->cache);
	return ctxt;
}

/* This thread's scratch, its pools empty and its document not begun. */
static struct scratch *
scratch_get(void)
{
	struct scratch	*s;

	pthread_once(&init_once, init);
	if ((s = pthread_getspecific(scratch_key)) == NULL) {
		s = xcalloc(1, sizeof *s);
		if (pthread_setspecific(scratch_key, s) != 0)
			fatal("format-html: no thread key");
	}
	if (s->ctxt == NULL || (s->ctxt->dict != NULL &&
	    xmlDictSize(s->ctxt->dict) > DICT_NAMES)) {
		if (s->ctxt != NULL)
			htmlFreeParserCtxt(s->ctxt);
		s->ctxt = parser_new(s);
	}
	s->cur = s->chunks;
	s->used = 0;
	s->nbuf = 0;
	s->nattrs = 0;
	s->depth = 0;
	memset(&s->doc, 0, sizeof s->doc);
	s->doc.type = HN_DOC;
	s->node = NULL;
	s->started = false;
	s->dtd = false;
	s->nodelen = 0;
	s->nodemem = 0;
	return s;
}

/* What a large page left is let go, so a thread holds little between. */
static void
scratch_trim(struct scratch *s)
{
	struct chunk	*c, *next;
	size_t		 k;

	if (s->nchunks > KEEP_CHUNKS) {
		for (c = s->chunks, k = 1; k < KEEP_CHUNKS; k++)
			c = c->next;
		next = c->next;
		c->next = NULL;
		for (c = next; c != NULL; c = next) {
			next = c->next;
			free(c);
		}
		s->nchunks = KEEP_CHUNKS;
	}
	if (s->bufcap > KEEP_BYTES) {
		free(s->buf);
		s->buf = NULL;
		s->bufcap = 0;
	}
	if (s->attrcap > KEEP_BYTES / sizeof *s->attrs) {
		free(s->attrs);
		s->attrs = NULL;
		s->attrcap = 0;
	}
}

/*
 * The page parsed into s's tree; its first element at the top level (as
 * xmlDocGetRootElement() has it), or NULL when there is none.  This is
 * htmlReadMemory() on a parser kept: that starts from a new parser
 * whose charset is UTF-8 (htmlCtxtReadMemory()'s reset parser would
 * guess one at the first byte past ASCII, and read some pages
 * otherwise).
 */
static struct hnode *
parse(struct scratch *s, const uint8_t *buf, size_t n, const char *encoding)
{
	htmlParserCtxtPtr ctxt = s->ctxt;
	xmlParserInputBufferPtr in;
	xmlParserInputPtr st;
	xmlCharEncodingHandlerPtr h;
	struct hnode	*top;

	if (n == 0 || n > INT_MAX)
		return NULL;
	htmlCtxtReset(ctxt);
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	in = xmlParserInputBufferCreateMem((const char *)buf, (int)n,
	    XML_CHAR_ENCODING_NONE);
	if (in == NULL)
		fatal("format-html: out of memory");
	if ((st = xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_NONE)) ==
	    NULL)
		fatal("format-html: out of memory");
	inputPush(ctxt, st);
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
	ctxt->html = 1;
	if (encoding != NULL &&
	    (h = xmlFindCharEncodingHandler(encoding)) != NULL) {
		xmlSwitchToEncoding(ctxt, h);
		xmlFree((xmlChar *)ctxt->input->encoding);
		ctxt->input->encoding = xmlStrdup((const xmlChar *)encoding);
	}
	htmlParseDocument(ctxt);
	/* The parser's copy of the page goes now, not with the next. */
	htmlCtxtReset(ctxt);
	if (!s->started)
		return NULL;
	for (top = s->doc.children; top != NULL; top = top->next)
		if (top->type == HN_ELEM)
			return top;
	return NULL;
}

/* --- the walks ---------------------------------------------------------- */

/* The next node in document order after n's subtree, within root. */
static struct hnode *
next_after(struct hnode *n, const struct hnode *root)
{
	while (n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Text bytes other than white space: what counts as text. */
static size_t
text_weight(const char *s)
{
	size_t	 k = 0;

	for (; *s != '\0'; s++)
		k += (unsigned char)*s > ' ';
	return k;
}

/* An element's counts are kept; the document above the top has none. */
static bool
counted(const struct hnode *n)
{
	return n != NULL && n->type == HN_ELEM;
}

/*
 * Mark junk and count text, leaving each element with its totals: an
 * element is left once its children are, when its totals go up to its
 * parent.
 */
static void
count(const struct scratch *s, struct hnode *top)
{
	struct hnode	*n = top, *p;
	bool		 down;

	while (n != NULL) {
		down = false;
		if (n->type == HN_ELEM) {
			p = n->parent;
			n->junk = (counted(p) && p->junk) || is_junk(s, n);
			down = !n->junk && n->children != NULL;
		} else if ((n->type == HN_TEXT || n->type == HN_CDATA) &&
		    counted(n->parent) && !n->parent->junk)
			n->parent->text += text_weight(content(s, n));
		if (down) {
			n = n->children;
			continue;
		}
		/* Leave n, and every ancestor whose last child it was. */
		for (;;) {
			if (n->type == HN_ELEM && counted(p = n->parent) &&
			    !n->junk) {
				if (n->flags & (H_P | H_PRE))
					n->ptext = n->text;
				p->text += n->text;
				p->ptext += n->ptext;
				if (n->flags & H_P) {
					p->dense += n->text;
					if (counted(p->parent))
						p->parent->dense +=
						    n->text / 2;
				}
			}
			if (n == top)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* The element under top of a name with the most paragraph text. */
static struct hnode *
best_named(const struct scratch *s, struct hnode *top, unsigned name,
    const char *role)
{
	struct hnode	*n, *best = NULL;

	for (n = top; n != NULL; n = n->type == HN_ELEM && !n->junk &&
	    n->children != NULL ? n->children : next_after(n, top)) {
		if (n->type != HN_ELEM || n->junk)
			continue;
		if (!is(n, name) && !(role != NULL &&
		    attr_eq(s, n, A_ROLE, role)))
			continue;
		if (best == NULL || n->ptext > best->ptext)
			best = n;
	}
	return best != NULL && best->ptext > 0 ? best : NULL;
}

static struct hnode *
densest(struct hnode *top)
{
	struct hnode	*n, *best = NULL;

	for (n = top; n != NULL; n = n->type == HN_ELEM && !n->junk &&
	    n->children != NULL ? n->children : next_after(n, top)) {
		if (n->type != HN_ELEM || n->junk)
			continue;
		if (best == NULL || n->dense > best->dense)
			best = n;
	}
	return best != NULL && best->dense > 0 ? best : NULL;
}

static struct hnode *
find_first(struct hnode *top, unsigned name)
{
	struct hnode	*n;

	for (n = top; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, top))
		if (is(n, name))
			return n;
	return NULL;
}

/* --- paragraphs --------------------------------------------------------- */

struct walk {
	struct store_doc *doc;
	int	 heading, quote, list, pre;	/* elements open */
};

static enum para_kind
kind_now(const struct walk *w)
{
	if (w->heading > 0)
		return PARA_HEADING;
	if (w->list > 0)
		return PARA_LIST;
	if (w->quote > 0)
		return PARA_QUOTE;
	return PARA_BODY;
}

static void
open_close(struct walk *w, const struct hnode *n, int d)
{
	unsigned f = n->flags;

	if (f & H_HEADING)
		w->heading += d;
	else if (f & H_QUOTE)
		w->quote += d;
	else if (f & H_LIST)
		w->list += d;
	else if (f & H_PRE)
		w->pre += d;
}

/* Text in <pre>: each line a paragraph, as it is. */
static void
pre_text(struct walk *w, const char *p)
{
	const char	*nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		store_doc_text(w->doc, (const uint8_t *)p, (size_t)(nl - p));
		store_doc_end(w->doc, kind_now(w));
		p = nl + 1;
	}
	store_doc_text(w->doc, (const uint8_t *)p, strlen(p));
}

static void
paragraphs(const struct scratch *s, struct walk *w, struct hnode *root)
{
	struct hnode	*n = root;
	bool		 down;

	while (n != NULL) {
		down = false;
		if (n->type == HN_ELEM && !n->junk) {
			if (n->flags & H_BLOCK) {
				store_doc_end(w->doc, kind_now(w));
				open_close(w, n, 1);
			} else if (n->flags & H_BR)
				store_doc_text(w->doc, (const uint8_t *)" ", 1);
			down = n->children != NULL;
		} else if (n->type == HN_TEXT || n->type == HN_CDATA) {
			if (w->pre > 0)
				pre_text(w, content(s, n));
			else
				store_doc_text(w->doc,
				    (const uint8_t *)content(s, n),
				    strlen(content(s, n)));
		}
		if (down) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == HN_ELEM && !n->junk &&
			    (n->flags & H_BLOCK)) {
				store_doc_end(w->doc, kind_now(w));
				open_close(w, n, -1);
			}
			if (n == root)
				return;
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* --- metadata ----------------------------------------------------------- */

/*
 * The text under n, as xmlNodeGetContent() gives it: every text node's
 * up to its first NUL, in a new string.
 */
static char *
text_of(const struct scratch *s, struct hnode *top)
{
	struct hnode	*n;
	char		*v;
	size_t		 len = 0, k;

	for (n = top; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, top))
		if (n->type == HN_TEXT || n->type == HN_CDATA)
			len += strlen(content(s, n));
	v = xmalloc(len + 1);
	len = 0;
	for (n = top; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, top))
		if (n->type == HN_TEXT || n->type == HN_CDATA) {
			k = strlen(content(s, n));
			memcpy(v + len, content(s, n), k);
			len += k;
		}
	v[len] = '\0';
	return v;
}

static void
meta_str(struct store_doc *doc, const char *key, const char *v)
{
	if (v != NULL)
		store_doc_meta(doc, key, (const uint8_t *)v, strlen(v));
}

/*
 * A <title> without its site's name: "Story | Site", "Story - Site",
 * "Story – Site", when what follows the last separator is the shorter.
 * Returns the length to keep.
 */
static size_t
site_suffix(const char *v)
{
	static const char *const seps[] = {
		" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 "
	};
	const char	*s = v, *p, *last = NULL;
	size_t		 i, n = strlen(s), keep = n;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++)
		for (p = strstr(s, seps[i]); p != NULL;
		    p = strstr(p + 1, seps[i]))
			if (last == NULL || p > last) {
				last = p;
				keep = (size_t)(p - s);
			}
	if (last == NULL || keep == 0 || n - keep > keep)
		return n;
	return keep;
}

static void
meta_str_n(struct store_doc *doc, const char *key, const char *v,
    size_t n)
{
	store_doc_meta(doc, key, (const uint8_t *)v, n);
}

/* ISO 8601's date and time: the date is what a reader wants. */
static void
meta_date(struct store_doc *doc, const char *v)
{
	const char	*s = v;
	size_t		 n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (n > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' ||
	    s[10] == ' '))
		n = 10;
	store_doc_meta(doc, "Date", (const uint8_t *)v, n);
}


static bool
is_http(const char *v)
{
	return v != NULL && (prefix_ci((const uint8_t *)v, strlen(v),
	    "http://") || prefix_ci((const uint8_t *)v, strlen(v),
	    "https://"));
}

/*
 * The page's metadata: <meta> by name or property, <link rel=canonical>,
 * in an order of preference (the first value of a key is kept).
 */
static void
metadata(const struct scratch *s, struct store_doc *doc, struct hnode *top,
    struct hnode *root)
{
	static const struct {
		enum hn_attr	 attr;
		const char	*val, *key;
	} metas[] = {
		{ A_PROPERTY, "og:title", "Title" },
		{ A_NAME, "twitter:title", "Title" },
		{ A_PROPERTY, "article:published_time", "Date" },
		{ A_NAME, "date", "Date" },
		{ A_NAME, "pubdate", "Date" },
		{ A_NAME, "dc.date", "Date" },
		{ A_ITEMPROP, "datePublished", "Date" },
		{ A_NAME, "author", "Author" },
		{ A_PROPERTY, "article:author", "Author" },
		{ A_PROPERTY, "og:site_name", "Source" },
		{ A_NAME, "application-name", "Source" },
		{ A_PROPERTY, "og:url", "URL" },
	};
#define NMETAS	(sizeof metas / sizeof metas[0])
	struct hnode	*n, *head, *found[NMETAS];
	const char	*v;
	char		*t;
	size_t		 i;

	/* <meta>, <title> and <link> belong in the head (the parser puts
	 * them there even when the page does not). */
	if ((head = find_first(top, H_HEAD)) == NULL)
		head = top;
	/* Each kind's first <meta>, in one walk of the head. */
	memset(found, 0, sizeof found);
	for (n = head; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, head)) {
		if (!is(n, H_META) || !n->has_attrs)
			continue;
		for (i = 0; i < NMETAS; i++)
			if (found[i] == NULL && attr_eq(s, n, metas[i].attr,
			    metas[i].val))
				found[i] = n;
	}
	for (i = 0; i < NMETAS; i++)
		if ((n = found[i]) != NULL) {
			v = attr(s, n, A_CONTENT);
			if (strcmp(metas[i].key, "Date") == 0)
				meta_date(doc, v);
			else if (strcmp(metas[i].key, "URL") != 0)
				meta_str(doc, metas[i].key, v);
			else if (is_http(v))
				meta_str(doc, "URL", v);
		}
	/* A title: the article's first <h1>, else the page's <title>. */
	if (root != NULL && (n = find_first(root, H_H1)) != NULL &&
	    !n->junk) {
		t = text_of(s, n);
		meta_str(doc, "Title", t);
		free(t);
	}
	if ((n = find_first(head, H_TITLE)) != NULL) {
		t = text_of(s, n);
		meta_str_n(doc, "Title", t, site_suffix(t));
		free(t);
	}
	if (root != NULL && (n = find_first(root, H_TIME)) != NULL)
		meta_date(doc, attr(s, n, A_DATETIME));
	for (n = head; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, head))
		if (is(n, H_LINK) && attr_eq(s, n, A_REL, "canonical")) {
			v = attr(s, n, A_HREF);
			if (is_http(v))
				meta_str(doc, "URL", v);
			break;
		}
}

/* --- the conversion ----------------------------------------------------- */

/* The paragraphs under root (none when it is junk). */
static void
emit(const struct scratch *s, struct store_doc *doc, struct hnode *root)
{
	struct walk	 w;

	memset(&w, 0, sizeof w);
	w.doc = doc;
	if (!root->junk)
		paragraphs(s, &w, root);
	store_doc_end(doc, PARA_BODY);
}

static bool
html_convert(struct store_doc *doc, const uint8_t *buf, size_t n,
    const char **why)
{
	struct scratch	*s;
	struct hnode	*top, *body, *root;

	if (n > INT_MAX) {
		*why = "too large for the HTML parser";
		return false;
	}
	s = scratch_get();
	if ((top = parse(s, buf, n, NULL)) == NULL) {
		scratch_trim(s);
		*why = "not an HTML page (nothing in it)";
		return false;
	}
	count(s, top);
	body = find_first(top, H_BODY);
	if ((root = best_named(s, top, H_ARTICLE, NULL)) == NULL &&
	    (root = best_named(s, top, H_MAIN, "main")) == NULL &&
	    (root = densest(top)) == NULL)
		root = body != NULL ? body : top;
	metadata(s, doc, top, root);
	emit(s, doc, root);
	scratch_trim(s);
	return true;
}

/*
 * An item's or a message's HTML: all of its body that is not junk (a
 * fragment has no chrome to leave out, but a newsletter has), or its
 * <article> or <main> when it has one; no metadata from it, the
 * container's is the item's.
 */
void
format_html_body(struct store_doc *doc, const uint8_t *buf, size_t n)
{
	struct scratch	*s;
	struct hnode	*top, *root;

	if (n == 0 || n > INT_MAX)
		return;
	s = scratch_get();
	if ((top = parse(s, buf, n, "UTF-8")) == NULL) {
		scratch_trim(s);
		return;
	}
	count(s, top);
	if ((root = best_named(s, top, H_ARTICLE, NULL)) == NULL &&
	    (root = best_named(s, top, H_MAIN, "main")) == NULL &&
	    (root = find_first(top, H_BODY)) == NULL)
		root = top;
	store_doc_end(doc, PARA_BODY);
	emit(s, doc, root);
	scratch_trim(s);
}

static const char *const html_exts[] = { ".html", ".htm", ".xhtml", NULL };

const struct format format_html = {
	.name = "html",
	.exts = html_exts,
	.sniff = html_sniff,
	.convert = html_convert,
	.cooked = false,
};
