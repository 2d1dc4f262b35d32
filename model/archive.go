package model

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// An archive is several catalogues read as one (cndtalks --all): every
// talk and speaker of each keeps its own ID behind its part's label
// ("fosdem-2024/kubernetes-at-scale"), so IDs stay unique across events,
// and Catalogue.Parts says which event each range of talks comes from.
// Marks and calendar UIDs go by the talk's own event and ID (ArchiveID),
// so a star made in the archive is the star of that event alone.

// ArchivePart is one event of an archive.
type ArchivePart struct {
	// Label is the short name rows show and IDs start with: a library
	// name, or the built-in event's ID.
	Label string
	// Event is the part's own event (its ID keys the marks).
	Event Event
	// First and End delimit the part's talks: Talks[First:End].
	First, End int
}

// CatalogueChoice is one catalogue a user can switch to: a library entry,
// the built-in event, or the archive of them all. The command line lists
// them and the browser's switcher shows them.
type CatalogueChoice struct {
	// Key names it to whoever opens it: a library name, the built-in
	// event's ID, or the archive's key.
	Key string
	// Name is the library name ("All events" for the archive).
	Name string
	// Event is the event's name, or what the choice holds.
	Event string
	Talks int
	// Updated is when a library entry was last updated (cndtalks update),
	// else when it was added; zero for the built-in event and the archive.
	Updated time.Time
}

// ArchiveSource is one catalogue to merge into an archive, under its label
// (which must not contain '/').
type ArchiveSource struct {
	Label     string
	Catalogue *Catalogue
}

// ArchiveSeparator joins a part's label and a talk's or speaker's own ID.
const ArchiveSeparator = "/"

// MergeArchive reads several catalogues as one. Parts come in
// chronological order of their events (undated ones last, then by label);
// each part's talks keep their programme order. The result is indexed; the
// sources are not changed (their strings are shared).
func MergeArchive(srcs []ArchiveSource) *Catalogue {
	srcs = slices.Clone(srcs)
	slices.SortStableFunc(srcs, func(a, b ArchiveSource) int {
		da, db := sortDate(&a.Catalogue.Event), sortDate(&b.Catalogue.Event)
		if (da == "") != (db == "") {
			if da == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(da, db), cmp.Compare(a.Label, b.Label))
	})
	var talks, speakers int
	for _, s := range srcs {
		talks += len(s.Catalogue.Talks)
		speakers += len(s.Catalogue.Speakers)
	}
	out := &Catalogue{
		Event:    Event{Name: "All events"},
		Talks:    make([]Talk, 0, talks),
		Speakers: make([]Speaker, 0, speakers),
		Parts:    make([]ArchivePart, 0, len(srcs)),
	}
	// The new IDs are cut from one string and the talks' speaker lists
	// share one array: a few allocations for the whole archive.
	var refs, idBytes int
	for _, s := range srcs {
		c := s.Catalogue
		n := len(s.Label) + len(ArchiveSeparator)
		for i := range c.Speakers {
			idBytes += n + len(c.Speakers[i].ID)
		}
		for i := range c.Talks {
			idBytes += n + len(c.Talks[i].ID)
			refs += len(c.Talks[i].Speakers)
			for _, id := range c.Talks[i].Speakers {
				idBytes += n + len(id)
			}
		}
	}
	var idb strings.Builder
	idb.Grow(idBytes)
	prefixed := func(prefix, id string) string {
		start := idb.Len()
		idb.WriteString(prefix)
		idb.WriteString(id)
		// idb never grows past idBytes, so what it held stays put.
		return idb.String()[start:idb.Len()]
	}
	ids := make([]string, 0, refs)
	var desc strings.Builder
	desc.WriteString("Every stored catalogue and the built-in event, read as one archive. `event:LABEL` narrows a search to one of them.\n\n")
	for _, s := range srcs {
		c := s.Catalogue
		prefix := s.Label + ArchiveSeparator
		p := ArchivePart{Label: s.Label, Event: c.Event, First: len(out.Talks)}
		for _, sp := range c.Speakers {
			sp.ID = prefixed(prefix, sp.ID)
			out.Speakers = append(out.Speakers, sp)
		}
		for _, t := range c.Talks {
			t.ID = prefixed(prefix, t.ID)
			start := len(ids)
			for _, id := range t.Speakers {
				ids = append(ids, prefixed(prefix, id))
			}
			t.Speakers = ids[start:len(ids):len(ids)]
			out.Talks = append(out.Talks, t)
		}
		p.End = len(out.Talks)
		out.Parts = append(out.Parts, p)
		fmt.Fprintf(&desc, "- **%s**: %s", EscapeMarkdown(s.Label), EscapeMarkdown(c.Event.Name))
		if c.Event.Date != "" {
			fmt.Fprintf(&desc, ", %s", EscapeMarkdown(c.Event.Date))
		}
		fmt.Fprintf(&desc, " (%d talks)\n", len(c.Talks))
	}
	out.Event.Description = desc.String()
	out.Index()
	return out
}

// sortDate is when an event was, for ordering: its date, else its year.
func sortDate(e *Event) string {
	if e.Date == "" && e.Year > 0 {
		return fmt.Sprintf("%04d", e.Year)
	}
	return e.Date
}

// PartOf returns the archive part talk i belongs to, or nil when c is not
// an archive.
func (c *Catalogue) PartOf(i int) *ArchivePart {
	if len(c.Parts) == 0 {
		return nil
	}
	k := sort.Search(len(c.Parts), func(k int) bool { return c.Parts[k].End > i })
	if k == len(c.Parts) || i < c.Parts[k].First {
		return nil
	}
	return &c.Parts[k]
}

// ArchiveID splits an archive's talk (or speaker) ID into its part's
// label and the ID the talk has in its own catalogue. For an ID without a
// label it returns "" and the ID.
func ArchiveID(id string) (label, own string) {
	label, own, ok := strings.Cut(id, ArchiveSeparator)
	if !ok {
		return "", id
	}
	return label, own
}

// Part returns the archive part with the given label.
func (c *Catalogue) Part(label string) (*ArchivePart, bool) {
	for k := range c.Parts {
		if c.Parts[k].Label == label {
			return &c.Parts[k], true
		}
	}
	return nil, false
}

// EventOf returns the event talk i belongs to: its part's in an archive,
// else the catalogue's.
func (c *Catalogue) EventOf(i int) *Event {
	if p := c.PartOf(i); p != nil {
		return &p.Event
	}
	return &c.Event
}
