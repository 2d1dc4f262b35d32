package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/data/gen"
	"cndtalks/model"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenMarks stars and watches talks by ID.
type goldenMarks map[string]string

func (m goldenMarks) Starred(id string) bool { return strings.Contains(m[id], "s") }
func (m goldenMarks) Watched(id string) bool { return strings.Contains(m[id], "w") }

// TestListLinesGolden pins list's line format: padded IDs (wider than
// ASCII ones included), the marks column with conflicts, day and time,
// rooms padded or cut at 24 characters, speakers with organisations and
// the kinds of link, with and without a schedule.
func TestListLinesGolden(t *testing.T) {
	cat := gen.Catalogue(120, 7)
	loc := time.FixedZone("EST", -5*3600)
	for i := range cat.Talks {
		tk := &cat.Talks[i]
		switch i % 7 {
		case 0:
			tk.Room = "Salle de conférence Émile-Nelligan (niveau 2)"
		case 3:
			tk.Room = "Auditorium"
		case 5:
			tk.Start = time.Time{}
		}
		if tk.HasSchedule() {
			tk.Start = tk.Start.In(loc)
		}
	}
	cat.Talks[4].ID = "café-été-talk"
	cat.Talks[9].Room = "Z"
	marks := goldenMarks{cat.Talks[1].ID: "s", cat.Talks[2].ID: "sw", cat.Talks[8].ID: "w"}
	// Two starred talks at the same time: the conflict column shows.
	cat.Talks[1].Start, cat.Talks[1].Duration = cat.Talks[2].Start, cat.Talks[2].Duration
	cat.Index()
	hits := make([]model.Hit, len(cat.Talks))
	for i := range hits {
		hits[i].Talk = len(hits) - 1 - i
	}
	unscheduled := *cat
	unscheduled.Talks = make([]model.Talk, len(cat.Talks))
	copy(unscheduled.Talks, cat.Talks)
	for i := range unscheduled.Talks {
		unscheduled.Talks[i].Start = time.Time{}
		unscheduled.Talks[i].Room = ""
	}
	unscheduled.Index()
	// On a terminal, list highlights what the query matched.
	q, err := model.ParseQuery("xin rook")
	if err != nil {
		t.Fatal(err)
	}
	res := model.NewIndex(cat).Refine(nil, q, nil)
	// A speaker whose name changes when sanitised is printed from the
	// catalogue, sanitised, not highlighted from the index's line.
	dirty := *cat
	dirty.Speakers = append([]model.Speaker(nil), cat.Speakers...)
	dirty.Speakers[0].Name += "\x1b[31m"
	dirty.Index()
	q, err = model.ParseQuery(strings.Fields(cat.Speakers[0].Name)[0])
	if err != nil {
		t.Fatal(err)
	}
	dirtyRes := model.NewIndex(&dirty).Refine(nil, q, nil)
	for _, c := range []struct {
		name  string
		cat   *model.Catalogue
		hits  []model.Hit
		res   *model.Result
		marks model.Marks
	}{
		{"schedule-marks", cat, hits, nil, marks},
		{"schedule-nomarks", cat, hits, nil, nil},
		{"noschedule-marks", &unscheduled, hits, nil, marks},
		{"highlighted", cat, res.Hits, res, marks},
		{"highlighted-dirty", &dirty, dirtyRes.Hits, dirtyRes, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := listLines(c.cat, c.hits, c.res, c.marks)
			path := filepath.Join("testdata", "listlines-"+c.name+".golden")
			if *updateGolden {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("listLines differs from %s:\ngot:\n%s", path, got)
			}
		})
	}
}

// TestListLinesHalves: a list long enough to be made in two halves at
// once is the list made line after line on one goroutine, with the
// widths of the widest ID and room wherever they are, marks and
// highlighting included.
func TestListLinesHalves(t *testing.T) {
	cat := gen.Catalogue(3*parallelLines, 7)
	last := len(cat.Talks) - 1
	cat.Talks[last].ID = "café-été-talk-with-the-longest-id"
	cat.Talks[last-1].Room = "Salle de conférence Émile-Nelligan (niveau 2)"
	marks := goldenMarks{cat.Talks[1].ID: "s", cat.Talks[last].ID: "sw", cat.Talks[last/2].ID: "w"}
	cat.Talks[1].Start, cat.Talks[1].Duration = cat.Talks[last].Start, cat.Talks[last].Duration
	cat.Index()
	all := make([]model.Hit, len(cat.Talks))
	for i := range all {
		all[i].Talk = (i * 7919) % len(all) // spread over the catalogue
	}
	q, err := model.ParseQuery("s")
	if err != nil {
		t.Fatal(err)
	}
	res := model.NewQueryIndex(cat).Refine(nil, q, marks)
	if len(res.Hits) < parallelLines {
		t.Fatalf("the query finds %d talks: too few to make in halves", len(res.Hits))
	}
	for _, c := range []struct {
		name  string
		hits  []model.Hit
		res   *model.Result
		marks model.Marks
	}{
		{"all, marked", all, nil, marks},
		{"all", all, nil, nil},
		{"highlighted", res.Hits, res, marks},
	} {
		t.Run(c.name, func(t *testing.T) {
			width := 0
			for _, h := range c.hits {
				width = max(width, len(model.SanitizeLine(cat.Talks[h.Talk].ID)))
			}
			var want strings.Builder
			when := scheduleColumns(cat, roomWidth(cat, c.hits))
			badges := markColumn(cat, c.hits, c.marks)
			for _, h := range c.hits {
				writeListLine(&want, cat, h.Talk, c.res, width, badges, when)
			}
			if got := listLines(cat, c.hits, c.res, c.marks); got != want.String() {
				t.Errorf("the halves differ from one goroutine's lines")
			}
		})
	}
}
