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
 * Then three walks of the tree, none recursive (a 10,000-deep page costs
 * no stack): the first marks what is never article text (scripts, styles,
 * navigation, forms, asides, footers, and anything whose class, id or
 * role says cookie banner, share buttons, comments, related stories,
 * newsletter...) and counts the text in paragraphs under each element;
 * the root of the article is the <article> with the most, else <main>,
 * else the element with the densest paragraphs directly under it, else
 * the body; the last walk turns the root's blocks into paragraphs:
 * headings, quotations (inside <blockquote>), list items, and the lines
 * of <pre> each a paragraph of its own.  Each element's counts live in an
 * array that the node's _private points into, for the length of one
 * conversion.
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "format.h"
#include "store.h"
#include "util.h"

#define SNIFF_BYTES	4096

/* What an element is, found once per element (names compared once). */
#define H_BLOCK		0x01	/* ends a paragraph */
#define H_NEVER		0x02	/* never article text */
#define H_P		0x04	/* <p> */
#define H_PRE		0x08	/* <pre> */
#define H_BR		0x10	/* <br> */
#define H_HEADING	0x20	/* <h1> to <h6> */
#define H_QUOTE		0x40	/* <blockquote> */
#define H_LIST		0x80	/* <li>, <dd>, <dt> */

struct hnode {
	unsigned flags;	/* H_* */
	size_t	 text;	/* bytes of text under it, outside junk */
	size_t	 ptext;	/* of that, inside paragraphs */
	size_t	 dense;	/* paragraph text of its children (and half of
			   its grandchildren's) */
	bool	 junk;
};

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

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

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
	qsort(tags, ntags, sizeof tags[0], tag_cmp);
}

/* An element's H_* flags, by its name (tags_init() has run). */
static unsigned
classify(const xmlNode *n)
{
	struct tag	 key, *t;

	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	key.name = (const char *)n->name;
	t = bsearch(&key, tags, ntags, sizeof tags[0], tag_cmp);
	return t != NULL ? t->flags : 0;
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
attr_is_junk(const xmlNode *n, const char *attr)
{
	xmlChar		*v = xmlGetProp(n, (const xmlChar *)attr);
	const char	*p, *w;
	bool		 junk = false;

	if (v == NULL)
		return false;
	for (p = (const char *)v; *p != '\0' && !junk;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '-' ||
		    *p == '_')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '-' && *p != '_')
			p++;
		/* "share-buttons": the first word of a compound says. */
		if (p > w && word_is_junk(w, (size_t)(p - w)))
			junk = true;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
	}
	xmlFree(v);
	return junk;
}

static bool
attr_eq(const xmlNode *n, const char *attr, const char *val)
{
	xmlChar	*v = xmlGetProp(n, (const xmlChar *)attr);
	bool	 eq;

	if (v == NULL)
		return false;
	eq = strcasecmp((const char *)v, val) == 0;
	xmlFree(v);
	return eq;
}

static bool
is_junk(const xmlNode *n)
{
	static const char *const roles[] = {
		"navigation", "banner", "contentinfo", "complementary",
		"dialog", "alertdialog", "search", "menu", "menubar", NULL
	};
	xmlChar	*role;
	size_t	 i;
	bool	 junk = false;

	if (((const struct hnode *)n->_private)->flags & H_NEVER)
		return true;
	if (n->properties == NULL)
		return false;
	if (xmlHasProp(n, (const xmlChar *)"hidden") != NULL ||
	    attr_eq(n, "aria-hidden", "true"))
		return true;
	if ((role = xmlGetProp(n, (const xmlChar *)"role")) != NULL) {
		for (i = 0; roles[i] != NULL && !junk; i++)
			junk = strcasecmp((const char *)role, roles[i]) == 0;
		xmlFree(role);
		if (junk)
			return true;
	}
	/* The article's own element is never junk for its class. */
	if (is(n, "article") || is(n, "main") || is(n, "body") ||
	    is(n, "html"))
		return false;
	return attr_is_junk(n, "class") || attr_is_junk(n, "id");
}

/* --- the walks ---------------------------------------------------------- */

static struct hnode *
hn(const xmlNode *n)
{
	return n->_private;
}

