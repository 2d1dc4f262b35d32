package gen_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sahilm/fuzzy"

	"cndtalks/data/gen"
	"cndtalks/internal/cputime"
	"cndtalks/model"
)

// benchQueries are what people type into the filter, one character at a
// time: a product, a speaker's surname, phrases, accents, a qualifier and an
// exclusion.
var benchQueries = []string{
	"kubernetes",
	"hightower",
	"service mesh",
	"observ",
	"montreal",
	"prom graf",
	"gitops -helm",
	"speaker:tremblay ebpf",
	"kafka",
	"zero trust",
}

// keystrokes lists every prefix of every query, in typing order, leaving
// out those that do not parse ("gitops -", "speaker:"): the TUI shows the
// error and keeps the last result, no search runs.
func keystrokes() []string {
	var out []string
	for _, q := range benchQueries {
		for i := 1; i <= len(q); i++ {
			if _, err := model.ParseQuery(q[:i]); err == nil {
				out = append(out, q[:i])
			}
		}
	}
	return out
}

type corpus struct {
	cat   *model.Catalogue
	ix    *model.Index
	texts []string // the same searchable text, for sahilm/fuzzy
}

var (
	corpusMu sync.Mutex
	corpora  = map[int]*corpus{}
)

func getCorpus(n int) *corpus {
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	cat := gen.Catalogue(n, 1)
	ix := model.NewIndex(cat)
	texts := make([]string, n)
	for i := range cat.Talks {
		t := &cat.Talks[i]
		texts[i] = t.Title + " " + ix.SpeakerLine(i) + " " + strings.Join(t.Topics, " ") + " " + t.Summary
	}
	c := &corpus{cat: cat, ix: ix, texts: texts}
	corpora[n] = c
	return c
}

func benchSizes() []int {
	sizes := []int{1_000, 10_000, 100_000}
	if os.Getenv("CNDTALKS_BENCH_1M") != "" {
		sizes = append(sizes, 1_000_000)
	}
	return sizes
}

func sizeName(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("N=%dM", n/1_000_000)
	case n >= 1000:
		return fmt.Sprintf("N=%dk", n/1000)
	}
	return fmt.Sprintf("N=%d", n)
}

// opTimes collects the wall and process CPU time of each op.
type opTimes struct {
	wall, cpu []time.Duration
	// faults are the minor page faults of all the ops.
	faults int64
}

func newOpTimes(n int) *opTimes {
	return &opTimes{wall: make([]time.Duration, 0, n), cpu: make([]time.Duration, 0, n)}
}

// measure runs f, timing it.
func (o *opTimes) measure(f func()) {
	f0 := minorFaults()
	c0 := cputime.Process()
	t0 := time.Now()
	f()
	o.wall = append(o.wall, time.Since(t0))
	o.cpu = append(o.cpu, cputime.Process()-c0)
	o.faults += minorFaults() - f0
}

// report adds the median and p99 of the ops' wall times, and the median
// and mean of their CPU times (all goroutines and the GC; 0 where the
// platform does not measure it). CPU time hardly depends on what else the
// machine runs; on two free cores, wall time is about half of it for a
// search that runs on two goroutines.
func (o *opTimes) report(b *testing.B) {
	if len(o.wall) == 0 {
		return
	}
	ms := func(x time.Duration) float64 { return float64(x) / float64(time.Millisecond) }
	var total time.Duration
	for _, c := range o.cpu {
		total += c
	}
	if total > 0 {
		slices.Sort(o.cpu)
		b.ReportMetric(ms(o.cpu[len(o.cpu)/2]), "cpu-median-ms")
		b.ReportMetric(ms(total)/float64(len(o.cpu)), "cpu-mean-ms")
	}
	if o.faults > 0 {
		b.ReportMetric(float64(o.faults)/float64(len(o.wall)), "faults/op")
	}
	slices.Sort(o.wall)
	b.ReportMetric(ms(o.wall[len(o.wall)/2]), "median-ms")
	b.ReportMetric(ms(o.wall[min(len(o.wall)-1, len(o.wall)*99/100)]), "p99-ms")
}

