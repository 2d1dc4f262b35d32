// Command firstframe times cndtalks' start-up to its first complete frame:
// it runs the real binary in a pseudo-terminal of a fixed size, reads what
// the binary writes through a small terminal emulator, and records the time
// from exec to the moment the screen holds the header, the list and the
// Glamour rendering of the selected talk's detail (not the title-and-speakers
// preview the detail shows while Glamour works). Then it types q and checks
// that the program exits with status 0.
//
// Usage (from the repository root):
//
//	go run ./internal/firstframe                       # embedded catalogue, 30 runs
//	go run ./internal/firstframe -n 30 -- --catalog ../shared/fixtures/schedules/39c3-everything.schedule.json
//	go run ./internal/firstframe -bin /tmp/cndtalks -n 50 -v
//	go run ./internal/firstframe -env XDG_DATA_HOME=/tmp/lib -env XDG_CACHE_HOME=/tmp/cache -also "--all" -n 30
//
// Arguments after -- are passed to cndtalks; -also adds another argument
// list (split at spaces), timed in turn with the first, run by run, and
// reported with the ratio of its median to the first's. -env sets an
// environment variable in every run (a library for --all: XDG_DATA_HOME,
// and XDG_CACHE_HOME for its snapshots to outlive a run). Without -bin the tool builds
// the binary (go build -o a temporary file) first. -bin old,new times
// several binaries in turn, run by run, so that a machine whose load
// changes during the measurement treats them alike. Every run gets a fresh,
// empty HOME and XDG directories, TERM=xterm-256color, LANG=C.UTF-8 and
// nothing else from the environment but PATH, so no user state is read.
// The terminal answers none of the queries the program sends (tmux < 3.4
// answers none either; -reply-bg answers the background colour one): a
// program that waited for an answer would show it as a slow first frame.
//
// The markers that make a frame complete are taken from the catalogue the
// binary is given: the event's name (header), the first talk's title and
// the "1/N" position (list), and "## Summary" (or "## Speaker", or the
// links block) in the detail, which only the rendered page has. -marker
// adds more.
package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/creack/pty"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/model"
)

// marker is text a complete frame shows.
type marker struct {
	what, text string
}

type config struct {
	bins      []string
	args      []string
	runs      int
	cols      int
	rows      int
	timeout   time.Duration
	verbose   bool
	dump      string
	replyDark bool
	env       []string
	also      []string
}

// runCase is one binary with one argument list and the markers of its
// complete frame.
type runCase struct {
	bin     string
	args    []string
	markers []marker
}

