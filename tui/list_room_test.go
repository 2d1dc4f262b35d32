package tui

import (
	"strings"
	"testing"
	"time"

	"cndtalks/internal/render"

	tea "charm.land/bubbletea/v2"
)

// TestRowRoomWithoutSpeakers: a row whose talk has no speakers gives its
// time and room the whole line, so the room is not cut beside empty space
// (FOSDEM's "10:00–19:00 · I.Infode…").
func TestRowRoomWithoutSpeakers(t *testing.T) {
	c := viewsCatalogue(t)
	for i := range c.Talks {
		if c.Talks[i].ID == "hw" {
			c.Talks[i].Speakers = nil
		}
	}
	c.Index()
	h := &harness{t: t, opener: &fakeOpener{}}
	h.m = New(c, Options{Style: render.StyleDark, Opener: h.opener, render: testRenderers.render, tick: pendingTick,
		ExportDir: t.TempDir(), Now: func() time.Time { return time.Date(2023, 2, 4, 10, 5, 0, 0, time.UTC) }})
	h.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	if scr := trimLines(h.screen()); !strings.Contains(scr, "10:30 · Hardware Hacking Area -- Rear\n") {
		t.Errorf("the room of a talk without speakers is cut:\n%s", scr)
	}
}

// trimLines drops the spaces at the ends of a screen's lines.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
	}
	return strings.Join(lines, "\n")
}
