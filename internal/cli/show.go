package cli

import "github.com/spf13/cobra"

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
starred or watched talk says so under its title.`,
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
	return a.writeMarkdown(cat.TalkMarkdownMarked(t, marks), raw)
}
