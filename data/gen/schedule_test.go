package gen_test

import (
	"bytes"
	"testing"

	"cndtalks/data"
	"cndtalks/data/gen"
)

// TestWriteScheduleJSON: the generated schedule.json reads back, through
// the frab importer, as the same programme.
func TestWriteScheduleJSON(t *testing.T) {
	c := gen.Catalogue(300, 7)
	var b bytes.Buffer
	if err := gen.WriteScheduleJSON(&b, c, "gen-conf-7", "Generated Conf 7"); err != nil {
		t.Fatal(err)
	}
	res, err := data.Parse("gen.schedule.json", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got := res.Catalogue
	if res.Format != data.FormatFrabJSON || got.Event.Name != "Generated Conf 7" || len(got.Talks) != len(c.Talks) {
		t.Fatalf("read back as %s %q with %d talks, want %d", res.Format, got.Event.Name, len(got.Talks), len(c.Talks))
	}
	titles := map[string]bool{}
	for _, tk := range c.Talks {
		titles[tk.Title] = true
	}
	for _, tk := range got.Talks {
		if !titles[tk.Title] || tk.Start.IsZero() || len(tk.Speakers) == 0 {
			t.Fatalf("talk %q read back wrong: %+v", tk.Title, tk)
		}
	}
	if len(res.Skipped) != 0 {
		t.Errorf("the importer skipped %v", data.NoticeLines(res.Skipped))
	}
}
