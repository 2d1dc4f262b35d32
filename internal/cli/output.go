package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
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
	when := scheduleColumns(cat, talkIndexes(hits)) // library.go: "Sat 10:30  Room  " for schedules
	badges := markColumn(cat, hits, marks)          // marks.go: "★✓ " when there are marks
	var b strings.Builder
	for _, h := range hits {
		t := &cat.Talks[h.Talk]
		id := model.SanitizeLine(t.ID)
		title := model.SanitizeLine(t.Title)
		speakers := speakerLine(cat, t)
		if res != nil {
			// Offsets index the catalogue's own strings, which the loader
			// has already sanitised; they are used only where the text is
			// unchanged by SanitizeLine.
			titlePos, speakerPos := res.Highlight(h.Talk)
			if title == t.Title {
				title = highlight(title, titlePos)
			}
			if line := res.Index().SpeakerLine(h.Talk); line == model.SanitizeLine(line) {
				speakers = highlight(line, speakerPos)
			}
		}
		fmt.Fprintf(&b, "%-*s  %s%s%s", width, id, badges(h.Talk), when(t), title)
		if speakers != "" {
			b.WriteString(" — ")
			b.WriteString(speakers)
		}
		if kinds := linkKinds(t); kinds != "" {
			fmt.Fprintf(&b, " [%s]", kinds)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// speakerLine is "Name (Org), Name".
func speakerLine(cat *model.Catalogue, t *model.Talk) string {
	var parts []string
	for _, s := range cat.TalkSpeakers(t) {
		p := model.SanitizeLine(s.Name)
		if s.Org != "" {
			p += " (" + model.SanitizeLine(s.Org) + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// linkKinds lists the distinct kinds of link a talk has: "slides, video".
func linkKinds(t *model.Talk) string {
	var kinds []string
	for _, l := range t.Links {
		k := model.SanitizeLine(string(l.Kind))
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	return strings.Join(kinds, ", ")
}

// scheduleColumns returns, for a catalogue with times, a function giving a
// talk's start (weekday and time in the event's zone) and room as aligned
// columns for 'list'; without times it gives "" so nothing about schedules
// clutters the list.
func scheduleColumns(cat *model.Catalogue, talks []int) func(*model.Talk) string {
	if !cat.HasSchedule() {
		return func(*model.Talk) string { return "" }
	}
	room := 0
	for _, i := range talks {
		room = max(room, utf8.RuneCountInString(model.SanitizeLine(cat.Talks[i].Room)))
	}
	room = min(room, 24)
	return func(t *model.Talk) string {
		when := "         " // len("Mon 15:04")
		if t.HasSchedule() {
			when = t.Start.Format("Mon 15:04")
		}
		r := []rune(model.SanitizeLine(t.Room))
		if len(r) > room {
			r = append(r[:room-1], '…')
		}
		if room == 0 {
			return when + "  "
		}
		return when + "  " + string(r) + strings.Repeat(" ", room-len(r)) + "  "
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
