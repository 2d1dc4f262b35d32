package catalog

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The JSON catalogue decoder. It is written by hand for the catalogue's one
// schema rather than run through encoding/json, for three reasons measured on
// a 100,000-talk file (110 MB): encoding/json's Decoder scans and copies the
// input before decoding it (1.8 s, 600 MB peak), it cannot say where an
// unknown field is, and it lets a duplicate key silently replace the first.
// This decoder makes one pass, takes strings without escapes as substrings of
// the input (no allocation), and reports every problem with its line, column
// and field path.

// maxJSONDepth bounds nesting inside values the schema does not expect (an
// unknown field's value), so that hostile input cannot exhaust the stack.
const maxJSONDepth = 1000

type jsonDecoder struct {
	file string
	src  string
	pos  int
	errs []jsonErr
	// fatal: decoding stopped early (bad syntax, too many errors).
	fatal bool
	// Where each speaker and talk object is, so that a validation problem
	// can be placed without scanning the whole input again.
	spans spans
}

// jsonErr is a problem found at a byte offset (by the JSON decoder or the
// fast YAML reader).
type jsonErr struct {
	off   int
	field string
	msg   string
}

// jsonStop unwinds the decoder on a syntax error or too many errors.
type jsonStop struct{}

func (d *jsonDecoder) fail(off int, field, format string, args ...any) {
	d.errs = append(d.errs, jsonErr{off: off, field: field, msg: fmt.Sprintf(format, args...)})
	if len(d.errs) > source.MaxErrors {
		d.fatal = true
		panic(jsonStop{})
	}
}

// syntax records a fatal syntax error at off and stops decoding.
func (d *jsonDecoder) syntax(off int, format string, args ...any) {
	d.errs = append(d.errs, jsonErr{off: off, msg: "invalid JSON: " + fmt.Sprintf(format, args...)})
	d.fatal = true
	panic(jsonStop{})
}

// parseJSON decodes a cndtalks catalogue from JSON. The catalogue's strings
// share memory with src. On error, d.fatal says whether decoding stopped (bad
// syntax, too many errors); if not, c holds every field that could be read.
func parseJSON(name, src string) (c *model.Catalogue, d *jsonDecoder, err error) {
	d = &jsonDecoder{file: name, src: src}
	c = &model.Catalogue{}
	func() {
		defer func() {
			if p := recover(); p != nil {
				if _, ok := p.(jsonStop); !ok {
					panic(p)
				}
			}
		}()
		if d.topLevel() {
			d.spans = decodeCatalogue(d, c)
		}
		d.ws()
		if d.pos < len(d.src) {
			d.syntax(d.pos, "unexpected %s after the catalogue object", d.describeAt(d.pos))
		}
	}()
	if len(d.errs) > 0 {
		return c, d, source.JoinErrors(name, d.errorList())
	}
	return c, d, nil
}

// errorList turns the collected problems into Errors, computing line and
// column for all of them in one pass over the input.
func (d *jsonDecoder) errorList() []*source.Error {
	return offsetErrors(d.file, d.src, d.errs)
}

// offsetErrors turns problems found at byte offsets of src into Errors with
// line and column, in one pass over src.
func offsetErrors(file, src string, errs []jsonErr) []*source.Error {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].off < errs[j].off })
	es := make([]*source.Error, len(errs))
	line, col, at := 1, 1, 0
	for i, je := range errs {
		for ; at < je.off && at < len(src); at++ {
			switch c := src[at]; {
			case c == '\n':
				line, col = line+1, 1
			case c&0xC0 != 0x80:
				col++
			}
		}
		es[i] = &source.Error{File: file, Line: line, Column: col, Field: model.SanitizeLine(je.field), Msg: je.msg}
	}
	return es
}

