package store

import (
	"path/filepath"
	"testing"
)

// Two marks files in one directory are two independent sets of marks, each
// kept across a reopen.
func TestOpenMarksFileKeepsFilesApart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "marks")
	a, err := OpenMarksFile(filepath.Join(dir, "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := OpenMarksFile(filepath.Join(dir, "b.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.For("ev").SetStarred("talk-1", true); err != nil {
		t.Fatal(err)
	}
	if err := b.For("ev").SetWatched("talk-2", true); err != nil {
		t.Fatal(err)
	}
	a2, err := OpenMarksFile(filepath.Join(dir, "a.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !a2.Starred("ev", "talk-1") || a2.Watched("ev", "talk-2") {
		t.Errorf("a.json reopened: starred talk-1 %v (want true), watched talk-2 %v (want false)",
			a2.Starred("ev", "talk-1"), a2.Watched("ev", "talk-2"))
	}
	b2, err := OpenMarksFile(filepath.Join(dir, "b.json"))
	if err != nil {
		t.Fatal(err)
	}
	if b2.Starred("ev", "talk-1") || !b2.Watched("ev", "talk-2") {
		t.Errorf("b.json reopened: starred talk-1 %v (want false), watched talk-2 %v (want true)",
			b2.Starred("ev", "talk-1"), b2.Watched("ev", "talk-2"))
	}
	if got := a2.Path(); got != filepath.Join(dir, "a.json") {
		t.Errorf("Path() = %q", got)
	}
}
