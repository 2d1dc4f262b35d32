package cli

import (
	"errors"
	"fmt"
	"strings"

	"cndtalks/model"
)

// resolveTalk finds the one talk args name: an exact ID, else a query's
// clear winner (model.Result.Winner).
func (a *app) resolveTalk(cmd string, args []string) (*model.Catalogue, *model.Talk, error) {
	if strings.TrimSpace(strings.Join(args, "")) == "" {
		return nil, nil, usageErrorf("%s needs a talk ID or a query (see 'cndtalks list')", cmd)
	}
	cat, err := a.catalogue()
	if err != nil {
		return nil, nil, err
	}
	text := strings.Join(args, " ")
	if t, ok := cat.Talk(text); ok {
		return cat, t, nil
	}
	hits, res, err := a.search(cat, args)
	if err != nil {
		return nil, nil, err
	}
	talks := talkIndexes(hits)
	switch len(talks) {
	case 0:
		if len(cat.Talks) == 0 {
			return nil, nil, badInput(errors.New(a.noMatch(cat, text)))
		}
		return nil, nil, badInput(fmt.Errorf("%s (see 'cndtalks list')", a.noMatch(cat, text)))
	}
	if i, ok := res.Winner(); ok {
		return cat, &cat.Talks[i], nil
	}
	detail := strings.TrimRight(listLines(cat, hits[:min(len(hits), maxAmbiguousLines)], nil, nil), "\n")
	if n := len(hits) - maxAmbiguousLines; n > 0 {
		detail += fmt.Sprintf("\n... and %d more ('list' with the same query prints them all)", n)
	}
	return nil, nil, &exitError{
		code:   exitUsage,
		err:    fmt.Errorf("%s matches %d talks; give an ID or a narrower query", model.QuoteLine(text), len(talks)),
		detail: detail,
	}
}

// maxAmbiguousLines caps the talks an ambiguous query lists on stderr, the
// best matches first; the count in the message is complete.
const maxAmbiguousLines = 20

// talkIndex is t's index in cat.Talks.
func talkIndex(cat *model.Catalogue, t *model.Talk) int {
	for i := range cat.Talks {
		if &cat.Talks[i] == t {
			return i
		}
	}
	return -1
}

// timeRange is "Tue 12 Nov 10:00–10:30".
func timeRange(t *model.Talk) string {
	s := t.Start.Format("Mon 2 Jan 15:04")
	if t.Duration > 0 {
		s += "–" + t.End().Format("15:04")
	}
	return s
}
