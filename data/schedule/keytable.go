package schedule

import "hash/maphash"

// keyTable numbers strings: the first key added is 0, the next 1, and so
// on; find gives a key's number back. It is the builder's set of talk IDs
// and of speakers' keys, in place of a Go map, for one reason: the caller
// hashes the key with the table's seed (eventDraft.idHash,
// draftPerson.keyHash), so that the hashing can be done with the drafts,
// on any goroutine, and schedBuilder.add, which runs on one, only probes. A key's hash is maphash.String(seed,
// key), or maphash.Bytes(seed, key), the same for the same bytes. Its
// slots hold no pointers, so the collector does not scan them.
//
// The slots are open-addressed, probed linearly, and kept at most half
// full. A slot holds the low 32 bits of its key's hash, whose low bits
// are also where the key's probe starts, so growing the table needs no
// key hashed again. A number is the key's place in keys; keys hold the
// key itself, compared when the hash bits match. A table holds fewer than
// 2^31 keys: a schedule's builder, at most 100,000 talks of 500 persons.
type keyTable struct {
	seed  maphash.Seed
	slots []keySlot // a power of two of them
	keys  []string  // by number
}

// keySlot is one slot of a keyTable: the low 32 bits of the hash of the
// key numbered n-1, or n == 0 when the slot is empty.
type keySlot struct {
	hash uint32
	n    uint32
}

// minKeySlots is the fewest slots a keyTable has.
const minKeySlots = 16

// newKeyTable returns an empty table that hashes with seed and has room
// for n keys before it grows.
func newKeyTable(seed maphash.Seed, n int) *keyTable {
	size := minKeySlots
	for size < 2*n {
		size *= 2
	}
	return &keyTable{seed: seed, slots: make([]keySlot, size), keys: make([]string, 0, n)}
}

// hash returns key's hash for t.
func (t *keyTable) hash(key string) uint64 { return maphash.String(t.seed, key) }

// len returns the number of keys in t.
func (t *keyTable) len() int { return len(t.keys) }

// find returns the number of key, whose hash is h, and whether t has it.
func find[K ~string | ~[]byte](t *keyTable, h uint64, key K) (int, bool) {
	mask := uint32(len(t.slots) - 1)
	for i := uint32(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.n == 0 {
			return 0, false
		}
		if s.hash == uint32(h) && t.keys[s.n-1] == string(key) {
			return int(s.n - 1), true
		}
	}
}

// add adds key, whose hash is h and which t does not have, and returns
// its number.
func (t *keyTable) add(h uint64, key string) int {
	if 2*(len(t.keys)+1) > len(t.slots) {
		t.grow()
	}
	t.keys = append(t.keys, key)
	t.put(keySlot{hash: uint32(h), n: uint32(len(t.keys))})
	return len(t.keys) - 1
}

// put puts s in the first free slot from where its hash says.
func (t *keyTable) put(s keySlot) {
	mask := uint32(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].n != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

// grow doubles t's slots.
func (t *keyTable) grow() {
	old := t.slots
	t.slots = make([]keySlot, 2*len(old))
	for _, s := range old {
		if s.n != 0 {
			t.put(s)
		}
	}
}
