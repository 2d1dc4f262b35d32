package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"cndtalks/model"
)

// parseNodes parses b (YAML, or JSON, which is YAML) into a document node.
// It returns an error for a syntax error or for more than one document, and
// (nil, nil) for a document with no content.
func parseNodes(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, nil
		}
		return nil, err
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == io.EOF:
	case err != nil:
		return nil, err
	default:
		return nil, &Error{Line: extra.Line, Column: extra.Column, Msg: "a second YAML document: a catalogue is one document (remove the '---' line)"}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into an *Error with its line.
func yamlError(name string, src []byte, err error) error {
	var e *Error
	if errors.As(err, &e) {
		e.File = name
		return e
	}
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: name, Line: line, Msg: "invalid YAML: " + m[2] + yamlHint(m[2])}
	}
	e = &Error{File: name, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	if strings.Contains(msg, "control characters") {
		// yaml.v3 does not say where: find the first one it refuses.
		for i := 0; i < len(src); i++ {
			if c := src[i]; (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f {
				e.Line, e.Column = offsetPos(src, i)
				break
			}
		}
	}
	return e
}

// yamlHint adds the likely cause to yaml.v3's terser syntax errors.
func yamlHint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return " (a value containing \": \" must be quoted)"
	case strings.Contains(msg, "did not find expected key"),
		strings.Contains(msg, "did not find expected '-' indicator"):
		return " (check the indentation from this line on)"
	case strings.Contains(msg, "found character that cannot start any token"):
		return " (YAML is indented with spaces, not tabs; quote a value starting with @ or `)"
	case strings.Contains(msg, "found unexpected end of stream"):
		return " (is a quote or bracket left open?)"
	case strings.Contains(msg, "did not find expected ',' or"):
		return " (is a comma missing, or a bracket left open?)"
	}
	return ""
}

// parseYAML decodes a cndtalks catalogue from YAML with yaml.v3 and the node
// decoder. It returns the root node too, so that validation problems can be
// placed. A syntax error is returned as err; problems with fields are
// returned as errs, with the catalogue decoded from everything else, so that
// its validation problems can be listed with them.
func parseYAML(name string, b []byte) (c *model.Catalogue, root *yaml.Node, errs []*Error, err error) {
	root, err = parseNodes(b)
	if err != nil {
		return nil, nil, nil, yamlError(name, b, err)
	}
	if root == nil {
		return nil, nil, nil, &Error{File: name, Msg: "empty catalogue: the file has no content"}
	}
	d := &catDecoder{file: name, budget: 4*len(b) + 1024}
	c = d.catalogue(root)
	if d.full() {
		// An alias bomb or a flood of errors: the rest is noise.
		return nil, nil, nil, joinErrors(name, d.errs)
	}
	return c, root, d.errs, nil
}

// catDecoder turns a node tree into a catalogue, checking every field against
// the format: unknown fields, wrong types and duplicate keys are errors, all
// collected. Field handling is written out per type rather than done by
// reflection, so each error can say exactly what was expected.
type catDecoder struct {
	file string
	errs []*Error
	// budget bounds the nodes visited, so that aliases cannot make a small
	// file expand into an enormous one ("billion laughs").
	budget int
}

func (d *catDecoder) fail(n *yaml.Node, path, format string, args ...any) {
	e := &Error{File: d.file, Field: model.SanitizeLine(path), Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// full reports whether decoding should stop: too many errors already, or the
// alias budget is spent.
func (d *catDecoder) full() bool { return len(d.errs) > maxErrors || d.budget < 0 }

// deref follows aliases and charges the budget.
func (d *catDecoder) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	d.budget--
	if d.budget == -1 {
		d.fail(n, "", "too many alias expansions: the file expands to far more data than it holds")
	}
	return n
}

// describe names what a node is, for "expected X, got Y".
func (d *catDecoder) describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "null"
		case "!!int", "!!float":
			return "the number " + quoteValue(n.Value)
		case "!!bool":
			return "the boolean " + n.Value
		}
		return "the string " + quoteValue(n.Value)
	}
	return "an unexpected node"
}

