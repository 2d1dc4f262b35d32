package main

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// screen is the little terminal emulator the tool reads frames from: a grid
// of cells that understands what Bubble Tea's renderer writes (cursor
// movement, erasing, scrolling regions, repeat, insert and delete) and
// ignores styling, hyperlinks, modes and queries. It answers nothing; the
// queries it sees are recorded so the tool can report them.
type screen struct {
	w, h      int
	cells     [][]string // "" is the right half of a wide character
	x, y      int
	wrapNext  bool // the cursor sits past the last column (deferred wrap)
	top, bot  int  // scrolling region, inclusive rows
	savedX    int
	savedY    int
	last      string // last printed grapheme, for REP
	parser    *ansi.Parser
	state     byte
	pending   []byte   // an incomplete sequence at the end of the last write
	queries   []string // requests for an answer (DA, DSR, OSC ... ?)
	sawOutput bool
}

func newScreen(w, h int) *screen {
	s := &screen{w: w, h: h, parser: ansi.NewParser()}
	s.cells = make([][]string, h)
	for y := range s.cells {
		s.cells[y] = blankRow(w)
	}
	s.bot = h - 1
	return s
}

func blankRow(w int) []string {
	r := make([]string, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

// Write feeds terminal output to the screen. A sequence cut by the end of
// b is kept until the next Write completes it.
func (s *screen) Write(b []byte) (int, error) {
	n := len(b)
	if len(b) > 0 {
		s.sawOutput = true
	}
	if len(s.pending) > 0 {
		b = append(s.pending, b...)
		s.pending = nil
	}
	for len(b) > 0 {
		seq, width, m, newState := ansi.DecodeSequence(b, s.state, s.parser)
		if m == len(b) && !complete(seq) {
			s.pending = append([]byte(nil), b...)
			s.state = 0
			return n, nil
		}
		s.state = newState
		b = b[m:]
		switch {
		case len(seq) == 0:
		case seq[0] == 0x1b:
			s.escape(seq)
		case seq[0] < 0x20 || seq[0] == 0x7f:
			s.control(seq[0])
		case width > 0:
			s.print(string(seq), width)
		}
	}
	return n, nil
}

// complete reports whether a decoded unit is whole: an escape sequence with
// its final byte or terminator, or valid UTF-8.
func complete(seq []byte) bool {
	if len(seq) == 0 {
		return false
	}
	if seq[0] != 0x1b {
		return utf8.Valid(seq)
	}
	if len(seq) < 2 {
		return false
	}
	last := seq[len(seq)-1]
	switch seq[1] {
	case '[':
		return len(seq) > 2 && last >= 0x40 && last <= 0x7e
	case ']', 'P', '_', '^', 'X':
		return last == 0x07 || (last == '\\' && seq[len(seq)-2] == 0x1b)
	default:
		return last >= 0x30 && last <= 0x7e
	}
}

func (s *screen) control(c byte) {
	switch c {
	case '\r':
		s.x, s.wrapNext = 0, false
	case '\n', '\v', '\f':
		s.lineFeed()
	case '\b':
		if s.x > 0 {
			s.x--
		}
		s.wrapNext = false
	case '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
		s.wrapNext = false
	}
}

func (s *screen) lineFeed() {
	s.wrapNext = false
	if s.y == s.bot {
		s.scrollUp(1)
		return
	}
	if s.y < s.h-1 {
		s.y++
	}
}

func (s *screen) print(g string, width int) {
	if s.wrapNext {
		s.x = 0
		s.lineFeed()
	}
	if s.x+width > s.w {
		s.x = 0
		s.lineFeed()
	}
	row := s.cells[s.y]
	row[s.x] = g
	for i := 1; i < width && s.x+i < s.w; i++ {
		row[s.x+i] = ""
	}
	s.last = g
	if s.x+width >= s.w {
		s.x = s.w - 1
		s.wrapNext = true
		return
	}
	s.x += width
}

func (s *screen) escape(seq []byte) {
	switch seq[1] {
	case '[':
		s.csi(seq)
	case ']':
		// OSC: hyperlinks and titles are not drawn; a trailing '?' asks for
		// a colour.
		body := strings.TrimRight(string(seq[2:]), "\x07\x1b\\")
		if strings.HasSuffix(body, ";?") {
			s.queries = append(s.queries, "OSC "+body)
		}
	case 'P', '_', '^', 'X':
	case '7':
		s.savedX, s.savedY = s.x, s.y
	case '8':
		s.x, s.y, s.wrapNext = s.savedX, s.savedY, false
	case 'M': // reverse index
		if s.y == s.top {
			s.scrollDown(1)
		} else if s.y > 0 {
			s.y--
		}
	case 'D':
		s.lineFeed()
	case 'E':
		s.x = 0
		s.lineFeed()
	case 'c':
		*s = *newScreen(s.w, s.h)
	}
}

func (s *screen) csi(seq []byte) {
	cmd := ansi.Cmd(s.parser.Command())
	p := func(i, def int) int {
		v, _ := s.parser.Param(i, def)
		if v == 0 && def > 0 {
			return def
		}
		return v
	}
	if cmd.Prefix() != 0 || cmd.Intermediate() != 0 {
		switch {
		case cmd.Prefix() == '?' && (cmd.Final() == 'h' || cmd.Final() == 'l'):
			for _, prm := range s.parser.Params() {
				if prm.Param(0) == 1049 || prm.Param(0) == 47 || prm.Param(0) == 1047 {
					s.erase(0, 0, s.w-1, s.h-1)
				}
			}
		case cmd.Final() == 'p' && cmd.Intermediate() == '$', // DECRQM
			cmd.Final() == 'c',                        // DA2, DA3
			cmd.Prefix() == '?' && cmd.Final() == 'u', // kitty keyboard
			cmd.Prefix() == '>' && cmd.Final() == 'q': // XTVERSION
			s.queries = append(s.queries, "CSI "+string(seq[2:]))
		}
		return
	}
	s.wrapNext = false
	switch cmd.Final() {
	case 'H', 'f':
		s.y = clamp(p(0, 1)-1, 0, s.h-1)
		s.x = clamp(p(1, 1)-1, 0, s.w-1)
	case 'A':
		s.y = clamp(s.y-p(0, 1), 0, s.h-1)
	case 'B', 'e':
		s.y = clamp(s.y+p(0, 1), 0, s.h-1)
	case 'C', 'a':
		s.x = clamp(s.x+p(0, 1), 0, s.w-1)
	case 'D':
		s.x = clamp(s.x-p(0, 1), 0, s.w-1)
	case 'E':
		s.x, s.y = 0, clamp(s.y+p(0, 1), 0, s.h-1)
	case 'F':
		s.x, s.y = 0, clamp(s.y-p(0, 1), 0, s.h-1)
	case 'G', '`':
		s.x = clamp(p(0, 1)-1, 0, s.w-1)
	case 'd':
		s.y = clamp(p(0, 1)-1, 0, s.h-1)
	case 'K':
		switch p(0, 0) {
		case 0:
			s.erase(s.x, s.y, s.w-1, s.y)
		case 1:
			s.erase(0, s.y, s.x, s.y)
		case 2:
			s.erase(0, s.y, s.w-1, s.y)
		}
	case 'J':
		switch p(0, 0) {
		case 0:
			s.erase(s.x, s.y, s.w-1, s.y)
			if s.y+1 < s.h {
				s.erase(0, s.y+1, s.w-1, s.h-1)
			}
		case 1:
			if s.y > 0 {
				s.erase(0, 0, s.w-1, s.y-1)
			}
			s.erase(0, s.y, s.x, s.y)
		case 2, 3:
			s.erase(0, 0, s.w-1, s.h-1)
		}
	case 'X':
		s.erase(s.x, s.y, min(s.x+p(0, 1)-1, s.w-1), s.y)
	case 'b':
		for range p(0, 1) {
			if s.last != "" {
				s.print(s.last, ansi.StringWidth(s.last))
			}
		}
	case '@':
		row := s.cells[s.y]
		n := min(p(0, 1), s.w-s.x)
		copy(row[s.x+n:], row[s.x:s.w-n])
		for i := s.x; i < s.x+n; i++ {
			row[i] = " "
		}
	case 'P':
		row := s.cells[s.y]
		n := min(p(0, 1), s.w-s.x)
		copy(row[s.x:], row[s.x+n:])
		for i := s.w - n; i < s.w; i++ {
			row[i] = " "
		}
	case 'L':
		if s.y >= s.top && s.y <= s.bot {
			top := s.top
			s.top = s.y
			s.scrollDown(p(0, 1))
			s.top = top
		}
	case 'M':
		if s.y >= s.top && s.y <= s.bot {
			top := s.top
			s.top = s.y
			s.scrollUp(p(0, 1))
			s.top = top
		}
	case 'S':
		s.scrollUp(p(0, 1))
	case 'T':
		s.scrollDown(p(0, 1))
	case 'r':
		top, bot := p(0, 1)-1, p(1, s.h)-1
		if top < bot && bot < s.h {
			s.top, s.bot = top, bot
			s.x, s.y = 0, 0
		}
	case 'n', 'c': // DSR, DA1
		s.queries = append(s.queries, "CSI "+string(seq[2:]))
	}
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// erase blanks from (x0, y0) to (x1, y1), row by row as a terminal does.
func (s *screen) erase(x0, y0, x1, y1 int) {
	for y := y0; y <= y1 && y < s.h; y++ {
		from, to := 0, s.w-1
		if y == y0 {
			from = x0
		}
		if y == y1 {
			to = x1
		}
		for x := from; x <= to && x < s.w; x++ {
			s.cells[y][x] = " "
		}
	}
}

func (s *screen) scrollUp(n int) {
	n = min(n, s.bot-s.top+1)
	copy(s.cells[s.top:], s.cells[s.top+n:s.bot+1])
	for y := s.bot - n + 1; y <= s.bot; y++ {
		s.cells[y] = blankRow(s.w)
	}
}

func (s *screen) scrollDown(n int) {
	n = min(n, s.bot-s.top+1)
	copy(s.cells[s.top+n:s.bot+1], s.cells[s.top:])
	for y := s.top; y < s.top+n; y++ {
		s.cells[y] = blankRow(s.w)
	}
}

// text returns the screen as lines of text, trailing blanks trimmed.
func (s *screen) text() string {
	var b strings.Builder
	for y, row := range s.cells {
		b.WriteString(strings.TrimRight(strings.Join(row, ""), " "))
		if y < s.h-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
