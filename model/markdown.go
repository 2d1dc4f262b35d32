package model

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The Markdown built here is what `cndtalks show` prints when piped and what
// Glamour renders in the TUI's detail pane and on a terminal. Catalogue
// text is untrusted: one-line fields are escaped so they cannot add markup
// (links, HTML, headings), character references that would decode to
// control characters are removed from Markdown fields, and only links that
// pass SafeURL become links, re-encoded.

// TalkMarkdown renders a talk: title, kind (and time and room when
// scheduled), speakers with organisations, summary, topics and the links
// numbered from 1 in the talk's link order ("[1] Slides"), the numbers the
// TUI's 1-9 keys open.
func (c *Catalogue) TalkMarkdown(t *Talk) string { return c.TalkMarkdownMarked(t, nil) }

// TalkMarkdownMarked is TalkMarkdown with, under the title, a line saying
// what marks says of the talk ("★ Starred · ✓ Watched") and one for each
// starred talk it overlaps. With nil marks, or none on the talk, it is
// TalkMarkdown.
func (c *Catalogue) TalkMarkdownMarked(t *Talk, marks Marks) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", EscapeMarkdown(t.Title))
	if t.Subtitle != "" {
		fmt.Fprintf(&b, "*%s*\n\n", EscapeMarkdown(t.Subtitle))
	}
	c.writeMarks(&b, t, marks)

	var facts []string
	if t.Kind != "" {
		facts = append(facts, "**"+EscapeMarkdown(capitalise(t.Kind))+"**")
	}
	if t.HasSchedule() {
		when := t.Start.Format("Mon 2 Jan 2006, 15:04")
		if t.Duration > 0 {
			when += "–" + t.End().Format("15:04")
		}
		facts = append(facts, when)
	} else if t.Day != "" {
		facts = append(facts, EscapeMarkdown(t.Day))
	}
	for _, f := range []string{t.Room, t.Track} {
		if f != "" {
			facts = append(facts, EscapeMarkdown(f))
		}
	}
	if t.Language != "" {
		facts = append(facts, "in "+EscapeMarkdown(t.Language))
	}
	if !t.HasSchedule() && t.Order > 0 {
		facts = append(facts, fmt.Sprintf("%d of %d in the programme", t.Order, len(c.Talks)))
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, " · "))
		b.WriteString("\n\n")
	}

	if speakers := c.TalkSpeakers(t); len(speakers) > 0 {
		if len(speakers) == 1 {
			b.WriteString("## Speaker\n\n")
		} else {
			b.WriteString("## Speakers\n\n")
		}
		for _, s := range speakers {
			fmt.Fprintf(&b, "- %s\n", speakerMarkdown(s))
		}
		b.WriteString("\n")
	}

	if summary := strings.TrimSpace(MarkdownText(t.Summary)); summary != "" {
		b.WriteString("## Summary\n\n")
		b.WriteString(summary)
		b.WriteString("\n\n")
	}

	if len(t.Topics) > 0 {
		topics := make([]string, len(t.Topics))
		for i, tp := range t.Topics {
			topics[i] = EscapeMarkdown(tp)
		}
		fmt.Fprintf(&b, "**Topics:** %s\n\n", strings.Join(topics, " · "))
	}

	if len(t.Links) > 0 {
		b.WriteString("## Links\n\n")
		writeLinks(&b, t.Links, true)
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// writeMarks writes the marks line of TalkMarkdownMarked and the starred
// talks t overlaps, as a list.
func (c *Catalogue) writeMarks(b *strings.Builder, t *Talk, marks Marks) {
	if marks == nil {
		return
	}
	var parts []string
	if marks.Starred(t.ID) {
		parts = append(parts, "★ Starred")
	}
	if marks.Watched(t.ID) {
		parts = append(parts, "✓ Watched")
	}
	var overlaps []int
	if marks.Starred(t.ID) && t.HasSchedule() {
		for i := range c.Talks {
			if &c.Talks[i] == t {
				overlaps = FindConflicts(c, marks).With(i)
				break
			}
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(b, "**%s**\n\n", strings.Join(parts, " · "))
	}
	for _, j := range overlaps {
		o := &c.Talks[j]
		when := o.Start.Format("Mon 15:04")
		if o.Duration > 0 {
			when += "–" + o.End().Format("15:04")
		}
		fmt.Fprintf(b, "- ⚠ Overlaps starred “%s”, %s\n", EscapeMarkdown(o.Title), when)
	}
	if len(overlaps) > 0 {
		b.WriteString("\n")
	}
}

// EventMarkdown renders the event: name, date, place, organiser,
// description, video and other links, community links, sponsors and the
// programme.
func (c *Catalogue) EventMarkdown() string {
	ev := &c.Event
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", EscapeMarkdown(ev.Name))

	var facts []string
	add := func(name, value string) {
		if value != "" {
			facts = append(facts, fmt.Sprintf("- **%s:** %s", name, value))
		}
	}
	add("Edition", EscapeMarkdown(ev.Edition))
	// "4–5 February 2023", as people write dates (days.go).
	date := ""
	if ev.Date != "" {
		date = EscapeMarkdown(DateRange(ev.Date, ev.EndDate))
	}
	if ev.DateNote != "" {
		if date == "" {
			date = EscapeMarkdown(ev.DateNote)
		} else {
			date += " (" + EscapeMarkdown(ev.DateNote) + ")"
		}
	}
	add("Date", date)
	if ev.TimeZoneNote != "" {
		add("Time zone", EscapeMarkdown(ev.TimeZoneNote)) // it names the zone
	} else {
		add("Time zone", EscapeMarkdown(ev.TimeZone))
	}
	place := ev.Place()
	if ev.Country != "" {
		if place != "" {
			place += ", "
		}
		place += ev.Country
	}
	add("Place", EscapeMarkdown(place))
	add("Organiser", EscapeMarkdown(ev.Organiser))
	add("Attendance", EscapeMarkdown(ev.Attendance))
	add("Programme", countNoun(len(c.Talks), "talk")+" by "+countNoun(len(c.Speakers), "speaker"))
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, "\n"))
		b.WriteString("\n\n")
	}

	if d := strings.TrimSpace(MarkdownText(ev.Description)); d != "" {
		b.WriteString(d)
		b.WriteString("\n\n")
	}
	if len(ev.Links) > 0 {
		b.WriteString("## Links\n\n")
		writeLinks(&b, ev.Links, false)
		b.WriteString("\n")
	}
	if len(ev.Community) > 0 {
		b.WriteString("## Community\n\n")
		writeLinks(&b, ev.Community, false)
		b.WriteString("\n")
	}
	if len(ev.Sponsors) > 0 {
		b.WriteString("## Sponsors\n\n")
		for _, s := range ev.Sponsors {
			fmt.Fprintf(&b, "- %s\n", EscapeMarkdown(s))
		}
		b.WriteString("\n")
	}
	if len(ev.Thanks) > 0 {
		b.WriteString("## Thanks\n\n")
		for _, s := range ev.Thanks {
			fmt.Fprintf(&b, "- %s\n", EscapeMarkdown(s))
		}
		b.WriteString("\n")
	}
	if len(c.Talks) > 0 {
		b.WriteString("## Programme\n\n")
		for i := range c.Talks {
			t := &c.Talks[i]
			fmt.Fprintf(&b, "%d. %s", i+1, EscapeMarkdown(t.Title))
			if names := c.speakerNames(t); names != "" {
				fmt.Fprintf(&b, " — %s", names)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// SpeakersMarkdown renders every speaker with organisation, role and the
// titles of their talks.
func (c *Catalogue) SpeakersMarkdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Speakers of %s\n\n", EscapeMarkdown(c.Event.Name))
	talks := make(map[string][]int, len(c.Speakers))
	for i := range c.Talks {
		for _, id := range c.Talks[i].Speakers {
			talks[id] = append(talks[id], i)
		}
	}
	for _, s := range c.Speakers {
		fmt.Fprintf(&b, "- %s", speakerMarkdown(s))
		titles := make([]string, 0, len(talks[s.ID]))
		for _, i := range talks[s.ID] {
			titles = append(titles, "*"+EscapeMarkdown(c.Talks[i].Title)+"*")
		}
		if len(titles) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(titles, "; "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// speakerMarkdown is "**Name**, Org (role)".
func speakerMarkdown(s Speaker) string {
	out := "**" + EscapeMarkdown(s.Name) + "**"
	if s.Org != "" {
		out += ", " + EscapeMarkdown(s.Org)
	}
	if s.Role != "" {
		out += " (" + EscapeMarkdown(s.Role) + ")"
	}
	return out
}

// speakerNames joins a talk's speakers as "Name (Org), Name".
func (c *Catalogue) speakerNames(t *Talk) string {
	var names []string
	for _, s := range c.TalkSpeakers(t) {
		n := EscapeMarkdown(s.Name)
		if s.Org != "" {
			n += " (" + EscapeMarkdown(s.Org) + ")"
		}
		names = append(names, n)
	}
	return strings.Join(names, ", ")
}

// writeLinks writes one list item per link. Numbered links read
// "[1] Slides: label"; a link that SafeURL refuses is shown as text with the
// reason, never as a link.
func writeLinks(b *strings.Builder, links []Link, numbered bool) {
	for i, l := range links {
		b.WriteString("- ")
		if numbered {
			fmt.Fprintf(b, "[%d] ", i+1)
		}
		kind := KindLabel(l.Kind)
		text := kind
		if l.Label != "" && !strings.EqualFold(l.Label, kind) {
			// "Slides: Slides (SlideShare)" says it twice.
			if numbered && !hasPrefixFold(l.Label, kind) {
				fmt.Fprintf(b, "%s: ", EscapeMarkdown(kind))
			}
			text = l.Label
		}
		u, err := SafeURL(l.URL)
		if err != nil {
			fmt.Fprintf(b, "%s (not openable: %s)\n", EscapeMarkdown(text), EscapeMarkdown(SanitizeLine(err.Error())))
			continue
		}
		fmt.Fprintf(b, "[%s](<%s>)\n", EscapeMarkdown(text), escapeDestination(u.String()))
	}
}

// escapeDestination makes a SafeURL'd URL safe inside <...>: it can hold
// neither spaces nor controls, but may hold '<', '>' or '\'.
func escapeDestination(u string) string {
	return strings.NewReplacer(`\`, `%5C`, "<", "%3C", ">", "%3E").Replace(u)
}

// markdownEscaper backslash-escapes the characters that could start markup
// inside a line: emphasis, code, links and images, HTML, autolinks, tables,
// strikethrough, a heading's closing #s and character references.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "#", `\#`,
)

// EscapeMarkdown makes a one-line catalogue field literal text in Markdown:
// it is sanitised as a line and every character that could start markup is
// backslash-escaped.
func EscapeMarkdown(s string) string {
	return markdownEscaper.Replace(SanitizeLine(s))
}

// MarkdownText prepares a multi-line Markdown field (a summary, a
// description) from the catalogue: it is sanitised, nesting deep enough to
// stall or crash a Markdown renderer is flattened (see
// limitMarkdownNesting), a field too long to render quickly is shortened,
// with a note (see limitMarkdownSize), and every '&' is made harmless.
//
// Markdown decodes character references after sanitising, and a renderer
// may decode the text of a node only after removing its markup: Glamour
// joins the text inside ~~strikethrough~~ and `code` and decodes it, so
// "~~&**#27;**[31m~~" became "&#27;[31m" and then ESC [31m; and it decodes
// "&#27[31m", with no semicolon, as HTML does. So every '&' must start a
// complete reference as written, or be written as "&amp;": a reference is
// '&', '#' and digits, '#x' and hex digits, or a name, then ';', all
// characters markup cannot split. A reference that decodes to something
// Sanitize removes (&#27; is ESC, &#x202E; a bidi override, &lrm;) is
// dropped. Whatever a renderer then joins and decodes once, each '&' it
// finds came from a reference and decodes to safe text.
func MarkdownText(s string) string {
	s = limitMarkdownNesting(limitMarkdownSize(Sanitize(s)))
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		if s[i] != '&' {
			b.WriteByte(s[i])
			i++
			continue
		}
		n, ok := charRef(s[i:])
		switch {
		case !ok:
			b.WriteString("&amp;")
			i++
		case unsafeRef(s[i : i+n]):
			i += n // drop the reference
		default:
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

// charRef returns the length of the character reference at the start of s
// (which begins with '&') and whether there is one: "&#" and 1 to 7 digits,
// "&#x" and 1 to 6 hex digits, or '&', a letter and up to 31 letters and
// digits, then ';'. Unknown names count: they decode to themselves.
func charRef(s string) (n int, ok bool) {
	i, max := 1, 32
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isHex := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
	isAlnum := func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }
	accept := isAlnum
	switch {
	case i < len(s) && s[i] == '#':
		i, max, accept = i+1, 7, isDigit
		if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
			i, max, accept = i+1, 6, isHex
		}
	case i < len(s) && isAlnum(s[i]) && !isDigit(s[i]):
	default:
		return 0, false
	}
	start := i
	for i < len(s) && i-start < max && accept(s[i]) {
		i++
	}
	if i == start || i >= len(s) || s[i] != ';' {
		return 0, false
	}
	return i + 1, true
}

// unsafeRef reports whether the reference ref decodes to a rune Sanitize
// would remove, as HTML decodes it (html.UnescapeString: Glamour) or as
// Markdown does (the code point itself: &#155; is U+009B, CSI, to goldmark
// and '›' to HTML).
func unsafeRef(ref string) bool {
	for _, r := range html.UnescapeString(ref) {
		if unsafeRune(r) {
			return true
		}
	}
	if ref[1] != '#' {
		return false
	}
	digits, base := ref[2:len(ref)-1], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	v, err := strconv.ParseUint(digits, base, 32)
	return err == nil && v <= unicode.MaxRune && unsafeRune(rune(v))
}

// unsafeRune reports whether Sanitize would remove r (newline and tab are
// kept; NUL decodes to U+FFFD in Markdown and is harmless).
func unsafeRune(r rune) bool {
	if r == 0 || r == '\n' || r == '\t' {
		return false
	}
	if r < 0x20 || r == 0x7f {
		return true
	}
	return r >= 0x80 && dropRune(r)
}

// countNoun is "1 talk", "2 talks".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// hasPrefixFold reports whether s starts with prefix, ignoring case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// capitalise upper-cases the first letter: "keynote" -> "Keynote".
func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
