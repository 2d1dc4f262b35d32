package tui

import (
	"cmp"
	"slices"
	"strings"

	"cndtalks/internal/opcount"
	"cndtalks/model"

	"github.com/charmbracelet/x/ansi"
)

// speakerRowKind is what a line of the Speakers view shows.
type speakerRowKind uint8

const (
	rowSpeaker speakerRowKind = iota // name and organisation
	rowTalk                          // one of their talks: selectable
	rowNoTalk                        // a speaker listed with no talk
	rowGap                           // blank line between speakers
)

// speakerRow is one line of the Speakers view.
type speakerRow struct {
	kind    speakerRowKind
	speaker int // index into Catalogue.Speakers
	talk    int // index into Catalogue.Talks (rowTalk)
	nth     int // the speaker's place in the view, from 1
}

// speakerList is the Speakers view: every speaker by family name with
// their organisation and talks, or those a filter typed with / keeps. The
// cursor moves over talks, so enter always has a talk to jump to. Like
// talkList it renders only the rows on screen.
type speakerList struct {
	rows   []speakerRow
	sel    []int // indexes of rowTalk rows
	cursor int   // index into sel
	count  int   // speakers in the view
	offset int   // first visible row
	width  int
	height int

	// order is every speaker (an index into Catalogue.Speakers) in sort
	// order, talks each one's talks; filter is the text the rows answer.
	order  []int
	talks  [][]int
	filter string
}

// newSpeakerList groups the catalogue's talks by speaker, speakers sorted
// by family name (model.CompareNames). It runs once per catalogue, in
// O(talks + speakers log speakers).
func newSpeakerList(c *model.Catalogue) speakerList {
	// Each map probe and each comparison of the sort is counted
	// (internal/opcount): a test checks that the work stays in proportion.
	byID := make(map[string]int, len(c.Speakers))
	for i := range c.Speakers {
		opcount.Add(1)
		if _, dup := byID[c.Speakers[i].ID]; !dup {
			byID[c.Speakers[i].ID] = i
		}
	}
	talks := make([][]int, len(c.Speakers))
	for ti := range c.Talks {
		for _, id := range c.Talks[ti].Speakers {
			opcount.Add(1)
			if si, ok := byID[id]; ok {
				talks[si] = append(talks[si], ti)
			}
		}
	}
	keys := make([]string, len(c.Speakers))
	order := make([]int, 0, len(byID))
	for _, si := range byID {
		order = append(order, si)
		keys[si] = model.NameSortKey(c.Speakers[si].Name)
	}
	slices.SortFunc(order, func(a, b int) int {
		opcount.Add(1)
		return cmp.Or(cmp.Compare(keys[a], keys[b]), cmp.Compare(a, b))
	})
	l := speakerList{order: order, talks: talks}
	l.build(c)
	return l
}

// build lays out the rows of the speakers the filter keeps.
func (l *speakerList) build(c *model.Catalogue) {
	l.rows, l.sel, l.count = l.rows[:0], l.sel[:0], 0
	for _, si := range l.order {
		sp := &c.Speakers[si]
		if l.filter != "" && !model.NameMatches(l.filter, sp.Name, sp.Org) {
			continue
		}
		n := l.count
		l.count++
		if n > 0 {
			l.rows = append(l.rows, speakerRow{kind: rowGap, speaker: si, nth: n})
		}
		l.rows = append(l.rows, speakerRow{kind: rowSpeaker, speaker: si, nth: n + 1})
		if len(l.talks[si]) == 0 {
			l.rows = append(l.rows, speakerRow{kind: rowNoTalk, speaker: si, nth: n + 1})
		}
		for _, ti := range l.talks[si] {
			l.sel = append(l.sel, len(l.rows))
			l.rows = append(l.rows, speakerRow{kind: rowTalk, speaker: si, talk: ti, nth: n + 1})
		}
	}
}

// setFilter keeps the speakers whose name or organisation has words
// starting with the words of q. The selected speaker's talk stays selected
// when it is still listed, else the first.
func (l *speakerList) setFilter(c *model.Catalogue, q string) {
	if q == l.filter {
		return
	}
	prev, had := l.selected()
	l.filter = q
	l.build(c)
	l.cursor, l.offset = 0, 0
	if had {
		for i, r := range l.sel {
			if l.rows[r].speaker == prev.speaker && l.rows[r].talk == prev.talk {
				l.cursor = i
				break
			}
		}
	}
	l.clamp()
}

