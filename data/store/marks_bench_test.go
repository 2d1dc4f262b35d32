package store_test

import (
	"fmt"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/data/store"
	"cndtalks/model"
)

// BenchmarkFindConflicts100k is the cost the browser pays at start and on
// each s: finding overlaps among the starred talks of 100,000, 200 starred,
// through the real marks store.
func BenchmarkFindConflicts100k(b *testing.B) {
	cat := gen.Catalogue(100_000, 1)
	s, err := store.OpenMarks(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	m := s.For(cat.Event.ID)
	for i := 0; i < len(cat.Talks); i += 500 {
		_ = m.StageStarred(cat.Talks[i].ID, true)
	}
	b.ResetTimer()
	for b.Loop() {
		_ = model.FindConflicts(cat, m)
	}
}

// BenchmarkMarksApply is one star saved: lock, re-read, merge, write,
// fsync, rename, with 1,000 marks in the file.
func BenchmarkMarksApply(b *testing.B) {
	s, err := store.OpenMarks(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	m := s.For("cat")
	for i := range 1000 {
		_ = m.StageStarred(fmt.Sprintf("talk-%d", i), true)
	}
	if err := s.Flush(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		if err := m.SetStarred("talk-x", i%2 == 0); err != nil {
			b.Fatal(err)
		}
	}
}
