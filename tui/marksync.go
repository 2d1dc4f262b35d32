package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// Marks made elsewhere (cndtalks star, another browser) show in a running
// browser: once a second a Cmd asks the marks whether their file changed (a
// stat when it did not) and, when it did, the rows, the detail, the
// conflicts and an is:starred filter follow. Marks this browser has not
// saved yet are kept on top of what the file says (data/store.Reload).

// MarksReloader is a model.Marks that can read its file again; when
// Options.Marks implements it the browser polls it.
type MarksReloader interface {
	// Reload reads the marks again when they changed on disk and reports
	// whether they may have changed.
	Reload() (changed bool, err error)
}

// marksPollEvery is how often the marks file is checked.
const marksPollEvery = time.Second

// marksTickMsg is the poll's clock; marksReloadedMsg its answer.
type marksTickMsg struct{}

type marksReloadedMsg struct {
	changed bool
	err     error
}

// pollMarks starts the wait for the next check (nil: the marks cannot be
// reloaded).
func (m Model) pollMarks() tea.Cmd {
	if _, ok := m.opts.Marks.(MarksReloader); !ok {
		return nil
	}
	tick := m.opts.tick
	if tick == nil {
		tick = tea.Tick
	}
	return tick(marksPollEvery, func(time.Time) tea.Msg { return marksTickMsg{} })
}

// reloadMarks checks the marks file off the UI goroutine.
func (m Model) reloadMarks() tea.Cmd {
	r, ok := m.opts.Marks.(MarksReloader)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		changed, err := r.Reload()
		return marksReloadedMsg{changed: changed, err: err}
	}
}

// marksReloaded shows what changed and waits for the next check.
func (m *Model) marksReloaded(msg marksReloadedMsg) tea.Cmd {
	next := m.pollMarks()
	if msg.err != nil {
		m.setError("Marks file: " + oneLine(msg.err.Error()))
	}
	if !msg.changed {
		return next
	}
	m.marksChanged()
	return tea.Batch(next, m.researchMarks(), m.syncDetail())
}

// marksChanged refreshes what shows marks: conflicts, the detail's banner
// and the views that draw ★ and ✓ from a cache.
func (m *Model) marksChanged() {
	m.updateConflicts()
	m.detailOK = false
	m.marksGen++
}
