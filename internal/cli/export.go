package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/data/store"
	"cndtalks/model"
)

func (a *app) newExportCmd() *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "export [QUERY...]",
		Short: "write talks as a Markdown list, JSON or iCalendar",
		Long: `Writes the talks matching QUERY (every talk without one) to stdout, or to
FILE with -o (a regular file is replaced atomically, keeping its mode; a
symbolic link's target is written; a FIFO or device is written in place):
  md    a reading list in Markdown: speakers, times, summaries, links, watched
        talks ticked and starred ones marked (the default)
  json  the JSON array 'list --json' prints
  ics   an iCalendar file (RFC 5545) of the talks that have a time, for a
        calendar app; talks without one are left out, and counted on stderr
'is:starred' as the query exports your picks. SOURCE_DATE_EPOCH, when set,
fixes the export time written in the file (for reproducible output).`,
		Example: `cndtalks export is:starred --format ics -o picks.ics
cndtalks export topic:security > security.md
cndtalks export --format json has:video -is:watched`,
		ValidArgsFunction: a.completeQuery,
		RunE:              func(_ *cobra.Command, args []string) error { return a.export(args, format, out) },
	}
	cmd.Flags().StringVar(&format, "format", "md", "the output FORMAT: md, json or ics")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of stdout")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"md", "json", "ics"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
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
	// Exporting 100,000 talks takes seconds: a signal ends the wait.
	exp, err := untilDone(a.ctx, func() (model.Export, error) {
		return cat.Export(f, talks, model.ExportOptions{Query: query, Marks: marks, Now: now})
	})
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
	if err := store.WriteFile(file, exp.Data, 0o644, store.WriteNonRegularInPlace); err != nil {
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
