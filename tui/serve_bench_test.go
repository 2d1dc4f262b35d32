package tui

import (
	"fmt"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/internal/cputime"
	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// servedSession drives one browser the way cndtalks serve's Bubble Tea
// program does, synchronously: every message goes through Update and then
// View (the program calls View after every message), and the Cmds run at
// once, their renderings and search results fed back. Timers never fire.
type servedSession struct {
	tb    testing.TB
	m     Model
	views int
}

func newServedSession(tb testing.TB, cat *model.Catalogue, opts Options) *servedSession {
	opts.Style = render.StyleDark
	opts.Remote = true
	opts.Width, opts.Height = 100, 30
	opts.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	s := &servedSession{tb: tb, m: New(cat, opts)}
	s.view()
	s.run(s.m.Init())
	return s
}

func (s *servedSession) view() {
	_ = s.m.View()
	s.views++
}

func (s *servedSession) send(msg tea.Msg) {
	next, cmd := s.m.Update(msg)
	s.m = next.(Model)
	s.view()
	s.run(cmd)
}

func (s *servedSession) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			s.run(c)
		}
	case renderedMsg, searchResultMsg:
		s.send(msg)
	}
}

// servedKeys are keys of the kind an attendee of TestServeLoad types
// (serve_load_test.go): the filter opened, a term of its own, then words
// typed and erased (here five words in turn, the same for every run).
func servedKeys(i int) []tea.KeyPressMsg {
	keys := []tea.KeyPressMsg{keyMsg("/")}
	typeText := func(s string) {
		for _, r := range s {
			keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
	typeText(fmt.Sprintf("-z%02d", i))
	words := []string{"kafka", "security", "rook", "machine", "cloud"}
	for w := range words {
		word := words[(i+w)%len(words)]
		typeText(" " + word)
		for range len(word) + 1 {
			keys = append(keys, keyMsg("backspace"))
		}
	}
	return keys
}

// BenchmarkServedSessions measures what a server does for its sessions'
// keystrokes on the built-in catalogue at 100x30: each op is a new
// session that connects and types servedKeys, every message through
// Update and View, Glamour rendering for real. The sessions of one run
// are one server's: "own" gives each its own index and renderings (as
// serve did), "shared" one Shared for all (as serve does). It reports the
// CPU and the Views a keystroke.
func BenchmarkServedSessions(b *testing.B) {
	cat := data.Default()
	for _, shared := range []bool{false, true} {
		name := "own"
		if shared {
			name = "shared"
		}
		b.Run(name, func(b *testing.B) {
			var opts Options
			if shared {
				opts.Shared = NewShared(cat, nil)
			}
			b.ReportAllocs()
			keys, views := 0, 0
			cpu0 := cputime.Process()
			for i := 0; b.Loop(); i++ {
				s := newServedSession(b, cat, opts)
				for _, k := range servedKeys(i % 50) {
					s.send(k)
					keys++
				}
				views += s.views
			}
			if used := cputime.Process() - cpu0; keys > 0 {
				b.ReportMetric(float64(used.Nanoseconds())/float64(keys), "cpu-ns/key")
				b.ReportMetric(float64(views)/float64(keys), "views/key")
			}
		})
	}
}
