package catalog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// fastAgrees checks the fast YAML reader against yaml.v3 and the node
// decoder on src: whenever the fast reader accepts an input, the full path
// must accept it too and decode exactly the same catalogue. It returns
// whether the fast reader took the input.
func fastAgrees(t testing.TB, name, src string) bool {
	t.Helper()
	fast, _, fastErrs, ok := parseYAMLFast(name, src)
	if !ok {
		return false
	}
	full, _, errs, err := parseYAML(name, []byte(src))
	if len(fastErrs) > 0 {
		// The fast reader found unknown or repeated fields: the full
		// decoder must find exactly the same.
		want := err // the full decoder also stopped at too many errors
		if want == nil {
			want = source.JoinErrors(name, errs)
		}
		if got := source.JoinErrors(name, fastErrs); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: errors differ:\nfast %v\nfull %v\ninput:\n%s", name, got, want, src)
		}
		return true
	}
	if err == nil && len(errs) > 0 {
		err = source.JoinErrors(name, errs)
	}
	if err != nil {
		t.Errorf("%s: the fast reader accepts what the full parser refuses (%v):\n%s", name, err, src)
		return true
	}
	normalise(fast)
	normalise(full)
	if !reflect.DeepEqual(fast, full) {
		t.Errorf("%s: fast and full decoding differ:\nfast %+v\nfull %+v\ninput:\n%s", name, fast, full, src)
	}
	return true
}

// normalise makes two decodings of the same input comparable: empty and nil
// lists are the same, and so are equal instants in different zones values.
func normalise(c *model.Catalogue) {
	nilIfEmpty := func(s []string) []string {
		if len(s) == 0 {
			return nil
		}
		return s
	}
	links := func(l []model.Link) []model.Link {
		if len(l) == 0 {
			return nil
		}
		return l
	}
	c.Event.Sponsors, c.Event.Thanks = nilIfEmpty(c.Event.Sponsors), nilIfEmpty(c.Event.Thanks)
	c.Event.Links, c.Event.Community = links(c.Event.Links), links(c.Event.Community)
	if len(c.Speakers) == 0 {
		c.Speakers = nil
	}
	if len(c.Talks) == 0 {
		c.Talks = nil
	}
	for i := range c.Talks {
		t := &c.Talks[i]
		t.Speakers, t.Topics, t.Links = nilIfEmpty(t.Speakers), nilIfEmpty(t.Topics), links(t.Links)
		if !t.Start.IsZero() {
			t.Start = t.Start.UTC()
		}
	}
}