func (l *speakerList) setSize(w, h int) {
	l.width, l.height = max(w, 0), max(h, 0)
	l.clamp()
}

// selected returns the selected row (a talk of a speaker).
func (l speakerList) selected() (speakerRow, bool) {
	if l.cursor < 0 || l.cursor >= len(l.sel) {
		return speakerRow{}, false
	}
	return l.rows[l.sel[l.cursor]], true
}

func (l *speakerList) moveBy(n int) {
	l.cursor += n
	l.clamp()
}

func (l *speakerList) moveTo(i int) {
	l.cursor = i
	l.clamp()
}

// pageSize is how many talks a page key moves over (about a screenful).
func (l speakerList) pageSize() int { return max(l.height/3, 1) }

// clamp keeps the cursor on a talk and that talk, with its speaker's name
// when it is the first of theirs, on screen.
func (l *speakerList) clamp() {
	l.cursor = min(max(l.cursor, 0), max(len(l.sel)-1, 0))
	h := max(l.height, 1)
	if len(l.sel) == 0 {
		l.offset = 0
		return
	}
	r := l.sel[l.cursor]
	top := r
	if r > 0 && l.rows[r-1].kind == rowSpeaker && h >= 2 {
		top = r - 1
	}
	if top < l.offset {
		l.offset = top
	}
	if r >= l.offset+h {
		l.offset = r - h + 1
	}
	l.offset = min(max(l.offset, 0), max(len(l.rows)-h, 0))
}

// scroll moves the window by n lines; the cursor follows when it would
// leave the screen.
func (l *speakerList) scroll(n int) {
	h := max(l.height, 1)
	l.offset = min(max(l.offset+n, 0), max(len(l.rows)-h, 0))
	if len(l.sel) == 0 {
		return
	}
	for l.cursor > 0 && l.sel[l.cursor] >= l.offset+h {
		l.cursor--
	}
	for l.cursor < len(l.sel)-1 && l.sel[l.cursor] < l.offset {
		l.cursor++
	}
	l.clamp()
}

// talkAt returns the selection index of the talk on line y, or -1.
func (l speakerList) talkAt(y int) int {
	r := l.offset + y
	if y < 0 || y >= l.height || r >= len(l.rows) || l.rows[r].kind != rowTalk {
		return -1
	}
	i, found := slices.BinarySearch(l.sel, r)
	if !found {
		return -1
	}
	return i
}

// view renders the visible rows, exactly l.height lines; badges are a
// talk's marks (★ ✓ ⚠) shown at the end of its row.
func (l speakerList) view(c *model.Catalogue, st *theme, badges func(*model.Talk) []string) string {
	if l.width <= 0 || l.height <= 0 {
		return ""
	}
	cur := -1
	if l.cursor < len(l.sel) {
		cur = l.sel[l.cursor]
	}
	lines := make([]string, 0, l.height)
	for r := l.offset; r < len(l.rows) && len(lines) < l.height; r++ {
		row := l.rows[r]
		sp := &c.Speakers[row.speaker]
		switch row.kind {
		case rowGap:
			lines = append(lines, "")
		case rowSpeaker:
			name := oneLine(sp.Name)
			org := oneLine(sp.Org)
			if sp.Role != "" {
				org = strings.TrimPrefix(org+", "+oneLine(sp.Role), ", ")
			}
			line := "  " + st.speakerName.Render(ansi.Truncate(name, max(l.width-3, 0), "…"))
			if room := l.width - ansi.StringWidth(name) - 6; org != "" && room > 3 {
				line += st.speakerOrg.Render(" · " + ansi.Truncate(org, room, "…"))
			}
			lines = append(lines, line)
		case rowNoTalk:
			lines = append(lines, "    "+st.speakerOrg.Render("no talk in this catalogue"))
		case rowTalk:
			t := &c.Talks[row.talk]
			title := oneLine(t.Title)
			tw := max(l.width-5, 0) // a margin before the pane separator
			marks := strings.Join(badges(t), " ")
			mw := ansi.StringWidth(marks)
			if mw > 0 && tw-mw-1 >= 10 {
				tw -= mw + 1
			} else {
				marks, mw = "", 0
			}
			style, bar := st.title, "    "
			if r == cur {
				style, bar = st.titleSelected, st.selBar.Render("│")+"   "
			}
			shown := style.Render(ansi.Truncate(title, tw, "…"))
			line := bar + shown
			if mw > 0 {
				line += strings.Repeat(" ", max(tw-ansi.StringWidth(shown), 0)+1) + marks
			}
			lines = append(lines, line)
		}
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
