-- Migration 5: events and stories.

-- The event and story the assign stage put each article in ('' until it
-- has), and why: evidence is the JSON storyline.Evidence, NULL until then.
ALTER TABLE articles ADD COLUMN event TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN story TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN evidence TEXT;
CREATE INDEX articles_event ON articles (event);
CREATE INDEX articles_story ON articles (story);

-- One row per event, rewritten whole when the event changes. body is the
-- JSON storyline.Event; the other columns repeat what lists filter and
-- sort on. first_day and last_day are the event's Start and End ('' when
-- undated).
CREATE TABLE events (
	seq       INTEGER PRIMARY KEY,
	id        TEXT    NOT NULL UNIQUE,
	story     TEXT    NOT NULL,
	first_day TEXT    NOT NULL DEFAULT '',
	last_day  TEXT    NOT NULL DEFAULT '',
	body      TEXT    NOT NULL
);
CREATE INDEX events_story ON events (story);
CREATE INDEX events_days ON events (last_day, first_day);

-- Full-text index over events: title, and the names and summary of the
-- event (text); rowid = events.seq. Kept by PutEvents.
CREATE VIRTUAL TABLE events_fts USING fts5 (
	title,
	text,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- One row per story, likewise.
CREATE TABLE stories (
	seq       INTEGER PRIMARY KEY,
	id        TEXT    NOT NULL UNIQUE,
	first_day TEXT    NOT NULL DEFAULT '',
	last_day  TEXT    NOT NULL DEFAULT '',
	body      TEXT    NOT NULL
);
CREATE INDEX stories_days ON stories (last_day, first_day);

-- Merges and splits of events and stories: old keeps resolving.
CREATE TABLE id_changes (
	seq    INTEGER PRIMARY KEY,
	kind   TEXT NOT NULL,
	old    TEXT NOT NULL,
	new    TEXT NOT NULL,
	reason TEXT NOT NULL DEFAULT '',
	at     TEXT NOT NULL
);
CREATE INDEX id_changes_old ON id_changes (old);
CREATE INDEX id_changes_new ON id_changes (new);

-- Named blobs of stage state that is costly to rebuild from the articles
-- (the clusterer's snapshot), with the number of articles it covers.
CREATE TABLE state (
	name     TEXT PRIMARY KEY,
	articles INTEGER NOT NULL,
	data     BLOB NOT NULL,
	saved    TEXT NOT NULL
) WITHOUT ROWID;
