package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The Grid view is the timetable of one day: rooms as columns, time going
// down in rows of 5 to 30 minutes (chosen per day so a typical talk has
// room for its title), talks as blocks with their titles. The time column
// and the room names stay while the grid scrolls both ways; the arrows
// move between blocks (up and down in a room, left and right to the block
// of the nearest room that overlaps the current one), [ and ] change day,
// enter reads the talk. It needs gridMinWidth columns: narrower, the key
// says why and the list stays.
//
// A day's layout (which rows each talk covers) is built once; its drawing
// (every column's lines) once per width, marks and colours, and kept: View
// only picks the rows and columns on screen and redraws the selected
// block.

// gridMinWidth is the narrowest terminal the grid is shown on.
const gridMinWidth = 120

// gridTimeW is the time column's width ("10:30 " and a rule).
const gridTimeW = 7

// gridMinColW is the narrowest a room's column gets (with its gap);
// gridMaxColW the widest, for days with few rooms.
const (
	gridMinColW = 22
	gridMaxColW = 40
)

// gridBlock is one talk in a room's column, on rows [row0, row1).
type gridBlock struct {
	talk       int
	row0, row1 int
}

// gridColumn is a room and its talks of the day, in time order.
type gridColumn struct {
	room   string
	blocks []gridBlock
}

// gridDay is the layout of one day.
type gridDay struct {
	date  string // YYYY-MM-DD, the programme day
	start time.Time
	step  time.Duration
	rows  int
	cols  []gridColumn
}

// gridPos is where the user is in the grid: the day, the selected block
// (column and index in it) and the scroll (first row and first column on
// screen). The navigation history keeps it.
type gridPos struct {
	day       int
	col, blk  int
	top, left int
}

// gridKey names one drawing of a day.
type gridKey struct {
	day, colW, marks int
	dark             bool
}

// gridState is the Grid view: the programme days, their layouts and the
// drawing on screen, shared by the copies of the model (Bubble Tea passes
// it by value) like the render cache.
type gridState struct {
	pos  gridPos
	data *gridData
}

type gridData struct {
	days    []string // programme days in order
	layouts map[int]*gridDay
	drawn   gridKey
	lines   [][]string // per column, per row: colW cells, styled
	times   []string   // per row: the time column
	ok      bool
}

// programmeDays lists the days of the talks with times, in order.
func programmeDays(c *model.Catalogue) []string {
	seen := map[string]bool{}
	var days []string
	for i := range c.Talks {
		t := &c.Talks[i]
		if !t.HasSchedule() {
			continue
		}
		d := talkDay(t)
		if !seen[d] {
			seen[d] = true
			days = append(days, d)
		}
	}
	slices.Sort(days)
	return days
}

// talkDay is the programme day a talk is listed under.
func talkDay(t *model.Talk) string {
	if t.Day != "" {
		return t.Day
	}
	return t.Start.Format(time.DateOnly)
}

// gridStep picks the minutes per row for a day: the largest of 5, 10, 15
// and 30 minutes that gives the shorter talks of the day (the first
// quarter) at least three rows, for their time and two lines of title.
func gridStep(durations []time.Duration) time.Duration {
	if len(durations) == 0 {
		return 30 * time.Minute
	}
	d := slices.Clone(durations)
	slices.Sort(d)
	p25 := d[len(d)/4]
	step := 5 * time.Minute
	for _, s := range []time.Duration{10, 15, 30} {
		if s*time.Minute*3 <= p25 {
			step = s * time.Minute
		}
	}
	return step
}

