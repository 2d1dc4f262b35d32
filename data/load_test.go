package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/model"
)

// problem is one expected error: its position (0 = not checked), field and a
// part of its message.
type problem struct {
	line, col int
	field     string
	msg       string
}

// checkProblems asserts that err lists exactly the wanted problems, in order.
func checkProblems(t *testing.T, err error, file string, want []problem) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %d problem(s)", len(want))
	}
	var got []*Error
	var es Errors
	var e *Error
	switch {
	case errors.As(err, &es):
		got = es
	case errors.As(err, &e):
		got = []*Error{e}
	default:
		t.Fatalf("error %T (%v) is neither *Error nor Errors", err, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d problem(s), want %d:\n%v", len(got), len(want), err)
	}
	for i, w := range want {
		g := got[i]
		if g.File != file {
			t.Errorf("problem %d: File = %q, want %q", i, g.File, file)
		}
		if (w.line != 0 && g.Line != w.line) || (w.col != 0 && g.Column != w.col) {
			t.Errorf("problem %d at %d:%d, want %d:%d (%v)", i, g.Line, g.Column, w.line, w.col, g)
		}
		if g.Field != w.field {
			t.Errorf("problem %d: Field = %q, want %q (%v)", i, g.Field, w.field, g)
		}
		if !strings.Contains(g.Msg, w.msg) {
			t.Errorf("problem %d: Msg = %q, want it to contain %q", i, g.Msg, w.msg)
		}
	}
	// The message leads with file:line:col, one line per problem.
	if lines := strings.Split(err.Error(), "\n"); len(lines) != len(want) || !strings.HasPrefix(lines[0], file) {
		t.Errorf("Error() = %q: want %d line(s) starting with %q", err.Error(), len(want), file)
	}
}

