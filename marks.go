package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"cndtalks/data"
	"cndtalks/model"
	"cndtalks/tui"
)

// The commands that change or use the marks: star, unstar, watched,
// unwatch and export. They live beside main.go because they are one
// feature: the marks store in data/, the exports in model/.

// withMarkCommands adds the marks commands to the table, before help.
func withMarkCommands(cmds []command) []command {
	out := make([]command, 0, len(cmds)+5)
	for _, c := range cmds {
		if c.name == "help" {
			out = append(out, markCommands()...)
		}
		out = append(out, c)
	}
	return out
}

// markCommands are star, unstar, watched, unwatch and export.
func markCommands() []command {
	markCmd := func(name, summary, help string, m data.Mark, on bool) command {
		return command{
			name: name, args: "ID|QUERY", summary: summary, help: help,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				return func(_ context.Context, args []string) error { return a.mark(name, args, m, on) }
			},
		}
	}
	return []command{
		markCmd("star", "star a talk: your picks, 'list is:starred'", `Stars the talk named by its ID or by a query matching one talk. Stars are
kept per catalogue in the marks file under your state directory
($XDG_STATE_HOME/cndtalks/marks.json, by default ~/.local/state/cndtalks),
so they survive an updated schedule. When the catalogue has times, starred
talks that overlap are pointed out.

Examples:
  cndtalks star kubernetes-crossing-the-chasm
  cndtalks list is:starred
  cndtalks export is:starred --format ics -o picks.ics`, data.Star, true),
		markCmd("unstar", "remove a talk's star", `Removes the star of the talk named by its ID or by a query matching one talk.

Examples:
  cndtalks unstar kubernetes-crossing-the-chasm`, data.Star, false),
		markCmd("watched", "mark a talk's recording as watched", `Marks the talk named by its ID or by a query matching one talk as watched,
to keep track of the recordings seen after the event ('unwatch' undoes it).

Examples:
  cndtalks watched kubeflow
  cndtalks list has:video -is:watched`, data.Watch, true),
		markCmd("unwatch", "unmark a talk as watched", `Removes the watched mark of the talk named by its ID or by a query matching
one talk.

Examples:
  cndtalks unwatch kubeflow`, data.Watch, false),
		{
			name:    "export",
			args:    "[QUERY...]",
			summary: "write talks as a Markdown list, JSON or iCalendar",
			help: `Writes the talks matching QUERY (every talk without one) to stdout, or to
FILE with -o (a regular file is replaced atomically, keeping its mode; a
symbolic link's target is written; a FIFO or device is written in place):
  md    a reading list in Markdown: speakers, times, summaries, links, watched
        talks ticked and starred ones marked (the default)
  json  the JSON array 'list --json' prints
  ics   an iCalendar file (RFC 5545) of the talks that have a time, for a
        calendar app; talks without one are left out, and counted on stderr
'is:starred' as the query exports your picks. SOURCE_DATE_EPOCH, when set,
fixes the export time written in the file (for reproducible output).

Examples:
  cndtalks export is:starred --format ics -o picks.ics
  cndtalks export topic:security > security.md
  cndtalks export --format json has:video -is:watched`,
			flags: func(a *app, fs *flag.FlagSet) func(context.Context, []string) error {
				format := fs.String("format", "md", "the output `FORMAT`: md, json or ics")
				out := fs.String("o", "", "write to `FILE` instead of stdout")
				fs.StringVar(out, "output", "", "same as -o")
				return func(_ context.Context, args []string) error { return a.export(args, *format, *out) }
			},
		},
	}
}

// marksFor opens the marks file on first use and returns cat's marks. The
// error is what opening found (a corrupt file moved aside, a file from a
// newer version, an unreadable one), returned on the first call only: the
// marks work in memory whatever happened.
func (a *app) marksFor(cat *model.Catalogue) (*data.CatalogueMarks, error) {
	var err error
	if a.marks == nil {
		a.marks, err = data.OpenDefaultMarks()
		a.marks.SetContext(a.ctx) // Ctrl-C ends a wait for the lock
	}
	return a.marks.For(cat.Event.ID), err
}

// warn prints a problem that does not stop the command on stderr.
func (a *app) warn(err error) {
	if err != nil {
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", model.SanitizeLine(err.Error()))
	}
}

// queryMarks is the marks a search needs: those of cat when the query
// mentions is:starred or is:watched, else nil, so other queries never touch
// the marks file.
func (a *app) queryMarks(cat *model.Catalogue, text string) model.Marks {
	if !strings.Contains(strings.ToLower(text), "is:") {
		return nil
	}
	marks, err := a.marksFor(cat)
	a.warn(err)
	return marks
}

// shownMarks is what list, show and the JSON show of the marks: cat's
// marks when at least one of its talks is starred or watched, else nil, so
// that a catalogue without marks prints as it always did. What opening the
// marks file found is said, unless there is no state directory at all
// (nothing to read, nothing lost).
func (a *app) shownMarks(cat *model.Catalogue) model.Marks {
	marks, err := a.marksFor(cat)
	if a.marks.Path() != "" {
		a.warn(err)
	}
	for _, m := range []data.Mark{data.Star, data.Watch} {
		for _, id := range marks.IDs(m) {
			if _, ok := cat.Talk(id); ok {
				return marks
			}
		}
	}
	return nil
}