func main() {
	var cfg config
	var extra, env, also multiFlag
	var bins string
	flag.Var(&env, "env", "set `KEY=VALUE` in every run's environment (repeatable)")
	flag.Var(&also, "also", "another cndtalks argument list to time in turn with the first (repeatable)")
	flag.StringVar(&bins, "bin", "", "the cndtalks `binaries` to time, comma-separated (default: build one from the current directory)")
	flag.IntVar(&cfg.runs, "n", 30, "number of runs")
	flag.IntVar(&cfg.cols, "cols", 120, "terminal width")
	flag.IntVar(&cfg.rows, "rows", 40, "terminal height")
	flag.DurationVar(&cfg.timeout, "timeout", 10*time.Second, "give up on a run after this long")
	flag.Var(&extra, "marker", "more text the complete frame must show (repeatable)")
	flag.BoolVar(&cfg.verbose, "v", false, "print each run, and the first complete frame")
	flag.StringVar(&cfg.dump, "dump", "", "write the first run's raw terminal output to this file")
	flag.BoolVar(&cfg.replyDark, "reply-bg", false, "answer the background colour query (OSC 11) with a dark colour, as a modern terminal does")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./internal/firstframe [flags] [-- cndtalks arguments]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	cfg.args = flag.Args()
	cfg.env, cfg.also = env, also
	if bins != "" {
		cfg.bins = strings.Split(bins, ",")
	}
	if err := run(cfg, extra); err != nil {
		fmt.Fprintln(os.Stderr, "firstframe:", err)
		os.Exit(1)
	}
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func run(cfg config, extra []string) error {
	if cfg.runs < 1 || cfg.cols < 20 || cfg.rows < 10 {
		return errors.New("need -n >= 1, -cols >= 20, -rows >= 10")
	}
	tmp, err := os.MkdirTemp("", "firstframe-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if len(cfg.bins) == 0 {
		cfg.bins = []string{filepath.Join(tmp, "cndtalks")}
		build := exec.Command("go", "build", "-o", cfg.bins[0], ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
	}
	argLists := [][]string{cfg.args}
	for _, a := range cfg.also {
		argLists = append(argLists, strings.Fields(a))
	}
	var cases []runCase
	for _, args := range argLists {
		ms, err := catalogueMarkers(args, cfg.env)
		if err != nil {
			return err
		}
		for _, e := range extra {
			ms = append(ms, marker{"extra", e})
		}
		fmt.Printf("firstframe: cndtalks %s at %dx%d, %d runs; complete frame = %s\n",
			strings.Join(args, " "), cfg.cols, cfg.rows, cfg.runs, describe(ms))
		for _, bin := range cfg.bins {
			cases = append(cases, runCase{bin: bin, args: args, markers: ms})
		}
	}

	results := make([][]result, len(cases))
	for i := range cfg.runs {
		for b, c := range cases {
			r, err := once(cfg, c, tmp, i)
			if err != nil {
				return fmt.Errorf("%s %s, run %d: %w", c.bin, strings.Join(c.args, " "), i+1, err)
			}
			if cfg.verbose {
				fmt.Printf("%s run %2d: first output %6.1f ms, list %6.1f ms, complete %6.1f ms, CPU %5.1f ms\n",
					filepath.Base(c.bin), i+1, ms(r.firstOutput), ms(r.list), ms(r.complete), ms(r.cpu))
				if i == 0 {
					fmt.Printf("first complete frame:\n%s\n", r.frame)
					if len(r.queries) > 0 {
						fmt.Printf("queries left unanswered: %q\n", r.queries)
					}
				}
			}
			results[b] = append(results[b], r)
		}
	}
	for b, c := range cases {
		fmt.Printf("\n%s %s\n", c.bin, strings.Join(c.args, " "))
		report(results[b])
		if b >= len(cfg.bins) {
			base := medianComplete(results[b%len(cfg.bins)])
			fmt.Printf("complete frame median: %.2fx that of %q\n", ms(medianComplete(results[b]))/ms(base), strings.Join(cfg.args, " "))
		}
	}
	return nil
}

// catalogueMarkers loads the catalogue the arguments select (only
// --catalog is understood; default the embedded one) and picks the text a
// complete first frame must show.
func catalogueMarkers(args, env []string) ([]marker, error) {
	cat := data.Default()
	for i, a := range args {
		if a == "--all" {
			var err error
			if cat, err = archiveOf(env); err != nil {
				return nil, err
			}
			continue
		}
		path, ok := strings.CutPrefix(a, "--catalog=")
		if !ok && a == "--catalog" && i+1 < len(args) {
			path, ok = args[i+1], true
		}
		if ok {
			res, err := data.LoadFile(path)
			if err != nil {
				return nil, err
			}
			cat = res.Catalogue
		}
	}
	if len(cat.Talks) == 0 {
		return nil, errors.New("the catalogue has no talks")
	}
	t := &cat.Talks[0]
	ms := []marker{
		{"header", prefix(model.SanitizeLine(cat.Event.Name), 20)},
		{"list", prefix(model.SanitizeLine(t.Title), 20)},
		{"list", fmt.Sprintf("1/%d", len(cat.Talks))},
	}
	switch {
	case strings.TrimSpace(model.MarkdownText(t.Summary)) != "":
		ms = append(ms, marker{"detail", "## Summary"})
	case len(cat.TalkSpeakers(t)) > 0:
		ms = append(ms, marker{"detail", "## Speaker"})
	case len(t.Links) > 0:
		ms = append(ms, marker{"detail", "## Links"})
	default:
		ms = append(ms, marker{"detail", "No links."})
	}
	return ms, nil
}

// prefix is s cut to n runes, trailing spaces removed, so a title the list
// truncates still matches.
func prefix(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n])
	}
	return strings.TrimRight(s, " ")
}

