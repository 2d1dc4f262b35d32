package schedule

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"cndtalks/model"
)

func TestHTMLToMarkdown(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain markdown untouched", "a *b* _c_\n\n- d", "a *b* _c_\n\n- d"},
		{"paragraphs", "<p>one</p>\n\n<p>two\nlines</p>", "one\n\ntwo\nlines"},
		{"entities once", "<p>R&amp;amp;D &amp; &lt;b&gt;</p>", `R\&amp;D & \<b>`},
		{"numeric entities", "caf&#233; &#x263A;", "café ☺"},
		{"headings", "<h1>A</h1><h4>B</h4>text", "# A\n\n#### B\n\ntext"},
		{"nested lists", "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c"},
		{"paragraphs in list items", "<ul><li><p>a</p></li><li><p>b</p><p>c</p></li></ul>after", "- a\n- b\n  c\n\nafter"},
		{"text after a nested list", "<ol><li>one<ul><li>x</li></ul>tail</li><li>two</li></ol>", "1. one\n  - x\n  tail\n2. two"},
		{"three levels", "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>", "- a\n  - b\n    - c\n- d"},
		{"ordered start", `<ol start="3"><li>x</li><li>y</li></ol>`, "3. x\n4. y"},
		{"emphasis and code", "<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <code>c</code> <del>d</del>", "**b** **s** *i* *e* `c` ~~d~~"},
		{"pre", "<pre><code>if a &lt; b {\n\treturn\n}</code></pre>", "```\nif a < b {\n\treturn\n}\n```"},
		{"line break", "a<br>b<br/>c", "a  \nb  \nc"},
		{"link", `<a href="https://e.org/x y">t</a>`, "[t](https://e.org/x%20y)"},
		{"relative link", `<a href="/p">t</a>`, "[t](https://base.example/p)"},
		{"unsafe link keeps text", `<a href="javascript:alert(1)">t</a> <a href="mailto:a@b">m</a>`, "t m"},
		{"parens in link target", `<a href="https://e.org/a_(b)">w</a>`, "[w](https://e.org/a_%28b%29)"},
		{"script dropped", "<script>alert(1)</script><style>p{}</style>ok", "ok"},
		{"image alt", `<img src="x.png" alt="a cat">`, "a cat"},
		{"unknown tags kept as text", "use `vector<int>` or <https://e.org>", "use `vector<int>` or <https://e.org>"},
		{"blockquote", "<blockquote><p>q</p></blockquote>after", "> q\n\nafter"},
		{"hr", "a<hr>b", "a\n\n---\n\nb"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"},
		{"indentation dropped", "<ul>\n    <li>\n        x\n    </li>\n</ul>", "- x"},
		{"escape sequences removed", "<p>a&#27;[31mred&#27;[0m \x1b]52;c;eA==\x07b</p>", "ared b"},
		{"bidi override removed", "<p>a&#x202E;b</p>", "ab"},
		{"crlf", "a\r\nb", "a\nb"},
		{"comment dropped", "a<!-- x -->b", "ab"},
		{"empty", "  ", ""},
		{"unterminated tag", "a <b", `a \<b`},
		{"stray close tags", "</p></ul>x</li>", "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := htmlToMarkdown(tt.in, "https://base.example/talk/1")
			if got != tt.want {
				t.Errorf("htmlToMarkdown(%q) =\n%q, want\n%q", tt.in, got, tt.want)
			}
			if again := model.Sanitize(got); again != got {
				t.Errorf("output not sanitised: %q", got)
			}
		})
	}
}

