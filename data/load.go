package data

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"cndtalks/data/catalog"
	"cndtalks/data/internal/fsx"
	"cndtalks/data/internal/source"
	"cndtalks/data/schedule"
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
	// Notes say what the reader assumed about the file ("time zone
	// assumed: UTC"), to show once when the file is added.
	Notes []string
}

// The formats Parse recognises, as reported in Result.Format.
const (
	FormatYAML = catalog.FormatYAML // a cndtalks catalogue in YAML
	FormatJSON = catalog.FormatJSON // a cndtalks catalogue in JSON
	// FormatFrabJSON and FormatPentabarfXML are the c3voc schedule exports
	// (frab, pretalx, FOSDEM), read by the importers.
	FormatFrabJSON     = schedule.FormatFrabJSON
	FormatPentabarfXML = schedule.FormatPentabarfXML
	// FormatICalendar is an RFC 5545 calendar (.ics), read by the importer.
	FormatICalendar = schedule.FormatICalendar
)

// MaxFileSize is the largest catalogue file LoadFile and Parse accept.
// A generated 100,000-talk catalogue with 300-600 character summaries is
// about 90 MiB of YAML or 110 MiB of indented JSON; anything much bigger is
// more likely a mistake (a video, a disk image) than a catalogue.
const MaxFileSize = 256 << 20

// LoadFile reads and parses a catalogue file. The format is chosen by content,
// not by extension; see Parse.
func LoadFile(path string) (*Result, error) {
	return LoadFileContext(context.Background(), path, ImportOptions{})
}

// LoadFileWith is LoadFile with import options (a schedule's time zone).
func LoadFileWith(path string, opt ImportOptions) (*Result, error) {
	return LoadFileContext(context.Background(), path, opt)
}

// LoadFileContext is LoadFileWith for a command that can be interrupted: a
// FIFO at path (with no writer yet, or a silent one) is read through
// ReadAllContext, so cancelling ctx ends the wait at once.
func LoadFileContext(ctx context.Context, path string, opt ImportOptions) (*Result, error) {
	fail := func(msg string, err error) (*Result, error) {
		return nil, &Error{File: path, Msg: msg, Err: err}
	}
	f, err := fsx.OpenNoBlock(path) // a FIFO must not block the open
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fail("no such file", err)
		case errors.Is(err, fs.ErrPermission):
			return fail("permission denied: cannot read the file", err)
		}
		return fail("cannot open: "+source.UnwrapPathError(err), err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fail("cannot stat: "+source.UnwrapPathError(err), err)
	}
	if st.IsDir() {
		return fail("is a directory, not a catalogue file", nil)
	}
	if st.Mode()&(fs.ModeDevice|fs.ModeCharDevice|fs.ModeSocket) != 0 {
		// /dev/zero would be read up to the size limit; a pipe is fine.
		return fail("is a device, not a catalogue file", nil)
	}
	if !st.Mode().IsRegular() {
		// A FIFO or a pipe: read it again, blocking, where a signal can
		// end the wait.
		f.Close()
		b, err := source.ReadFileContext(ctx, path, MaxFileSize)
		switch {
		case errors.Is(err, ErrTooLarge):
			return fail(sizeMsg(-1), nil)
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return nil, err
		case err != nil:
			return fail("cannot read: "+source.UnwrapPathError(err), err)
		}
		return parse(path, string(b), opt)
	}
	if st.Mode().IsRegular() && st.Size() > MaxFileSize {
		return fail(sizeMsg(st.Size()), nil)
	}
	// Read through a limit as well: /proc files report no size. Read into
	// one buffer of the file's size (a big one read in two halves at once,
	// and checked as UTF-8 as it is read), parsed as a string: the decoders' strings share its memory, which
	// nothing writes again. The buffer is in ordinary pages: in huge pages
	// it cost more, not less, when the memory had been free a few seconds
	// (BENCHMARKS.md, "Round 4").
	buf := make([]byte, 0, st.Size()+1)
	buf, utf8OK, err := source.ReadFileInto(f, st.Size(), MaxFileSize, buf)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return fail("permission denied: cannot read the file", err)
		}
		return fail("cannot read: "+source.UnwrapPathError(err), err)
	}
	if len(buf) > MaxFileSize {
		return fail(sizeMsg(-1), nil)
	}
	return parseChecked(path, unsafe.String(unsafe.SliceData(buf), len(buf)), opt, utf8OK)
}

func sizeMsg(size int64) string {
	if size < 0 {
		return fmt.Sprintf("file is larger than the %d MiB limit for a catalogue", MaxFileSize>>20)
	}
	return fmt.Sprintf("file is %.1f MiB, over the %d MiB limit for a catalogue", float64(size)/(1<<20), MaxFileSize>>20)
}

// Parse reads a catalogue from b; name is the file name errors report. The
// format is chosen by content:
//
//   - a JSON object with a top-level "schedule" key is a c3voc schedule.json
//     (frab, pretalx);
//   - XML whose root element is <schedule> is a c3voc/Pentabarf schedule.xml;
//   - text starting BEGIN:VCALENDAR is an iCalendar (RFC 5545) calendar;
//   - any other JSON is a cndtalks catalogue in JSON;
//   - anything else is a cndtalks catalogue in YAML.
//
// The result is sanitised, validated and indexed. A problem is returned as an
// *Error, or as Errors when there are several: every decoding problem
// (unknown field, wrong type...) and every validation problem of what could
// be decoded, each with its line and column. Parse works on a copy of b,
// which the caller may reuse.
func Parse(name string, b []byte) (*Result, error) { return ParseWith(name, b, ImportOptions{}) }

