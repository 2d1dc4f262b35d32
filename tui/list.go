package tui

import (
	"strings"

	"cndtalks/model"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// talkList is the list of talks: which talks are shown (all of them, or a
// search's hits in rank order), which one is selected and which rows are on
// screen. It renders only the rows that fit, so its cost does not grow with
// the catalogue.
type talkList struct {
	// n is how many talks are listed.
	n int
	// hits, when filtering, are the listed talks in rank order (or
	// another order of res's hits); nil lists talks 0..n-1 in programme
	// order. Either way nothing is copied per keystroke.
	hits []model.Hit
	// res is the search the hits answer; hl caches, by talk, the matched
	// positions res.Highlight computes for the rows drawn (a search does
	// not compute them for its tens of thousands of hits).
	res *model.Result
	hl  map[int]matched

	cursor int
	offset int // first visible item
	width  int
	height int
}

// matched is where a search matched a talk's title and speakers line.
type matched struct{ title, speakers []int }

// maxCachedRows bounds the positions cache of one result (scrolling
// through 100k hits would otherwise keep them all).
const maxCachedRows = 1024

// showAll lists all n talks in programme order and selects the first.
func (l *talkList) showAll(n int) {
	l.n, l.hits, l.res, l.hl = n, nil, nil, nil
	l.cursor, l.offset = 0, 0
}

// showHits lists hits, res's hits in rank or another order, and selects
// the first.
func (l *talkList) showHits(res *model.Result, hits []model.Hit) {
	l.n, l.hits = len(hits), hits
	if l.res != res || l.hl == nil {
		l.res, l.hl = res, make(map[int]matched, 64)
	}
	l.cursor, l.offset = 0, 0
}

// positions returns the matched positions in the title and speakers line
// of row i's talk, computed once per result and talk, for the rows drawn.
func (l talkList) positions(i int) (title, speakers []int) {
	if l.hits == nil || l.res == nil || i < 0 || i >= len(l.hits) {
		return nil, nil
	}
	t := l.hits[i].Talk
	if m, ok := l.hl[t]; ok {
		return m.title, m.speakers
	}
	title, speakers = l.res.Highlight(t)
	if len(l.hl) >= maxCachedRows {
		clear(l.hl)
	}
	l.hl[t] = matched{title, speakers}
	return title, speakers
}

// len is how many talks are listed.
func (l talkList) len() int { return l.n }

// item is the catalogue index of the talk on row i.
func (l talkList) item(i int) int {
	if l.hits != nil {
		return l.hits[i].Talk
	}
	return i
}

// setSize sets the list's size in cells and keeps the selection visible.
func (l *talkList) setSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.clamp()
}

// itemHeight is how many lines one talk takes: title, speakers and a gap
// when there is room, fewer on tiny terminals.
func (l talkList) itemHeight() int {
	switch {
	case l.height >= 9:
		return 3
	case l.height >= 4:
		return 2
	default:
		return 1
	}
}

// visibleItems is how many talks fit on screen (at least one).
func (l talkList) visibleItems() int {
	ih := l.itemHeight()
	// The gap line of the last row may be cut off.
	n := (l.height + ih - 1 - (ih - 2)) / ih
	if ih < 3 {
		n = l.height / ih
	}
	return max(n, 1)
}

// selected returns the selected talk's index in the catalogue.
func (l talkList) selected() (int, bool) {
	if l.cursor < 0 || l.cursor >= l.n {
		return 0, false
	}
	return l.item(l.cursor), true
}

// moveBy moves the selection by n rows, stopping at the ends.
func (l *talkList) moveBy(n int) {
	l.cursor += n
	l.clamp()
}

// moveTo selects row i.
func (l *talkList) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

// selectTalk selects the row showing catalogue talk t, if it is listed.
func (l *talkList) selectTalk(t int) bool {
	if l.hits == nil {
		if t < 0 || t >= l.n {
			return false
		}
		l.moveTo(t)
		return true
	}
	for i, h := range l.hits {
		if h.Talk == t {
			l.moveTo(i)
			return true
		}
	}
	return false
}

// clamp keeps the cursor on a row and the offset such that the cursor is on
// screen.
func (l *talkList) clamp() {
	n := l.n
	l.cursor = min(max(l.cursor, 0), max(n-1, 0))
	vis := l.visibleItems()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+vis {
		l.offset = l.cursor - vis + 1
	}
	l.offset = min(max(l.offset, 0), max(n-vis, 0))
}

// scroll moves the window by n rows without losing the selection: the
// cursor follows when it would leave the screen.
func (l *talkList) scroll(n int) {
	vis := l.visibleItems()
	l.offset = min(max(l.offset+n, 0), max(l.n-vis, 0))
	if l.cursor < l.offset {
		l.cursor = l.offset
	}
	if l.cursor >= l.offset+vis {
		l.cursor = l.offset + vis - 1
	}
	l.clamp()
}

// rowAt returns the row under line y of the list (0 = first line), or -1.
func (l talkList) rowAt(y int) int {
	if y < 0 || y >= l.height {
		return -1
	}
	i := l.offset + y/l.itemHeight()
	if i >= l.n {
		return -1
	}
	return i
}

