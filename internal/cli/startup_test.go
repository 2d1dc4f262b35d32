package cli

import (
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestHoldGC(t *testing.T) {
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	limitBefore := debug.SetMemoryLimit(-1)

	release := holdGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GC percent while held = %d, want -1 (off)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != holdGCHeap {
		t.Errorf("memory limit while held = %d, want %d", l, holdGCHeap)
	}
	release()
	release() // the timer calls it too: harmless
	if p := debug.SetGCPercent(77); p != 77 {
		t.Errorf("GC percent after release = %d, want 77", p)
	}
	if l := debug.SetMemoryLimit(-1); l != limitBefore {
		t.Errorf("memory limit after release = %d, want %d", l, limitBefore)
	}
	if limitBefore != math.MaxInt64 {
		t.Logf("GOMEMLIMIT was set: %d", limitBefore)
	}
}

func TestSmallCatalogue(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.yaml")
	if err := os.WriteFile(small, []byte("event: {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(holdGCMaxFile + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	tests := []struct {
		name         string
		catalog, evt string
		want         bool
	}{
		{"built-in", "", "", true},
		{"small file", small, "", true},
		{"big file", big, "", false},
		{"missing file", filepath.Join(dir, "nope.yaml"), "", false},
		{"directory", dir, "", false},
		{"library event", "", "fosdem23", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &app{catalogPath: tt.catalog, eventName: tt.evt}
			if got := a.smallCatalogue(); got != tt.want {
				t.Errorf("smallCatalogue() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestLoadLargeGC: loading a big file relaxes the collector (GOGC 400
// under a soft memory limit); a long-running command gets GOGC back once
// it is loaded, a one-shot command keeps it relaxed until it exits, and
// GOGC set by the user is left alone.
func TestLoadLargeGC(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.yaml")
	// Blank: it loads fast, and fails ("empty catalogue") after the
	// collector was relaxed.
	if err := os.WriteFile(big, make([]byte, holdGCMaxFile+1), 0o644); err != nil {
		t.Fatal(err)
	}
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	limitBefore := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(limitBefore)
	for _, c := range []struct {
		name        string
		longRunning bool
		gogc        string
		want        int
	}{
		{"one-shot", false, "", bigLoadGCPercent},
		{"long-running", true, "", 77},
		{"GOGC set", false, "50", 77},
	} {
		t.Run(c.name, func(t *testing.T) {
			debug.SetGCPercent(77)
			a := newApp(Options{})
			a.catalogPath, a.longRunning = big, c.longRunning
			a.getenv = func(k string) string {
				if k == "GOGC" {
					return c.gogc
				}
				return ""
			}
			if _, _, err := a.loadLarge(); err == nil {
				t.Fatal("a blank file loaded")
			}
			if p := debug.SetGCPercent(77); p != c.want {
				t.Errorf("GOGC after the load = %d, want %d", p, c.want)
			}
		})
	}
}
