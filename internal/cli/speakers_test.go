package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/internal/opcount"
	"cndtalks/model"
)

// speakerLinesByScan is the speakers text as it was made before issue 16's
// fix: each talk ID looked up with Catalogue.Talk, a scan of the talks.
// speakerLines must print exactly what it printed.
func speakerLinesByScan(cat *model.Catalogue) string {
	var b strings.Builder
	for _, s := range cat.ExportSpeakers() {
		b.WriteString(model.SanitizeLine(s.Name))
		if s.Org != "" {
			fmt.Fprintf(&b, " (%s)", model.SanitizeLine(s.Org))
		}
		titles := make([]string, 0, len(s.Talks))
		for _, id := range s.Talks {
			if t, ok := cat.Talk(id); ok {
				titles = append(titles, model.SanitizeLine(t.Title))
			}
		}
		if len(titles) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(titles, "; "))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// oddCatalogue has what the generator never makes: a talk ID given twice
// (the first talk's title is the one shown), a speaker ID given twice, a
// speaker with no talk, a talk naming an unknown speaker, control
// characters and newlines in names, organisations and titles.
func oddCatalogue() *model.Catalogue {
	c := &model.Catalogue{
		Speakers: []model.Speaker{
			{ID: "a", Name: "Ada Lovelace", Org: "Analytical\nEngines"},
			{ID: "b", Name: "Bob\x1b[31m Red"},
			{ID: "a", Name: "Ada Again", Org: "Twice"},
			{ID: "c", Name: "Carol Nobody"},
			{ID: "d", Name: ""},
		},
		Talks: []model.Talk{
			{ID: "t1", Title: "First\ttitle", Speakers: []string{"a", "b"}},
			{ID: "t2", Title: "Second", Speakers: []string{"b", "zz", "a"}},
			{ID: "t1", Title: "Shadowed title", Speakers: []string{"a", "d"}},
			{ID: "t3", Title: "", Speakers: []string{"d", "d"}},
		},
	}
	c.Index()
	return c
}

func TestSpeakerLinesSameAsScan(t *testing.T) {
	cats := map[string]*model.Catalogue{"odd": oddCatalogue(), "empty": {}}
	for _, n := range []int{1, 10, 300, 2000} {
		cats[fmt.Sprintf("generated-%d", n)] = gen.Catalogue(n, int64(n))
	}
	for name, cat := range cats {
		t.Run(name, func(t *testing.T) {
			got, err := speakerLines(context.Background(), cat)
			if err != nil {
				t.Fatal(err)
			}
			if want := speakerLinesByScan(cat); got != want {
				t.Errorf("speakerLines differs from the scan:\n got %q\nwant %q", got, want)
			}
		})
	}
	got, err := speakerLines(context.Background(), oddCatalogue())
	if err != nil {
		t.Fatal(err)
	}
	const want = "Ada Lovelace (Analytical Engines): First title; Second; First title\n" +
		"Bob Red: First title; Second\n" +
		"Ada Again (Twice): First title; Second; First title\n" +
		"Carol Nobody\n" +
		": First title; ; \n" // t3 names d twice, and its title is blank
	if got != want {
		t.Errorf("odd catalogue:\n got %q\nwant %q", got, want)
	}
}

// TestSpeakerLinesStopsWhenCancelled: a cancelled context (Ctrl-C,
// SIGTERM) ends the listing with the context's error and no text.
func TestSpeakerLinesStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := speakerLines(ctx, gen.Catalogue(5000, 1))
	if !errors.Is(err, context.Canceled) || got != "" {
		t.Errorf("speakerLines after cancel = %d bytes, %v; want none, context.Canceled", len(got), err)
	}
}

// TestSpeakerLinesScalesLinearly fails when 4x the talks (and speakers)
// cost more than 6x the work: the lookups counted by internal/opcount
// (Catalogue.Talk counts each talk it scans), the allocations and the
// bytes allocated. Looking each talk up with Catalogue.Talk, as before
// issue 16's fix, makes 4x the input cost about 16x the comparisons.
func TestSpeakerLinesScalesLinearly(t *testing.T) {
	cost := func(n int) opcount.Cost {
		cat := gen.Catalogue(n, 1)
		var err error
		c := opcount.Measure(func() { _, err = speakerLines(context.Background(), cat) })
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1, c4 := cost(2000), cost(8000)
	if c1.Ops == 0 {
		t.Fatal("no comparisons counted: speakerLines's lookups do not call opcount.Add")
	}
	for _, e := range c1.Over(c4, "4x", 6) {
		t.Error(e)
	}
}
