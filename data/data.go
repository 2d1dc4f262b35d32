// Package data holds the catalogue embedded in cndtalks and the loaders that
// read a user's catalogue file: the cndtalks format and its readers and
// writer, and the schedule importers, chosen by content (load.go). It
// imports nothing from the UI.
//
// Its sub-packages:
//
//   - data/store: the library of added catalogues, the marks store, safe
//     writes and the per-user directories; it reads through this package;
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
