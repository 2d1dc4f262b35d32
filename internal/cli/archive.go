package cli

import (
	"fmt"
	"strings"

	"cndtalks/model"
)

// archive loads --all: the built-in event and every catalogue in the
// library as one archive (store.Library.LoadArchive), read through the
// library's parsed snapshots. An entry that cannot be read is left out and
// said on stderr (and in the browser's status line).
func (a *app) archive() (*model.Catalogue, error) {
	switch {
	case a.catalogPath != "":
		return nil, usageErrorf("--all and --catalog both choose the catalogue: give one")
	case a.eventName != "":
		return nil, usageErrorf("--all and --event both choose the catalogue: give one")
	case a.tz != "":
		return nil, usageErrorf("--tz applies to --catalog FILE and add, not to --all")
	}
	lib, err := a.library()
	if err != nil {
		return nil, err
	}
	cat, problems, err := lib.LoadArchive(a.ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range problems {
		fmt.Fprintf(a.stderr, "cndtalks: %s\n", p)
	}
	if len(problems) > 0 {
		a.notice = strings.Join(problems, "; ")
	}
	a.cat = cat
	return cat, nil
}
