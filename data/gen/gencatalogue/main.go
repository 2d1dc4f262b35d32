// Command gencatalogue writes a generated catalogue of N talks in the
// cndtalks JSON format, for load-time and memory measurements:
//
//	go run ./data/gen/gencatalogue -n 100000 -o /tmp/cat100k.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"cndtalks/data/gen"
)

func main() {
	n := flag.Int("n", 100000, "number of talks")
	seed := flag.Int64("seed", 1, "random seed (same n and seed, same file)")
	out := flag.String("o", "", "output file (default: standard output)")
	flag.Parse()
	if err := run(*n, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue:", err)
		os.Exit(1)
	}
}

func run(n int, seed int64, path string) error {
	f := os.Stdout
	if path != "" {
		var err error
		if f, err = os.Create(path); err != nil {
			return err
		}
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	if err := enc.Encode(gen.Catalogue(n, seed)); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if path != "" {
		return f.Close()
	}
	return nil
}
