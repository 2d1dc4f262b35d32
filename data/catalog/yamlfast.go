package catalog

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"cndtalks/data/internal/source"
	"cndtalks/model"
)

// The fast YAML reader. go.yaml.in/yaml/v3 builds a node tree of the whole
// document before anything can be decoded: on a generated 100,000-talk
// catalogue (90 MB) that takes about 7 s and 1.3 GB. Catalogue files use a
// small part of YAML (block mappings and lists, plain and quoted scalars,
// block scalars, one-line flow lists and mappings), so that part is read
// here directly into the catalogue, in one pass, with strings taken from the
// input without copying.
//
// The reader is deliberately timid. At the first thing it does not handle
// (anchors, tags, multi-line plain scalars, tabs, CRLF, unusual escapes...)
// and at the first problem of any kind (unknown field, wrong type, bad
// syntax) it gives up, and the input goes through yaml.v3 and the node
// decoder, which handle all of YAML and report every problem with its
// position. So the fast reader only ever has to be right about valid input,
// and a test compares its results with yaml.v3's on every fixture, the
// embedded catalogue, generated catalogues and fuzzed input.

// yamlBail unwinds the fast reader when it gives up.
type yamlBail struct{}

type fastYAML struct {
	src string
	pos int
	// indent is the column of the enclosing block mapping or list (-1 at the
	// top); a nested block value must be indented further.
	indent int
	// lineStart: the value to read begins on a following line (the top of
	// the document), not inline after "key:" or "- ".
	lineStart bool
	// seqItem: the value follows "- ", where a compact mapping may start.
	seqItem bool
	// inMap: the enclosing block collection is a mapping, whose value may be
	// a list indented as far as its keys.
	inMap bool
	// flow is the depth of flow collections ([...] or {...}) being read.
	flow int
	// errs are the problems found: unknown and repeated fields (whose
	// values are skipped) and values certainly of the wrong type. Anything
	// else makes the reader give up.
	errs []jsonErr
	// skip is the depth of skipped values being read.
	skip int
	// valOff is where the last scalar read starts, for its errors.
	valOff int
}

func (y *fastYAML) bail() { panic(yamlBail{}) }

// yamlStop ends reading early, with the errors found so far.
type yamlStop struct{}

func (y *fastYAML) fail(off int, field, msg string) {
	y.errs = append(y.errs, jsonErr{off: off, field: field, msg: msg})
	if len(y.errs) > source.MaxErrors {
		panic(yamlStop{})
	}
}

// parseYAMLFast reads a catalogue with the fast reader; ok is false when the
// input needs the full parser. When the input has unknown or repeated fields
// or values it can tell are of the wrong type, errs lists them, and c holds what was read around them (nil if reading
// stopped at too many errors).
func parseYAMLFast(name, src string) (c *model.Catalogue, sp spans, errs []*source.Error, ok bool) {
	if !fastEligible(src) {
		return nil, sp, nil, false
	}
	y := &fastYAML{src: src, indent: -1, lineStart: true}
	defer func() {
		if p := recover(); p != nil {
			switch p.(type) {
			case yamlBail:
				c, errs, ok = nil, nil, false
			case yamlStop:
				c, errs, ok = nil, offsetErrors(name, src, y.errs), true
			default:
				panic(p)
			}
		}
	}()
	if _, ind := y.contentLine(0); ind < 0 {
		return nil, sp, nil, false // no document: the full parser says so
	}
	c = &model.Catalogue{}
	sp = decodeCatalogue(y, c)
	if _, ind := y.contentLine(y.pos); ind >= 0 {
		y.bail()
	}
	if len(y.errs) > 0 {
		errs = offsetErrors(name, src, y.errs)
	}
	return c, sp, errs, true
}

