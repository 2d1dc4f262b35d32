package model

import (
	"fmt"
	"strings"
)

// The query language's documentation, in one place: 'cndtalks help query'
// prints QueryHelp, the README's Queries table is QueryMarkdownTable (a
// test keeps them equal), and the CLI's shell completion offers
// QueryQualifiers. ParseQuery is the definition; query_test.go checks that
// every example here parses.

// QueryRow is one line of the query language's summary: an example and
// what it matches, and what the browser's help says of it.
type QueryRow struct {
	Example, Matches string
	// Brief is the browser's shorter line; "" leaves the row out of its
	// help, which has less room.
	Brief string
	// Schedule marks a row the browser shows only for a catalogue with
	// times (there is nothing else to match).
	Schedule bool
	// Archive marks a row the browser shows only when it can show
	// several events (--all, or its catalogue switcher).
	Archive bool
	// Changes marks a row the browser shows only for a catalogue an
	// update changed.
	Changes bool
}

// QueryRows summarise the query language, simplest first.
var QueryRows = []QueryRow{
	{Example: "kube", Matches: "a word starting with it in the title, speakers, organisations, topics or summary; else a word starting with a typo of it (one edit from 5 letters, two from 9: kuberentes); else, in the title, speakers or topics, an abbreviation: letters in order inside one word (chsm: Chasm) or across the starts of consecutive words (kcc: Kubernetes: Crossing the Chasm). Letters scattered across unrelated words do not match"},
	{Example: "kube helm", Matches: "both terms (terms are ANDed)", Brief: "every word: a word start, a typo, an abbreviation"},
	{Example: `"service mesh"`, Matches: "the exact phrase, starting at a word (summaries included)", Brief: "an exact phrase"},
	{Example: `-term -"a phrase"`, Matches: "excludes talks that match", Brief: "leave out talks that match"},
	{Example: "speaker:gamov", Matches: "a speaker's name has a word starting with the value; also org:, topic:, kind:, room:, and track: when the source has tracks",
		Brief: "a speaker's name; org: topic: kind: likewise"},
	{Example: "day:2019-11-04 day:monday day:1 day:today", Matches: "a date, a weekday (day:sat), the Nth programme day; today is the date of --now, or of the clock, in the event's time zone",
		Brief: "a date, a weekday, the Nth day or today", Schedule: true},
	{Example: "lang:fr", Matches: "a language code or name", Brief: "a language; room: track: likewise", Schedule: true},
	{Example: `room:="Saal 1"`, Matches: "the whole room name, exactly (not Saal 10); track:= likewise. The Rooms view's enter filters with it",
		Brief: "exactly this room; track:= likewise", Schedule: true},
	{Example: "has:slides has:video has:schedule", Matches: "talks with such links or times", Brief: "talks with slides, a video or a time"},
	{Example: "is:starred is:watched", Matches: "your marks", Brief: "your marks (s stars, w marks watched)"},
	{Example: "event:fosdem", Matches: "with --all (every stored catalogue and the built-in event as one archive), talks of an event whose library name, name or ID has a word starting with the value",
		Brief: "an event's talks, in All events (C)", Archive: true},
	{Example: "is:changed", Matches: "a stored schedule's talks that its last update added, moved, retitled or gave other speakers (cndtalks update)", Brief: "talks the last update changed", Changes: true},
	{Example: `speaker:"jane doe"`, Matches: `quotes a value; -speaker:gamov excludes`},
}

// QueryNote is what the summary says after the rows.
const QueryNote = "Matching ignores case and accents: montreal finds Montréal."

// Qualifier is a query qualifier ("speaker:") as completion offers it.
type Qualifier struct {
	Name   string
	Help   string
	Values []string // the values it takes when they are a fixed set
}

// QueryQualifiers lists the qualifiers ParseQuery knows, in its order.
func QueryQualifiers() []Qualifier {
	help := map[termKind]string{
		termSpeaker: "a speaker's name", termOrg: "an organisation", termTopic: "a topic",
		termKindQ: "the kind of talk", termTrack: "the track", termRoom: "the room",
		termDay: "a date, weekday or Nth day", termLang: "a language",
		termHas: "has slides, video or a time", termIs: "your marks, or what the last update changed",
		termEvent: "an event of the archive (--all)",
	}
	out := make([]Qualifier, len(qualifierNames))
	for i, q := range qualifierNames {
		out[i] = Qualifier{Name: q.name, Help: help[q.kind]}
		switch q.kind {
		case termHas:
			out[i].Values = hasValues
		case termIs:
			out[i].Values = isValues
		}
	}
	return out
}

// QueryHelp is the summary for a terminal, as 'cndtalks help query' prints
// it: examples on the left, what they match wrapped beside them.
func QueryHelp() string {
	const exampleWidth, lineWidth = 18, 78
	var b strings.Builder
	b.WriteString("Queries (for 'list', 'show', 'open', 'export' and the browser's filter):\n\n")
	for _, r := range QueryRows {
		lines := wrapWords(r.Matches, lineWidth-exampleWidth-3)
		if len(r.Example) > exampleWidth {
			fmt.Fprintf(&b, "  %s\n", r.Example)
		} else {
			fmt.Fprintf(&b, "  %-*s %s\n", exampleWidth, r.Example, lines[0])
			lines = lines[1:]
		}
		for _, l := range lines {
			fmt.Fprintf(&b, "  %-*s %s\n", exampleWidth, "", l)
		}
	}
	b.WriteString("\n" + QueryNote + " On the command\nline, put a query starting with '-' after --: cndtalks list -- -kubernetes\n")
	return b.String()
}

// QueryMarkdownTable is the summary as the README's Markdown table.
func QueryMarkdownTable() string {
	var b strings.Builder
	b.WriteString("| query | matches |\n|---|---|\n")
	for _, r := range QueryRows {
		var ex []string
		for _, w := range splitExamples(r.Example) {
			ex = append(ex, "`"+w+"`")
		}
		fmt.Fprintf(&b, "| %s | %s |\n", strings.Join(ex, ", "), r.Matches)
	}
	return b.String()
}

// splitExamples splits an example row into its queries at spaces outside
// quotes, except that "kube helm" (one query of two terms) stays whole.
func splitExamples(s string) []string {
	if s == "kube helm" {
		return []string{s}
	}
	var out []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			quoted = !quoted
		case s[i] == ' ' && !quoted:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// wrapWords wraps s at spaces into lines of at most width bytes (a longer
// word gets a line of its own).
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return append(lines, line)
}
