package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

func (a *app) newListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [QUERY...]",
		Short: "print the talks (or those matching QUERY), one per line",
		Long: `Prints one talk per line: its ID, title, speakers with organisations and
the links it has. With a QUERY, only the matching talks are printed, best
match first. The arguments are joined into one query (see 'cndtalks help query').
Once talks of the catalogue are starred or watched, a column after the ID
shows ★ (starred), ✓ (watched) and ⚠ (overlaps another starred talk), and
--json adds "starred": true and "watched": true. Nothing matching is not an
error: stdout stays empty, stderr says so, the exit status is 0.
A term starting with '-' goes after --: cndtalks list -- -kubernetes`,
		Example: `cndtalks list
cndtalks list kafka
cndtalks list speaker:gamov --json
cndtalks list has:slides topic:security
cndtalks list -- -kubernetes`,
		ValidArgsFunction: a.completeQuery,
		RunE:              func(_ *cobra.Command, args []string) error { return a.list(args, asJSON) },
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of talk objects")
	return cmd
}

// search returns the talks matching the query made of args, best first,
// and the result they come from (for the matched positions); no args means
// every talk in programme order (and no result).
func (a *app) search(cat *model.Catalogue, args []string) ([]model.Hit, *model.Result, error) {
	text := strings.Join(args, " ")
	if strings.TrimSpace(text) == "" {
		all := make([]model.Hit, len(cat.Talks))
		for i := range all {
			all[i].Talk = i
		}
		return all, nil, nil
	}
	q, err := model.ParseQuery(text)
	if err != nil {
		return nil, nil, badInput(fmt.Errorf("bad query %s: %s", model.SanitizeLine(text), strings.TrimPrefix(err.Error(), "query: ")))
	}
	q = q.ResolveToday(a.today(cat)) // now.go
	// One query: the one-shot index gives the full index's answer for a
	// fraction of its cost.
	res := model.NewQueryIndex(cat).Refine(nil, q, a.queryMarks(cat, text))
	return res.Hits, res, nil
}

func (a *app) list(args []string, asJSON bool) error {
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	hits, res, err := a.search(cat, args)
	if err != nil {
		return err
	}
	marks := a.shownMarks(cat) // marks.go
	if asJSON {
		return a.writeJSON(cat.ExportTalksMarked(talkIndexes(hits), marks))
	}
	if len(hits) == 0 {
		// Not an error: an empty result is a result (as with grep -c or
		// jq, not grep). The note goes to stderr so stdout stays empty.
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", a.noMatch(cat, strings.Join(args, " ")))
		return nil
	}
	if !a.stdoutTTY {
		return a.write(listLines(cat, hits, nil, marks))
	}
	// On a terminal the matched characters stand out, as in the browser.
	return a.writeStyled(listLines(cat, hits, res, marks))
}

// noMatch says why a query found no talk: the catalogue has none at all, or
// none matches.
func (a *app) noMatch(cat *model.Catalogue, query string) string {
	if len(cat.Talks) == 0 {
		name := a.catalogPath
		if name == "-" {
			name = "standard input"
		}
		if name == "" {
			name = a.eventName
		}
		if name == "" {
			name = cat.Event.Name
		}
		return "the catalogue " + model.SanitizeLine(name) + " has no talks"
	}
	return "no talk matches " + model.QuoteLine(query)
}

func talkIndexes(hits []model.Hit) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.Talk
	}
	return out
}
