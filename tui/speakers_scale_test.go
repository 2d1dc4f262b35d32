package tui

import (
	"testing"

	"cndtalks/data/gen"
	"cndtalks/internal/opcount"
)

// TestSpeakerListScalesLinearly fails when 4x the talks (and speakers)
// cost the Speakers view more than 6x the work to build and to filter:
// the lookups and sort comparisons counted by internal/opcount, the
// allocations and the bytes allocated. Grouping talks by scanning them
// once per speaker (Catalogue.TalksBy), or looking speakers up with a
// scan, makes 4x the input cost about 16x.
func TestSpeakerListScalesLinearly(t *testing.T) {
	measure := func(n int) opcount.Cost {
		c := gen.Catalogue(n, 1)
		var l speakerList
		cost := opcount.Measure(func() {
			l = newSpeakerList(c)
			l.setFilter(c, "a")
			l.setFilter(c, "")
		})
		want := 0 // a talk is listed once under each of its speakers
		for i := range c.Talks {
			want += len(c.Talks[i].Speakers)
		}
		if len(l.sel) != want || l.count != len(c.Speakers) {
			t.Fatalf("%d talks under %d speakers listed, want %d under %d", len(l.sel), l.count, want, len(c.Speakers))
		}
		return cost
	}
	c1, c4 := measure(2000), measure(8000)
	if c1.Ops == 0 {
		t.Fatal("no comparisons counted: newSpeakerList does not call opcount.Add")
	}
	for _, e := range c1.Over(c4, "4x", 6) {
		t.Error(e)
	}
}
