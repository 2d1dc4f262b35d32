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

// Guaranteed is what every catalogue Import returns guarantees by
// construction, so that validating it need not look for their breach
// (model.Catalogue.ValidateGuaranteed). Every importer builds its
// catalogue with buildSchedule, and afterwards changes only the talks'
// summaries (parseICalendar); buildSchedule makes:
//
//   - model.TalkIDsUnique: a talk's ID is talkID's, else the event is
//     dropped (eventBuilder.build); keyOf makes it of ASCII letters,
//     digits, '.', '_' and '-', so never blank. schedBuilder.add gives it
//     only if no talk has it yet (talkIDs), else a numbered one that none
//     has (taken), and records each ID it gives; a listing it drops is
//     zeroed, and compactTalks removes every talk left without an ID.
//   - model.SpeakersKnown: a talk's speaker IDs are what
//     speakerTable.id returns, an ID it gave with the speaker it added to
//     the catalogue, the only place speakers are added; newID gives each
//     ID once (taken), never blank (letters, digits, '.', '_', '-', at
//     least "person"); a person without a name gets no speaker
//     (schedBuilder.speakers), and cleanTitle leaves a name no space at
//     either end to be blank with.
//   - model.TalkTitlesPresent: an event without a title is dropped
//     (eventBuilder.build), and cleanTitle leaves a title no space at
//     either end.
//   - model.LinkKindsKnown: every link kind is one of the model's
//     constants (linkKind, eventBuilder.links, buildSchedule's website).
//   - model.LinkURLsSafe: a link is kept only with a URL that
//     model.SafeURLString accepts as it is (eventBuilder.linkURL, and
//     buildSchedule for the website), the validation's own check.
//
// The tests run the full Validate on what the importers make of the test
// schedules, the real exports and fuzzed ones (guarantees_test.go): a
// change that broke a guarantee would have them find a problem that the
// loader no longer looks for.
const Guaranteed = model.TalkIDsUnique | model.SpeakersKnown | model.TalkTitlesPresent | model.LinkKindsKnown | model.LinkURLsSafe

// Import reads the schedule in b (named name in errors; b is only read,
// never changed: it may be a string's memory) with the lenient
// importer of format: FormatFrabJSON, FormatPentabarfXML or
// FormatICalendar. What it drops is listed in the returned notes, with a
// last one for the notes past maxNotes. The catalogue's text is
// sanitised, each field as it is built, so that SanitizeText would change
// nothing in it (the tests prove it, sanitised_test.go); it is not yet
// validated or indexed: the caller does that for every format, without
// the checks of what it guarantees (Guaranteed).
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
