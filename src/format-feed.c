/*
 * format-feed.c - RSS 2.0 (and 1.0) and Atom feeds, through libxml2's
 * XML parser: a container, each item an article.
 *
 * The parser never reaches the network (XML_PARSE_NONET), loads no
 * external DTD or entity (no XML_PARSE_DTDLOAD, no XML_PARSE_NOENT: an
 * entity reference stays a node and is never expanded here) and keeps
 * its limits (no XML_PARSE_HUGE: 256 levels deep at most, and its guard
 * against entity amplification).  A feed that declares entities at all
 * is refused: no real feed does, and an XXE or a billion laughs needs
 * them.  Text is gathered from text and CDATA nodes only, without
 * recursion, and capped.
 *
 * An item's metadata: its title, date (pubDate, dc:date, published,
 * updated), link, author (author, dc:creator, Atom's author name) and
 * the feed's title as its source; its identity, for the reading state,
 * is its guid or Atom id, else its link.  Its body: content:encoded,
 * else description (RSS's are HTML), or Atom's content, else summary,
 * by their type (html and xhtml through the HTML path, text as text).
 */
#include "config.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "format.h"
#include "store.h"
#include "util.h"

#define SNIFF_BYTES	4096
#define MAX_TEXT	((size_t)4 << 20)	/* one field's text, at most */
#define MAX_META	1024			/* a metadata value's bytes */

/* --- recognising a feed ------------------------------------------------- */

static bool
name_at(const uint8_t *s, size_t n, size_t i, const char *name)
{
	size_t	 k = strlen(name);

	if (i + k >= n || memcmp(s + i, name, k) != 0)
		return false;
	return s[i + k] == ' ' || s[i + k] == '>' || s[i + k] == '\t' ||
	    s[i + k] == '\n' || s[i + k] == '\r' || s[i + k] == '/';
}

static bool
tag_has(const uint8_t *s, const uint8_t *end, const char *what)
{
	return memmem(s, (size_t)(end - s), what, strlen(what)) != NULL;
}

/*
 * The first element (after a BOM, white space, an XML declaration,
 * comments, processing instructions, a doctype) is <rss version=...>,
 * Atom's <feed xmlns=...> or <rdf:RDF>.
 */
static bool
feed_sniff(const uint8_t *s, size_t n)
{
	size_t	 i = 0;
	const uint8_t *gt;

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r'))
			i++;
		if (i + 1 >= n || s[i] != '<')
			return false;
		if (s[i + 1] != '?' && s[i + 1] != '!')
			break;
		if ((gt = memchr(s + i, '>', n - i)) == NULL)
			return false;
		i = (size_t)(gt - s) + 1;
	}
	i++;
	/* The tag says which feed it is: "<rss> is a tag" is not one. */
	if ((gt = memchr(s + i, '>', n - i)) == NULL)
		return false;
	return (name_at(s, n, i, "rss") && tag_has(s + i, gt, "version=")) ||
	    (name_at(s, n, i, "feed") && tag_has(s + i, gt,
	    "http://www.w3.org/2005/Atom")) || name_at(s, n, i, "rdf:RDF");
}

/* --- the tree ------------------------------------------------------------ */

static bool
is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

/* A child's name with a namespace prefix, e.g. content:encoded. */
static bool
is_ns(const xmlNode *n, const char *prefix, const char *name)
{
	return is(n, name) && n->ns != NULL && n->ns->prefix != NULL &&
	    strcmp((const char *)n->ns->prefix, prefix) == 0;
}

static bool
plain(const xmlNode *n, const char *name)
{
	return is(n, name) && (n->ns == NULL || n->ns->prefix == NULL);
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (plain(c, name))
			return c;
	return NULL;
}

static xmlNode *
child_ns(const xmlNode *n, const char *prefix, const char *name)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_ns(c, prefix, name))
			return c;
	return NULL;
}

/* A growable buffer of text. */
struct buf {
	uint8_t	*s;
	size_t	 n, cap;
};

