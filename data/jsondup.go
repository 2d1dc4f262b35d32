package data

import (
	"strconv"
	"unicode/utf8"
)

// jsonDuplicate is a key that one JSON object has more than once.
type jsonDuplicate struct {
	Key  string
	Line int
}

// jsonDuplicateKeys lists the keys that an object of b has twice or more
// (encoding/json silently keeps the last value). b must be valid JSON. It
// is one pass over b: each open object keeps the set of its keys.
func jsonDuplicateKeys(b []byte) []jsonDuplicate {
	type object struct {
		keys map[string]struct{}
	}
	var (
		stack []object
		// isObject per open container, to tell an object's keys from an
		// array's strings.
		kinds     []byte
		expectKey bool
		line      = 1
		out       []jsonDuplicate
	)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\n':
			line++
		case '{':
			stack = append(stack, object{})
			kinds = append(kinds, '{')
			expectKey = true
		case '[':
			kinds = append(kinds, '[')
			expectKey = false
		case '}':
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
			key := string(b[start:i])
			if escaped {
				if s, err := strconv.Unquote(`"` + key + `"`); err == nil && utf8.ValidString(s) {
					key = s
				}
			}
			top := &stack[len(stack)-1]
			if top.keys == nil {
				top.keys = map[string]struct{}{}
			}
			if _, dup := top.keys[key]; dup {
				out = append(out, jsonDuplicate{Key: key, Line: line})
				continue
			}
			top.keys[key] = struct{}{}
		}
	}
	return out
}
