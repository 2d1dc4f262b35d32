package schedule

import (
	"hash/maphash"
	"strings"
	"testing"
)

// keyTableHashes are the hashes the keyTable tests give keys: the real
// one, and weakened ones that make keys share probe starts and stored
// bits, down to one hash for every key, so that probing past other keys
// and comparing the keys themselves is tested too.
var keyTableHashes = []struct {
	name string
	mask uint64
}{
	{"maphash", ^uint64(0)},
	{"low 3 bits", 7},
	{"bits 8-10 only", 0x700},
	{"one hash for all", 0},
}

// keyTableCase is a run of keys added to an empty table in turn: each
// key that is new gets the next number, and one added before gets its
// first number back.
var keyTableCases = []struct {
	name string
	keys []string
	want []int
}{
	{"none", nil, nil},
	{"one", []string{"a"}, []int{0}},
	{"the empty key", []string{"", "a", ""}, []int{0, 1, 0}},
	{"repeats", []string{"a", "b", "a", "c", "b", "a"}, []int{0, 1, 0, 2, 1, 0}},
	{"differing in the last byte", []string{"guid:x\x00Ann", "guid:x\x00Anne", "guid:x\x00Ann", "guid:x\x00Anm"}, []int{0, 1, 0, 2}},
	{"NUL bytes", []string{"\x00", "\x00\x00", "\x00"}, []int{0, 1, 0}},
	{"prefixes", []string{"abc", "ab", "a", "abc", "ab"}, []int{0, 1, 2, 0, 1}},
	{"growing", strings.Split("a b c d e f g h i j k l m n o p q r s t u v w x y z a m z", " "),
		[]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 0, 12, 25}},
}

func TestKeyTable(t *testing.T) {
	seed := maphash.MakeSeed()
	for _, h := range keyTableHashes {
		for _, tc := range keyTableCases {
			for _, size := range []int{0, len(tc.keys)} {
				tab := newKeyTable(seed, size)
				hash := func(k string) uint64 { return maphash.String(seed, k) & h.mask }
				for i, k := range tc.keys {
					n, ok := find(tab, hash(k), k)
					if !ok {
						n = tab.add(hash(k), k)
					}
					if n != tc.want[i] {
						t.Errorf("%s, %s, room for %d: key %d (%q) is number %d, want %d", h.name, tc.name, size, i, k, n, tc.want[i])
					}
				}
				// Found again, as strings and as bytes; an absent key
				// is not found.
				for i, k := range tc.keys {
					if n, ok := find(tab, hash(k), []byte(k)); !ok || n != tc.want[i] {
						t.Errorf("%s, %s: %q found as bytes as %d, %v; want %d", h.name, tc.name, k, n, ok, tc.want[i])
					}
				}
				if _, ok := find(tab, hash("absent"), "absent"); ok {
					t.Errorf("%s, %s: an absent key was found", h.name, tc.name)
				}
				if distinct := maxOf(tc.want) + 1; tab.len() != distinct {
					t.Errorf("%s, %s: len() = %d, want %d", h.name, tc.name, tab.len(), distinct)
				}
			}
		}
	}
}

func maxOf(xs []int) int {
	m := -1
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// TestKeyTableHashSameForBytes checks what the builder rests on: a key
// hashed as a []byte in the drafts (a person's key) and as a string
// later has one hash.
func TestKeyTableHashSameForBytes(t *testing.T) {
	seed := maphash.MakeSeed()
	for _, k := range []string{"", "a", "guid:p-s10597\x00Kwame Schneider", strings.Repeat("long key ", 100)} {
		if maphash.String(seed, k) != maphash.Bytes(seed, []byte(k)) {
			t.Errorf("%q hashes differently as a string and as bytes", k)
		}
	}
}

// FuzzKeyTable adds and finds the keys that ops spells (each a length
// byte, then that many bytes) in a keyTable and in a Go map, and fails
// when they disagree. hashBits weakens the hash to that many bits, so
// that the fuzzer meets colliding hashes, not only distinct ones.
func FuzzKeyTable(f *testing.F) {
	f.Add([]byte("\x01a\x01b\x01a\x00\x02ab\x00"), uint8(64), false)
	f.Add([]byte("\x03abc\x02ab\x01a\x03abc\x01b\x02ab"), uint8(0), true)
	f.Add([]byte("\x01a\x01b\x01c\x01d\x01e\x01f\x01g\x01h\x01i\x01j\x01a\x01j"), uint8(2), false)
	seed := maphash.MakeSeed()
	f.Fuzz(func(t *testing.T, ops []byte, hashBits uint8, presize bool) {
		mask := ^uint64(0)
		if hashBits < 64 {
			mask = 1<<hashBits - 1
		}
		hash := func(k []byte) uint64 {
			h := maphash.Bytes(seed, k)
			if h != maphash.String(seed, string(k)) {
				t.Fatalf("%q hashes differently as bytes and as a string", k)
			}
			return h & mask
		}
		size := 0
		if presize {
			size = len(ops) / 2
		}
		tab := newKeyTable(seed, size)
		want := map[string]int{}
		for len(ops) > 0 {
			n := min(int(ops[0])%16, len(ops)-1)
			key := ops[1 : 1+n]
			ops = ops[1+n:]
			got, ok := find(tab, hash(key), key)
			w, wok := want[string(key)]
			if ok != wok || ok && got != w {
				t.Fatalf("find(%q) = %d, %v; the map has %d, %v", key, got, ok, w, wok)
			}
			if !ok {
				if got := tab.add(hash(key), string(key)); got != len(want) {
					t.Fatalf("add(%q) = %d, want %d", key, got, len(want))
				}
				want[string(key)] = len(want)
			}
		}
		if tab.len() != len(want) {
			t.Fatalf("len() = %d, the map has %d", tab.len(), len(want))
		}
		for k, w := range want {
			if got, ok := find(tab, hash([]byte(k)), k); !ok || got != w {
				t.Fatalf("find(%q) = %d, %v at the end; the map has %d", k, got, ok, w)
			}
			// A key one byte longer than one added is absent unless it
			// was added too.
			longer := k + "\xff"
			_, ok := find(tab, hash([]byte(longer)), longer)
			if _, wok := want[longer]; ok != wok {
				t.Fatalf("find(%q) = %v; the map has it: %v", longer, ok, wok)
			}
		}
	})
}

// TestPersonKeyStartsWithIdentity: a person's key starts with its
// identity as speakerTable.firstName keys it, "kind:key", then a NUL
// byte, so that the prefix names the identity and nothing else.
func TestPersonKeyStartsWithIdentity(t *testing.T) {
	for _, ident := range []identity{{"guid", "p-s10597"}, {"code", "ABC"}, {"id", "44"}, {"id", "a.b_c-d"}} {
		for _, nth := range []int{0, 1, 2, 12} {
			key := string(appendPersonKey(nil, ident, "Ann: B", nth))
			prefix := ident.kind + ":" + ident.key
			if !strings.HasPrefix(key, prefix+"\x00") || strings.Count(key[:len(prefix)], ":") != 1 {
				t.Errorf("key %q of %v does not start with %q and a NUL byte", key, ident, prefix)
			}
		}
	}
}