func (d *catDecoder) mappingWord() string { return "a mapping" }

func (d *catDecoder) listWord() string { return "a list" }

func quoteValue(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strconv.Quote(model.SanitizeLine(s))
}

func isNullNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// fields walks a mapping node, calling set for each known key. It reports
// unknown keys (with a suggestion), duplicate keys and a non-mapping node.
// Merge keys (<<) are honoured; explicit keys win over merged ones.
func (d *catDecoder) fields(n *yaml.Node, path string, known []string, set func(key string, v *yaml.Node)) {
	n = d.deref(n)
	if n == nil || isNullNode(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected %s with fields %s, got %s", d.mappingWord(), strings.Join(known, ", "), d.describe(n))
		return
	}
	explicit := make(map[string]bool, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			d.merge(n.Content[i+1], path, known, set, explicit)
			continue
		}
	}
	for i := 0; i+1 < len(n.Content) && !d.full(); i += 2 {
		k, v := d.deref(n.Content[i]), n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "a key must be a plain name, got %s", d.describe(k))
			continue
		}
		key := k.Value
		fieldPath := pathJoin(path, key)
		if explicit[key] {
			d.fail(k, fieldPath, "duplicate field %s: each field may appear once", quoteValue(key))
			continue
		}
		explicit[key] = true
		if !hasString(known, key) {
			msg := unknownFieldMsg(key, known)
			d.fail(k, fieldPath, "%s", msg)
			continue
		}
		set(key, v)
	}
}

// merge applies a merge key's value (a mapping or a list of mappings) for
// the keys not given explicitly.
func (d *catDecoder) merge(v *yaml.Node, path string, known []string, set func(string, *yaml.Node), explicit map[string]bool) {
	v = d.deref(v)
	var maps []*yaml.Node
	switch v.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{v}
	case yaml.SequenceNode:
		for _, m := range v.Content {
			maps = append(maps, d.deref(m))
		}
	}
	for _, m := range maps {
		if m.Kind != yaml.MappingNode {
			d.fail(m, pathJoin(path, "<<"), "a merge key needs %s or a list of them, got %s", d.mappingWord(), d.describe(m))
			continue
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if explicit[k.Value] || !hasString(known, k.Value) {
				if !hasString(known, k.Value) {
					d.fail(k, pathJoin(path, k.Value), "unknown field %s (merged with <<)", quoteValue(k.Value))
				}
				continue
			}
			set(k.Value, m.Content[i+1])
		}
	}
}

func pathJoin(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func hasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suggestField returns the known name closest to key, if it is close enough to be
// a typo (two edits, or a different case).
func suggestField(key string, known []string) string {
	s, _ := model.Suggest(key, known)
	return s
}

// str decodes a string field. Any scalar is accepted as its text (a title may
// well be 2019); null is the empty string.
func (d *catDecoder) str(n *yaml.Node, path string) string {
	n = d.deref(n)
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path, "expected a string, got %s", d.describe(n))
		return ""
	}
	if isNullNode(n) {
		return ""
	}
	return n.Value
}

// integer decodes an integer field.
func (d *catDecoder) integer(n *yaml.Node, path string) int {
	n = d.deref(n)
	if isNullNode(n) {
		return 0
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err == nil && v >= -1<<31 && v <= 1<<31-1 {
			return int(v)
		}
		d.fail(n, path, "expected an integer, got %s (out of range)", quoteValue(n.Value))
		return 0
	}
	d.fail(n, path, "expected an integer, got %s", d.describe(n))
	return 0
}

