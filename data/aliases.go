package data

import (
	"context"
	"io"

	"cndtalks/data/catalog"
	"cndtalks/data/internal/source"
	"cndtalks/data/schedule"
	"cndtalks/model"
)

// The names callers of data use, kept here so that they need not know which
// room of data/ a name lives in: the shared problem types and reader
// (data/internal/source), the format's writer (data/catalog) and the
// importers' options and notes (data/schedule).

// Error is one problem with a catalogue file: where it is and what was
// expected. See source.Error.
type Error = source.Error

// Errors is several problems found in one file, in file order.
type Errors = source.Errors

// ErrTooLarge is wrapped by the errors of reads that went over their size
// limit.
var ErrTooLarge = source.ErrTooLarge

// ReadAllContext reads r to its end, at most max bytes; cancelling ctx ends
// a blocked read at once. See source.ReadAllContext.
func ReadAllContext(ctx context.Context, r io.Reader, max int64) ([]byte, error) {
	return source.ReadAllContext(ctx, r, max)
}

// ReadLimited reads the file at p, at most max bytes; a device, a
// directory or a socket is refused. See source.ReadLimited.
func ReadLimited(ctx context.Context, p string, max int64) ([]byte, error) {
	return source.ReadLimited(ctx, p, max)
}

// WriteJSON writes c in the cndtalks format as JSON (see catalog.WriteJSON).
func WriteJSON(w io.Writer, c *model.Catalogue) error { return catalog.WriteJSON(w, c) }

// WriteYAML writes c in the cndtalks format as YAML (see catalog.WriteYAML).
func WriteYAML(w io.Writer, c *model.Catalogue) error { return catalog.WriteYAML(w, c) }

// ImportOptions are the options of the schedule importers (a schedule's
// time zone).
type ImportOptions = schedule.ImportOptions

// The notes a lenient importer makes about what it dropped or repaired.
type (
	Skip     = schedule.Skip
	SkipKind = schedule.SkipKind
	Notice   = schedule.Notice
)

// The kinds of Skip.
const (
	SkipTalk   = schedule.SkipTalk
	SkipPerson = schedule.SkipPerson
	SkipLink   = schedule.SkipLink
	SkipField  = schedule.SkipField
	SkipRepair = schedule.SkipRepair
)

// Notices groups notes by kind and reason (see schedule.Notices).
func Notices(skips []Skip) []Notice { return schedule.Notices(skips) }

// NoticeSummary is a one-line count of notes by kind, for a status line.
func NoticeSummary(skips []Skip) string { return schedule.NoticeSummary(skips) }

// NoticeLines is each notice on one line with an example of where.
func NoticeLines(skips []Skip) []string { return schedule.NoticeLines(skips) }

// LostCount is how many of an import's notes are losses, not repairs.
func LostCount(skips []Skip) int { return schedule.LostCount(skips) }

// Slugify makes an ID the way the importers make them.
func Slugify(s string) string { return schedule.Slugify(s) }
