package store

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"cndtalks/data"
	"cndtalks/model"
)

// A parsed snapshot keeps what reading a stored catalogue produced (the
// sanitised, validated catalogue, its format and the importer's notes), so
// that opening the library decodes one compact file per entry instead of
// importing every schedule again. Snapshots are a cache: each lives in
// SnapshotDir, is rebuilt whenever it does not match, and may be deleted at
// any time.
//
// A snapshot file is
//
//	magic    8 bytes  "CNDSNAP\x00"
//	crc      4 bytes  CRC-32C (Castagnoli) of the payload, little-endian
//	payload           snapshotFile, encoded by snapcodec.go
//
// It is used only when the checksum holds, the payload decodes, its
// format version and build are this program's, its time-zone option is
// the entry's, and the source file is the one it was made from: same size,
// and the same modification time or else the same SHA-256. Anything else
// (a truncated or corrupt file, another version, a changed source) makes
// Load import the source again and replace the snapshot.

// SnapshotVersion is the snapshot format's version. Bump it whenever what
// a stored file reads as could change: model.Catalogue's or data.Result's
// fields, or what an importer makes of its input.
const SnapshotVersion = 2

// snapshotMagic starts every snapshot file.
const snapshotMagic = "CNDSNAP\x00"

// snapshotCRC is the checksum table: CRC-32C has hardware support on amd64
// and arm64, so checking a snapshot costs little next to decoding it.
var snapshotCRC = crc32.MakeTable(crc32.Castagnoli)

// CacheDir is where cndtalks keeps what it can rebuild:
// $XDG_CACHE_HOME/cndtalks when XDG_CACHE_HOME is an absolute path, else
// ~/.cache/cndtalks on Unix (macOS and Windows: as DataDir).
func CacheDir() (string, error) {
	return userDir("XDG_CACHE_HOME", ".cache", "the snapshot cache")
}

// SnapshotDir is where the library's parsed snapshots are kept by default:
// CacheDir()/snapshots.
func SnapshotDir() (string, error) {
	d, err := CacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "snapshots"), nil
}

// snapshotFile is a snapshot's payload.
type snapshotFile struct {
	Version int
	// Build identifies the program that wrote it (its VCS revision when
	// known): a snapshot another build wrote is not trusted either.
	Build string
	// The source: its size, modification time (Unix nanoseconds) and
	// SHA-256.
	SourceSize  int64
	SourceMTime int64
	SourceHash  [sha256.Size]byte
	// TimeZone is the entry's --tz option.
	TimeZone string

	Format  string
	Skipped []data.Skip
	Notes   []string
	Cat     *model.Catalogue
	// Zones restore each talk's time zone: talk i's start is in
	// Zones[TalkZone[i]-1] (0: no start).
	Zones    []snapshotZone
	TalkZone []uint16
}

// snapshotZone is a time zone as a talk's start showed it.
type snapshotZone struct {
	Name   string // the Location's name ("Europe/Berlin")
	Abbr   string // the zone abbreviation at the talk's start ("CET")
	Offset int    // seconds east of UTC at the talk's start
}

// buildID names this program's build for snapshots.
var buildID = func() string {
	id := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		id = bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				id += " " + s.Value
			}
		}
	}
	return id
}()

