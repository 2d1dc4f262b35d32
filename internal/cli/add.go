package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

func (a *app) newAddCmd() *cobra.Command {
	var (
		name  string
		force bool
	)
	cmd := &cobra.Command{
		Use:   "add FILE|URL",
		Short: "store a catalogue or schedule for offline reading",
		Long: `Checks that FILE or URL (or - for standard input, with --name) is a catalogue or schedule cndtalks reads (a cndtalks
YAML or JSON catalogue, a frab/pretalx schedule.json, a Pentabarf/frab/pretalx
schedule.xml, an iCalendar .ics file; webcal:// is fetched over https) and stores a copy in the library, under the event's ID or
--name. Browse it with --event NAME; nothing needs the network after this.
A name already in the library is replaced only with --force (to refresh a
schedule, add it again with --force). Downloads give up after 30 seconds and
above 256 MiB, and a web page is refused with a hint. Records a schedule's
importer dropped or repaired are said on stderr, once, each reason with its
count; --tz ZONE reads a schedule's local times in that zone.

The library is in $XDG_DATA_HOME/cndtalks/catalogues (by default
~/.local/share/cndtalks/catalogues on Linux).`,
		Example: `cndtalks add https://fahrplan.events.ccc.de/congress/2025/fahrplan/schedule.json
cndtalks add fosdem-2023.xml --name fosdem23
cndtalks add webcal://example.org/schedule.ics --tz Europe/Rome
curl -sS https://example.org/schedule.xml | cndtalks add - --name example
cndtalks --event fosdem23 list room:janson`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("add takes one FILE or URL, got %d arguments", len(args))
			}
			return a.add(cmd.Context(), args[0], name, force)
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "store it as NAME (lower-case letters, digits, '.', '_', '-')")
	cmd.Flags().BoolVar(&force, "force", false, "replace a catalogue already stored under that name")
	return cmd
}

func (a *app) add(ctx context.Context, src, name string, force bool) error {
	lib, err := a.library()
	if err != nil {
		return err
	}
	lib.Replace = force
	var (
		e   store.LibraryEntry
		res *data.Result
	)
	if src == "-" {
		e, res, err = lib.AddReaderWith(ctx, a.stdin, "standard input", name, data.ImportOptions{TimeZone: a.tz})
	} else {
		e, res, err = lib.AddWith(ctx, src, name, data.ImportOptions{TimeZone: a.tz})
	}
	if errors.Is(err, store.ErrNetwork) || errors.Is(err, store.ErrStorage) || ctx.Err() != nil {
		return err // a failure at run time, not bad input
	}
	var de *data.Error
	var des data.Errors
	if errors.As(err, &de) || errors.As(err, &des) {
		// What it is not comes first, then each problem the readers found.
		return badInput(fmt.Errorf("%s is not a catalogue or schedule cndtalks reads:\n%w", model.SanitizeLine(src), err))
	}
	if err != nil {
		return badInput(err)
	}
	when := ""
	if e.HasSchedule {
		when = ", with times"
	}
	if err := a.write(fmt.Sprintf("added %s: %s, %d %s%s\nbrowse it with: cndtalks --event %s\n",
		e.Name, model.SanitizeLine(e.Event), e.Talks, plural(e.Talks, "talk", "talks"), when, e.Name)); err != nil {
		return err
	}
	a.reportImport("while importing", res)
	return nil
}