// layoutDay places the day's talks: one column per room (in the order the
// catalogue first names them), rows from the first start to the last end.
// A talk overlapping the one before it in its room starts below it.
func layoutDay(c *model.Catalogue, date string) *gridDay {
	var talks []int
	var durs []time.Duration
	for i := range c.Talks {
		t := &c.Talks[i]
		if t.HasSchedule() && talkDay(t) == date {
			talks = append(talks, i)
			if t.Duration > 0 {
				durs = append(durs, t.Duration)
			}
		}
	}
	g := &gridDay{date: date, step: gridStep(durs)}
	if len(talks) == 0 {
		return g
	}
	slices.SortStableFunc(talks, func(a, b int) int { return c.Talks[a].Start.Compare(c.Talks[b].Start) })
	first := c.Talks[talks[0]].Start
	// Rows start on a round time: the hour or half hour before.
	g.start = first.Truncate(30 * time.Minute)
	if _, off := first.Zone(); off%1800 != 0 {
		g.start = first.Truncate(g.step)
	}
	col := map[string]int{}
	for _, i := range talks {
		room := strings.TrimSpace(c.Talks[i].Room)
		if _, ok := col[room]; !ok {
			col[room] = len(g.cols)
			g.cols = append(g.cols, gridColumn{room: room})
		}
	}
	// Columns in the catalogue's order of rooms.
	order := map[string]int{}
	for i := range c.Talks {
		r := strings.TrimSpace(c.Talks[i].Room)
		if _, ok := order[r]; !ok {
			order[r] = i
		}
	}
	slices.SortStableFunc(g.cols, func(a, b gridColumn) int { return order[a.room] - order[b.room] })
	for k := range g.cols {
		col[g.cols[k].room] = k
	}
	for _, i := range talks {
		t := &c.Talks[i]
		k := col[strings.TrimSpace(t.Room)]
		row0 := int(t.Start.Sub(g.start) / g.step)
		end := t.End()
		if t.Duration <= 0 {
			end = t.Start.Add(g.step)
		}
		row1 := int((end.Sub(g.start) + g.step - 1) / g.step)
		blocks := g.cols[k].blocks
		if n := len(blocks); n > 0 && row0 < blocks[n-1].row1 {
			row0 = blocks[n-1].row1
		}
		row1 = max(row1, row0+1)
		g.cols[k].blocks = append(blocks, gridBlock{talk: i, row0: row0, row1: row1})
		g.rows = max(g.rows, row1)
	}
	return g
}

// newGridState finds the programme days; layouts come when shown.
func newGridState(c *model.Catalogue) gridState {
	return gridState{data: &gridData{days: programmeDays(c), layouts: map[int]*gridDay{}}}
}

// day returns the layout of the day shown.
func (g gridState) day(c *model.Catalogue) *gridDay {
	d := g.data
	if len(d.days) == 0 {
		return &gridDay{}
	}
	if l, ok := d.layouts[g.pos.day]; ok {
		return l
	}
	l := layoutDay(c, d.days[g.pos.day])
	d.layouts[g.pos.day] = l
	return l
}

// gridGeometry is how the grid fits the body: how many columns, how wide,
// how many rows of talks.
type gridGeometry struct {
	cols, colW, rows int
}

func (m Model) gridGeometry(day *gridDay) gridGeometry {
	w := m.width - gridTimeW
	n := max(w/gridMinColW, 1)
	if len(day.cols) > 0 && len(day.cols) < n {
		n = len(day.cols)
	}
	colW := min(w/n, gridMaxColW)
	return gridGeometry{cols: n, colW: colW, rows: max(m.lay.bodyH-2, 1)}
}

// block is the selected block, if any.
func (g gridState) block(day *gridDay) (gridBlock, bool) {
	p := g.pos
	if p.col < 0 || p.col >= len(day.cols) || p.blk < 0 || p.blk >= len(day.cols[p.col].blocks) {
		return gridBlock{}, false
	}
	return day.cols[p.col].blocks[p.blk], true
}

// follow scrolls so the selected block is on screen.
func (g *gridState) follow(day *gridDay, geo gridGeometry) {
	p := &g.pos
	if b, ok := g.block(day); ok {
		if b.row0 < p.top {
			p.top = b.row0
		}
		if b.row1 > p.top+geo.rows {
			p.top = min(b.row0, b.row1-geo.rows)
		}
	}
	if p.col < p.left {
		p.left = p.col
	}
	if p.col >= p.left+geo.cols {
		p.left = p.col - geo.cols + 1
	}
	p.top = min(max(p.top, 0), max(day.rows-geo.rows, 0))
	p.left = min(max(p.left, 0), max(len(day.cols)-geo.cols, 0))
}

