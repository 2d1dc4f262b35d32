package source

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"cndtalks/internal/opcount"
)

// JSONDuplicate is a key that one JSON object has more than once.
type JSONDuplicate struct {
	Key  string
	Line int
}

// smallObject is how many keys an object may have before its keys go into
// a map: below it a scan is cheaper than a map, and costs no allocation.
const smallObject = 16

// JSONDuplicateKeys lists the keys that an object of b has twice or more
// (encoding/json silently keeps the last value). b must be valid JSON. It
// is one pass over b: each open object's keys are kept (as offsets into b)
// and checked by a scan while the object is small, by a map past that, so
// the work stays linear.
func JSONDuplicateKeys(b []byte) []JSONDuplicate {
	type object struct {
		first int                 // index of its first key in keys
		set   map[string]struct{} // once it has more than smallObject keys
	}
	var (
		keys      [][]byte // the keys of every open object, innermost last
		stack     []object
		kinds     []byte // '{' or '[' per open container
		expectKey bool
		line      = 1
		out       []JSONDuplicate
	)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			line++
		case '{':
			stack = append(stack, object{first: len(keys)})
			kinds = append(kinds, '{')
			expectKey = true
		case '[':
			kinds = append(kinds, '[')
			expectKey = false
		case '}':
			keys = keys[:stack[len(stack)-1].first]
			stack = stack[:len(stack)-1]
			kinds = kinds[:len(kinds)-1]
		case ']':
			kinds = kinds[:len(kinds)-1]
		case ',':
			expectKey = len(kinds) > 0 && kinds[len(kinds)-1] == '{'
		case '"':
			start := i + 1
			escaped := false
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					escaped = true
					i++
				}
			}
			if !expectKey {
				continue
			}
			expectKey = false
			key := b[start:i]
			if escaped {
				if s, err := strconv.Unquote(`"` + string(key) + `"`); err == nil && utf8.ValidString(s) {
					key = []byte(s)
				}
			}
			top := &stack[len(stack)-1]
			dup := false
			if top.set != nil {
				opcount.Add(1)
				_, dup = top.set[string(key)]
				top.set[string(key)] = struct{}{}
			} else {
				opcount.Add(len(keys) - top.first)
				for _, k := range keys[top.first:] {
					if bytes.Equal(k, key) {
						dup = true
						break
					}
				}
				if n := len(keys) - top.first; n >= smallObject {
					top.set = make(map[string]struct{}, 2*n)
					for _, k := range keys[top.first:] {
						top.set[string(k)] = struct{}{}
					}
					top.set[string(key)] = struct{}{}
				}
			}
			if dup {
				out = append(out, JSONDuplicate{Key: string(key), Line: line})
				continue
			}
			if top.set == nil {
				keys = append(keys, key)
			}
		}
	}
	return out
}
