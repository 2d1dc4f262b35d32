package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"cndtalks/data/store"
	"cndtalks/model"
)

// newMarkCmds are star, unstar, watched and unwatch: one mark set or
// cleared on the talk the arguments name.
func (a *app) newMarkCmds() []*cobra.Command {
	markCmd := func(name, short, long, example string, m store.Mark, on bool) *cobra.Command {
		return &cobra.Command{
			Use: name + " ID|QUERY", Short: short, Long: long, Example: example,
			ValidArgsFunction: a.completeTalk,
			RunE:              func(_ *cobra.Command, args []string) error { return a.mark(name, args, m, on) },
		}
	}
	return []*cobra.Command{
		markCmd("star", "star a talk: your picks, 'list is:starred'", `Stars the talk named by its ID or by a query matching one talk. Stars are
kept per catalogue in the marks file under your state directory
($XDG_STATE_HOME/cndtalks/marks.json, by default ~/.local/state/cndtalks),
so they survive an updated schedule. When the catalogue has times, starred
talks that overlap are pointed out.`, `cndtalks star kubernetes-crossing-the-chasm
cndtalks list is:starred
cndtalks export is:starred --format ics -o picks.ics`, store.Star, true),
		markCmd("unstar", "remove a talk's star",
			`Removes the star of the talk named by its ID or by a query matching one talk.`,
			`cndtalks unstar kubernetes-crossing-the-chasm`, store.Star, false),
		markCmd("watched", "mark a talk's recording as watched", `Marks the talk named by its ID or by a query matching one talk as watched,
to keep track of the recordings seen after the event ('unwatch' undoes it).`, `cndtalks watched kubeflow
cndtalks list has:video -is:watched`, store.Watch, true),
		markCmd("unwatch", "unmark a talk as watched", `Removes the watched mark of the talk named by its ID or by a query matching
one talk.`, `cndtalks unwatch kubeflow`, store.Watch, false),
	}
}

// mark sets or clears one mark of the talk args name.
func (a *app) mark(cmd string, args []string, m store.Mark, on bool) error {
	cat, t, err := a.resolveTalk(cmd, args)
	if err != nil {
		return err
	}
	marks, err := a.marksFor(cat)
	if err != nil && a.marks.ReadOnly() == nil {
		a.warn(err) // a corrupt file moved aside; read-only is said below
	}
	was := marks.Starred(t.ID)
	if m == store.Watch {
		was = marks.Watched(t.ID)
	}
	if err := marks.Set(t.ID, m, on); err != nil {
		var ce *store.CorruptError
		if !errors.As(err, &ce) || ce.MovedTo == "" {
			return err // not saved: the process ends, so the change is lost
		}
		a.warn(err) // saved, after moving a corrupt file aside
	}
	title := model.SanitizeLine(t.Title)
	id := model.SanitizeLine(t.ID)
	var msg string
	switch {
	case m == store.Star && on && was:
		msg = "already starred"
	case m == store.Star && on:
		msg = "starred"
	case m == store.Star && was:
		msg = "unstarred"
	case m == store.Star:
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
	if !on && !was {
		out = fmt.Sprintf("%s %s: %s\n", id, msg, title) // "ID was not starred", not "Was not starred ID"
	}
	if m == store.Star && on {
		i := talkIndex(cat, t)
		for _, j := range model.FindConflicts(cat, marks).With(i) {
			o := &cat.Talks[j]
			out += fmt.Sprintf("  overlaps with starred %s: %s (%s)\n",
				model.SanitizeLine(o.ID), model.SanitizeLine(o.Title), timeRange(o))
		}
	}
	return a.write(out)
}