// selectNear selects, in column col, the block nearest to rows [r0, r1):
// the one overlapping it most, else the closest in time.
func (g *gridState) selectNear(day *gridDay, col, r0, r1 int) {
	if col < 0 || col >= len(day.cols) || len(day.cols[col].blocks) == 0 {
		return
	}
	best, bestScore := 0, -1<<30
	for i, b := range day.cols[col].blocks {
		overlap := min(b.row1, r1) - max(b.row0, r0)
		score := overlap
		if overlap <= 0 {
			score = -min(abs(b.row0-r0), abs(b.row1-r1)) - 1000
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	g.pos.col, g.pos.blk = col, best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// moveSide moves to the nearest room on the left (dir -1) or right (1)
// with a block overlapping the selected one; failing that, to the next
// room, at the block nearest in time.
func (g *gridState) moveSide(day *gridDay, dir int) bool {
	b, ok := g.block(day)
	if !ok {
		return false
	}
	for c := g.pos.col + dir; c >= 0 && c < len(day.cols); c += dir {
		for _, o := range day.cols[c].blocks {
			if o.row0 < b.row1 && b.row0 < o.row1 {
				g.selectNear(day, c, b.row0, b.row1)
				return true
			}
		}
	}
	if c := g.pos.col + dir; c >= 0 && c < len(day.cols) {
		g.selectNear(day, c, b.row0, b.row1)
		return true
	}
	return false
}

// --- drawing -----------------------------------------------------------------

// draw renders every column of the day for the current width, marks and
// colours, unless that drawing is the one kept.
func (m Model) gridDraw(day *gridDay, geo gridGeometry) *gridData {
	d := m.grid.data
	k := gridKey{day: m.grid.pos.day, colW: geo.colW, marks: m.marksGen, dark: m.st.isDark}
	if d.ok && d.drawn == k {
		return d
	}
	// Columns are drawn when first on screen (columnLines): a day of 46
	// rooms shows 5 to 8 of them at a time.
	d.lines = make([][]string, len(day.cols))
	d.times = make([]string, day.rows)
	for r := range d.times {
		t := day.start.Add(time.Duration(r) * day.step)
		label := ""
		if t.Minute()%30 == 0 || day.step >= 15*time.Minute {
			label = t.Format("15:04")
		}
		d.times[r] = m.st.meta.Render(fmt.Sprintf("%-*s", gridTimeW-1, label)) + m.st.paneBorder.Render("│")
	}
	d.drawn, d.ok = k, true
	return d
}

// columnLines returns column c's drawing, drawing it the first time.
func (m Model) columnLines(d *gridData, day *gridDay, c, colW int) []string {
	if d.lines[c] == nil {
		d.lines[c] = m.drawColumn(day, day.cols[c], colW, -1)
	}
	return d.lines[c]
}

// drawColumn renders a room's column, row by row, colW cells each (the
// last one a gap); the block at index sel is drawn selected.
func (m Model) drawColumn(day *gridDay, col gridColumn, colW, sel int) []string {
	st := m.st
	lines := make([]string, day.rows)
	blank := strings.Repeat(" ", colW)
	rule := st.paneBorder.Render(strings.Repeat("┄", colW-1)) + " "
	for r := range lines {
		if t := day.start.Add(time.Duration(r) * day.step); t.Minute() == 0 && r > 0 {
			lines[r] = rule // the hours, across the empty cells
		} else {
			lines[r] = blank
		}
	}
	for i, b := range col.blocks {
		for r, line := range m.drawBlock(day, b, colW, i == sel) {
			if b.row0+r < len(lines) {
				lines[b.row0+r] = line
			}
		}
	}
	return lines
}

// drawBlock renders one talk's block: a bar on the left, its start time
// and title wrapped over its rows, its speakers when there is room; ★ and
// ✓ before the title.
func (m Model) drawBlock(day *gridDay, b gridBlock, colW int, selected bool) []string {
	st := m.st
	t := &m.cat.Talks[b.talk]
	n := b.row1 - b.row0
	inner := colW - 2 // the bar, and the gap on the right
	marks := ""
	if mk := m.opts.Marks; mk != nil {
		if mk.Starred(t.ID) {
			marks += "★"
		}
		if mk.Watched(t.ID) {
			marks += "✓"
		}
	}
	head := t.Start.Format("15:04") + " "
	if marks != "" {
		head += marks + " "
	}
	text := head + oneLine(t.Title)
	wrapped := strings.Split(ansi.Wrap(text, max(inner, 1), " "), "\n")
	if len(wrapped) > n {
		wrapped = wrapped[:n]
		last := wrapped[n-1]
		wrapped[n-1] = ansi.Truncate(last, max(inner-1, 0), "") + "…"
		if ansi.StringWidth(last) < inner-1 {
			wrapped[n-1] = last + "…"
		}
	}
	titleN := len(wrapped)
	if sp := oneLine(m.ix.SpeakerLine(b.talk)); sp != "" && len(wrapped) < n {
		wrapped = append(wrapped, ansi.Truncate(sp, inner, "…"))
	}
	barStyle, titleStyle, timeStyle := st.paneBorderActive, st.title, st.meta
	bar := "▌"
	if selected {
		barStyle, titleStyle, timeStyle = st.selBar, st.titleSelected, st.metaSelected
		bar = "█" // the selection shows without colours too
	}
	out := make([]string, n)
	for i := range out {
		line := ""
		if i < len(wrapped) {
			line = wrapped[i]
		}
		var styled string
		switch {
		case i == 0:
			rest, cut := strings.CutPrefix(line, head)
			switch {
			case !cut: // the head itself was cut
				styled = timeStyle.Render(line)
			case marks != "":
				styled = timeStyle.Render(t.Start.Format("15:04")) + " " + st.starMark.Render(marks) + " " + titleStyle.Render(rest)
			default:
				styled = timeStyle.Render(strings.TrimSuffix(head, " ")) + " " + titleStyle.Render(rest)
			}
		case i >= titleN:
			styled = st.meta.Render(line)
		default:
			styled = titleStyle.Render(line)
		}
		out[i] = barStyle.Render(bar) + padRight(styled, inner) + " "
	}
	return out
}

// gridLines renders the body: the day bar, the room names, then the rows
// on screen, each the time column and the columns on screen.
func (m Model) gridLines() []string {
	w, h := m.width, m.lay.bodyH
	st := m.st
	day := m.grid.day(m.cat)
	if len(day.cols) == 0 {
		return box("\n  "+st.empty.Render("No talk of this catalogue has a time."), w, h)
	}
	geo := m.gridGeometry(day)
	d := m.gridDraw(day, geo)
	p := m.grid.pos
	out := make([]string, 0, h)

	// The day bar: which day, how many, the rooms on screen.
	dd, _ := time.Parse(time.DateOnly, day.date)
	last := min(p.left+geo.cols, len(day.cols))
	left := " " + st.eventName.Render(dd.Format("Monday 2 January"))
	if n := len(d.days); n > 1 {
		left += st.meta.Render(fmt.Sprintf(" · day %d of %d", p.day+1, n))
	}
	right := st.meta.Render(fmt.Sprintf("rooms %d–%d of %d ", p.left+1, last, len(day.cols)))
	if len(day.cols) <= geo.cols {
		right = st.meta.Render(plural(len(day.cols), "room") + " ")
	}
	out = append(out, spread(left, right, w))

	// The room names, over their columns.
	var hb strings.Builder
	hb.WriteString(strings.Repeat(" ", gridTimeW))
	for c := p.left; c < last; c++ {
		name := roomIn(day.cols[c].room, geo.colW-2)
		if day.cols[c].room == "" {
			name = "No room"
		}
		style := st.speakerName
		if c == p.col {
			style = st.titleSelected
		}
		hb.WriteString(" " + padRight(style.Render(name), geo.colW-1))
	}
	if p.left > 0 {
		// More rooms on the left: the time column says so.
		out = append(out, padRight(st.meta.Render(" ◀")+strings.TrimPrefix(hb.String(), "  "), w))
	} else {
		out = append(out, padRight(hb.String(), w))
	}
	if last < len(day.cols) {
		out[1] = padRight(ansi.Truncate(out[1], w-2, ""), w-2) + st.meta.Render("▶ ")
	}

	// The rows on screen; the selected block drawn over its column.
	sel, hasSel := m.grid.block(day)
	var selLines []string
	if hasSel {
		selLines = m.drawBlock(day, sel, geo.colW, true)
	}
	cols := make([][]string, last-p.left)
	for c := range cols {
		cols[c] = m.columnLines(d, day, p.left+c, geo.colW)
	}
	// Every cell's width is known: the rows are padded without measuring.
	pad := strings.Repeat(" ", max(w-gridTimeW-len(cols)*geo.colW, 0))
	for r := p.top; r < p.top+geo.rows && len(out) < h; r++ {
		if r >= day.rows {
			out = append(out, strings.Repeat(" ", w))
			continue
		}
		var b strings.Builder
		b.WriteString(d.times[r])
		for c, lines := range cols {
			if hasSel && p.left+c == p.col && r >= sel.row0 && r < sel.row1 {
				b.WriteString(selLines[r-sel.row0])
			} else {
				b.WriteString(lines[r])
			}
		}
		b.WriteString(pad)
		out = append(out, b.String())
	}
	for len(out) < h {
		out = append(out, strings.Repeat(" ", w))
	}
	return out[:h] // a body of one line has room for the day bar only
}

// --- the root's part ------------------------------------------------------------

// openGrid shows the Grid view, or says why not.
func (m *Model) openGrid() tea.Cmd {
	if !m.keys.Grid.Enabled() {
		m.setError("The timetable needs talks with times; this catalogue has none")
		return nil
	}
	if m.width < gridMinWidth {
		m.setError(fmt.Sprintf("The grid needs %d columns (this terminal has %d): here is the list", gridMinWidth, m.width))
		return m.switchView(viewTalks)
	}
	if m.view == viewGrid {
		return nil
	}
	if m.grid.data == nil {
		m.grid = newGridState(m.cat)
		m.grid.pos = m.gridStart()
	}
	cmd := m.switchView(viewGrid)
	m.gridFollow()
	return cmd
}

// gridStart is where the grid opens: on the talk selected in the list
// once the list has been moved or filtered; else, during the event, at the
// moment of --now or the clock (the talk on then, or the next to start);
// else the first block of the first day.
func (m Model) gridStart() gridPos {
	if t, ok := m.list.selected(); ok && m.cat.Talks[t].HasSchedule() && (m.list.cursor > 0 || m.result != nil) {
		if p, ok := m.grid.find(m.cat, t); ok {
			return p
		}
	}
	if p, ok := m.grid.at(m.cat, m.now().In(m.loc)); ok {
		return p
	}
	g := m.grid
	g.pos = gridPos{}
	day := g.day(m.cat)
	first := -1
	for c, col := range day.cols {
		if len(col.blocks) > 0 && (first < 0 || col.blocks[0].row0 < day.cols[first].blocks[0].row0) {
			first = c
		}
	}
	return gridPos{col: max(first, 0)}
}

// at is the position of the block on at the moment at: in the first room
// with a talk on then, else the next block to start that day; at night
// between two days, the first block of the next. The grid scrolls to show
// that moment at its top. It is false before the first day and after the
// last.
func (g gridState) at(c *model.Catalogue, at time.Time) (gridPos, bool) {
	if len(g.data.days) == 0 {
		return gridPos{}, false
	}
	g.pos.day = 0
	if first := g.day(c); first.start.IsZero() || at.Before(first.start) {
		return gridPos{}, false
	}
	for di := range g.data.days {
		g.pos.day = di
		day := g.day(c)
		if day.start.IsZero() || !at.Before(day.start.Add(time.Duration(day.rows)*day.step)) {
			continue
		}
		r := max(int(at.Sub(day.start)/day.step), 0)
		best := gridPos{day: di, col: -1}
		bestRow := 0
		for ci, col := range day.cols {
			for bi, b := range col.blocks {
				if b.row0 <= r && r < b.row1 {
					return gridPos{day: di, col: ci, blk: bi, top: b.row0}, true
				}
				if b.row0 > r && (best.col < 0 || b.row0 < bestRow) {
					best, bestRow = gridPos{day: di, col: ci, blk: bi}, b.row0
				}
			}
		}
		if best.col >= 0 {
			best.top = r // the moment at the top, the next talk below
			return best, true
		}
	}
	return gridPos{}, false
}

// find is the position of talk t's block, scrolled to show it at the top.
func (g gridState) find(c *model.Catalogue, t int) (gridPos, bool) {
	for di, d := range g.data.days {
		if d != talkDay(&c.Talks[t]) {
			continue
		}
		g.pos.day = di
		day := g.day(c)
		for ci, col := range day.cols {
			for bi, b := range col.blocks {
				if b.talk == t {
					return gridPos{day: di, col: ci, blk: bi, top: b.row0}, true
				}
			}
		}
	}
	return gridPos{}, false
}

// gridFollow scrolls the grid to its selection.
func (m *Model) gridFollow() {
	if m.grid.data == nil {
		return
	}
	day := m.grid.day(m.cat)
	m.grid.follow(day, m.gridGeometry(day))
}

// gridCurrentTalk is the selected block's talk, or -1.
func (m Model) gridCurrentTalk() int {
	if m.grid.data == nil {
		return -1
	}
	if b, ok := m.grid.block(m.grid.day(m.cat)); ok {
		return b.talk
	}
	return -1
}

// handleGridKey handles the Grid view.
func (m Model) handleGridKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if cmd, ok := m.talkKey(msg); ok {
		return m, cmd
	}
	day := m.grid.day(m.cat)
	geo := m.gridGeometry(day)
	p := &m.grid.pos
	b, hasSel := m.grid.block(day)
	switch {
	case key.Matches(msg, k.Back):
		if cmd, ok := m.backNav(); ok {
			return m, cmd
		}
		return m, m.switchView(viewTalks)
	case key.Matches(msg, k.Enter):
		if t := m.gridCurrentTalk(); t >= 0 {
			return m, m.jumpFrom(t)
		}
		return m, nil
	case key.Matches(msg, k.GridPrevDay), key.Matches(msg, k.GridNextDay):
		dir := 1
		if key.Matches(msg, k.GridPrevDay) {
			dir = -1
		}
		nd := p.day + dir
		if nd < 0 || nd >= len(m.grid.data.days) {
			m.setStatus("No day " + map[int]string{-1: "before", 1: "after"}[dir] + " this one")
			return m, nil
		}
		// The same room, at the same time of day, when it has talks then.
		room, clock := "", time.Time{}
		if hasSel {
			room, clock = day.cols[p.col].room, m.cat.Talks[b.talk].Start
		}
		p.day, p.top, p.left = nd, 0, 0
		nday := m.grid.day(m.cat)
		p.col, p.blk = 0, 0
		for c, col := range nday.cols {
			if col.room == room {
				p.col = c
			}
		}
		r := 0
		if ns := nday.start; hasSel && !ns.IsZero() {
			at := time.Date(ns.Year(), ns.Month(), ns.Day(), clock.Hour(), clock.Minute(), 0, 0, ns.Location())
			if at.Before(ns) {
				at = at.Add(24 * time.Hour)
			}
			r = int(at.Sub(ns) / nday.step)
		}
		m.grid.selectNear(nday, p.col, r, r+1)
		m.grid.follow(nday, m.gridGeometry(nday))
		return m, m.syncDetail()
	case !hasSel:
		return m, nil
	case key.Matches(msg, k.Up):
		if p.blk > 0 {
			p.blk--
		}
	case key.Matches(msg, k.Down):
		if p.blk < len(day.cols[p.col].blocks)-1 {
			p.blk++
		}
	case key.Matches(msg, k.GridLeft):
		m.grid.moveSide(day, -1)
	case key.Matches(msg, k.GridRight):
		m.grid.moveSide(day, 1)
	case key.Matches(msg, k.PageUp), key.Matches(msg, k.PageDown):
		dir := 1
		if key.Matches(msg, k.PageUp) {
			dir = -1
		}
		r := b.row0 + dir*geo.rows
		m.grid.selectNear(day, p.col, r, r+1)
		p.top = min(max(p.top+dir*geo.rows, 0), max(day.rows-geo.rows, 0))
	case key.Matches(msg, k.Top):
		p.blk = 0
	case key.Matches(msg, k.Bottom):
		p.blk = len(day.cols[p.col].blocks) - 1
	default:
		return m, nil
	}
	m.grid.follow(day, geo)
	return m, m.syncDetail()
}

// gridTooNarrow leaves the grid for the list when the terminal got too
// narrow for it, saying why.
func (m *Model) gridTooNarrow() {
	if m.view == viewGrid && !m.lay.tooSmall && m.width < gridMinWidth {
		m.view = viewTalks
		m.setError(fmt.Sprintf("The grid needs %d columns (this terminal has %d): here is the list", gridMinWidth, m.width))
	}
}

// gridHints are the key hints of the Grid view.
func (m Model) gridHints(marks []hint) []hint {
	k := m.keys
	out := []hint{{withHelp(k.Up, "↑↓←→", "move"), 1}, {withHelp(k.Enter, "enter", "read"), 1}}
	if m.grid.data != nil && len(m.grid.data.days) > 1 {
		out = append(out, hint{withHelp(k.GridNextDay, "[/]", "day"), 2})
	}
	out = append(out, hint{withHelp(k.Open, "o", "open"), 4})
	out = append(out, marks...)
	return append(out, hint{withHelp(k.Back, "esc", "back"), 2}, hint{k.Help, 0}, hint{k.Quit, 0})
}

// gridScroll scrolls the grid n rows (the wheel); the selection stays
// where it is, and comes back into view with the next arrow key.
func (m *Model) gridScroll(n int) {
	if m.grid.data == nil {
		return
	}
	day := m.grid.day(m.cat)
	geo := m.gridGeometry(day)
	m.grid.pos.top = min(max(m.grid.pos.top+n, 0), max(day.rows-geo.rows, 0))
}

// gridPrepare draws what the grid will show, so View only slices the
// drawing: the day's layout, and the columns on screen at this width,
// marks and colours. Update calls it after every message in the Grid view;
// it does nothing when the drawing is there.
func (m *Model) gridPrepare() {
	if m.grid.data == nil || m.lay.tooSmall {
		return
	}
	day := m.grid.day(m.cat)
	if len(day.cols) == 0 {
		return
	}
	geo := m.gridGeometry(day)
	d := m.gridDraw(day, geo)
	for c := m.grid.pos.left; c < min(m.grid.pos.left+geo.cols, len(day.cols)); c++ {
		m.columnLines(d, day, c, geo.colW)
	}
}

// clickGrid selects the block clicked at (x, y) of the body; a second
// click reads it.
func (m Model) clickGrid(x, y int) (tea.Model, tea.Cmd) {
	if m.grid.data == nil || x < gridTimeW || y < 2 {
		return m, nil
	}
	day := m.grid.day(m.cat)
	geo := m.gridGeometry(day)
	c := m.grid.pos.left + (x-gridTimeW)/geo.colW
	r := m.grid.pos.top + y - 2
	if c >= min(m.grid.pos.left+geo.cols, len(day.cols)) {
		return m, nil
	}
	for i, b := range day.cols[c].blocks {
		if r >= b.row0 && r < b.row1 {
			if c == m.grid.pos.col && i == m.grid.pos.blk {
				return m, m.jumpFrom(b.talk)
			}
			m.grid.pos.col, m.grid.pos.blk = c, i
			return m, nil
		}
	}
	return m, nil
}
