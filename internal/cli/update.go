package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

func (a *app) newUpdateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "update [NAME...]",
		Short: "fetch stored schedules again and say what changed",
		Long: `Fetches each named catalogue of the library (every one added from a URL,
without NAME) again from the URL it was added from, asking the server
whether it changed since (If-None-Match, If-Modified-Since), with the limits
of 'add'. A new copy replaces the stored one, which is kept as the previous
version, and the talks it added, removed (cancelled), moved (day, time,
room), retitled or gave other speakers are listed; 'cndtalks changes NAME'
lists them again, and the browser marks them. Stars and watched marks stay
(they follow the talks' IDs); a starred talk that was removed is named.

A catalogue added from a file or standard input is skipped. When a download
fails, or brings an error page or a copy that does not load, the stored copy
stays as it was and the reason is said; the other names are still updated,
and the exit status is 1.`,
		Example: `cndtalks update
cndtalks update fosdem23
cndtalks changes fosdem23`,
		ValidArgsFunction: func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return a.libraryNames(false), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.update(cmd.Context(), args)
		},
	}
}

func (a *app) update(ctx context.Context, names []string) error {
	lib, err := a.library()
	if err != nil {
		return err
	}
	for _, n := range names {
		if n == data.Default().Event.ID {
			return usageErrorf("%q is built in: there is nothing to update", n)
		}
		if _, err := lib.Entry(n); errors.Is(err, store.ErrNotInLibrary) {
			return usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues')", model.QuoteLine(n))
		}
	}
	if len(names) == 0 {
		entries, err := lib.List()
		if err != nil {
			return err
		}
		for _, e := range entries {
			names = append(names, e.Name)
		}
		if len(names) == 0 {
			fmt.Fprintln(a.stderr, "cndtalks: the library is empty: nothing to update ('cndtalks add URL' stores a schedule)")
			return nil
		}
	}
	failed := 0
	for _, n := range names {
		res, err := lib.Update(ctx, n)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, store.ErrNotFromURL):
			err = a.write(n + ": not from a URL, skipped\n")
		case err != nil:
			failed++
			for _, line := range strings.Split(err.Error(), "\n") {
				fmt.Fprintf(a.stderr, "cndtalks: %s: %s\n", n, model.SanitizeLine(line))
			}
			continue
		default:
			err = a.write(a.updateReport(n, res))
		}
		if err != nil {
			return err
		}
	}
	if failed > 0 {
		// Each failure was said; this line sums them up (exit status 1).
		return fmt.Errorf("%d %s could not be updated", failed, plural(failed, "catalogue", "catalogues"))
	}
	return nil
}

// updateReport says what an update did to one catalogue: unchanged, or
// the count of changes and one line per change, then what became of the
// starred talks that were removed.
func (a *app) updateReport(name string, res store.UpdateResult) string {
	var b strings.Builder
	if res.Unchanged {
		b.WriteString(name + ": unchanged\n")
		return b.String()
	}
	cs := res.Changes
	if cs.Empty() {
		fmt.Fprintf(&b, "%s: a new copy, %d %s; no talk changed\n", name, res.Entry.Talks, plural(res.Entry.Talks, "talk", "talks"))
	} else {
		fmt.Fprintf(&b, "%s: %s\n", name, cs.Summary())
		b.WriteString(changeLines(cs))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(&b, "  note: %s\n", model.SanitizeLine(n))
	}
	if res.Old != nil {
		marks, err := a.marksFor(res.Old)
		a.warn(err)
		for _, c := range cs.Talks {
			if c.Removed && marks.Starred(c.ID) {
				fmt.Fprintf(&b, "  starred talk %s (%s) was removed\n", model.SanitizeLine(c.ID), model.SanitizeLine(c.Title))
			}
		}
	}
	return b.String()
}

// changeLines lists a change set, one line per change of a talk:
//
//   - ID  Title: new since the last update
//     ~ ID  Title: moved from Sat 11:00 Janson to Sat 12:00 H.2215
func changeLines(cs *model.ChangeSet) string {
	var b strings.Builder
	for i := range cs.Talks {
		c := &cs.Talks[i]
		for _, line := range c.Lines() {
			fmt.Fprintf(&b, "  %s %s  %s: %s\n", c.Mark(), model.SanitizeLine(c.ID), model.SanitizeLine(c.Title), line)
		}
	}
	return b.String()
}
