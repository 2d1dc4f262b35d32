package catalog

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"cndtalks/model"
)

// The writer of the cndtalks format, derived from its tables (schema.go):
// fields in table order, empty ones left out unless the table says they are
// always written, a talk's start and duration as text in JSON as in YAML.

// WriteJSON writes c in the cndtalks JSON catalogue format, which Parse and
// LoadFile read back unchanged.
func WriteJSON(w io.Writer, c *model.Catalogue) error {
	compact := writeCatalogue(&jsonOut{}, c).result().([]byte)
	var out bytes.Buffer
	out.Grow(len(compact) * 3 / 2)
	if err := json.Indent(&out, compact, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}

// WriteYAML writes c in the cndtalks YAML catalogue format (the format of
// the embedded catalogue), which Parse and LoadFile read back unchanged.
func WriteYAML(w io.Writer, c *model.Catalogue) error {
	root := writeCatalogue(&yamlOut{}, c).result().(*yaml.Node)
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := yaml.NewEncoder(bw)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// formatWriter builds one value of the output; the JSON and YAML writers
// provide it. Objects and lists are built by calling begin, the members'
// methods, and end.
type formatWriter interface {
	key(name string)
	text(s string)
	number(n int)
	beginObject()
	beginList(oneLine bool)
	end()
	null()
	// result is the built output.
	result() any
}

// writeCatalogue writes c with w and returns w.
func writeCatalogue(w formatWriter, c *model.Catalogue) formatWriter {
	w.beginObject()
	w.key("event")
	writeRecord(w, eventFormat, &c.Event)
	w.key("speakers")
	if c.Speakers == nil {
		w.null()
	} else {
		w.beginList(false)
		for i := range c.Speakers {
			writeRecord(w, speakerFormat, &c.Speakers[i])
		}
		w.end()
	}
	w.key("talks")
	w.beginList(false)
	for i := range c.Talks {
		writeRecord(w, talkFormat, &c.Talks[i])
	}
	w.end()
	w.end()
	return w
}

// writeRecord writes v as a record of format f.
func writeRecord[T any](w formatWriter, f *recordFormat[T], v *T) {
	w.beginObject()
	for i := range f.fields {
		fd := &f.fields[i]
		switch fd.kind {
		case textKind:
			if s := *fd.text(v); s != "" || fd.written {
				w.key(fd.name)
				w.text(s)
			}
		case intKind:
			if n := *fd.num(v); n != 0 || fd.written {
				w.key(fd.name)
				w.number(n)
			}
		case textListKind:
			if l := *fd.list(v); len(l) > 0 || fd.written {
				w.key(fd.name)
				w.beginList(fd.flow)
				for _, s := range l {
					w.text(s)
				}
				w.end()
			}
		case durationKind:
			if d := *fd.dur(v); d > 0 || fd.written {
				w.key(fd.name)
				w.text(formatDuration(d))
			}
		case startKind:
			if t := *fd.start(v); !t.IsZero() || fd.written {
				w.key(fd.name)
				w.text(t.Format(time.RFC3339))
			}
		case linksKind:
			if ls := *fd.links(v); len(ls) > 0 || fd.written {
				w.key(fd.name)
				w.beginList(false)
				for j := range ls {
					writeRecord(w, linkFormat, &ls[j])
				}
				w.end()
			}
		}
	}
	w.end()
}

// formatDuration writes 30m and 1h15m rather than Go's 30m0s and 1h15m0s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if len(s) > 2 && s[len(s)-2:] == "0s" && d >= time.Minute && d%time.Minute == 0 {
		s = s[:len(s)-2]
		if len(s) > 2 && s[len(s)-2:] == "0m" && d%time.Hour == 0 {
			s = s[:len(s)-2]
		}
	}
	return s
}

// jsonOut writes compact JSON, as encoding/json would with HTML escaping
// off; WriteJSON indents it.
type jsonOut struct {
	b []byte
	// open holds the closing bracket of each open object or list.
	open []byte
	// first: the next member is the first of its object or list, or the
	// value after a key.
	first bool
}

