// Package describe turns the articles of an event or a story into what a
// reader sees of it: a title, dates, places and participants, a cited
// extractive summary, the numeric claims checked across sources, and the
// direct quotes with their speakers.
//
// Everything here is pure: it takes articles (cleaned, annotated, with
// their copy links) and returns values; the assign stage decides which
// articles belong together, and the store keeps what describe returns.
package describe
