package cli

import (
	"fmt"

	"cndtalks/data"
	"cndtalks/model"
)

// The browser's catalogue switcher (its C key) lists and opens catalogues
// through these: the library's entries, the built-in event and --all.

// OpenedCatalogue is a catalogue opened for the browser, with its marks and
// what loading it wants said.
type OpenedCatalogue struct {
	Catalogue *model.Catalogue
	Marks     model.Marks
	Notice    string
	Skipped   []string
	Changes   *model.ChangeSet // a stored schedule's last update (nil: none)
}

// allKey is the switcher's key for --all: no library name can be it.
const allKey = "--all"

// currentKey is the switcher's key of the catalogue the browser starts on
// ("" for a --catalog file, which the switcher does not list).
func (a *app) currentKey() string {
	switch {
	case a.all:
		return allKey
	case a.eventName != "":
		return a.eventName
	case a.catalogPath != "":
		return ""
	}
	return data.Default().Event.ID
}

// catalogueChoices lists "All events", the built-in event and the library.
func (a *app) catalogueChoices() ([]model.CatalogueChoice, error) {
	lib, err := a.library()
	if err != nil {
		return nil, err
	}
	entries, err := lib.List()
	if err != nil {
		return nil, err
	}
	def := data.Default()
	total := len(def.Talks)
	for _, e := range entries {
		total += e.Talks
	}
	out := []model.CatalogueChoice{
		{Key: allKey, Name: "All events", Event: fmt.Sprintf("the %d below as one archive", len(entries)+1), Talks: total},
		{Key: def.Event.ID, Name: def.Event.ID, Event: def.Event.Name + " (built in)", Talks: len(def.Talks)},
	}
	for _, e := range entries {
		updated := e.Updated
		if updated.IsZero() {
			updated = e.Added
		}
		out = append(out, model.CatalogueChoice{Key: e.Name, Name: e.Name, Event: model.SanitizeLine(e.Event), Talks: e.Talks, Updated: updated})
	}
	return out, nil
}

// openCatalogue reads the catalogue a choice's key names, with its marks
// (the same store as the rest of the session's).
func (a *app) openCatalogue(key string) (OpenedCatalogue, error) {
	var o OpenedCatalogue
	switch key {
	case allKey:
		lib, err := a.library()
		if err != nil {
			return o, err
		}
		cat, problems, err := lib.LoadArchive(a.ctx)
		if err != nil {
			return o, err
		}
		o.Catalogue = cat
		if len(problems) > 0 {
			o.Notice = fmt.Sprintf("%d left out: %s", len(problems), problems[0])
			o.Skipped = problems
		}
	case data.Default().Event.ID:
		o.Catalogue = data.Default()
	default:
		lib, err := a.library()
		if err != nil {
			return o, err
		}
		res, err := lib.Load(key)
		if err != nil {
			return o, err
		}
		o.Catalogue = res.Catalogue
		o.Changes, _ = lib.Changes(key) // none known, or unreadable: no markers
		if len(res.Skipped) > 0 {
			o.Notice = fmt.Sprintf("%s while importing: e lists them", data.NoticeSummary(res.Skipped))
			o.Skipped = data.NoticeLines(res.Skipped)
		}
	}
	marks, _ := a.marksFor(o.Catalogue) // opened at start: what it found was said then
	o.Marks = marks
	return o, nil
}
