package model

import (
	"reflect"
	"testing"
)

func TestSanitizeText(t *testing.T) {
	const (
		esc   = "\x1b[31m"         // CSI colour
		osc   = "\x1b]0;title\x07" // OSC window title
		bidi  = "\u202e"           // right-to-left override
		c1csi = "\u009b2J"         // 8-bit CSI clear screen
		multi = "a\r\nb\x1b[2J\tc" // Markdown: CRLF and tab kept as text
		line  = "  two\n lines\t " // one-line: collapsed and trimmed
	)
	c := &Catalogue{
		Event: Event{
			ID: "ev" + esc, Name: "Conf" + osc, Edition: bidi + "1st", Date: "2019" + esc,
			DateNote: line, EndDate: "x" + c1csi, TimeZone: "UTC" + esc, City: "Mtl" + bidi,
			Venue: line, Country: "CA" + esc, Organiser: "Org" + osc, Description: multi,
			Attendance: "200" + esc, Source: line,
			Links:     []Link{{Kind: "video" + esc, URL: "https://x.org/" + esc, Label: line}},
			Community: []Link{{Kind: LinkCommunity, URL: "https://c.org/", Label: "Chat" + osc}},
			Sponsors:  []string{"Acme" + esc, line},
			Thanks:    []string{bidi + "Pizza"},
		},
		Speakers: []Speaker{{ID: "s" + esc, Name: line, Org: "O" + osc, Role: "r" + c1csi}},
		Talks: []Talk{{
			ID: "t" + esc, Title: line, Subtitle: "sub" + osc, Kind: "talk" + esc,
			Speakers: []string{"s" + esc}, Summary: multi, Topics: []string{"k8s" + bidi, line},
			Links:    []Link{{Kind: LinkSlides, URL: "https://s.org/" + c1csi, Label: "Slides" + esc}},
			Language: "en" + esc, Room: line, Track: "T" + osc, Day: "2019-06-11" + esc,
		}},
	}
	c.SanitizeText()

	e, s, tk := &c.Event, &c.Speakers[0], &c.Talks[0]
	tests := []struct {
		field, got, want string
	}{
		{"event.id", e.ID, "ev"},
		{"event.name", e.Name, "Conf"},
		{"event.edition", e.Edition, "1st"},
		{"event.date", e.Date, "2019"},
		{"event.date_note", e.DateNote, "two lines"},
		{"event.end_date", e.EndDate, "x"},
		{"event.time_zone", e.TimeZone, "UTC"},
		{"event.city", e.City, "Mtl"},
		{"event.venue", e.Venue, "two lines"},
		{"event.country", e.Country, "CA"},
		{"event.organiser", e.Organiser, "Org"},
		{"event.description", e.Description, "a\nb\tc"},
		{"event.attendance", e.Attendance, "200"},
		{"event.source", e.Source, "two lines"},
		{"event.links[0].kind", string(e.Links[0].Kind), "video"},
		{"event.links[0].url", e.Links[0].URL, "https://x.org/"},
		{"event.links[0].label", e.Links[0].Label, "two lines"},
		{"event.community[0].label", e.Community[0].Label, "Chat"},
		{"event.sponsors[0]", e.Sponsors[0], "Acme"},
		{"event.sponsors[1]", e.Sponsors[1], "two lines"},
		{"event.thanks[0]", e.Thanks[0], "Pizza"},
		{"speakers[0].id", s.ID, "s"},
		{"speakers[0].name", s.Name, "two lines"},
		{"speakers[0].org", s.Org, "O"},
		{"speakers[0].role", s.Role, "r"},
		{"talks[0].id", tk.ID, "t"},
		{"talks[0].title", tk.Title, "two lines"},
		{"talks[0].subtitle", tk.Subtitle, "sub"},
		{"talks[0].kind", tk.Kind, "talk"},
		{"talks[0].speakers[0]", tk.Speakers[0], "s"},
		{"talks[0].summary", tk.Summary, "a\nb\tc"},
		{"talks[0].topics[0]", tk.Topics[0], "k8s"},
		{"talks[0].topics[1]", tk.Topics[1], "two lines"},
		{"talks[0].links[0].url", tk.Links[0].URL, "https://s.org/"},
		{"talks[0].links[0].label", tk.Links[0].Label, "Slides"},
		{"talks[0].language", tk.Language, "en"},
		{"talks[0].room", tk.Room, "two lines"},
		{"talks[0].track", tk.Track, "T"},
		{"talks[0].day", tk.Day, "2019-06-11"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.field, tt.got, tt.want)
		}
	}

	// Clean text is left alone, and a second pass changes nothing.
	before := *tk
	c.SanitizeText()
	if tk.Title != before.Title || tk.Summary != before.Summary {
		t.Errorf("SanitizeText is not idempotent: %q -> %q", before.Summary, tk.Summary)
	}
}

// TestSanitizeTextBigSameAsOneGoroutine: a catalogue big enough for two
// goroutines is sanitised as sanitizeTalk sanitises it talk by talk.
func TestSanitizeTextBigSameAsOneGoroutine(t *testing.T) {
	dirty := []string{"plain", "\x1b[31mred", "  two\n lines\t ", "a\u202eb", "ok\u200d\u200d"}
	c := &Catalogue{}
	for i := range parallelTalks + 3 {
		d := dirty[i%len(dirty)]
		c.Talks = append(c.Talks, Talk{ID: "t" + d, Title: d, Summary: d + "\r\n" + d, Kind: d, Room: d, Track: d, Day: d, Language: d,
			Speakers: []string{d}, Topics: []string{d, d}, Links: []Link{{Kind: LinkKind(d), URL: "https://x.org/" + d, Label: d}}})
	}
	want := make([]Talk, len(c.Talks))
	for i, tk := range c.Talks {
		want[i] = tk
		want[i].Speakers = append([]string(nil), tk.Speakers...)
		want[i].Topics = append([]string(nil), tk.Topics...)
		want[i].Links = append([]Link(nil), tk.Links...)
	}
	for i := range want {
		sanitizeTalk(&want[i])
	}
	c.SanitizeText()
	if !reflect.DeepEqual(c.Talks, want) {
		t.Fatal("SanitizeText on two goroutines differs from sanitizeTalk talk by talk")
	}
}
