//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsCommand: SIGTERM or SIGINT while a command loads its
// catalogue ends the real binary with one line, "cndtalks: interrupted",
// exit code 130, nothing on stdout and no stack trace. The catalogue is a
// FIFO: once the test's writer has opened it, the binary has begun to load
// (the open waits for a reader), and it cannot finish before the signal
// because nothing is ever written.
func TestSignalStopsCommand(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		for _, args := range [][]string{{"speakers"}, {"speakers", "--json"}, {"list"}, {"export", "--format", "json"}} {
			t.Run(sig.String()+"/"+args[0]+"/"+args[len(args)-1], func(t *testing.T) {
				fifo := filepath.Join(t.TempDir(), "schedule.json")
				if err := syscall.Mkfifo(fifo, 0o600); err != nil {
					t.Skipf("no FIFO: %v", err)
				}
				cmd := exec.Command(bin, append([]string{"--catalog", fifo}, args...)...)
				cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan error, 1)
				go func() { exited <- cmd.Wait() }()
				// Opening the FIFO for writing returns once the binary has
				// opened it for reading: the load has started.
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				defer w.Close()
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				select {
				case err = <-exited:
				case <-time.After(time.Minute): // a bound on a hang, not a wait for a state
					_ = cmd.Process.Kill()
					<-exited
					t.Fatalf("still running a minute after %v; stderr %q", sig, stderr.String())
				}
				var ee *exec.ExitError
				if !errors.As(err, &ee) || ee.ExitCode() != 130 {
					t.Errorf("exit: %v, want exit code 130", err)
				}
				if stderr.String() != "cndtalks: interrupted\n" || stdout.Len() != 0 {
					t.Errorf("stderr %q, %d bytes on stdout; want one line, nothing", stderr.String(), stdout.Len())
				}
			})
		}
	}
}