// strList decodes a list of strings.
func (d *catDecoder) strList(n *yaml.Node, path string) []string {
	n = d.deref(n)
	if isNullNode(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "expected %s of strings, got %s", d.listWord(), d.describe(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		item = d.deref(item)
		if item.Kind != yaml.ScalarNode || isNullNode(item) {
			d.fail(item, pathIndex(path, i), "expected a string, got %s", d.describe(item))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// list walks a sequence, calling each for every item.
func (d *catDecoder) list(n *yaml.Node, path, what string, each func(i int, item *yaml.Node)) {
	n = d.deref(n)
	if isNullNode(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "expected %s of %s, got %s", d.listWord(), what, d.describe(n))
		return
	}
	for i, item := range n.Content {
		if d.full() {
			return
		}
		each(i, item)
	}
}

func (d *catDecoder) catalogue(root *yaml.Node) *model.Catalogue {
	c := &model.Catalogue{}
	d.fields(root, "", catalogueFields, func(key string, v *yaml.Node) {
		switch key {
		case "event":
			d.event(v, &c.Event)
		case "speakers":
			n := d.deref(v)
			if n.Kind == yaml.SequenceNode {
				c.Speakers = make([]model.Speaker, 0, len(n.Content))
			}
			d.list(v, "speakers", "speakers", func(i int, item *yaml.Node) {
				var s model.Speaker
				d.speaker(item, pathIndex("speakers", i), &s)
				c.Speakers = append(c.Speakers, s)
			})
		case "talks":
			n := d.deref(v)
			if n.Kind == yaml.SequenceNode {
				c.Talks = make([]model.Talk, 0, len(n.Content))
			}
			d.list(v, "talks", "talks", func(i int, item *yaml.Node) {
				c.Talks = append(c.Talks, model.Talk{})
				d.talk(item, pathIndex("talks", i), &c.Talks[len(c.Talks)-1])
			})
		}
	})
	return c
}

func (d *catDecoder) event(n *yaml.Node, e *model.Event) {
	const path = "event"
	d.fields(n, path, eventFields, func(key string, v *yaml.Node) {
		p := path + "." + key
		switch key {
		case "id":
			e.ID = d.str(v, p)
		case "name":
			e.Name = d.str(v, p)
		case "edition":
			e.Edition = d.str(v, p)
		case "year":
			e.Year = d.integer(v, p)
		case "date":
			e.Date = d.str(v, p)
		case "date_note":
			e.DateNote = d.str(v, p)
		case "end_date":
			e.EndDate = d.str(v, p)
		case "time_zone":
			e.TimeZone = d.str(v, p)
		case "city":
			e.City = d.str(v, p)
		case "venue":
			e.Venue = d.str(v, p)
		case "country":
			e.Country = d.str(v, p)
		case "organiser":
			e.Organiser = d.str(v, p)
		case "description":
			e.Description = d.str(v, p)
		case "attendance":
			e.Attendance = d.str(v, p)
		case "links":
			e.Links = d.links(v, p)
		case "community":
			e.Community = d.links(v, p)
		case "sponsors":
			e.Sponsors = d.strList(v, p)
		case "thanks":
			e.Thanks = d.strList(v, p)
		case "source":
			e.Source = d.str(v, p)
		}
	})
}

func (d *catDecoder) speaker(n *yaml.Node, path string, s *model.Speaker) {
	d.fields(n, path, speakerFields, func(key string, v *yaml.Node) {
		p := path + "." + key
		switch key {
		case "id":
			s.ID = d.str(v, p)
		case "name":
			s.Name = d.str(v, p)
		case "org":
			s.Org = d.str(v, p)
		case "role":
			s.Role = d.str(v, p)
		}
	})
}

func (d *catDecoder) talk(n *yaml.Node, path string, t *model.Talk) {
	d.fields(n, path, talkFields, func(key string, v *yaml.Node) {
		p := path + "." + key
		switch key {
		case "id":
			t.ID = d.str(v, p)
		case "title":
			t.Title = d.str(v, p)
		case "subtitle":
			t.Subtitle = d.str(v, p)
		case "kind":
			t.Kind = d.str(v, p)
		case "order":
			t.Order = d.integer(v, p)
		case "speakers":
			t.Speakers = d.strList(v, p)
		case "summary":
			t.Summary = d.str(v, p)
		case "topics":
			t.Topics = d.strList(v, p)
		case "links":
			t.Links = d.links(v, p)
		case "language":
			t.Language = d.str(v, p)
		case "start":
			vn := d.deref(v)
			if s := d.str(vn, p); s != "" {
				st, err := parseTalkStart(s)
				if err != nil {
					d.fail(vn, p, "%v", err)
				}
				t.Start = st
			}
		case "duration":
			vn := d.deref(v)
			if vn.Kind == yaml.ScalarNode && (vn.ShortTag() == "!!int" || vn.ShortTag() == "!!float") {
				d.fail(vn, p, "expected a duration with a unit like \"30m\" or \"1h15m\", got the number %s", vn.Value)
				return
			}
			if s := d.str(vn, p); s != "" {
				du, err := parseTalkDuration(s)
				if err != nil {
					d.fail(vn, p, "%v", err)
				}
				t.Duration = du
			}
		case "room":
			t.Room = d.str(v, p)
		case "track":
			t.Track = d.str(v, p)
		case "day":
			t.Day = d.str(v, p)
		}
	})
}

func (d *catDecoder) links(n *yaml.Node, path string) []model.Link {
	var out []model.Link
	d.list(n, path, "links", func(i int, item *yaml.Node) {
		var l model.Link
		p := pathIndex(path, i)
		d.fields(item, p, linkFields, func(key string, v *yaml.Node) {
			switch key {
			case "kind":
				l.Kind = model.LinkKind(d.str(v, p+".kind"))
			case "url":
				l.URL = d.str(v, p+".url")
			case "label":
				l.Label = d.str(v, p+".label")
			}
		})
		out = append(out, l)
	})
	return out
}

// parseStart reads a talk's start time: RFC 3339, with its UTC offset.
func parseTalkStart(s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("expected a start time in RFC 3339 form like \"2019-06-11T09:30:00-04:00\", got %s", quoteValue(s))
	}
	return t, nil
}

// parseDuration reads a talk's duration: a Go duration like 30m or 1h15m.
func parseTalkDuration(s string) (time.Duration, error) {
	du, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("expected a duration like \"30m\" or \"1h15m\", got %s", quoteValue(s))
	}
	if du < 0 {
		return 0, fmt.Errorf("a duration must not be negative, got %s", quoteValue(s))
	}
	return du, nil
}

// locate finds the node a field path names (talks[3].links[0].url) and
// returns its position. When the field itself is missing (a required field
// left out) it returns the position of the nearest enclosing node.
func locate(root *yaml.Node, path string) (line, col int) {
	n := root
	if n == nil {
		return 0, 0
	}
	line, col = n.Line, n.Column
	for path != "" && n != nil {
		var seg string
		seg, path = nextSegment(path)
		for n.Kind == yaml.AliasNode && n.Alias != nil {
			n = n.Alias
		}
		var next *yaml.Node
		if strings.HasPrefix(seg, "[") {
			i, err := strconv.Atoi(strings.Trim(seg, "[]"))
			if err == nil && n.Kind == yaml.SequenceNode && i >= 0 && i < len(n.Content) {
				next = n.Content[i]
				line, col = next.Line, next.Column
			}
		} else if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == seg {
					next = n.Content[i+1]
					// Point at the key: "title: x" reads better from its start.
					line, col = n.Content[i].Line, n.Content[i].Column
				}
			}
			if next != nil && (next.Kind == yaml.ScalarNode || next.Kind == yaml.AliasNode) {
				// A scalar value: its own position is more precise.
				line, col = next.Line, next.Column
			}
		}
		if next == nil {
			return line, col
		}
		n = next
		if n.Kind != yaml.ScalarNode {
			if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
				line, col = n.Line, n.Column
			}
		}
	}
	return line, col
}

// nextSegment splits "talks[3].url" into "talks" and "[3].url", "[3].url"
// into "[3]" and "url".
func nextSegment(path string) (seg, rest string) {
	if strings.HasPrefix(path, "[") {
		if i := strings.IndexByte(path, ']'); i >= 0 {
			return path[:i+1], strings.TrimPrefix(path[i+1:], ".")
		}
		return path, ""
	}
	i := strings.IndexAny(path, ".[")
	if i < 0 {
		return path, ""
	}
	return path[:i], strings.TrimPrefix(path[i:], ".")
}
