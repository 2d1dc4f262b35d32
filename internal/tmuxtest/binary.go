package tmuxtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var binary struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// Binary is the cndtalks binary for the tmux tests of one test process,
// built by the first call and shared by the others. Like Start it skips
// the test in -short mode and when tmux is not installed, before building
// anything. A package that calls it removes the build with Cleanup from
// its TestMain.
func Binary(t *testing.T) string {
	t.Helper()
	skipUnlessTmux(t)
	binary.once.Do(func() {
		binary.dir, binary.err = os.MkdirTemp("", "cndtalks-tmuxtest-")
		if binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "cndtalks")
		binary.out, binary.err = exec.Command("go", "build", "-o", binary.path, "cndtalks").CombinedOutput()
	})
	if binary.err != nil {
		t.Fatalf("go build: %v\n%s", binary.err, binary.out)
	}
	return binary.path
}

// Cleanup removes what Binary built.
func Cleanup() {
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
}
