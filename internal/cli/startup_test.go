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