/* The next node in document order after n's subtree, within root. */
static xmlNode *
next_after(xmlNode *n, const xmlNode *root)
{
	while (n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Number the elements under top and point each at its counts. */
static struct hnode *
attach(xmlNode *top, size_t *count)
{
	struct hnode	*v;
	xmlNode		*n;
	size_t		 k = 0;

	for (n = top; n != NULL;
	    n = n->children != NULL ? n->children : next_after(n, top))
		k += n->type == XML_ELEMENT_NODE;
	v = xcalloc(k ? k : 1, sizeof *v);
	k = 0;
	for (n = top; n != NULL;
	    n = n->children != NULL ? n->children : next_after(n, top)) {
		if (n->type != XML_ELEMENT_NODE) {
			n->_private = NULL;
			continue;
		}
		v[k].flags = classify(n);
		n->_private = &v[k++];
	}
	*count = k;
	return v;
}

static void
detach(xmlNode *top)
{
	xmlNode	*n;

	for (n = top; n != NULL;
	    n = n->children != NULL ? n->children : next_after(n, top))
		n->_private = NULL;
}

/* Text bytes other than white space: what counts as text. */
static size_t
text_weight(const xmlChar *s)
{
	size_t	 k = 0;

	for (; s != NULL && *s != '\0'; s++)
		k += *s > ' ';
	return k;
}

/*
 * Mark junk and count text, leaving each element with its totals: an
 * element is left once its children are, when its totals go up to its
 * parent.
 */
static void
count(xmlNode *top)
{
	xmlNode		*n = top, *p;
	struct hnode	*h, *ph;
	bool		 down;

	while (n != NULL) {
		h = hn(n);
		down = false;
		if (n->type == XML_ELEMENT_NODE) {
			p = n->parent;
			h->junk = (p != NULL && p->type == XML_ELEMENT_NODE &&
			    hn(p)->junk) || is_junk(n);
			down = !h->junk && n->children != NULL;
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->parent != NULL &&
		    hn(n->parent) != NULL && !hn(n->parent)->junk)
			hn(n->parent)->text += text_weight(n->content);
		if (down) {
			n = n->children;
			continue;
		}
		/* Leave n, and every ancestor whose last child it was. */
		for (;;) {
			if (n->type == XML_ELEMENT_NODE &&
			    (p = n->parent) != NULL && (ph = hn(p)) != NULL &&
			    !(h = hn(n))->junk) {
				if (h->flags & (H_P | H_PRE))
					h->ptext = h->text;
				ph->text += h->text;
				ph->ptext += h->ptext;
				if (h->flags & H_P) {
					ph->dense += h->text;
					if (p->parent != NULL &&
					    hn(p->parent) != NULL)
						hn(p->parent)->dense +=
						    h->text / 2;
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

/* The element under top named name with the most paragraph text. */
static xmlNode *
best_named(xmlNode *top, const char *name, const char *role)
{
	xmlNode	*n, *best = NULL;

	for (n = top; n != NULL; n = n->type == XML_ELEMENT_NODE &&
	    !hn(n)->junk && n->children != NULL ? n->children :
	    next_after(n, top)) {
		if (n->type != XML_ELEMENT_NODE || hn(n)->junk)
			continue;
		if (!is(n, name) && !(role != NULL && attr_eq(n, "role", role)))
			continue;
		if (best == NULL || hn(n)->ptext > hn(best)->ptext)
			best = n;
	}
	return best != NULL && hn(best)->ptext > 0 ? best : NULL;
}

static xmlNode *
densest(xmlNode *top)
{
	xmlNode	*n, *best = NULL;

	for (n = top; n != NULL; n = n->type == XML_ELEMENT_NODE &&
	    !hn(n)->junk && n->children != NULL ? n->children :
	    next_after(n, top)) {
		if (n->type != XML_ELEMENT_NODE || hn(n)->junk)
			continue;
		if (best == NULL || hn(n)->dense > hn(best)->dense)
			best = n;
	}
	return best != NULL && hn(best)->dense > 0 ? best : NULL;
}

static xmlNode *
find_first(xmlNode *top, const char *name)
{
	xmlNode	*n;

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
open_close(struct walk *w, const xmlNode *n, int d)
{
	unsigned f = hn(n)->flags;

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
pre_text(struct walk *w, const xmlChar *s)
{
	const char	*p = (const char *)s, *nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		store_doc_text(w->doc, (const uint8_t *)p, (size_t)(nl - p));
		store_doc_end(w->doc, kind_now(w));
		p = nl + 1;
	}
	store_doc_text(w->doc, (const uint8_t *)p, strlen(p));
}

static void
paragraphs(struct walk *w, xmlNode *root)
{
	xmlNode	*n = root;
	bool	 down;

	while (n != NULL) {
		down = false;
		if (n->type == XML_ELEMENT_NODE && !hn(n)->junk) {
			if (hn(n)->flags & H_BLOCK) {
				store_doc_end(w->doc, kind_now(w));
				open_close(w, n, 1);
			} else if (hn(n)->flags & H_BR)
				store_doc_text(w->doc, (const uint8_t *)" ", 1);
			down = n->children != NULL;
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content == NULL)
				;
			else if (w->pre > 0)
				pre_text(w, n->content);
			else
				store_doc_text(w->doc, n->content,
				    strlen((const char *)n->content));
		}
		if (down) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE && !hn(n)->junk &&
			    (hn(n)->flags & H_BLOCK)) {
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

/* The text under n, white space collapsed, in a new string (or NULL). */
static xmlChar *
text_of(xmlNode *n)
{
	return xmlNodeGetContent(n);
}

static void
meta_str(struct store_doc *doc, const char *key, const xmlChar *v)
{
	if (v != NULL)
		store_doc_meta(doc, key, v, strlen((const char *)v));
}

/*
 * A <title> without its site's name: "Story | Site", "Story - Site",
 * "Story – Site", when what follows the last separator is the shorter.
 * Returns the length to keep.
 */
static size_t
site_suffix(const xmlChar *v)
{
	static const char *const seps[] = {
		" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " :: ", " \xc2\xb7 "
	};
	const char	*s = (const char *)v, *p, *last = NULL;
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
meta_str_n(struct store_doc *doc, const char *key, const xmlChar *v,
    size_t n)
{
	store_doc_meta(doc, key, v, n);
}

/* ISO 8601's date and time: the date is what a reader wants. */
static void
meta_date(struct store_doc *doc, const xmlChar *v)
{
	const char	*s = (const char *)v;
	size_t		 n;

	if (s == NULL)
		return;
	n = strlen(s);
	if (n > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' ||
	    s[10] == ' '))
		n = 10;
	store_doc_meta(doc, "Date", v, n);
}

/*
 * The page's metadata: <meta> by name or property, <link rel=canonical>,
 * in an order of preference (the first value of a key is kept).
 */
static void
metadata(struct store_doc *doc, xmlNode *top, xmlNode *root)
{
	static const struct {
		const char	*attr, *val, *key;
	} metas[] = {
		{ "property", "og:title", "Title" },
		{ "name", "twitter:title", "Title" },
		{ "property", "article:published_time", "Date" },
		{ "name", "date", "Date" },
		{ "name", "pubdate", "Date" },
		{ "name", "dc.date", "Date" },
		{ "itemprop", "datePublished", "Date" },
		{ "name", "author", "Author" },
		{ "property", "article:author", "Author" },
		{ "property", "og:site_name", "Source" },
		{ "name", "application-name", "Source" },
		{ "property", "og:url", "URL" },
	};
#define NMETAS	(sizeof metas / sizeof metas[0])
	static const char *const attrs[3] = { "property", "name", "itemprop" };
	xmlNode		*n, *head, *found[NMETAS];
	xmlChar		*v, *av[3];
	size_t		 i, k;

	/* <meta>, <title> and <link> belong in the head (the parser puts
	 * them there even when the page does not). */
	if ((head = find_first(top, "head")) == NULL)
		head = top;
	/* Each kind's first <meta>, in one walk of the head. */
	memset(found, 0, sizeof found);
	for (n = head; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, head)) {
		if (!is(n, "meta") || n->properties == NULL)
			continue;
		for (k = 0; k < 3; k++)
			av[k] = xmlGetProp(n, (const xmlChar *)attrs[k]);
		for (i = 0; i < NMETAS; i++) {
			for (k = 0; strcmp(attrs[k], metas[i].attr) != 0; k++)
				;
			if (found[i] == NULL && av[k] != NULL &&
			    strcasecmp((const char *)av[k], metas[i].val) == 0)
				found[i] = n;
		}
		for (k = 0; k < 3; k++)
			xmlFree(av[k]);
	}
	for (i = 0; i < NMETAS; i++)
		if ((n = found[i]) != NULL) {
			v = xmlGetProp(n, (const xmlChar *)"content");
			if (strcmp(metas[i].key, "Date") == 0)
				meta_date(doc, v);
			else if (strcmp(metas[i].key, "URL") != 0)
				meta_str(doc, metas[i].key, v);
			else if (v != NULL && (prefix_ci(v, strlen((char *)v),
			    "http://") || prefix_ci(v, strlen((char *)v),
			    "https://")))
				meta_str(doc, "URL", v);
			xmlFree(v);
		}
	/* A title: the article's first <h1>, else the page's <title>. */
	if (root != NULL && (n = find_first(root, "h1")) != NULL &&
	    !hn(n)->junk) {
		v = text_of(n);
		meta_str(doc, "Title", v);
		xmlFree(v);
	}
	if ((n = find_first(head, "title")) != NULL) {
		v = text_of(n);
		if (v != NULL)
			meta_str_n(doc, "Title", v, site_suffix(v));
		xmlFree(v);
	}
	if (root != NULL && (n = find_first(root, "time")) != NULL) {
		v = xmlGetProp(n, (const xmlChar *)"datetime");
		meta_date(doc, v);
		xmlFree(v);
	}
	for (n = head; n != NULL; n = n->children != NULL ? n->children :
	    next_after(n, head))
		if (is(n, "link") && attr_eq(n, "rel", "canonical")) {
			v = xmlGetProp(n, (const xmlChar *)"href");
			if (v != NULL && (prefix_ci(v, strlen((char *)v),
			    "http://") || prefix_ci(v, strlen((char *)v),
			    "https://")))
				meta_str(doc, "URL", v);
			xmlFree(v);
			break;
		}
}

/* --- the conversion ----------------------------------------------------- */

static pthread_once_t	 init_once = PTHREAD_ONCE_INIT;

static void
init(void)
{
	xmlInitParser();
	tags_init();
}

/* The paragraphs under root (none when it is junk), then the tree freed. */
static void
emit_and_free(struct store_doc *doc, htmlDocPtr d, xmlNode *top,
    xmlNode *root, struct hnode *v)
{
	struct walk	 w;

	memset(&w, 0, sizeof w);
	w.doc = doc;
	if (!hn(root)->junk)
		paragraphs(&w, root);
	store_doc_end(doc, PARA_BODY);
	detach(top);
	free(v);
	xmlFreeDoc(d);
}

static bool
html_convert(struct store_doc *doc, const uint8_t *buf, size_t n,
    const char **why)
{
	htmlDocPtr	 d;
	xmlNode		*top, *body, *root;
	struct hnode	*v;
	size_t		 k;

	pthread_once(&init_once, init);
	if (n > INT_MAX) {
		*why = "too large for the HTML parser";
		return false;
	}
	d = htmlReadMemory((const char *)buf, (int)n, NULL, NULL,
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_COMPACT);
	if (d == NULL || (top = xmlDocGetRootElement(d)) == NULL) {
		if (d != NULL)
			xmlFreeDoc(d);
		*why = "not an HTML page (nothing in it)";
		return false;
	}
	v = attach(top, &k);
	count(top);
	body = find_first(top, "body");
	if ((root = best_named(top, "article", NULL)) == NULL &&
	    (root = best_named(top, "main", "main")) == NULL &&
	    (root = densest(top)) == NULL)
		root = body != NULL ? body : top;
	metadata(doc, top, root);
	emit_and_free(doc, d, top, root, v);
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
	htmlDocPtr	 d;
	xmlNode		*top, *root;
	struct hnode	*v;
	size_t		 k;

	pthread_once(&init_once, init);
	if (n == 0 || n > INT_MAX)
		return;
	d = htmlReadMemory((const char *)buf, (int)n, NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_COMPACT);
	if (d == NULL || (top = xmlDocGetRootElement(d)) == NULL) {
		if (d != NULL)
			xmlFreeDoc(d);
		return;
	}
	v = attach(top, &k);
	count(top);
	if ((root = best_named(top, "article", NULL)) == NULL &&
	    (root = best_named(top, "main", "main")) == NULL &&
	    (root = find_first(top, "body")) == NULL)
		root = top;
	store_doc_end(doc, PARA_BODY);
	emit_and_free(doc, d, top, root, v);
}

static const char *const html_exts[] = { ".html", ".htm", ".xhtml", NULL };

const struct format format_html = {
	.name = "html",
	.exts = html_exts,
	.sniff = html_sniff,
	.convert = html_convert,
	.cooked = false,
};
