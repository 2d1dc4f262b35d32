package data

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"cndtalks/model"
)

var updateWrite = flag.Bool("update-write", false, "rewrite data/testdata/write/*.golden")

// writerCatalogue holds the values whose spelling a writer must get right:
// strings a YAML reader would take for another type, line breaks (in block
// and in flow lists), HTML and JSON-sensitive characters, empty and zero
// fields, and every field of every type.
func writerCatalogue() *model.Catalogue {
	start := time.Date(2024, 5, 14, 9, 0, 0, 0, time.FixedZone("", -4*3600))
	return &model.Catalogue{
		Event: model.Event{
			ID: "ex-2024", Name: "yes", Edition: "2019", Year: 2024, Date: "2024-05-14", DateNote: "1:20",
			EndDate: "2024-05-15", TimeZone: "America/Toronto", City: "Montréal", Venue: "null",
			Country: "on", Organiser: "<b>&amp;</b>", Description: "Two days.\n\nWith *Markdown*.\n",
			Attendance: "about 300", Source: "a \"quoted\" \\ source\u2028",
			Links:     []model.Link{{Kind: model.LinkVideo, URL: "https://example.org/v?a=1&b=2", Label: "Video"}},
			Community: []model.Link{{Kind: model.LinkCommunity, URL: "https://example.org/c"}},
			Sponsors:  []string{"Acme", "1.5", "true"},
			Thanks:    []string{"Pizzeria (lunch)"},
		},
		Talks: []model.Talk{
			{
				ID: "opening", Title: "Opening: the sequel", Subtitle: "- dash", Kind: "keynote", Order: 1,
				Speakers: []string{"ada", "no"}, Summary: "Line one\nline two", Topics: []string{"a\nb", "#tag", "k8s"},
				Links:    []model.Link{{Kind: model.LinkSlides, URL: "https://example.org/s.pdf", Label: "Slides (PDF)"}},
				Language: "en", Start: start, Duration: 75 * time.Minute, Room: "Hall A", Track: "Main", Day: "2024-05-14",
			},
			{ID: "t2", Title: "Two", Duration: 2 * time.Hour},
			{ID: "t3", Title: "Three", Duration: 90 * time.Second},
		},
	}
}

// TestWriteGolden pins what WriteYAML and WriteJSON write, byte for byte:
// stored catalogues and exports must not change shape when the writer does.
func TestWriteGolden(t *testing.T) {
	for _, w := range []struct {
		name  string
		write func(*strings.Builder, *model.Catalogue) error
	}{
		{"catalogue.yaml", func(b *strings.Builder, c *model.Catalogue) error { return WriteYAML(b, c) }},
		{"catalogue.json", func(b *strings.Builder, c *model.Catalogue) error { return WriteJSON(b, c) }},
	} {
		t.Run(w.name, func(t *testing.T) {
			var b strings.Builder
			if err := w.write(&b, writerCatalogue()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "write", w.name+".golden")
			if *updateWrite {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if b.String() != string(want) {
				t.Errorf("wrote\n%s\nwant\n%s", b.String(), want)
			}
		})
	}
}
