// Package store keeps what cndtalks writes for a user: the library of
// added catalogues and schedules (library.go: add, remove, list, downloads
// over HTTP), the marks store (marks.go: stars and watched talks, with file
// locks), safe writes of state and output files (safewrite.go) and the
// per-user directories (dirs.go). It reads catalogues through package data
// and imports nothing from the UI.
package store
