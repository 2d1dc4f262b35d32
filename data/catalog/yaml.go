package catalog

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

	"cndtalks/data/internal/source"
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
		return nil, &source.Error{Line: extra.Line, Column: extra.Column, Msg: "a second YAML document: a catalogue is one document (remove the '---' line)"}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into an *Error with its line.
func yamlError(name string, src []byte, err error) error {
	var e *source.Error
	if errors.As(err, &e) {
		e.File = name
		return e
	}
	msg := err.Error()
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &source.Error{File: name, Line: line, Msg: "invalid YAML: " + m[2] + yamlHint(m[2])}
	}
	e = &source.Error{File: name, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	if strings.Contains(msg, "control characters") {
		// yaml.v3 does not say where: find the first one it refuses.
		for i := 0; i < len(src); i++ {
			if c := src[i]; (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f {
				e.Line, e.Column = source.OffsetPos(src, i)
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
// reader. It returns the root node too, so that validation problems can be
// placed. A syntax error is returned as err; problems with fields are
// returned as errs, with the catalogue decoded from everything else, so that
// its validation problems can be listed with them.
func parseYAML(name string, b []byte) (c *model.Catalogue, root *yaml.Node, errs []*source.Error, err error) {
	root, err = parseNodes(b)
	if err != nil {
		return nil, nil, nil, yamlError(name, b, err)
	}
	if root == nil {
		return nil, nil, nil, &source.Error{File: name, Msg: "empty catalogue: the file has no content"}
	}
	d := &nodeReader{file: name, cur: root, nodeLimit: 4*len(b) + 1024, textLimit: aliasTextBudget(len(b))}
	d.budget, d.textBudget = d.nodeLimit, d.textLimit
	c = &model.Catalogue{}
	decodeCatalogue(d, c)
	if d.full() {
		// An alias bomb or a flood of errors: the rest is noise.
		return nil, nil, nil, source.JoinErrors(name, d.errs)
	}
	return c, root, d.errs, nil
}

// aliasTextBudget is how many bytes of text a YAML file of size n may
// decode to: aliases may repeat values, but not multiply the file. Without
// aliases a file decodes to at most its own size.
func aliasTextBudget(n int) int { return max(4*n, 1<<20) }

// nodeReader is the valueReader over a yaml.v3 node tree: it handles all of
// YAML (anchors, aliases, merge keys, tags), and reports every problem with
// its position, collecting them all. Unknown fields, wrong types and
// duplicate keys are errors.
type nodeReader struct {
	file string
	errs []*source.Error
	// cur is the node the next read reads.
	cur *yaml.Node
	// budget bounds the nodes visited, and textBudget the bytes of text
	// decoded, so that aliases cannot make a small file expand into an
	// enormous one ("billion laughs", or one long text aliased thousands
	// of times).
	budget, textBudget int
	// nodeLimit and textLimit are the budgets' starting values, for messages.
	nodeLimit, textLimit int
	// alias is the last alias followed, where a spent budget is reported.
	alias *yaml.Node
}

func (d *nodeReader) fail(n *yaml.Node, path, format string, args ...any) {
	e := &source.Error{File: d.file, Field: model.SanitizeLine(path), Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// full reports whether decoding should stop: too many errors already, or an
// alias budget is spent.
func (d *nodeReader) full() bool {
	return len(d.errs) > source.MaxErrors || d.budget < 0 || d.textBudget < 0
}

// deref follows aliases and charges the budget.
func (d *nodeReader) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		d.alias = n
		n = n.Alias
	}
	d.budget--
	if d.budget == -1 {
		at := d.alias
		if at == nil {
			at = n
		}
		d.fail(at, "", "too many alias expansions: the file expands to more than %s values, the limit for this file (4 per byte of it)", thousands(d.nodeLimit))
	}
	return n
}

// text charges the budget for the text of a scalar being decoded.
func (d *nodeReader) text(n *yaml.Node, path fieldPath) string {
	if d.textBudget < 0 {
		return ""
	}
	d.textBudget -= len(n.Value)
	if d.textBudget < 0 {
		at := d.alias
		if at == nil {
			at = n
		}
		d.fail(at, path.String(), "too many alias expansions: the aliases expand to more than %s bytes of text, the limit for this file (4 times its size, at least 1 MiB); write a long value out where it is used instead of aliasing it many times", thousands(d.textLimit))
		return ""
	}
	return n.Value
}

// describe names what a node is, for "expected X, got Y".
func (d *nodeReader) describe(n *yaml.Node) string {
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

func quoteValue(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strconv.Quote(model.SanitizeLine(s))
}

func isNullNode(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// object walks a mapping node, calling field with the reader at the value of
// each known key. It reports unknown keys (with a suggestion), duplicate
// keys and a non-mapping node. Merge keys (<<) are honoured; explicit keys
// win over merged ones.
func (d *nodeReader) object(path string, known []string, field func(i int)) {
	n := d.deref(d.cur)
	if n == nil || isNullNode(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping with fields %s, got %s", strings.Join(known, ", "), d.describe(n))
		return
	}
	set := func(key string, v *yaml.Node) {
		d.cur = v
		field(indexOf(known, key))
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
func (d *nodeReader) merge(v *yaml.Node, path string, known []string, set func(string, *yaml.Node), explicit map[string]bool) {
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
			d.fail(m, pathJoin(path, "<<"), "a merge key needs a mapping or a list of them, got %s", d.describe(m))
			continue
		}
		for i := 0; i+1 < len(m.Content) && !d.full(); i += 2 {
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

// array walks a sequence, calling each with the reader at every item.
func (d *nodeReader) array(path fieldPath, what string, each func(i int)) {
	n := d.deref(d.cur)
	if isNullNode(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path.String(), "expected a list of %s, got %s", what, d.describe(n))
		return
	}
	for i, item := range n.Content {
		if d.full() {
			return
		}
		d.cur = item
		each(i)
	}
}

// strField decodes a string field. Any scalar is accepted as its text (a
// title may well be 2019); null is the empty string.
func (d *nodeReader) strField(path fieldPath) string {
	n := d.deref(d.cur)
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path.String(), "expected a string, got %s", d.describe(n))
		return ""
	}
	if isNullNode(n) {
		return ""
	}
	return d.text(n, path)
}

// intField decodes an integer field.
func (d *nodeReader) intField(path fieldPath) int {
	n := d.deref(d.cur)
	if isNullNode(n) {
		return 0
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
		if err == nil && v >= -1<<31 && v <= 1<<31-1 {
			return int(v)
		}
		d.fail(n, path.String(), "expected an integer, got %s (out of range)", quoteValue(n.Value))
		return 0
	}
	d.fail(n, path.String(), "expected an integer, got %s", d.describe(n))
	return 0
}

// strList decodes a list of strings.
func (d *nodeReader) strList(path fieldPath) []string {
	n := d.deref(d.cur)
	if isNullNode(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path.String(), "expected a list of strings, got %s", d.describe(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		item = d.deref(item)
		if item.Kind != yaml.ScalarNode || isNullNode(item) {
			d.fail(item, pathIndex(path.String(), i), "expected a string, got %s", d.describe(item))
			continue
		}
		if i >= formatLimits.listItems {
			d.fail(item, pathIndex(path.String(), i), "%s", listLimitMsg())
			break
		}
		out = append(out, d.text(item, path))
		if d.full() {
			break
		}
	}
	return out
}

// startField decodes a talk's start time (RFC 3339).
func (d *nodeReader) startField(path fieldPath) time.Time {
	vn := d.deref(d.cur)
	d.cur = vn
	if s := d.strField(path); s != "" {
		st, err := parseTalkStart(s)
		if err != nil {
			d.fail(vn, path.String(), "%v", err)
		}
		return st
	}
	return time.Time{}
}

// durationField decodes a talk's duration: a string like "30m". A bare
// number is refused, since its unit would be a guess.
func (d *nodeReader) durationField(path fieldPath) time.Duration {
	vn := d.deref(d.cur)
	if vn.Kind == yaml.ScalarNode && (vn.ShortTag() == "!!int" || vn.ShortTag() == "!!float") {
		d.fail(vn, path.String(), "expected a duration with a unit like \"30m\" or \"1h15m\", got the number %s", vn.Value)
		return 0
	}
	d.cur = vn
	if s := d.strField(path); s != "" {
		du, err := parseTalkDuration(s)
		if err != nil {
			d.fail(vn, path.String(), "%v", err)
		}
		return du
	}
	return 0
}

// mark is not needed by the node reader: problems are placed from the tree.
func (d *nodeReader) mark() int { return 0 }

func (d *nodeReader) problem(path, msg string) { d.fail(d.deref(d.cur), path, "%s", msg) }

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
