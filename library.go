package main

// The commands of the local catalogue library (add, catalogues, remove) and
// --event, kept apart from main.go's wiring: they are the library's CLI.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"cndtalks/data"
	"cndtalks/model"
)

// libraryCommands are the library's entries in the command table.
func libraryCommands() []command {
	return []command{
		{
			name:    "add",
			args:    "FILE|URL",
			summary: "store a catalogue or schedule for offline reading",
			help: `Checks that FILE or URL (or - for standard input, with --name) is a catalogue or schedule cndtalks reads (a cndtalks
YAML or JSON catalogue, a frab/pretalx schedule.json, a Pentabarf/frab/pretalx
schedule.xml) and stores a copy in the library, under the event's ID or
--name. Browse it with --event NAME; nothing needs the network after this.
Adding again from the same source refreshes it. Downloads give up after 30
seconds and above 256 MiB, and a web page is refused with a hint. Records a
schedule's importer had to skip are listed on stderr.

The library is in $XDG_DATA_HOME/cndtalks/catalogues (by default
~/.local/share/cndtalks/catalogues on Linux).

Examples:
  cndtalks add https://fahrplan.events.ccc.de/congress/2025/fahrplan/schedule.json
  cndtalks add fosdem-2023.xml --name fosdem23
  cndtalks add webcal://example.org/schedule.ics --tz Europe/Rome
  curl -sS https://example.org/schedule.xml | cndtalks add - --name example
  cndtalks --event fosdem23 list room:janson`,
			flags: func(a *app, fs *flag.FlagSet) func(ctx context.Context, args []string) error {
				name := fs.String("name", "", "store it as `NAME` (lower-case letters, digits, '.', '_', '-')")
				return func(ctx context.Context, args []string) error {
					if len(args) != 1 {
						return usageErrorf("add takes one FILE or URL, got %d arguments", len(args))
					}
					return a.add(ctx, args[0], *name)
				}
			},
		},
		{
			name:    "catalogues",
			summary: "list the catalogues in the library (and the built-in one)",
			help: `Prints one catalogue per line: the name to give --event, the event, how many
talks it has, when it was added and where from. The built-in event is
always first.

Examples:
  cndtalks catalogues
  cndtalks catalogues --json | jq -r '.[].name'`,
			flags: func(a *app, fs *flag.FlagSet) func(ctx context.Context, args []string) error {
				asJSON := fs.Bool("json", false, "print a JSON array")
				return func(_ context.Context, args []string) error {
					if len(args) > 0 {
						return usageErrorf("catalogues takes no arguments, got %s", model.QuoteLine(args[0]))
					}
					return a.catalogues(*asJSON)
				}
			},
		},
		{
			name:    "remove",
			args:    "NAME",
			summary: "remove a catalogue from the library",
			help: `Deletes the stored copy of a catalogue added with 'cndtalks add'. The
built-in event cannot be removed.

Examples:
  cndtalks remove fosdem23`,
			flags: func(a *app, fs *flag.FlagSet) func(ctx context.Context, args []string) error {
				return func(_ context.Context, args []string) error {
					if len(args) != 1 {
						return usageErrorf("remove takes one NAME, got %d arguments", len(args))
					}
					return a.remove(args[0])
				}
			},
		},
	}
}

// withLibrary puts the library's commands before "help" in the table.
func withLibrary(cmds []command) []command {
	out := make([]command, 0, len(cmds)+3)
	for _, c := range cmds {
		if c.name == "help" {
			out = append(out, libraryCommands()...)
		}
		out = append(out, c)
	}
	return out
}

func (a *app) library() (*data.Library, error) {
	dir, err := data.LibraryDir()
	if err != nil {
		return nil, err
	}
	return data.NewLibrary(dir), nil
}

// loadSelected reads the catalogue --catalog or --event names, and a label
// for messages about it.
func (a *app) loadSelected() (*data.Result, string, error) {
	if a.eventName == "" && a.catalogPath == "-" {
		// --catalog -: a catalogue or schedule piped in, read once.
		b, err := data.ReadAllContext(a.ctx, a.stdin, data.MaxFileSize)
		if errors.Is(err, data.ErrTooLarge) {
			return nil, "", badInput(fmt.Errorf("standard input is over the %d MiB limit for a catalogue", data.MaxFileSize>>20))
		}
		if err != nil {
			return nil, "", fmt.Errorf("reading standard input: %w", err)
		}
		res, err := data.ParseWith("standard input", b, data.ImportOptions{TimeZone: a.tz})
		return res, "standard input", err
	}
	if a.eventName == "" {
		res, err := data.LoadFileContext(a.ctx, a.catalogPath, data.ImportOptions{TimeZone: a.tz})
		return res, a.catalogPath, err
	}
	if a.catalogPath != "" {
		return nil, "", usageErrorf("--catalog and --event both name a catalogue: give one")
	}
	if a.tz != "" {
		return nil, "", usageErrorf("--tz applies to --catalog FILE and add: to change a stored catalogue's zone, add it again with --tz")
	}
	if a.eventName == data.Default().Event.ID {
		return &data.Result{Catalogue: data.Default(), Format: data.FormatYAML}, a.eventName, nil
	}
	lib, err := a.library()
	if err != nil {
		return nil, "", err
	}
	res, err := lib.Load(a.eventName)
	if errors.Is(err, data.ErrNotInLibrary) {
		return nil, "", usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues'; 'cndtalks add FILE|URL' stores one)", model.QuoteLine(a.eventName))
	}
	return res, a.eventName, err
}