// ParseWith is Parse with import options (a schedule's time zone). The
// options apply to the schedule formats; a cndtalks catalogue keeps its own
// times.
func ParseWith(name string, b []byte, opt ImportOptions) (*Result, error) {
	if len(b) > MaxFileSize {
		return nil, &Error{File: name, Msg: sizeMsg(int64(len(b)))}
	}
	return parse(name, string(b), opt)
}

// parse is Parse on the input as a string: the JSON decoder's strings share
// its memory, and LoadFile reads a file straight into one.
func parse(name, src string, opt ImportOptions) (*Result, error) {
	return parseChecked(name, src, opt, false)
}

// parseChecked is parse for an input that, when utf8OK is true, is already
// known to be valid UTF-8 (LoadFile checks a big file as it reads it).
func parseChecked(name, src string, opt ImportOptions, utf8OK bool) (res *Result, err error) {
	defer func() {
		// The parsers are defended against hostile input, but a panic in one
		// must still reach the user as an error, not a stack trace.
		if p := recover(); p != nil {
			res, err = nil, &Error{File: name, Msg: fmt.Sprintf("internal error while parsing (please report it): %v", p)}
		}
	}()
	src = strings.TrimPrefix(src, "\xef\xbb\xbf") // a UTF-8 byte order mark
	if !utf8OK && !utf8.ValidString(src) {
		off := invalidUTF8(src)
		line, col := source.OffsetPosString(src, off)
		msg := "invalid UTF-8: a catalogue must be UTF-8 text"
		if strings.HasPrefix(src, "\xff\xfe") || strings.HasPrefix(src, "\xfe\xff") {
			msg = "the file is UTF-16: save it as UTF-8"
		} else if strings.IndexByte(src, 0) >= 0 {
			msg = "binary data, not a catalogue (invalid UTF-8)"
		}
		return nil, &Error{File: name, Line: line, Column: col, Msg: msg}
	}
	if isBlank(src) {
		return nil, &Error{File: name, Msg: "empty catalogue: the file has no content"}
	}

	// The format switch. Each format's reader returns a catalogue that is
	// sanitised, validated and indexed (catalog.Finish, FinishImported).
	switch format := sniff(src); format {
	case FormatJSON, FormatYAML:
		c, read, err := catalog.Parse(name, src, format)
		if err != nil {
			return nil, err
		}
		return &Result{Catalogue: c, Format: read}, nil
	case FormatFrabJSON, FormatPentabarfXML, FormatICalendar:
		// The schedule importers are lenient: what they drop is reported
		// in Result.Skipped.
		// The importers only read b: it is src's memory, not a copy of it
		// (a second copy of a 100 MB schedule).
		c, skipped, err := schedule.Import(name, unsafe.Slice(unsafe.StringData(src), len(src)), format, opt)
		if err != nil {
			return nil, err
		}
		// The importers sanitise every field as they build it: the
		// catalogue is validated as it is, not sanitised a second time,
		// and without the checks of what they guarantee.
		if err := catalog.FinishImported(name, c, schedule.Guaranteed); err != nil {
			return nil, err
		}
		res := &Result{Catalogue: c, Format: format, Skipped: skipped}
		if c.Event.TimeZoneNote != "" && opt.TimeZone == "" {
			// The time-zone assumption, to say once when the file is added.
			res.Notes = append(res.Notes, c.Event.TimeZoneNote)
		}
		return res, nil
	default: // XML with another root
		return nil, &Error{File: name, Msg: format}
	}
}

// sniff returns the format of b, or for XML that is not a schedule a
// message saying so.
func sniff(b string) string {
	i := firstNonSpace(b)
	if i < 0 {
		return FormatYAML
	}
	if len(b)-i >= len("BEGIN:VCALENDAR") && strings.EqualFold(b[i:i+len("BEGIN:VCALENDAR")], "BEGIN:VCALENDAR") {
		return FormatICalendar
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
func jsonHasTopKey(b string, key string) bool {
	dec := json.NewDecoder(strings.NewReader(b))
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
func xmlRoot(b string) (string, error) {
	dec := xml.NewDecoder(strings.NewReader(b))
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

func firstNonSpace(b string) int {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

// isBlank reports whether b holds only whitespace and YAML comments.
func isBlank(s string) bool {
	for len(s) > 0 {
		if !mayBeBlankLine(s) {
			// Content: no need to find where its line ends (a JSON file
			// may be one line of 100 MB).
			return false
		}
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		line = strings.TrimSpace(line)
		if line != "" && line[0] != '#' && line != "---" && line != "..." {
			return false
		}
	}
	return true
}

// mayBeBlankLine reports whether the line s starts with (up to its first
// '\n') can be one isBlank skips: after its leading white space, it ends
// or goes on with '#', '-' or '.'.
func mayBeBlankLine(s string) bool {
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '\n' || r == '#' || r == '-' || r == '.':
			return true
		case !unicode.IsSpace(r):
			return false
		}
		i += size
	}
	return true
}

func invalidUTF8(b string) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRuneInString(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}
