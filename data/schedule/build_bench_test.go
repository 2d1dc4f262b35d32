package schedule

import (
	"bytes"
	"os"
	"testing"

	"cndtalks/data/gen"
	"cndtalks/internal/cputime"
)

// BenchmarkBuildSchedule times buildSchedule alone (the scan done once,
// before the timer) on 20,000 generated events, the shape of importbench's
// 100,000-event file. Run with:
//
//	go test -run '^$' -bench BuildSchedule -benchmem ./data/schedule/
func BenchmarkBuildSchedule(b *testing.B) {
	var buf bytes.Buffer
	if err := gen.WriteScheduleJSON(&buf, gen.Catalogue(20_000, 1), "big-conf", "Big Conf"); err != nil {
		b.Fatal(err)
	}
	st, err := parseFrabStream(buf.Bytes())
	if err != nil {
		b.Fatal(err)
	}
	skip := func(SkipKind, string, string, string, ...int) {}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildSchedule("bench", st.conf, st.events, skip, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildScheduleBig times buildSchedule alone on the schedule.json
// named by $CNDTALKS_BIG_SCHEDULE (internal/importbench's -keep file),
// parsed once before the timer, with the process's CPU time per build
// beside the wall time. Run with:
//
//	CNDTALKS_BIG_SCHEDULE=/tmp/big.schedule.json go test -run '^$' -bench BuildScheduleBig ./data/schedule/
func BenchmarkBuildScheduleBig(b *testing.B) {
	path := os.Getenv("CNDTALKS_BIG_SCHEDULE")
	if path == "" {
		b.Skip("set CNDTALKS_BIG_SCHEDULE to a big schedule.json")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	st, err := parseFrabStream(src)
	if err != nil {
		b.Fatal(err)
	}
	skip := func(SkipKind, string, string, string, ...int) {}
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		if _, err := buildSchedule("bench", st.conf, st.events, skip, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-cpu)/float64(b.N), "cpu-ns/op")
}
