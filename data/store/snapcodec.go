package store

import (
	"encoding/binary"
	"errors"
	"time"
	"unsafe"

	"cndtalks/data"
	"cndtalks/model"
)

// The snapshot payload's encoding: every field in a fixed order,
// integers as varints, strings as a length and their bytes. Decoding
// turns the whole payload into one string and slices every text field out
// of it, so a snapshot of 20,000 talks decodes with a handful of
// allocations (gob made one per string and was most of --all's start-up).
// Every read is bounds-checked; a payload that runs short, or has bytes
// left over, is not a snapshot. TestSnapshotCodecKnowsEveryField fails
// when a model type gains a field this codec does not write.

// snapWriter appends the encoding to b.
type snapWriter struct{ b []byte }

func (w *snapWriter) int(v int64) { w.b = binary.AppendVarint(w.b, v) }
func (w *snapWriter) uint(v uint64) {
	w.b = binary.AppendUvarint(w.b, v)
}
func (w *snapWriter) str(s string) {
	w.uint(uint64(len(s)))
	w.b = append(w.b, s...)
}
func (w *snapWriter) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *snapWriter) links(ls []model.Link) {
	w.uint(uint64(len(ls)))
	for _, l := range ls {
		w.str(string(l.Kind))
		w.str(l.URL)
		w.str(l.Label)
	}
}

// snapReader reads the encoding from s; the first problem sticks in err
// and every later read returns zero values.
type snapReader struct {
	s   string
	off int
	err error
}

var errShortSnapshot = errors.New("snapshot payload cut short or malformed")

