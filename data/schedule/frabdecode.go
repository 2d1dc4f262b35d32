package schedule

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"cndtalks/internal/opcount"
)

// frabDec is the streaming reader's JSON scanner and its decoder of frab
// events: one pass over the bytes that checks the syntax as encoding/json
// does, finds keys listed twice in one object (as
// source.JSONDuplicateKeys does for the whole-document reader) and decodes
// an event into a frabEvent exactly as json.Unmarshal would. It replaces
// three passes (the duplicate-key scan of the whole document,
// encoding/json's own validity check and its reflective decoding) with one
// that allocates only for text with escapes and for an event's persons
// and links.
//
// Whatever it does not read exactly as encoding/json would (a key that
// matches a field only in another case, a value of the wrong type, a key
// listed twice, invalid JSON, nesting deeper than maxFrabDepth) makes it
// return errFrabStream, and the whole-document reader reads the file with
// its notes and errors. FuzzFrabEventDecode compares it with encoding/json.
type frabDec struct {
	b []byte
	// keys holds the keys of every open object the scanner checks for
	// duplicates, innermost last (see keySet).
	keys [][]byte
	// depth is how many arrays and objects are open.
	depth int
	// keyAt is where the key just given to an object's callback starts
	// (its opening quote).
	keyAt int
}

// maxFrabDepth is the deepest nesting the streaming reader follows; a
// deeper file is read whole (encoding/json's own limit is 10,000).
const maxFrabDepth = 500

// smallKeySet is how many keys an object may have before its keys go
// into a map, as in source.JSONDuplicateKeys.
const smallKeySet = 16

// keySet is one object's keys, for finding a key listed twice.
type keySet struct {
	first int                 // index of its first key in frabDec.keys
	set   map[string]struct{} // once it has more than smallKeySet keys
}

// openKeys starts the key set of an object.
func (d *frabDec) openKeys() keySet { return keySet{first: len(d.keys)} }

// closeKeys ends the key set of an object.
func (d *frabDec) closeKeys(k *keySet) { d.keys = d.keys[:k.first] }

// addKey adds key (unescaped) to k and reports whether k had it already.
// Keys are compared as encoding/json reads them, unescaped, so two
// spellings of one key are a duplicate even where
// source.JSONDuplicateKeys, which unescapes with Go's rules, would not
// say so ("a\/b" and "a/b"): giving up on a file is always safe, keeping
// a duplicate silently never is.
func (d *frabDec) addKey(k *keySet, key []byte) bool {
	if k.set != nil {
		opcount.Add(1)
		if _, dup := k.set[string(key)]; dup {
			return true
		}
		k.set[string(key)] = struct{}{}
		return false
	}
	opcount.Add(len(d.keys) - k.first)
	for _, o := range d.keys[k.first:] {
		if string(o) == string(key) {
			return true
		}
	}
	if n := len(d.keys) - k.first; n >= smallKeySet {
		k.set = make(map[string]struct{}, 2*n)
		for _, o := range d.keys[k.first:] {
			k.set[string(o)] = struct{}{}
		}
		k.set[string(key)] = struct{}{}
		return false
	}
	d.keys = append(d.keys, key)
	return false
}

// ws returns the index of the first byte at or after i that is not JSON
// whitespace.
func (d *frabDec) ws(i int) int {
	// Most values and keys follow a colon or a comma directly: that
	// test is inlined where ws is called.
	if i < len(d.b) && d.b[i] > ' ' {
		return i
	}
	return d.wsRun(i)
}

