// Package data holds the catalogue embedded in cndtalks and the loaders that
// read a user's catalogue file. It imports nothing from the UI.
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