// fastLocator places the validation problems of a file the fast reader read.
// It parses only the event, speaker or talk a problem is in (a few lines,
// with yaml.v3, which gives positions), so that one bad link in a 100,000-talk
// file costs microseconds, not a parse of the whole file; it falls back to
// the whole file when the part alone does not parse.
func fastLocator(src string, sp spans) locator {
	var full *yaml.Node
	fullDone := false
	whole := func(path string) (int, int) {
		if !fullDone {
			full, _ = parseNodes([]byte(src))
			fullDone = true
		}
		if full == nil {
			return 0, 0
		}
		return locate(full, path)
	}
	return func(path string) (int, int) {
		seg, rest := nextSegment(path)
		var span [2]int
		sub, item := path, false
		switch seg {
		case "event":
			if !sp.hasEvent {
				return whole(path)
			}
			span = sp.event
		case "talks", "speakers":
			list := sp.talks
			if seg == "speakers" {
				list = sp.speakers
			}
			idx, after := nextSegment(rest)
			i, err := strconv.Atoi(strings.Trim(idx, "[]"))
			if !strings.HasPrefix(idx, "[") || err != nil || i < 0 || i >= len(list) {
				return whole(path)
			}
			span, sub, item = list[i], "[0]", true
			if after != "" {
				sub += "." + after
			}
		default:
			return whole(path)
		}
		start := strings.LastIndexByte(src[:span[0]], '\n') + 1
		end := span[1]
		if end > start && end < len(src) && src[end-1] != '\n' {
			if j := strings.IndexByte(src[end:], '\n'); j >= 0 {
				end += j + 1
			} else {
				end = len(src)
			}
		}
		root, err := parseNodes([]byte(src[start:end]))
		if err != nil || root == nil ||
			(item && (root.Kind != yaml.SequenceNode || len(root.Content) != 1)) ||
			(!item && root.Kind != yaml.MappingNode) {
			return whole(path)
		}
		line, col := locate(root, sub)
		if line == 0 {
			return whole(path)
		}
		return line + strings.Count(src[:start], "\n"), col
	}
}

// fastEligible rules out, in one scan, characters whose handling differs
// between YAML parsers or that yaml.v3 refuses: control characters, CR
// (and so CRLF line ends), C1 controls including NEL, the Unicode line and
// paragraph separators, byte order marks and non-characters.
func fastEligible(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0xa0 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff || r == utf8.RuneError {
			return false
		}
		i += size - 1
	}
	return true
}

