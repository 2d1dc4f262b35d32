package tui

import "strings"

// pager is a scrollable page of pre-rendered lines (a talk's detail, the
// event, the help). It keeps the lines split once, when the content is set,
// so drawing it is a slice of the visible lines: no wrapping or styling on
// the way to the screen.
type pager struct {
	lines  []string
	offset int
	height int
}

// SetContent replaces the page; the scroll position is kept within range.
func (p *pager) SetContent(s string) {
	p.lines = strings.Split(strings.TrimRight(s, "\n"), "\n")
	p.clamp()
}

// SetHeight sets how many lines are visible.
func (p *pager) SetHeight(h int) {
	p.height = max(h, 0)
	p.clamp()
}

// Height is how many lines are visible.
func (p pager) Height() int { return p.height }

// TotalLineCount is the page's length in lines.
func (p pager) TotalLineCount() int { return len(p.lines) }

// YOffset is the first visible line.
func (p pager) YOffset() int { return p.offset }

// SetYOffset scrolls to line n.
func (p *pager) SetYOffset(n int) {
	p.offset = n
	p.clamp()
}

func (p *pager) maxOffset() int { return max(len(p.lines)-p.height, 0) }

func (p *pager) clamp() { p.offset = min(max(p.offset, 0), p.maxOffset()) }

// ScrollDown scrolls n lines down.
func (p *pager) ScrollDown(n int) { p.SetYOffset(p.offset + n) }

// ScrollUp scrolls n lines up.
func (p *pager) ScrollUp(n int) { p.SetYOffset(p.offset - n) }

// PageDown scrolls one screen down.
func (p *pager) PageDown() { p.ScrollDown(max(p.height-1, 1)) }

// PageUp scrolls one screen up.
func (p *pager) PageUp() { p.ScrollUp(max(p.height-1, 1)) }

// GotoTop scrolls to the first line.
func (p *pager) GotoTop() { p.offset = 0 }

// GotoBottom scrolls to the last screen.
func (p *pager) GotoBottom() { p.offset = p.maxOffset() }

// ScrollPercent is how far down the page is scrolled, from 0 to 1.
func (p pager) ScrollPercent() float64 {
	if p.maxOffset() == 0 {
		return 1
	}
	return float64(p.offset) / float64(p.maxOffset())
}

// Scrollable says whether the page is longer than the screen.
func (p pager) Scrollable() bool { return len(p.lines) > p.height }

// View is the visible lines.
func (p pager) View() string {
	end := min(p.offset+p.height, len(p.lines))
	if p.offset >= end {
		return ""
	}
	return strings.Join(p.lines[p.offset:end], "\n")
}
