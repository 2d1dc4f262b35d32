package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/model"
)

func (a *app) newCataloguesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "catalogues",
		Short: "list the catalogues in the library (and the built-in one)",
		Long: `Prints a header row, then one catalogue per line: the name to give --event,
the event, how many talks it has, when it was added, when 'cndtalks update'
last brought a new copy (or "-") and where from. The built-in event is
always first.`,
		Example: `cndtalks catalogues
cndtalks catalogues --json | jq -r '.[].name'`,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("catalogues takes no arguments, got %s", model.QuoteLine(args[0]))
			}
			return a.catalogues(asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
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
	Updated time.Time `json:"updated,omitzero"`
	Checked time.Time `json:"checked,omitzero"`
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
			Format: e.Format, Added: e.Added, Updated: e.Updated, Checked: e.Checked, Source: model.SanitizeLine(e.Source),
		})
	}
	if asJSON {
		return a.writeJSON(rows)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tEVENT\tTALKS\tADDED\tUPDATED\tSOURCE")
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Local().Format("2006-01-02")
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d %s\t%s\t%s\t%s\n", r.Name, r.Event, r.Talks, plural(r.Talks, "talk", "talks"), day(r.Added), day(r.Updated), r.Source)
	}
	tw.Flush()
	return a.write(b.String())
}
