package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a parsed search query. Build one with ParseQuery; the zero Query
// matches every talk.
//
// The language is summarised, with examples, by QueryRows (querydoc.go),
// from which the CLI's help, the browser's help and the README's table are
// made: a term matches a word starting with it, else a typo of it, else an
// abbreviation in the title, speakers or topics (search_word.go); terms are
// ANDed; "phrases" match exactly; a leading - excludes; qualifiers
// (QueryQualifiers) restrict a term to one field. Matching ignores case and
// accents everywhere: "montreal" finds "Montréal".
type Query struct {
	text  string
	terms []term
}

// String returns the query text as it was typed.
func (q Query) String() string { return q.text }

// Empty reports whether the query has no terms, so matches every talk.
func (q Query) Empty() bool { return len(q.terms) == 0 }

// termKind says what a term matches against.
type termKind uint8

const (
	termWord    termKind = iota // word start, typo or abbreviation (search_word.go)
	termPhrase                  // exact folded substring in any field
	termSpeaker                 // speaker:
	termOrg                     // org:
	termTopic                   // topic:
	termKindQ                   // kind:
	termTrack                   // track:
	termRoom                    // room:
	termDay                     // day:
	termLang                    // lang:
	termHas                     // has:
	termIs                      // is:
	termEvent                   // event:
)

// qualifiers maps a qualifier name to its term kind, in the order the error
// message lists them.
var qualifierNames = []struct {
	name string
	kind termKind
}{
	{"speaker", termSpeaker},
	{"org", termOrg},
	{"topic", termTopic},
	{"kind", termKindQ},
	{"track", termTrack},
	{"room", termRoom},
	{"day", termDay},
	{"lang", termLang},
	{"has", termHas},
	{"is", termIs},
	{"event", termEvent},
}

// hasValues and isValues are the values has: and is: accept.
var (
	hasValues = []string{"slides", "video", "schedule"}
	isValues  = []string{"starred", "watched", "changed"}
)

// term is one ANDed condition of a query.
type term struct {
	kind termKind
	neg  bool
	// value is the folded (lower-cased, accents stripped) value.
	value string
	// whole (room:=, track:=) matches the whole field, not a word start.
	whole bool
	// pos and end are the term's byte span in the query text.
	pos, end int
}

// prefixMonotone reports whether a term of this kind whose value is extended
// can only match a subset of what it matched before (so Refine may reuse the
// previous hits).
func (k termKind) prefixMonotone() bool {
	switch k {
	case termDay, termLang, termHas, termIs:
		return false
	}
	return true
}

// QueryError is a malformed query: what is wrong and where, so the UI can
// point at it and keep showing the last valid result.
type QueryError struct {
	// Query is the text that failed to parse.
	Query string
	// Pos and End are the byte offsets of the offending part of Query
	// (End exclusive; End >= Pos).
	Pos, End int
	// Msg says what is wrong, e.g. `unknown qualifier "foo:"`.
	Msg string
}

// Error reports the message with the 1-based column (in runes) where the
// problem starts.
func (e *QueryError) Error() string {
	col := utf8.RuneCountInString(e.Query[:min(e.Pos, len(e.Query))]) + 1
	return fmt.Sprintf("query: column %d: %s", col, e.Msg)
}

