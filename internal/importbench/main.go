// Command importbench times importing one big schedule.json the way a user
// does it ('cndtalks --catalog FILE list QUERY': read, import, search,
// print) against a naive reader of the same file (encoding/json into
// structs, then sahilm/fuzzy over the titles), run by run in turn, each a
// separate process, with wall time and peak RSS.
//
//	go run ./internal/importbench                    # 100,000 events, 5 runs each
//	go run ./internal/importbench -events 100000 -n 5 -keep /tmp/big.schedule.json
//
// The schedule is written by data/gen (gen.WriteScheduleJSON); -keep
// keeps it (and reuses it when it is there). The naive reader is this same
// program run with -naive FILE.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"

	"github.com/sahilm/fuzzy"

	"cndtalks/data/gen"
)

const query = "kubernetes"

func main() {
	events := flag.Int("events", 100_000, "events in the generated schedule")
	runs := flag.Int("n", 5, "runs of each")
	keep := flag.String("keep", "", "write (or reuse) the schedule at this `path`")
	naive := flag.String("naive", "", "run as the naive reader of this `file` (internal)")
	flag.Parse()
	if *naive != "" {
		if err := naiveRead(*naive); err != nil {
			fmt.Fprintln(os.Stderr, "naive:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*events, *runs, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "importbench:", err)
		os.Exit(1)
	}
}

// The naive reader's view of a schedule.json.
type naiveFile struct {
	Schedule struct {
		Conference struct {
			Title string `json:"title"`
			Days  []struct {
				Rooms map[string][]struct {
					GUID     string `json:"guid"`
					Title    string `json:"title"`
					Abstract string `json:"abstract"`
					Persons  []struct {
						PublicName string `json:"public_name"`
					} `json:"persons"`
				} `json:"rooms"`
			} `json:"days"`
		} `json:"conference"`
	} `json:"schedule"`
}

// naiveRead decodes the file into structs and fuzzy-matches the query
// over the titles, printing the best few.
func naiveRead(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var f naiveFile
	if err := json.Unmarshal(b, &f); err != nil {
		return err
	}
	var titles []string
	for _, d := range f.Schedule.Conference.Days {
		for _, evs := range d.Rooms {
			for _, e := range evs {
				titles = append(titles, e.Title)
			}
		}
	}
	ms := fuzzy.Find(query, titles)
	for i := range min(len(ms), 10) {
		fmt.Println(ms[i].Str)
	}
	fmt.Fprintf(os.Stderr, "naive: %d titles, %d matches\n", len(titles), len(ms))
	return nil
}

type result struct {
	wall time.Duration
	cpu  time.Duration
	rss  int64 // KiB
}

func run(events, runs int, keep string) error {
	if events < 1 || runs < 1 {
		return errors.New("need -events and -n >= 1")
	}
	tmp, err := os.MkdirTemp("", "importbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	path := keep
	if path == "" {
		path = filepath.Join(tmp, "big.schedule.json")
	}
	if _, err := os.Stat(path); err != nil {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		err = gen.WriteScheduleJSON(f, gen.Catalogue(events, 1), "big-conf", "Big Conf")
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	bin := filepath.Join(tmp, "cndtalks")
	self := filepath.Join(tmp, "importbench")
	for _, b := range [][]string{{"-o", bin, "."}, {"-o", self, "./internal/importbench"}} {
		build := exec.Command("go", append([]string{"build"}, b...)...)
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	fmt.Printf("importbench: %s, %.1f MB, %d events; query %q; %d runs each, in turn\n", path, float64(st.Size())/1e6, events, query, runs)
	env := append(os.Environ(), "HOME="+tmp, "XDG_DATA_HOME="+tmp, "XDG_STATE_HOME="+tmp, "XDG_CACHE_HOME="+tmp)
	cases := []struct {
		name string
		args []string
	}{
		{"cndtalks --catalog FILE list " + query, []string{bin, "--catalog", path, "list", query}},
		{"naive: encoding/json + sahilm/fuzzy", []string{self, "-naive", path}},
	}
	results := make([][]result, len(cases))
	for range runs {
		for k, c := range cases {
			cmd := exec.Command(c.args[0], c.args[1:]...)
			cmd.Env = env
			start := time.Now()
			out, err := cmd.CombinedOutput()
			wall := time.Since(start)
			if err != nil {
				return fmt.Errorf("%s: %v\n%s", c.name, err, out)
			}
			r := result{wall: wall}
			if ps := cmd.ProcessState; ps != nil {
				r.cpu = ps.UserTime() + ps.SystemTime()
				if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
					r.rss = ru.Maxrss
				}
			}
			results[k] = append(results[k], r)
		}
	}
	medians := make([]result, len(cases))
	for k, c := range cases {
		rs := results[k]
		m := result{
			wall: median(rs, func(r result) time.Duration { return r.wall }),
			cpu:  median(rs, func(r result) time.Duration { return r.cpu }),
			rss:  int64(median(rs, func(r result) time.Duration { return time.Duration(r.rss) })),
		}
		medians[k] = m
		fmt.Printf("%-40s wall median %7.0f ms  CPU median %7.0f ms  peak RSS median %6.0f MB\n", c.name, ms(m.wall), ms(m.cpu), float64(m.rss)/1024)
	}
	fmt.Printf("cndtalks / naive: wall %.2fx, CPU %.2fx\n", ms(medians[0].wall)/ms(medians[1].wall), ms(medians[0].cpu)/ms(medians[1].cpu))
	return nil
}

func median(rs []result, get func(result) time.Duration) time.Duration {
	ds := make([]time.Duration, len(rs))
	for i, r := range rs {
		ds[i] = get(r)
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
