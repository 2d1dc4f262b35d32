package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

func (a *app) newShowCmd() *cobra.Command {
	var raw, asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID|QUERY",
		Short: "print a talk's details as Markdown",
		Long: `Prints the talk's title, kind, speakers with organisations, summary, topics
and numbered links as Markdown: rendered for the terminal when stdout is one
(in the --style colours; NO_COLOR is honoured), plain Markdown when piped.
The talk is named by its ID (see 'cndtalks list') or by a query that matches
exactly one talk; a query matching several lists them and exits 2. A
starred or watched talk says so under its title, and so does a talk the last
'cndtalks update' of a stored schedule changed.`,
		Example: `cndtalks show kubernetes-crossing-the-chasm
cndtalks show kubeflow
cndtalks show speaker:gamov > talk.md
cndtalks show kubeflow --json | jq -r '.links[].url'`,
		ValidArgsFunction: a.completeTalk,
		RunE: func(_ *cobra.Command, args []string) error {
			if raw && asJSON {
				return usageErrorf("show takes --markdown or --json, not both")
			}
			return a.show(args, raw, asJSON)
		},
	}
	cmd.Flags().BoolVar(&raw, "markdown", false, "print plain Markdown even on a terminal")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the talk as a JSON object (as in 'list --json')")
	return cmd
}

func (a *app) show(args []string, raw, asJSON bool) error {
	cat, t, err := a.resolveTalk("show", args)
	if err != nil {
		return err
	}
	marks := a.shownMarks(cat)
	if asJSON {
		return a.writeJSON(cat.ExportTalksMarked([]int{talkIndex(cat, t)}, marks)[0])
	}
	md := cat.TalkMarkdownMarked(t, marks)
	if c, ok := a.changeSet().Find(t.ID); ok {
		md = withChangeLines(md, c)
	}
	return a.writeMarkdown(md, raw)
}

// withChangeLines puts what the last update changed in a talk under the
// title of its Markdown: "~ Moved from Sat 11:00 Janson to Sun 10:00
// K.1.105".
func withChangeLines(md string, c *model.TalkChange) string {
	title, rest, ok := strings.Cut(md, "\n\n")
	if !ok {
		return md
	}
	var b strings.Builder
	b.WriteString(title + "\n\n")
	for _, l := range c.Lines() {
		b.WriteString("*" + model.EscapeMarkdown(c.Mark()+" "+strings.ToUpper(l[:1])+l[1:]) + "*\n\n")
	}
	return b.String() + rest
}
