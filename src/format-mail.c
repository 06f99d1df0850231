/*
 * format-mail.c - mail, through GMime: one message (an .eml file, or a
 * file of a Maildir's cur/ and new/), and mbox files, a container of
 * messages, each an article.
 *
 * GMime parses what mail really is (RFC 2047 encoded words in headers,
 * quoted-printable and base64 bodies, any charset, broken MIME read
 * loosely) and never fails on it: a message it can make nothing of has
 * no text, and the rest of the mailbox loads.  The message's Subject is
 * its title, its From its author and source, its Date its date, its
 * Message-ID its identity; its body is the first text/plain part that is
 * not an attachment, else the first text/html part through the HTML
 * path.  GMime gives the text in UTF-8 whatever its charset.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>
#include <unistr.h>

#include "format.h"
#include "store.h"

#define SNIFF_BYTES	4096
#define MAX_META	1024

static pthread_once_t	 init_once = PTHREAD_ONCE_INIT;

static void
init(void)
{
	g_mime_init();
}

/* --- recognising mail ---------------------------------------------------- */

/* Is s[b, e) "Name: ..." (a header's first line)? */
static bool
header_line(const uint8_t *s, size_t b, size_t e)
{
	size_t	 i;

	for (i = b; i < e && s[i] != ':'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-' || s[i] == '_'))
			return false;
	return i > b && i < e;
}

static bool
key_is(const uint8_t *s, size_t b, size_t e, const char *key)
{
	size_t	 k = strlen(key);

	return e - b > k && strncasecmp((const char *)s + b, key, k) == 0;
}

/*
 * A message: its first block is all headers (a line "Name: value", or a
 * folded one), with a From: and one that only mail has (Message-ID:,
 * Received:, MIME-Version:, Return-Path:, Delivered-To:), so that a
 * plain-text article's metadata header is never taken for one.
 */
static bool
mail_sniff(const uint8_t *s, size_t n)
{
	const uint8_t	*nl;
	size_t		 b, e, lines = 0;
	bool		 from = false, mail = false;

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	for (b = 0; b < n; b = e + 1) {
		nl = memchr(s + b, '\n', n - b);
		if (nl == NULL)
			break;		/* a header cut by the sniff's end */
		e = (size_t)(nl - s);
		if (e == b || (e == b + 1 && s[b] == '\r'))
			break;
		if (s[b] == ' ' || s[b] == '\t') {
			if (lines == 0)
				return false;
			continue;
		}
		if (!header_line(s, b, e))
			return false;
		lines++;
		from |= key_is(s, b, e, "From:");
		mail |= key_is(s, b, e, "Message-ID:") ||
		    key_is(s, b, e, "Received:") ||
		    key_is(s, b, e, "MIME-Version:") ||
		    key_is(s, b, e, "Return-Path:") ||
		    key_is(s, b, e, "Delivered-To:");
	}
	return lines >= 2 && from && mail;
}

/* "From " and a sender, then a header line. */
static bool
mbox_sniff(const uint8_t *s, size_t n)
{
	const uint8_t	*nl, *nl2;
	size_t		 b;

	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	if (n < 7 || memcmp(s, "From ", 5) != 0 || s[5] == ' ' ||
	    (nl = memchr(s, '\n', n)) == NULL)
		return false;
	b = (size_t)(nl - s) + 1;
	if ((nl2 = memchr(s + b, '\n', n - b)) == NULL)
		nl2 = s + n;
	return header_line(s, b, (size_t)(nl2 - s));
}

/* --- a message ------------------------------------------------------------ */

static void
meta(struct store_doc *doc, const char *key, const char *v)
{
	size_t	 k;

	if (v == NULL)
		return;
	k = strlen(v);
	if (k > MAX_META)
		for (k = MAX_META; k > 0 && ((uint8_t)v[k] & 0xc0) == 0x80;
		    k--)
			;
	store_doc_meta(doc, key, (const uint8_t *)v, k);
}

static void
consider(GMimeObject *o, GMimeTextPart **plain, GMimeTextPart **html)
{
	GMimeContentType *ct;

	if (!GMIME_IS_TEXT_PART(o) || g_mime_part_is_attachment(GMIME_PART(o)))
		return;
	ct = g_mime_object_get_content_type(o);
	if (*plain == NULL && g_mime_content_type_is_type(ct, "text",
	    "plain"))
		*plain = GMIME_TEXT_PART(o);
	else if (*html == NULL && g_mime_content_type_is_type(ct, "text",
	    "html"))
		*html = GMIME_TEXT_PART(o);
}

/*
 * An mbox writes a body's "From " line as ">From " (and ">From " as
 * ">>From "): one '>' goes, in place.
 */
static void
unquote_from(char *s)
{
	char	*r = s, *w = s, *p;

	/* One pass, reading at r and writing at w: a line at a time. */
	while (*r != '\0') {
		for (p = r; *p == '>'; p++)
			;
		if (p > r && strncmp(p, "From ", 5) == 0)
			r++;
		while (*r != '\0' && *r != '\n')
			*w++ = *r++;
		if (*r == '\n')
			*w++ = *r++;
	}
	*w = '\0';
}

/*
 * The part's text in UTF-8 (g_free it), as g_mime_text_part_get_text()
 * gives it, without that function's conversion when the decoded text is
 * UTF-8 (or ASCII) already, as most mail is: converting it through iconv
 * from UTF-8 to UTF-8 gives it back unchanged, and took a good part of
 * an mbox's time.  Anything else goes the library's way.
 */
static char *
part_text(GMimeTextPart *part)
{
	GMimeDataWrapper *content;
	GMimeStream	*st;
	GByteArray	*ba;
	const char	*cs;
	size_t		 i;
	bool		 same;

	cs = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part),
	    "charset");
	if (cs != NULL && g_ascii_strcasecmp(cs, "utf-8") != 0 &&
	    g_ascii_strcasecmp(cs, "utf8") != 0 &&
	    g_ascii_strcasecmp(cs, "us-ascii") != 0)
		return g_mime_text_part_get_text(part);
	if ((content = g_mime_part_get_content(GMIME_PART(part))) == NULL)
		return NULL;
	st = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, st);
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(st));
	same = true;
	if (cs == NULL)
		;		/* no charset: the library converts nothing */
	else if (g_ascii_strcasecmp(cs, "us-ascii") == 0) {
		for (i = 0; i < ba->len && same; i++)
			same = ba->data[i] < 0x80;
	} else
		same = u8_check(ba->data, ba->len) == NULL;
	if (!same) {
		g_object_unref(st);
		return g_mime_text_part_get_text(part);
	}
	g_mime_stream_write(st, "", 1);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	g_object_unref(st);
	return (char *)g_byte_array_free(ba, FALSE);
}

