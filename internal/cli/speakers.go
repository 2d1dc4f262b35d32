package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

func (a *app) newSpeakersCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "speakers",
		Short: "print the speakers with their organisations and talks",
		Long: `Prints one speaker per line: name, organisation (when known) and the
titles of their talks.`,
		Example: `cndtalks speakers
cndtalks speakers --json | jq -r '.[] | select(.org != "") | .org'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("speakers takes no arguments, got %s", model.QuoteLine(args[0]))
			}
			return a.speakers(asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of speaker objects")
	return cmd
}

func (a *app) speakers(asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	if asJSON {
		return a.writeJSON(cat.ExportSpeakers())
	}
	var b strings.Builder
	for _, s := range cat.ExportSpeakers() {
		b.WriteString(model.SanitizeLine(s.Name))
		if s.Org != "" {
			fmt.Fprintf(&b, " (%s)", model.SanitizeLine(s.Org))
		}
		titles := make([]string, 0, len(s.Talks))
		for _, id := range s.Talks {
			if t, ok := cat.Talk(id); ok {
				titles = append(titles, model.SanitizeLine(t.Title))
			}
		}
		if len(titles) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(titles, "; "))
		}
		b.WriteByte('\n')
	}
	return a.write(b.String())
}
