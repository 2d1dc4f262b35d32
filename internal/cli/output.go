package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"cndtalks/internal/render"
	"cndtalks/model"
)

// listLines formats talks one per line: ID (padded), the marks (with
// non-nil marks: ★ starred, ✓ watched, ⚠ overlapping another starred talk),
// title, speakers and the kinds of link the talk has. The ID stays first so
// that scripts can cut it. With the search's result, the characters the
// query matched in the title and speakers are highlighted (bold, coloured).
func listLines(cat *model.Catalogue, hits []model.Hit, res *model.Result, marks model.Marks) string {
	width := 0
	for _, h := range hits {
		width = max(width, len(model.SanitizeLine(cat.Talks[h.Talk].ID)))
	}
	room := roomWidth(cat, hits)
	badges := markColumn(cat, hits, marks) // marks.go: "★✓ " when there are marks
	// lines writes the lines of part into b, grown first to room for
	// lines typical lines (128 bytes), so the text is not copied as it
	// grows.
	lines := func(b *strings.Builder, part []model.Hit, lines int) {
		b.Grow(lines * 128)
		when := scheduleColumns(cat, room)
		for _, h := range part {
			writeListLine(b, cat, h.Talk, res, width, badges, when)
		}
	}
	var b strings.Builder
	if len(hits) < parallelLines {
		lines(&b, hits, len(hits))
		return b.String()
	}
	// A long list is made in two halves at once: its talks are spread over
	// the catalogue, and most of a line's time is waiting for memory. The
	// first half's builder has room for the second's lines too.
	half := len(hits) / 2
	done := make(chan string)
	go func() {
		var back strings.Builder
		lines(&back, hits[half:], len(hits)-half)
		done <- back.String()
	}()
	lines(&b, hits[:half], len(hits))
	b.WriteString(<-done)
	return b.String()
}

// parallelLines is the shortest list listLines makes in two halves at once.
const parallelLines = 2000

// writeListLine writes talk i's line: see listLines.
func writeListLine(b *strings.Builder, cat *model.Catalogue, i int, res *model.Result, width int, badges func(int) string, when func(*strings.Builder, *model.Talk)) {
	t := &cat.Talks[i]
	id := model.SanitizeLine(t.ID)
	b.WriteString(id)
	// Padded to width in characters, as fmt's %-*s pads.
	for range width - utf8.RuneCountInString(id) {
		b.WriteByte(' ')
	}
	b.WriteString("  ")
	b.WriteString(badges(i))
	when(b, t)
	title := model.SanitizeLine(t.Title)
	if res == nil {
		b.WriteString(title)
		writeSpeakers(b, cat, t, " — ")
	} else {
		// Offsets index the catalogue's own strings, which the loader
		// has already sanitised; they are used only where the text is
		// unchanged by SanitizeLine.
		titlePos, speakerPos := res.Highlight(i)
		if title == t.Title {
			title = highlight(title, titlePos)
		}
		b.WriteString(title)
		if line := res.Index().SpeakerLine(i); line == model.SanitizeLine(line) {
			if line != "" {
				b.WriteString(" — ")
				b.WriteString(highlight(line, speakerPos))
			}
		} else {
			writeSpeakers(b, cat, t, " — ")
		}
	}
	writeLinkKinds(b, t)
	b.WriteByte('\n')
}

// writeSpeakers writes "Name (Org), Name" after sep, or nothing when the
// talk has no known speaker.
func writeSpeakers(b *strings.Builder, cat *model.Catalogue, t *model.Talk, sep string) {
	first := true
	for _, id := range t.Speakers {
		s, ok := cat.Speaker(id)
		if !ok {
			continue
		}
		if first {
			b.WriteString(sep)
			first = false
		} else {
			b.WriteString(", ")
		}
		b.WriteString(model.SanitizeLine(s.Name))
		if s.Org != "" {
			b.WriteString(" (")
			b.WriteString(model.SanitizeLine(s.Org))
			b.WriteByte(')')
		}
	}
}