// wsRun is ws past a run of whitespace.
func (d *frabDec) wsRun(i int) int {
	for i < len(d.b) {
		switch d.b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// str checks the string starting at b[i] == '"' and returns its end (past
// the closing quote) and whether it has escapes.
func (d *frabDec) str(i int) (end int, esc bool, err error) {
	b := d.b
	// Most strings of a schedule are short and plain: their end is in
	// their first eight bytes, found without a call. The first special
	// byte marked is exact (specialBytes): a quote there ends a string
	// with no escapes, as strRun would find.
	if j := i + 1; j+8 <= len(b) {
		if m := specialBytes(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			if j += bits.TrailingZeros64(m) / 8; b[j] == '"' {
				return j + 1, false, nil
			}
		}
	}
	return d.strRun(i)
}

// strRun is str for any string: with escapes, or longer than a word.
func (d *frabDec) strRun(i int) (end int, esc bool, err error) {
	b := d.b
	for j := i + 1; j < len(b); j++ {
		if j = plainEnd(b, j); j == len(b) {
			break
		}
		c := b[j]
		switch {
		case c == '"':
			return j + 1, esc, nil
		case c < 0x20:
			return 0, false, errFrabStream
		}
		// A backslash: one of JSON's escapes.
		esc = true
		if j+1 >= len(b) {
			return 0, false, errFrabStream
		}
		j++
		switch b[j] {
		case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		case 'u':
			if j+4 >= len(b) {
				return 0, false, errFrabStream
			}
			for _, h := range b[j+1 : j+5] {
				if !isHex(h) {
					return 0, false, errFrabStream
				}
			}
			j += 4
		default:
			return 0, false, errFrabStream
		}
	}
	return 0, false, errFrabStream
}

// plainEnd returns the index of the first byte at or after j that ends
// a run of plain string content: a quote, a backslash or a control
// character; len(b) if there is none. It looks at eight bytes at a time:
// most of a schedule is the text of its strings.
func plainEnd(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		if m := specialBytes(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for ; j < len(b); j++ {
		if c := b[j]; c < 0x20 || c == '"' || c == '\\' {
			return j
		}
	}
	return j
}

// specialBytes returns a mask with the high bit set in the lowest byte of
// x (eight bytes of input, little-endian) that is a quote, a backslash or
// a control character, 0 if none is. Higher bytes may be marked
// wrongly (a borrow carries up from a match), never a lower one, so the
// lowest mark is exact.
func specialBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q, s := x^'"'*ones, x^'\\'*ones
	return ((x-0x20*ones)&^x | (q-ones)&^q | (s-ones)&^s) & highs
}

// keyBytes is specialBytes that also marks the bytes with the high bit
// set (not ASCII), for a key: the lowest mark is exact for the same
// reason, and a high byte marks only itself.
func keyBytes(x uint64) uint64 {
	const highs = 0x8080808080808080
	return specialBytes(x) | x&highs
}

// plainKeyEnd returns the index of the first byte at or after j that
// ends a run of plain ASCII string content: a quote, a backslash, a
// control character or a byte that is not ASCII; len(b) if there is
// none.
func plainKeyEnd(b []byte, j int) int {
	for ; j+8 <= len(b); j += 8 {
		if m := keyBytes(binary.LittleEndian.Uint64(b[j:])); m != 0 {
			return j + bits.TrailingZeros64(m)/8
		}
	}
	for ; j < len(b); j++ {
		if c := b[j]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			return j
		}
	}
	return j
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number checks the number starting at b[i] and returns its end.
func (d *frabDec) number(i int) (int, error) {
	b := d.b
	digits := func(i int) int {
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i++
		}
		return i
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && '1' <= b[i] && b[i] <= '9':
		i = digits(i + 1)
	default:
		return 0, errFrabStream
	}
	if i < len(b) && b[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return 0, errFrabStream
		}
		i = j
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return 0, errFrabStream
		}
		i = j
	}
	return i, nil
}

// literal checks that b[i:] starts with word (true, false or null) and
// returns its end.
func (d *frabDec) literal(i int, word string) (int, error) {
	if !strings.HasPrefix(unsafe.String(unsafe.SliceData(d.b[i:]), len(d.b)-i), word) {
		return 0, errFrabStream
	}
	return i + len(word), nil
}

// skip checks the value starting at b[i] (its syntax and, in its objects,
// keys listed twice) and returns its end.
func (d *frabDec) skip(i int) (int, error) {
	if i >= len(d.b) {
		return 0, errFrabStream
	}
	switch c := d.b[i]; {
	case c == '"':
		end, _, err := d.str(i)
		return end, err
	case c == '{':
		return d.object(i, func(_ []byte, v int) (int, error) { return d.skip(v) })
	case c == '[':
		return d.array(i, func(v int) (int, error) { return d.skip(v) })
	case c == 't':
		return d.literal(i, "true")
	case c == 'f':
		return d.literal(i, "false")
	case c == 'n':
		return d.literal(i, "null")
	case c == '-' || '0' <= c && c <= '9':
		return d.number(i)
	}
	return 0, errFrabStream
}

// key reads the key starting at b[i] and the colon after it: it returns
// the key as encoding/json reads it (unescaped) and the start of its
// value.
func (d *frabDec) key(i int) ([]byte, int, error) {
	b := d.b
	if i >= len(b) || b[i] != '"' {
		return nil, 0, errFrabStream
	}
	// The common key: plain ASCII, its colon right after it. Its bytes
	// are then neither escapes nor UTF-8 to check, and it is a key as
	// keyRun would read it.
	if j := plainKeyEnd(b, i+1); j+1 < len(b) && b[j] == '"' && b[j+1] == ':' {
		return b[i+1 : j], d.ws(j + 2), nil
	}
	return d.keyRun(i)
}

