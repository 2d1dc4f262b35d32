package tui

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"cndtalks/data"
	"cndtalks/internal/render"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"
)

// TestProgram runs the model in a real Bubble Tea program (headless, fixed
// colour profile): the first frame, a filter, opening the slides through
// the fake opener, and quitting.
func TestProgram(t *testing.T) {
	op := &fakeOpener{}
	m := New(data.Default(), Options{Style: render.StyleDark, Opener: op, render: testRenderers.render})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI256)))
	emu := newScreen(t, 120, 40)
	waitOutput(t, tm, emu, "11 talks")
	tm.Send(keyMsg("/"))
	for _, r := range "rook" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	waitOutput(t, tm, emu, " of 11")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("o"))
	waitOutput(t, tm, emu, "Opened slides in your browser")
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if got := final.cat.Talks[final.currentTalk()].ID; got != "using-rook-to-manage-kubernetes-storage-with-ceph" {
		t.Fatalf("final selection %s", got)
	}
	if len(op.urls) != 1 || op.urls[0] != "https://www.slideshare.net/CloudOps2005/using-rook-to-manage-kubernetes-storage-with-ceph" {
		t.Fatalf("opened %v", op.urls)
	}
}

// waitOutput waits until the program's screen shows text. The output is
// played into a virtual terminal the size of the program's: the renderer
// writes only the cells that changed, so text already on the screen (the
// "Open" of "Opened" under the "o open" hint) may never be in the bytes
// written, and matching the raw bytes failed now and then under load.
// WaitFor hands over all it has read so far; only the new bytes are
// played, with each newline as a terminal's output processing (onlcr)
// turns it: a carriage return and a line feed.
func waitOutput(t *testing.T, tm *teatest.TestModel, emu *vt.Emulator, text string) {
	t.Helper()
	played := 0
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		_, _ = emu.Write(bytes.ReplaceAll(b[played:], []byte("\n"), []byte("\r\n")))
		played = len(b)
		return strings.Contains(emu.String(), text)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// newScreen is a virtual terminal of the given size for waitOutput, its
// answers to the program's queries thrown away.
func newScreen(t *testing.T, width, height int) *vt.Emulator {
	emu := vt.NewEmulator(width, height)
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	t.Cleanup(func() { _ = emu.Close() })
	return emu
}

// TestNoColor runs the program with the colour profile NO_COLOR gives
// (Ascii): no colour reaches the terminal, and the selection is still
// marked.
func TestNoColor(t *testing.T) {
	m := New(data.Default(), Options{Style: render.StyleDark, Opener: &fakeOpener{}, render: testRenderers.render})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	var out []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		out = append(out, b...)
		return bytes.Contains(out, []byte("Summary"))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	for _, sgr := range []string{"\x1b[38;", "\x1b[48;", "\x1b[3", "\x1b[4"} {
		for i := 0; ; {
			j := bytes.Index(out[i:], []byte(sgr))
			if j < 0 {
				break
			}
			seq := out[i+j:]
			if end := bytes.IndexByte(seq, 'm'); end > 0 && end < 24 && isColourSGR(string(seq[2:end])) {
				t.Fatalf("colour sequence %q with NO_COLOR's profile", seq[:end+1])
			}
			i += j + 1
		}
	}
	if !bytes.Contains(out, []byte("│")) {
		t.Fatal("no selection marker")
	}
}

// isColourSGR reports whether SGR parameters set a colour.
func isColourSGR(params string) bool {
	for _, p := range strings.Split(params, ";") {
		if n, err := strconv.Atoi(p); err == nil && ((n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 107)) {
			return true
		}
	}
	return false
}
