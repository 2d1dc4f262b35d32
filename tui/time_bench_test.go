package tui

import (
	"os"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/internal/render"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkTimeViews39C3 measures what the time features cost on the
// biggest real schedule (895 talks, 39C3): one tick of the Now view
// (model.NowNext and its lines, then a frame), the Agenda view with 21
// starred talks (every 44th), and the list's frame with its day headers.
func BenchmarkTimeViews39C3(b *testing.B) {
	const path = "../../shared/fixtures/schedules/39c3-everything.schedule.json"
	if _, err := os.Stat(path); err != nil {
		b.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	res, err := data.LoadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	cat := res.Catalogue
	marks := fakeStars{}
	for i := 0; i < len(cat.Talks); i += len(cat.Talks) / 20 {
		marks[cat.Talks[i].ID] = true
	}
	at := cat.Talks[100].Start.Add(10 * time.Minute)
	m := New(cat, Options{Style: render.StyleDark, Marks: marks, Now: func() time.Time { return at }, tick: pendingTick})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	b.Run("now-tick", func(b *testing.B) {
		m.view = viewNow
		for b.Loop() {
			m.buildNow()
			_ = m.View()
		}
	})
	b.Run("agenda", func(b *testing.B) {
		m.view = viewAgenda
		for b.Loop() {
			m.buildAgenda()
			_ = m.View()
		}
	})
	b.Run("list-frame", func(b *testing.B) {
		m.view = viewTalks
		for b.Loop() {
			_ = m.View()
		}
	})
}

// fakeStars stars the talks it holds.
type fakeStars map[string]bool

func (f fakeStars) Starred(id string) bool { return f[id] }
func (f fakeStars) Watched(string) bool    { return false }