func describe(ms []marker) string {
	var parts []string
	for _, m := range ms {
		parts = append(parts, fmt.Sprintf("%s %q", m.what, m.text))
	}
	return strings.Join(parts, ", ")
}

// result is one run's timings, from just before exec.
type result struct {
	firstOutput time.Duration // the first byte on the terminal
	list        time.Duration // header and list on screen
	complete    time.Duration // and the rendered detail
	cpu         time.Duration // user + system CPU of the whole run, q included
	maxRSS      int64         // peak resident set, KiB
	frame       string
	queries     []string
}

type chunk struct {
	at time.Time
	b  []byte
}

// once runs the binary in a fresh pseudo-terminal until its first complete
// frame, then quits it with q.
func once(cfg config, rc runCase, tmp string, i int) (result, error) {
	bin := rc.bin
	var r result
	home := filepath.Join(tmp, fmt.Sprintf("home%d", i))
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"XDG_DATA_HOME=" + filepath.Join(home, ".local/share"),
		"XDG_STATE_HOME=" + filepath.Join(home, ".local/state"),
		"XDG_CACHE_HOME=" + filepath.Join(home, ".cache"),
		"BROWSER=true",
	}
	env = append(env, cfg.env...) // later values win
	if err := os.MkdirAll(home, 0o700); err != nil {
		return r, err
	}
	defer os.RemoveAll(home)

	ptmx, tty, err := pty.Open()
	if err != nil {
		return r, err
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(cfg.cols), Rows: uint16(cfg.rows)}); err != nil {
		tty.Close()
		return r, err
	}
	cmd := exec.Command(bin, rc.args...)
	cmd.Env = env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}

	chunks := make(chan chunk, 256)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		tty.Close()
		return r, err
	}
	tty.Close()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	go func() {
		for {
			buf := make([]byte, 64<<10)
			n, err := ptmx.Read(buf)
			if n > 0 {
				chunks <- chunk{time.Now(), buf[:n]}
			}
			if err != nil {
				close(chunks)
				return
			}
		}
	}()

	scr := newScreen(cfg.cols, cfg.rows)
	var raw bytes.Buffer
	deadline := time.After(cfg.timeout)
	replied := false
wait:
	for {
		select {
		case c, ok := <-chunks:
			if !ok {
				return r, fmt.Errorf("the terminal closed before a complete frame; screen:\n%s", scr.text())
			}
			if r.firstOutput == 0 {
				r.firstOutput = c.at.Sub(start)
			}
			raw.Write(c.b)
			scr.Write(c.b)
			if cfg.replyDark && !replied && bytes.Contains(raw.Bytes(), []byte("\x1b]11;?")) {
				replied = true
				if _, err := ptmx.Write([]byte("\x1b]11;rgb:1a1a/1a1a/1a1a\x1b\\")); err != nil {
					return r, err
				}
			}
			text := scr.text()
			if r.list == 0 && shows(text, rc.markers, "header", "list") {
				r.list = c.at.Sub(start)
			}
			if shows(text, rc.markers) {
				r.complete = c.at.Sub(start)
				r.list = cmp.Or(r.list, r.complete)
				r.frame = text
				r.queries = scr.queries
				break wait
			}
		case err := <-exited:
			return r, fmt.Errorf("cndtalks exited (%v) before a complete frame; screen:\n%s", err, scr.text())
		case <-deadline:
			_ = cmd.Process.Kill()
			return r, fmt.Errorf("no complete frame after %s; screen:\n%s", cfg.timeout, scr.text())
		}
	}

	if _, err := ptmx.Write([]byte("q")); err != nil {
		return r, err
	}
	drained := make(chan struct{})
	go func() {
		for c := range chunks {
			raw.Write(c.b)
		}
		close(drained)
	}()
	select {
	case err := <-exited:
		if err != nil {
			return r, fmt.Errorf("q: cndtalks did not exit cleanly: %v", err)
		}
	case <-time.After(cfg.timeout):
		_ = cmd.Process.Kill()
		return r, errors.New("q: cndtalks did not exit")
	}
	ptmx.Close()
	<-drained
	if st := cmd.ProcessState; st != nil {
		r.cpu = st.UserTime() + st.SystemTime()
		if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
			r.maxRSS = ru.Maxrss
		}
	}
	if cfg.dump != "" && i == 0 {
		if err := os.WriteFile(cfg.dump, raw.Bytes(), 0o644); err != nil {
			return r, err
		}
	}
	return r, nil
}

