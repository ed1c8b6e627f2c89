-- Migration 1: articles, the refs they were ingested under, and a full-text
-- index over their titles and texts.

-- seq is the rowid (an explicit alias, so that VACUUM keeps it): ingest
-- order, and the FTS index's rowid. Later migrations add duplicate_of,
-- reuse, event, story, entities and timexes.
CREATE TABLE articles (
	seq                INTEGER PRIMARY KEY,
	id                 TEXT    NOT NULL UNIQUE,
	ref                TEXT    NOT NULL,
	source             TEXT    NOT NULL DEFAULT '',
	url                TEXT    NOT NULL DEFAULT '',
	title              TEXT    NOT NULL DEFAULT '',
	byline             TEXT    NOT NULL DEFAULT '',
	credits            TEXT,    -- JSON array of strings; NULL when none
	dateline           TEXT    NOT NULL DEFAULT '',
	published          TEXT    NOT NULL DEFAULT '',
	published_inferred INTEGER NOT NULL DEFAULT 0,
	lang               TEXT    NOT NULL DEFAULT '',
	text               TEXT    NOT NULL DEFAULT '',
	format             TEXT    NOT NULL DEFAULT '',
	removed            TEXT,    -- JSON array of {reason, text}; NULL when none
	ingested_at        TEXT    NOT NULL
);

-- Every ref an article was ingested under, in the order first seen.
CREATE TABLE article_refs (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	ref        TEXT NOT NULL,
	UNIQUE (article_id, ref)
);
CREATE INDEX article_refs_ref ON article_refs (ref);

-- Full-text index over title and text, kept in step with articles by the
-- triggers below (external content: the text is stored once, in articles).
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title,
	text,
	content = 'articles',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- Merge index segments 16 at a time rather than 4: about a quarter faster to
-- write, at the cost of queries reading a few more segments.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 16);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
