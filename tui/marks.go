package tui

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// What the browser does with marks: s stars the selected talk and w marks
// it watched (or back), rows and the detail show both, starred talks that
// overlap in time are flagged, and x / X export the current view (the
// filter's talks, or all) to a Markdown or iCalendar file.

// Marker is a model.Marks the browser can change: when Options.Marks
// implements it, s and w change the marks. The Stage methods change them at
// once, in memory (so the list, the detail and is:starred see the change in
// the same frame), and return the function that saves them, which may wait
// for the disk or another process and so runs in a Cmd.
type Marker interface {
	model.Marks
	StageStarred(talkID string, on bool) (save func() error)
	StageWatched(talkID string, on bool) (save func() error)
}

// markKey handles s, w, x and X for talk t (-1: none selected).
func (m *Model) markKey(msg tea.KeyPressMsg, t int) (tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Star):
		return m.toggleMark(t, false), true
	case key.Matches(msg, k.Watched):
		return m.toggleMark(t, true), true
	case key.Matches(msg, k.Export):
		return m.startExport(model.ExportMarkdown), true
	case key.Matches(msg, k.ExportICS):
		return m.startExport(model.ExportICS), true
	}
	return nil, false
}

// toggleMark flips talk t's star (or its watched mark): the list, the
// detail and the filter show it at once, and a Cmd saves it.
func (m *Model) toggleMark(t int, watched bool) tea.Cmd {
	if t < 0 {
		m.setError("No talk is selected")
		return nil
	}
	mk, ok := m.opts.Marks.(Marker)
	if !ok {
		m.setError("Marks cannot be changed in this session")
		return nil
	}
	talk := &m.cat.Talks[t]
	title := shortTitle(talk.Title)
	var save func() error
	var status string
	if watched {
		on := !mk.Watched(talk.ID)
		save = mk.StageWatched(talk.ID, on)
		status = "Marked “" + title + "” not watched"
		if on {
			status = "✓ Marked “" + title + "” watched"
		}
	} else {
		on := !mk.Starred(talk.ID)
		save = mk.StageStarred(talk.ID, on)
		status = "Unstarred “" + title + "”"
		if on {
			status = "★ Starred “" + title + "”"
		}
	}
	if m.opts.MarksNote != "" {
		status += " (" + m.opts.MarksNote + ")"
	}
	m.updateConflicts()
	m.marksChanged()
	if with := m.conflicts.With(t); !watched && len(with) > 0 && mk.Starred(talk.ID) {
		m.setError(status + ": it overlaps " + plural(len(with), "starred talk"))
	} else {
		m.setStatus(status)
	}
	m.detailOK = false // the detail's banner changed
	return tea.Batch(m.researchMarks(), m.syncDetail(), func() tea.Msg { return markedMsg{err: save()} })
}

// updateConflicts recomputes which starred talks overlap.
func (m *Model) updateConflicts() {
	m.conflicts = model.FindConflicts(m.cat, m.opts.Marks)
	m.clashing = nil
	for i := range m.conflicts {
		if m.clashing == nil {
			m.clashing = map[string]bool{}
		}
		m.clashing[m.cat.Talks[i].ID] = true
	}
}

// researchMarks answers the filter again after a mark changed, since
// is:starred and is:watched may now match other talks. applyResult keeps
// the selected talk selected when it still matches (else the row where it
// was), also when the answer comes later from the background.
func (m *Model) researchMarks() tea.Cmd {
	if m.result == nil {
		return nil
	}
	return m.searchFrom(nil) // the old hits predate the change
}

// reportMarked says when a change could not be saved; it holds for the
// session all the same.
func (m *Model) reportMarked(msg markedMsg) {
	if msg.err != nil {
		m.setError(oneLine(msg.err.Error()))
	}
}

// markBadges are the row markers for talk t's marks: ★ starred, ✓ watched,
// ⚠ overlapping another starred talk.
func (m Model) markBadges(t *model.Talk) []string {
	mk := m.opts.Marks
	if mk == nil {
		return nil
	}
	var out []string
	if m.clashing[t.ID] {
		out = append(out, m.st.conflictMark.Render("⚠"))
	}
	if mk.Starred(t.ID) {
		out = append(out, m.st.starMark.Render("★"))
	}
	if mk.Watched(t.ID) {
		out = append(out, m.st.watchedMark.Render("✓"))
	}
	return out
}

// withBanner puts above a talk's detail what the marks say about it: "★
// Starred  ✓ Watched", and the starred talks it overlaps with their times.
func (m Model) withBanner(t int, detail string) string {
	mk := m.opts.Marks
	if mk == nil || t < 0 {
		return detail
	}
	talk := &m.cat.Talks[t]
	var parts []string
	if mk.Starred(talk.ID) {
		parts = append(parts, m.st.starMark.Render("★ Starred"))
	}
	if mk.Watched(talk.ID) {
		parts = append(parts, m.st.watchedMark.Render("✓ Watched"))
	}
	var lines []string
	if len(parts) > 0 {
		lines = append(lines, "  "+strings.Join(parts, "  "))
	}
	for _, j := range m.conflicts.With(t) {
		o := &m.cat.Talks[j]
		// The title gives way to the time, which says how they clash.
		title, span := shortTitle(o.Title), timeSpan(o)
		room := m.lay.detailW - 3 - ansi.StringWidth("⚠ Overlaps “”, "+span)
		if room >= 8 {
			title = ansi.Truncate(title, room, "…")
		}
		lines = append(lines, "  "+m.st.conflictMark.Render("⚠ Overlaps “"+title+"”, "+span))
	}
	if len(lines) == 0 {
		return detail
	}
	return "\n" + strings.Join(lines, "\n") + "\n" + detail
}

// timeSpan is "Sat 10:30–11:00".
func timeSpan(t *model.Talk) string {
	s := t.Start.Format("Mon 15:04")
	if t.Duration > 0 {
		s += "–" + t.End().Format("15:04")
	}
	return s
}

// shortTitle is a sanitised title short enough for a message.
func shortTitle(s string) string {
	s = oneLine(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// exportBase is an export's file name without extension:
// cndtalks-<catalogue id>-<date>-<time>.
func exportBase(cat *model.Catalogue, now time.Time) string {
	id := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, cat.Event.ID)
	if len(id) > 40 {
		id = id[:40]
	}
	base := "cndtalks"
	if id = strings.Trim(id, "-"); id != "" {
		base += "-" + id
	}
	return base + "-" + now.Format("20060102-150405")
}

// tildePath shortens the home directory to ~ for the status line.
func tildePath(p string) string {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return p
	}
	if rel, ok := strings.CutPrefix(p, home+string(filepath.Separator)); ok {
		return "~" + string(filepath.Separator) + rel
	}
	return p
}
