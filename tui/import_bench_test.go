package tui

import (
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"cndtalks/data"
	"cndtalks/internal/render"
)

// BenchmarkFirstFrame39C3 measures what stands between `cndtalks --catalog
// 39c3-everything.schedule.json` and its first frame, in process: reading
// and importing the 2.6 MB export, building the browser (search index
// included), sizing it and rendering the list view. The detail pane's
// Markdown is rendered by a Cmd after the first frame, so it is not in here.
func BenchmarkFirstFrame39C3(b *testing.B) {
	const path = "../../shared/fixtures/schedules/39c3-everything.schedule.json"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := data.LoadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		m := New(res.Catalogue, Options{Style: render.StyleDark})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if v := next.View(); v.Content == "" {
			b.Fatal("empty first frame")
		}
	}
}