static void
buf_add(struct buf *b, const uint8_t *s, size_t n)
{
	if (b->n + n > MAX_TEXT)
		n = MAX_TEXT - b->n;
	if (n == 0)
		return;
	if (b->n + n > b->cap) {
		b->cap = b->n + n + 256;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
}

/*
 * The text and CDATA under top, in order, into b (emptied first); an
 * entity reference is not followed, so nothing is expanded.
 */
static void
text_under(const xmlNode *top, struct buf *b)
{
	const xmlNode *n = top->children;

	b->n = 0;
	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			buf_add(b, n->content, strlen((const char *)
			    n->content));
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL) {
			n = n->parent;
			if (n == top)
				return;
		}
		if (n != NULL)
			n = n->next;
	}
}

static void
meta(struct store_doc *doc, const char *key, const xmlNode *n,
    struct buf *b)
{
	size_t	 k;

	if (n == NULL)
		return;
	text_under(n, b);
	k = b->n;
	if (k > MAX_META) {
		/* Cut at a character's start, not inside one. */
		for (k = MAX_META; k > 0 && (b->s[k] & 0xc0) == 0x80; k--)
			;
	}
	if (strcmp(key, "Date") == 0)
		format_meta_date(doc, b->s, k);
	else if (strcmp(key, "URL") == 0)
		format_meta_url(doc, b->s, k);
	else
		store_doc_meta(doc, key, b->s, k);
}

static const xmlChar *
attr(const xmlNode *n, const char *name)
{
	const xmlAttr	*a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->name != NULL && strcmp((const char *)a->name,
		    name) == 0 && a->children != NULL &&
		    a->children->type == XML_TEXT_NODE)
			return a->children->content;
	return NULL;
}

/* A body as its type says: HTML, XHTML (serialized again) or text. */
static void
body(struct store_doc *doc, xmlNode *n, const char *type, struct buf *b)
{
	xmlBuffer	*xb;
	xmlNode		*c;

	if (n == NULL)
		return;
	if (type != NULL && strcasecmp(type, "xhtml") == 0) {
		if ((xb = xmlBufferCreate()) == NULL)
			fatal("out of memory (XHTML)");
		for (c = n->children; c != NULL; c = c->next)
			if (xmlBufferLength(xb) < (int)MAX_TEXT)
				xmlNodeDump(xb, n->doc, c, 0, 0);
		format_html_body(doc, xmlBufferContent(xb),
		    (size_t)xmlBufferLength(xb));
		xmlBufferFree(xb);
		return;
	}
	text_under(n, b);
	if (type != NULL && (strcasecmp(type, "text") == 0 ||
	    strcasecmp(type, "text/plain") == 0))
		format_text_body(doc, b->s, b->n);
	else
		format_html_body(doc, b->s, b->n);
}

static const uint8_t *
id_of(const xmlNode *n, struct buf *b, size_t *len)
{
	if (n == NULL)
		return NULL;
	text_under(n, b);
	*len = b->n;
	return b->n > 0 ? b->s : NULL;
}

/* --- RSS and Atom --------------------------------------------------------- */

static bool
rss_item(struct format_sink *sink, xmlNode *it, const xmlNode *chan,
    struct buf *b, struct buf *idb)
{
	struct store_doc *doc;
	const uint8_t	*id;
	xmlNode		*c;
	size_t		 idlen = 0;

	if ((id = id_of(child(it, "guid"), idb, &idlen)) == NULL)
		id = id_of(child(it, "link"), idb, &idlen);
	if ((doc = sink->next(sink, id, idlen)) == NULL)
		return false;
	meta(doc, "Title", child(it, "title"), b);
	if ((c = child(it, "pubDate")) == NULL)
		c = child_ns(it, "dc", "date");
	meta(doc, "Date", c, b);
	if (chan != NULL)
		meta(doc, "Source", child(chan, "title"), b);
	if ((c = child(it, "author")) == NULL)
		c = child_ns(it, "dc", "creator");
	meta(doc, "Author", c, b);
	meta(doc, "URL", child(it, "link"), b);
	if ((c = child_ns(it, "content", "encoded")) == NULL)
		c = child(it, "description");
	body(doc, c, "html", b);
	return true;
}

static bool
atom_entry(struct format_sink *sink, xmlNode *e, const xmlNode *feed,
    struct buf *b, struct buf *idb)
{
	struct store_doc *doc;
	const uint8_t	*id;
	const xmlChar	*rel, *href = NULL;
	xmlNode		*c;
	size_t		 idlen = 0;

