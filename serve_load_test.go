package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"cndtalks/internal/sshtest"
)

// loadSessions is how many attendees the load test connects at once.
const loadSessions = 50

// loadWords start the attendees' filters: words of the built-in catalogue.
var loadWords = []string{"kube", "kafka", "security", "cloud", "rook", "machine", "native", "container", "stream", "chasm"}

// filterText is what the filter line of screen holds ("" when none): the
// text after "/ " up to the pane's border or the end of the line.
func filterText(screen string) (string, bool) {
	for _, line := range strings.Split(screen, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimLeft(line, " "), "/ ")
		if !ok {
			continue
		}
		if i := strings.Index(rest, "│"); i >= 0 {
			rest = rest[:i]
		}
		return strings.TrimRight(rest, " "), true
	}
	return "", false
}

// TestServeLoad connects 50 attendees to the real cndtalks serve at once,
// with x/crypto/ssh and a virtual terminal each. Every attendee types a
// filter of its own, one key at a time, waiting for the key to show
// before typing the next; the time from a key to the frame that shows it
// is its latency. Every session must get its frames and show its own
// filter, never another's. It reports the p50/p99 latency and the
// server's resident memory per session (Linux) for BENCHMARKS.md. It runs
// only with CNDTALKS_SERVE_LOAD=1 (half a minute of both cores):
//
//	CNDTALKS_SERVE_LOAD=1 go test -run TestServeLoad -count=1 -v .
//	CNDTALKS_SERVE_LOAD=1 CNDTALKS_SERVE_LOAD_GAP=200ms go test -run TestServeLoad -count=1 -v .
func TestServeLoad(t *testing.T) {
	if os.Getenv("CNDTALKS_SERVE_LOAD") != "1" {
		t.Skip("load test: set CNDTALKS_SERVE_LOAD=1 to run it")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the load test reads the server's memory from /proc")
	}
	// CNDTALKS_SERVE_LOAD_GAP paces the typing: each attendee waits that
	// long after a key has shown before the next (a person types a key
	// every 150-300 ms); unset, they type as fast as the keys show, which
	// saturates the machine.
	var gap time.Duration
	if v := os.Getenv("CNDTALKS_SERVE_LOAD_GAP"); v != "" {
		var err error
		if gap, err = time.ParseDuration(v); err != nil {
			t.Fatalf("CNDTALKS_SERVE_LOAD_GAP: %v", err)
		}
	}
	srv := startServe(t, t.TempDir(), "--max-sessions", "100", "--per-ip", "1000")
	pid := srv.cmd.Process.Pid
	idle, err := rssKB(pid)
	if err != nil {
		t.Fatal(err)
	}

	type result struct {
		lat []time.Duration
		err error
	}
	results := make([]result, loadSessions)
	terms := make([]*sshtest.Terminal, loadSessions)
	var up, typed sync.WaitGroup
	up.Add(loadSessions)
	typed.Add(loadSessions)
	start := make(chan struct{})
	for i := range loadSessions {
		go func() {
			defer typed.Done()
			r := &results[i]
			ready := false
			defer func() {
				if !ready {
					up.Done()
				}
			}()
			key, err := sshtest.NewKey()
			if err != nil {
				r.err = err
				return
			}
			c, err := sshtest.Dial(srv.addr, key)
			if err != nil {
				r.err = fmt.Errorf("dial: %w", err)
				return
			}
			defer c.Close()
			term, err := sshtest.Open(c, sshtest.Options{Width: 100, Height: 30})
			if err != nil {
				r.err = err
				return
			}
			terms[i] = term
			if scr, err := term.WaitText(waitGap, "1/11"); err != nil {
				r.err = fmt.Errorf("first frame: %v\n%s", err, scr)
				return
			}
			ready = true
			up.Done()
			<-start
			// A filter of its own: a word, and a term that only this
			// session types (it excludes nothing).
			query := fmt.Sprintf("%s -z%02d", loadWords[i%len(loadWords)], i)
			if err := term.Type("/"); err != nil {
				r.err = err
				return
			}
			if _, err := term.WaitFor(waitGap, func(s string) bool { _, ok := filterText(s); return ok }); err != nil {
				r.err = fmt.Errorf("no filter line: %v", err)
				return
			}
			for k := 0; k < len(query); k++ {
				// A space shows nothing by itself: it goes with the key
				// after it.
				from := k
				if query[k] == ' ' {
					k++
				}
				want := query[:k+1]
				t0 := time.Now()
				if err := term.Type(query[from : k+1]); err != nil {
					r.err = err
					return
				}
				scr, err := term.WaitFor(waitGap, func(s string) bool { f, _ := filterText(s); return f == want })
				if err != nil {
					f, _ := filterText(scr)
					r.err = fmt.Errorf("typed %q, the filter shows %q: %v", want, f, err)
					return
				}
				r.lat = append(r.lat, time.Since(t0))
				if gap > 0 {
					<-time.After(gap) // pacing the load, not waiting for anything
				}
			}
		}()
	}
	up.Wait()
	withSessions, err := rssKB(pid)
	if err != nil {
		t.Fatal(err)
	}
	cpu0, err := cpuTicks(pid)
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	close(start)
	typed.Wait()
	elapsed := time.Since(began)
	cpu1, err := cpuTicks(pid)
	if err != nil {
		t.Fatal(err)
	}
	afterTyping, err := rssKB(pid)
	if err != nil {
		t.Fatal(err)
	}

	var all, later []time.Duration // later: every key but a session's first
	failed := 0
	for i, r := range results {
		if r.err != nil {
			failed++
			t.Errorf("session %d: %v", i, r.err)
			continue
		}
		all = append(all, r.lat...)
		if len(r.lat) > 1 {
			later = append(later, r.lat[1:]...)
		}
	}
	// Each screen still shows its own filter, once all have typed.
	for i, term := range terms {
		if term == nil || results[i].err != nil {
			continue
		}
		want := fmt.Sprintf("%s -z%02d", loadWords[i%len(loadWords)], i)
		if f, _ := filterText(term.Screen()); f != want {
			t.Errorf("session %d shows the filter %q, want its own %q", i, f, want)
		}
	}
	if len(all) == 0 {
		t.Fatal("no latency measured")
	}
	slices.Sort(all)
	slices.Sort(later)
	pctOf := func(d []time.Duration, p float64) time.Duration {
		return d[min(len(d)-1, int(float64(len(d))*p))].Round(100 * time.Microsecond)
	}
	pct := func(p float64) time.Duration { return pctOf(all, p) }
	perSession := float64(max(withSessions, afterTyping)-idle) / loadSessions / 1024
	t.Logf("%d sessions, %d keystrokes in %s (%.0f a second; a gap of %s after each; %d failed sessions)",
		loadSessions, len(all), elapsed.Round(time.Millisecond), float64(len(all))/elapsed.Seconds(), gap, failed)
	t.Logf("keystroke to frame: p50 %s, p90 %s, p99 %s, max %s",
		pct(0.50), pct(0.90), pct(0.99), all[len(all)-1].Round(100*time.Microsecond))
	if len(later) > 0 {
		t.Logf("the same without each session's first key (its first search and first detail): p50 %s, p99 %s",
			pctOf(later, 0.50), pctOf(later, 0.99))
	}
	// /proc counts CPU time in clock ticks of 10 ms (USER_HZ on Linux).
	t.Logf("server CPU while typing: %.2f s, %.1f ms a keystroke", float64(cpu1-cpu0)/100, float64(cpu1-cpu0)*10/float64(len(all)))
	t.Logf("server RSS: idle %.1f MiB, %d sessions open %.1f MiB, after typing %.1f MiB: %.2f MiB per session",
		float64(idle)/1024, loadSessions, float64(withSessions)/1024, float64(afterTyping)/1024, perSession)
	for _, term := range terms {
		if term != nil {
			term.Close()
		}
	}
	code, _ := srv.stop(t)
	t.Logf("SIGTERM: exit status %d", code)
}

// cpuTicks is a process's user+system CPU time in clock ticks (Linux).
func cpuTicks(pid int) (int, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The fields after the command (which may hold spaces) in parentheses.
	_, rest, _ := strings.Cut(string(b), ") ")
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, io.ErrUnexpectedEOF
	}
	utime, err := strconv.Atoi(f[11])
	if err != nil {
		return 0, err
	}
	stime, err := strconv.Atoi(f[12])
	return utime + stime, err
}
