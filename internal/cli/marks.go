package cli

import (
	"context"
	"strings"

	"cndtalks/data/store"
	"cndtalks/model"
)

// marksFor opens the marks file on first use and returns cat's marks. The
// error is what opening found (a corrupt file moved aside, a file from a
// newer version, an unreadable one), returned on the first call only: the
// marks work in memory whatever happened.
func (a *app) marksFor(cat *model.Catalogue) (talkMarks, error) {
	var err error
	if a.marks == nil {
		a.marks, err = store.OpenDefaultMarks()
		a.marks.SetContext(a.ctx) // Ctrl-C ends a wait for the lock
	}
	if len(cat.Parts) > 0 {
		return a.marks.ForArchive(cat), err // each talk's marks are its event's
	}
	return a.marks.For(cat.Event.ID), err
}

// talkMarks are one catalogue's marks: a store.CatalogueMarks, or an
// archive's store.ArchiveMarks.
type talkMarks interface {
	model.Marks
	Set(talkID string, m store.Mark, on bool) error
	IDs(m store.Mark) []string
	StageStarred(talkID string, on bool) (save func() error)
	StageWatched(talkID string, on bool) (save func() error)
}

// queryMarks is the marks a search needs: those of cat when the query
// mentions is:starred or is:watched, else nil, so other queries never touch
// the marks file.
func (a *app) queryMarks(cat *model.Catalogue, text string) model.Marks {
	if !strings.Contains(strings.ToLower(text), "is:") {
		return nil
	}
	marks, err := a.marksFor(cat)
	a.warn(err)
	if cs := a.changeSet(); cs != nil {
		return model.WithChanges(marks, cs) // is:changed
	}
	return marks
}

// shownMarks is what list, show and the JSON show of the marks: cat's
// marks when at least one of its talks is starred or watched, else nil, so
// that a catalogue without marks prints as it always did. What opening the
// marks file found is said, unless there is no state directory at all
// (nothing to read, nothing lost).
func (a *app) shownMarks(cat *model.Catalogue) model.Marks {
	marks, err := a.marksFor(cat)
	if a.marks.Path() != "" {
		a.warn(err)
	}
	for _, m := range []store.Mark{store.Star, store.Watch} {
		for _, id := range marks.IDs(m) {
			if _, ok := cat.Talk(id); ok {
				return marks
			}
		}
	}
	return nil
}

// markColumn returns, for list, the marks of talk i as a column: a slot
// for ★ (starred) and ✓ (watched), and one for ⚠ when one of the listed
// starred talks overlaps another starred talk. With nil marks it is "".
func markColumn(cat *model.Catalogue, hits []model.Hit, marks model.Marks) func(i int) string {
	if marks == nil {
		return func(int) string { return "" }
	}
	conflicts := model.FindConflicts(cat, marks)
	clash := false
	for _, h := range hits {
		clash = clash || conflicts.Has(h.Talk)
	}
	return func(i int) string {
		t := &cat.Talks[i]
		col := []rune("    ")
		if marks.Starred(t.ID) {
			col[0] = '★'
		}
		if marks.Watched(t.ID) {
			col[1] = '✓'
		}
		if !clash {
			return string(col[:2]) + "  "
		}
		if conflicts.Has(i) {
			col[2] = '⚠'
		}
		return string(col) + " "
	}
}

// withMarks gives the browser cat's marks, to show and change; what opening
// them found goes to the status line.
func (a *app) withMarks(cat *model.Catalogue, opts *BrowseOptions) {
	marks, err := a.marksFor(cat)
	opts.Marks = marks
	if err != nil {
		if opts.Notice != "" {
			opts.Notice += "; "
		}
		opts.Notice += err.Error()
	}
}

// saveMarks writes the changes the browser had not finished saving when it
// quit (it saves in the background); what could not be saved is said.
func (a *app) saveMarks() {
	if a.marks != nil {
		// The signal that ended the browser must not cut this save short:
		// the lock wait is bounded on its own.
		a.marks.SetContext(context.Background())
		a.warn(a.marks.Flush())
	}
}
