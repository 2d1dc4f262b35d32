package tui

import (
	"runtime"
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
	type cost struct{ ops, allocs, bytes float64 }
	measure := func(n int) cost {
		c := gen.Catalogue(n, 1)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		var l speakerList
		ops := opcount.Count(func() {
			l = newSpeakerList(c)
			l.setFilter(c, "a")
			l.setFilter(c, "")
		})
		runtime.ReadMemStats(&after)
		want := 0 // a talk is listed once under each of its speakers
		for i := range c.Talks {
			want += len(c.Talks[i].Speakers)
		}
		if len(l.sel) != want || l.count != len(c.Speakers) {
			t.Fatalf("%d talks under %d speakers listed, want %d under %d", len(l.sel), l.count, want, len(c.Speakers))
		}
		return cost{float64(ops), float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc)}
	}
	c1, c4 := measure(2000), measure(8000)
	if c1.ops == 0 {
		t.Fatal("no comparisons counted: newSpeakerList does not call opcount.Add")
	}
	for _, r := range []struct {
		what   string
		c1, c4 float64
	}{{"comparisons", c1.ops, c4.ops}, {"allocations", c1.allocs, c4.allocs}, {"bytes allocated", c1.bytes, c4.bytes}} {
		if r.c4 > 6*r.c1 {
			t.Errorf("4x the input: %.1fx the %s (%.0f -> %.0f; want <= 6x)", r.c4/r.c1, r.what, r.c1, r.c4)
		}
	}
}
