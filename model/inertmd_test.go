package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestInertMarkdown checks the Markdown export's summaries: raw HTML and
// links to anything but http(s) used to pass into the .md file, which
// many renderers show as HTML.
func TestInertMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Plain *words* and **bold** and `a<b`.", "Plain *words* and **bold** and `a<b`."},
		{`<script>alert(1)</script> hello`, `\<script\>alert(1)\</script\> hello`},
		{`text <img src=x onerror=alert(1)> more`, `text \<img src=x onerror=alert(1)\> more`},
		{`before <!-- never closed`, `before \<!-- never closed`},
		{`[click](javascript:alert(1)) now`, `click now`},
		{`[site](https://example.org/a?q=<x>) ok`, `[site](<https://example.org/a?q=%3Cx%3E>) ok`},
		{`![pic](https://example.org/p.png)`, `[pic](<https://example.org/p.png>)`},
		{`![pic](data:image/png;base64,AAAA)`, `pic`},
		{`<https://example.org/> and <javascript:alert(1)>`, `<https://example.org/> and javascript:alert(1)`},
		{`[ref][x]` + "\n\n[x]: javascript:alert(1)", `ref`},
		{`a &lt;b&gt; &amp; \*c\*`, `a \<b\> \& \*c\*`},
	}
	for _, tt := range tests {
		got := InertMarkdown(tt.in)
		if got != tt.want {
			t.Errorf("InertMarkdown(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestReadingListInert checks a whole Markdown export of a hostile summary.
func TestReadingListInert(t *testing.T) {
	c := &Catalogue{
		Event: Event{ID: "e", Name: "E <b>"},
		Talks: []Talk{{ID: "a", Title: "<i>T</i>", Kind: "talk",
			Summary: `Hi <script>x()</script> [go](javascript:alert(1)) <img src=x onerror=y()> <!--`}},
	}
	c.Index()
	md := c.ReadingList(nil, ReadingListOptions{})
	for _, bad := range []string{"<script", "<img", "javascript:", "<!--", "<i>", "<b>"} {
		if strings.Contains(strings.ReplaceAll(md, `\<`, ""), bad) {
			t.Errorf("export carries %q:\n%s", bad, md)
		}
	}
	if !strings.Contains(md, `Hi \<script\>x()\</script\> go`) {
		t.Errorf("summary text lost:\n%s", md)
	}
}

// TestParseSourceDateEpoch checks the range an iCalendar can write: an
// out-of-range value used to write an invalid calendar.
func TestParseSourceDateEpoch(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"0", "1970-01-01T00:00:00Z", ""},
		{"1700000000", "2023-11-14T22:13:20Z", ""},
		{"253402300799", "9999-12-31T23:59:59Z", ""},
		{"253402300800", "", "SOURCE_DATE_EPOCH=253402300800 is out of range"},
		{"-1", "", "SOURCE_DATE_EPOCH=-1 is out of range"},
		{"99999999999999999999", "", "SOURCE_DATE_EPOCH=99999999999999999999 is out of range"},
		{"soon", "", "SOURCE_DATE_EPOCH=soon is not a number"},
	}
	for _, tt := range tests {
		got, err := ParseSourceDateEpoch(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: %v, want an error containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got.Format(time.RFC3339) != tt.want {
			t.Errorf("%q: %v %v, want %s", tt.in, got, err, tt.want)
		}
	}
	c := &Catalogue{Event: Event{ID: "e", Name: "E"}}
	if _, err := c.Export(ExportICS, nil, ExportOptions{Now: time.Unix(253402300800, 0)}); err == nil {
		t.Error("an iCalendar stamped in the year 10000 was written")
	}
}

// TestMarkdownTextBoundsRendering checks the limits that keep one talk's
// rendering quick: a 180 KB summary of nested quotes and lists took 14 s
// and 637 MB under show. It is cut at a line with a note, and past the
// container budget lines are top-level text; a real summary is unchanged.
func TestMarkdownTextBoundsRendering(t *testing.T) {
	bomb := strings.Repeat("> - > - > - > - item text here\n", 5800)
	out := MarkdownText(bomb)
	if len(out) > maxMarkdownBytes+200 || strings.Count(out, "\n") > maxMarkdownLines+3 {
		t.Errorf("%d bytes, %d lines kept of a %d-byte bomb", len(out), strings.Count(out, "\n"), len(bomb))
	}
	if !strings.Contains(out, "(shortened: ") {
		t.Error("the cut is not said")
	}
	markers := 0
	for _, l := range strings.Split(out, "\n") {
		markers += strings.Count(l, "> ") + strings.Count(l, "- ")
	}
	if markers > maxMarkdownContainersTotal {
		t.Errorf("%d container markers kept, budget %d", markers, maxMarkdownContainersTotal)
	}
	var real strings.Builder
	real.WriteString("An intro.\n\n")
	for i := range 60 {
		fmt.Fprintf(&real, "- point %d\n  - detail\n", i)
	}
	real.WriteString("\n> A quote\n> - with a list\n")
	if got := MarkdownText(real.String()); got != real.String() {
		t.Errorf("a real summary changed:\n%s", got)
	}
}