func TestFastYAMLTakesCatalogues(t *testing.T) {
	var gen300 bytes.Buffer
	if err := WriteYAML(&gen300, gen.Catalogue(300, 7)); err != nil {
		t.Fatal(err)
	}
	var def bytes.Buffer
	if err := WriteYAML(&def, defaultCatalogue(t)); err != nil {
		t.Fatal(err)
	}
	// These must go through the fast reader: they are what catalogues look
	// like, hand-written (the embedded file) or written by WriteYAML.
	for name, src := range map[string]string{
		"embedded":           string(embedded),
		"WriteYAML(gen)":     gen300.String(),
		"WriteYAML(Default)": def.String(),
		"valid-minimal":      readFile(t, "../testdata/valid-minimal.yaml"),
		"valid-full":         readFile(t, "../testdata/valid-full.yaml"),
	} {
		if !fastAgrees(t, name, src) {
			t.Errorf("%s: the fast reader gave up on it", name)
		}
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fastCases are inputs the fast reader must either decode exactly as yaml.v3
// does or leave to it; fast says which is expected.
var fastCases = []struct {
	name string
	fast bool
	src  string
}{
	{"literal block scalars", true, "event:\n  name: a\n  description: |\n    one\n\n      indented\n    two\n\n\n  source: |-\n    kept\n    lines\n  date_note: |+\n    keep\n\n\ntalks:\n  - id: t\n    title: T\n    summary: |\n      last\n"},
	{"folded block scalars", true, "event:\n  name: a\n  description: >\n    one\n    two\n\n    three\n      more\n    four\n  source: >-\n    x\n    y\n  date_note: >+\n    z\n\n"},
	{"block scalar at end of file without newline", true, "event:\n  name: a\n  description: |-\n    end"},
	{"block scalar with comment header", true, "event:\n  name: a\n  description: | # a comment\n    text\n"},
	{"empty block scalar", true, "event:\n  name: a\n  description: |\n  city: b\n"},
	{"block scalar with blank lines of spaces", true, "event:\n  name: a\n  description: |\n    a\n      \n    b\n  \n    c\n"},
	{"indentless list", true, "event:\n  name: a\nspeakers:\n- id: s\n  name: S\ntalks:\n- id: t\n  title: T\n  speakers:\n  - s\n"},
	{"flow collections", true, "event: {name: a, sponsors: [x, 'y z', \"w\"]}\ntalks:\n  - {id: t, title: T, topics: [a, b], links: [{kind: web, url: 'https://x.org/'}]}\n"},
	{"multi-line flow list", true, "event:\n  name: a\n  sponsors: [one,\n    two, three,\n    four]\n"},
	{"quoted scalars and escapes", true, "event:\n  name: \"tab\\there \\\"q\\\" \\u00e9 \\x41 \\U0001F600 \\\\\"\n  city: 'it''s'\n  venue: \"\"\n  country: ''\n"},
	{"comments everywhere", true, "# top\nevent: # after key\n  # inside\n  name: a # after value\n\n  city: b#not a comment\n# between\ntalks: # list\n  # before item\n  - id: t # id\n    # inside item\n    title: T\n"},
	{"nulls", true, "event:\n  name: a\n  city: ~\n  venue: null\n  country:\n  sponsors:\n  links: ~\ntalks:\n  - id: t\n    title: T\n    order: null\n    duration: ~\n"},
	{"scalars that look like other types", true, "event:\n  name: 2019\n  city: true\n  venue: 1.5\n  country: 0x1F\n  edition: 2019-06-11\n  year: 2019\ntalks:\n  - id: 7\n    title: -3\n    order: -4\n    duration: 1h15m\n    start: 2019-06-11T09:30:00-04:00\n"},
	{"colons and hashes in plain scalars", true, "event:\n  name: 'a: b'\n  city: https://x.org/a#b\n  venue: a:b\n"},
	{"unicode", true, "event:\n  name: Montréal 🍁 東京\n  description: |\n    Ünïcödé\n"},
	{"mapping indented at top", true, "  event:\n    name: a\n"},
	{"item comment then mapping", true, "event: {name: a}\ntalks:\n  - # the first\n    id: t\n    title: T\n"},
	{"spaces after colon", true, "event:\n  name:     a   \n"},

	{"multi-line plain scalar", false, "event:\n  name: a long\n    name\n"},
	{"multi-line quoted scalar", false, "event:\n  name: \"a long\n    name\"\n"},
	{"anchor and alias", false, "event:\n  name: &n a\n  city: *n\n"},
	{"merge key", false, "event:\n  <<: {name: a}\n"},
	{"tag", false, "event:\n  name: !!str a\n"},
	{"document marker", false, "---\nevent:\n  name: a\n"},
	{"crlf", false, "event:\r\n  name: a\r\n"},
	{"tab indentation", false, "event:\n\tname: a\n"},
	{"indentation indicator", false, "event:\n  name: a\n  description: |2\n     x\n"},
	{"duplicate key", true, "event:\n  name: a\n  name: b\n"},
	{"unknown key", true, "event:\n  nam: a\n"},
	{"unknown keys with block values", true, "evnt:\n  name: a\n  list:\n  - x\n  text: |\n    t\nextra: [a, [b, c], 'd']\nevent:\n  name: a\n  Name: |\n    x\n  sponsors: [a]\n  sponsors: [b]\n  odd key: x\n  odd key: y\ntalks:\n- id: t\n  title: T\n  titel: U\n"},
	{"unknown key in a flow mapping", true, "event: {name: a, nam: {x: [1, {y: z}]}}\n"},
	{"unterminated quote in a skipped value", false, "0:\n \"00\n"},
	{"unknown key with a nested block value", true, "event:\n  name: a\n  extra:\n    deep:\n      - a: 1\n        b: [x]\n      - |\n        text\n    other: ~\n  city: b\n"},
	{"wrong type", true, "event:\n  name: a\n  year: twenty\n"},
	{"wrong types", true, "event:\n  name: a\n  year: 'twenty'\n  sponsors: [a, ~, b]\ntalks:\n  - id: t\n    title: T\n    order: true\n    duration: soon\n    start: 2019-06-11\n  - id: u\n    title: U\n    order: |\n      5\n    duration: 1e3h\n    start: \"tomorrow\"\n"},
	{"octal-looking integer", false, "event:\n  name: a\n  year: 010\n"},
	{"number as duration", true, "talks:\n  - id: t\n    title: T\n    duration: 30\n"},
	{"float as duration", false, "talks:\n  - id: t\n    title: T\n    duration: 1.5\n"},
	{"null in a list", true, "event:\n  name: a\n  sponsors: [a, ~]\n"},
	{"trailing comma", false, "event:\n  name: a\n  sponsors: [a, b, ]\n"},
	{"text after a quoted scalar", false, "event:\n  name: 'a' b\n"},
	{"mapping value in plain scalar", false, "event:\n  name: a: b\n"},
	{"dash alone", false, "talks:\n  -\n    id: t\n"},
	{"nested list", false, "event:\n  sponsors:\n    - - a\n"},
	{"line separator", false, "event:\n  name: a\u2028b\n"},
	{"uneven list", false, "talks:\n  - id: a\n    title: A\n   - id: b\n"},
	{"json-only escape", false, "event:\n  name: \"a\\/b\"\n"},
	{"flow plain with colon", false, "event: {name: a:b}\n"},
}

func TestFastYAMLAgrees(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := fastAgrees(t, tc.name, tc.src); got != tc.fast {
				t.Errorf("fast reader took it: %v, want %v", got, tc.fast)
			}
		})
	}
	files, _ := filepath.Glob("../testdata/*.yaml")
	for _, f := range files {
		fastAgrees(t, f, readFile(t, f))
	}
}

