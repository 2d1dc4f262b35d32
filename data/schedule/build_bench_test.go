package schedule

import (
	"bytes"
	"testing"

	"cndtalks/data/gen"
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
