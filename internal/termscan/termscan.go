// Package termscan lists what in a terminal's byte stream is not plain text:
// escape sequences (CSI, OSC, DCS, SOS, PM, APC and the short ESC forms),
// C0 and C1 controls and invalid UTF-8. cndtalks' tests use it to prove that
// untrusted catalogue text reaches the terminal only as text: the output of
// `show`, of the TUI's View and of the real binary under a pseudo-terminal
// is scanned, and anything but the styling and hyperlinks cndtalks emits
// itself fails the test.
package termscan

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"cndtalks/model"
)

// Kind classifies an item of terminal output that is not printable text.
type Kind int

// The kinds Scan reports.
const (
	SGR     Kind = iota // ESC [ params m: colours and text attributes
	CSI                 // any other ESC [ sequence (cursor, erase, modes...)
	OSC                 // ESC ] ... BEL or ST
	DCS                 // ESC P ... ST
	SOS                 // ESC X ... ST
	PM                  // ESC ^ ... ST
	APC                 // ESC _ ... ST
	Escape              // ESC followed by intermediates and a final byte (ESC 7, ESC ( B, ESC c)
	C0                  // a C0 control other than newline and tab, or DEL
	C1                  // U+0080-U+009F, including the 8-bit CSI and OSC introducers
	Invalid             // a byte that is not UTF-8
)

var kindNames = [...]string{"SGR", "CSI", "OSC", "DCS", "SOS", "PM", "APC", "ESC", "C0", "C1", "invalid UTF-8"}

// String names the kind.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Seq is one item of terminal output that is not printable text.
type Seq struct {
	Kind   Kind
	Offset int    // byte offset in the scanned text
	Raw    string // the bytes, introducer and terminator included
	// Body is what lies between the introducer and the final byte or
	// terminator: the parameters of a CSI, the "8;;url" of an OSC.
	Body string
	// Final is a CSI's final byte or a short ESC sequence's last byte.
	Final byte
	// Terminated is false for a control string (OSC, DCS...) or CSI cut
	// off by the end of the text or by another ESC.
	Terminated bool
}

// String shows the sequence quoted, for test failures.
func (s Seq) String() string {
	return fmt.Sprintf("%s at %d: %q", s.Kind, s.Offset, s.Raw)
}

// OSCNumber returns the number before the first ';' of an OSC body ("8" for
// a hyperlink, "52" for the clipboard) and the rest.
func (s Seq) OSCNumber() (num, rest string) {
	num, rest, _ = strings.Cut(s.Body, ";")
	return num, rest
}

// HyperlinkURL returns the URL of an OSC 8 sequence ("" for the one that
// ends a link) and whether s is an OSC 8 at all.
func (s Seq) HyperlinkURL() (string, bool) {
	if s.Kind != OSC {
		return "", false
	}
	num, rest := s.OSCNumber()
	if num != "8" {
		return "", false
	}
	_, uri, ok := strings.Cut(rest, ";")
	return uri, ok
}

// Scan returns every item of s that is not printable text, in order.
// Newlines and tabs are text; a carriage return is a C0 control.
func Scan(s string) []Seq {
	var out []Seq
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			seq := scanEscape(s, i)
			out = append(out, seq)
			i += len(seq.Raw)
		case c == '\n' || c == '\t':
			i++
		case c < 0x20 || c == 0x7f:
			out = append(out, Seq{Kind: C0, Offset: i, Raw: s[i : i+1], Terminated: true})
			i++
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				out = append(out, Seq{Kind: Invalid, Offset: i, Raw: s[i : i+1], Terminated: true})
			case r >= 0x80 && r <= 0x9f:
				out = append(out, Seq{Kind: C1, Offset: i, Raw: s[i : i+size], Terminated: true})
			}
			i += size
		}
	}
	return out
}

// scanEscape reads the sequence starting at s[i] == ESC.
func scanEscape(s string, i int) Seq {
	seq := Seq{Offset: i}
	j := i + 1
	if j >= len(s) {
		seq.Kind, seq.Raw = Escape, s[i:]
		return seq
	}
	switch s[j] {
	case '[':
		j++
		start := j
		for j < len(s) {
			c := s[j]
			if c >= 0x40 && c <= 0x7e {
				seq.Body, seq.Final, seq.Terminated = s[start:j], c, true
				j++
				break
			}
			if c < 0x20 || c > 0x7e {
				seq.Body = s[start:j]
				break
			}
			j++
		}
		if !seq.Terminated && j >= len(s) {
			seq.Body = s[start:]
		}
		seq.Kind = CSI
		if seq.Terminated && seq.Final == 'm' && isSGRParams(seq.Body) {
			seq.Kind = SGR
		}
	case ']', 'P', 'X', '^', '_':
		seq.Kind = map[byte]Kind{']': OSC, 'P': DCS, 'X': SOS, '^': PM, '_': APC}[s[j]]
		j++
		start := j
		for ; j < len(s); j++ {
			if s[j] == 0x07 {
				seq.Body, seq.Terminated = s[start:j], true
				j++
				break
			}
			if s[j] == 0x1b {
				seq.Body = s[start:j]
				if j+1 < len(s) && s[j+1] == '\\' {
					seq.Terminated = true
					j += 2
				}
				break
			}
		}
		if j >= len(s) && !seq.Terminated && seq.Body == "" {
			seq.Body = s[start:]
		}
	default:
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
			seq.Final, seq.Terminated = s[j], true
			j++
		}
		seq.Kind = Escape
	}
	seq.Raw = s[i:j]
	return seq
}

func isSGRParams(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= '0' && c <= '9' || c == ';' || c == ':') {
			return false
		}
	}
	return true
}

// StylingOnly is the policy for rendered text (the TUI's View, `show` on a
// terminal): SGR sequences, and OSC 8 hyperlinks whose URL model.SafeURL
// accepts unchanged, terminated, with at most an id parameter.
func StylingOnly(s Seq) bool {
	switch s.Kind {
	case SGR:
		return true
	case OSC:
		return SafeHyperlink(s)
	}
	return false
}

// SafeHyperlink reports whether s is a terminated OSC 8 that ends a link or
// opens one to a URL SafeURL accepts in its re-encoded form.
func SafeHyperlink(s Seq) bool {
	uri, ok := s.HyperlinkURL()
	if !ok || !s.Terminated {
		return false
	}
	_, rest := s.OSCNumber()
	params, _, _ := strings.Cut(rest, ";")
	if params != "" && !strings.HasPrefix(params, "id=") {
		return false
	}
	if uri == "" {
		return true
	}
	u, err := model.SafeURL(uri)
	return err == nil && u.String() == uri
}

// Unexpected returns the items of s that allow refuses.
func Unexpected(s string, allow func(Seq) bool) []Seq {
	var bad []Seq
	for _, seq := range Scan(s) {
		if !allow(seq) {
			bad = append(bad, seq)
		}
	}
	return bad
}

// Check returns an error describing up to ten items of s that allow
// refuses, with some context around the first, or nil.
func Check(s string, allow func(Seq) bool) error {
	bad := Unexpected(s, allow)
	if len(bad) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d unexpected control items:", len(bad))
	for i, seq := range bad {
		if i == 10 {
			fmt.Fprintf(&b, "\n  ... and %d more", len(bad)-10)
			break
		}
		fmt.Fprintf(&b, "\n  %s", seq)
	}
	from, to := max(bad[0].Offset-60, 0), min(bad[0].Offset+60, len(s))
	fmt.Fprintf(&b, "\n  around the first: %q", s[from:to])
	return fmt.Errorf("%s", b.String())
}
