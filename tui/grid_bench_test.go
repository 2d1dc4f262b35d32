package tui

import (
	"os"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/render"

	tea "charm.land/bubbletea/v2"
)

// gridHarness is the browser on a real schedule at w x h with the grid
// open.
func gridHarness(b *testing.B, file string, w, h int) *harness {
	path := "../../shared/fixtures/schedules/" + file
	if _, err := os.Stat(path); err != nil {
		b.Skipf("real schedule not available (needs ../shared beside the repo): %v", err)
	}
	res, err := data.LoadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	hs := &harness{t: b, opener: &fakeOpener{}}
	hs.m = New(res.Catalogue, Options{Style: render.StyleDark, render: testRenderers.render, tick: pendingTick})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.keys("m")
	if hs.m.view != viewGrid {
		b.Fatal("the grid did not open")
	}
	return hs
}

// BenchmarkGridMoveFOSDEM measures one arrow key in the grid of FOSDEM
// 2023's Saturday (32 rooms, about 400 talks) at 200x50: Update and View,
// with the day's drawing cached (View slices it and redraws the selected
// block).
func BenchmarkGridMoveFOSDEM(b *testing.B) {
	h := gridHarness(b, "fosdem-2023.schedule.xml", 200, 50)
	m := h.m
	keys := []tea.KeyPressMsg{{Code: tea.KeyRight}, {Code: tea.KeyDown}, {Code: tea.KeyLeft}, {Code: tea.KeyUp}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%4])
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkGridDayFOSDEM measures changing day, which lays the day out and
// draws it again (the worst a key does): ] and [ in turn.
func BenchmarkGridDayFOSDEM(b *testing.B) {
	h := gridHarness(b, "fosdem-2023.schedule.xml", 200, 50)
	m := h.m
	keys := []tea.KeyPressMsg{{Code: ']', Text: "]"}, {Code: '[', Text: "["}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.grid.data.ok = false // the drawing is remade, as for a day not drawn yet
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkGridMove39C3 is BenchmarkGridMoveFOSDEM on 39C3 (46 rooms on
// its first day).
func BenchmarkGridMove39C3(b *testing.B) {
	h := gridHarness(b, "39c3-everything.schedule.json", 200, 50)
	m := h.m
	keys := []tea.KeyPressMsg{{Code: tea.KeyRight}, {Code: tea.KeyDown}, {Code: tea.KeyLeft}, {Code: tea.KeyUp}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%4])
		m = next.(Model)
		_ = m.View()
	}
}
