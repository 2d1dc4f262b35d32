package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/internal/render"
	"cndtalks/model"
)

// Shell completion ('cndtalks completion bash|zsh|fish|powershell'): talk
// IDs for the commands that name one talk, query qualifiers for those that
// take a query, library names for --event and remove. Completion loads the
// catalogue the command line names so far (--catalog, --event); a problem
// loading it completes nothing rather than printing an error.

// registerGlobalCompletions completes the global flags' values.
func (a *app) registerGlobalCompletions(root *cobra.Command) {
	_ = root.RegisterFlagCompletionFunc("event", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return a.libraryNames(true), cobra.ShellCompDirectiveNoFileComp
	})
	_ = root.RegisterFlagCompletionFunc("style", cobra.FixedCompletions(
		[]string{render.StyleAuto.String(), render.StyleDark.String(), render.StyleLight.String()},
		cobra.ShellCompDirectiveNoFileComp))
	_ = root.RegisterFlagCompletionFunc("now", cobra.NoFileCompletions) // a time: nothing to offer
	// --catalog completes file names, cobra's default.
}

// libraryNames are the names --event accepts: the built-in event (when
// builtIn) and the stored catalogues, each with its event's name.
func (a *app) libraryNames(builtIn bool) []cobra.Completion {
	var out []cobra.Completion
	if builtIn {
		def := data.Default()
		out = append(out, cobra.CompletionWithDesc(def.Event.ID, model.SanitizeLine(def.Event.Name)))
	}
	lib, err := a.library()
	if err != nil {
		return out
	}
	entries, err := lib.List()
	if err != nil {
		return out
	}
	for _, e := range entries {
		out = append(out, cobra.CompletionWithDesc(e.Name, model.SanitizeLine(e.Event)))
	}
	return out
}

// completeLibraryName completes remove's NAME.
func (a *app) completeLibraryName(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return a.libraryNames(false), cobra.ShellCompDirectiveNoFileComp
}

// completeTalk completes a talk ID (with its title), or a query qualifier
// when the word being typed is one.
func (a *app) completeTalk(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 || strings.Contains(toComplete, ":") {
		return a.completeQuery(cmd, args, toComplete)
	}
	cat, err := a.catalogue()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for i := range cat.Talks {
		t := &cat.Talks[i]
		if strings.HasPrefix(t.ID, toComplete) {
			out = append(out, cobra.CompletionWithDesc(model.SanitizeLine(t.ID), model.SanitizeLine(t.Title)))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// completeQuery completes a query word: a qualifier ("speaker:") while its
// name is typed, then the values the qualifier takes when they are a fixed
// set (has:, is:).
func (a *app) completeQuery(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	neg := strings.HasPrefix(toComplete, "-")
	word := strings.TrimPrefix(toComplete, "-")
	sign := ""
	if neg {
		sign = "-"
	}
	var out []cobra.Completion
	if name, value, ok := strings.Cut(word, ":"); ok {
		for _, q := range model.QueryQualifiers() {
			if q.Name != name {
				continue
			}
			for _, v := range q.Values {
				if strings.HasPrefix(v, value) {
					out = append(out, cobra.Completion(sign+name+":"+v))
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	for _, q := range model.QueryQualifiers() {
		if strings.HasPrefix(q.Name, word) {
			out = append(out, cobra.CompletionWithDesc(sign+q.Name+":", q.Help))
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// completeHelpTopic completes 'help': the commands and "query".
func (a *app) completeHelpTopic(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, c := range cmd.Root().Commands() {
		if !c.Hidden && c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
			out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
		}
	}
	if strings.HasPrefix("query", toComplete) {
		out = append(out, cobra.CompletionWithDesc("query", "the query language"))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