func TestKeyOf(t *testing.T) {
	for in, want := range map[string]string{
		"HOqeNIb6G7M4hYFKFRkCmQ":               "HOqeNIb6G7M4hYFKFRkCmQ",
		"-n9QScyDLXMEwkqrCHASYw":               "n9QScyDLXMEwkqrCHASYw",
		"0c8b0cb4-6cf9-5ff8-928a-0a0f49558c48": "0c8b0cb4-6cf9-5ff8-928a-0a0f49558c48",
		" 15059 ":                              "15059",
		"a b/c\x1b[31m":                        "a-b-c",
		"日本":                                   "",
	} {
		if got := keyOf(in); got != want {
			t.Errorf("keyOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"00:30", 30 * time.Minute, true},
		{"1:00", time.Hour, true},
		{"01:30:15", time.Hour + 30*time.Minute + 15*time.Second, true},
		{"45", 45 * time.Minute, true},
		{"", 0, false},
		{"1h", 0, false},
		{"-1:00", 0, false},
		{"1:2:3:4:5", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseDuration(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseDuration(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLinkKind(t *testing.T) {
	tests := []struct {
		typ, title, url string
		want            model.LinkKind
	}{
		{"slides", "", "https://e.org/a", model.LinkSlides},
		{"", "Presentation slides", "https://e.org/a", model.LinkSlides},
		{"related", "Folien (PDF export)", "https://e.org/a.pdf", model.LinkSlides},
		{"", "Video recording (WebM/VP9, 101M)", "https://e.org/a.webm", model.LinkRecording},
		{"", "Talk", "https://e.org/a.MP4?x=1", model.LinkRecording},
		{"video", "", "https://e.org/watch", model.LinkVideo},
		{"", "Recording", "https://media.e.org/v/x", model.LinkRecording},
		{"", "Demo video", "https://media.e.org/v/x", model.LinkVideo},
		{"", "", "https://media.ccc.de/v/39c3-x", model.LinkRecording},
		{"video", "", "https://video.fosdem.org/2023/a.webm", model.LinkRecording},
		{"", "[Video] demo", "https://youtu.be/x", model.LinkVideo},
		{"", "", "https://www.youtube.com/watch?v=x", model.LinkVideo},
		{"", "Submit feedback", "https://e.org/feedback/1.php", model.LinkFeedback},
		{"paper", "", "https://e.org/p.pdf", model.LinkPaper},
		{"", "Chat room (web)", "https://chat.e.org/", model.LinkCommunity},
		{"audio", "Podcast", "https://e.org/a.mp3", model.LinkWeb},
		{"", "Slideshow of cats", "https://e.org/cats", model.LinkWeb},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		if got := linkKind(schedLink{Type: tt.typ, Title: tt.title}, tt.url, u.Hostname()); got != tt.want {
			t.Errorf("linkKind(%q, %q, %q) = %q, want %q", tt.typ, tt.title, tt.url, got, tt.want)
		}
	}
}

func TestScheduleLocation(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	events := func(date string) []schedEvent { return []schedEvent{{Date: date}} }
	tests := []struct {
		name     string
		conf     schedConf
		events   []schedEvent
		override *time.Location
		zone     string // the location's name
		tzName   string // what Event.TimeZone records
		note     string // a prefix of the note, "" for none
	}{
		{"named zone", schedConf{TimeZone: "Europe/Brussels", City: "Finowfurt"}, nil, nil, "Europe/Brussels", "Europe/Brussels", ""},
		{"legacy alias", schedConf{TimeZone: "US/Eastern"}, nil, nil, "US/Eastern", "US/Eastern", ""},
		{"offset only", schedConf{}, events("2018-12-27T11:00:00+01:00"), nil, "UTC+01:00", "", ""},
		{"offset of the day start", schedConf{}, []schedEvent{{Day: &schedDay{Start: "2025-03-17T04:00:00-04:00"}}}, nil, "UTC-04:00", "", ""},
		{"offset and a city that has it", schedConf{City: "Hamburg"}, events("2018-12-27T11:00:00+01:00"), nil, "Europe/Berlin", "Europe/Berlin", ""},
		{"offset and a city that has not", schedConf{City: "Hamburg"}, events("2018-12-27T11:00:00+05:00"), nil, "UTC+05:00", "", ""},
		{"offset zero", schedConf{}, events("2018-12-27T11:00:00Z"), nil, "UTC", "UTC", ""},
		{"city table", schedConf{City: "Finowfurt"}, nil, nil, "Europe/Berlin", "Europe/Berlin", "Europe/Berlin, the zone of the conference city (Finowfurt)"},
		{"city with a region", schedConf{City: "Ghent, Belgium"}, nil, nil, "Europe/Brussels", "Europe/Brussels", "Europe/Brussels, the zone"},
		{"IANA city", schedConf{City: "Brussels"}, nil, nil, "Europe/Brussels", "Europe/Brussels", "Europe/Brussels, the zone"},
		{"IANA city of two words", schedConf{City: "new york"}, nil, nil, "America/New_York", "America/New_York", "America/New_York, the zone"},
		{"unknown city", schedConf{City: "Nowhere"}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"nothing", schedConf{}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"a path is no city", schedConf{City: "../../etc/passwd"}, nil, nil, "UTC", "UTC", "time zone assumed: UTC"},
		{"override wins", schedConf{TimeZone: "Europe/Brussels"}, events("2018-12-27T11:00:00+01:00"), berlin, "Europe/Berlin", "Europe/Berlin", "Europe/Berlin, set with --tz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			loc, name, note := scheduleLocation(tt.conf, tt.events, tt.override)
			if loc.String() != tt.zone || name != tt.tzName {
				t.Errorf("zone = %q, %q; want %q, %q", loc, name, tt.zone, tt.tzName)
			}
			if (tt.note == "") != (note == "") || !strings.HasPrefix(note, tt.note) {
				t.Errorf("note = %q, want one starting %q", note, tt.note)
			}
		})
	}
}

// TestScheduleXMLStopsHoldingEventsAtLimit: a schedule.xml of more events
// than maxScheduleTalks keeps the first ones, says how many it dropped, and
// never holds the rest (a 127 MB file of 2.5 million minimal events took
// 5.9 GB when every event was decoded before the cut).
func TestScheduleXMLStopsHoldingEventsAtLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<schedule><conference><title>Big</title><time_zone_name>Europe/Berlin</time_zone_name></conference><day date="2025-01-01" index="1"><room name="Hall">`)
	const extra = 5
	for e := range maxScheduleTalks + extra - 2 {
		fmt.Fprintf(&b, `<event id="%d"><title>t%d</title></event>`, e, e)
	}
	// Two more straight under the day, after the room.
	fmt.Fprintf(&b, `</room><event id="x1"><title>x1</title></event><event id="x2"><title>x2</title></event></day></schedule>`)
	src := []byte(b.String())

	s, _, err := decodeScheduleXML(src)
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, d := range s.Days {
		held += len(d.Events)
		for _, r := range d.Rooms {
			held += len(r.Events)
		}
	}
	if held != maxScheduleTalks || s.past != extra {
		t.Errorf("decoded %d events and skipped %d, want %d and %d", held, s.past, maxScheduleTalks, extra)
	}

	c, skipped, err := Import("big.xml", src, FormatPentabarfXML, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Talks); n != maxScheduleTalks {
		t.Errorf("%d talks, want %d", n, maxScheduleTalks)
	}
	want := fmt.Sprintf("%d talks dropped: past the limit of %d talks per schedule", extra, maxScheduleTalks)
	if got := Notices(skipped); len(got) != 1 || got[0].String() != want {
		t.Errorf("notices %v, want %q", got, want)
	}
}

// TestFriendlyType checks that a JSON type error names the importer's
// types the way a user reads them.
func TestFriendlyType(t *testing.T) {
	for in, want := range map[string]string{
		"string":                "text",
		"schedule.frabText":     "text",
		"[]schedule.frabPerson": "a list",
		"json.RawMessage":       "a value",
	} {
		if got := friendlyType(in); got != want {
			t.Errorf("friendlyType(%q) = %q, want %q", in, got, want)
		}
	}
}
