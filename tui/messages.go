package tui

import "cndtalks/model"

// searchResultMsg is the answer of a search run off the UI goroutine. It
// carries the filter text it answers, so a result for an older text is
// dropped instead of being shown under a newer one.
type searchResultMsg struct {
	input string
	res   *model.Result
}

// renderedMsg is a Glamour rendering of a talk (or of the event page). It
// names what it renders, for which width and background, so a late result
// for another selection or size only fills the cache.
type renderedMsg struct {
	key     renderKey
	content string
	err     error
}

// openedMsg reports what happened when a link was handed to the opener.
type openedMsg struct {
	what string // "slides", "video", "link 3"...
	url  string
	err  error
}

// markedMsg reports the saving of a star or watched mark, which already
// holds in memory.
type markedMsg struct {
	err error
}

// exportedMsg reports an export of the current view to a file.
type exportedMsg struct {
	path    string
	talks   int
	skipped int // talks left out (without a time, in iCalendar)
	err     error
	// exists: path is there already and nothing was written (the prompt
	// asks whether to replace it).
	exists bool
}

// statusTimeoutMsg ends the status message number seq (Model.statusSeq)
// when it is still shown.
type statusTimeoutMsg struct{ seq int }
