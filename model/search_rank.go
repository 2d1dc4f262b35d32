package model

import "sync"

// rankParallelMin is the number of hits from which ranking is shared
// between the search's workers: below it, starting goroutines costs more
// than it saves.
const rankParallelMin = 16384

// scoreSpan is the lowest and highest score of a block's records.
type scoreSpan struct{ lo, hi int32 }

// spanOf returns the lowest and highest score of recs (zero when empty).
func spanOf(recs []record) scoreSpan {
	if len(recs) == 0 {
		return scoreSpan{}
	}
	s := scoreSpan{recs[0].score, recs[0].score}
	for _, r := range recs[1:] {
		s.lo = min(s.lo, r.score)
		s.hi = max(s.hi, r.score)
	}
	return s
}

// rank orders the chunks' records by score, highest first, ties in
// programme order (chunk after chunk, each in order), and builds the hits.
// spans[c] is chunk c's score span.
//
// It is a counting sort (scores take few distinct values) in up to parts
// parts (one below least hits): the chunks are cut into parts of about as many records each; each
// part counts its scores; the counts give, for each score, where each
// part's records with that score go (parts in order); then each part
// places its records. The parts run on their own goroutines, so the hits
// array, which at 100,000 hits is 1.6 MB of memory touched for the first
// time, is written from both cores. The order is the same for any number
// of parts.
func rank(chunks [][]record, spans []scoreSpan, parts, least int) []Hit {
	total := 0
	var lo, hi int32
	for c, recs := range chunks {
		if len(recs) == 0 {
			continue
		}
		if total == 0 || spans[c].lo < lo {
			lo = spans[c].lo
		}
		if total == 0 || spans[c].hi > hi {
			hi = spans[c].hi
		}
		total += len(recs)
	}
	hits := make([]Hit, total)
	if total == 0 {
		return hits
	}
	if total < least {
		parts = 1
	}
	parts = max(1, min(parts, len(chunks)))
	// bounds[p] is part p's first chunk.
	bounds := make([]int, parts+1)
	p, seen := 1, 0
	for c, recs := range chunks {
		for p < parts && seen >= total*p/parts {
			bounds[p] = c
			p++
		}
		seen += len(recs)
	}
	for ; p <= parts; p++ {
		bounds[p] = len(chunks)
	}
	// next[p*width+k] counts, then places, part p's records with score
	// hi-k.
	width := int(hi-lo) + 1
	next := make([]int, parts*width)
	count := func(p int) {
		cs := next[p*width : (p+1)*width]
		for _, recs := range chunks[bounds[p]:bounds[p+1]] {
			for _, r := range recs {
				cs[hi-r.score]++
			}
		}
	}
	place := func(p int) {
		cs := next[p*width : (p+1)*width]
		for _, recs := range chunks[bounds[p]:bounds[p+1]] {
			for _, r := range recs {
				k := hi - r.score
				hits[cs[k]] = Hit{Talk: int(r.talk), Score: int(r.score)}
				cs[k]++
			}
		}
	}
	offsets := func() {
		at := 0
		for k := range width {
			for p := range parts {
				n := next[p*width+k]
				next[p*width+k] = at
				at += n
			}
		}
	}
	if parts == 1 {
		count(0)
		offsets()
		place(0)
		return hits
	}
	var counted, placed sync.WaitGroup
	ready := make(chan struct{})
	for p := 1; p < parts; p++ {
		counted.Add(1)
		placed.Add(1)
		go func() {
			defer placed.Done()
			count(p)
			counted.Done()
			<-ready
			place(p)
		}()
	}
	count(0)
	counted.Wait()
	offsets()
	close(ready)
	place(0)
	placed.Wait()
	return hits
}
