package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"cndtalks/internal/opener"
	"cndtalks/model"
)

func (a *app) newOpenCmd() *cobra.Command {
	var slides, video bool
	cmd := &cobra.Command{
		Use:   "open ID|QUERY",
		Short: "open a talk's slides or video in the browser",
		Long: `Opens the talk's slides (or, failing that, its video or first link) in
your browser; --slides and --video ask for one of them. $BROWSER is
honoured (a ':'-separated list of commands; %s stands for the URL).
Only absolute http and https URLs are ever opened.`,
		Example: `cndtalks open kafka
cndtalks open kubernetes-crossing-the-chasm --slides
BROWSER=firefox cndtalks open kubeflow --video`,
		ValidArgsFunction: a.completeTalk,
		RunE:              func(_ *cobra.Command, args []string) error { return a.open(args, slides, video) },
	}
	cmd.Flags().BoolVar(&slides, "slides", false, "open the slides")
	cmd.Flags().BoolVar(&video, "video", false, "open the video (or recording)")
	return cmd
}

func (a *app) open(args []string, slides, video bool) error {
	if slides && video {
		return usageErrorf("open takes --slides or --video, not both")
	}
	_, t, err := a.resolveTalk("open", args)
	if err != nil {
		return err
	}
	var (
		link model.Link
		ok   bool
		what string
	)
	switch {
	case slides:
		link, ok = t.Link(model.LinkSlides)
		what = "slides"
	case video:
		link, ok = t.VideoLink()
		what = "video"
	default:
		link, ok = t.MainLink()
		what = "links"
	}
	title := model.QuoteLine(t.Title)
	if !ok {
		return fmt.Errorf("this talk has no %s: %s", what, title)
	}
	name := strings.ToLower(model.KindLabel(link.Kind))
	u, err := model.SafeURL(link.URL)
	if err != nil {
		return badInput(fmt.Errorf("refusing to open the %s of %s: %w", name, title, err))
	}
	target := u.String()
	err = a.opener.Open(target)
	switch {
	case err == nil:
		fmt.Fprintf(a.stdout, "Opened the %s of %s in your browser: %s\n", name, title, target)
		return nil
	case errors.Is(err, opener.ErrBrowserTimeout):
		fmt.Fprintf(a.stdout, "Asked your browser to open the %s of %s: %s\n", name, title, target)
		fmt.Fprintf(a.stderr, "cndtalks: %s; not waiting for it\n", model.SanitizeLine(err.Error()))
		return nil
	case errors.Is(err, model.ErrUnsafeURL):
		return badInput(fmt.Errorf("refusing to open the %s of %s: %w", name, title, err))
	default:
		return fmt.Errorf("could not open the %s of %s (%v); the link is %s", name, title, err, target)
	}
}
