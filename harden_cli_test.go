//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAddExitCodes checks add's exit codes against the README: a library
// that cannot be written is a run-time failure (1; it was 2, bad input),
// a reserved --name is bad input (2).
func TestAddExitCodes(t *testing.T) {
	dir := t.TempDir()
	cat := filepath.Join(dir, "mini.yaml")
	if err := os.WriteFile(cat, []byte("event:\n  id: mini\n  name: Mini\nspeakers: []\ntalks:\n  - id: a\n    title: A\n    kind: talk\n    order: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A file where the library directory should be: nothing can be
	// written, whoever runs the test (root ignores a read-only mode).
	if err := os.MkdirAll(filepath.Join(dir, "data", "cndtalks"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "cndtalks", "catalogues"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"), "XDG_STATE_HOME=" + dir}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"add", cat}, 1, "cannot write to the library"},
		{[]string{"add", cat, "--name", "nul"}, 2, "reserved device name on Windows"},
		{[]string{"add", cat, "--name", "com1.txt"}, 2, "reserved device name on Windows"},
		{[]string{"add", "/dev/zero"}, 2, "is a device"},
	}
	for _, tt := range tests {
		s := startCndtalks(t, env, nil, tt.args...)
		if code := s.exitCode(t, strings.Join(tt.args, " ")); code != tt.code || !strings.Contains(s.stderr.String(), tt.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args, code, s.stderr.String(), tt.code, tt.msg)
		}
	}
}