func FuzzFastYAML(f *testing.F) {
	for _, tc := range fastCases {
		f.Add(tc.src)
	}
	f.Add(embedded)
	f.Fuzz(func(t *testing.T, src string) {
		fastAgrees(t, "fuzz", src)
	})
}

// TestFastLocator checks that problems in a file the fast reader read are
// placed exactly where the whole-file node tree places them.
func TestFastLocator(t *testing.T) {
	var big bytes.Buffer
	c := gen.Catalogue(2000, 3)
	c.Talks[1234].Links = append(c.Talks[1234].Links, model.Link{Kind: "slides", URL: "javascript:alert(1)"})
	c.Talks[1500].Speakers = append(c.Talks[1500].Speakers, "nobody")
	c.Speakers[10].Name = ""
	c.Event.Date = "someday"
	if err := WriteYAML(&big, c); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]string{
		"generated":       big.String(),
		"many-problems":   readFile(t, "../testdata/many-problems.yaml"),
		"indentless list": "event:\n  name: a\n  date: x\nspeakers:\n- id: s\n- id: s\n  name: S\ntalks:\n- id: t\n  title: T\n  speakers: [s, q]\n- id: t\n  title: U\n  links:\n  - {kind: web, url: 'ftp://x'}\n",
		"flow items":      "event: {name: a, date: x}\ntalks: [{id: t, title: T, speakers: [q]}, {id: t, title: T}]\n",
		"talks first":     "talks:\n  - id: t\n    title: T\n    speakers: [q]\nevent:\n  name: a\n  time_zone: Nowhere/Never\n",
	}
	for name, src := range inputs {
		cat, sp, _, ok := parseYAMLFast(name, src)
		if !ok {
			t.Fatalf("%s: the fast reader gave up", name)
		}
		ps := prepare(cat, true, 0)
		if len(ps) == 0 {
			t.Fatalf("%s: no problems to place", name)
		}
		root, err := parseNodes([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		loc := fastLocator(src, sp)
		for _, p := range ps {
			wl, wc := locate(root, p.Path)
			gl, gc := loc(p.Path)
			if gl != wl || gc != wc {
				t.Errorf("%s: %s placed at %d:%d, want %d:%d", name, p.Path, gl, gc, wl, wc)
			}
		}
	}
}

// TestJSONLocator checks the JSON decoder's placing of problems against the
// node tree of the same file (JSON is YAML: same lines and columns).
func TestJSONLocator(t *testing.T) {
	c := gen.Catalogue(500, 5)
	c.Talks[123].Links = append(c.Talks[123].Links, model.Link{Kind: "slide", URL: "https://x.org/"})
	c.Talks[400].Speakers = append(c.Talks[400].Speakers, "nobody")
	c.Talks[401].ID = c.Talks[400].ID
	c.Speakers[10].Name = ""
	c.Event.TimeZone = "Nowhere/Never"
	var b bytes.Buffer
	if err := WriteJSON(&b, c); err != nil {
		t.Fatal(err)
	}
	src := b.String()
	cat, d, err := parseJSON("gen.json", src)
	if err != nil {
		t.Fatal(err)
	}
	ps := prepare(cat, true, 0)
	if len(ps) != 5 {
		t.Fatalf("%d problems, want 5: %v", len(ps), ps)
	}
	root, err := parseNodes(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		wl, wc := locate(root, p.Path)
		gl, gc := d.locate(p.Path)
		if gl != wl || gc != wc {
			t.Errorf("%s placed at %d:%d, want %d:%d", p.Path, gl, gc, wl, wc)
		}
	}
}
