package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// testMarks marks talks by ID: "s" starred, "w" watched, "sw" both.
type testMarks map[string]string

func (m testMarks) Starred(id string) bool { return strings.Contains(m[id], "s") }
func (m testMarks) Watched(id string) bool { return strings.Contains(m[id], "w") }

func TestExportTalksMarked(t *testing.T) {
	c := exportCatalogue()
	tests := []struct {
		marks Marks
		want  []string // per talk: the mark fields present in its JSON
	}{
		{nil, []string{"", ""}},
		{testMarks{}, []string{"", ""}},
		{testMarks{"engines": "s", "sched": "w"}, []string{`"starred":true`, `"watched":true`}},
		{testMarks{"engines": "sw"}, []string{`"starred":true,"watched":true`, ""}},
	}
	for _, tt := range tests {
		for i, e := range c.ExportTalksMarked(nil, tt.marks) {
			b, err := json.Marshal(e)
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			// The marks come last, after the fields scripts already read.
			end := s[strings.LastIndex(s, `"links"`):]
			has := strings.Contains(s, `"starred"`) || strings.Contains(s, `"watched"`)
			if tt.want[i] == "" && has || tt.want[i] != "" && !strings.HasSuffix(end, ","+tt.want[i]+"}") {
				t.Errorf("marks %v, talk %d: JSON ends %s, want the fields %q", tt.marks, i, end, tt.want[i])
			}
		}
	}
}

func TestTalkMarkdownMarked(t *testing.T) {
	c := exportCatalogue()
	// A third talk overlapping "sched".
	c.Talks = append(c.Talks, Talk{ID: "clash", Title: "Clash *here*", Kind: "talk", Order: 3,
		Start: time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC), Duration: 30 * time.Minute})
	c.Index()
	sched := &c.Talks[1]
	tests := []struct {
		name  string
		marks Marks
		want  string // what follows the title
	}{
		{"no marks", nil, "**Talk** ·"},
		{"none on it", testMarks{"engines": "sw"}, "**Talk** ·"},
		{"watched", testMarks{"sched": "w"}, "**✓ Watched**\n\n**Talk** ·"},
		{"starred, no overlap", testMarks{"sched": "sw"}, "**★ Starred · ✓ Watched**\n\n**Talk** ·"},
		{"overlap", testMarks{"sched": "s", "clash": "s"},
			"**★ Starred**\n\n- ⚠ Overlaps starred “Clash \\*here\\*”, Thu 11:00–11:30\n\n**Talk** ·"},
	}
	for _, tt := range tests {
		got := c.TalkMarkdownMarked(sched, tt.marks)
		if rest, ok := strings.CutPrefix(got, "# Scheduled\n\n"); !ok || !strings.HasPrefix(rest, tt.want) {
			t.Errorf("%s:\n%s\nwant after the title:\n%s", tt.name, got, tt.want)
		}
	}
	if c.TalkMarkdownMarked(sched, nil) != c.TalkMarkdown(sched) {
		t.Error("TalkMarkdownMarked with nil marks differs from TalkMarkdown")
	}
}
