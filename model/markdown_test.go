package model

import (
	"encoding/json"
	"html"
	"strings"
	"testing"
	"time"
)

// exportCatalogue is a small catalogue with one of everything the Markdown
// and JSON shapes care about, hostile text included.
func exportCatalogue() *Catalogue {
	c := &Catalogue{
		Event: Event{
			ID: "demo-2024", Name: "Demo Day", Year: 2024, Date: "2024-05-02",
			DateNote: "inferred from the post's date", City: "Montréal", Venue: "Hall A",
			Organiser: "Demo Org", Description: "A day of *demos*.\n\nSecond paragraph.",
			Attendance: "over 200",
			Links:      []Link{{Kind: LinkVideo, URL: "https://www.youtube.com/watch?v=abc", Label: "Event video"}},
			Community:  []Link{{Kind: LinkCommunity, URL: "https://slack.example.com/", Label: "Slack"}},
			Sponsors:   []string{"Acme"},
		},
		Speakers: []Speaker{
			{ID: "ada", Name: "Ada Lovelace", Org: "Analytical Engines"},
			{ID: "bob", Name: "Bob *Bold*"},
		},
		Talks: []Talk{
			{
				ID: "engines", Title: "Engines # and [links](javascript:alert(1))", Kind: "keynote", Order: 1,
				Speakers: []string{"ada", "bob"},
				Summary:  "Talks about **engines** &#27;[31m and &#x202e;bidi &lrm;marks &amp; more.",
				Topics:   []string{"kubernetes", "machine_learning"},
				Links: []Link{
					{Kind: LinkSlides, URL: "https://slides.example.com/engines deck.pdf"},
					{Kind: LinkVideo, URL: "https://video.example.com/v", Label: "Recording on YouTube"},
					{Kind: LinkVideo, URL: "https://video.example.com/w", Label: "Video (YouTube)"},
					{Kind: LinkWeb, URL: "javascript:alert(1)", Label: "Bad"},
				},
			},
			{
				ID: "sched", Title: "Scheduled", Kind: "talk", Order: 2,
				Start:    time.Date(2024, 5, 2, 10, 30, 0, 0, time.UTC),
				Duration: 45 * time.Minute, Room: "Room 1", Track: "Ops", Day: "2024-05-02",
			},
		},
	}
	c.Index()
	return c
}

