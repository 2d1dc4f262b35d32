package tui

import (
	"errors"
	"strings"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// syncSearchLimit is the catalogue size up to which a filter keystroke is
// answered in the same Update (the same frame). Bigger catalogues are
// searched in a Cmd, off the UI goroutine; both paths use Index.Refine, so
// the result is the same.
const syncSearchLimit = 2000

// startFiltering focuses the filter input (in the Talks view).
func (m *Model) startFiltering() tea.Cmd {
	m.view = viewTalks
	m.showHelp = false
	m.filtering = true
	m.focus = focusList
	m.narrowDetail = false
	m.input.CursorEnd()
	cmd := m.input.Focus()
	m.relayout()
	return tea.Batch(cmd, m.syncDetail(), m.ix.warm())
}

// handleFilterKey handles keys while the filter input has the keyboard:
// the selection moves (up, down, ctrl+p, ctrl+n, pgup, pgdn) and typing
// goes on; enter reads the selected talk, tab gives the keyboard back to
// the list, esc clears; everything else types (no letter runs a command).
func (m Model) handleFilterKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.ClearFilter):
		m.clearFilter()
		return m, m.syncDetail()
	case key.Matches(msg, k.AcceptInput), key.Matches(msg, k.KeepFilter):
		m.filtering = false
		m.input.Blur()
		m.relayout()
		if key.Matches(msg, k.AcceptInput) && m.list.len() > 0 {
			m.focusDetailPane()
		}
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterUp):
		m.list.moveBy(-1)
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterDown):
		m.list.moveBy(1)
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterPageUp):
		m.list.moveBy(-max(m.list.visibleItems(), 1))
		return m, m.syncDetail()
	case key.Matches(msg, k.FilterPageDown):
		m.list.moveBy(max(m.list.visibleItems(), 1))
		return m, m.syncDetail()
	}
	return m.updateInput(msg)
}

// updateInput passes a message to the input and searches when its text
// changed.
func (m Model) updateInput(msg tea.Msg) (tea.Model, tea.Cmd) {
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.input.Value() == before {
		return m, cmd
	}
	wasShown, errBefore := m.lay.filterH > 0, m.filterErr
	search := m.search()
	if wasShown != m.filterShown() || errBefore != m.filterErr {
		m.relayout()
	}
	return m, tea.Batch(cmd, search, m.syncDetail())
}

// search answers the filter text. Small catalogues are answered at once;
// big ones in a Cmd whose result names the text it answers. A malformed
// query keeps the last valid result (and lets a search already running for
// the last valid text finish) and says what is wrong.
func (m *Model) search() tea.Cmd {
	return m.searchFrom(m.result)
}

// searchFrom is search refining prev (nil: searching everything, as after
// a mark changed, when prev's hits may be stale).
func (m *Model) searchFrom(prev *model.Result) tea.Cmd {
	in := m.input.Value()
	if strings.TrimSpace(in) == "" {
		m.filterErr = ""
		m.pending = ""
		m.applyResult(nil, "")
		return nil
	}
	q, err := model.ParseQuery(in)
	var qe *model.QueryError
	if errors.As(err, &qe) && qe.Msg == "unclosed quote" {
		// A phrase being typed: "service me narrows as "service me" would,
		// rather than freezing the list until the quote is closed.
		if closed, cerr := model.ParseQuery(in + `"`); cerr == nil {
			q, err = closed, nil
		}
	}
	if err != nil {
		if errors.As(err, &qe) {
			m.filterErr = oneLine(qe.Msg)
		} else {
			m.filterErr = oneLine(err.Error())
		}
		return nil
	}
	// day:today is the date of the clock (or --now) in the event's zone.
	q = q.ResolveToday(m.now().In(m.loc).Format(time.DateOnly))
	m.filterErr = ""
	ix, marks := m.ix, m.searchMarks()
	if len(m.cat.Talks) <= syncSearchLimit {
		m.pending = ""
		m.applyResult(ix.Refine(prev, q, marks), in)
		return nil
	}
	m.pending = in
	return func() tea.Msg {
		return searchResultMsg{input: in, res: ix.Refine(prev, q, marks)}
	}
}

// applyResult shows a search result (nil: every talk) for the filter text
// in. A new query selects its best match; the same query again (its
// answer after a mark changed) keeps the selected talk, or the row where it
// was when it no longer matches; a query typed further keeps the talk the
// user moved to, while it still matches. So a result arriving from the
// background never moves the selection from under the user.
func (m *Model) applyResult(res *model.Result, in string) {
	t, had := m.list.selected()
	cursor, prevIn := m.list.cursor, m.resultInput
	filtered := had && m.result != nil
	same := filtered && in == prevIn
	// The user chose t when it is not what the last result selected by
	// itself.
	narrowed := filtered && prevIn != "" && strings.HasPrefix(in, prevIn) && t != m.autoPick
	m.result, m.resultInput = res, in
	prevAuto := m.autoPick
	m.autoPick = -1
	if res == nil {
		m.list.showAll(len(m.cat.Talks))
		return
	}
	m.list.showHits(res, m.ordered(res.Hits))
	switch {
	case same && m.list.selectTalk(t):
		m.autoPick = prevAuto
	case narrowed && m.list.selectTalk(t):
	case same && m.list.len() > 0:
		m.list.moveTo(min(cursor, m.list.len()-1))
	default:
		m.autoPick, _ = m.list.selected()
	}
}

// clearFilter empties the filter and shows every talk again, keeping the
// selected talk selected.
func (m *Model) clearFilter() {
	t, had := m.list.selected()
	m.filtering = false
	m.input.Blur()
	m.input.Reset()
	m.filterErr = ""
	m.pending = ""
	if m.result != nil {
		m.applyResult(nil, "")
		if had {
			m.list.selectTalk(t)
		}
	}
	m.relayout()
}