func (y *fastYAML) lineEnd(i int) int {
	if j := strings.IndexByte(y.src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(y.src)
}

// nextLine returns the start of the line after the one holding i.
func (y *fastYAML) nextLine(i int) int {
	e := y.lineEnd(i)
	if e < len(y.src) {
		return e + 1
	}
	return e
}

// contentLine skips blank and comment lines from the line starting at i and
// returns the start and indentation of the next line with content, or
// indentation -1 at the end of the input.
func (y *fastYAML) contentLine(i int) (start, indent int) {
	for i < len(y.src) {
		j := i
		for j < len(y.src) && y.src[j] == ' ' {
			j++
		}
		if j >= len(y.src) {
			break
		}
		switch y.src[j] {
		case '\n':
			i = j + 1
			continue
		case '#':
			i = y.nextLine(j)
			continue
		case '\t':
			y.bail()
		}
		if j == i && (strings.HasPrefix(y.src[j:], "---") || strings.HasPrefix(y.src[j:], "...") || y.src[j] == '%') {
			y.bail() // document markers and directives
		}
		return i, j - i
	}
	return len(y.src), -1
}

// inlineRest skips spaces from y.pos and reports whether the rest of the
// line is empty or a comment.
func (y *fastYAML) inlineRest() (p int, empty bool) {
	p = y.pos
	for p < len(y.src) && y.src[p] == ' ' {
		p++
	}
	if p >= len(y.src) || y.src[p] == '\n' {
		return p, true
	}
	if y.src[p] == '\t' {
		y.bail()
	}
	if y.src[p] == '#' && p > 0 && (y.src[p-1] == ' ' || y.src[p-1] == '\n') {
		return p, true
	}
	return p, false
}

// endInline finishes a value that ended at p in block context: the rest of
// the line must be empty or a comment; the reader moves to the next line.
func (y *fastYAML) endInline(p int) {
	y.pos = p
	if y.flow > 0 {
		return
	}
	p, empty := y.inlineRest()
	if !empty {
		y.bail()
	}
	y.pos = y.nextLine(p)
}

// flowWS skips white space, line breaks and comments inside a flow
// collection.
func (y *fastYAML) flowWS(i int) int {
	for i < len(y.src) {
		switch y.src[i] {
		case ' ':
			i++
		case '\n':
			i++
			start, ind := y.contentLine(i)
			if ind <= y.indent {
				y.bail() // a flow collection must stay indented
			}
			i = start + ind
		case '#':
			if y.src[i-1] != ' ' && y.src[i-1] != '\n' {
				return i
			}
			i = y.lineEnd(i)
		default:
			return i
		}
	}
	y.bail()
	return i
}

// key reads a plain mapping key at y.pos and the ':' after it.
func (y *fastYAML) key() string {
	p := y.pos
	switch y.src[p] {
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\t', '\n':
		y.bail() // not a plain key: quoted, complex, or no key at all
	}
	e := y.lineEnd(p)
	for i := p; i < e; i++ {
		switch c := y.src[i]; {
		case c == ':' && (i+1 == len(y.src) || y.src[i+1] == ' ' || y.src[i+1] == '\n'):
			k := y.src[p:i]
			// libyaml takes a key of over 1,024 characters for a plain
			// scalar, not a key.
			if strings.HasSuffix(k, " ") || k == "<<" || len(k) > 1000 || (y.flow > 0 && strings.ContainsAny(k, ",[]{}")) {
				y.bail()
			}
			y.pos = i + 1
			return k
		case c == '\t' || (c == '#' && y.src[i-1] == ' '):
			y.bail()
		}
	}
	y.bail() // a line with no key
	return ""
}

// field reads one key of a mapping and hands its value to field, or records
// an unknown or repeated key and skips its value. seen tracks the known keys
// read so far, unknown the unknown ones. Inside a skipped value, keys are
// only read.
func (y *fastYAML) field(path string, known []string, seen *uint64, unknown *map[string]bool, field func(i int)) {
	off := y.pos
	k := y.key()
	if y.flow > 0 {
		if y.pos >= len(y.src) || y.src[y.pos] != ' ' {
			y.bail()
		}
		y.pos = y.flowWS(y.pos)
	}
	if y.skip > 0 {
		y.skipValue()
		return
	}
	i := indexOf(known, k)
	switch {
	case i >= 0 && *seen&(1<<i) == 0:
		*seen |= 1 << i
		field(i)
		return
	case i >= 0 || (*unknown)[k]:
		y.fail(off, pathJoin(path, k), "duplicate field "+quoteValue(k)+": each field may appear once")
	default:
		if *unknown == nil {
			*unknown = map[string]bool{}
		}
		(*unknown)[k] = true
		y.fail(off, pathJoin(path, k), unknownFieldMsg(k, known))
	}
	y.skipValue()
}

// skipValue reads past the value of a field that is reported, whatever its
// shape, checking its syntax as it goes (giving up where the full parser is
// needed).
func (y *fastYAML) skipValue() {
	if y.skip > maxFastDepth {
		y.bail()
	}
	y.skip++
	defer func() { y.skip-- }()
	if y.flow == 0 {
		p, empty := y.inlineRest()
		if empty {
			start, ind := y.contentLine(y.nextLine(p))
			dash := ind >= 0 && y.src[start+ind] == '-' && (start+ind+1 == len(y.src) || y.src[start+ind+1] == ' ' || y.src[start+ind+1] == '\n')
			switch {
			case dash && (ind > y.indent || (ind == y.indent && y.inMap)):
				y.array(fieldPath{}, "", func(int) { y.skipValue() })
			case ind > y.indent:
				y.object("", nil, nil)
			default:
				y.pos = start // null
			}
			return
		}
		if y.seqItem && looksLikeKey(y.src[p:]) {
			y.object("", nil, nil)
			return
		}
		y.pos = p
	}
	switch y.src[y.pos] {
	case '[':
		y.array(fieldPath{}, "", func(int) { y.skipValue() })
	case '{':
		y.object("", nil, nil)
	default:
		y.scalar()
	}
}

func (y *fastYAML) object(path string, known []string, field func(i int)) {
	var m int // the mapping's indentation
	switch {
	case y.lineStart:
		y.lineStart = false
	case y.flow > 0:
		y.flowObject(path, known, field)
		return
	default:
		p, empty := y.inlineRest()
		if !empty {
			switch {
			case y.src[p] == '{':
				y.pos = p
				y.flowObject(path, known, field)
				y.endInline(y.pos)
				return
			case y.seqItem && looksLikeKey(y.src[p:]):
				// "- id: x": a mapping that starts on the item's line.
				m = p - (strings.LastIndexByte(y.src[:p], '\n') + 1)
				y.pos = p
				y.mapping(path, m, known, field)
				return
			}
			y.pos = p
			if !isNullPlain(y.scalarPlain()) {
				y.bail()
			}
			return
		}
		y.pos = y.nextLine(p)
	}
	start, ind := y.contentLine(y.pos)
	if ind <= y.indent {
		y.pos = start // no value: null
		return
	}
	y.pos = start + ind
	y.mapping(path, ind, known, field)
}

// mapping reads a block mapping at indentation m, the reader at its first key.
func (y *fastYAML) mapping(path string, m int, known []string, field func(i int)) {
	var seen uint64
	var unknown map[string]bool
	saved := *y
	for {
		y.indent, y.seqItem, y.inMap, y.lineStart = m, false, true, false
		y.field(path, known, &seen, &unknown, field)
		start, ind := y.contentLine(y.pos)
		switch {
		case ind == m:
			y.pos = start + ind
			continue
		case ind > m:
			y.bail() // e.g. a plain scalar continued on the next line
		}
		y.pos = start
		y.indent, y.seqItem, y.inMap = saved.indent, saved.seqItem, saved.inMap
		return
	}
}

// looksLikeKey reports whether s starts with a plain mapping key (as key
// reads them) and its ':'.
func looksLikeKey(s string) bool {
	if s == "" || strings.IndexByte("-?:,[]{}#&*!|>'\"%@` \t\n", s[0]) >= 0 {
		return false
	}
	for i := 0; i < len(s) && s[i] != '\n'; i++ {
		switch {
		case s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			return true
		case s[i] == '#' && s[i-1] == ' ':
			return false
		}
	}
	return false
}

// flowObject reads a flow mapping {k: v, ...} at y.pos.
func (y *fastYAML) flowObject(path string, known []string, field func(i int)) {
	var seen uint64
	var unknown map[string]bool
	y.flowCollection('{', '}', func(int) { y.field(path, known, &seen, &unknown, field) })
}

func (y *fastYAML) array(path fieldPath, what string, each func(i int)) {
	if y.flow > 0 {
		y.flowArray(each)
		return
	}
	p, empty := y.inlineRest()
	if !empty {
		if y.src[p] == '[' {
			y.pos = p
			y.flowArray(each)
			y.endInline(y.pos)
			return
		}
		y.pos = p
		if !isNullPlain(y.scalarPlain()) {
			y.bail()
		}
		return
	}
	start, ind := y.contentLine(y.nextLine(p))
	isDash := func(i int) bool {
		return y.src[i] == '-' && (i+1 == len(y.src) || y.src[i+1] == ' ' || y.src[i+1] == '\n')
	}
	if ind < 0 || ind < y.indent || (ind == y.indent && (!y.inMap || !isDash(start+ind))) {
		y.pos = start // no value: null
		return
	}
	if !isDash(start + ind) {
		y.bail()
	}
	s := ind
	saved := *y
	for i := 0; ; i++ {
		p := start + s + 1
		if p >= len(y.src) || y.src[p] != ' ' {
			y.bail() // "-" alone on its line
		}
		y.pos = p + 1
		y.indent, y.seqItem, y.inMap, y.lineStart = s, true, false, false
		each(i)
		start, ind = y.contentLine(y.pos)
		if ind == s && isDash(start+s) {
			continue
		}
		if ind > s {
			y.bail()
		}
		y.pos = start
		y.indent, y.seqItem, y.inMap = saved.indent, saved.seqItem, saved.inMap
		return
	}
}

// maxFastDepth bounds the nesting the fast reader follows; deeper input is
// left to the full parser, which refuses it.
const maxFastDepth = 1000

// flowArray reads a flow list [a, b] at y.pos.
func (y *fastYAML) flowArray(each func(i int)) {
	y.flowCollection('[', ']', each)
}

// flowCollection reads a flow collection from its open to its close
// bracket, calling each with the reader at the n-th item. A trailing comma,
// or anything but a comma or the close bracket after an item, leaves the
// input to the full parser.
func (y *fastYAML) flowCollection(opener, closer byte, each func(n int)) {
	if y.src[y.pos] != opener || y.flow > maxFastDepth {
		y.bail()
	}
	y.flow++
	saved := *y
	i := y.flowWS(y.pos + 1)
	if y.src[i] == closer {
		i++
	} else {
		for n := 0; ; n++ {
			y.pos = i
			each(n)
			i = y.flowWS(y.pos)
			if y.src[i] == ',' {
				i = y.flowWS(i + 1)
				if y.src[i] == closer {
					y.bail() // a trailing comma
				}
				continue
			}
			if y.src[i] != closer {
				y.bail()
			}
			i++
			break
		}
	}
	y.indent, y.seqItem, y.inMap = saved.indent, saved.seqItem, saved.inMap
	y.flow--
	y.pos = i
}

// scalar reads the scalar at the reader's position and says whether it was
// plain (only plain scalars can be null or numbers).
func (y *fastYAML) scalar() (s string, plain bool) {
	p := y.pos
	if y.flow == 0 {
		var empty bool
		p, empty = y.inlineRest()
		y.valOff = p
		if empty {
			// An empty value sits just after its ':' or '-', as yaml.v3
			// places it.
			y.valOff = y.pos
			if y.seqItem {
				y.valOff--
			}
			// "key:" with nothing after it: null, unless a scalar follows
			// on the next lines (which the full parser handles).
			start, ind := y.contentLine(y.nextLine(p))
			if ind > y.indent {
				y.bail()
			}
			y.pos = start
			return "", true
		}
	}
	y.pos, y.valOff = p, p
	switch y.src[p] {
	case '"':
		s = y.doubleQuoted()
	case '\'':
		s = y.singleQuoted()
	case '|', '>':
		if y.flow > 0 {
			y.bail()
		}
		return y.blockScalar(), false
	default:
		return y.scalarPlain(), true
	}
	y.endInline(y.pos)
	return s, false
}

// scalarPlain reads a plain scalar at y.pos (in block context, up to the end
// of the line or a comment; in flow context, up to a flow indicator).
func (y *fastYAML) scalarPlain() string {
	p := y.pos
	switch c := y.src[p]; c {
	case '-', '?', ':':
		if p+1 >= len(y.src) || y.src[p+1] == ' ' || y.src[p+1] == '\n' || c != '-' {
			y.bail()
		}
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		y.bail()
	}
	end := y.lineEnd(p)
	if y.flow > 0 {
		if j := strings.IndexAny(y.src[p:end], ",[]{}"); j >= 0 {
			end = p + j
		}
	}
	v := y.src[p:end]
	if j := strings.Index(v, " #"); j >= 0 {
		v = v[:j]
		end = p + j
	}
	v = strings.TrimRight(v, " ")
	if v == "" || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") || strings.IndexByte(v, '\t') >= 0 ||
		(y.flow > 0 && strings.IndexByte(v, ':') >= 0) {
		y.bail()
	}
	if y.flow > 0 {
		y.pos = end
		if end < len(y.src) && y.src[end] == '\n' {
			// A plain scalar in a flow collection may go on on the next
			// line; the full parser folds it.
			if i := y.flowWS(end); y.src[i] != ',' && y.src[i] != ']' && y.src[i] != '}' {
				y.bail()
			}
		}
		return v
	}
	y.endInline(end)
	return v
}

func isNullPlain(s string) bool {
	return s == "" || s == "~" || s == "null" || s == "Null" || s == "NULL"
}

// doubleQuoted reads a one-line double-quoted scalar; y.pos ends after it.
func (y *fastYAML) doubleQuoted() string {
	start := y.pos + 1
	i := start
	var b *strings.Builder
	for {
		if i >= len(y.src) || y.src[i] == '\n' {
			y.bail() // multi-line quoted scalars fold: left to the full parser
		}
		c := y.src[i]
		if c == '"' {
			break
		}
		if c != '\\' {
			if b != nil {
				b.WriteByte(c)
			}
			i++
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.WriteString(y.src[start:i])
		}
		if i+1 >= len(y.src) {
			y.bail()
		}
		i += 2
		switch e := y.src[i-1]; e {
		case '0':
			b.WriteByte(0)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't', '\t':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case 'e':
			b.WriteByte(0x1b)
		case ' ', '"', '\\':
			b.WriteByte(e)
		case 'x', 'u', 'U':
			n := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if i+n > len(y.src) {
				y.bail()
			}
			v, err := strconv.ParseUint(y.src[i:i+n], 16, 32)
			if err != nil || (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff {
				y.bail()
			}
			b.WriteRune(rune(v))
			i += n
		default:
			y.bail()
		}
	}
	y.pos = i + 1
	if b == nil {
		return y.src[start:i]
	}
	return b.String()
}

// singleQuoted reads a one-line single-quoted scalar; y.pos ends after it.
func (y *fastYAML) singleQuoted() string {
	start := y.pos + 1
	var b *strings.Builder
	i := start
	for {
		if i >= len(y.src) || y.src[i] == '\n' {
			y.bail()
		}
		if y.src[i] == '\'' {
			if i+1 < len(y.src) && y.src[i+1] == '\'' {
				if b == nil {
					b = &strings.Builder{}
					b.WriteString(y.src[start:i])
				}
				b.WriteByte('\'')
				i += 2
				continue
			}
			break
		}
		if b != nil {
			b.WriteByte(y.src[i])
		}
		i++
	}
	y.pos = i + 1
	if b == nil {
		return y.src[start:i]
	}
	return b.String()
}

// blockScalar reads a literal (|) or folded (>) block scalar, following
// libyaml's algorithm (scan_block_scalar) line for line. y.pos ends at the
// start of the first line after it.
func (y *fastYAML) blockScalar() string {
	src := y.src
	i := y.pos
	literal := src[i] == '|'
	i++
	chomp := 0 // 0 clip, -1 strip, +1 keep
	if i < len(src) && (src[i] == '-' || src[i] == '+') {
		if src[i] == '-' {
			chomp = -1
		} else {
			chomp = 1
		}
		i++
	}
	y.pos = i
	if p, empty := y.inlineRest(); !empty || (p < len(src) && src[p] == '#' && p == i) {
		y.bail() // an indentation indicator, or text after the header
	}
	i = y.nextLine(i)

	// Leading empty lines, and the indentation of the first content line.
	breaks, maxIndent := 0, 0
	var col int
	for {
		col = 0
		for i < len(src) && src[i] == ' ' {
			i++
			col++
		}
		maxIndent = max(maxIndent, col)
		if i < len(src) && src[i] == '\t' {
			y.bail()
		}
		if i >= len(src) || src[i] != '\n' {
			break
		}
		breaks++
		i++
	}
	if i < len(src) && maxIndent > col {
		y.bail() // leading blank lines indented past the text
	}
	indent := max(maxIndent, y.indent+1, 1)
	lineStart := i - col

	var b strings.Builder
	leadingBreak, leadingBlank := false, false
	for col == indent && i < len(src) {
		trailingBlank := src[i] == ' ' || src[i] == '\t'
		if !literal && leadingBreak && !leadingBlank && !trailingBlank {
			if breaks == 0 {
				b.WriteByte(' ')
			}
		} else if leadingBreak {
			b.WriteByte('\n')
		}
		leadingBreak = false
		for ; breaks > 0; breaks-- {
			b.WriteByte('\n')
		}
		leadingBlank = trailingBlank
		e := y.lineEnd(i)
		b.WriteString(src[i:e])
		if e >= len(src) {
			i, lineStart, col = e, e, 0
			break
		}
		leadingBreak = true
		i = e + 1
		for {
			lineStart = i
			col = 0
			for i < len(src) && src[i] == ' ' && col < indent {
				i++
				col++
			}
			if i < len(src) && src[i] == '\t' && col < indent {
				y.bail()
			}
			if i >= len(src) || src[i] != '\n' {
				break
			}
			breaks++
			i++
		}
	}
	if chomp != -1 && leadingBreak {
		b.WriteByte('\n')
	}
	if chomp == 1 {
		for ; breaks > 0; breaks-- {
			b.WriteByte('\n')
		}
	}
	if i >= len(src) {
		lineStart = len(src)
	}
	y.pos = lineStart
	return b.String()
}

func (y *fastYAML) strField(path fieldPath) string {
	s, plain := y.scalar()
	if plain && isNullPlain(s) {
		return ""
	}
	return s
}

func (y *fastYAML) intField(path fieldPath) int {
	s, plain := y.scalar()
	off := y.valOff
	switch {
	case plain && isNullPlain(s):
		return 0
	case plain && isDecimal(s):
		v, err := strconv.ParseInt(s, 10, 32)
		if err != nil {
			y.bail()
		}
		return int(v)
	case !plain || isPlainString(s):
		y.fail(off, path.String(), "expected an integer, got the string "+quoteValue(s))
	case isBoolPlain(s):
		y.fail(off, path.String(), "expected an integer, got the boolean "+s)
	default:
		y.bail() // octal, hex, underscores, floats: the full parser decides
	}
	return 0
}

// isBoolPlain reports whether yaml.v3 reads plain s as a boolean.
func isBoolPlain(s string) bool {
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	return false
}

// isPlainString reports whether yaml.v3 certainly reads plain s as a string:
// it cannot be a number, a date, null, a boolean or a merge key.
func isPlainString(s string) bool {
	return s != "" && !mayBeNumber(s) && !isNullPlain(s) && !isBoolPlain(s) && s != "<<"
}

// isDecimal reports whether s is -?(0|[1-9][0-9]*).
func isDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// mayBeNumber reports whether yaml.v3 could resolve plain s as a number
// (generously: anything starting like one).
func mayBeNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	c := s[0]
	return (c >= '0' && c <= '9') || c == '.'
}

func (y *fastYAML) strList(path fieldPath) []string {
	var out []string
	y.array(path, "strings", func(i int) {
		s, plain := y.scalar()
		if plain && isNullPlain(s) {
			y.fail(y.valOff, pathIndex(path.String(), i), "expected a string, got null")
			return
		}
		if i >= formatLimits.listItems {
			if i == formatLimits.listItems {
				y.fail(y.valOff, pathIndex(path.String(), i), listLimitMsg())
			}
			return
		}
		out = append(out, s)
	})
	return out
}

func (y *fastYAML) durationField(path fieldPath) time.Duration {
	s, plain := y.scalar()
	off := y.valOff
	switch {
	case s == "" || (plain && isNullPlain(s)):
		return 0
	case plain && isDecimal(s):
		y.fail(off, path.String(), "expected a duration with a unit like \"30m\" or \"1h15m\", got the number "+s)
		return 0
	case plain && mayBeNumber(s) && !strings.ContainsAny(s, "hmsuµn"):
		y.bail() // a float or another number: the full parser decides
	}
	du, err := parseTalkDuration(s)
	if err != nil {
		y.fail(off, path.String(), err.Error())
	}
	return du
}

func (y *fastYAML) startField(path fieldPath) time.Time {
	s, plain := y.scalar()
	if s == "" || (plain && isNullPlain(s)) {
		return time.Time{}
	}
	t, err := parseTalkStart(s)
	if err != nil {
		y.fail(y.valOff, path.String(), err.Error())
	}
	return t
}

func (y *fastYAML) mark() int { return y.pos }

func (y *fastYAML) problem(path, msg string) { y.fail(y.pos, path, msg) }