static void
message(struct store_doc *doc, GMimeMessage *m, bool mbox)
{
	InternetAddressList *from;
	InternetAddress	*ia;
	GMimeTextPart	*plain = NULL, *html = NULL;
	GMimeObject	*top;
	GMimePartIter	*it;
	GDateTime	*dt;
	const char	*v;
	char		*s;

	meta(doc, "Title", g_mime_message_get_subject(m));
	if ((dt = g_mime_message_get_date(m)) != NULL) {
		s = g_date_time_format(dt, "%Y-%m-%d");
		meta(doc, "Date", s);
		g_free(s);
	}
	if ((from = g_mime_message_get_from(m)) != NULL &&
	    internet_address_list_length(from) > 0) {
		ia = internet_address_list_get_address(from, 0);
		v = internet_address_get_name(ia);
		if ((v == NULL || *v == '\0') && INTERNET_ADDRESS_IS_MAILBOX(ia))
			v = internet_address_mailbox_get_addr(
			    INTERNET_ADDRESS_MAILBOX(ia));
		meta(doc, "Author", v);
		meta(doc, "Source", v);
	}
	if ((v = g_mime_object_get_header(GMIME_OBJECT(m),
	    "Archived-At")) != NULL) {
		while (*v == ' ' || *v == '<')
			v++;
		format_meta_url(doc, (const uint8_t *)v, strcspn(v, "> \t"));
	}
	if ((top = g_mime_message_get_mime_part(m)) == NULL)
		return;
	consider(top, &plain, &html);
	if (GMIME_IS_MULTIPART(top) || GMIME_IS_MESSAGE_PART(top)) {
		it = g_mime_part_iter_new(top);
		do {
			GMimeObject *o = g_mime_part_iter_get_current(it);

			if (o != NULL)
				consider(o, &plain, &html);
		} while (plain == NULL && g_mime_part_iter_next(it));
		g_mime_part_iter_free(it);
	}
	if (plain != NULL && (s = part_text(plain)) != NULL) {
		if (mbox)
			unquote_from(s);
		format_text_body(doc, (const uint8_t *)s, strlen(s));
		g_free(s);
	} else if (html != NULL &&
	    (s = part_text(html)) != NULL) {
		format_html_body(doc, (const uint8_t *)s, strlen(s));
		g_free(s);
	}
}

