package catalog

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"cndtalks/model"
)

// note is a record of a test-only format, to show what adding a field to
// the catalogue format takes.
type note struct {
	Title   string
	Minutes int
	Tags    []string
	Role    string
}

// noteFormat is the test format. The field under test, role, is the last
// line: that line is the whole change. The readers (JSON, fast YAML,
// yaml.v3 nodes), the writers and the unknown-field messages all take it
// from the table. (A real field is added the same way: a link's role is
// one line appended to linkFormat in schema.go.)
var noteFormat = record(
	text("title", func(n *note) *string { return &n.Title }).alwaysWritten(),
	integer("minutes", func(n *note) *int { return &n.Minutes }),
	textList("tags", func(n *note) *[]string { return &n.Tags }).oneLine(),
	text("role", func(n *note) *string { return &n.Role }),
)

// readNote decodes src as one note with each of the three readers the
// format drives.
func readNote(t *testing.T, reader, src string) (note, []string) {
	t.Helper()
	var n note
	var msgs []string
	switch reader {
	case "json":
		d := &jsonDecoder{file: "t", src: src}
		decodeRecord(&formatDecoder{r: d}, "note", noteFormat, &n)
		for _, e := range d.errorList() {
			msgs = append(msgs, e.Error())
		}
	case "fast yaml":
		y := &fastYAML{src: src, indent: -1, lineStart: true}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("the fast reader gave up on %q", src)
				}
			}()
			decodeRecord(&formatDecoder{r: y}, "note", noteFormat, &n)
		}()
		for _, e := range offsetErrors("t", src, y.errs) {
			msgs = append(msgs, e.Error())
		}
	case "yaml.v3":
		root, err := parseNodes([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		d := &nodeReader{file: "t", budget: 1000, textBudget: 1 << 20, cur: root}
		decodeRecord(&formatDecoder{r: d}, "note", noteFormat, &n)
		for _, e := range d.errs {
			msgs = append(msgs, e.Error())
		}
	}
	return n, msgs
}

func TestFormatFieldAddedInOnePlace(t *testing.T) {
	want := note{Title: "Keynote", Minutes: 45, Tags: []string{"k8s", "yes"}, Role: "host"}
	inputs := map[string]string{
		"json":      `{"title": "Keynote", "minutes": 45, "tags": ["k8s", "yes"], "role": "host"}`,
		"fast yaml": "title: Keynote\nminutes: 45\ntags: [k8s, \"yes\"]\nrole: host\n",
		"yaml.v3":   "title: &t Keynote\nminutes: 45\ntags: [k8s, \"yes\"]\nrole: host\n",
	}
	for reader, src := range inputs {
		t.Run(reader, func(t *testing.T) {
			got, msgs := readNote(t, reader, src)
			if len(msgs) > 0 || !reflect.DeepEqual(got, want) {
				t.Fatalf("read %+v, %q; want %+v", got, msgs, want)
			}
			// A typo of the new field is refused with a suggestion.
			typo := strings.Replace(src, "role", "rol", 1)
			if _, msgs := readNote(t, reader, typo); len(msgs) != 1 || !strings.Contains(msgs[0], `note.rol: unknown field "rol" (did you mean "role"?)`) {
				t.Errorf("with a typo: %q", msgs)
			}
		})
	}

	// Written back by both writers, it reads back the same.
	jw := &jsonOut{}
	writeRecord(jw, noteFormat, &want)
	if got, msgs := readNote(t, "json", string(jw.b)); len(msgs) > 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("JSON %s read back as %+v, %q", jw.b, got, msgs)
	}
	yw := &yamlOut{}
	writeRecord(yw, noteFormat, &want)
	out, err := yaml.Marshal(yw.root)
	if err != nil {
		t.Fatal(err)
	}
	if want := "title: Keynote\nminutes: 45\ntags: [k8s, \"yes\"]\nrole: host\n"; string(out) != want {
		t.Errorf("YAML writer wrote\n%s\nwant\n%s", out, want)
	}
	for _, reader := range []string{"fast yaml", "yaml.v3"} {
		if got, msgs := readNote(t, reader, string(out)); len(msgs) > 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: YAML read back as %+v, %q", reader, got, msgs)
		}
	}
}

// TestModelJSONNamesMatchFormat checks that the model's JSON names (the
// shape of list --json and JSON exports) are the catalogue format's names,
// and that each table's accessor reaches the field of its name.
func TestModelJSONNamesMatchFormat(t *testing.T) {
	checkRecordNames(t, eventFormat)
	checkRecordNames(t, speakerFormat)
	checkRecordNames(t, talkFormat)
	checkRecordNames(t, linkFormat)
}

func checkRecordNames[T any](t *testing.T, f *recordFormat[T]) {
	t.Helper()
	for _, fd := range f.fields {
		var v T
		switch fd.kind {
		case textKind:
			*fd.text(&v) = "x"
		case intKind:
			*fd.num(&v) = 7
		case textListKind:
			*fd.list(&v) = []string{"x"}
		case durationKind:
			*fd.dur(&v) = time.Minute
		case startKind:
			*fd.start(&v) = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		case linksKind:
			*fd.links(&v) = []model.Link{{Kind: model.LinkWeb, URL: "https://x.org/"}}
		}
		b, err := json.Marshal(&v)
		if err != nil {
			t.Fatal(err)
		}
		var zero T
		zb, _ := json.Marshal(&zero)
		var m, zm map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(zb, &zm)
		if reflect.DeepEqual(m[fd.name], zm[fd.name]) {
			t.Errorf("%T: setting format field %q did not change the model's JSON field of that name: %s", v, fd.name, b)
		}
	}
}
