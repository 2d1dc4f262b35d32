package schedule

import (
	"fmt"
	"sort"
	"strings"

	"cndtalks/model"
)

// SkipKind says what a lenient importer's note is about: something lost (a
// talk, a person, a link, one field's value) or a repair that kept it.
type SkipKind string

// The kinds of notes the schedule importers write.
const (
	// SkipTalk: a whole record (an event of the schedule) was dropped.
	SkipTalk SkipKind = "talk"
	// SkipPerson: one person of a talk was dropped.
	SkipPerson SkipKind = "person"
	// SkipLink: one link or attachment of a talk was dropped.
	SkipLink SkipKind = "link"
	// SkipField: one field's value was ignored or shortened; its record
	// was kept.
	SkipField SkipKind = "field"
	// SkipRepair: the input was read as its writer meant it and nothing
	// was lost (a link's URL read from its text, a repeated session kept
	// as a second talk).
	SkipRepair SkipKind = "repair"
)

// Skip is one note of a lenient importer: what it dropped or repaired,
// where, and why. Reason is the same text for every note of its kind (so
// notes can be counted by it); Detail says what this one was.
type Skip struct {
	Kind   SkipKind
	Record string
	Reason string
	Detail string
	// Count is how many items the note stands for (the links past a
	// bound); 0 means one.
	Count int
}

// Items is how many items the note stands for.
func (s Skip) Items() int { return max(s.Count, 1) }

// String is the note on one line: "record: reason (detail)".
func (s Skip) String() string {
	out := s.Record + ": " + s.Reason
	if s.Detail != "" {
		out += " (" + s.Detail + ")"
	}
	return model.SanitizeLine(out)
}

// Lost reports whether the note is about something dropped or shortened,
// not a repair.
func (s Skip) Lost() bool { return s.Kind != SkipRepair }

// Notice is every note with the same kind and reason, counted.
type Notice struct {
	Kind   SkipKind
	Reason string
	Count  int
	// Examples are the first few notes' records and details.
	Examples []string
}

// maxNoticeExamples is how many examples a Notice keeps.
const maxNoticeExamples = 3

// String is the notice on one line: "3 links dropped: not a URL".
func (n Notice) String() string {
	var what string
	switch n.Kind {
	case SkipTalk:
		what = plural(n.Count, "talk dropped", "talks dropped")
	case SkipPerson:
		what = plural(n.Count, "person dropped", "persons dropped")
	case SkipLink:
		what = plural(n.Count, "link dropped", "links dropped")
	case SkipField:
		what = plural(n.Count, "field ignored or shortened", "fields ignored or shortened")
	default:
		what = plural(n.Count, "repair", "repairs")
	}
	return model.SanitizeLine(fmt.Sprintf("%d %s: %s", n.Count, what, n.Reason))
}

// Notices groups notes by kind and reason: one Notice per reason, losses
// before repairs, each group in the order its first note came.
func Notices(skips []Skip) []Notice {
	index := map[string]int{}
	var out []Notice
	for _, s := range skips {
		key := string(s.Kind) + "\x00" + s.Reason
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Notice{Kind: s.Kind, Reason: s.Reason})
		}
		n := &out[i]
		n.Count += s.Items()
		if len(n.Examples) < maxNoticeExamples {
			ex := s.Record
			if s.Detail != "" {
				ex += ": " + s.Detail
			}
			n.Examples = append(n.Examples, model.SanitizeLine(ex))
		}
	}
	// Losses first, the biggest things first: talks, persons, links,
	// fields; then repairs.
	sort.SliceStable(out, func(i, j int) bool { return kindRank(out[i].Kind) < kindRank(out[j].Kind) })
	return out
}

func kindRank(k SkipKind) int {
	switch k {
	case SkipTalk:
		return 0
	case SkipPerson:
		return 1
	case SkipLink:
		return 2
	case SkipField:
		return 3
	}
	return 4
}

// NoticeSummary is a one-line count of notes by kind, for a status line:
// "2 talks dropped, 5 links dropped; 298 repairs". It is "" for no notes.
func NoticeSummary(skips []Skip) string {
	counts := map[SkipKind]int{}
	for _, s := range skips {
		counts[s.Kind] += s.Items()
	}
	var parts []string
	for _, k := range []struct {
		kind      SkipKind
		one, many string
	}{
		{SkipTalk, "talk dropped", "talks dropped"}, {SkipPerson, "person dropped", "persons dropped"},
		{SkipLink, "link dropped", "links dropped"}, {SkipField, "field ignored or shortened", "fields ignored or shortened"},
		{SkipRepair, "repair", "repairs"},
	} {
		if n := counts[k.kind]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, k.one, k.many)))
		}
	}
	return strings.Join(parts, ", ")
}

// NoticeLines is each notice on one line with an example of where:
// "1 link dropped: not a URL (event 2 ("Talk"): "#slides")". Losses come
// first; each reason appears once.
func NoticeLines(skips []Skip) []string {
	ns := Notices(skips)
	out := make([]string, len(ns))
	for i, n := range ns {
		line := n.String()
		if len(n.Examples) > 0 {
			if n.Count == 1 {
				line += " (" + n.Examples[0] + ")"
			} else {
				line += " (first: " + n.Examples[0] + ")"
			}
		}
		out[i] = model.SanitizeLine(line)
	}
	return out
}

// LostCount is how many of an import's notes are losses, not repairs.
func LostCount(skips []Skip) int {
	n := 0
	for _, s := range skips {
		if s.Lost() {
			n += s.Items()
		}
	}
	return n
}
