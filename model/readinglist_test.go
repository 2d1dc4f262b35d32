package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// exportMarks marks talks for the export tests.
type exportMarks struct{ starred, watched map[string]bool }

func (m exportMarks) Starred(id string) bool { return m.starred[id] }
func (m exportMarks) Watched(id string) bool { return m.watched[id] }

func TestReadingList(t *testing.T) {
	sched := exportFixture()
	// Make the CJK talk overlap the keynote so the conflict shows.
	sched.Talks[1].Start = sched.Talks[0].Start.Add(30 * time.Minute)
	marks := exportMarks{
		starred: map[string]bool{"opening": true, "cjk": true},
		watched: map[string]bool{"opening": true},
	}
	unsched := &Catalogue{
		Event:    Event{ID: "u", Name: "No *schedule* conf"},
		Speakers: []Speaker{{ID: "s", Name: "Sam [admin](http://x)", Org: "Org_1"}},
		Talks: []Talk{
			{ID: "k", Title: "Keynote", Kind: "keynote", Speakers: []string{"s"}, Summary: "- a list first\n- then more"},
			{ID: "t1", Title: "First `talk`", Kind: "talk", Summary: "Line one\nline two.\n\nNot shown."},
			{ID: "t2", Title: "Second talk", Kind: "talk", Links: []Link{{Kind: LinkSlides, URL: "https://s.example/a b(c)"}}},
			{ID: "x", Title: "Untyped"},
			{ID: "c", Title: "Closing", Kind: "closing"},
		},
	}
	unsched.Index()
	cases := []struct {
		name    string
		c       *Catalogue
		indexes []int
		opts    ReadingListOptions
	}{
		{"scheduled", sched, nil, ReadingListOptions{Marks: marks, Date: exportStamp}},
		{"starred", sched, []int{1, 0}, ReadingListOptions{Query: "is:starred", Marks: marks}},
		{"by kind", unsched, nil, ReadingListOptions{}},
		{"query with backticks", unsched, []int{4, 1, 1}, ReadingListOptions{Query: "title:`talk`"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			md := tc.c.ReadingList(tc.indexes, tc.opts)
			if strings.Contains(md, "\x1b") || strings.Contains(md, "javascript:") {
				t.Errorf("unsafe text in reading list:\n%s", md)
			}
			golden.RequireEqual(t, md)
		})
	}
}

func TestFirstParagraph(t *testing.T) {
	cases := map[string]string{
		"":                          "",
		"One line.":                 "One line.",
		"Two\nlines.\n\nNext para.": "Two lines.",
		"# Heading\n\ntext":         "",
		"- item":                    "",
		"> quote":                   "",
		"```\ncode\n```":            "",
		"  padded  \n\n":            "padded",
	}
	for in, want := range cases {
		if got := firstParagraph(in); got != want {
			t.Errorf("firstParagraph(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportFormats(t *testing.T) {
	c := exportFixture()
	for _, name := range []string{"md", "Markdown", "json", "ics", "ical", "ICS"} {
		if _, err := ParseExportFormat(name); err != nil {
			t.Errorf("ParseExportFormat(%q): %v", name, err)
		}
	}
	if _, err := ParseExportFormat("pdf"); err == nil || !strings.Contains(err.Error(), "md, json or ics") {
		t.Errorf("ParseExportFormat(pdf) error = %v", err)
	}

	ics, err := c.Export(ExportICS, nil, ExportOptions{Now: exportStamp})
	if err != nil || ics.Talks != 3 || ics.Skipped != 1 || !bytes.HasPrefix(ics.Data, []byte("BEGIN:VCALENDAR\r\n")) {
		t.Errorf("ics export: %d talks, %d skipped, %v", ics.Talks, ics.Skipped, err)
	}

	js, err := c.Export(ExportJSON, []int{1, 0}, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var talks []TalkExport
	if err := json.Unmarshal(js.Data, &talks); err != nil || len(talks) != 2 || talks[0].ID != "cjk" || js.Talks != 2 {
		t.Errorf("json export: %v, %+v", err, talks)
	}
	// The same bytes `list --json` prints: indented, HTML not escaped.
	if !bytes.HasPrefix(js.Data, []byte("[\n  {\n    \"id\": \"cjk\"")) || bytes.Contains(js.Data, []byte(`\u0026`)) {
		t.Errorf("json shape:\n%s", js.Data[:80])
	}

	md, err := c.Export(ExportMarkdown, []int{0, 1}, ExportOptions{Query: "room:hall"})
	if err != nil || md.Talks != 2 || !strings.Contains(string(md.Data), "2 talks matching `room:hall`") {
		t.Errorf("md export: %d talks, %v\n%s", md.Talks, err, md.Data)
	}
	if _, err := c.Export("pdf", nil, ExportOptions{}); err == nil {
		t.Error("unknown format exported")
	}
	for _, f := range ExportFormats {
		if f.Ext() != "."+string(f) {
			t.Errorf("%s: ext %q", f, f.Ext())
		}
	}
}

func TestZoneName(t *testing.T) {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "UTC"},
		{time.FixedZone("EST", -5*3600), "EST"},
		{time.FixedZone("", -5*3600), "UTC-05:00"},
		{time.FixedZone("", 5*3600+1800), "UTC+05:30"},
		{time.FixedZone("", 0), "UTC"},
		{time.FixedZone("+01", 3600), "UTC+01:00"},
	}
	for _, tc := range cases {
		if got := zoneName(at.In(tc.loc)); got != tc.want {
			t.Errorf("zoneName(%v) = %q, want %q", tc.loc, got, tc.want)
		}
	}
}
