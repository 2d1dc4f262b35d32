package cli

import (
	"os"
	"runtime/debug"
	"sync"
	"time"

	"cndtalks/data"
)

// Garbage collection while the browser starts. Building the first frame
// allocates several times the live heap in garbage, and the collector,
// which first runs at a small heap, ran several cycles before the first
// frame: a measurable share of the CPU time to it. For a small catalogue the collector is held
// off until the heap reaches holdGCHeap or holdGCFor has passed, whichever
// comes first; then it works as before (GOGC and GOMEMLIMIT as the user set
// them). A big catalogue, whose live heap alone may pass holdGCHeap, starts
// with the collector as usual. The measurements are in BENCHMARKS.md
// ("Start-up").
const (
	// holdGCHeap is the heap size at which collection resumes anyway.
	holdGCHeap = 64 << 20
	// holdGCFor is how long collection is held off at most: the first
	// frame is drawn well before.
	holdGCFor = 500 * time.Millisecond
	// holdGCMaxFile is the largest catalogue file whose start holds the
	// collector off (a catalogue's heap is a few times its file size).
	holdGCMaxFile = 8 << 20
)

// holdGC holds the garbage collector off (see holdGCHeap) and returns the
// function that lets it resume, which a timer also calls after holdGCFor.
func holdGC() (release func()) {
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(holdGCHeap)
	var once sync.Once
	release = func() {
		once.Do(func() {
			debug.SetMemoryLimit(limit)
			debug.SetGCPercent(percent)
		})
	}
	time.AfterFunc(holdGCFor, release)
	return release
}

// smallCatalogue reports whether the catalogue to browse is small enough
// to start with the collector held off: the built-in event, or a
// --catalog file of at most holdGCMaxFile bytes.
func (a *app) smallCatalogue() bool {
	if a.eventName != "" {
		return false
	}
	if a.catalogPath == "" {
		return true
	}
	fi, err := os.Stat(a.catalogPath)
	return err == nil && fi.Mode().IsRegular() && fi.Size() <= holdGCMaxFile
}

// bigLoadGCPercent is GOGC while a big catalogue is decoded. Decoding keeps
// nearly everything it allocates (the catalogue is the live heap), so the
// default GOGC=100 makes the collector re-mark a heap that is all still
// live as it doubles. At 400 it runs a few times less often, for less CPU
// and somewhat more peak memory (the figures are in BENCHMARKS.md, "Loading
// a 100,000-talk catalogue file").
const bigLoadGCPercent = 400

// loadLarge is loadSelected with the collector relaxed for a big catalogue
// file (over holdGCMaxFile), unless the user set GOGC themselves. A
// long-running command (a.longRunning: the browser, serve) gets GOGC back
// once the file is loaded; a one-shot command (list, export...) keeps it
// relaxed until it exits, under the soft memory limit: restoring it made
// the collector mark the whole new catalogue at once, 20-30 ms of CPU
// spent just before the command prints and exits (BENCHMARKS.md,
// "Round 5").
func (a *app) loadLarge() (*data.Result, string, error) {
	if a.getenv("GOGC") == "" && !a.smallCatalogue() {
		old := debug.SetGCPercent(bigLoadGCPercent)
		if a.longRunning {
			defer debug.SetGCPercent(old)
		}
		if a.getenv("GOMEMLIMIT") == "" {
			// GOGC=400 lets a big schedule's import (whose garbage is
			// a large share of what it allocates) peak at 636 MB for a
			// 100 MB file; a soft limit makes the collector work harder
			// only near it. It stays for the rest of the run: the search
			// index built next would otherwise take the peak to 420 MB
			// (368 MB with it; BENCHMARKS.md, "The archive").
			debug.SetMemoryLimit(bigLoadMemoryLimit(a.catalogPath))
		}
	}
	return a.loadSelected()
}

// bigLoadMemoryLimit is the soft memory limit while a big catalogue file
// loads: 350 MiB, or three times the file's size for a file over a third
// of that, so that a catalogue whose live heap needs more never makes the
// collector run without end.
func bigLoadMemoryLimit(path string) int64 {
	limit := int64(350 << 20)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		limit = max(limit, 3*fi.Size())
	}
	return limit
}
