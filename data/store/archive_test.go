package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"cndtalks/data"
)

func TestLoadArchiveAndItsMarks(t *testing.T) {
	l := snapshotLibrary(t, map[string]string{
		"edge":  "../testdata/import/frab-edge.schedule.json",
		"penta": "../testdata/import/pentabarf-edge.schedule.xml",
		"gone":  "../testdata/import/wafer.schedule.xml",
	})
	// An entry that no longer reads is left out and said.
	if err := os.WriteFile(l.catalogueFile("gone"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, problems, err := l.LoadArchive(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "gone left out: ") {
		t.Errorf("problems %q", problems)
	}
	var labels []string
	total := 0
	for _, p := range cat.Parts {
		labels = append(labels, p.Label)
		total += p.End - p.First
	}
	if got := strings.Join(labels, " "); !strings.Contains(got, "edge") || !strings.Contains(got, "penta") || !strings.Contains(got, ArchiveLabel()) || len(labels) != 3 {
		t.Errorf("parts %q", got)
	}
	edge, err := l.Load("edge")
	if err != nil {
		t.Fatal(err)
	}
	if want := len(edge.Catalogue.Talks) + 3 + len(data.Default().Talks); total != want || len(cat.Talks) != want {
		t.Errorf("%d talks, want %d", len(cat.Talks), want)
	}

	// Marks: the archive's star is the event's star.
	ms, err := OpenMarks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	am := ms.ForArchive(cat)
	own := edge.Catalogue.Talks[1].ID
	if err := am.StageStarred("edge/"+own, true)(); err != nil {
		t.Fatal(err)
	}
	alone := ms.For(edge.Catalogue.Event.ID)
	if !alone.Starred(own) {
		t.Error("a star made in the archive is not the event's star")
	}
	def := data.Default()
	if err := ms.For(def.Event.ID).SetWatched(def.Talks[0].ID, true); err != nil {
		t.Fatal(err)
	}
	if !am.Watched(ArchiveLabel() + "/" + def.Talks[0].ID) {
		t.Error("a mark made on the built-in event is not seen in the archive")
	}
	if am.Starred(own) || am.Starred("nowhere/"+own) {
		t.Error("an ID without its event's label is marked")
	}
	ids := am.IDs(Star)
	if len(ids) != 1 || ids[0] != "edge/"+own {
		t.Errorf("IDs = %q", ids)
	}
	// Reopened from the file: still there.
	ms2, err := OpenMarks(filepath.Dir(ms.Path()))
	if err != nil {
		t.Fatal(err)
	}
	if !ms2.ForArchive(cat).Starred("edge/" + own) {
		t.Error("the star was not saved under the event")
	}
}
