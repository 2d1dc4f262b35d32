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
	"fmt"
	"runtime"
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

// Cost is the work of one run that a linearity test compares: the
// comparisons counted, the allocations, and the bytes allocated. All three
// are the same on every run of the same input.
type Cost struct{ Ops, Allocs, Bytes float64 }

// Measure runs f with counting on and returns its Cost. The allocations
// are the process's, so nothing else may allocate meanwhile.
func Measure(f func()) Cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ops := Count(f)
	runtime.ReadMemStats(&after)
	return Cost{float64(ops), float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc)}
}

// Over describes each measure in which big (the cost of a bigger input)
// is more than limit times c: "4x the input: 15.9x the comparisons
// (…)" with what the input grew by as grew. None: the growth is within
// the limit.
func (c Cost) Over(big Cost, grew string, limit float64) []string {
	var out []string
	for _, r := range []struct {
		what     string
		one, big float64
	}{{"comparisons", c.Ops, big.Ops}, {"allocations", c.Allocs, big.Allocs}, {"bytes allocated", c.Bytes, big.Bytes}} {
		if r.big > limit*r.one {
			out = append(out, fmt.Sprintf("%s the input: %.1fx the %s (%.0f -> %.0f; want <= %gx)", grew, r.big/r.one, r.what, r.one, r.big, limit))
		}
	}
	return out
}
