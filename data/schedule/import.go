package schedule

import (
	"fmt"

	"cndtalks/model"
)

// The schedule formats Import reads, as the loader reports them.
const (
	// FormatFrabJSON and FormatPentabarfXML are the c3voc schedule exports
	// (frab, pretalx, FOSDEM).
	FormatFrabJSON     = "frab-json"
	FormatPentabarfXML = "pentabarf-xml"
)

// maxNotes bounds the notes one import keeps: a hostile file could
// otherwise make one per byte.
const maxNotes = 10_000

// Import reads the schedule in b (named name in errors; b is only read,
// never changed: it may be a string's memory) with the lenient
// importer of format: FormatFrabJSON, FormatPentabarfXML or
// FormatICalendar. What it drops is listed in the returned notes, with a
// last one for the notes past maxNotes. The catalogue's text is
// sanitised, each field as it is built, so that SanitizeText would change
// nothing in it (the tests prove it, sanitised_test.go); it is not yet
// validated or indexed: the caller does that for every format.
func Import(name string, b []byte, format string, opt ImportOptions) (*model.Catalogue, []Skip, error) {
	var importer func(string, []byte, skipFunc, ImportOptions) (*model.Catalogue, error)
	switch format {
	case FormatFrabJSON:
		importer = parseFrabJSON
	case FormatPentabarfXML:
		importer = parseScheduleXML
	case FormatICalendar:
		importer = parseICalendar
	default:
		return nil, nil, fmt.Errorf("schedule: unknown format %q", format)
	}
	var skipped []Skip
	more := 0
	c, err := importer(name, b, noteTaker(&skipped, &more), opt)
	if err != nil {
		return nil, nil, err
	}
	if more > 0 {
		skipped = append(skipped, Skip{Kind: SkipField, Record: name, Reason: fmt.Sprintf("more than %d notes: the rest are not listed", maxNotes), Detail: fmt.Sprintf("%d more", more), Count: more})
	}
	return c, skipped, nil
}

// noteTaker returns the skipFunc a lenient importer writes its notes
// with: it keeps the first maxNotes in *skipped and counts the rest in *more.
func noteTaker(skipped *[]Skip, more *int) skipFunc {
	return func(kind SkipKind, record, reason, detail string, count ...int) {
		if len(*skipped) == maxNotes {
			*more++
			return
		}
		sk := Skip{Kind: kind, Record: record, Reason: reason, Detail: detail}
		if len(count) > 0 {
			sk.Count = count[0]
		}
		*skipped = append(*skipped, sk)
	}
}
