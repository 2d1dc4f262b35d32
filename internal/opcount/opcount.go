// Package opcount counts the work of the readers' and importers' duplicate
// checks and lookups: one for each probe of a set, one for each element a
// scan compares. A test counts a parse of growing inputs and fails when the
// count grows faster than the input (a duplicate check that scans a list
// per person or per link makes it quadratic): unlike time, the count is
// the same on every run and every machine.
//
// Counting is off unless a test turns it on with Count; off, Add costs one
// atomic load. The count is process-wide, so a test that counts must not
// run in parallel with others that parse.
package opcount

import (
	"sync"
	"sync/atomic"
)

var (
	on      atomic.Bool
	n       atomic.Int64
	counter sync.Mutex // one Count at a time
)

// Add counts k comparisons when counting is on. Every duplicate check and
// lookup whose cost can grow with the input calls it: a set probe adds 1,
// a scan adds the number of elements it compared.
func Add(k int) {
	if on.Load() {
		n.Add(int64(k))
	}
}

// Count runs f with counting on and returns the comparisons counted while
// it ran.
func Count(f func()) int64 {
	counter.Lock()
	defer counter.Unlock()
	n.Store(0)
	on.Store(true)
	defer on.Store(false)
	f()
	return n.Load()
}
