-- Migration 6: what lists read, kept ready, so that they are index
-- ranges rather than scans and decode no more than they show: the events
-- whose articles mention an entity, a substring index of entity names, and
-- the list view of events and stories.

-- One row per (entity, event) where some article of the event mentions the
-- entity, with the number of such articles: Events with an Entity filter
-- reads it instead of joining every article of the entity. The triggers
-- below keep it as mentions are recorded and as articles move between
-- events (articles are never deleted).
CREATE TABLE entity_events (
	entity_id TEXT    NOT NULL,
	event     TEXT    NOT NULL,
	articles  INTEGER NOT NULL,
	PRIMARY KEY (entity_id, event)
) WITHOUT ROWID;

INSERT INTO entity_events (entity_id, event, articles)
	SELECT ea.entity_id, a.event, count(*)
	FROM entity_articles ea JOIN articles a ON a.id = ea.article_id
	WHERE a.event != ''
	GROUP BY ea.entity_id, a.event;

-- A mention recorded of an article in an event.
CREATE TRIGGER entity_events_mention AFTER INSERT ON entity_articles BEGIN
	INSERT INTO entity_events (entity_id, event, articles)
		SELECT new.entity_id, a.event, 1 FROM articles a WHERE a.id = new.article_id AND a.event != ''
		ON CONFLICT (entity_id, event) DO UPDATE SET articles = articles + 1;
END;

-- An article moved to another event (or into its first).
CREATE TRIGGER entity_events_move AFTER UPDATE OF event ON articles WHEN old.event IS NOT new.event BEGIN
	UPDATE entity_events SET articles = articles - 1
		WHERE event = old.event AND entity_id IN (SELECT entity_id FROM entity_articles WHERE article_id = new.id);
	DELETE FROM entity_events
		WHERE event = old.event AND articles <= 0
		AND entity_id IN (SELECT entity_id FROM entity_articles WHERE article_id = new.id);
	INSERT INTO entity_events (entity_id, event, articles)
		SELECT entity_id, new.event, 1 FROM entity_articles WHERE article_id = new.id AND new.event != ''
		ON CONFLICT (entity_id, event) DO UPDATE SET articles = articles + 1;
END;

-- Entity names and aliases, one line each, in a trigram index: Entities
-- with a Name filter (a substring of a name or an alias) finds its
-- candidates here rather than scanning every entity. rowid = entities.seq.
CREATE VIRTUAL TABLE entities_fts USING fts5 (names, tokenize = 'trigram');

INSERT INTO entities_fts (rowid, names)
	SELECT seq, name || char(10) || coalesce((SELECT group_concat(value ->> 'text', char(10)) FROM json_each(aliases)), '')
	FROM entities;

CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
	INSERT INTO entities_fts (rowid, names) VALUES (new.seq,
		new.name || char(10) || coalesce((SELECT group_concat(value ->> 'text', char(10)) FROM json_each(new.aliases)), ''));
END;

-- Entities are rewritten whole at every mention (counts change); their
-- index entry only when a name changed.
CREATE TRIGGER entities_fts_update AFTER UPDATE OF name, aliases ON entities
WHEN old.name IS NOT new.name
	OR (SELECT group_concat(value ->> 'text', char(10)) FROM json_each(old.aliases))
	IS NOT (SELECT group_concat(value ->> 'text', char(10)) FROM json_each(new.aliases))
BEGIN
	DELETE FROM entities_fts WHERE rowid = old.seq;
	INSERT INTO entities_fts (rowid, names) VALUES (new.seq,
		new.name || char(10) || coalesce((SELECT group_concat(value ->> 'text', char(10)) FROM json_each(new.aliases)), ''));
END;

-- What lists show of an event or a story: the body without its summary,
-- claims and quotes (two thirds of an event's body), so that a list
-- decodes only that. Written with body by PutEvents.
ALTER TABLE events ADD COLUMN brief TEXT NOT NULL DEFAULT '';
UPDATE events SET brief = json_remove(body, '$.summary', '$.claims', '$.quotes');
ALTER TABLE stories ADD COLUMN brief TEXT NOT NULL DEFAULT '';
UPDATE stories SET brief = json_remove(body, '$.summary', '$.claims');

-- Lists of events and stories are latest first (see latestFirst in
-- events.go): in this index's order, so that a page is read in order
-- rather than every row sorted.
CREATE INDEX events_latest ON events (last_day = '', last_day DESC, first_day DESC, seq DESC);
CREATE INDEX stories_latest ON stories (last_day = '', last_day DESC, first_day DESC, seq DESC);

-- The ingest order alone, for deep pages of the whole article list: a
-- page at offset 99,000 steps over 99,000 entries of this small index
-- rather than over the rows (text and all) of the table.
CREATE INDEX articles_seq ON articles (seq);