// writeLinkKinds writes the distinct kinds of link a talk has, in the
// order of its links: " [slides, video]", or nothing.
func writeLinkKinds(b *strings.Builder, t *model.Talk) {
	var seen [8]string
	kinds := seen[:0]
	for _, l := range t.Links {
		k := model.SanitizeLine(string(l.Kind))
		if slices.Contains(kinds, k) {
			continue
		}
		if len(kinds) == 0 {
			b.WriteString(" [")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(k)
		kinds = append(kinds, k)
	}
	if len(kinds) > 0 {
		b.WriteByte(']')
	}
}

// roomWidth returns the width of the room column scheduleColumns writes
// for hits: the longest room's, at most 24 characters; 0 for a catalogue
// without times.
func roomWidth(cat *model.Catalogue, hits []model.Hit) int {
	if !cat.HasSchedule() {
		return 0
	}
	room := 0
	for _, h := range hits {
		room = max(room, utf8.RuneCountInString(model.SanitizeLine(cat.Talks[h.Talk].Room)))
	}
	return min(room, 24)
}

// scheduleColumns returns, for a catalogue with times, a function writing
// a talk's start (weekday and time in the event's zone) and room, padded
// to room characters (roomWidth), as aligned columns for 'list'; without
// times it writes nothing, so nothing about schedules clutters the list.
// A programme has few distinct starts and rooms, so the function formats
// each once; it is for one goroutine.
func scheduleColumns(cat *model.Catalogue, room int) func(*strings.Builder, *model.Talk) {
	if !cat.HasSchedule() {
		return func(*strings.Builder, *model.Talk) {}
	}
	// Equal Time values (instant and location) print the same.
	starts := map[time.Time]string{}
	rooms := map[string]string{}
	return func(b *strings.Builder, t *model.Talk) {
		when := "         " // len("Mon 15:04")
		if t.HasSchedule() {
			var ok bool
			if when, ok = starts[t.Start]; !ok {
				when = t.Start.Format("Mon 15:04")
				starts[t.Start] = when
			}
		}
		b.WriteString(when)
		b.WriteString("  ")
		if room == 0 {
			return
		}
		col, ok := rooms[t.Room]
		if !ok {
			r := []rune(model.SanitizeLine(t.Room))
			if len(r) > room {
				r = append(r[:room-1], '…')
			}
			col = string(r) + strings.Repeat(" ", room-len(r)) + "  "
			rooms[t.Room] = col
		}
		b.WriteString(col)
	}
}

// writeMarkdown prints Markdown: rendered by Glamour when stdout is a
// terminal (colours downsampled to what it supports, none with NO_COLOR),
// as is when piped or with --markdown.
func (a *app) writeMarkdown(md string, raw bool) error {
	if raw || !a.stdoutTTY {
		return a.write(md)
	}
	width := render.DefaultMarkdownWidth
	if f, ok := a.stdout.(*os.File); ok {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			width = min(w, 120)
		}
	}
	r, err := render.NewRenderer(a.darkBackground(), width)
	if err != nil {
		return err
	}
	out, err := r.Render(md)
	if err != nil {
		return err
	}
	return a.writeStyled(out)
}

// writeStyled writes text with colours and styles to the terminal,
// downsampled to what it supports; NO_COLOR keeps the styles (bold) and
// drops the colours.
func (a *app) writeStyled(s string) error {
	w := colorprofile.NewWriter(a.stdout, os.Environ())
	if a.noColor() && w.Profile > colorprofile.ASCII {
		w.Profile = colorprofile.ASCII
	}
	if _, err := io.WriteString(w, s); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// noColor reports whether NO_COLOR asks for no colours: set to anything
// but the empty string (no-color.org). colorprofile only honours values
// that parse as true, so "NO_COLOR=yes" is checked here too.
func (a *app) noColor() bool { return a.getenv("NO_COLOR") != "" }

// darkBackground resolves --style for Glamour. auto never asks the
// terminal: a one-shot command cannot wait for an answer that some terminals
// (tmux before 3.4) never send, and an answer arriving after exit would be
// typed into the user's shell. It reads COLORFGBG ("fg;bg", set by rxvt,
// Konsole and others) and assumes dark otherwise; --style light overrides.
func (a *app) darkBackground() bool {
	style, _ := render.ParseStyle(a.style)
	switch style {
	case render.StyleDark:
		return true
	case render.StyleLight:
		return false
	}
	return darkFromCOLORFGBG(a.getenv("COLORFGBG"))
}

// darkFromCOLORFGBG reads the background of a COLORFGBG value: ANSI colours
// 0-6 and 8 are dark, 7 and 9-15 light. Anything else counts as dark.
func darkFromCOLORFGBG(v string) bool {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return true
	}
	return !(bg == 7 || (bg >= 9 && bg <= 15))
}

func (a *app) writeJSON(v any) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	return a.write(b.String())
}

func (a *app) write(s string) error {
	if _, err := io.WriteString(a.stdout, s); err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
