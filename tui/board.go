package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// board is a scrolling page of lines some of which name talks, the shape
// of the Now and Agenda views: the movement keys select the talks in
// reading order (a line may hold several side by side), enter reads the
// selected one. It is rebuilt from the model when what it shows changes
// (the clock, the marks, the width); View only draws the lines on screen.
type board struct {
	lines []boardLine
	// targets are the selectable talks in reading order: line and column.
	targets [][2]int
	cursor  int // index into targets
	offset  int // first line on screen
	width   int
	height  int
}

// maxBoardWidth bounds the width the lines are laid out in: on a very
// wide terminal a time left 180 columns from its title is hard to pair.
const maxBoardWidth = 150

// boardLine is one line of a board: the talks it names (none for a
// heading or a gap) and how to draw it, given the column selected on it
// (-1: none) and the width.
type boardLine struct {
	talks []int
	draw  func(st *theme, sel, w int) string
}

// setLines replaces the lines, keeping the selected talk selected when it
// is still there, else the same position.
func (b *board) setLines(lines []boardLine) {
	keep := -1
	if t, ok := b.selected(); ok {
		keep = t
	}
	b.lines = lines
	b.targets = b.targets[:0]
	for i, l := range lines {
		for c := range l.talks {
			b.targets = append(b.targets, [2]int{i, c})
		}
	}
	if keep >= 0 {
		for k, tg := range b.targets {
			if b.lines[tg[0]].talks[tg[1]] == keep {
				b.cursor = k
				break
			}
		}
	}
	b.clamp()
}

// setSize sets the board's size in cells.
func (b *board) setSize(w, h int) {
	b.width, b.height = max(w, 0), max(h, 0)
	b.clamp()
}

// selected is the selected talk's index in the catalogue.
func (b board) selected() (int, bool) {
	if b.cursor < 0 || b.cursor >= len(b.targets) {
		return 0, false
	}
	tg := b.targets[b.cursor]
	return b.lines[tg[0]].talks[tg[1]], true
}

// moveBy and moveTo move the selection (cursorList).
func (b *board) moveBy(n int) {
	b.cursor += n
	b.clamp()
}

func (b *board) moveTo(i int) {
	b.cursor = i
	b.clamp()
}

// pageSize is how many talks a page key moves by: about a screenful.
func (b board) pageSize() int {
	if len(b.lines) == 0 {
		return 1
	}
	return max(b.height*len(b.targets)/len(b.lines), 1)
}

// clamp keeps the cursor on a talk and its line on screen, with the
// heading above the first talk in sight when the top is near.
func (b *board) clamp() {
	b.cursor = min(max(b.cursor, 0), max(len(b.targets)-1, 0))
	if len(b.targets) > 0 {
		line := b.targets[b.cursor][0]
		if line < b.offset {
			b.offset = line
		}
		if line >= b.offset+b.height {
			b.offset = line - b.height + 1
		}
		if b.cursor == 0 && line < b.height {
			b.offset = 0
		}
	}
	b.offset = min(max(b.offset, 0), max(len(b.lines)-b.height, 0))
}

// targetAt is the target under cell (x, y) of the board: the talk on that
// line, or for talks side by side the one in that column.
func (b board) targetAt(x, y int) (int, bool) {
	line := b.offset + y
	if y < 0 || line >= len(b.lines) || len(b.lines[line].talks) == 0 {
		return 0, false
	}
	n := len(b.lines[line].talks)
	col := min(max(x*n/max(min(b.width, maxBoardWidth), 1), 0), n-1)
	for k, tg := range b.targets {
		if tg == [2]int{line, col} {
			return k, true
		}
	}
	return 0, false
}

// position is the selected talk's number and the number of talks.
func (b board) position() (cur, n int) {
	return b.cursor + 1, len(b.targets)
}

// view draws the lines on screen, exactly height lines.
func (b board) view(st *theme) string {
	out := make([]string, 0, b.height)
	sel := [2]int{-1, -1}
	if b.cursor < len(b.targets) {
		sel = b.targets[b.cursor]
	}
	for i := b.offset; i < len(b.lines) && len(out) < b.height; i++ {
		col := -1
		if i == sel[0] {
			col = sel[1]
		}
		line := b.lines[i].draw(st, col, min(b.width, maxBoardWidth))
		if ansi.StringWidth(line) > b.width {
			line = ansi.Truncate(line, b.width, "…")
		}
		out = append(out, padRight(line, b.width))
	}
	for len(out) < b.height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// textLine is a board line of text drawn in one style.
func textLine(s string, style func(st *theme) func(...string) string) boardLine {
	return boardLine{draw: func(st *theme, _, _ int) string { return style(st)(s) }}
}
