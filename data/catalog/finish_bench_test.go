package catalog

import (
	"testing"

	"cndtalks/data/gen"
	"cndtalks/model"
)

// BenchmarkFinish times Finish (sanitising, validation, the format's
// checks, the speaker index) on 20,000 generated talks, each run on a
// fresh copy of the catalogue made before the timer. Run with:
//
//	go test -run '^$' -bench Finish -benchmem ./data/catalog/
func BenchmarkFinish(b *testing.B) {
	src := gen.Catalogue(20_000, 1)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c := &model.Catalogue{Event: src.Event, Speakers: append([]model.Speaker(nil), src.Speakers...), Talks: append([]model.Talk(nil), src.Talks...)}
		b.StartTimer()
		if err := Finish("bench", c, nil); err != nil {
			b.Fatal(err)
		}
	}
}
