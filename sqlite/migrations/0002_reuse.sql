-- Migration 2: copies and text reuse.

-- duplicate_of: the origin of the article's group of copies ('' when the
-- article is an origin). fingerprints: the reuse fingerprints the article
-- added to the reuse index, little-endian uint32s; NULL for articles
-- stored before this migration, which ingest then compares and indexes.
ALTER TABLE articles ADD COLUMN duplicate_of TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN fingerprints BLOB;
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

-- One row per pair of articles that share passages, written when the later
-- one (b's ingest precedes a's) was stored: the share of each one's text
-- the passages cover, whether they are copies, and the passages as JSON
-- [{start, end, of_start, of_end}] with offsets into a's and b's text.
CREATE TABLE reuse_links (
	a        TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	b        TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	share_a  REAL    NOT NULL,
	share_b  REAL    NOT NULL,
	copy     INTEGER NOT NULL DEFAULT 0,
	passages TEXT,
	PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX reuse_links_b ON reuse_links (b);
