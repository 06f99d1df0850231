/*
 * format-md.c - Markdown notes, through cmark (CommonMark's reference
 * parser).
 *
 * Metadata first: a YAML front matter block (a "---" line, "key: value"
 * lines, a "---" or "..." line) or, as in plain text, a header block of
 * "Key: value" lines.  Front matter is read line by line for its simple
 * keys (title, date, author, source or site, url or link); lists and
 * nested values are not metadata a reader shows, and are left out.
 *
 * Then cmark's tree, walked with its iterator (no recursion here; cmark's
 * own parser keeps no deep stack either): headings, paragraphs,
 * quotations (paragraphs inside a block quote), list items; the text of
 * emphasis, links and inline code without their markup, a link's address
 * and images left out; raw HTML left out; each line of a code block a
 * paragraph as it is.  Body paragraphs are typed as plain text's are (a
 * short line without final punctuation is a heading), so that a .md file
 * written as plain text reads as it did.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "format.h"
#include "store.h"

/* --- front matter ------------------------------------------------------- */

/* The line at s[b, ...): its end (without the newline). */
static size_t
line_end(const uint8_t *s, size_t b, size_t n)
{
	const uint8_t	*nl;

	if (b >= n)
		return n;
	nl = memchr(s + b, '\n', n - b);
	return nl != NULL ? (size_t)(nl - s) : n;
}

static bool
line_is(const uint8_t *s, size_t b, size_t e, const char *what)
{
	size_t	 k = strlen(what);

	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e - b == k && memcmp(s + b, what, k) == 0;
}

/* "key: value" with a simple key; sets the key's end and the value. */
static bool
yaml_pair(const uint8_t *s, size_t b, size_t e, size_t *kend, size_t *vb,
    size_t *ve)
{
	size_t	 i;

	for (i = b; i < e && i - b < 40; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-'))
			break;
	if (i == b || i >= e || s[i] != ':')
		return false;
	*kend = i;
	for (i++; i < e && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	/* 'quoted' or "quoted": without the quotes. */
	if (e - i >= 2 && (s[i] == '"' || s[i] == '\'') && s[e - 1] == s[i]) {
		i++;
		e--;
	}
	*vb = i;
	*ve = e;
	return true;
}

/* The end of a front matter block at the start of s, or 0 when none. */
static size_t
front_matter_end(const uint8_t *s, size_t n)
{
	size_t	 b, e;

	if (n < 4 || !line_is(s, 0, line_end(s, 0, n), "---"))
		return 0;
	for (b = line_end(s, 0, n) + 1; b < n; b = e + 1) {
		e = line_end(s, b, n);
		if (line_is(s, b, e, "---") || line_is(s, b, e, "..."))
			return e < n ? e + 1 : n;
	}
	return 0;
}

static void
front_matter(struct store_doc *doc, const uint8_t *s, size_t end)
{
	static const struct {
		const char	*name, *key;
	} keys[] = {
		{ "title", "Title" }, { "date", "Date" },
		{ "author", "Author" }, { "source", "Source" },
		{ "site", "Source" }, { "url", "URL" }, { "link", "URL" },
		{ "canonical_url", "URL" },
	};
	size_t	 b, e, kend, vb, ve, i;

	for (b = line_end(s, 0, end) + 1; b < end; b = e + 1) {
		e = line_end(s, b, end);
		if (!yaml_pair(s, b, e, &kend, &vb, &ve) || ve == vb)
			continue;
		for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (strlen(keys[i].name) == kend - b &&
			    strncasecmp(keys[i].name, (const char *)s + b,
			    kend - b) == 0)
				break;
		if (i == sizeof keys / sizeof keys[0])
			continue;
		/* An ISO date and time: the date. */
		if (strcmp(keys[i].key, "Date") == 0 && ve - vb > 10 &&
		    s[vb + 4] == '-' && s[vb + 7] == '-' &&
		    (s[vb + 10] == 'T' || s[vb + 10] == ' '))
			ve = vb + 10;
		store_doc_meta(doc, keys[i].key, s + vb, ve - vb);
	}
}

/*
 * Front matter says Markdown whatever the name: a "---" line, then a
 * "key: value" line, and the closing line.
 */
static bool
md_sniff(const uint8_t *s, size_t n)
{
	size_t	 b, e, kend, vb, ve;

	if (n >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) {
		s += 3;
		n -= 3;
	}
	if (n > 4096)
		n = 4096;
	if (front_matter_end(s, n) == 0)
		return false;
	b = line_end(s, 0, n) + 1;
	e = line_end(s, b, n);
	if (e > b && s[e - 1] == '\r')
		e--;
	return yaml_pair(s, b, e, &kend, &vb, &ve);
}

/* --- the tree ----------------------------------------------------------- */

struct walk {
	struct store_doc *doc;
	int	 quote, list;
};

static enum para_kind
kind_now(const struct walk *w)
{
	if (w->list > 0)
		return PARA_LIST;
	if (w->quote > 0)
		return PARA_QUOTE;
	return PARA_BODY;
}

static void
literal(struct walk *w, cmark_node *n)
{
	const char	*s = cmark_node_get_literal(n);

	if (s != NULL)
		store_doc_text(w->doc, (const uint8_t *)s, strlen(s));
}

/* A code block: each line a paragraph, as it is. */
static void
code_block(struct walk *w, cmark_node *n)
{
	const char	*s = cmark_node_get_literal(n), *nl;

	store_doc_end(w->doc, kind_now(w));
	if (s == NULL)
		return;
	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL)
			nl = s + strlen(s);
		store_doc_text(w->doc, (const uint8_t *)s, (size_t)(nl - s));
		store_doc_end_verbatim(w->doc, kind_now(w));
		s = *nl != '\0' ? nl + 1 : nl;
	}
}

