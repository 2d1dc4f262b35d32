package tui

import (
	"sync"
	"sync/atomic"

	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// searchIndex is the catalogue's search index, built the first time a
// search needs it rather than before the first frame: at archive size
// (cndtalks --all, 20,000 talks) building it was a fifth of the start's
// CPU, and the first frame needs only the speakers lines of the rows on
// show, which the catalogue gives without it. Opening the filter starts
// the build in the background (warm), and a search asked for before it is
// done waits for it, so no search ever answers from a partial index. Safe
// for concurrent use; a Model and its copies share one.
type searchIndex struct {
	cat   *model.Catalogue
	once  sync.Once
	ix    *model.Index
	ready atomic.Bool
}

// newSearchIndex returns cat's index, to be built on first use, or ix
// when it is already built (nil: not built).
func newSearchIndex(cat *model.Catalogue, ix *model.Index) *searchIndex {
	s := &searchIndex{cat: cat}
	if ix != nil {
		s.once.Do(func() { s.ix = ix })
		s.ready.Store(true)
	}
	return s
}

// get returns the index, building it (or waiting for the build another
// goroutine started) when needed.
func (s *searchIndex) get() *model.Index {
	s.once.Do(func() {
		s.ix = model.NewIndex(s.cat)
		s.ready.Store(true)
	})
	return s.ix
}

// warm builds the index off the UI goroutine (a Cmd with no message);
// nil when it is built already.
func (s *searchIndex) warm() tea.Cmd {
	if s.ready.Load() {
		return nil
	}
	return func() tea.Msg {
		s.get()
		return nil
	}
}

// SpeakerLine is talk i's speakers line as the index has it (see
// model.Index.SpeakerLine), from the catalogue while the index is not
// built: the same text either way.
func (s *searchIndex) SpeakerLine(i int) string {
	if s.ready.Load() {
		return s.ix.SpeakerLine(i)
	}
	return s.cat.SpeakerLine(&s.cat.Talks[i])
}

// Refine is model.Index.Refine on the built index.
func (s *searchIndex) Refine(prev *model.Result, q model.Query, marks model.Marks) *model.Result {
	return s.get().Refine(prev, q, marks)
}

// Search is model.Index.Search on the built index.
func (s *searchIndex) Search(q model.Query, marks model.Marks) []model.Hit {
	return s.get().Search(q, marks)
}