func (a *app) add(ctx context.Context, src, name string) error {
	lib, err := a.library()
	if err != nil {
		return err
	}
	var (
		e   data.LibraryEntry
		res *data.Result
	)
	if src == "-" {
		e, res, err = lib.AddReaderWith(ctx, a.stdin, "standard input", name, data.ImportOptions{TimeZone: a.tz})
	} else {
		e, res, err = lib.AddWith(ctx, src, name, data.ImportOptions{TimeZone: a.tz})
	}
	if errors.Is(err, data.ErrNetwork) || errors.Is(err, data.ErrStorage) || ctx.Err() != nil {
		return err // a failure at run time, not bad input
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
	for _, n := range res.Notes {
		fmt.Fprintf(a.stderr, "cndtalks: note: %s\n", model.SanitizeLine(n))
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(a.stderr, "cndtalks: while importing: %s\n", data.NoticeSummary(res.Skipped))
		for _, line := range data.NoticeLines(res.Skipped) {
			fmt.Fprintf(a.stderr, "  %s\n", line)
		}
	}
	return nil
}

// catalogueRow is one line of 'cndtalks catalogues' and one object of its
// JSON.
type catalogueRow struct {
	Name    string    `json:"name"`
	Event   string    `json:"event"`
	Talks   int       `json:"talks"`
	Skipped int       `json:"skipped,omitempty"`
	Format  string    `json:"format,omitempty"`
	Added   time.Time `json:"added,omitzero"`
	Source  string    `json:"source"`
	BuiltIn bool      `json:"built_in,omitempty"`
}

func (a *app) catalogues(asJSON bool) error {
	def := data.Default()
	rows := []catalogueRow{{Name: def.Event.ID, Event: def.Event.Name, Talks: len(def.Talks), Source: "built in", BuiltIn: true}}
	lib, err := a.library()
	if err != nil {
		return err
	}
	entries, err := lib.List()
	if err != nil {
		return err
	}
	for _, e := range entries {
		rows = append(rows, catalogueRow{
			Name: e.Name, Event: model.SanitizeLine(e.Event), Talks: e.Talks, Skipped: e.Skipped,
			Format: e.Format, Added: e.Added, Source: model.SanitizeLine(e.Source),
		})
	}
	if asJSON {
		return a.writeJSON(rows)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		added := "-"
		if !r.Added.IsZero() {
			added = r.Added.Local().Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d %s\t%s\t%s\n", r.Name, r.Event, r.Talks, plural(r.Talks, "talk", "talks"), added, r.Source)
	}
	tw.Flush()
	return a.write(b.String())
}

func (a *app) remove(name string) error {
	if name == data.Default().Event.ID {
		return usageErrorf("%q is built in and cannot be removed", name)
	}
	lib, err := a.library()
	if err != nil {
		return err
	}
	if err := lib.Remove(name); err != nil {
		if errors.Is(err, data.ErrNotInLibrary) {
			return usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues')", model.QuoteLine(name))
		}
		return err
	}
	return a.write(fmt.Sprintf("removed %s\n", name))
}

// scheduleColumns returns, for a catalogue with times, a function giving a
// talk's start (weekday and time in the event's zone) and room as aligned
// columns for 'list'; without times it gives "" so nothing about schedules
// clutters the list.
func scheduleColumns(cat *model.Catalogue, talks []int) func(*model.Talk) string {
	if !cat.HasSchedule() {
		return func(*model.Talk) string { return "" }
	}
	room := 0
	for _, i := range talks {
		room = max(room, utf8.RuneCountInString(model.SanitizeLine(cat.Talks[i].Room)))
	}
	room = min(room, 24)
	return func(t *model.Talk) string {
		when := "         " // len("Mon 15:04")
		if t.HasSchedule() {
			when = t.Start.Format("Mon 15:04")
		}
		r := []rune(model.SanitizeLine(t.Room))
		if len(r) > room {
			r = append(r[:room-1], '…')
		}
		if room == 0 {
			return when + "  "
		}
		return when + "  " + string(r) + strings.Repeat(" ", room-len(r)) + "  "
	}
}
