// Package data holds the catalogue embedded in cndtalks and the loader that
// reads a user's catalogue file: LoadFile and Parse choose the format by
// content (load.go) and call data/catalog or data/schedule. It imports
// nothing from the UI, and re-exports the names its callers use
// (aliases.go).
//
// Its sub-packages:
//
//   - data/catalog: the cndtalks format, its readers, writer and checks;
//   - data/schedule: the schedule importers (frab/pretalx JSON, Pentabarf
//     XML, iCalendar);
//   - data/store: the library of added catalogues, the marks store, safe
//     writes and the per-user directories; it reads through this package;
//   - data/internal/source: the Error type, positions, the context-aware
//     reader and JSON duplicate keys, shared by the readers and importers;
//   - data/internal/fsx: file locks and the other file-system helpers this
//     package and data/store share;
//   - data/gen: a generator of large catalogues for benchmarks.
package data

import (
	_ "embed"
	"sync"

	"cndtalks/model"
)

//go:embed catalogue.yaml
var embedded string

// EmbeddedName is the file name errors about the embedded catalogue carry.
const EmbeddedName = "data/catalogue.yaml"

var (
	defaultOnce sync.Once
	defaultCat  *model.Catalogue
)

// Default returns the catalogue built into the binary: Montreal Cloud Native
// Day 2019. It is parsed, sanitised, validated and indexed once, on first use,
// and shared: callers must not modify it.
//
// The embedded file is checked by the package's tests, so a broken one fails
// `go test`, never a user; Default panics only if a build skipped them.
func Default() *model.Catalogue {
	defaultOnce.Do(func() {
		r, err := parse(EmbeddedName, embedded, ImportOptions{})
		if err != nil {
			panic("data: the embedded catalogue does not load: " + err.Error())
		}
		defaultCat = r.Catalogue
	})
	return defaultCat
}

// Embedded returns a copy of the embedded catalogue file's bytes, for tools
// that want to show or export the source itself.
func Embedded() []byte {
	return []byte(embedded)
}
