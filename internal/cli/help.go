package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"cndtalks/model"
)

// newHelpCmd is 'cndtalks help [COMMAND]': the usage, a command's help, or
// the query language ('help query').
func (a *app) newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "print help about cndtalks, a command, or queries ('help query')",
		Long: `Prints the usage of cndtalks, the help of a command (its flags and
examples), or with 'query' the query language that list, show, open, export
and the browser's filter share.`,
		Example: `cndtalks help list
cndtalks help query`,
		ValidArgsFunction: a.completeHelpTopic, // complete.go
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.help(cmd.Root(), args)
		},
	}
}

// help prints the usage, a command's help, or the query language.
func (a *app) help(root *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return root.Help()
	case len(args) > 1:
		return usageErrorf("help takes one command name")
	case args[0] == "query" || args[0] == "queries":
		fmt.Fprint(a.stdout, model.QueryHelp())
		return nil
	}
	cmd, rest, err := root.Find(args)
	if err != nil || cmd == root || len(rest) > 0 || cmd.Hidden {
		return a.unknownCommand(args[0])
	}
	cmd.InitDefaultHelpFlag() // also merges the global flags, which help lists
	return cmd.Help()
}
