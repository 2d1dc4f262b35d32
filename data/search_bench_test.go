package data

import (
	"os"
	"testing"

	"cndtalks/internal/cputime"
	"cndtalks/model"
)

// BenchmarkQueryIndexBig times what `cndtalks list QUERY` does after the
// load: the one-shot index and its one search (and the search alone), on
// the schedule.json named by
// $CNDTALKS_BIG_SCHEDULE (internal/importbench's -keep file). Run with:
//
//	CNDTALKS_BIG_SCHEDULE=/tmp/big.schedule.json go test -run '^$' -bench QueryIndexBig -count 5 ./data/
func BenchmarkQueryIndexBig(b *testing.B) {
	path := os.Getenv("CNDTALKS_BIG_SCHEDULE")
	if path == "" {
		b.Skip("set CNDTALKS_BIG_SCHEDULE to a big schedule.json")
	}
	r, err := LoadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	c := r.Catalogue
	b.Run("index", func(b *testing.B) {
		cpu := cputime.Process()
		for b.Loop() {
			model.NewQueryIndex(c)
		}
		reportCPU(b, cputime.Process()-cpu)
	})
	for _, text := range []string{"kubernetes", "kubrnetes", "kubernets produciton"} {
		q, err := model.ParseQuery(text)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(text, func(b *testing.B) {
			cpu := cputime.Process()
			for b.Loop() {
				model.NewQueryIndex(c).Refine(nil, q, nil)
			}
			reportCPU(b, cputime.Process()-cpu)
		})
		ix := model.NewQueryIndex(c)
		b.Run("search-only/"+text, func(b *testing.B) {
			cpu := cputime.Process()
			for b.Loop() {
				ix.Refine(nil, q, nil)
			}
			reportCPU(b, cputime.Process()-cpu)
		})
	}
}
