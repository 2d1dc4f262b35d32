package tui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"cndtalks/data/store"
	"cndtalks/internal/render"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkFirstFrameArchive is --all's start in one process: the archive
// read from the snapshots of the library CNDTALKS_BENCH_LIBRARY names (a
// directory 'go run ./internal/archivebench -keep DIR' made: DIR), the
// browser built and its first frame drawn.
func BenchmarkFirstFrameArchive(b *testing.B) {
	dir := os.Getenv("CNDTALKS_BENCH_LIBRARY")
	if dir == "" {
		b.Skip("set CNDTALKS_BENCH_LIBRARY to a directory made by internal/archivebench -keep")
	}
	lib := store.NewLibrary(filepath.Join(dir, "data", "cndtalks", "catalogues"))
	lib.Snapshots = filepath.Join(dir, "cache", "cndtalks", "snapshots")
	b.ReportAllocs()
	for b.Loop() {
		cat, _, err := lib.LoadArchive(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		m := New(cat, Options{Style: render.StyleDark})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		if v := next.View(); v.Content == "" {
			b.Fatal("empty first frame")
		}
	}
}
