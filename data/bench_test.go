package data

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"cndtalks/data/gen"
)

var (
	bigOnce sync.Once
	bigYAML []byte
	bigJSON []byte
)

// bigFiles returns a generated 100,000-talk catalogue in both formats.
func bigFiles(tb testing.TB) (yamlBytes, jsonBytes []byte) {
	tb.Helper()
	bigOnce.Do(func() {
		c := gen.Catalogue(100_000, 1)
		var y, j bytes.Buffer
		if err := WriteYAML(&y, c); err != nil {
			panic(err)
		}
		if err := WriteJSON(&j, c); err != nil {
			panic(err)
		}
		bigYAML, bigJSON = y.Bytes(), j.Bytes()
	})
	return bigYAML, bigJSON
}

// BenchmarkParse measures loading a 100,000-talk catalogue (issue 4's target:
// <= 1 s). Run with:
//
//	go test -run '^$' -bench Parse -benchtime 3x ./data/
func BenchmarkParse(b *testing.B) {
	y, j := bigFiles(b)
	for _, bc := range []struct {
		name string
		in   []byte
	}{{"yaml-100k", y}, {"json-100k", j}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := Parse("big", bc.in)
				if err != nil {
					b.Fatal(err)
				}
				if len(r.Catalogue.Talks) != 100_000 {
					b.Fatalf("%d talks", len(r.Catalogue.Talks))
				}
			}
		})
	}
}

// TestLoadFileFromEnv loads the file named by $CNDTALKS_LOAD_FILE once and
// reports the time taken; it exists so that peak RSS can be measured on the
// loader alone:
//
//	go run ./data/gen/gencatalogue ... (or WriteYAML) > /tmp/big.yaml
//	go test -c -o /tmp/data.test ./data/
//	CNDTALKS_LOAD_FILE=/tmp/big.yaml /usr/bin/time -v /tmp/data.test -test.run LoadFileFromEnv -test.v
func TestLoadFileFromEnv(t *testing.T) {
	path := os.Getenv("CNDTALKS_LOAD_FILE")
	if path == "" {
		t.Skip("set CNDTALKS_LOAD_FILE to a catalogue file to measure loading it")
	}
	start := testingNow()
	r, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d talks, %d speakers, format %s, loaded in %v", path, len(r.Catalogue.Talks), len(r.Catalogue.Speakers), r.Format, testingNow().Sub(start))
}

// TestWriteBigFiles writes the generated 100,000-talk catalogue to the
// directory named by $CNDTALKS_WRITE_BIG, for the measurement above.
func TestWriteBigFiles(t *testing.T) {
	dir := os.Getenv("CNDTALKS_WRITE_BIG")
	if dir == "" {
		t.Skip("set CNDTALKS_WRITE_BIG to a directory to write big-100k.yaml and big-100k.json there")
	}
	y, j := bigFiles(t)
	for name, b := range map[string][]byte{"big-100k.yaml": y, "big-100k.json": j} {
		if err := os.WriteFile(dir+"/"+name, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s/%s: %.1f MiB", dir, name, float64(len(b))/(1<<20))
	}
}

// BenchmarkDefault measures parsing the embedded catalogue, which every
// start of cndtalks pays.
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parse(EmbeddedName, embedded, ImportOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
