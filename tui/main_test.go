package tui

import (
	"os"
	"testing"

	"cndtalks/internal/tmuxtest"
)

// TestMain removes the binary the tmux tests share (tmuxtest.Binary).
func TestMain(m *testing.M) {
	code := m.Run()
	tmuxtest.Cleanup()
	os.Exit(code)
}
