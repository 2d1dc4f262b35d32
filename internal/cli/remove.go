package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

func (a *app) newRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "remove a catalogue from the library",
		Long: `Deletes the stored copy of a catalogue added with 'cndtalks add'. The
built-in event cannot be removed.`,
		Example:           `cndtalks remove fosdem23`,
		ValidArgsFunction: a.completeLibraryName,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("remove takes one NAME, got %d arguments", len(args))
			}
			return a.remove(args[0])
		},
	}
}

func (a *app) remove(name string) error {
	if name == data.Default().Event.ID {
		return usageErrorf("%q is built in and cannot be removed", name)
	}
	lib, err := a.library()
	if err != nil {
		return err
	}
	if err := lib.Remove(name); err != nil {
		if errors.Is(err, store.ErrNotInLibrary) {
			return usageErrorf("no catalogue named %s in the library (see 'cndtalks catalogues')", model.QuoteLine(name))
		}
		return err
	}
	return a.write(fmt.Sprintf("removed %s\n", name))
}
