package tui

import (
	"fmt"

	"cndtalks/model"

	"github.com/charmbracelet/x/ansi"
)

// The Agenda view: the starred talks day by day (model.BuildAgenda), talks
// that overlap side by side under a ⚠ line, and the free time between
// them. enter reads the selected talk; s unstars it, and the agenda
// follows.

// minConflictColumn is the narrowest column a talk of a conflict gets side
// by side; narrower, the talks are stacked.
const minConflictColumn = 18

// buildAgenda fills the Agenda view's board from the marks and the width.
func (m *Model) buildAgenda() {
	ag := model.BuildAgenda(m.cat, m.opts.Marks)
	heading := func(st *theme) func(...string) string { return st.heading.Render }
	var lines []boardLine
	blank := boardLine{draw: func(*theme, int, int) string { return "" }}
	if ag.Empty() {
		lines = append(lines, textLine(" My agenda", heading), blank,
			textLine("  No talk is starred yet.", func(st *theme) func(...string) string { return st.empty.Render }),
			textLine("  In the Talks view, s stars the selected talk; starred talks", func(st *theme) func(...string) string { return st.emptyHint.Render }),
			textLine("  gather here day by day, with what overlaps and the free time.", func(st *theme) func(...string) string { return st.emptyHint.Render }))
		m.agendaView.setLines(lines)
		return
	}
	n := len(ag.Untimed)
	for _, d := range ag.Days {
		for _, s := range d.Slots {
			n += len(s.Talks)
		}
	}
	head := " My agenda · " + plural(n, "starred talk")
	if ag.Conflicts > 0 {
		head += " · " + plural(ag.Conflicts, "conflict")
	}
	lines = append(lines, textLine(head, heading))
	for _, d := range ag.Days {
		label := model.DayLabel(d.Day)
		lines = append(lines, blank, boardLine{draw: func(st *theme, _, w int) string { return dayHeaderLine(st, label, w) }})
		for _, s := range d.Slots {
			switch {
			case s.Free():
				text := fmt.Sprintf("    free %s–%s (%s)", s.Start.Format("15:04"), s.End.Format("15:04"), model.Minutes(s.End.Sub(s.Start)))
				lines = append(lines, textLine(text, func(st *theme) func(...string) string { return st.loading.Render }))
			case s.Conflict():
				lines = append(lines, m.conflictLines(s)...)
			default:
				lines = append(lines, m.agendaLine(s.Talks[0], "  "))
			}
		}
	}
	if len(ag.Untimed) > 0 {
		lines = append(lines, blank, boardLine{draw: func(st *theme, _, w int) string { return dayHeaderLine(st, "Without a time", w) }})
		for _, i := range ag.Untimed {
			lines = append(lines, m.agendaLine(i, "  "))
		}
	}
	m.agendaView.setLines(lines)
}

// agendaLine is one starred talk: "10:00–10:30  Title · Room".
func (m Model) agendaLine(i int, indent string) boardLine {
	t := &m.cat.Talks[i]
	span, title, room := model.TimeSpan(t), oneLine(t.Title), oneLine(t.Room)
	return boardLine{talks: []int{i}, draw: func(st *theme, sel, w int) string {
		bar, titleStyle := "  ", st.title
		if sel >= 0 {
			bar, titleStyle = st.selBar.Render("│")+" ", st.titleSelected
		}
		line := indent + bar
		if span != "" {
			line += st.meta.Render(padRight(span, 11)) + "  "
		}
		rest := w - ansi.StringWidth(line)
		if room != "" && rest > 30 {
			room := ansi.Truncate(room, rest/3, "…")
			tw := rest - ansi.StringWidth(room) - 3
			return line + titleStyle.Render(ansi.Truncate(title, tw, "…")) + st.meta.Render(" · "+room)
		}
		return line + titleStyle.Render(ansi.Truncate(title, max(rest, 0), "…"))
	}}
}

// conflictLines are a slot of overlapping talks: a ⚠ line, then the talks
// side by side (title, then time and room, in a column each), or one under
// another when the columns would be too narrow.
func (m Model) conflictLines(s model.AgendaSlot) []boardLine {
	k := len(s.Talks)
	warn := s.ConflictHeading()
	if s.AtOnce {
		warn += ": pick one"
	}
	out := []boardLine{{draw: func(st *theme, _, _ int) string { return "    " + st.conflictMark.Render(warn) }}}
	talks := s.Talks
	titles := make([]string, k)
	infos := make([]string, k)
	for c, i := range talks {
		t := &m.cat.Talks[i]
		titles[c] = oneLine(t.Title)
		infos[c] = model.TimeSpan(t)
		if r := oneLine(t.Room); r != "" {
			infos[c] += " · " + r
		}
	}
	const indent = 2
	colW := func(w int) int { return (w - indent - 1) / k }
	sideBySide := func(w int) bool { return colW(w) >= minConflictColumn }
	if !sideBySide(m.width) {
		// One under another, each its own line (the view is built again
		// when the width changes).
		for c, i := range talks {
			out = append(out, boardLine{talks: []int{i}, draw: func(st *theme, sel, w int) string {
				bar, style := st.conflictMark.Render("│")+" ", st.title
				if sel >= 0 {
					bar, style = st.selBar.Render("┃")+" ", st.titleSelected
				}
				return "    " + bar + style.Render(ansi.Truncate(titles[c]+" · "+infos[c], max(w-6, 0), "…"))
			}})
		}
		return out
	}
	out = append(out, boardLine{talks: talks, draw: func(st *theme, sel, w int) string {
		if !sideBySide(w) {
			return m.stackedConflict(st, titles, infos, sel, w)
		}
		cw := colW(w)
		line := spaces(indent)
		for c := range talks {
			bar, style := st.conflictMark.Render("│")+" ", st.title
			if c == sel {
				bar, style = st.selBar.Render("┃")+" ", st.titleSelected
			}
			line += bar + style.Render(padRight(ansi.Truncate(titles[c], cw-3, "…"), cw-2))
		}
		return line
	}})
	out = append(out, boardLine{draw: func(st *theme, _, w int) string {
		if !sideBySide(w) {
			return ""
		}
		cw := colW(w)
		line := spaces(indent)
		for c := range talks {
			line += st.conflictMark.Render("│") + " " + st.meta.Render(padRight(ansi.Truncate(infos[c], cw-3, "…"), cw-2))
		}
		return line
	}})
	return out
}

// stackedConflict draws a conflict's talks on one line when there is no
// room for columns: the selected one in full, the others counted.
func (m Model) stackedConflict(st *theme, titles, infos []string, sel, w int) string {
	c := max(sel, 0)
	bar, style := st.conflictMark.Render("│")+" ", st.title
	if sel >= 0 {
		bar, style = st.selBar.Render("┃")+" ", st.titleSelected
	}
	more := st.meta.Render(fmt.Sprintf(" (%d/%d)", c+1, len(titles)))
	room := w - 4 - 2 - ansi.StringWidth(more)
	return "    " + bar + style.Render(ansi.Truncate(titles[c]+" · "+infos[c], max(room, 0), "…")) + more
}
