package tui

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"cndtalks/data"
	"cndtalks/data/gen"
	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// newSharedHarness is newHarness with opts.Shared set to sh.
func newSharedHarness(t *testing.T, cat *model.Catalogue, sh *Shared, w, h int) *harness {
	t.Helper()
	op := &fakeOpener{}
	hs := &harness{t: t, opener: op}
	hs.m = New(cat, Options{Style: render.StyleDark, Opener: op, render: testRenderers.render,
		ExportDir: t.TempDir(), tick: pendingTick, Shared: sh})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

// sharedScript is what the attendees of TestSharedSameScreens do: filter,
// move, read, view the event page, resize, and filter again.
var sharedScript = []tea.Msg{
	keyMsg("/"), keyMsg("k"), keyMsg("u"), keyMsg("b"), keyMsg("down"), keyMsg("down"), keyMsg("backspace"),
	keyMsg("enter"), keyMsg("down"), keyMsg("tab"), keyMsg("j"), keyMsg("j"), keyMsg("e"), keyMsg("t"),
	tea.WindowSizeMsg{Width: 90, Height: 28}, keyMsg("/"), keyMsg("esc"), keyMsg("G"), keyMsg("k"),
	tea.WindowSizeMsg{Width: 120, Height: 40}, keyMsg("/"), keyMsg("r"), keyMsg("o"), keyMsg("enter"),
}

// TestSharedSameScreens checks that a browser on a Shared that other
// browsers have used (the index built, the talks rendered, some at other
// widths) shows, after every key and size, the very screen a browser with
// its own index and renderings shows, and that browsers on one Shared at
// once keep their own filters, selections and views.
func TestSharedSameScreens(t *testing.T) {
	for name, cat := range map[string]*model.Catalogue{
		"built-in":  data.Default(),
		"scheduled": scheduledCatalogue(),
		"generated": gen.Catalogue(syncSearchLimit+300, 5), // searched off the UI goroutine
	} {
		t.Run(name, func(t *testing.T) {
			sh := newShared(cat, nil, nil, testRenderers.render)
			// Others first, at other widths: they build the index and render
			// what they see.
			for _, w := range []int{70, 160} {
				other := newSharedHarness(t, cat, sh, w, 40)
				other.send(sharedScript...)
			}
			own := newHarness(t, cat, 120, 40)
			shared := newSharedHarness(t, cat, sh, 120, 40)
			// A neighbour on the same Shared types something else between
			// each of this browser's keys.
			neighbour := newSharedHarness(t, cat, sh, 120, 40)
			neighbour.keys("/")
			if own.screen() != shared.screen() {
				t.Fatalf("first frame differs:\nown:\n%s\nshared:\n%s", own.screen(), shared.screen())
			}
			for i, msg := range sharedScript {
				own.send(msg)
				shared.send(msg)
				neighbour.send(keyMsg(string(rune('a' + i%26))))
				if got, want := shared.screen(), own.screen(); got != want {
					t.Fatalf("after message %d (%v) the screens differ:\nown:\n%s\nshared:\n%s", i, msg, want, got)
				}
			}
			if got := shared.m.input.Value(); got == neighbour.m.input.Value() {
				t.Fatalf("the neighbour's filter %q shows in this browser", got)
			}
		})
	}
}

// TestSharedOfAnotherCatalogue checks that a Shared made for another
// catalogue, or with other skipped records, is not used: its index and
// renderings are not this browser's.
func TestSharedOfAnotherCatalogue(t *testing.T) {
	cat, other := data.Default(), scheduledCatalogue()
	sh := NewShared(other, nil)
	m := New(cat, Options{Shared: sh})
	if m.ix == sh.ix || m.renders == sh.renders || m.opts.Shared != nil {
		t.Fatal("a browser uses the Shared of another catalogue")
	}
	sh = NewShared(cat, []string{"record 3: no title"})
	if m := New(cat, Options{Shared: sh}); m.ix == sh.ix || m.renders == sh.renders {
		t.Fatal("a browser uses a Shared with other skipped records")
	}
	sh = NewShared(cat, []string{"record 3: no title"})
	if m := New(cat, Options{Shared: sh, Skipped: []string{"record 3: no title"}}); m.ix != sh.ix || m.renders != sh.renders {
		t.Fatal("a browser does not use the Shared made for it")
	}
}

// TestRenderCacheOnce checks that browsers asking at once for the same
// rendering get it made once, and all get it.
func TestRenderCacheOnce(t *testing.T) {
	c := newRenderCache()
	k := renderKey{talk: 3, width: 80, dark: true}
	var made atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]string, 20)
	for i := range got {
		wg.Go(func() {
			got[i], _ = c.render(k, func() (string, error) {
				made.Add(1)
				<-release // every other goroutine asks meanwhile
				return "talk 3 at 80", nil
			})
		})
	}
	close(release)
	wg.Wait()
	if n := made.Load(); n != 1 {
		t.Fatalf("rendered %d times, want once", n)
	}
	for i, s := range got {
		if s != "talk 3 at 80" {
			t.Fatalf("goroutine %d got %q", i, s)
		}
	}
	if s, ok := c.get(k); !ok || s != "talk 3 at 80" {
		t.Fatalf("cached %q, %v", s, ok)
	}
}

// TestRenderCachePanic checks that a rendering whose maker panics is not
// cached, and that whoever asked for it meanwhile (or asks after) gets it
// made again, never an empty page.
func TestRenderCachePanic(t *testing.T) {
	c := newRenderCache()
	k := renderKey{talk: 1, width: 60}
	claimed, fail, failed := make(chan struct{}), make(chan struct{}), make(chan any)
	go func() {
		defer func() { failed <- recover() }()
		_, _ = c.render(k, func() (string, error) {
			close(claimed)
			<-fail
			panic("rendering failed")
		})
	}()
	<-claimed
	waiter := make(chan string)
	go func() {
		s, _ := c.render(k, func() (string, error) { return "made again", nil })
		waiter <- s
	}()
	close(fail)
	if r := <-failed; r != "rendering failed" {
		t.Fatalf("the maker's panic: %v", r)
	}
	if s := <-waiter; s != "made again" {
		t.Fatalf("the waiter got %q", s)
	}
	if s, ok := c.get(k); !ok || s != "made again" {
		t.Fatalf("cached %q, %v", s, ok)
	}
}

// TestRenderCachePutAfterEviction checks that a rendering the cache
// dropped (it filled up) while it was being made is kept again when the
// browser receives it, with its error.
func TestRenderCachePutAfterEviction(t *testing.T) {
	c := newRenderCache()
	k := renderKey{talk: 0, width: 70}
	glamourErr := errors.New("glamour failed")
	s, err := c.render(k, func() (string, error) {
		for i := range maxRenders {
			_, _ = c.render(renderKey{talk: i + 1, width: 70}, func() (string, error) { return fmt.Sprint(i), nil })
		}
		return "talk 0", glamourErr
	})
	if s != "talk 0" || err != glamourErr {
		t.Fatalf("render: %q, %v", s, err)
	}
	if _, ok := c.get(k); ok {
		t.Fatal("the cache kept more than maxRenders")
	}
	c.put(k, s, err)
	if got, ok := c.get(k); !ok || got != "talk 0" {
		t.Fatalf("after put: %q, %v", got, ok)
	}
}