func (o *jsonOut) key(name string) {
	o.value()
	o.b = appendJSONString(o.b, name)
	o.b = append(o.b, ':')
	o.first = true
}

// value starts a value: after a comma unless it is the first.
func (o *jsonOut) value() {
	if !o.first && len(o.open) > 0 {
		o.b = append(o.b, ',')
	}
	o.first = false
}

func (o *jsonOut) text(s string)  { o.value(); o.b = appendJSONString(o.b, s) }
func (o *jsonOut) number(n int)   { o.value(); o.b = strconv.AppendInt(o.b, int64(n), 10) }
func (o *jsonOut) null()          { o.value(); o.b = append(o.b, "null"...) }
func (o *jsonOut) beginObject()   { o.begin('{', '}') }
func (o *jsonOut) beginList(bool) { o.begin('[', ']') }
func (o *jsonOut) result() any    { return o.b }

func (o *jsonOut) begin(open, close byte) {
	o.value()
	o.b = append(o.b, open)
	o.open = append(o.open, close)
	o.first = true
}

func (o *jsonOut) end() {
	o.b = append(o.b, o.open[len(o.open)-1])
	o.open = o.open[:len(o.open)-1]
	o.first = false
}

// yamlOut builds a yaml.v3 node tree, styled as yaml.v3 styles the Go
// values it encodes (so that the output is what encoding structs gave).
type yamlOut struct {
	root  *yaml.Node
	stack []*yaml.Node
	// flow is how many one-line lists are open.
	flow int
}

func (o *yamlOut) add(n *yaml.Node) {
	if len(o.stack) == 0 {
		o.root = n
		return
	}
	top := o.stack[len(o.stack)-1]
	top.Content = append(top.Content, n)
}

func (o *yamlOut) key(name string) {
	o.add(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name})
}

// text adds a string. yaml.v3 quotes a plain scalar that would read back as
// another type by itself; like its string encoder, this also quotes the
// YAML 1.1 booleans (yes, on) and base-60 numbers (1:20), and writes text
// with line breaks as a literal block, or quoted inside a one-line list.
func (o *yamlOut) text(s string) {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	switch {
	case strings.Contains(s, "\n"):
		if o.flow > 0 {
			n.Style = yaml.DoubleQuotedStyle
		} else {
			n.Style = yaml.LiteralStyle
		}
	case isOldBool(s) || isBase60Float(s):
		n.Style = yaml.DoubleQuotedStyle
	}
	o.add(n)
}

func (o *yamlOut) number(n int) {
	o.add(&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)})
}

// null is an empty list, as yaml.v3 writes a nil slice.
func (o *yamlOut) null() { o.add(&yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}) }

func (o *yamlOut) beginObject() { o.begin(&yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}) }

func (o *yamlOut) beginList(oneLine bool) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if oneLine {
		n.Style = yaml.FlowStyle
		o.flow++
	}
	o.begin(n)
}

func (o *yamlOut) begin(n *yaml.Node) {
	o.add(n)
	o.stack = append(o.stack, n)
}

func (o *yamlOut) end() {
	if top := o.stack[len(o.stack)-1]; top.Style&yaml.FlowStyle != 0 {
		o.flow--
	}
	o.stack = o.stack[:len(o.stack)-1]
}

func (o *yamlOut) result() any { return o.root }

// isOldBool reports whether YAML 1.1 reads s as a boolean (yaml.v3's test).
func isOldBool(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return false
}

var base60float = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

// isBase60Float reports whether YAML 1.1 reads s as a base-60 number
// (yaml.v3's test).
func isBase60Float(s string) bool {
	if s == "" {
		return false
	}
	c := s[0]
	if !(c == '+' || c == '-' || c >= '0' && c <= '9') || strings.IndexByte(s, ':') < 0 {
		return false
	}
	return base60float.MatchString(s)
}

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