// snapshotFileName is where the snapshot of the library entry whose
// catalogue file is src lives: the entry's name and a digest of the
// file's absolute path, so two libraries never share a snapshot.
func (l *Library) snapshotFileName(name, src string) string {
	abs, err := filepath.Abs(src)
	if err != nil {
		abs = src
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(l.Snapshots, fmt.Sprintf("%s-%x.snap", name, sum[:6]))
}

// loadSnapshotted is Load through the entry's snapshot: the snapshot when
// it matches the source, else the source imported and a new snapshot
// written (a failure to write it only costs the next start its speed).
func (l *Library) loadSnapshotted(name, src string, opt data.ImportOptions, arena *snapArena) (*data.Result, error) {
	st, err := os.Stat(src)
	if err != nil || !st.Mode().IsRegular() || st.Size() > data.MaxFileSize {
		return data.LoadFileWith(src, opt)
	}
	snapPath := l.snapshotFileName(name, src)
	key := snapshotFile{Version: SnapshotVersion, Build: buildID, SourceSize: st.Size(),
		SourceMTime: st.ModTime().UnixNano(), TimeZone: opt.TimeZone}
	if res, ok, touched := readSnapshot(snapPath, &key, src, arena); ok {
		if touched {
			// The same bytes under a new time (added again, copied,
			// touched): stamp the snapshot with it, or every start
			// would read and hash the source again.
			_ = writeSnapshot(snapPath, key, res)
		}
		return res, nil
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return data.LoadFileWith(src, opt) // for its error message
	}
	res, err := data.ParseWith(src, b, opt)
	if err != nil {
		return nil, err
	}
	key.SourceSize = int64(len(b))
	key.SourceHash = sha256.Sum256(b)
	_ = writeSnapshot(snapPath, key, res)
	return res, nil
}

// readSnapshot returns the result a snapshot holds when it is whole and
// made from the source key describes, read into a buffer from arena (nil:
// its own). touched reports a source with another time than the
// snapshot's but the same bytes (their hash), which is set in key.
func readSnapshot(path string, key *snapshotFile, src string, arena *snapArena) (res *data.Result, ok, touched bool) {
	b, err := readFileIn(path, arena)
	if err != nil {
		return nil, false, false
	}
	s, err := decodeSnapshot(b)
	if err != nil || s.Version != key.Version || s.Build != key.Build ||
		s.TimeZone != key.TimeZone || s.SourceSize != key.SourceSize {
		return nil, false, false
	}
	if s.SourceMTime != key.SourceMTime {
		// Touched, copied or rewritten: trust only the same bytes.
		srcBytes, err := os.ReadFile(src)
		if err != nil || sha256.Sum256(srcBytes) != s.SourceHash {
			return nil, false, false
		}
		key.SourceHash, touched = s.SourceHash, true
	}
	return s.result(), true, touched
}

// errBadSnapshot is what decodeSnapshot reports for a file that is not a
// whole snapshot.
var errBadSnapshot = errors.New("not a whole snapshot")

// decodeSnapshot checks a snapshot's magic and checksum and decodes it.
func decodeSnapshot(b []byte) (s *snapshotFile, err error) {
	if len(b) < len(snapshotMagic)+4 || string(b[:len(snapshotMagic)]) != snapshotMagic {
		return nil, errBadSnapshot
	}
	sum := binary.LittleEndian.Uint32(b[len(snapshotMagic):])
	payload := b[len(snapshotMagic)+4:]
	if crc32Checksum(payload) != sum {
		return nil, errBadSnapshot
	}
	s, err = decodeSnapshotPayload(payload)
	if err != nil {
		return nil, err
	}
	if s.Version != SnapshotVersion {
		return s, nil // the caller compares versions
	}
	if s.Cat == nil || len(s.TalkZone) != len(s.Cat.Talks) {
		return nil, errBadSnapshot
	}
	for _, z := range s.TalkZone {
		if int(z) > len(s.Zones) {
			return nil, errBadSnapshot
		}
	}
	return s, nil
}

// result rebuilds the data.Result a snapshot holds: the talks' time zones
// restored and the catalogue indexed.
func (s *snapshotFile) result() *data.Result {
	locs := make([]*time.Location, len(s.Zones))
	fixed := make([]*time.Location, len(s.Zones))
	for i, z := range s.Zones {
		locs[i] = namedLocation(z.Name)
		fixed[i] = time.FixedZone(z.Abbr, z.Offset)
	}
	for i := range s.Cat.Talks {
		z := s.TalkZone[i]
		if z == 0 {
			continue
		}
		t := &s.Cat.Talks[i]
		zone := s.Zones[z-1]
		if loc := locs[z-1]; loc != nil {
			if in := t.Start.In(loc); sameZone(in, zone) {
				t.Start = in
				continue
			}
		}
		// A zone made from an offset (a schedule's "+01:00"), or a
		// name this system's zone database reads differently.
		t.Start = t.Start.In(fixed[z-1])
	}
	s.Cat.Index()
	return &data.Result{Catalogue: s.Cat, Format: s.Format, Skipped: s.Skipped, Notes: s.Notes}
}

// namedLocation loads the zone a Location name names, or nil for a name
// that is not in the zone database (a fixed zone's name, "Local").
func namedLocation(name string) *time.Location {
	switch name {
	case "UTC":
		return time.UTC
	case "", "Local":
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

func sameZone(t time.Time, z snapshotZone) bool {
	abbr, off := t.Zone()
	return abbr == z.Abbr && off == z.Offset
}

// writeSnapshot writes res's snapshot with key's source description.
func writeSnapshot(path string, key snapshotFile, res *data.Result) error {
	s := key
	s.Format, s.Skipped, s.Notes, s.Cat = res.Format, res.Skipped, res.Notes, res.Catalogue
	s.TalkZone = make([]uint16, len(res.Catalogue.Talks))
	zones := map[snapshotZone]uint16{}
	for i := range res.Catalogue.Talks {
		t := &res.Catalogue.Talks[i]
		if t.Start.IsZero() {
			continue
		}
		abbr, off := t.Start.Zone()
		z := snapshotZone{Name: t.Start.Location().String(), Abbr: abbr, Offset: off}
		id, ok := zones[z]
		if !ok {
			if len(s.Zones) >= 1<<16-1 {
				return errors.New("too many time zones for a snapshot")
			}
			s.Zones = append(s.Zones, z)
			id = uint16(len(s.Zones))
			zones[z] = id
		}
		s.TalkZone[i] = id
	}
	payload := encodeSnapshotPayload(&s)
	b := make([]byte, len(snapshotMagic)+4, len(snapshotMagic)+4+len(payload))
	copy(b, snapshotMagic)
	b = append(b, payload...)
	binary.LittleEndian.PutUint32(b[len(snapshotMagic):], crc32Checksum(b[len(snapshotMagic)+4:]))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return WriteFile(path, b, 0o644, RefuseNonRegular)
}

// removeSnapshot deletes an entry's snapshot, if any.
func (l *Library) removeSnapshot(name string) {
	if l.Snapshots == "" {
		return
	}
	_ = os.Remove(l.snapshotFileName(name, l.catalogueFile(name))) // a cache: a leftover is only stale
}

// crc32Checksum is a snapshot payload's checksum.
func crc32Checksum(b []byte) uint32 { return crc32.Checksum(b, snapshotCRC) }
