-- Migration 3: named entities.

-- entities: the article's named mentions as JSON [{start, end, text, type,
-- entity}], byte offsets into text; NULL for articles stored before this
-- migration, which ingest then tags.
ALTER TABLE articles ADD COLUMN entities TEXT;

-- One row per entity, rewritten whole whenever an article changes it.
CREATE TABLE entities (
	seq      INTEGER PRIMARY KEY,
	id       TEXT    NOT NULL UNIQUE,
	type     TEXT    NOT NULL,
	name     TEXT    NOT NULL,
	aliases  TEXT    NOT NULL, -- JSON [{text, count}], most used first
	roles    TEXT,             -- JSON [{title, article}]; NULL when none
	place    TEXT,             -- JSON place; NULL when none
	mentions INTEGER NOT NULL
);
CREATE INDEX entities_mentions ON entities (mentions DESC);

-- Which articles mention which entity, and how often.
CREATE TABLE entity_articles (
	entity_id  TEXT    NOT NULL,
	article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	mentions   INTEGER NOT NULL,
	PRIMARY KEY (entity_id, article_id)
) WITHOUT ROWID;
CREATE INDEX entity_articles_article ON entity_articles (article_id);
