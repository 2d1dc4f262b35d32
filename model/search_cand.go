package model

import (
	"math/bits"
	"slices"
	"sync"
)

// Refining a result examines its hits' talks in programme order. A Result
// does not keep them (at 100,000 hits that would be 400 KB more written to
// fresh memory on every keystroke, for a list only the next keystroke
// reads): Refine derives them from the hits into arrays reused from one
// search to the next.
var (
	// candPool holds the candidate arrays of finished searches (*[]int32).
	candPool sync.Pool
	// setPool holds talkSet bitmaps (*[]uint64) for ordering them.
	setPool sync.Pool
)

// candidates returns the talks of hits and those in more (a talkSet
// bitmap, or nil; it is modified), in programme order, in an array from
// candPool: the caller puts it back when its search is done.
func (ix *Index) candidates(hits []Hit, more []uint64) *[]int32 {
	out, _ := candPool.Get().(*[]int32)
	if out == nil {
		out = new([]int32)
	}
	cand := (*out)[:0]
	// A few hits are sorted; more are ordered through a bitmap, whose
	// length is the catalogue's.
	if more == nil && len(hits)*1024 < ix.Len() {
		for _, h := range hits {
			cand = append(cand, int32(h.Talk))
		}
		slices.Sort(cand)
		*out = cand
		return out
	}
	set := more
	if set == nil {
		setp, _ := setPool.Get().(*[]uint64)
		if setp == nil {
			setp = new([]uint64)
		}
		defer setPool.Put(setp)
		*setp = slices.Grow((*setp)[:0], (ix.Len()+63)/64)[:(ix.Len()+63)/64]
		set = *setp
		clear(set)
	}
	for _, h := range hits {
		set[h.Talk/64] |= 1 << (h.Talk % 64)
	}
	n := 0
	for _, x := range set {
		n += bits.OnesCount64(x)
	}
	cand = slices.Grow(cand, n)
	for k, x := range set {
		for x != 0 {
			cand = append(cand, int32(64*k+bits.TrailingZeros64(x)))
			x &= x - 1
		}
	}
	*out = cand
	return out
}
