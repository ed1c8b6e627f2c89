-- Migration 4: time expressions and the dates of happenings.

-- timexes: the article's time expressions as JSON [{start, end, text, type,
-- value}]; sentence_dates: the date of each sentence's happening as JSON
-- [{start, end, value, confidence, timex}]. NULL for articles stored before
-- this migration, which ingest then annotates.
ALTER TABLE articles ADD COLUMN timexes TEXT;
ALTER TABLE articles ADD COLUMN sentence_dates TEXT;
