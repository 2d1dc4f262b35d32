//go:build linux

package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestUpdateExitCodes checks update's and changes' exit codes against the
// README: an unknown name is bad usage (2); when one catalogue fails and
// another is updated, both are reported and the exit status is 1.
func TestUpdateExitCodes(t *testing.T) {
	schedule, err := os.ReadFile("data/testdata/import/pretalx-minimal.schedule.json")
	if err != nil {
		t.Fatal(err)
	}
	var broken atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/b.json" && broken.Load() {
			http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
			return
		}
		w.Write(schedule)
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_STATE_HOME=" + dir}
	run := func(args ...string) (int, string) {
		t.Helper()
		s := startCndtalks(t, env, nil, args...)
		code := s.exitCode(t, strings.Join(args, " "))
		return code, s.stderr.String()
	}
	for _, n := range []string{"a", "b"} {
		if code, stderr := run("add", srv.URL+"/"+n+".json", "--name", n); code != 0 {
			t.Fatalf("add %s: exit %d: %s", n, code, stderr)
		}
	}
	broken.Store(true)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"update"}, 1, "cndtalks: b: cannot download"},
		{[]string{"update", "a"}, 0, ""},
		{[]string{"update", "a", "nope"}, 2, `no catalogue named "nope"`},
		{[]string{"changes", "nope"}, 2, `no catalogue named "nope"`},
		{[]string{"changes", "a", "b"}, 2, "changes takes one NAME"},
		{[]string{"changes", "b"}, 0, "no update has brought a new copy"},
	}
	for _, tt := range tests {
		code, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.stderr)
		}
	}
}