	for (c = e->children; c != NULL; c = c->next)
		if (plain(c, "link") && ((rel = attr(c, "rel")) == NULL ||
		    strcmp((const char *)rel, "alternate") == 0) &&
		    (href = attr(c, "href")) != NULL)
			break;
	if ((id = id_of(child(e, "id"), idb, &idlen)) == NULL && href) {
		id = href;
		idlen = strlen((const char *)href);
	}
	if ((doc = sink->next(sink, id, idlen)) == NULL)
		return false;
	meta(doc, "Title", child(e, "title"), b);
	if ((c = child(e, "published")) == NULL)
		c = child(e, "updated");
	meta(doc, "Date", c, b);
	if (feed != NULL)
		meta(doc, "Source", child(feed, "title"), b);
	if ((c = child(e, "author")) != NULL || (feed != NULL &&
	    (c = child(feed, "author")) != NULL))
		meta(doc, "Author", child(c, "name"), b);
	if (href != NULL)
		format_meta_url(doc, href, strlen((const char *)href));
	if ((c = child(e, "content")) == NULL)
		c = child(e, "summary");
	if (c != NULL) {
		const xmlChar *type = attr(c, "type");

		body(doc, c, type != NULL ? (const char *)type : "text", b);
	}
	return true;
}

/* Does the document declare any entity (internal or external subset)? */
static bool
has_entities(const xmlDoc *d)
{
	const xmlNode *n;

	if (d->intSubset == NULL)
		return false;
	for (n = d->intSubset->children; n != NULL; n = n->next)
		if (n->type == XML_ENTITY_DECL)
			return true;
	return d->intSubset->entities != NULL ||
	    d->intSubset->pentities != NULL;
}

static pthread_once_t	 init_once = PTHREAD_ONCE_INIT;

/* Once, before any thread parses: libxml2's own initialisation is not. */
static void
init(void)
{
	xmlInitParser();
}

static bool
feed_items(struct format_sink *sink, const uint8_t *s, size_t n,
    const char **why)
{
	struct buf	 b = { 0 }, idb = { 0 };
	xmlDoc		*d;
	xmlNode		*root, *chan = NULL, *c;
	bool		 more = true;

	pthread_once(&init_once, init);
	if (n > INT_MAX) {
		*why = "too large for the XML parser";
		return false;
	}
	d = xmlReadMemory((const char *)s, (int)n, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOBLANKS | XML_PARSE_COMPACT);
	if (d == NULL || (root = xmlDocGetRootElement(d)) == NULL) {
		if (d != NULL)
			xmlFreeDoc(d);
		*why = "not a well-formed feed (broken XML)";
		return false;
	}
	if (has_entities(d)) {
		xmlFreeDoc(d);
		*why = "a feed that declares entities (refused: never "
		    "expanded)";
		return false;
	}
	if (is(root, "rss") || is(root, "RDF")) {
		/* RSS 2.0's items are in the channel, RSS 1.0's beside it. */
		for (c = root->children; c != NULL; c = c->next)
			if (is(c, "channel") && chan == NULL)
				chan = c;
		if (chan != NULL)
			for (c = chan->children; c != NULL && more;
			    c = c->next)
				if (plain(c, "item"))
					more = rss_item(sink, c, chan, &b,
					    &idb);
		for (c = root->children; c != NULL && more; c = c->next)
			if (plain(c, "item"))
				more = rss_item(sink, c, chan, &b, &idb);
	} else if (is(root, "feed")) {
		for (c = root->children; c != NULL && more; c = c->next)
			if (plain(c, "entry"))
				more = atom_entry(sink, c, root, &b, &idb);
	} else {
		xmlFreeDoc(d);
		*why = "XML, but not an RSS or Atom feed";
		return false;
	}
	free(b.s);
	free(idb.s);
	xmlFreeDoc(d);
	return true;
}

static const char *const feed_exts[] = { ".rss", ".atom", NULL };

const struct format format_feed = {
	.name = "feed",
	.exts = feed_exts,
	.sniff = feed_sniff,
	.items = feed_items,
	.cooked = false,
};
