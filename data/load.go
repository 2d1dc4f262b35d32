package data

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"cndtalks/model"
)

// Result is a loaded catalogue and how it was read.
type Result struct {
	// Catalogue is sanitised (model.Catalogue.SanitizeText), validated and
	// indexed.
	Catalogue *model.Catalogue
	// Format names the input format: one of the Format constants.
	Format string
	// Skipped lists what a lenient importer dropped and why. The cndtalks
	// formats are strict and never skip.
	Skipped []Skip
}

// Skip is one record an importer could not use, and why.
type Skip struct {
	Record string
	Reason string
}

// The formats Parse recognises, as reported in Result.Format.
const (
	FormatYAML = "yaml" // a cndtalks catalogue in YAML
	FormatJSON = "json" // a cndtalks catalogue in JSON
	// FormatFrabJSON and FormatPentabarfXML are the c3voc schedule exports
	// (frab, pretalx, FOSDEM), read by the importers.
	FormatFrabJSON     = "frab-json"
	FormatPentabarfXML = "pentabarf-xml"
)

// MaxFileSize is the largest catalogue file LoadFile and Parse accept.
// A 100,000-talk catalogue is about 60 MiB of YAML; anything much bigger is
// more likely a mistake (a video, a disk image) than a schedule.
const MaxFileSize = 256 << 20

// LoadFile reads and parses a catalogue file. The format is chosen by content,
// not by extension; see Parse.
func LoadFile(path string) (*Result, error) {
	fail := func(msg string, err error) (*Result, error) {
		return nil, &Error{File: path, Msg: msg, Err: err}
	}
	f, err := os.Open(path)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fail("no such file", err)
		case errors.Is(err, fs.ErrPermission):
			return fail("permission denied: cannot read the file", err)
		}
		return fail("cannot open: "+unwrapPathError(err), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail("cannot stat: "+unwrapPathError(err), err)
	}
	if st.IsDir() {
		return fail("is a directory, not a catalogue file", nil)
	}
	if st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return fail(sizeMsg(st.Size()), nil)
	}
	// Read through a limit as well: pipes and /proc files report no size.
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fail("permission denied: cannot read the file", err)
		}
		return fail("cannot read: "+unwrapPathError(err), err)
	}
	if len(b) > MaxFileSize {
		return fail(sizeMsg(-1), nil)
	}
	return Parse(path, b)
}

func sizeMsg(size int64) string {
	if size < 0 {
		return fmt.Sprintf("file is larger than the %d MiB limit for a catalogue", MaxFileSize>>20)
	}
	return fmt.Sprintf("file is %.1f MiB, over the %d MiB limit for a catalogue", float64(size)/(1<<20), MaxFileSize>>20)
}

func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse reads a catalogue from b; name is the file name errors report. The
// format is chosen by content:
//
//   - a JSON object with a top-level "schedule" key is a c3voc schedule.json
//     (frab, pretalx);
//   - XML whose root element is <schedule> is a c3voc/Pentabarf schedule.xml;
//   - any other JSON is a cndtalks catalogue in JSON;
//   - anything else is a cndtalks catalogue in YAML.
//
// The result is sanitised, validated and indexed. A problem is returned as an
// *Error, or as Errors when there are several (validation lists them all).
func Parse(name string, b []byte) (res *Result, err error) {
	defer func() {
		// The parsers are defended against hostile input, but a panic in one
		// must still reach the user as an error, not a stack trace.
		if p := recover(); p != nil {
			res, err = nil, &Error{File: name, Msg: fmt.Sprintf("internal error while parsing (please report it): %v", p)}
		}
	}()
	if len(b) > MaxFileSize {
		return nil, &Error{File: name, Msg: sizeMsg(int64(len(b)))}
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
	if !utf8.Valid(b) {
		off := invalidUTF8(b)
		line, col := offsetPos(b, off)
		msg := "invalid UTF-8: a catalogue must be UTF-8 text"
		if bytes.HasPrefix(b, []byte{0xff, 0xfe}) || bytes.HasPrefix(b, []byte{0xfe, 0xff}) {
			msg = "the file is UTF-16: save it as UTF-8"
		} else if bytes.IndexByte(b, 0) >= 0 {
			msg = "binary data, not a catalogue (invalid UTF-8)"
		}
		return nil, &Error{File: name, Line: line, Column: col, Msg: msg}
	}
	if isBlank(b) {
		return nil, &Error{File: name, Msg: "empty catalogue: the file has no content"}
	}

	// The format switch. Each case returns a catalogue that is not yet
	// sanitised, validated or indexed; finish does that for all formats.
	switch format := sniff(b); format {
	case FormatJSON:
		c, err := parseJSON(name, b)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Not JSON, but it may be YAML in flow style ({event: {...}}).
			if c, root, yerr := parseYAML(name, b); yerr == nil {
				return finish(name, c, FormatYAML, nil, func(path string) (int, int) { return locate(root, path) })
			}
		}
		if err != nil {
			return nil, err
		}
		// JSON is YAML: the node tree that places problems is only built
		// when there are problems to place.
		var root *yaml.Node
		return finish(name, c, FormatJSON, nil, func(path string) (int, int) {
			if root == nil {
				if root, err = parseNodes(b); err != nil {
					return 0, 0
				}
			}
			return locate(root, path)
		})
	case FormatYAML:
		c, root, err := parseYAML(name, b)
		if err != nil {
			return nil, err
		}
		return finish(name, c, FormatYAML, nil, func(path string) (int, int) { return locate(root, path) })
	case FormatFrabJSON, FormatPentabarfXML:
		// The schedule importers (frab.go, pentabarf.go) are lenient: what
		// they drop is reported in Result.Skipped.
		var skipped []Skip
		skip := func(record, reason string) { skipped = append(skipped, Skip{Record: record, Reason: reason}) }
		importer := parseFrabJSON
		if format == FormatPentabarfXML {
			importer = parseScheduleXML
		}
		c, err := importer(name, b, skip)
		if err != nil {
			return nil, err
		}
		return finish(name, c, format, skipped, nil)
	default: // XML with another root
		return nil, &Error{File: name, Msg: format}
	}
}

