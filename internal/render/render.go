// Package render renders cndtalks' Markdown for a terminal with the trimmed
// Glamour in internal/glamour, and filters what it writes so only styling
// and safe hyperlinks reach the terminal. The browser's detail pane and the
// CLI's show and event commands share it, with the --style choice (Style).
package render

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"cndtalks/internal/glamour"
	"cndtalks/internal/glamour/styles"
	"cndtalks/model"
)

// DefaultMarkdownWidth is the wrap width used when none is known.
const DefaultMarkdownWidth = 80

// minMarkdownWidth keeps Glamour's margins from swallowing the text on a
// tiny pane; callers clip what does not fit.
const minMarkdownWidth = 10

// Renderer renders cndtalks' Markdown (model.Catalogue.TalkMarkdown and
// friends) for a terminal with Glamour. Glamour v2 has no automatic style,
// so the caller says whether the background is dark. A Renderer is safe for
// concurrent use (a Glamour renderer is not: calls are serialised), and
// rendering takes long enough to be felt per keystroke, so the TUI renders in a
// tea.Cmd and caches by talk and width.
//
// The output contains colours and styles (SGR) and OSC 8 hyperlinks to URLs
// that model.SafeURL accepts, and no other escape sequence or control
// character, whatever the Markdown held. Colours are true colour: downsample
// them for the terminal (Bubble Tea does; the CLI writes through a
// colorprofile.Writer, which also honours NO_COLOR).
type Renderer struct {
	mu    sync.Mutex
	tr    *glamour.TermRenderer
	dark  bool
	width int
}

// GlamourStyle is the name of the built-in Glamour style cndtalks uses on a
// dark or light background.
func GlamourStyle(dark bool) string {
	if dark {
		return styles.DarkStyle
	}
	return styles.LightStyle
}

// NewRenderer returns a Renderer wrapping text at width cells (zero or less
// means DefaultMarkdownWidth) in the dark or light style.
func NewRenderer(dark bool, width int) (*Renderer, error) {
	if width <= 0 {
		width = DefaultMarkdownWidth
	}
	wrap := max(width, minMarkdownWidth)
	tr, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(GlamourStyle(dark)),
		glamour.WithWordWrap(wrap),
	)
	if err != nil {
		return nil, fmt.Errorf("markdown renderer: %w", err)
	}
	return &Renderer{tr: tr, dark: dark, width: width}, nil
}

// Dark reports whether r uses the dark style.
func (r *Renderer) Dark() bool { return r.dark }

// Width is the wrap width r was made for.
func (r *Renderer) Width() int { return r.width }

// Render renders Markdown. Catalogue text in md must already be sanitised
// and escaped (the model's Markdown builders do it); the result is filtered
// again so only cndtalks' own styling and safe hyperlinks reach the
// terminal.
func (r *Renderer) Render(md string) (string, error) {
	r.mu.Lock()
	out, err := r.tr.Render(md)
	r.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	return FilterTerminalOutput(out), nil
}

// FilterTerminalOutput keeps what a terminal may receive from rendered
// Markdown: printable text, newlines and tabs, SGR sequences (ESC [ ... m)
// and OSC 8 hyperlinks whose URL passes model.SafeURL (re-encoded). Every
// other escape sequence, C0 or C1 control and invalid byte is dropped; an
// OSC 8 to a refused URL loses its link and keeps its text.
func FilterTerminalOutput(s string) string {
	if isPlainStyled(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			seq, n := filterEscape(s[i:])
			b.WriteString(seq)
			i += n
		case c == '\n' || c == '\t':
			b.WriteByte(c)
			i++
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) {
				i += size
				continue
			}
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// isPlainStyled is the fast path: true when s has no control other than
// newline, tab and ESC, every ESC starts an SGR sequence, and no C1 control
// or invalid UTF-8 is present. OSC sequences take the slow path.
func isPlainStyled(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b {
			n, ok := sgrLen(s[i:])
			if !ok {
				return false
			}
			i += n
			continue
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) {
			return false
		}
		i += size
	}
	return true
}

// sgrLen reports the length of the SGR sequence at the start of s.
func sgrLen(s string) (int, bool) {
	if len(s) < 3 || s[1] != '[' {
		return 0, false
	}
	for j := 2; j < len(s); j++ {
		c := s[j]
		switch {
		case c == 'm':
			return j + 1, true
		case (c >= '0' && c <= '9') || c == ';' || c == ':':
		default:
			return 0, false
		}
	}
	return 0, false
}

// filterEscape handles the sequence starting at s[0] == ESC: it returns
// what to keep of it and how many bytes it spans.
func filterEscape(s string) (keep string, n int) {
	if n, ok := sgrLen(s); ok {
		return s[:n], n
	}
	if len(s) < 2 {
		return "", len(s)
	}
	switch s[1] {
	case '[': // another CSI: skip to its final byte
		for j := 2; j < len(s); j++ {
			if c := s[j]; c >= 0x40 && c <= 0x7e {
				return "", j + 1
			} else if c < 0x20 || c > 0x7e {
				return "", j
			}
		}
		return "", len(s)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC
		body, n, ok := controlString(s[2:])
		n += 2
		if ok && s[1] == ']' {
			return filterOSC(body), n
		}
		return "", n
	default: // ESC with intermediates and a final byte
		j := 1
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			j++
		}
		return "", j
	}
}

// controlString returns the body of a control string, the bytes it spans
// up to and including its terminator (BEL or ESC \\), and whether it was
// properly terminated.
func controlString(s string) (body string, n int, ok bool) {
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case 0x07:
			return s[:j], j + 1, true
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return s[:j], j + 2, true
			}
			return s[:j], j, false
		}
	}
	return s, len(s), false
}

// filterOSC keeps OSC 8 (hyperlink) sequences to safe URLs, and the empty
// OSC 8 that ends a hyperlink; every other OSC (title, clipboard, colours)
// is dropped.
func filterOSC(body string) string {
	rest, ok := strings.CutPrefix(body, "8;")
	if !ok {
		return ""
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok {
		return ""
	}
	if uri == "" {
		return "\x1b]8;;\x1b\\"
	}
	u, err := model.SafeURL(uri)
	if err != nil {
		return ""
	}
	// Glamour's only parameter is id=<number>; anything else is dropped.
	if params != "" && !validLinkID(params) {
		params = ""
	}
	return "\x1b]8;" + params + ";" + u.String() + "\x1b\\"
}

func validLinkID(p string) bool {
	id, ok := strings.CutPrefix(p, "id=")
	if !ok || id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
