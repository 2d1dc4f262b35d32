// Command gencatalogue writes a generated catalogue of N talks in the
// cndtalks catalogue format (JSON, or YAML with -format yaml), which
// `cndtalks --catalog FILE` loads, for load-time and memory measurements:
//
//	go run ./data/gen/gencatalogue -n 100000 -o /tmp/cat100k.json
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"cndtalks/data"
	"cndtalks/data/gen"
)

func main() {
	n := flag.Int("n", 100000, "number of talks")
	seed := flag.Int64("seed", 1, "random seed (same n and seed, same file)")
	out := flag.String("o", "", "output file (default: standard output)")
	format := flag.String("format", "json", "json or yaml")
	flag.Parse()
	if err := run(*n, *seed, *out, *format); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalogue:", err)
		os.Exit(1)
	}
}

func run(n int, seed int64, path, format string) error {
	write := data.WriteJSON
	switch format {
	case "json":
	case "yaml":
		write = data.WriteYAML
	default:
		return fmt.Errorf("unknown -format %q: json or yaml", format)
	}
	var w io.Writer = os.Stdout
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if err := write(w, gen.Catalogue(n, seed)); err != nil {
		return err
	}
	if f, ok := w.(*os.File); ok && path != "" {
		return f.Close()
	}
	return nil
}
