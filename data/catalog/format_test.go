package catalog

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"cndtalks/model"
)

// formatProblemsOneByOne is formatProblems with nothing remembered from
// one record to the next: the reference for its accepted values.
func formatProblemsOneByOne(c *model.Catalogue) []model.Problem {
	var ps []model.Problem
	add := func(path, msg string) { ps = append(ps, model.Problem{Path: path, Msg: msg}) }
	fresh := func(n int) accepted { return accepted{make([]string, n), make([]string, len(linkFormat.fields))} }
	checkRecord(eventFormat, &c.Event, recordPath{list: "event", index: -1, item: -1}, fresh(len(eventFormat.fields)), add)
	for i := range c.Speakers {
		checkRecord(speakerFormat, &c.Speakers[i], recordPath{list: "speakers", index: i, item: -1}, fresh(len(speakerFormat.fields)), add)
	}
	for i := range c.Talks {
		checkRecord(talkFormat, &c.Talks[i], recordPath{list: "talks", index: i, item: -1}, fresh(len(talkFormat.fields)), add)
	}
	return ps
}

// TestFormatProblemsSameOneByOne checks that remembering the values
// accepted hides no problem: runs of good and bad days and link kinds, a
// bad value twice in a row, a good one after a bad one; with the talks
// checked in one, two and three parts; and that with the link kinds
// guaranteed (model.LinkKindsKnown) only their problems are left out.
func TestFormatProblemsSameOneByOne(t *testing.T) {
	days := []string{"", "2024-01-02", "2024-01-02", "2024-02-30", "2024-1-2", "2024-01-03", "x"}
	kinds := []model.LinkKind{model.LinkVideo, model.LinkSlides, "slide", "Video", "", model.LinkVideo}
	for seed := range uint64(50) {
		r := rand.New(rand.NewPCG(seed, 2))
		c := &model.Catalogue{Event: model.Event{Name: "E", EndDate: days[r.IntN(len(days))]}}
		for range 1 + r.IntN(200) {
			tk := model.Talk{ID: "t", Title: "T", Day: days[r.IntN(len(days))]}
			for range r.IntN(3) {
				tk.Links = append(tk.Links, model.Link{Kind: kinds[r.IntN(len(kinds))], URL: "https://example.org/"})
			}
			c.Talks = append(c.Talks, tk)
		}
		want := formatProblemsOneByOne(c)
		if len(want) == 0 {
			t.Fatalf("seed %d: no problems to compare", seed)
		}
		for parts := 1; parts <= 3; parts++ {
			if got := formatProblemsIn(c, parts, 0); !reflect.DeepEqual(got, want) {
				t.Fatalf("seed %d, %d parts: formatProblems = %v\none by one: %v", seed, parts, got, want)
			}
			// With the link kinds guaranteed, every problem but theirs.
			var dates []model.Problem
			for _, p := range want {
				if !strings.HasSuffix(p.Path, ".kind") {
					dates = append(dates, p)
				}
			}
			if got := formatProblemsIn(c, parts, model.LinkKindsKnown); !reflect.DeepEqual(got, dates) {
				t.Fatalf("seed %d, %d parts, kinds known: formatProblems = %v\none by one but the kinds: %v", seed, parts, got, dates)
			}
		}
	}
}
