package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

func (a *app) newChangesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "changes NAME",
		Short: "print what the last update of a stored schedule changed",
		Long: `Prints again what the last 'cndtalks update' that brought a new copy of
NAME changed: the talks added, removed (cancelled), moved (day, time, room),
retitled or given other speakers, one line per change. An update that found
the schedule unchanged leaves these as they were. --json prints them as one
object: {"name", "updated", "talks": [{"id", "title", "added", "removed",
"moved", "from", "to", "old_title", "speakers_changed", "old_speakers",
"speakers"}]}.`,
		Example: `cndtalks changes fosdem23
cndtalks changes fosdem23 --json | jq -r '.talks[] | select(.removed) | .title'
cndtalks --event fosdem23 list is:changed`,
		ValidArgsFunction: a.completeLibraryName,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("changes takes one NAME, got %d arguments", len(args))
			}
			return a.changes(args[0], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	return cmd
}

// changesJSON is what changes --json prints.
type changesJSON struct {
	Name    string             `json:"name"`
	Updated time.Time          `json:"updated,omitzero"`
	Talks   []model.TalkChange `json:"talks"`
}

func (a *app) changes(name string, asJSON bool) error {
	if name == data.Default().Event.ID {
		return usageErrorf("%q is built in: it is never updated", name)
	}
	lib, err := a.library()
	if err != nil {
		return err
	}
	cs, err := lib.Changes(name)
	if errors.Is(err, store.ErrNotInLibrary) {
		return usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues')", model.QuoteLine(name))
	}
	if err != nil {
		return err
	}
	if asJSON {
		out := changesJSON{Name: name, Talks: []model.TalkChange{}}
		if cs != nil {
			out.Updated, out.Talks = cs.Updated, cs.Talks
		}
		return a.writeJSON(out)
	}
	if cs == nil {
		fmt.Fprintf(a.stderr, "cndtalks: %s: no update has brought a new copy since it was added ('cndtalks update %s' checks)\n", name, name)
		return nil
	}
	when := cs.Updated.Local().Format("2006-01-02 15:04")
	if cs.Empty() {
		return a.write(fmt.Sprintf("%s: updated %s; no talk changed\n", name, when))
	}
	return a.write(fmt.Sprintf("%s: updated %s: %s\n%s", name, when, cs.Summary(), changeLines(cs)))
}

// changeSet is the last update's changes of the catalogue --event names,
// read once; nil for any other catalogue or when there are none. What
// stops reading them is said, and the catalogue works without them.
func (a *app) changeSet() *model.ChangeSet {
	if a.eventName == "" || a.eventName == data.Default().Event.ID {
		return nil
	}
	if a.changesRead {
		return a.lastChanges
	}
	a.changesRead = true
	lib, err := a.library()
	if err == nil {
		a.lastChanges, err = lib.Changes(a.eventName)
	}
	a.warn(err)
	return a.lastChanges
}