// ParseQuery parses a query (see Query for the language). A malformed query
// (unknown qualifier or value, unclosed quote, empty qualifier value, a "-"
// with nothing after it) returns a *QueryError.
func ParseQuery(s string) (Query, error) {
	q := Query{text: s}
	i := 0
	for {
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		if i >= len(s) {
			break
		}
		start := i
		neg := false
		if s[i] == '-' {
			neg = true
			i++
			if i >= len(s) || isSpaceAt(s, i) {
				return Query{}, &QueryError{Query: s, Pos: start, End: i, Msg: `"-" needs a term to exclude after it`}
			}
		}
		t, next, err := parseTerm(s, i)
		if err != nil {
			return Query{}, err
		}
		t.neg = neg
		t.pos = start
		t.end = next
		i = next
		if t.value == "" && t.kind != termHas && t.kind != termIs {
			// A term made only of characters folding drops (combining
			// marks) constrains nothing.
			continue
		}
		q.terms = append(q.terms, t)
	}
	return q, nil
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

// parseTerm parses the term starting at s[i] (after any "-") and returns it
// with the offset just past it.
func parseTerm(s string, i int) (term, int, error) {
	if s[i] == '"' {
		v, next, err := parseQuoted(s, i)
		if err != nil {
			return term{}, 0, err
		}
		if strings.TrimSpace(v) == "" {
			return term{}, 0, &QueryError{Query: s, Pos: i, End: next, Msg: "empty quotes"}
		}
		return term{kind: termPhrase, value: foldString(v)}, next, nil
	}
	// A qualifier is ASCII letters followed by a colon.
	j := i
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j > i && j < len(s) && s[j] == ':' {
		return parseQualifier(s, i, j)
	}
	end := wordEnd(s, i)
	return term{kind: termWord, value: foldString(s[i:end])}, end, nil
}

// wordEnd returns where an unquoted word starting at i ends: at a space or
// at a quote, which starts the next term.
func wordEnd(s string, i int) int {
	for i < len(s) {
		if s[i] == '"' {
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// parseQuoted parses a double-quoted string at s[i] == '"'.
func parseQuoted(s string, i int) (string, int, error) {
	closing := strings.IndexByte(s[i+1:], '"')
	if closing < 0 {
		return "", 0, &QueryError{Query: s, Pos: i, End: len(s), Msg: "unclosed quote"}
	}
	return s[i+1 : i+1+closing], i + 2 + closing, nil
}

// parseQualifier parses name:value where s[i:colon] is the name.
func parseQualifier(s string, i, colon int) (term, int, error) {
	name := strings.ToLower(s[i:colon])
	kind, ok := termWord, false
	for _, q := range qualifierNames {
		if q.name == name {
			kind, ok = q.kind, true
			break
		}
	}
	if !ok {
		names := make([]string, len(qualifierNames))
		for k, q := range qualifierNames {
			names[k] = q.name + ":"
		}
		return term{}, 0, &QueryError{Query: s, Pos: i, End: colon + 1,
			Msg: fmt.Sprintf("unknown qualifier %q (known: %s)", name+":", strings.Join(names, " "))}
	}
	v, next := "", colon+1
	whole := false
	if (kind == termRoom || kind == termTrack) && next < len(s) && s[next] == '=' {
		// room:="Saal 1" is that room and not "Saal 10": what the
		// browser's Rooms view filters with.
		whole = true
		next++
	}
	if next < len(s) && s[next] == '"' {
		var err error
		v, next, err = parseQuoted(s, next)
		if err != nil {
			return term{}, 0, err
		}
	} else {
		start := next
		next = wordEnd(s, next)
		v = s[start:next]
	}
	folded := strings.TrimSpace(foldString(v))
	if folded == "" {
		return term{}, 0, &QueryError{Query: s, Pos: i, End: next, Msg: fmt.Sprintf("%s: needs a value", name)}
	}
	switch kind {
	case termHas, termIs:
		allowed := hasValues
		if kind == termIs {
			allowed = isValues
		}
		found := false
		for _, a := range allowed {
			found = found || a == folded
		}
		if !found {
			return term{}, 0, &QueryError{Query: s, Pos: colon + 1, End: next,
				Msg: fmt.Sprintf("%s: takes %s", name, strings.Join(allowed, " or "))}
		}
	}
	return term{kind: kind, value: folded, whole: whole}, next, nil
}

// Today is the value of day:today, which ResolveToday replaces by a date.
const Today = "today"

// ResolveToday returns q with every day:today replaced by day (YYYY-MM-DD):
// the date of the moment the user is in, which only the caller knows (the
// clock, or --now, in the event's zone). A query without day:today is
// returned as it is.
func (q Query) ResolveToday(day string) Query {
	var terms []term
	for k, t := range q.terms {
		if t.kind == termDay && t.value == Today {
			if terms == nil {
				terms = slices.Clone(q.terms)
			}
			terms[k].value = day
		}
	}
	if terms != nil {
		q.terms = terms
	}
	return q
}