// shows reports whether text holds every marker of the given kinds (all
// kinds when none are given).
func shows(text string, ms []marker, kinds ...string) bool {
	for _, m := range ms {
		if len(kinds) > 0 && !slices.Contains(kinds, m.what) {
			continue
		}
		if !strings.Contains(text, m.text) {
			return false
		}
	}
	return true
}

func report(rs []result) {
	fmt.Printf("%-22s %8s %8s %8s %8s\n", "", "median", "p90", "min", "max")
	line := func(name string, get func(result) time.Duration) {
		ds := make([]time.Duration, len(rs))
		for i, r := range rs {
			ds[i] = get(r)
		}
		slices.Sort(ds)
		fmt.Printf("%-22s %8.1f %8.1f %8.1f %8.1f  ms\n", name,
			ms(quantile(ds, 0.5)), ms(quantile(ds, 0.9)), ms(ds[0]), ms(ds[len(ds)-1]))
	}
	line("first output", func(r result) time.Duration { return r.firstOutput })
	line("header and list", func(r result) time.Duration { return r.list })
	line("complete frame", func(r result) time.Duration { return r.complete })
	line("CPU (user+sys, run)", func(r result) time.Duration { return r.cpu })
	rss := make([]int64, len(rs))
	for i, r := range rs {
		rss[i] = r.maxRSS
	}
	slices.Sort(rss)
	fmt.Printf("%-22s %8.1f %8s %8.1f %8.1f  MB\n", "peak RSS", float64(rss[len(rss)/2])/1024, "", float64(rss[0])/1024, float64(rss[len(rss)-1])/1024)
	whole := 0
	for _, r := range rs {
		if r.list == r.complete {
			whole++
		}
	}
	fmt.Printf("%d runs, every one exited 0 after q; in %d the first frame with the list already had the rendered detail\n", len(rs), whole)
}

// quantile is the nearest-rank quantile of sorted ds.
func quantile(ds []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(ds))+0.999999) - 1
	return ds[clamp(i, 0, len(ds)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

var _ io.Writer = (*screen)(nil)

// medianComplete is the median time to a complete frame.
func medianComplete(rs []result) time.Duration {
	ds := make([]time.Duration, len(rs))
	for i, r := range rs {
		ds[i] = r.complete
	}
	slices.Sort(ds)
	return quantile(ds, 0.5)
}

// archiveOf is what --all shows with the environment's library
// (XDG_DATA_HOME from -env).
func archiveOf(env []string) (*model.Catalogue, error) {
	dataHome := ""
	for _, e := range env {
		if v, ok := strings.CutPrefix(e, "XDG_DATA_HOME="); ok {
			dataHome = v
		}
	}
	if dataHome == "" {
		return nil, errors.New("--all needs -env XDG_DATA_HOME=DIR, the library's home")
	}
	lib := store.NewLibrary(filepath.Join(dataHome, "cndtalks", "catalogues"))
	cat, problems, err := lib.LoadArchive(context.Background())
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return cat, nil
}
