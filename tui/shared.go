package tui

import (
	"slices"

	"cndtalks/internal/render"
	"cndtalks/model"
)

// Shared is the work every browser on one catalogue can share: the search
// index, and the detail pane's Glamour renderings with the renderers that
// make them. cndtalks serve makes one for all its sessions
// (Options.Shared): fifty attendees then build the index once, and a talk
// is rendered once for all those whose window has the same width and
// background, where each session did it again (BENCHMARKS.md, "cndtalks
// serve"). A browser without one has its own. Safe for concurrent use.
type Shared struct {
	cat     *model.Catalogue
	skipped []string
	ix      *searchIndex
	render  renderFunc
	renders *renderCache
}

// NewShared returns what browsers on cat can share. skipped must be the
// Options.Skipped of every browser given it: the Event view's rendering
// lists them.
func NewShared(cat *model.Catalogue, skipped []string) *Shared {
	return newShared(cat, nil, skipped, nil)
}

// newShared is NewShared with cat's index already built (nil: built when
// a search first needs it) and render in place of Glamour (nil: Glamour).
func newShared(cat *model.Catalogue, ix *model.Index, skipped []string, rf renderFunc) *Shared {
	if rf == nil {
		g := &glamourRenderers{m: map[[2]int]*render.Renderer{}}
		rf = g.render
	}
	return &Shared{cat: cat, skipped: skipped, ix: newSearchIndex(cat, ix), render: rf, renders: newRenderCache()}
}

// serves reports whether s was made for a browser on cat with opts: a
// Shared of another catalogue (after C switched) or with other skipped
// records would show what is not this browser's.
func (s *Shared) serves(cat *model.Catalogue, opts Options) bool {
	return s != nil && s.cat == cat && slices.Equal(s.skipped, opts.Skipped)
}