func TestLoadFileBroken(t *testing.T) {
	tests := []struct {
		file string
		want []problem
	}{
		{"bad-syntax.yaml", []problem{{5, 0, "", "invalid YAML"}}},
		{"bad-syntax.json", []problem{{4, 18, "", "invalid JSON: expected ',' or '}'"}}},
		{"unknown-field.yaml", []problem{{7, 5, "talks[1].titel", `unknown field "titel" (did you mean "title"?)`}}},
		{"unknown-field.json", []problem{{5, 19, "talks[1].titel", `unknown field "titel" (did you mean "title"?)`}}},
		{"wrong-type.yaml", []problem{
			{3, 9, "event.year", `expected an integer, got the string "twenty"`},
			{7, 12, "talks[0].order", `expected an integer, got the string "first"`},
		}},
		{"wrong-type.json", []problem{
			{2, 43, "event.year", `expected an integer, got the string "2019"`},
			{3, 55, "talks[0].speakers", `expected an array of strings, got the string "ada"`},
		}},
		{"duplicate-id.yaml", []problem{{6, 9, "talks[1].id", `duplicate talk ID "same" (also talks[0])`}}},
		{"dangling-speaker.yaml", []problem{{9, 21, "talks[0].speakers[1]", `unknown speaker ID "nobody"`}}},
		{"javascript-url.yaml", []problem{{8, 14, "talks[0].links[0].url", `scheme "javascript" is refused`}}},
		{"javascript-url.json", []problem{{5, 42, "talks[0].links[0].url", `scheme "javascript" is refused`}}},
		{"empty.yaml", []problem{{0, 0, "", "empty catalogue"}}},
		{"invalid-utf8.yaml", []problem{{3, 14, "", "invalid UTF-8"}}},
		{"not-a-schedule.xml", []problem{{0, 0, "", "XML with root element <catalogue>"}}},
		{"many-problems.yaml", []problem{
			{2, 3, "event.name", "is required"},
			{4, 5, "speakers[0].name", "is required"},
			{5, 9, "speakers[1].id", `duplicate speaker ID "ada"`},
			{8, 5, "talks[0].id", "is required"},
			{12, 15, "talks[1].links[0].kind", `unknown link kind "slide"`},
			{13, 14, "talks[1].links[0].url", `scheme "ftp" is refused`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			r, err := LoadFile(path)
			if r != nil {
				t.Errorf("got a result with the error")
			}
			checkProblems(t, err, path, tt.want)
		})
	}
}

// TestLoadFileBigUTF8: a big file's UTF-8 is checked as it is read
// (source.ReadFileInto), and a bad byte is still reported where it is,
// in either half; a valid big file passes on to the next check.
func TestLoadFileBigUTF8(t *testing.T) {
	const line = "# a comment, é and € and 😀, in a file of nothing else\n"
	lines := (17<<20)/len(line) + 1
	for _, c := range []struct {
		name    string
		badLine int // 1-based; 0 for none
		want    problem
	}{
		{"valid", 0, problem{0, 0, "", "empty catalogue"}},
		{"bad in the first half", 3, problem{3, 14, "", "invalid UTF-8"}},
		{"bad in the second half", lines - 2, problem{lines - 2, 14, "", "invalid UTF-8"}},
		{"bad where the halves meet", lines / 2, problem{lines / 2, 14, "", "invalid UTF-8"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := []byte(strings.Repeat(line, lines))
			if c.badLine > 0 {
				b[(c.badLine-1)*len(line)+13] = 0xff
			}
			path := filepath.Join(t.TempDir(), "big.yaml")
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadFile(path)
			checkProblems(t, err, path, []problem{c.want})
		})
	}
}

func TestLoadFileSystemErrors(t *testing.T) {
	dir := t.TempDir()
	oversize := filepath.Join(dir, "huge.yaml")
	f, err := os.Create(oversize)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: the size check must refuse it before reading.
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()

	tests := []struct {
		name, path, msg string
		is              error
	}{
		{"missing", filepath.Join(dir, "nope.yaml"), "no such file", fs.ErrNotExist},
		{"directory", dir, "is a directory", nil},
		{"oversize", oversize, "over the 256 MiB limit", nil},
		{"device", os.DevNull, "is a device", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFile(tt.path)
			checkProblems(t, err, tt.path, []problem{{0, 0, "", tt.msg}})
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}

	t.Run("unreadable", func(t *testing.T) {
		p := filepath.Join(dir, "secret.yaml")
		if err := os.WriteFile(p, []byte("event: {name: x}\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		if f, err := os.Open(p); err == nil {
			f.Close()
			t.Skip("running with permission to read a mode-000 file (root)")
		}
		_, err := LoadFile(p)
		checkProblems(t, err, p, []problem{{0, 0, "", "permission denied"}})
	})
}

func TestParseBroken(t *testing.T) {
	// Aliases must not let a small file expand into millions of values.
	var bomb strings.Builder
	bomb.WriteString("x-topics: &t [")
	for i := range 1000 {
		fmt.Fprintf(&bomb, "t%d, ", i)
	}
	bomb.WriteString("t]\nevent: {name: Bomb}\ntalks:\n")
	for i := range 2000 {
		fmt.Fprintf(&bomb, "  - {id: t%d, title: T, topics: *t}\n", i)
	}

	tests := []struct {
		name, in string
		want     []problem
	}{
		{"blank", "  \n\n", []problem{{0, 0, "", "empty catalogue"}}},
		{"only document markers", "---\n...\n", []problem{{0, 0, "", "empty catalogue"}}},
		{"scalar document", "just text\n", []problem{{1, 1, "", "expected a mapping with fields event, speakers, talks"}}},
		{"list document", "- a\n- b\n", []problem{{1, 1, "", "got a list"}}},
		{"json array", "[1, 2]", []problem{{1, 1, "", "expected an object with fields event, speakers, talks, got an array"}}},
		{"unquoted colon", "event:\n  name: Talk: the sequel\n", []problem{{2, 0, "", `mapping values are not allowed in this context (a value containing ": " must be quoted)`}}},
		{"tab indentation", "event:\n\tname: a\n", []problem{{2, 0, "", "not tabs"}}},
		{"two documents", "event: {name: a}\n---\nevent: {name: b}\n", []problem{{2, 1, "", "a second YAML document"}}},
		{"duplicate key yaml", "event:\n  name: a\n  name: b\n", []problem{{3, 3, "event.name", `duplicate field "name"`}}},
		{"duplicate key json", `{"event": {"name": "a", "name": "b"}}`, []problem{{1, 25, "event.name", `duplicate field "name"`}}},
		{"bad start", "event: {name: a}\ntalks:\n  - {id: a, title: A, start: 'tomorrow 9am'}\n", []problem{{3, 30, "talks[0].start", "RFC 3339"}}},
		{"bad duration", "event: {name: a}\ntalks:\n  - {id: a, title: A, duration: 45}\n", []problem{{3, 33, "talks[0].duration", `like "30m" or "1h15m", got the number 45`}}},
		{"negative duration", "event: {name: a}\ntalks:\n  - {id: a, title: A, duration: -5m}\n", []problem{{3, 33, "talks[0].duration", "must not be negative"}}},
		{"bad day", "event: {name: a}\ntalks:\n  - {id: a, title: A, day: 'May 5'}\n", []problem{{3, 28, "talks[0].day", "YYYY-MM-DD"}}},
		{"bad date", "event:\n  name: a\n  date: 2019-13-01\n", []problem{{3, 9, "event.date", "YYYY-MM-DD"}}},
		{"bad time zone", "event:\n  name: a\n  time_zone: Mars/Olympus\n", []problem{{3, 14, "event.time_zone", "unknown time zone"}}},
		{"missing link kind", "event:\n  name: a\n  links:\n    - url: https://example.org/\n", []problem{{4, 7, "event.links[0].kind", "is required"}}},
		{"unknown field in link json", `{"event": {"name": "a", "links": [{"kind": "web", "url": "https://x.org/", "href": "y"}]}}`, []problem{{1, 76, "event.links[0].href", `unknown field "href"`}}},
		{"trailing data json", "{\"event\": {\"name\": \"a\"}}\n{}", []problem{{2, 1, "", "unexpected '{' after the catalogue object"}}},
		{"unterminated json", `{"event": {"name": "a"`, []problem{{1, 23, "", "unexpected end of file"}}},
		{"control char in json string", "{\"event\": {\"name\": \"a\x01\"}}", []problem{{1, 22, "", "control character"}}},
		{"utf-16", "\xff\xfee\x00v\x00", []problem{{1, 1, "", "UTF-16"}}},
		{"binary", "\x00\x01\x02\xff", []problem{{1, 4, "", "binary data"}}},
		{"deep yaml", "event: " + strings.Repeat("[", 20000), []problem{{0, 0, "", "invalid YAML: exceeded max depth"}}},
		{"deep yaml in an unknown field", "x: " + strings.Repeat("[a, ", 20000), []problem{{0, 0, "", "invalid YAML: exceeded max depth"}}},
		{"deep json", `{"event": {"name": "a", "sponsors": ` + strings.Repeat("[", 20000), []problem{{1, 1039, "", "nested more than 1000 levels deep"}}},
		{"alias bomb", bomb.String(), []problem{{1, 1, "x-topics", "unknown field"}, {273, 34, "talks[269].topics", "too many alias expansions: the aliases expand to more than 1,048,576 bytes of text"}}},
		{"decoding and validation problems together", "event:\n  name: a\nspeakers:\n  - {id: s, name: S}\ntalks:\n  - id: t\n    titel: T\n    order: first\n    speakers: [s, nobody]\n", []problem{
			{7, 5, "talks[0].titel", `unknown field "titel" (did you mean "title"?)`},
			{8, 12, "talks[0].order", "expected an integer"},
			{9, 19, "talks[0].speakers[1]", `unknown speaker ID "nobody"`},
		}},
		{"decoding and validation problems together in json", "{\"evnt\": {\"name\": \"a\"},\n \"talks\": [{\"id\": \"t\", \"title\": 5, \"links\": [{\"kind\": \"web\", \"url\": \"file:///etc/passwd\"}]}]}", []problem{
			{1, 2, "evnt", `unknown field "evnt" (did you mean "event"?)`},
			{2, 33, "talks[0].title", "expected a string, got the number 5"},
			{2, 69, "talks[0].links[0].url", `scheme "file" is refused`},
		}},
		{"speakers of the wrong type", "event: {name: a}\nspeakers: {id: s}\ntalks:\n  - {id: t, title: T, speakers: [s]}\n", []problem{
			{2, 11, "speakers", "expected a list of speakers, got a mapping"},
		}},
		{"escape sequence in a yaml key", "event:\n  name: a\n  \"\\e[31mred\": x\n", []problem{{3, 3, "event.red", `unknown field "red"`}}},
		{"escape sequence in a json key", `{"event": {"name": "a", "\u001b[31mred": 1}}`, []problem{{1, 25, "event.red", `unknown field "red"`}}},
		{"raw control character in yaml", "event:\n  name: a\x1b[31m\n", []problem{{2, 10, "", "control characters are not allowed"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("in.yaml", []byte(tt.in))
			if r != nil {
				t.Errorf("got a result with the error")
			}
			checkProblems(t, err, "in.yaml", tt.want)
			if strings.ContainsRune(err.Error(), 0x1b) {
				t.Errorf("error message carries an escape character: %q", err.Error())
			}
		})
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, in, format string
	}{
		{"yaml", "event:\n  name: A\ntalks:\n  - id: t\n    title: T\n", FormatYAML},
		{"json", `{"event": {"name": "A"}, "talks": [{"id": "t", "title": "T"}]}`, FormatJSON},
		{"yaml flow style", "{event: {name: A}, talks: [{id: t, title: T}]}", FormatYAML},
		{"byte order mark", "\xef\xbb\xbf{\"event\": {\"name\": \"A\"}, \"talks\": [{\"id\": \"t\", \"title\": \"T\"}]}", FormatJSON},
		{"json escapes", `{"event": {"name": "A"}, "talks": [{"id": "t", "title": "T\u00e9\ud83d\ude00\n\"q\"\\\/"}]}`, FormatJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("in", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != tt.format {
				t.Errorf("Format = %q, want %q", r.Format, tt.format)
			}
			c := r.Catalogue
			if c.Event.Name != "A" || len(c.Talks) != 1 || c.Talks[0].ID != "t" {
				t.Fatalf("catalogue = %+v", c)
			}
			// Defaults the format documents.
			if c.Talks[0].Kind != "talk" || c.Talks[0].Order != 1 {
				t.Errorf("kind %q, order %d: want the defaults talk and 1", c.Talks[0].Kind, c.Talks[0].Order)
			}
		})
	}
	r, err := Parse("in", []byte(tests[4].in))
	if err != nil {
		t.Fatal(err)
	}
	// The newline is a one-line field's: it becomes a space.
	if got, want := r.Catalogue.Talks[0].Title, "Té😀 \"q\"\\/"; got != want {
		t.Errorf("decoded title %q, want %q", got, want)
	}
}

func TestParseSanitises(t *testing.T) {
	in := "event:\n  name: \"Evil\\e]0;pwned\\a Conf\"\n  description: \"line one\\r\\nline two\\e[2J\"\n" +
		"speakers:\n  - {id: s, name: \"Mallory\\u202e\"}\n" +
		"talks:\n  - {id: t, title: \"T\\e[31m\\tx\", speakers: [s], topics: [\"a\\u009b1m\"]}\n"
	r, err := Parse("evil.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	c := r.Catalogue
	for _, tc := range []struct{ field, got, want string }{
		{"event.name", c.Event.Name, "Evil Conf"},
		{"event.description", c.Event.Description, "line one\nline two"},
		{"speakers[0].name", c.Speakers[0].Name, "Mallory"},
		{"talks[0].title", c.Talks[0].Title, "T x"},
		{"talks[0].topics[0]", c.Talks[0].Topics[0], "a"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.field, tc.got, tc.want)
		}
	}
}

func TestParseFullRoundTrip(t *testing.T) {
	r, err := LoadFile("testdata/valid-full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := r.Catalogue
	tk := c.Talks[0]
	want := time.Date(2024, 5, 14, 9, 0, 0, 0, time.FixedZone("", -4*3600))
	if !tk.Start.Equal(want) || tk.Duration != 75*time.Minute || tk.Room != "Hall A" || tk.Day != "2024-05-14" {
		t.Errorf("schedule = %v %v %q %q", tk.Start, tk.Duration, tk.Room, tk.Day)
	}
	if c.Event.Description != "A two-day conference.\n\nWith a *Markdown* description.\n" {
		t.Errorf("description = %q", c.Event.Description)
	}
	if s, ok := c.Speaker("bob"); !ok || s.Name != "Bob" {
		t.Errorf("Speaker(bob) = %v, %v", s, ok)
	}
	if l, ok := tk.VideoLink(); !ok || l.URL != "https://video.example.org/opening" {
		t.Errorf("video = %v", l)
	}

	// What WriteYAML and WriteJSON write, Parse reads back the same.
	for _, w := range []struct {
		format string
		write  func(*strings.Builder, *model.Catalogue) error
	}{
		{FormatYAML, func(b *strings.Builder, c *model.Catalogue) error { return WriteYAML(b, c) }},
		{FormatJSON, func(b *strings.Builder, c *model.Catalogue) error { return WriteJSON(b, c) }},
	} {
		var b strings.Builder
		if err := w.write(&b, c); err != nil {
			t.Fatal(err)
		}
		r2, err := Parse("again", []byte(b.String()))
		if err != nil {
			t.Fatalf("%s: %v\n%s", w.format, err, b.String())
		}
		if r2.Format != w.format {
			t.Errorf("Format = %q, want %q", r2.Format, w.format)
		}
		assertSameCatalogue(t, w.format, r2.Catalogue, c)
	}
}

// assertSameCatalogue compares two catalogues field by field, times by
// instant.
func assertSameCatalogue(t *testing.T, what string, got, want *model.Catalogue) {
	t.Helper()
	if got.Event.Name != want.Event.Name || got.Event.Description != want.Event.Description ||
		!sameLinks(got.Event.Links, want.Event.Links) || !sameLinks(got.Event.Community, want.Event.Community) ||
		strings.Join(got.Event.Sponsors, "|") != strings.Join(want.Event.Sponsors, "|") {
		t.Errorf("%s: event differs:\n%+v\n%+v", what, got.Event, want.Event)
	}
	if len(got.Speakers) != len(want.Speakers) || len(got.Talks) != len(want.Talks) {
		t.Fatalf("%s: %d speakers and %d talks, want %d and %d", what, len(got.Speakers), len(got.Talks), len(want.Speakers), len(want.Talks))
	}
	for i := range want.Speakers {
		if got.Speakers[i] != want.Speakers[i] {
			t.Errorf("%s: speakers[%d] = %+v, want %+v", what, i, got.Speakers[i], want.Speakers[i])
		}
	}
	for i := range want.Talks {
		g, w := got.Talks[i], want.Talks[i]
		if !g.Start.Equal(w.Start) {
			t.Errorf("%s: talks[%d].start = %v, want %v", what, i, g.Start, w.Start)
		}
		g.Start, w.Start = time.Time{}, time.Time{}
		if g.ID != w.ID || g.Title != w.Title || g.Subtitle != w.Subtitle || g.Kind != w.Kind || g.Order != w.Order ||
			g.Summary != w.Summary || g.Duration != w.Duration || g.Room != w.Room || g.Track != w.Track ||
			g.Day != w.Day || g.Language != w.Language || !sameLinks(g.Links, w.Links) ||
			strings.Join(g.Speakers, "|") != strings.Join(w.Speakers, "|") || strings.Join(g.Topics, "|") != strings.Join(w.Topics, "|") {
			t.Errorf("%s: talks[%d] =\n%+v\nwant\n%+v", what, i, g, w)
		}
	}
}

func TestDefaultRoundTrip(t *testing.T) {
	c := Default()
	for _, format := range []string{FormatYAML, FormatJSON} {
		var b strings.Builder
		write := WriteYAML
		if format == FormatJSON {
			write = WriteJSON
		}
		if err := write(&b, c); err != nil {
			t.Fatal(err)
		}
		r, err := Parse("default", []byte(b.String()))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		assertSameCatalogue(t, format, r.Catalogue, c)
	}
}

// TestREADMEExamples keeps the format's documentation honest: every YAML and
// JSON example in data/README.md must load.
func TestREADMEExamples(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := 0
	for _, lang := range []string{"yaml", "json"} {
		parts := strings.Split(string(b), "```"+lang+"\n")
		for i, p := range parts[1:] {
			example := p[:strings.Index(p, "```")]
			r, err := Parse(fmt.Sprintf("README %s example %d", lang, i+1), []byte(example))
			if err != nil {
				t.Errorf("%v", err)
				continue
			}
			if r.Format != lang || len(r.Catalogue.Talks) == 0 {
				t.Errorf("%s example %d: format %q, %d talks", lang, i+1, r.Format, len(r.Catalogue.Talks))
			}
			blocks++
		}
	}
	if blocks != 2 {
		t.Errorf("%d examples found in README.md, want 2", blocks)
	}
}

// FuzzParse feeds Parse arbitrary input: it must never panic (a recovered
// panic would show as an "internal error"), every error must be an *Error
// or Errors without escape characters, and every result must be valid.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.*")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(embedded))
	f.Add([]byte(`{"event": {"name": "a"}, "talks": [{"id": "t", "title": "T\u001b[2J", "duration": "5m"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Parse("fuzz", b)
		if err != nil {
			var e *Error
			var es Errors
			if !errors.As(err, &e) && !errors.As(err, &es) {
				if !isScheduleInput(b) {
					t.Fatalf("error %T is neither *Error nor Errors: %v", err, err)
				}
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("a panic was recovered: %v", err)
			}
			if strings.ContainsRune(err.Error(), 0x1b) {
				t.Fatalf("escape character in the error: %q", err.Error())
			}
			return
		}
		if verr := r.Catalogue.Validate(); verr != nil {
			t.Fatalf("Parse returned an invalid catalogue: %v", verr)
		}
	})
}

// isScheduleInput reports whether b goes to a schedule importer, whose
// errors are its own.
func isScheduleInput(b []byte) bool {
	f := sniff(string(b))
	return f == FormatFrabJSON || f == FormatPentabarfXML
}

// isBlankLines is isBlank as it was: every line trimmed and looked at.
func isBlankLines(s string) bool {
	for len(s) > 0 {
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

// TestIsBlank: whitespace (Unicode's included), comments and YAML's
// document markers are blank; anything else on any line is content.
func TestIsBlank(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", true},
		{" \t\r\n\n", true},
		{"# a comment\n  # another\n", true},
		{"---\n...\n", true},
		{"--- \n\u00a0...\u2003\n", true}, // Unicode spaces are trimmed
		{"\u0085# next line\n", true},
		{"{}", false},
		{"  x", false},
		{"# c\n\n-", false},
		{"----\n", false},
		{"-- \n", false},
		{".\n", false},
		{"# c\n \u00a0key: v\n", false},
		{"\xff", false},
		{"\v\f\n#\n", true},
	} {
		if got := isBlank(c.in); got != c.want || got != isBlankLines(c.in) {
			t.Errorf("isBlank(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// FuzzIsBlank: isBlank, which stops at the first line of content without
// looking for its end, says what looking at every line says.
func FuzzIsBlank(f *testing.F) {
	for _, s := range []string{"", "# c\n---\n", " \u00a0\n...x", "{\"a\":1}", "\u2003-\n#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isBlank(s), isBlankLines(s); got != want {
			t.Errorf("isBlank(%q) = %v, every line looked at says %v", s, got, want)
		}
	})
}
