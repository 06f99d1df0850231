-- A small newsboat cache (cache.db), in newsboat's schema: two feeds,
-- five items, one of them deleted, one kept as plain text (an Atom
-- entry of type="text").  tests/ make the .db from this with
-- SQLite at test time.
PRAGMA page_size = 1024;
CREATE TABLE metadata ( db_schema_version_major INTEGER NOT NULL, db_schema_version_minor INTEGER NOT NULL );
INSERT INTO metadata VALUES (2, 38);
CREATE TABLE rss_feed ( rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "" );
CREATE TABLE rss_item ( id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL, author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "", content_mime_type VARCHAR(255) NOT NULL DEFAULT "" );
CREATE INDEX idx_rssurl ON rss_feed(rssurl);
CREATE INDEX idx_guid ON rss_item(guid);
CREATE INDEX idx_feedurl ON rss_item(feedurl);
INSERT INTO rss_feed (rssurl, url, title) VALUES
 ('https://lakeside.example/feed.xml', 'https://lakeside.example/', 'Lakeside Observer'),
 ('https://tramways.example/atom.xml', 'https://tramways.example/', 'Tramways Weekly');
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted) VALUES
 ('lakeside-301', 'Swimming season ends early', 'Ewa Lis', 'https://lakeside.example/2025/09/swimming',
  'https://lakeside.example/feed.xml', 1757664000,
  '<p>The lake''s beaches close on Sunday, a week early, after a cold spell.</p><blockquote><p>The water is at 14 degrees.</p></blockquote>', 1, 0),
 ('lakeside-302', 'Boat hire moves to the east pier', 'Ewa Lis', 'https://lakeside.example/2025/09/boats',
  'https://lakeside.example/feed.xml', 1757750400,
  '<p>Rowing boats are hired from the east pier from October.</p>', 0, 0),
 ('lakeside-299', 'A deleted item', 'Nobody', 'https://lakeside.example/deleted',
  'https://lakeside.example/feed.xml', 1757500000, '<p>Never shown.</p>', 0, 1),
 ('tag:tramways.example,2025:line-8', 'Line 8 returns to the old town', '', 'https://tramways.example/line-8',
  'https://tramways.example/atom.xml', 1757836800,
  '<p>Trams on line 8 run through the old town again from Monday.</p><ul><li>every 10 minutes by day;</li><li>every 20 minutes at night.</li></ul>', 1, 0);
INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted, content_mime_type) VALUES
 ('tag:tramways.example,2025:night-buses', 'Night buses replace trams', '', 'https://tramways.example/night-buses',
  'https://tramways.example/atom.xml', 1757923200,
  'Night buses replace the trams of line 8 <b>after midnight</b>
from Friday.

They stop at every tram stop.', 1, 0, 'text/plain');