// rowContext is what rendering a row needs from the root model.
type rowContext struct {
	cat     *model.Catalogue
	st      *theme
	speaker func(t int) string
	markers func(t *model.Talk) []string
	// when is a talk's time and room for its second line, nil for a
	// catalogue without times (schedule.go).
	when func(t *model.Talk, width int) string
	// event is talk i's event label in an archive, nil otherwise
	// (switcher.go).
	event func(i int) string
	// blurred says the list does not have the keyboard (the detail has):
	// the selection is drawn quieter.
	blurred bool
	// day is a talk's programme day when the list is in time order (nil
	// otherwise): a day's first row gets its header (days.go).
	day func(t int) string
}

// view renders the visible rows, exactly l.height lines of l.width cells.
func (l talkList) view(rc rowContext) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	ih := l.itemHeight()
	lines := make([]string, 0, l.height)
	for i := l.offset; i < l.n && len(lines) < l.height; i++ {
		if rc.day != nil && ih >= 3 && i > l.offset {
			// A new day's header goes on the gap line above its first row.
			if d := rc.day(l.item(i)); d != rc.day(l.item(i-1)) {
				lines[len(lines)-1] = dayHeaderLine(rc.st, dayLabel(d), l.width)
			}
		}
		lines = append(lines, l.renderRow(rc, i, ih)...)
	}
	if len(lines) > l.height {
		lines = lines[:l.height]
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// renderRow renders row i as ih lines: title with markers, then speakers
// and organisations, then a blank gap.
func (l talkList) renderRow(rc rowContext, i, ih int) []string {
	ti := l.item(i)
	t := &rc.cat.Talks[ti]
	sel := i == l.cursor
	st := rc.st

	bar := "  "
	barStyle := st.selBar
	if rc.blurred {
		barStyle = st.selBarBlur
	}
	if sel {
		bar = barStyle.Render("│") + " "
	}
	// The selection bar and a space on the left, a margin on the right so
	// the markers do not touch the pane separator.
	inner := l.width - 3
	if inner <= 0 {
		if sel {
			return padLines([]string{ansi.Truncate(barStyle.Render("│"), l.width, "")}, ih)
		}
		return padLines([]string{""}, ih)
	}

	titleStyle, metaStyle, matchStyle := st.title, st.meta, st.match
	if sel {
		titleStyle, metaStyle, matchStyle = st.titleSelected, st.metaSelected, st.matchSelected
		if rc.blurred {
			titleStyle, metaStyle = st.titleBlur, st.meta
		}
	}
	titlePos, speakerPos := l.positions(i)

	marks := strings.Join(rc.markers(t), " ")
	mw := lineWidth(marks)
	titleW := inner
	if mw > 0 && inner-mw-1 >= 12 {
		titleW = inner - mw - 1
	} else {
		marks, mw = "", 0
	}
	shown, titlePos := cellSafePos(model.SanitizeLine(t.Title), titlePos)
	title := highlight(shown, titlePos, titleW, titleStyle, matchStyle)
	line1 := bar + title
	if mw > 0 {
		gap := inner - lineWidth(title) - mw
		line1 += strings.Repeat(" ", max(gap, 1)) + marks
	}
	out := []string{line1}
	if ih >= 2 {
		speakers, speakerPos := cellSafePos(model.SanitizeLine(rc.speaker(ti)), speakerPos)
		prefix, pw := "", 0
		if rc.event != nil && inner >= 24 {
			prefix = ansi.Truncate(rc.event(ti), inner/4, "…") + " · "
		}
		if rc.when != nil {
			// Half the line, or all that is left when no speakers share it.
			ww := (inner + 1) / 2
			if speakers == "" {
				ww = inner - cellWidth(prefix)
			}
			if w := rc.when(t, ww); w != "" && inner >= 24 {
				prefix += ansi.Truncate(w, ww, "…") + " · "
			}
		}
		if prefix != "" {
			if speakers == "" {
				prefix = strings.TrimSuffix(prefix, " · ")
			}
			pw = cellWidth(prefix)
			prefix = metaStyle.Render(prefix)
		}
		meta := highlight(speakers, speakerPos, inner-pw, metaStyle, matchStyle)
		out = append(out, bar+prefix+meta)
	}
	return padLines(out, ih)
}

// padLines pads lines with blank lines up to n.
func padLines(lines []string, n int) []string {
	for len(lines) < n {
		lines = append(lines, "")
	}
	return lines
}

// highlight renders s within width cells (truncated with "…"), styling the
// runes at the given byte offsets with match and the rest with base.
func highlight(s string, pos []int, width int, base, match lipgloss.Style) string {
	if width <= 0 {
		return ""
	}
	if cellWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	if len(pos) == 0 {
		return base.Render(s)
	}
	matched := make(map[int]bool, len(pos))
	for _, p := range pos {
		matched[p] = true
	}
	var b strings.Builder
	start, cur := 0, false
	flush := func(end int) {
		if end <= start {
			return
		}
		if cur {
			b.WriteString(match.Render(s[start:end]))
		} else {
			b.WriteString(base.Render(s[start:end]))
		}
		start = end
	}
	for i := range s {
		m := matched[i]
		if m != cur {
			flush(i)
			cur = m
		}
	}
	flush(len(s))
	return b.String()
}