/*
 * A parser of the bytes where they lie: GMime's own constructor of a
 * stream copies them, a whole mbox once more.  The array *ba only points
 * at them (the stream does not own it, nor it the bytes): free it with
 * g_byte_array_free(*ba, FALSE) once the parser and every message made
 * from it are gone.
 */
static GMimeParser *
parser_of(const uint8_t *s, size_t n, GMimeFormat fmt, GByteArray **ba)
{
	GMimeStream	*st;
	GMimeParser	*p;

	pthread_once(&init_once, init);
	/* GMime never writes to a stream it parses. */
	*ba = g_byte_array_new_take((guint8 *)(uintptr_t)s, n);
	st = g_mime_stream_mem_new_with_byte_array(*ba);
	g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(st), FALSE);
	p = g_mime_parser_new_with_stream(st);
	g_object_unref(st);
	g_mime_parser_set_format(p, fmt);
	return p;
}

static bool
mail_convert(struct store_doc *doc, const uint8_t *s, size_t n,
    const char **why)
{
	GByteArray	*ba;
	GMimeParser	*p = parser_of(s, n, GMIME_FORMAT_MESSAGE, &ba);
	GMimeMessage	*m = g_mime_parser_construct_message(p, NULL);
	bool		 ok = m != NULL;

	g_object_unref(p);
	if (ok) {
		message(doc, m, false);
		g_object_unref(m);
	} else
		*why = "not a mail message";
	g_byte_array_free(ba, FALSE);
	return ok;
}

/*
 * Where the message at or after offset at starts: at a line that opens
 * with "From ", every one of which GMime takes for the end of the
 * message before it (it is not told to trust Content-Length).
 */
static size_t
mbox_item_at(const uint8_t *s, size_t n, size_t at)
{
	const uint8_t	*p;

	if (at == 0 && n >= 5 && memcmp(s, "From ", 5) == 0)
		return 0;
	if (at == 0)
		at = 1;
	if (at >= n)
		return n;
	p = memmem(s + at - 1, n - at + 1, "\nFrom ", 6);
	return p != NULL ? (size_t)(p - s) + 1 : n;
}

static bool
mbox_items_from(struct format_sink *sink, const uint8_t *s, size_t n,
    size_t from, size_t to)
{
	GByteArray	*ba;
	GMimeParser	*p;
	GMimeMessage	*m;
	struct store_doc *doc;
	const char	*id;
	size_t		 end = to - from;
	bool		 exact;

	p = parser_of(s + from, n - from, GMIME_FORMAT_MBOX, &ba);
	while (!g_mime_parser_eos(p) && (to == n ||
	    (uint64_t)g_mime_parser_tell(p) < end) &&
	    (m = g_mime_parser_construct_message(p, NULL)) != NULL) {
		id = g_mime_message_get_message_id(m);
		doc = sink->next(sink, (const uint8_t *)id, id != NULL ?
		    strlen(id) : 0);
		if (doc != NULL)
			message(doc, m, true);
		g_object_unref(m);
		if (doc == NULL)
			break;
	}
	/* A part ends where the next begins: GMime stopped there too. */
	exact = to == n ? g_mime_parser_eos(p) :
	    g_mime_parser_tell(p) == (gint64)end;
	g_object_unref(p);
	g_byte_array_free(ba, FALSE);
	return exact;
}

static bool
mbox_items(struct format_sink *sink, const uint8_t *s, size_t n,
    const char **why)
{
	(void)mbox_items_from(sink, s, n, 0, n);
	(void)why;
	return true;
}

static const char *const mail_exts[] = { ".eml", NULL };
static const char *const maildir[] = { "cur", "new", NULL };

const struct format format_mail = {
	.name = "mail",
	.exts = mail_exts,
	.sniff = mail_sniff,
	.convert = mail_convert,
	.folder = maildir,
	.cooked = false,
};

static const char *const mbox_exts[] = { ".mbox", ".mbx", NULL };

const struct format format_mbox = {
	.name = "mbox",
	.exts = mbox_exts,
	.sniff = mbox_sniff,
	.items = mbox_items,
	.item_at = mbox_item_at,
	.items_from = mbox_items_from,
	.cooked = false,
};