func TestTalkMarkdown(t *testing.T) {
	c := exportCatalogue()
	got := c.TalkMarkdown(&c.Talks[0])
	want := `# Engines \# and \[links\](javascript:alert(1))

**Keynote** · 1 of 2 in the programme

## Speakers

- **Ada Lovelace**, Analytical Engines
- **Bob \*Bold\***

## Summary

Talks about **engines** [31m and bidi marks &amp; more.

**Topics:** kubernetes · machine\_learning

## Links

- [1] [Slides](<https://slides.example.com/engines%20deck.pdf>)
- [2] Video: [Recording on YouTube](<https://video.example.com/v>)
- [3] [Video (YouTube)](<https://video.example.com/w>)
- [4] Web page: Bad (not openable: scheme "javascript" is refused: not an http(s) URL that can be opened)
`
	if got != want {
		t.Errorf("TalkMarkdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestTalkMarkdownSchedule(t *testing.T) {
	c := exportCatalogue()
	got := c.TalkMarkdown(&c.Talks[1])
	want := "# Scheduled\n\n**Talk** · Thu 2 May 2024, 10:30–11:15 · Room 1 · Ops\n"
	if got != want {
		t.Errorf("TalkMarkdown:\n%q\nwant:\n%q", got, want)
	}
}

func TestEventMarkdown(t *testing.T) {
	c := exportCatalogue()
	got := c.EventMarkdown()
	for _, want := range []string{
		"# Demo Day\n",
		"- **Date:** 2 May 2024 (inferred from the post's date)\n",
		"- **Place:** Hall A, Montréal\n",
		"- **Organiser:** Demo Org\n",
		"- **Attendance:** over 200\n",
		"- **Programme:** 2 talks by 2 speakers\n",
		"A day of *demos*.\n\nSecond paragraph.\n",
		"## Links\n\n- [Event video](<https://www.youtube.com/watch?v=abc>)\n",
		"## Community\n\n- [Slack](<https://slack.example.com/>)\n",
		"## Sponsors\n\n- Acme\n",
		"1. Engines \\# and \\[links\\](javascript:alert(1)) — Ada Lovelace (Analytical Engines), Bob \\*Bold\\*\n2. Scheduled\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("EventMarkdown lacks %q:\n%s", want, got)
		}
	}
}

func TestSpeakersMarkdown(t *testing.T) {
	c := exportCatalogue()
	got := c.SpeakersMarkdown()
	want := "# Speakers of Demo Day\n\n" +
		"- **Ada Lovelace**, Analytical Engines: *Engines \\# and \\[links\\](javascript:alert(1))*\n" +
		"- **Bob \\*Bold\\***: *Engines \\# and \\[links\\](javascript:alert(1))*\n"
	if got != want {
		t.Errorf("SpeakersMarkdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a &amp; b &lt;c&gt;", "a &amp; b &lt;c&gt;"},
		{"esc &#27;[2J here", "esc [2J here"},
		{"hex &#x1B;]52;c;aGk=&#x07;", "hex ]52;c;aGk="},
		{"c1 &#155;31m", "c1 31m"},
		{"cr &#13;overwrite", "cr overwrite"},
		{"bidi &#x202E;olleh &rlm;", "bidi olleh "},
		{"keep &#10; newline &#9; tab &#233;", "keep &#10; newline &#9; tab &#233;"},
		{"nul &#0; huge &#x110000; junk &#xZZ; open &#27", "nul &#0; huge &#x110000; junk &amp;#xZZ; open &amp;#27"},
		// Every '&' that does not start a complete reference as written is
		// "&amp;": a renderer that joins a node's text and decodes it
		// cannot form a reference across markup, a line break or a missing
		// semicolon (HTML decodes "&#27[31m").
		{"Split ~~&amp;**#27;**[31;5;7mSPLIT~~", "Split ~~&amp;**#27;**[31;5;7mSPLIT~~"},
		{"Split ~~&**#27;**[31;5;7mSPLIT~~", "Split ~~&amp;**#27;**[31;5;7mSPLIT~~"},
		{"`&#27[31m` ~~&\n#27;~~ AT&T &ampx; &unknown;", "`&amp;#27[31m` ~~&amp;\n#27;~~ AT&amp;T &ampx; &unknown;"},
		{"&#12345678; &#x1234567; & &; &#; &#x; &;x", "&amp;#12345678; &amp;#x1234567; &amp; &amp;; &amp;#; &amp;#x; &amp;;x"},
		{"raw \x1b[31mred\x1b[0m", "raw red"},
	}
	for _, tt := range tests {
		if got := MarkdownText(tt.in); got != tt.want {
			t.Errorf("MarkdownText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kubernetes: Crossing the Chasm", "Kubernetes: Crossing the Chasm"},
		{"a*b_c`d", "a\\*b\\_c\\`d"},
		{"<script>&#27;", "\\<script\\>\\&\\#27;"},
		{"multi\nline\ttext", "multi line text"},
		{"C# | F#", "C\\# \\| F\\#"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExportTalksJSON(t *testing.T) {
	c := exportCatalogue()
	b, err := json.Marshal(c.ExportTalks([]int{1, 0, 7}))
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d talks, want 2 (index 7 is out of range)", len(got))
	}
	sched, engines := got[0], got[1]
	if sched["id"] != "sched" || sched["start"] != "2024-05-02T10:30:00Z" || sched["end"] != "2024-05-02T11:15:00Z" ||
		sched["duration_minutes"] != 45.0 || sched["room"] != "Room 1" || sched["track"] != "Ops" || sched["day"] != "2024-05-02" {
		t.Errorf("scheduled talk: %v", sched)
	}
	for _, key := range []string{"speakers", "topics", "links"} {
		if v, ok := sched[key].([]any); !ok || len(v) != 0 {
			t.Errorf("scheduled talk %s = %#v, want []", key, sched[key])
		}
	}
	if _, ok := engines["start"]; ok {
		t.Errorf("unscheduled talk has a start: %v", engines)
	}
	speakers := engines["speakers"].([]any)
	if len(speakers) != 2 {
		t.Fatalf("speakers = %v", speakers)
	}
	if s := speakers[1].(map[string]any); s["name"] != "Bob *Bold*" || s["org"] != "" || s["id"] != "bob" {
		t.Errorf("speaker without org = %v", s)
	}
	links := engines["links"].([]any)
	if l := links[0].(map[string]any); l["kind"] != "slides" || l["label"] != "Slides" ||
		l["url"] != "https://slides.example.com/engines deck.pdf" {
		t.Errorf("first link = %v", l)
	}
	if l := links[1].(map[string]any); l["label"] != "Recording on YouTube" {
		t.Errorf("second link = %v", l)
	}
}

func TestExportEventAndSpeakers(t *testing.T) {
	c := exportCatalogue()
	ev := c.ExportEvent()
	if ev.Name != "Demo Day" || ev.Place != "Hall A, Montréal" || ev.Video != "https://www.youtube.com/watch?v=abc" ||
		len(ev.Community) != 1 || ev.Talks != 2 || ev.Speakers != 2 {
		t.Errorf("ExportEvent = %+v", ev)
	}
	sp := c.ExportSpeakers()
	if len(sp) != 2 || sp[0].ID != "ada" || len(sp[0].Talks) != 1 || sp[0].Talks[0] != "engines" || sp[1].Org != "" {
		t.Errorf("ExportSpeakers = %+v", sp)
	}
	c.Talks = nil
	b, _ := json.Marshal(c.ExportSpeakers())
	if !strings.Contains(string(b), `"talks":[]`) {
		t.Errorf("a speaker with no talks should have \"talks\":[]: %s", b)
	}
}

func TestKindLabel(t *testing.T) {
	tests := map[LinkKind]string{
		LinkSlides: "Slides", LinkVideo: "Video", LinkWeb: "Web page", "": "Link", "écrit": "Écrit", "blog": "Blog",
	}
	for k, want := range tests {
		if got := KindLabel(k); got != want {
			t.Errorf("KindLabel(%q) = %q, want %q", k, got, want)
		}
	}
}

// FuzzMarkdownText checks MarkdownText against what a renderer may do to
// its text: remove any markup, line breaks and spaces, join what is left
// and decode it as HTML once (Glamour does so for ~~strikethrough~~ and
// `code`). Nothing Sanitize removes may come out.
func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{"Split ~~&amp;**#27;**[31;5;7mSPLIT~~", "&#27[31m", "&\n#x9b;", "&l**rm;", "AT&T &eacute;", "&#155;"} {
		f.Add(s)
	}
	markup := strings.NewReplacer("*", "", "_", "", "~", "", "`", "", "\\", "", "[", "", "]", "", "(", "", ")", "",
		"<", "", ">", "", "!", "", "\n", "", " ", "", "\t", "", "#", "#", "|", "")
	f.Fuzz(func(t *testing.T, s string) {
		out := MarkdownText(s)
		joined := html.UnescapeString(markup.Replace(out))
		for _, r := range joined {
			if unsafeRune(r) {
				t.Fatalf("MarkdownText(%q) = %q: joined and decoded it holds %U", s, out, r)
			}
		}
	})
}
