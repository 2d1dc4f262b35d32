package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Below minWidth x minHeight the browser shows "terminal too small";
// from wideWidth columns up, list and detail sit side by side.
const (
	minWidth  = 24
	minHeight = 6
	wideWidth = 100
)

// layout is where everything goes for the current size and state,
// computed in one place so View, the mouse and the children agree.
type layout struct {
	tooSmall bool
	wide     bool
	// tabs says the header has its second line (the view tabs).
	tabs    bool
	headerH int
	footerH int
	bodyY   int
	bodyH   int
	// filterH is how many lines the filter takes above the list, dayH
	// the line under it naming the top row's day (days.go).
	filterH int
	dayH    int
	listW   int
	// detailX and detailW place the detail pane (wide: right column,
	// narrow: the whole width).
	detailX int
	detailW int
}

// computeLayout places the header, body and footer for the model's size.
func (m Model) computeLayout() layout {
	w, h := m.width, m.height
	l := layout{}
	if w < minWidth || h < minHeight {
		l.tooSmall = true
		return l
	}
	l.tabs = h >= 10
	l.headerH = 1
	if l.tabs {
		l.headerH = 2
	}
	if h >= 20 {
		l.headerH++ // a blank line under the header
	}
	// The hint, and the status line(s): a long message takes up to
	// maxStatusLines, never the whole body.
	l.footerH = 1 + max(min(len(m.wrappedStatus()), (h-l.headerH-1)/2), 1)
	l.bodyY = l.headerH
	l.bodyH = h - l.headerH - l.footerH
	l.wide = w >= wideWidth
	if l.wide {
		l.listW = wideListWidth(w)
		l.detailX = l.listW + 1
		l.detailW = w - l.detailX
	} else {
		l.listW = w
		l.detailW = w
	}
	if m.view == viewSpeakers && m.speakerFilterShown() {
		l.filterH = 1
		if l.bodyH >= 8 {
			l.filterH = 2
		}
	}
	if m.view == viewTalks && m.filterShown() {
		l.filterH = 1
		if l.bodyH >= 8 {
			// The input, then a blank line or what is wrong with the
			// query, wrapped to be read whole (up to a third of the
			// body).
			l.filterH = 1 + max(min(len(m.filterErrLines(l.listW)), l.bodyH/3), 1)
		}
	}
	if m.view == viewTalks && m.hasTimes && l.bodyH-l.filterH >= 5 {
		l.dayH = 1
	}
	return l
}

// filterShown says whether the filter line is on screen: while typing, or
// while a filter is applied.
func (m Model) filterShown() bool {
	return m.filtering || m.input.Value() != ""
}

// maxDetailW is the widest the detail pane gets: past it, lines of prose
// are too long to read, and the list can use the room instead.
const maxDetailW = 96

// wideListWidth is the list pane's width on a wide terminal: two fifths of
// it (36 to 64 cells), and more when that would leave the detail wider than
// maxDetailW, so a 200-column terminal shows whole titles and rooms rather
// than an empty half screen.
func wideListWidth(w int) int {
	return max(min(max(w*2/5, 36), 64), w-1-maxDetailW)
}

// box fits s into exactly w x h cells: lines cut or padded to w, missing
// lines added, extra lines dropped.
func box(s string, w, h int) []string {
	out := make([]string, 0, h)
	if w <= 0 || h <= 0 {
		return out
	}
	for line := range strings.SplitSeq(s, "\n") {
		if len(out) == h {
			break
		}
		out = append(out, padRight(line, w))
	}
	blank := strings.Repeat(" ", w)
	for len(out) < h {
		out = append(out, blank)
	}
	return out
}

// padRight cuts line to w cells or pads it with spaces to w cells.
func padRight(line string, w int) string {
	lw := cellWidth(line)
	if lw > w {
		line = ansi.Truncate(line, w, "")
		lw = cellWidth(line)
	}
	if lw < w {
		line += strings.Repeat(" ", w-lw)
	}
	return line
}

// spread puts left and right on one line of w cells, cutting left first.
func spread(left, right string, w int) string {
	rw := cellWidth(right)
	if rw+2 > w {
		return padRight(left, w)
	}
	lw := cellWidth(left)
	if lw > w-rw-1 {
		left = ansi.Truncate(left, w-rw-1, "…")
		lw = cellWidth(left)
	}
	return left + strings.Repeat(" ", w-lw-rw) + right
}

// fit is the last guard of View: no line wider than w, no more than h
// lines, whatever a child produced.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, line := range lines {
		if cellWidth(line) > w {
			lines[i] = ansi.Truncate(line, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