// sniff returns the format of b, or for XML that is not a schedule a
// message saying so.
func sniff(b []byte) string {
	i := firstNonSpace(b)
	if i < 0 {
		return FormatYAML
	}
	switch b[i] {
	case '<':
		root, err := xmlRoot(b)
		if err != nil {
			return "XML that does not parse (" + err.Error() + "); expected a cndtalks catalogue (YAML or JSON) or a schedule.xml"
		}
		if root == "schedule" {
			return FormatPentabarfXML
		}
		return fmt.Sprintf("XML with root element <%s>: the only XML understood is a schedule.xml with a <schedule> root", model.SanitizeLine(root))
	case '{':
		if jsonHasTopKey(b, "schedule") {
			return FormatFrabJSON
		}
		return FormatJSON
	case '[':
		return FormatJSON
	}
	return FormatYAML
}

// jsonHasTopKey reports whether the JSON object in b has key at its top level
// before any of the cndtalks keys. It reads keys in order and skips values
// without decoding them, so it stops early on either kind of file.
func jsonHasTopKey(b []byte, key string) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		k, _ := t.(string)
		switch k {
		case key:
			return true
		case "event", "speakers", "talks":
			return false
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false
		}
	}
	return false
}

// xmlRoot returns the name of the root element of the XML in b.
func xmlRoot(b []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		t, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return "", errors.New("no root element")
			}
			return "", err
		}
		if se, ok := t.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

// isBlank reports whether b holds only whitespace and YAML comments.
func isBlank(b []byte) bool {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' && !bytes.Equal(line, []byte("---")) && !bytes.Equal(line, []byte("...")) {
			return false
		}
	}
	return true
}

func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// locator maps a field path (talks[3].links[0].url) to its line and column
// in the input, or zeros when it cannot.
type locator func(path string) (line, col int)

// finish sanitises, validates and indexes c, the last step of every format.
// Validation problems are placed with loc, which may be nil.
func finish(name string, c *model.Catalogue, format string, skipped []Skip, loc locator) (*Result, error) {
	prepare(c)
	if ps := problems(c); len(ps) > 0 {
		es := make([]*Error, len(ps))
		for i, p := range ps {
			e := &Error{File: name, Field: p.Path, Msg: p.Msg}
			if loc != nil && p.Path != "" {
				e.Line, e.Column = loc(p.Path)
			}
			es[i] = e
		}
		return nil, joinErrors(name, es)
	}
	c.Index()
	return &Result{Catalogue: c, Format: format, Skipped: skipped}, nil
}

// prepare fills the defaults the format documents and sanitises the text.
func prepare(c *model.Catalogue) {
	for i := range c.Talks {
		t := &c.Talks[i]
		if t.Order == 0 {
			t.Order = i + 1
		}
		if t.Kind == "" {
			t.Kind = "talk"
		}
	}
	c.SanitizeText()
}

// problems is model.Validate plus the rules of the file format that the
// model leaves open: link kinds from the known set, and dates as YYYY-MM-DD.
func problems(c *model.Catalogue) []model.Problem {
	var ps []model.Problem
	if err := c.Validate(); err != nil {
		var ve model.ValidationError
		if errors.As(err, &ve) {
			ps = append(ps, ve...)
		} else {
			ps = append(ps, model.Problem{Msg: err.Error()})
		}
	}
	ps = append(ps, formatProblems(c)...)
	return ps
}
