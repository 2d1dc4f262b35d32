package store

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"sync"

	"cndtalks/data"
	"cndtalks/model"
)

// ArchiveMarks are the marks of an archive (model.MergeArchive): each talk's
// marks are those of its own event, under its own ID, so a star made in the
// archive is the star that event shows alone, and the other way round.
type ArchiveMarks struct {
	store *MarksStore
	// events maps a part's label to its event's ID.
	events map[string]string
}

// ForArchive returns the marks of archive cat.
func (s *MarksStore) ForArchive(cat *model.Catalogue) *ArchiveMarks {
	m := &ArchiveMarks{store: s, events: make(map[string]string, len(cat.Parts))}
	for _, p := range cat.Parts {
		m.events[p.Label] = p.Event.ID
	}
	return m
}

// own returns the event ID and own ID of an archive's talk ID. An event
// without an ID keeps its marks in memory only, as it does alone.
func (m *ArchiveMarks) own(talkID string) (event, id string, ok bool) {
	label, id := model.ArchiveID(talkID)
	event, ok = m.events[label]
	return event, id, ok
}

// Starred reports whether the talk is starred in its event.
func (m *ArchiveMarks) Starred(talkID string) bool {
	event, id, ok := m.own(talkID)
	return ok && m.store.Starred(event, id)
}

// Watched reports whether the talk is marked watched in its event.
func (m *ArchiveMarks) Watched(talkID string) bool {
	event, id, ok := m.own(talkID)
	return ok && m.store.Watched(event, id)
}

// Set sets or clears a mark; see MarksStore.Apply for the error.
func (m *ArchiveMarks) Set(talkID string, mk Mark, on bool) error { return m.stage(talkID, mk, on)() }

// StageStarred stars or unstars a talk in memory and returns the function
// that saves it; see MarksStore.Stage.
func (m *ArchiveMarks) StageStarred(talkID string, on bool) (save func() error) {
	return m.stage(talkID, Star, on)
}

// StageWatched marks a talk watched or not in memory and returns the
// function that saves it; see MarksStore.Stage.
func (m *ArchiveMarks) StageWatched(talkID string, on bool) (save func() error) {
	return m.stage(talkID, Watch, on)
}

func (m *ArchiveMarks) stage(talkID string, mk Mark, on bool) func() error {
	event, id, ok := m.own(talkID)
	if !ok {
		return func() error { return fmt.Errorf("%s: not a talk of this archive", model.SanitizeLine(talkID)) }
	}
	return m.store.Stage(Op{Catalogue: event, Talk: id, Mark: mk, On: on})
}

// IDs returns the sorted archive IDs of the talks carrying the mark, in
// every event of the archive.
func (m *ArchiveMarks) IDs(mk Mark) []string {
	var out []string
	for label, event := range m.events {
		for _, id := range m.store.IDs(event, mk) {
			out = append(out, label+model.ArchiveSeparator+id)
		}
	}
	return out
}

// Store returns the store behind the view.
func (m *ArchiveMarks) Store() *MarksStore { return m.store }

// Reload reads the marks file again when another process changed it; see
// MarksStore.Reload.
func (m *ArchiveMarks) Reload() (bool, error) { return m.store.Reload() }

// ArchiveLabel is the label the built-in event has in an archive: its ID,
// which no library entry may take (ValidLibraryName).
func ArchiveLabel() string { return data.Default().Event.ID }

// LoadArchive reads the built-in event and every entry of the library as
// one archive (model.MergeArchive), each entry under its library name. An
// entry that cannot be read is left out and said in the returned problems,
// one line each; the rest is still read.
func (l *Library) LoadArchive(ctx context.Context) (*model.Catalogue, []string, error) {
	entries, err := l.List()
	if err != nil {
		return nil, nil, err
	}
	srcs := make([]model.ArchiveSource, len(entries)+1)
	srcs[0] = model.ArchiveSource{Label: ArchiveLabel(), Catalogue: data.Default()}
	errs := make([]error, len(entries))
	arena := l.archiveArena(entries)
	// Two at a time per CPU: reading a snapshot waits for the disk as
	// well as decoding.
	sem := make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))
	var wg sync.WaitGroup
	for i, e := range entries {
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			res, err := l.load(e.Name, arena)
			if err != nil {
				errs[i] = err
				return
			}
			srcs[i+1] = model.ArchiveSource{Label: e.Name, Catalogue: res.Catalogue}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var problems []string
	kept := srcs[:1]
	for i, s := range srcs[1:] {
		if errs[i] != nil {
			problems = append(problems, fmt.Sprintf("%s left out: %s", entries[i].Name, model.SanitizeLine(errs[i].Error())))
			continue
		}
		kept = append(kept, s)
	}
	return model.MergeArchive(kept), problems, nil
}

// archiveArena returns the arena the snapshots of the entries are read
// into (snaparena.go): as big as they are together. Nil without snapshots.
func (l *Library) archiveArena(entries []LibraryEntry) *snapArena {
	if l.Snapshots == "" {
		return nil
	}
	size := 0
	for _, e := range entries {
		if ValidLibraryName(e.Name) != nil {
			continue
		}
		if st, err := os.Stat(l.snapshotFileName(e.Name, l.catalogueFile(e.Name))); err == nil && st.Mode().IsRegular() && st.Size() < 1<<40 {
			size += int(st.Size())
		}
	}
	if size == 0 {
		return nil
	}
	return newSnapArena(size)
}
