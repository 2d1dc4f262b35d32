package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"cndtalks/data"
	"cndtalks/data/gen"
)

// TestUntilDoneReturnsOnCancel: untilDone returns the context's error as
// soon as the context ends, while f is still running, and f's result when
// f ends first.
func TestUntilDoneReturnsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	started := make(chan struct{})
	finished := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		_, err := untilDone(ctx, func() (int, error) {
			close(started)
			<-release // a computation that has not noticed the signal
			close(finished)
			return 1, nil
		})
		got <- err
	}()
	<-started
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Errorf("untilDone after cancel = %v, want context.Canceled", err)
	}
	select {
	case <-finished:
		t.Error("untilDone waited for f to finish")
	default:
	}
	close(release)

	v, err := untilDone(context.Background(), func() (int, error) { return 7, nil })
	if v != 7 || err != nil {
		t.Errorf("untilDone = %d, %v; want 7, nil", v, err)
	}
	boom := errors.New("boom")
	if _, err := untilDone(context.Background(), func() (int, error) { return 0, boom }); err != boom {
		t.Errorf("untilDone = %v, want f's error", err)
	}
}

// TestSpeakersInterrupted: a signal (the context ended) while a catalogue
// file loads or the speakers are listed ends the command with one line,
// "interrupted", exit code 130 and nothing on stdout. Before issue 16's
// fix the command finished its work first, and a 100,000-talk catalogue
// took minutes.
func TestSpeakersInterrupted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.WriteJSON(f, gen.Catalogue(3000, 1)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for _, asJSON := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var stdout, stderr bytes.Buffer
		a := newApp(Options{})
		a.ctx, a.stdout, a.stderr, a.getenv = ctx, &stdout, &stderr, func(string) string { return "" }
		a.catalogPath = path
		code := a.fail(a.speakers(asJSON))
		if code != exitInterrupted || stderr.String() != "cndtalks: interrupted\n" || stdout.Len() != 0 {
			t.Errorf("json=%v: exit %d, stderr %q, %d bytes on stdout; want %d, one line, none",
				asJSON, code, stderr.String(), stdout.Len(), exitInterrupted)
		}
	}
}