func (d *jsonDecoder) ws() {
	for d.pos < len(d.src) {
		switch d.src[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek skips white space and returns the next byte; the end of the input is
// a syntax error.
func (d *jsonDecoder) peek() byte {
	d.ws()
	if d.pos >= len(d.src) {
		d.syntax(d.pos, "unexpected end of file")
	}
	return d.src[d.pos]
}

// str reads the string at d.pos (which is '"').
func (d *jsonDecoder) str() string {
	start := d.pos + 1
	for i := start; i < len(d.src); i++ {
		switch c := d.src[i]; {
		case c == '"':
			d.pos = i + 1
			return d.src[start:i]
		case c == '\\':
			return d.strEscaped(start, i)
		case c < 0x20:
			d.syntax(i, "control character %#02x in a string (write it as an escape like \\n)", c)
		}
	}
	d.syntax(d.pos, "unterminated string")
	return ""
}

func (d *jsonDecoder) strEscaped(start, i int) string {
	var b strings.Builder
	b.WriteString(d.src[start:i])
	for i < len(d.src) {
		c := d.src[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return b.String()
		case c < 0x20:
			d.syntax(i, "control character %#02x in a string (write it as an escape like \\n)", c)
		case c != '\\':
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(d.src) {
			break
		}
		switch e := d.src[i+1]; e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := d.hex4(i + 2)
			if !ok {
				d.syntax(i, "invalid \\u escape: expected four hex digits")
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r2, ok := d.hex4(i + 2); ok && d.src[i] == '\\' && d.src[i+1] == 'u' {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						b.WriteRune(dec)
						i += 6
						continue
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
			continue
		default:
			d.syntax(i, "invalid escape \\%c in a string", e)
		}
		i += 2
	}
	d.syntax(start-1, "unterminated string")
	return ""
}

func (d *jsonDecoder) hex4(i int) (rune, bool) {
	if i+4 > len(d.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(d.src[i:i+4], 16, 32)
	return rune(v), err == nil
}

// number reads the number at d.pos and returns its text and whether it is an
// integer (no fraction, no exponent).
func (d *jsonDecoder) number() (string, bool) {
	start, i := d.pos, d.pos
	digits := func() int {
		n := 0
		for i < len(d.src) && d.src[i] >= '0' && d.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(d.src) && d.src[i] == '-' {
		i++
	}
	if digits() == 0 {
		d.syntax(start, "invalid number")
	}
	isInt := true
	if i < len(d.src) && d.src[i] == '.' {
		i++
		isInt = false
		if digits() == 0 {
			d.syntax(start, "invalid number")
		}
	}
	if i < len(d.src) && (d.src[i] == 'e' || d.src[i] == 'E') {
		i++
		isInt = false
		if i < len(d.src) && (d.src[i] == '+' || d.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			d.syntax(start, "invalid number")
		}
	}
	d.pos = i
	return d.src[start:i], isInt
}

func (d *jsonDecoder) literal(word string) {
	if !strings.HasPrefix(d.src[d.pos:], word) {
		d.syntax(d.pos, "unexpected %s", d.describeAt(d.pos))
	}
	d.pos += len(word)
}

// skip reads and discards one value, checking its syntax.
func (d *jsonDecoder) skip(depth int) {
	if depth > maxJSONDepth {
		d.syntax(d.pos, "nested more than %d levels deep", maxJSONDepth)
	}
	switch c := d.peek(); {
	case c == '{':
		d.pos++
		if d.peek() == '}' {
			d.pos++
			return
		}
		for {
			if d.peek() != '"' {
				d.syntax(d.pos, "expected a field name in double quotes, got %s", d.describeAt(d.pos))
			}
			d.str()
			d.colon()
			d.skip(depth + 1)
			if d.next('}') {
				return
			}
		}
	case c == '[':
		d.pos++
		if d.peek() == ']' {
			d.pos++
			return
		}
		for {
			d.skip(depth + 1)
			if d.next(']') {
				return
			}
		}
	case c == '"':
		d.str()
	case c == 't':
		d.literal("true")
	case c == 'f':
		d.literal("false")
	case c == 'n':
		d.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		d.number()
	default:
		d.syntax(d.pos, "unexpected %s, expected a value", d.describeAt(d.pos))
	}
}

func (d *jsonDecoder) colon() {
	if d.peek() != ':' {
		d.syntax(d.pos, "expected ':' after a field name, got %s", d.describeAt(d.pos))
	}
	d.pos++
}

// next consumes a ',' (and returns false) or the closing byte (and returns
// true) after an element.
func (d *jsonDecoder) next(closing byte) bool {
	switch d.peek() {
	case ',':
		d.pos++
		if c := d.peek(); c == '}' || c == ']' {
			d.syntax(d.pos, "trailing comma before %q", c)
		}
		return false
	case closing:
		d.pos++
		return true
	}
	d.syntax(d.pos, "expected ',' or %q, got %s", closing, d.describeAt(d.pos))
	return false
}

// describeAt names the token at off, for messages.
func (d *jsonDecoder) describeAt(off int) string {
	if off >= len(d.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRuneInString(d.src[off:])
	return strconv.QuoteRune(r)
}

// describeValue reads the value at d.pos and says what it is, for "expected
// X, got Y".
func (d *jsonDecoder) describeValue() string {
	switch c := d.peek(); {
	case c == '{':
		d.skip(0)
		return "an object"
	case c == '[':
		d.skip(0)
		return "an array"
	case c == '"':
		return "the string " + quoteValue(d.str())
	case c == 't' || c == 'f':
		d.skip(0)
		return "a boolean"
	case c == 'n':
		d.skip(0)
		return "null"
	default:
		s, _ := d.number()
		return "the number " + s
	}
}

// object walks an object, calling field with d.pos at each known key's value.
// Unknown and repeated keys are reported and their values skipped.
func (d *jsonDecoder) object(path string, known []string, field func(i int)) {
	start := d.pos
	switch d.peek() {
	case 'n':
		d.literal("null")
		return
	case '{':
	default:
		got := d.describeValue()
		d.fail(start, path, "expected an object with fields %s, got %s", strings.Join(known, ", "), got)
		return
	}
	d.pos++
	if d.peek() == '}' {
		d.pos++
		return
	}
	var seen uint64
	for {
		if d.peek() != '"' {
			d.syntax(d.pos, "expected a field name in double quotes, got %s", d.describeAt(d.pos))
		}
		keyOff := d.pos
		key := d.str()
		d.colon()
		i := indexOf(known, key)
		switch {
		case i < 0:
			msg := unknownFieldMsg(key, known)
			d.fail(keyOff, pathJoin(path, key), "%s", msg)
			d.skip(0)
		case seen&(1<<i) != 0:
			d.fail(keyOff, pathJoin(path, key), "duplicate field %s: each field may appear once", quoteValue(key))
			d.skip(0)
		default:
			seen |= 1 << i
			d.ws()
			field(i)
		}
		if d.next('}') {
			return
		}
	}
}

// array walks an array, calling each with d.pos at every element.
func (d *jsonDecoder) array(path fieldPath, what string, each func(i int)) {
	start := d.pos
	switch d.peek() {
	case 'n':
		d.literal("null")
		return
	case '[':
	default:
		got := d.describeValue()
		d.fail(start, path.String(), "expected an array of %s, got %s", what, got)
		return
	}
	d.pos++
	if d.peek() == ']' {
		d.pos++
		return
	}
	for i := 0; ; i++ {
		d.ws()
		each(i)
		if d.next(']') {
			return
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func (d *jsonDecoder) strField(path fieldPath) string {
	switch d.peek() {
	case '"':
		return d.str()
	case 'n':
		d.literal("null")
		return ""
	}
	off := d.pos
	d.fail(off, path.String(), "expected a string, got %s", d.describeValue())
	return ""
}

func (d *jsonDecoder) intField(path fieldPath) int {
	off := d.pos
	switch c := d.peek(); {
	case c == 'n':
		d.literal("null")
		return 0
	case c == '-' || (c >= '0' && c <= '9'):
		s, isInt := d.number()
		if !isInt {
			d.fail(off, path.String(), "expected an integer, got the number %s", s)
			return 0
		}
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			d.fail(off, path.String(), "expected an integer, got %s (out of range)", s)
		}
		return int(v)
	}
	d.fail(off, path.String(), "expected an integer, got %s", d.describeValue())
	return 0
}

func (d *jsonDecoder) strList(path fieldPath) []string {
	var out []string
	d.array(path, "strings", func(i int) {
		off := d.pos
		if d.peek() != '"' {
			d.fail(off, pathIndex(path.String(), i), "expected a string, got %s", d.describeValue())
			return
		}
		s := d.str()
		if i >= formatLimits.listItems {
			if i == formatLimits.listItems {
				d.fail(off, pathIndex(path.String(), i), "%s", listLimitMsg())
			}
			return
		}
		out = append(out, s)
	})
	return out
}

// durationField reads a talk's duration: a string like "30m". A bare number
// is refused, since its unit would be a guess.
func (d *jsonDecoder) durationField(path fieldPath) time.Duration {
	off := d.pos
	if c := d.peek(); c == '-' || (c >= '0' && c <= '9') {
		s, _ := d.number()
		d.fail(off, path.String(), "expected a duration with a unit like \"30m\" or \"1h15m\", got the number %s", s)
		return 0
	}
	s := d.strField(path)
	if s == "" {
		return 0
	}
	du, err := parseTalkDuration(s)
	if err != nil {
		d.fail(off, path.String(), "%v", err)
	}
	return du
}

// startField reads a talk's start time (RFC 3339).
func (d *jsonDecoder) startField(path fieldPath) time.Time {
	off := d.pos
	s := d.strField(path)
	if s == "" {
		return time.Time{}
	}
	t, err := parseTalkStart(s)
	if err != nil {
		d.fail(off, path.String(), "%v", err)
	}
	return t
}

// mark is the offset of the value about to be read.
func (d *jsonDecoder) mark() int {
	d.ws()
	return d.pos
}

func (d *jsonDecoder) problem(path, msg string) { d.fail(d.mark(), path, "%s", msg) }

// topLevel checks that the document is an object before the schema walk.
func (d *jsonDecoder) topLevel() bool {
	if d.peek() != '{' {
		off := d.pos
		d.fail(off, "", "expected an object with fields %s, got %s", strings.Join(catalogueFields, ", "), d.describeValue())
		return false
	}
	return true
}

// locate returns the line and column of the field a validation problem names
// (talks[3].links[0].url): it starts from the recorded offset of the talk or
// speaker and reads only that object. A field that is missing is placed at
// its enclosing object.
func (d *jsonDecoder) locate(path string) (line, col int) {
	off := d.locateOffset(path)
	return source.OffsetPosString(d.src, off)
}

func (d *jsonDecoder) locateOffset(path string) (off int) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(jsonStop); !ok {
				panic(p)
			}
		}
	}()
	d.errs = nil
	seg, rest := nextSegment(path)
	d.pos = 0
	if rest != "" && strings.HasPrefix(rest, "[") {
		i, err := strconv.Atoi(strings.Trim(strings.SplitN(rest, "]", 2)[0], "["))
		var offs [][2]int
		switch seg {
		case "talks":
			offs = d.spans.talks
		case "speakers":
			offs = d.spans.speakers
		}
		if err == nil && i >= 0 && i < len(offs) {
			_, rest = nextSegment(rest)
			d.pos = offs[i][0]
			off = d.pos
			if rest == "" {
				return off
			}
			seg, rest = nextSegment(rest)
		}
	}
	d.ws()
	off = d.pos
	for {
		c := d.peek()
		var found bool
		if strings.HasPrefix(seg, "[") {
			want, err := strconv.Atoi(strings.Trim(seg, "[]"))
			if c != '[' || err != nil {
				return off
			}
			d.pos++
			for i := 0; d.peek() != ']'; i++ {
				if i == want {
					found = true
					break
				}
				d.skip(0)
				if d.next(']') {
					break
				}
			}
		} else {
			if c != '{' {
				return off
			}
			d.pos++
			for d.peek() == '"' {
				keyOff := d.pos
				if d.str() == seg {
					d.colon()
					found = true
					off = keyOff
					break
				}
				d.colon()
				d.skip(0)
				if d.next('}') {
					break
				}
			}
		}
		if !found {
			return off
		}
		d.ws()
		if rest == "" {
			if c := d.src[d.pos]; c != '{' && c != '[' {
				return d.pos // a scalar: point at the value
			}
			return off
		}
		off = d.pos
		seg, rest = nextSegment(rest)
	}
}
