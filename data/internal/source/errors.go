package source

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"cndtalks/model"
)

// Error is one problem with a catalogue file: where it is and what was
// expected. Line and Column are 1-based and zero when unknown; Field is the
// path of the offending field the way the file spells it
// (talks[3].links[0].url), empty when the problem is not about one field.
type Error struct {
	File   string
	Line   int
	Column int
	Field  string
	Msg    string
	// Err is the underlying cause, if any (for errors.Is(err, fs.ErrNotExist)).
	Err error
}

// Error formats the problem as file:line:col: field: msg, leaving out the
// parts that are unknown. Every part is sanitised: file names and field names
// come from the user and must not reach a terminal with control sequences.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(model.SanitizeLine(e.File))
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Line))
			if e.Column > 0 {
				b.WriteByte(':')
				b.WriteString(strconv.Itoa(e.Column))
			}
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(model.SanitizeLine(e.Field))
		b.WriteString(": ")
	}
	b.WriteString(model.SanitizeLine(e.Msg))
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errors is several problems found in one file, in file order. Its message
// has one line per problem.
type Errors []*Error

// Error joins the problems, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, for errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// MaxErrors caps how many problems one load reports: past it, a file is
// broken in a systematic way and more lines would only bury the first ones.
const MaxErrors = 50

// JoinErrors sorts problems by position and returns nil, the single *Error,
// or Errors.
func JoinErrors(file string, es []*Error) error {
	switch len(es) {
	case 0:
		return nil
	case 1:
		return es[0]
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Line != es[j].Line {
			return es[i].Line < es[j].Line
		}
		return es[i].Column < es[j].Column
	})
	if len(es) > MaxErrors {
		more := len(es) - MaxErrors
		es = append(es[:MaxErrors:MaxErrors], &Error{File: file, Msg: fmt.Sprintf("... and %d more problems", more)})
	}
	return Errors(es)
}

// OffsetPos turns a byte offset into a 1-based line and column (in runes).
func OffsetPos(b []byte, off int) (line, col int) {
	if off > len(b) {
		off = len(b)
	}
	if off < 0 {
		off = 0
	}
	line = 1
	start := 0
	for i := 0; i < off; i++ {
		if b[i] == '\n' {
			line++
			start = i + 1
		}
	}
	col = 1
	for i := start; i < off; i++ {
		if b[i]&0xC0 != 0x80 { // count rune starts
			col++
		}
	}
	return line, col
}

// OffsetPosString is OffsetPos for a string.
func OffsetPosString(s string, off int) (line, col int) {
	if off > len(s) {
		off = len(s)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + strings.Count(s[:off], "\n")
	start := strings.LastIndexByte(s[:off], '\n') + 1
	return line, 1 + utf8.RuneCountInString(s[start:off])
}
