package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Start-up. Bubble Tea writes a frame only when its renderer's ticker
// fires, the first time one tick after the program starts: at the default
// 60 frames a second, the first frame waits a whole tick however early the
// model is ready. At 120 (Bubble Tea's maximum) the wait halves, and so does the
// delay between a key and its frame; a tick with nothing new costs a
// comparison of two strings. The measurements are in BENCHMARKS.md
// ("Start-up", with internal/firstframe).

// frameRate is the renderer's frames per second.
const frameRate = 120

// programOptions are the Bubble Tea options every Run uses.
func programOptions() []tea.ProgramOption {
	return []tea.ProgramOption{tea.WithFPS(frameRate)}
}

// warmUp does, on another goroutine while the program starts, one-time
// work the first frame would otherwise wait for: the renderer measures
// cells with go-runewidth (until the terminal says it handles grapheme
// clusters), whose first non-ASCII rune builds a large width table
// (BENCHMARKS.md, "Start-up").
func warmUp() {
	go ansi.StringWidthWc("│…·")
}