// shownRows is how many hits a benchmark op highlights: a screenful and
// more (a 120x40 terminal shows 13 rows).
const shownRows = 40

// highlightShown computes the matched positions of the first shownRows
// hits, as a UI does for the rows it draws.
func highlightShown(res *model.Result) {
	for _, h := range res.Hits[:min(len(res.Hits), shownRows)] {
		res.Highlight(h.Talk)
	}
}

// BenchmarkSearch measures, per corpus size:
//   - Keystroke: typing each query one character at a time, each keystroke
//     refining the previous result (what the TUI does) and highlighting the
//     first shownRows hits; one op = one keystroke;
//   - Fresh: each whole query searched from scratch (a pasted query, or
//     cndtalks list QUERY) and the first shownRows hits highlighted; one op
//     = one query;
//   - Highlight: the matched positions of the first shownRows hits of
//     each whole query's result (the part of Keystroke and Fresh a UI
//     would otherwise pay for every hit);
//   - SahilmKeystroke / SahilmFresh: the same with github.com/sahilm/fuzzy
//     (the bubbles list default filter) over the same text: title, speakers
//     line, topics and summary of every talk.
//
// median-ms and p99-ms (wall), cpu-median-ms and cpu-mean-ms (process CPU)
// and faults/op (minor page faults: first touches of fresh memory) are over
// the ops of the run; -benchtime 100x runs every keystroke once.
func BenchmarkSearch(b *testing.B) {
	keys := keystrokes()
	parsed := make([]model.Query, len(keys))
	for k, s := range keys {
		q, err := model.ParseQuery(s)
		if err != nil {
			b.Fatalf("%q: %v", s, err)
		}
		parsed[k] = q
	}
	full := make([]model.Query, len(benchQueries))
	for k, s := range benchQueries {
		full[k], _ = model.ParseQuery(s)
	}
	for _, n := range benchSizes() {
		b.Run(sizeName(n)+"/Keystroke", func(b *testing.B) {
			c := getCorpus(n)
			all := c.ix.Refine(nil, model.Query{}, nil)
			ot := newOpTimes(b.N)
			prev := all
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := i % len(keys)
				if k == 0 || !strings.HasPrefix(keys[k], keys[k-1]) {
					prev = all // a new query starts from the full list
				}
				ot.measure(func() {
					prev = c.ix.Refine(prev, parsed[k], nil)
					highlightShown(prev)
				})
			}
			b.StopTimer()
			ot.report(b)
		})
		b.Run(sizeName(n)+"/Fresh", func(b *testing.B) {
			c := getCorpus(n)
			ot := newOpTimes(b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ot.measure(func() { highlightShown(c.ix.Refine(nil, full[i%len(full)], nil)) })
			}
			b.StopTimer()
			ot.report(b)
		})
		b.Run(sizeName(n)+"/Highlight", func(b *testing.B) {
			c := getCorpus(n)
			results := make([]*model.Result, len(full))
			for k, q := range full {
				results[k] = c.ix.Refine(nil, q, nil)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				highlightShown(results[i%len(results)])
			}
		})
		b.Run(sizeName(n)+"/SahilmKeystroke", func(b *testing.B) {
			c := getCorpus(n)
			ot := newOpTimes(b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ot.measure(func() { fuzzy.Find(keys[i%len(keys)], c.texts) })
			}
			b.StopTimer()
			ot.report(b)
		})
		b.Run(sizeName(n)+"/SahilmFresh", func(b *testing.B) {
			c := getCorpus(n)
			ot := newOpTimes(b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ot.measure(func() { fuzzy.Find(benchQueries[i%len(benchQueries)], c.texts) })
			}
			b.StopTimer()
			ot.report(b)
		})
	}
}

// BenchmarkNewIndex measures building the search index.
func BenchmarkNewIndex(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run(sizeName(n), func(b *testing.B) {
			c := getCorpus(n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				model.NewIndex(c.cat)
			}
		})
	}
}