// keyRun is key for any key: with escapes, bytes that are not ASCII or
// whitespace before its colon.
func (d *frabDec) keyRun(i int) ([]byte, int, error) {
	if i >= len(d.b) || d.b[i] != '"' {
		return nil, 0, errFrabStream
	}
	end, esc, err := d.str(i)
	if err != nil {
		return nil, 0, err
	}
	key := d.b[i+1 : end-1]
	if esc || !asciiOnly(key) {
		// Escapes and bytes that are not valid UTF-8 are read as
		// encoding/json reads them.
		key = unquoteJSON(key)
	}
	i = d.ws(end)
	if i >= len(d.b) || d.b[i] != ':' {
		return nil, 0, errFrabStream
	}
	return key, d.ws(i + 1), nil
}

func asciiOnly(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// object walks the object at b[i], calling fn with each key (unescaped)
// and the start of its value; fn returns the value's end. A key listed
// twice is an error. object returns the object's end.
func (d *frabDec) object(i int, fn func(key []byte, v int) (int, error)) (int, error) {
	return d.fields(i, func(key []byte, v int) (int, uint32, error) {
		end, err := fn(key, v)
		return end, 0, err
	})
}

// fields is object for an object decoded into a struct: fn also returns
// the bit of the field the key names (or 0), so a field named twice is
// found by a bit mask instead of a comparison with every earlier key.
//
// It closes the object (the depth and the key set) on its way out
// without defer, which cost a tenth of the decoding: a panic, which
// parseFrabStream recovers, leaves them open, but that decoder is not
// used again.
func (d *frabDec) fields(i int, fn func(key []byte, v int) (int, uint32, error)) (int, error) {
	if i >= len(d.b) || d.b[i] != '{' {
		return 0, errFrabStream
	}
	if d.depth++; d.depth > maxFrabDepth {
		return 0, errFrabStream
	}
	keys := d.openKeys()
	end, err := d.members(i, &keys, fn)
	d.closeKeys(&keys)
	d.depth--
	return end, err
}

// members walks the members of the object at b[i] for fields, adding the
// keys that name no field to keys.
func (d *frabDec) members(i int, keys *keySet, fn func(key []byte, v int) (int, uint32, error)) (int, error) {
	var seen uint32
	i = d.ws(i + 1)
	if i < len(d.b) && d.b[i] == '}' {
		return i + 1, nil
	}
	for {
		key, v, err := d.key(i)
		if err != nil {
			return 0, err
		}
		d.keyAt = i
		end, bit, err := fn(key, v)
		if err != nil {
			return 0, err
		}
		opcount.Add(1)
		if bit != 0 && seen&bit != 0 || bit == 0 && d.addKey(keys, key) {
			return 0, errFrabStream // the whole-document reader says which
		}
		seen |= bit
		i = d.ws(end)
		if i < len(d.b) && d.b[i] == ',' {
			i = d.ws(i + 1)
			continue
		}
		if i < len(d.b) && d.b[i] == '}' {
			return i + 1, nil
		}
		return 0, errFrabStream
	}
}

// array walks the array at b[i], calling fn with the start of each
// element; fn returns the element's end. array returns the array's end.
func (d *frabDec) array(i int, fn func(v int) (int, error)) (int, error) {
	if i >= len(d.b) || d.b[i] != '[' {
		return 0, errFrabStream
	}
	if d.depth++; d.depth > maxFrabDepth {
		return 0, errFrabStream
	}
	i = d.ws(i + 1)
	if i < len(d.b) && d.b[i] == ']' {
		d.depth--
		return i + 1, nil
	}
	for {
		end, err := fn(i)
		if err != nil {
			d.depth--
			return 0, err
		}
		i = d.ws(end)
		if i < len(d.b) && d.b[i] == ',' {
			i = d.ws(i + 1)
			continue
		}
		d.depth--
		if i < len(d.b) && d.b[i] == ']' {
			return i + 1, nil
		}
		return 0, errFrabStream
	}
}

// text decodes the value at b[i] as frabText.UnmarshalJSON does and
// returns it with the value's end.
func (d *frabDec) text(i int) (frabText, int, error) {
	if i >= len(d.b) {
		return "", 0, errFrabStream
	}
	switch c := d.b[i]; {
	case c == '"':
		end, esc, err := d.str(i)
		if err != nil {
			return "", 0, err
		}
		s := d.b[i+1 : end-1]
		if esc {
			s = unquoteJSON(s)
		}
		if len(s) == 0 {
			return "", end, nil
		}
		// Not a copy when there are no escapes: the text shares the
		// input's memory, which the importers never change (as
		// frabText.UnmarshalJSON's does).
		return frabText(unsafe.String(&s[0], len(s))), end, nil
	case c == 'n':
		end, err := d.literal(i, "null")
		return "", end, err
	case c == '{':
		end, err := d.skip(i)
		return frabWrongObject, end, err
	case c == '[':
		end, err := d.skip(i)
		return frabWrongArray, end, err
	}
	// A number or a boolean, spelt as the file spells it.
	end, err := d.skip(i)
	if err != nil {
		return "", 0, err
	}
	return frabText(unsafe.String(&d.b[i], end-i)), end, nil
}

// unquoteJSON returns the content s of a valid JSON string as
// encoding/json decodes it: escapes replaced, a lone or broken UTF-16
// surrogate and each byte of invalid UTF-8 read as U+FFFD. It is
// encoding/json's unquoteBytes for a string already checked.
func unquoteJSON(s []byte) []byte {
	out := make([]byte, 0, len(s)+2*utf8.UTFMax)
	for r := 0; r < len(s); {
		c := s[r]
		switch {
		case c == '\\':
			r++
			switch s[r] {
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				rr := hex4(s[r+1:])
				r += 5
				if utf16.IsSurrogate(rr) {
					if r+5 < len(s) && s[r] == '\\' && s[r+1] == 'u' {
						if dec := utf16.DecodeRune(rr, hex4(s[r+2:])); dec != unicode.ReplacementChar {
							r += 6
							out = utf8.AppendRune(out, dec)
							continue
						}
					}
					rr = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, rr)
				continue
			default: // '"', '\\', '/'
				out = append(out, s[r])
			}
			r++
		case c < utf8.RuneSelf:
			out = append(out, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			out = utf8.AppendRune(out, rr)
			r += size
		}
	}
	return out
}

// hex4 reads the four hexadecimal digits at the start of s (checked).
func hex4(s []byte) rune {
	var r rune
	for _, c := range s[:4] {
		switch {
		case c <= '9':
			c -= '0'
		case c <= 'F':
			c -= 'A' - 10
		default:
			c -= 'a' - 10
		}
		r = r*16 + rune(c)
	}
	return r
}

// foldsTo reports whether encoding/json would match key (unescaped) to
// one of names though it is not spelt exactly so. encoding/json folds a
// name rune by rune to the smallest rune of its case orbit
// (unicode.SimpleFold), so two names fold alike exactly when
// strings.EqualFold says so: "ſlug" is slug, "İd" is not id.
func foldsTo(key []byte, names ...string) bool {
	k := unsafe.String(unsafe.SliceData(key), len(key))
	for _, n := range names {
		if k != n && strings.EqualFold(k, n) {
			return true
		}
	}
	return false
}

// The fields of frabEvent, frabPerson and frabLinkOrText by their JSON
// names, for foldsTo.
var (
	frabEventNames = []string{"id", "guid", "code", "slug", "date", "start", "duration", "room", "title",
		"subtitle", "track", "type", "language", "abstract", "description", "url", "origin_url",
		"video_download_url", "feedback_url", "persons", "links", "attachments"}
	frabPersonNames = []string{"id", "guid", "code", "name", "public_name", "full_public_name"}
	frabLinkNames   = []string{"url", "href", "title", "type"}
)

// event decodes the event object at b[i] into fe (which must be zero,
// but for the persons, links and attachments slices, whose memory it
// reuses) as json.Unmarshal would, and returns the object's end.
func (d *frabDec) event(i int, fe *frabEvent) (int, error) {
	persons, links, attachments := fe.Persons[:0], fe.Links[:0], fe.Attachments[:0]
	fe.Persons, fe.Links, fe.Attachments = nil, nil, nil
	return d.fields(i, func(key []byte, v int) (int, uint32, error) {
		var t *frabText
		var bit uint32
		switch string(key) {
		case "id":
			t = &fe.ID
			bit = 1 << 1
		case "guid":
			t = &fe.GUID
			bit = 1 << 2
		case "code":
			t = &fe.Code
			bit = 1 << 3
		case "slug":
			t = &fe.Slug
			bit = 1 << 4
		case "date":
			t = &fe.Date
			bit = 1 << 5
		case "start":
			t = &fe.Start
			bit = 1 << 6
		case "duration":
			t = &fe.Duration
			bit = 1 << 7
		case "room":
			t = &fe.Room
			bit = 1 << 8
		case "title":
			t = &fe.Title
			bit = 1 << 9
		case "subtitle":
			t = &fe.Subtitle
			bit = 1 << 10
		case "track":
			t = &fe.Track
			bit = 1 << 11
		case "type":
			t = &fe.Type
			bit = 1 << 12
		case "language":
			t = &fe.Language
			bit = 1 << 13
		case "abstract":
			t = &fe.Abstract
			bit = 1 << 14
		case "description":
			t = &fe.Description
			bit = 1 << 15
		case "url":
			t = &fe.URL
			bit = 1 << 16
		case "origin_url":
			t = &fe.OriginURL
			bit = 1 << 17
		case "video_download_url":
			t = &fe.VideoURL
			bit = 1 << 18
		case "feedback_url":
			t = &fe.FeedbackURL
			bit = 1 << 19
		case "persons":
			end, err := list(d, v, &fe.Persons, persons, d.person)
			return end, 1 << 20, err
		case "links":
			end, err := list(d, v, &fe.Links, links, d.link)
			return end, 1 << 21, err
		case "attachments":
			end, err := list(d, v, &fe.Attachments, attachments, d.link)
			return end, 1 << 22, err
		}
		return d.textField(key, v, t, bit, frabEventNames)
	})
}

// textField ends the decoding of an object's member: the text at b[v]
// into t as the field of the given bit, or, when t is nil (a key that is
// none of the object's fields), the value skipped, unless the key is one
// of names in another case, which encoding/json would match: the
// streaming reader gives up on those.
func (d *frabDec) textField(key []byte, v int, t *frabText, bit uint32, names []string) (int, uint32, error) {
	if t == nil {
		if foldsTo(key, names...) {
			return 0, 0, errFrabStream
		}
		end, err := d.skip(v)
		return end, 0, err
	}
	text, end, err := d.text(v)
	*t = text
	return end, bit, err
}

// list decodes the JSON array at b[i] into *out, as encoding/json decodes
// an array into a nil slice (null leaves it nil, [] makes it empty), its
// elements by elem into the memory of buf.
func list[T any](d *frabDec, i int, out *[]T, buf []T, elem func(i int, x *T) (int, error)) (int, error) {
	if i < len(d.b) && d.b[i] == 'n' {
		return d.literal(i, "null")
	}
	if i >= len(d.b) || d.b[i] != '[' {
		return 0, errFrabStream // a value of the wrong type
	}
	buf = buf[:0]
	end, err := d.array(i, func(v int) (int, error) {
		var zero T
		buf = append(buf, zero)
		return elem(v, &buf[len(buf)-1])
	})
	if buf == nil {
		buf = []T{}
	}
	*out = buf
	return end, err
}

// person decodes a frabPerson (null leaves it zero).
func (d *frabDec) person(i int, p *frabPerson) (int, error) {
	if i < len(d.b) && d.b[i] == 'n' {
		return d.literal(i, "null")
	}
	return d.fields(i, func(key []byte, v int) (int, uint32, error) {
		var t *frabText
		var bit uint32
		switch string(key) {
		case "id":
			t = &p.ID
			bit = 1 << 1
		case "guid":
			t = &p.GUID
			bit = 1 << 2
		case "code":
			t = &p.Code
			bit = 1 << 3
		case "name":
			t = &p.Name
			bit = 1 << 4
		case "public_name":
			t = &p.PublicName
			bit = 1 << 5
		case "full_public_name":
			t = &p.FullPublicName
			bit = 1 << 6
		}
		return d.textField(key, v, t, bit, frabPersonNames)
	})
}

// link decodes a frabLinkOrText as its UnmarshalJSON does: a string is
// its URL, null leaves it zero, an object has its fields.
func (d *frabDec) link(i int, l *frabLinkOrText) (int, error) {
	if i < len(d.b) && (d.b[i] == '"' || d.b[i] == 'n') {
		var (
			end int
			err error
		)
		l.URL, end, err = d.text(i)
		return end, err
	}
	return d.fields(i, func(key []byte, v int) (int, uint32, error) {
		var t *frabText
		var bit uint32
		switch string(key) {
		case "url":
			t = &l.URL
			bit = 1 << 1
		case "href":
			t = &l.Href
			bit = 1 << 2
		case "title":
			t = &l.Title
			bit = 1 << 3
		case "type":
			t = &l.Type
			bit = 1 << 4
		}
		return d.textField(key, v, t, bit, frabLinkNames)
	})
}
