package cli

import (
	"context"
	"fmt"

	"cndtalks/internal/render"
)

// browse is `cndtalks` with no command: the browser when stdout is a
// terminal (Bubble Tea reads keys from the terminal itself when stdin is
// not one), else the plain list, as 'cndtalks list' prints it, so that
// `cndtalks > talks.txt` works from a script with no terminal at all.
func (a *app) browse(ctx context.Context) error {
	if !a.stdoutTTY || a.browser == nil {
		return a.list(nil, false)
	}
	if a.smallCatalogue() {
		defer holdGC()() // a quicker first frame (startup.go)
	}
	a.longRunning = true
	cat, err := a.catalogue()
	if err != nil {
		return err
	}
	style, _ := render.ParseStyle(a.style)
	opts := BrowseOptions{Style: style, Opener: a.opener, Notice: a.notice, Skipped: a.skipped, NoColor: a.noColor(),
		Catalogues: a.catalogueChoices, OpenCatalogue: a.openCatalogue, CatalogueKey: a.currentKey(),
		Changes: a.changeSet(), Now: a.clock(cat)}
	a.withMarks(cat, &opts)
	defer a.saveMarks()
	if err := a.browser(ctx, cat, opts); err != nil {
		return fmt.Errorf("the browser stopped: %w", err)
	}
	return nil
}