// markColumn returns, for list, the marks of talk i as a column: a slot
// for ★ (starred) and ✓ (watched), and one for ⚠ when one of the listed
// starred talks overlaps another starred talk. With nil marks it is "".
func markColumn(cat *model.Catalogue, hits []model.Hit, marks model.Marks) func(i int) string {
	if marks == nil {
		return func(int) string { return "" }
	}
	conflicts := model.FindConflicts(cat, marks)
	clash := false
	for _, h := range hits {
		clash = clash || conflicts.Has(h.Talk)
	}
	return func(i int) string {
		t := &cat.Talks[i]
		col := []rune("    ")
		if marks.Starred(t.ID) {
			col[0] = '★'
		}
		if marks.Watched(t.ID) {
			col[1] = '✓'
		}
		if !clash {
			return string(col[:2]) + "  "
		}
		if conflicts.Has(i) {
			col[2] = '⚠'
		}
		return string(col) + " "
	}
}

// withMarks gives the browser cat's marks, to show and change; what opening
// them found goes to the status line.
func (a *app) withMarks(cat *model.Catalogue, opts *tui.Options) {
	marks, err := a.marksFor(cat)
	opts.Marks = marks
	if err != nil {
		if opts.Notice != "" {
			opts.Notice += "; "
		}
		opts.Notice += err.Error()
	}
}

// saveMarks writes the changes the browser had not finished saving when it
// quit (it saves in the background); what could not be saved is said.
func (a *app) saveMarks() {
	if a.marks != nil {
		// The signal that ended the browser must not cut this save short:
		// the lock wait is bounded on its own.
		a.marks.SetContext(context.Background())
		a.warn(a.marks.Flush())
	}
}

// mark sets or clears one mark of the talk args name.
func (a *app) mark(cmd string, args []string, m data.Mark, on bool) error {
	cat, t, err := a.resolveTalk(cmd, args)
	if err != nil {
		return err
	}
	marks, err := a.marksFor(cat)
	if err != nil && a.marks.ReadOnly() == nil {
		a.warn(err) // a corrupt file moved aside; read-only is said below
	}
	was := marks.Starred(t.ID)
	if m == data.Watch {
		was = marks.Watched(t.ID)
	}
	if err := marks.Set(t.ID, m, on); err != nil {
		var ce *data.CorruptError
		if !errors.As(err, &ce) || ce.MovedTo == "" {
			return err // not saved: the process ends, so the change is lost
		}
		a.warn(err) // saved, after moving a corrupt file aside
	}
	title := model.SanitizeLine(t.Title)
	id := model.SanitizeLine(t.ID)
	var msg string
	switch {
	case m == data.Star && on && was:
		msg = "already starred"
	case m == data.Star && on:
		msg = "starred"
	case m == data.Star && was:
		msg = "unstarred"
	case m == data.Star:
		msg = "was not starred"
	case on && was:
		msg = "already marked watched"
	case on:
		msg = "marked watched"
	case was:
		msg = "no longer marked watched"
	default:
		msg = "was not marked watched"
	}
	out := fmt.Sprintf("%s %s: %s\n", capitalise(msg), id, title)
	if m == data.Star && on {
		i := talkIndex(cat, t)
		for _, j := range model.FindConflicts(cat, marks).With(i) {
			o := &cat.Talks[j]
			out += fmt.Sprintf("  overlaps with starred %s: %s (%s)\n",
				model.SanitizeLine(o.ID), model.SanitizeLine(o.Title), timeRange(o))
		}
	}
	return a.write(out)
}

// talkIndex is t's index in cat.Talks.
func talkIndex(cat *model.Catalogue, t *model.Talk) int {
	for i := range cat.Talks {
		if &cat.Talks[i] == t {
			return i
		}
	}
	return -1
}

// timeRange is "Tue 12 Nov 10:00–10:30".
func timeRange(t *model.Talk) string {
	s := t.Start.Format("Mon 2 Jan 15:04")
	if t.Duration > 0 {
		s += "–" + t.End().Format("15:04")
	}
	return s
}

// export writes the talks matching args in the format, to stdout or file.
func (a *app) export(args []string, format, file string) error {
	f, err := model.ParseExportFormat(format)
	if err != nil {
		return usageErrorf("--format: %v", err)
	}
	now, err := a.exportTime()
	if err != nil {
		return err
	}
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	hits, _, err := a.search(cat, args)
	if err != nil {
		return err
	}
	talks := make([]int, len(hits))
	for i, h := range hits {
		talks[i] = h.Talk
	}
	marks, merr := a.marksFor(cat)
	a.warn(merr)
	query := strings.TrimSpace(strings.Join(args, " "))
	exp, err := cat.Export(f, talks, model.ExportOptions{Query: query, Marks: marks, Now: now})
	if err != nil {
		return err
	}
	if len(talks) == 0 {
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", a.noMatch(cat, query))
	}
	if exp.Skipped > 0 {
		fmt.Fprintf(a.stderr, "cndtalks: %s no time and %s left out of the calendar\n",
			plural(exp.Skipped, "1 talk has", strconv.Itoa(exp.Skipped)+" talks have"),
			plural(exp.Skipped, "was", "were"))
	}
	if file == "" || file == "-" {
		return a.write(string(exp.Data))
	}
	if err := data.WriteFile(file, exp.Data, 0o644, data.WriteNonRegularInPlace); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	fmt.Fprintf(a.stderr, "cndtalks: wrote %s to %s\n", plural(exp.Talks, "1 talk", strconv.Itoa(exp.Talks)+" talks"),
		model.SanitizeLine(file))
	return nil
}

// exportTime is now, or SOURCE_DATE_EPOCH when set, for reproducible
// exports.
func (a *app) exportTime() (time.Time, error) {
	v := a.getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now(), nil
	}
	t, err := model.ParseSourceDateEpoch(v)
	if err != nil {
		return time.Time{}, badInput(err)
	}
	return t, nil
}
