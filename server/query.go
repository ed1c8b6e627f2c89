package server

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/storyline/storyline"
	"github.com/storyline/storyline/show"
)

// Limits of list requests.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxOffset    = 1_000_000
	maxParam     = 500 // bytes of a text parameter
)

// listQuery is the pagination and the filters of a list request: limit,
// offset, from, to (days, "2024-02-05", or a month or year), entity (an
// entity ID, prefix or name) and source.
type listQuery struct {
	Limit, Offset            int
	From, To, Entity, Source string
	// entity is the entity Entity names, once resolved.
	entity *storyline.Entity
}

// parseList reads a list request's parameters, with limit defaulting to
// def. Bad values are a 400 naming the parameter.
func parseList(v url.Values, def int) (listQuery, error) {
	q := listQuery{Limit: def}
	var err error
	if q.Limit, err = intParam(v, "limit", def, 1, maxLimit); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, maxOffset); err != nil {
		return q, err
	}
	for _, p := range []struct {
		name string
		dst  *string
		day  bool
	}{{"from", &q.From, true}, {"to", &q.To, true}, {"entity", &q.Entity, false}, {"source", &q.Source, false}} {
		s, err := textParam(v, p.name)
		if err != nil {
			return q, err
		}
		if p.day && s != "" && !isDay(s) {
			return q, errBadRequest("%s: %q is not a date (want 2024-02-05, 2024-02 or 2024)", p.name, s)
		}
		*p.dst = s
	}
	if from, to := q.bounds(); from != "" && to != "" && from > to {
		return q, errBadRequest("from %s is after to %s", q.From, q.To)
	}
	return q, nil
}

// intParam reads an integer parameter in [lo, hi], def when absent.
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errBadRequest("%s: want a whole number from %d to %d, not %q", name, lo, hi, show.Clip(s, 40))
	}
	return n, nil
}

// textParam reads a text parameter: valid UTF-8, at most maxParam bytes.
func textParam(v url.Values, name string) (string, error) {
	s := v.Get(name)
	if len(s) > maxParam {
		return "", errBadRequest("%s: longer than %d bytes", name, maxParam)
	}
	if !utf8.ValidString(s) {
		return "", errBadRequest("%s: not valid UTF-8", name)
	}
	return s, nil
}

// isDay tells whether s is a TIMEX3 date of year, month or day precision:
// 2024, 2024-02 or 2024-02-05.
func isDay(s string) bool {
	digits := func(s string) bool {
		for _, r := range s {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	switch len(s) {
	case 4:
		return digits(s)
	case 7:
		return digits(s[:4]) && s[4] == '-' && digits(s[5:]) && s[5:] >= "01" && s[5:] <= "12"
	case 10:
		return isDay(s[:7]) && s[7] == '-' && digits(s[8:]) && s[8:] >= "01" && s[8:] <= "31"
	}
	return false
}

// bounds turns From and To of coarser precision into days: from 2024-02
// is 2024-02-01, to 2024-02 is 2024-02-31 (a string bound: every day of
// the month sorts before it).
func (q listQuery) bounds() (from, to string) {
	from, to = q.From, q.To
	switch len(from) {
	case 4:
		from += "-01-01"
	case 7:
		from += "-01"
	}
	switch len(to) {
	case 4:
		to += "-12-31"
	case 7:
		to += "-31"
	}
	return from, to
}

// resolveEntity turns the entity parameter into the entity's ID: see
// findEntity. An unknown entity is a 404 naming it.
func (s *Server) resolveEntity(ctx context.Context, q *listQuery) error {
	if q.Entity == "" {
		return nil
	}
	e, err := show.FindEntity(ctx, s.store, q.Entity)
	if errors.Is(err, storyline.ErrNotFound) {
		return &httpError{404, "entity: no entity " + strconv.Quote(show.Clip(q.Entity, 60))}
	}
	if err != nil {
		return err
	}
	q.Entity, q.entity = e.ID, e
	return nil
}

// next returns the query of the next page, or nil when there is none:
// more tells whether the list had more than Limit items.
func (q listQuery) next(v url.Values, more bool) url.Values {
	if !more {
		return nil
	}
	return q.withOffset(v, q.Offset+q.Limit)
}

// prev returns the query of the previous page, or nil on the first.
func (q listQuery) prev(v url.Values) url.Values {
	if q.Offset == 0 {
		return nil
	}
	return q.withOffset(v, max(0, q.Offset-q.Limit))
}

func (q listQuery) withOffset(v url.Values, offset int) url.Values {
	n := url.Values{}
	for k, vs := range v {
		n[k] = append([]string(nil), vs...)
	}
	n.Set("offset", strconv.Itoa(offset))
	n.Set("limit", strconv.Itoa(q.Limit))
	return n
}
