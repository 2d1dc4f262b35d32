package tui

import (
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// fakeOpener records the URLs it is asked to open and fails when err is set.
type fakeOpener struct {
	urls []string
	err  error
}

func (f *fakeOpener) Open(u string) error {
	f.urls = append(f.urls, u)
	return f.err
}

// testRenderers shares Glamour renderers between tests: building one per
// width is the slow part of a test otherwise.
var testRenderers = &glamourRenderers{m: map[[2]int]*render.Renderer{}}

// harness drives a Model the way a Program does, but synchronously: every
// Cmd is run and the messages cndtalks defines are fed back to Update.
type harness struct {
	t      testing.TB
	m      Model
	opener *fakeOpener
	// msgs are the messages the Cmds produced, in order.
	msgs []tea.Msg
}

// newHarness builds the browser on cat at w x h with a fake opener and the
// dark Glamour style.
func newHarness(t testing.TB, cat *model.Catalogue, w, h int) *harness {
	t.Helper()
	if cat == nil {
		cat = data.Default()
	}
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	// x and X write exports: into a temporary directory, never the package's.
	hs.m = New(cat, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render, ExportDir: t.TempDir(), tick: pendingTick})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// pendingTick stands for tea.Tick: its message is recorded in msgs at once
// (the default case of run) and not delivered, so a test decides when time
// passes by sending it.
func pendingTick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return fn(time.Time{}) }
}

// send delivers msgs and runs the Cmds they cause until nothing is left.
func (h *harness) send(msgs ...tea.Msg) *harness {
	h.t.Helper()
	for _, msg := range msgs {
		m, cmd := h.m.Update(msg)
		h.m = m.(Model)
		h.run(cmd)
	}
	return h
}

// run executes cmd (and batches) and feeds cndtalks' own messages back.
func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case searchResultMsg, renderedMsg, openedMsg, markedMsg, exportedMsg, marksReloadedMsg, cataloguesListedMsg, catalogueOpenedMsg:
		h.msgs = append(h.msgs, msg)
		h.send(msg)
	default:
		h.msgs = append(h.msgs, msg)
	}
}

// keys sends key presses: "j", "enter", "ctrl+c", or text typed rune by rune
// when prefixed with "type:".
func (h *harness) keys(keys ...string) *harness {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
	return h
}

// typeText types s into whatever has the keyboard.
func (h *harness) typeText(s string) *harness {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return h
}

// keyMsg builds the key press a terminal would send for a key name.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+c", "ctrl+n", "ctrl+p":
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screen is the view without styling.
func (h *harness) screen() string {
	return ansi.Strip(h.m.View().Content)
}
