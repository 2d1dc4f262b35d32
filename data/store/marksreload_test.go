package store

import (
	"os"
	"path/filepath"
	"testing"
)

// TestReloadSeesAnotherProcess: a second store on the same file (another
// cndtalks) stars a talk; the first sees it after Reload, keeps its own
// unsaved change on top, and a second Reload with no change does nothing.
func TestReloadSeesAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	browser, err := OpenMarks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if changed, err := browser.Reload(); changed || err != nil {
		t.Fatalf("Reload with no file: %v %v", changed, err)
	}
	cli, _ := OpenMarks(dir)
	if err := cli.Apply(Op{Catalogue: "c", Talk: "a", Mark: Star, On: true}); err != nil {
		t.Fatal(err)
	}
	// A change of the browser's own, staged and not saved yet.
	save := browser.Stage(Op{Catalogue: "c", Talk: "b", Mark: Watch, On: true})

	changed, err := browser.Reload()
	if !changed || err != nil {
		t.Fatalf("Reload after another process wrote: %v %v", changed, err)
	}
	if !browser.Starred("c", "a") {
		t.Error("the other process's star is not seen")
	}
	if !browser.Watched("c", "b") {
		t.Error("the pending local mark was lost")
	}
	if changed, _ := browser.Reload(); changed {
		t.Error("a second Reload with nothing new reported a change")
	}
	// The pending change is saved with the other's star kept.
	if err := save(); err != nil {
		t.Fatal(err)
	}
	if changed, _ := browser.Reload(); changed {
		t.Error("Reload after this store's own write reported a change")
	}
	again, _ := OpenMarks(dir)
	if !again.Starred("c", "a") || !again.Watched("c", "b") {
		t.Errorf("file lost a mark: %s", readFile(t, filepath.Join(dir, MarksFileName)))
	}

	// Unstarred elsewhere: gone here too.
	if err := cli.Apply(Op{Catalogue: "c", Talk: "a", Mark: Star, On: false}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := browser.Reload(); !changed || browser.Starred("c", "a") {
		t.Error("an unstar elsewhere is not seen")
	}
}

// TestReloadKeepsMarksOnBadFile: a file that turns bad under a running
// browser is reported once and left alone; the marks known stay.
func TestReloadKeepsMarksOnBadFile(t *testing.T) {
	dir := t.TempDir()
	s, _ := OpenMarks(dir)
	if err := s.Apply(Op{Catalogue: "c", Talk: "a", Mark: Star, On: true}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, MarksFileName)
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	changed, err := s.Reload()
	if changed || err == nil {
		t.Fatalf("Reload of a bad file: %v %v", changed, err)
	}
	if !s.Starred("c", "a") {
		t.Error("marks lost on a bad file")
	}
	if _, err := s.Reload(); err != nil {
		t.Errorf("the same bad file reported twice: %v", err)
	}
	if b := readFile(t, path); b != "{not json" {
		t.Errorf("Reload touched the file: %q", b)
	}
}

func TestReloadInMemory(t *testing.T) {
	if changed, err := InMemoryMarks(nil).Reload(); changed || err != nil {
		t.Errorf("in-memory Reload: %v %v", changed, err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
