package cli

import (
	"github.com/spf13/cobra"

	"cndtalks/model"
)

func (a *app) newEventCmd() *cobra.Command {
	var raw, asJSON bool
	cmd := &cobra.Command{
		Use:   "event",
		Short: "print about the event: date, place, video, community, sponsors",
		Long: `Prints the event's name, date, place, organiser, description, video,
community links, sponsors and programme, as Markdown like 'show'.`,
		Example: `cndtalks event
cndtalks event --json | jq .community`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("event takes no arguments, got %s", model.QuoteLine(args[0]))
			}
			return a.event(asJSON, raw)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON object")
	cmd.Flags().BoolVar(&raw, "markdown", false, "print plain Markdown even on a terminal")
	return cmd
}

func (a *app) event(asJSON, raw bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	if asJSON {
		return a.writeJSON(cat.ExportEvent())
	}
	return a.writeMarkdown(cat.EventMarkdown(), raw)
}