func (r *snapReader) fail() {
	if r.err == nil {
		r.err = errShortSnapshot
	}
	r.off = len(r.s)
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	var v uint64
	var shift uint
	for i := 0; i < binary.MaxVarintLen64; i++ {
		if r.off >= len(r.s) {
			r.fail()
			return 0
		}
		c := r.s[r.off]
		r.off++
		if c < 0x80 {
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	r.fail()
	return 0
}

func (r *snapReader) int() int64 {
	u := r.uint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads a length that must fit in what is left (each item takes at
// least one byte), so a corrupt length cannot make a huge allocation.
func (r *snapReader) count() int {
	n := r.uint()
	if n > uint64(len(r.s)-r.off) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *snapReader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// strs reads a list of strings into the shared backing array *pool.
func (r *snapReader) strs(pool *[]string) []string { return pooled(r, pool, r.str) }

// links reads a list of links into the shared backing array *pool.
func (r *snapReader) links(pool *[]model.Link) []model.Link {
	return pooled(r, pool, func() model.Link {
		return model.Link{Kind: model.LinkKind(r.str()), URL: r.str(), Label: r.str()}
	})
}

// pooled reads a list, each element by elem, into the shared backing
// array *pool, so many short lists cost one allocation.
func pooled[T any](r *snapReader, pool *[]T, elem func() T) []T {
	n := r.count()
	if n == 0 {
		return nil
	}
	start := len(*pool)
	for range n {
		*pool = append(*pool, elem())
	}
	return (*pool)[start:len(*pool):len(*pool)]
}

// encodeSnapshotPayload encodes s.
func encodeSnapshotPayload(s *snapshotFile) []byte {
	w := &snapWriter{b: make([]byte, 0, 1<<16)}
	w.int(int64(s.Version))
	w.str(s.Build)
	w.int(s.SourceSize)
	w.int(s.SourceMTime)
	w.b = append(w.b, s.SourceHash[:]...)
	w.str(s.TimeZone)
	w.str(s.Format)
	w.uint(uint64(len(s.Skipped)))
	for _, k := range s.Skipped {
		w.str(string(k.Kind))
		w.str(k.Record)
		w.str(k.Reason)
		w.str(k.Detail)
		w.int(int64(k.Count))
	}
	w.strs(s.Notes)
	w.uint(uint64(len(s.Zones)))
	for _, z := range s.Zones {
		w.str(z.Name)
		w.str(z.Abbr)
		w.int(int64(z.Offset))
	}

	c := s.Cat
	e := &c.Event
	for _, f := range []string{e.ID, e.Name, e.Edition, e.Date, e.DateNote, e.EndDate, e.TimeZone, e.TimeZoneNote,
		e.City, e.Venue, e.Country, e.Organiser, e.Description, e.Attendance, e.Source} {
		w.str(f)
	}
	w.int(int64(e.Year))
	w.links(e.Links)
	w.links(e.Community)
	w.strs(e.Sponsors)
	w.strs(e.Thanks)

	w.uint(uint64(len(c.Speakers)))
	for _, sp := range c.Speakers {
		w.str(sp.ID)
		w.str(sp.Name)
		w.str(sp.Org)
		w.str(sp.Role)
	}
	w.uint(uint64(len(c.Talks)))
	for i := range c.Talks {
		t := &c.Talks[i]
		for _, f := range []string{t.ID, t.Title, t.Subtitle, t.Kind, t.Summary, t.Language, t.Room, t.Track, t.Day} {
			w.str(f)
		}
		w.int(int64(t.Order))
		w.strs(t.Speakers)
		w.strs(t.Topics)
		w.links(t.Links)
		w.int(int64(t.Duration))
		w.uint(uint64(s.TalkZone[i]))
		if s.TalkZone[i] != 0 {
			w.int(t.Start.Unix())
			w.int(int64(t.Start.Nanosecond()))
		}
	}
	return w.b
}

// decodeSnapshotPayload decodes a payload encodeSnapshotPayload wrote.
// The text fields share b's memory, which the caller hands over: b must
// not change afterwards.
func decodeSnapshotPayload(b []byte) (*snapshotFile, error) {
	if len(b) == 0 {
		return nil, errShortSnapshot
	}
	// Not a copy: b was just read from the file and nothing else holds it.
	r := &snapReader{s: unsafe.String(&b[0], len(b))}
	s := &snapshotFile{}
	s.Version = int(r.int())
	if s.Version != SnapshotVersion {
		// Another version's layout: read no further.
		return s, nil
	}
	s.Build = r.str()
	s.SourceSize = r.int()
	s.SourceMTime = r.int()
	if r.off+len(s.SourceHash) > len(r.s) {
		r.fail()
	} else {
		copy(s.SourceHash[:], r.s[r.off:])
		r.off += len(s.SourceHash)
	}
	s.TimeZone = r.str()
	s.Format = r.str()
	if n := r.count(); n > 0 {
		s.Skipped = make([]data.Skip, n)
		for k := range s.Skipped {
			s.Skipped[k] = data.Skip{Kind: data.SkipKind(r.str()), Record: r.str(), Reason: r.str(), Detail: r.str(), Count: int(r.int())}
		}
	}
	var notes []string
	s.Notes = r.strs(&notes)
	if n := r.count(); n > 0 {
		s.Zones = make([]snapshotZone, n)
		for k := range s.Zones {
			s.Zones[k] = snapshotZone{Name: r.str(), Abbr: r.str(), Offset: int(r.int())}
		}
	}

	c := &model.Catalogue{}
	e := &c.Event
	for _, f := range []*string{&e.ID, &e.Name, &e.Edition, &e.Date, &e.DateNote, &e.EndDate, &e.TimeZone, &e.TimeZoneNote,
		&e.City, &e.Venue, &e.Country, &e.Organiser, &e.Description, &e.Attendance, &e.Source} {
		*f = r.str()
	}
	e.Year = int(r.int())
	var eventLinks []model.Link
	var eventStrs []string
	e.Links = r.links(&eventLinks)
	e.Community = r.links(&eventLinks)
	e.Sponsors = r.strs(&eventStrs)
	e.Thanks = r.strs(&eventStrs)

	if n := r.count(); n > 0 {
		c.Speakers = make([]model.Speaker, n)
		for k := range c.Speakers {
			c.Speakers[k] = model.Speaker{ID: r.str(), Name: r.str(), Org: r.str(), Role: r.str()}
		}
	}
	n := r.count()
	c.Talks = make([]model.Talk, n)
	s.TalkZone = make([]uint16, n)
	// The talks' lists share a few backing arrays, sized by a guess.
	strPool := make([]string, 0, 3*n)
	linkPool := make([]model.Link, 0, 2*n)
	for i := range c.Talks {
		t := &c.Talks[i]
		for _, f := range []*string{&t.ID, &t.Title, &t.Subtitle, &t.Kind, &t.Summary, &t.Language, &t.Room, &t.Track, &t.Day} {
			*f = r.str()
		}
		t.Order = int(r.int())
		t.Speakers = r.strs(&strPool)
		t.Topics = r.strs(&strPool)
		t.Links = r.links(&linkPool)
		t.Duration = time.Duration(r.int())
		z := r.uint()
		if z > uint64(len(s.Zones)) {
			r.fail()
		}
		s.TalkZone[i] = uint16(z)
		if z != 0 {
			sec, nsec := r.int(), r.int()
			t.Start = time.Unix(sec, nsec).UTC()
		}
		if r.err != nil {
			return nil, r.err
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(r.s) {
		return nil, errors.New("snapshot payload has bytes left over")
	}
	s.Cat = c
	return s, nil
}
