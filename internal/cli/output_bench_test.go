package cli

import (
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// BenchmarkListLines prints 10,000 talks of a generated schedule as list
// does when its output is not a terminal.
func BenchmarkListLines(b *testing.B) {
	cat := gen.Catalogue(10_000, 1)
	cat.Index()
	hits := make([]model.Hit, len(cat.Talks))
	for i := range hits {
		hits[i].Talk = i
	}
	b.ReportAllocs()
	for b.Loop() {
		listLines(cat, hits, nil, nil)
	}
}