static void
walk_tree(struct walk *w, cmark_node *root)
{
	cmark_iter	*it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node	*n;
	int		 skip = 0;	/* inside an image: its alt text */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		bool	 enter = ev == CMARK_EVENT_ENTER;

		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			skip += enter ? 1 : -1;
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (skip == 0)
				literal(w, n);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			if (skip == 0)
				store_doc_text(w->doc, (const uint8_t *)"\n",
				    1);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (!enter)
				store_doc_end(w->doc, kind_now(w));
			break;
		case CMARK_NODE_HEADING:
			store_doc_end(w->doc, enter ? kind_now(w) :
			    PARA_HEADING);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			store_doc_end(w->doc, kind_now(w));
			w->quote += enter ? 1 : -1;
			break;
		case CMARK_NODE_ITEM:
			store_doc_end(w->doc, kind_now(w));
			w->list += enter ? 1 : -1;
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block(w, n);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
		case CMARK_NODE_HTML_BLOCK:
			store_doc_end(w->doc, kind_now(w));
			break;
		default:	/* emphasis, links: their text only */
			break;
		}
	}
	cmark_iter_free(it);
	store_doc_end(w->doc, PARA_BODY);
}

static bool
md_convert(struct store_doc *doc, const uint8_t *s, size_t n,
    const char **why)
{
	cmark_node	*root;
	struct walk	 w;
	size_t		 skip;

	if ((skip = front_matter_end(s, n)) > 0)
		front_matter(doc, s, skip);
	else
		skip = store_doc_header(doc, s, n);
	root = cmark_parse_document((const char *)s + skip, n - skip,
	    CMARK_OPT_DEFAULT);
	if (root == NULL) {
		*why = "out of memory (Markdown)";
		return false;
	}
	memset(&w, 0, sizeof w);
	w.doc = doc;
	walk_tree(&w, root);
	cmark_node_free(root);
	return true;
}

static const char *const md_exts[] = {
	".md", ".markdown", ".mdown", ".mkd", NULL
};

const struct format format_markdown = {
	.name = "markdown",
	.exts = md_exts,
	.sniff = md_sniff,
	.convert = md_convert,
	.cooked = true,
	.doc_flags = STORE_DOC_GUESS,
};
