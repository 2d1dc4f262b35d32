package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/internal/opcount"
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
	if err := a.ctx.Err(); err != nil {
		return err
	}
	if asJSON {
		return a.writeJSON(cat.ExportSpeakers())
	}
	text, err := speakerLines(a.ctx, cat)
	if err != nil {
		return err
	}
	return a.write(text)
}

// speakerLines is the text speakers prints: one line per speaker, in
// catalogue order, with the titles of their talks in programme order. Each
// talk ID is looked up in a table built once (the first talk with that ID,
// as Catalogue.Talk answers), so the work grows with the catalogue, not
// with speakers times talks (issue 16: 100,000 talks took minutes). It
// stops with ctx's error when ctx ends (Ctrl-C, SIGTERM).
func speakerLines(ctx context.Context, cat *model.Catalogue) (string, error) {
	titles := make(map[string]string, len(cat.Talks))
	for i := range cat.Talks {
		t := &cat.Talks[i]
		if _, dup := titles[t.ID]; !dup {
			titles[t.ID] = model.SanitizeLine(t.Title)
		}
	}
	var b strings.Builder
	var line []string
	for i, s := range cat.ExportSpeakers() {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		b.WriteString(model.SanitizeLine(s.Name))
		if s.Org != "" {
			fmt.Fprintf(&b, " (%s)", model.SanitizeLine(s.Org))
		}
		line = line[:0]
		for _, id := range s.Talks {
			opcount.Add(1)
			if title, ok := titles[id]; ok {
				line = append(line, title)
			}
		}
		if len(line) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(line, "; "))
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}
