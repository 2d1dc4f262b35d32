package tui

import (
	"bytes"
	"testing"
	"time"

	"cndtalks/data"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgram runs the model in a real Bubble Tea program (headless, fixed
// colour profile): the first frame, a filter, opening the slides through
// the fake opener, and quitting.
func TestProgram(t *testing.T) {
	op := &fakeOpener{}
	m := New(data.Default(), Options{Style: StyleDark, Opener: op, render: testRenderers.render})
	tm := teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.ANSI256)))
	waitOutput(t, tm, "11 talks")
	tm.Send(keyMsg("/"))
	for _, r := range "rook" {
		tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	waitOutput(t, tm, " of 11")
	tm.Send(keyMsg("enter"))
	tm.Send(keyMsg("o"))
	waitOutput(t, tm, "Opened slides in your browser")
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if got := final.cat.Talks[final.currentTalk()].ID; got != "using-rook-to-manage-kubernetes-storage-with-ceph" {
		t.Fatalf("final selection %s", got)
	}
	if len(op.urls) != 1 || op.urls[0] != "https://www.slideshare.net/CloudOps2005/using-rook-to-manage-kubernetes-storage-with-ceph" {
		t.Fatalf("opened %v", op.urls)
	}
}

// waitOutput waits until the program has written text.
func waitOutput(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}
