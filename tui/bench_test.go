package tui

import (
	"sync"
	"testing"
	"time"

	"cndtalks/data/gen"
	"cndtalks/internal/cputime"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

var (
	bigOnce sync.Once
	big     *model.Catalogue
)

// bigCatalogue is the 100k-talk generated catalogue, built once.
func bigCatalogue() *model.Catalogue {
	bigOnce.Do(func() { big = gen.Catalogue(100_000, 1) })
	return big
}

// filteringHarness is the browser on 100k talks at 120x40 with "kube" typed
// into the filter and its result shown.
func filteringHarness(b *testing.B) *harness {
	h := newHarness(b, bigCatalogue(), 120, 40)
	h.keys("/")
	h.typeText("kube")
	if h.m.list.len() == 0 || h.m.input.Value() != "kube" {
		b.Fatalf("setup: %d items for %q", h.m.list.len(), h.m.input.Value())
	}
	return h
}

// BenchmarkFilterKeystroke100k measures what the UI goroutine does for one
// filter keystroke at 100k talks: Update (the input changes, the query is
// parsed, the search Cmd is built but runs elsewhere) and View.
func BenchmarkFilterKeystroke100k(b *testing.B) {
	h := filteringHarness(b)
	m := h.m
	keys := []tea.KeyPressMsg{{Code: 'r', Text: "r"}, {Code: tea.KeyBackspace}}
	b.ReportAllocs()
	cpu := startCPU()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
	cpu.report(b)
}

// BenchmarkSearchResult100k measures the other half on the UI goroutine:
// taking a finished search's result into the list, and View (which
// computes the visible rows' match positions: each result is a new one,
// with nothing cached).
func BenchmarkSearchResult100k(b *testing.B) {
	h := filteringHarness(b)
	m := h.m
	res := m.result
	msg := searchResultMsg{input: m.input.Value(), res: res}
	m.pending = msg.input // as if the search for the text were running
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		fresh := *res
		msg.res = &fresh
		next, _ := m.Update(msg)
		_ = next.(Model).View()
	}
	cpu.report(b)
}

// BenchmarkMoveSelection100k measures moving down one talk in the full
// 100k list: Update (the detail comes from a preview, rendering is a Cmd)
// and View.
func BenchmarkMoveSelection100k(b *testing.B) {
	h := newHarness(b, bigCatalogue(), 120, 40)
	m := h.m
	keys := []tea.KeyPressMsg{{Code: 'j', Text: "j"}, {Code: 'k', Text: "k"}}
	b.ReportAllocs()
	cpu := startCPU()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
	cpu.report(b)
}

// cpuClock measures the process's CPU time over a benchmark loop (GC
// included), reported as cpu-ns/op: on a shared, loaded machine wall time
// mostly measures the neighbours.
type cpuClock struct{ start time.Duration }

func startCPU() cpuClock { return cpuClock{start: cputime.Process()} }

func (c cpuClock) report(b *testing.B) {
	if used := cputime.Process() - c.start; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
