package data

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"cndtalks/data/catalog"
	"cndtalks/data/gen"
	"cndtalks/data/schedule"
	"cndtalks/internal/cputime"
	"cndtalks/model"
)

var (
	bigScheduleOnce sync.Once
	bigSchedule     *model.Catalogue
	bigScheduleErr  error
)

// importedBig returns the catalogue the schedule importer makes of a
// generated 100,000-event schedule.json, the shape of importbench's file,
// not yet finished.
func importedBig(tb testing.TB) *model.Catalogue {
	tb.Helper()
	bigScheduleOnce.Do(func() {
		var buf bytes.Buffer
		if bigScheduleErr = gen.WriteScheduleJSON(&buf, gen.Catalogue(100_000, 1), "big-conf", "Big Conf"); bigScheduleErr != nil {
			return
		}
		bigSchedule, _, bigScheduleErr = schedule.Import("big", buf.Bytes(), FormatFrabJSON, ImportOptions{})
	})
	if bigScheduleErr != nil {
		tb.Fatal(bigScheduleErr)
	}
	return bigSchedule
}

// BenchmarkFinishImported times the last step of a schedule's import
// (validation, the format's checks, the speaker index) on the catalogue of
// a generated 100,000-event schedule, imported once before the timer: as
// catalog.FinishImported makes it with every check (no guarantee), and
// as the loader does, without the checks of what the importer
// guarantees. The step changes nothing in a valid catalogue but its index.
// Run with:
//
//	go test -run '^$' -bench FinishImported -count 5 ./data/
func BenchmarkFinishImported(b *testing.B) {
	c := importedBig(b)
	b.Run("sanitised", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cputime.Process()
		for b.Loop() {
			if err := catalog.FinishImported("big", c, 0); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cputime.Process()-cpu)
	})
	b.Run("imported", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cputime.Process()
		for b.Loop() {
			if err := catalog.FinishImported("big", c, schedule.Guaranteed); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cputime.Process()-cpu)
	})
}

// reportCPU reports the process's CPU time per run, cpu over b.N runs: on
// a shared machine, wall time measures the neighbours too.
func reportCPU(b *testing.B, cpu time.Duration) {
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}
