//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"cndtalks/data"
	"cndtalks/data/store"
	"cndtalks/internal/tmuxtest"
)

// The signal tests run the real binary, wait for it to be blocked where
// the bug was (a read of stdin, a FIFO, the marks lock), send the signal
// and wait a bounded time for its exit. Before, Ctrl-C and SIGTERM were
// caught and then ignored until the read ended.

// signalWait bounds how long a signalled cndtalks may take to exit.
const signalWait = 10 * time.Second

// started is a cndtalks process the test signals.
type started struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan error
}

func startCndtalks(t *testing.T, env []string, stdin *os.File, args ...string) *started {
	t.Helper()
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	s := &started{cmd: exec.Command(bin, args...), done: make(chan error, 1)}
	s.cmd.Env = append(os.Environ(), env...)
	s.cmd.Stdin = stdin
	s.cmd.Stderr = &s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s
}

// exitCode waits for the process to exit (at most signalWait) and returns
// its exit code, -1 when a signal killed it.
func (s *started) exitCode(t *testing.T, what string) int {
	t.Helper()
	select {
	case err := <-s.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(signalWait):
		t.Fatalf("%s: cndtalks still running %v after the signal; stderr: %s", what, signalWait, s.stderr.String())
		return 0
	}
}

// readSyscall is the number of read(2) on the architectures the test knows.
var readSyscall = map[string]int{"amd64": 0, "arm64": 63, "riscv64": 63, "loong64": 63}

// waitBlockedReading waits until one of the process's threads is blocked
// in read(2) on fd: the readiness signal that the command is waiting for
// input, past its signal set-up. It skips the test where /proc does not
// say (another system, another architecture, no permission).
func waitBlockedReading(t *testing.T, pid, fd int) {
	t.Helper()
	nr, ok := readSyscall[runtime.GOARCH]
	if !ok {
		t.Skipf("read(2)'s number on %s is not in the test", runtime.GOARCH)
	}
	want := fmt.Sprintf("%d 0x%x ", nr, fd)
	deadline := time.Now().Add(signalWait)
	for {
		tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/syscall", pid))
		if err != nil || len(tasks) == 0 {
			t.Skip("no /proc/PID/task/*/syscall here")
		}
		for _, task := range tasks {
			b, err := os.ReadFile(task)
			if errors.Is(err, os.ErrPermission) {
				t.Skip("/proc/PID/task/*/syscall is not readable here")
			}
			if strings.HasPrefix(string(b), want) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("cndtalks never blocked reading fd %d", fd)
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not synchronisation
	}
}

// TestSignalEndsStdinRead checks Ctrl-C and SIGTERM while a command reads
// its catalogue from a silent pipe or a terminal: `sleep 30 | cndtalks add
// -`, `cndtalks list --catalog -` typed at a prompt.
func TestSignalEndsStdinRead(t *testing.T) {
	for _, args := range [][]string{{"list", "--catalog", "-"}, {"add", "-", "--name", "piped"}} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			for _, stdin := range []string{"pipe", "terminal"} {
				t.Run(fmt.Sprintf("%s/%v/%s", args[0], sig, stdin), func(t *testing.T) {
					var in, keep *os.File
					if stdin == "pipe" {
						r, w, err := os.Pipe()
						if err != nil {
							t.Fatal(err)
						}
						in, keep = r, w // the write end stays open and silent
					} else {
						ptmx, tty, err := pty.Open()
						if err != nil {
							t.Skipf("no pseudo-terminal: %v", err)
						}
						in, keep = tty, ptmx
					}
					defer keep.Close()
					home := t.TempDir()
					s := startCndtalks(t, []string{"HOME=" + home, "XDG_DATA_HOME=" + home, "XDG_STATE_HOME=" + home}, in, args...)
					in.Close()
					waitBlockedReading(t, s.cmd.Process.Pid, 0)
					if err := s.cmd.Process.Signal(sig); err != nil {
						t.Fatal(err)
					}
					if code := s.exitCode(t, strings.Join(args, " ")); code != 130 {
						t.Errorf("exit code %d, want %d; stderr: %s", code, 130, s.stderr.String())
					}
					if !strings.Contains(s.stderr.String(), "cndtalks: interrupted") {
						t.Errorf("stderr %q does not say it was interrupted", s.stderr.String())
					}
				})
			}
		}
	}
}

// TestSignalEndsFIFOWait checks a catalogue FIFO whose writer is silent,
// at --catalog and at add: the test's opening of the FIFO for writing
// returns once cndtalks has opened it, which is the readiness signal.
func TestSignalEndsFIFOWait(t *testing.T) {
	for _, args := range [][]string{{"list", "--catalog", "FIFO"}, {"add", "FIFO", "--name", "fifo"}} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "schedule.json")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			for i, a := range args {
				if a == "FIFO" {
					args[i] = fifo
				}
			}
			s := startCndtalks(t, []string{"HOME=" + dir, "XDG_DATA_HOME=" + dir, "XDG_STATE_HOME=" + dir}, nil, args...)
			w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // returns once cndtalks opened it
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			if code := s.exitCode(t, strings.Join(args, " ")); code != 130 {
				t.Errorf("exit code %d, want %d; stderr: %s", code, 130, s.stderr.String())
			}
		})
	}
}

// TestFIFOAtMarksFile checks that a FIFO where marks.json should be is an
// error, not a hang, for a command that reads the marks and one that
// writes them.
func TestFIFOAtMarksFile(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "cndtalks")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(state, store.MarksFileName), 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	id := data.Default().Talks[0].ID
	for _, args := range [][]string{{"list", "is:starred"}, {"star", id}} {
		s := startCndtalks(t, []string{"HOME=" + dir, "XDG_STATE_HOME=" + dir}, nil, args...)
		code := s.exitCode(t, strings.Join(args, " "))
		if code == 0 && args[0] == "star" || !strings.Contains(s.stderr.String(), "FIFO") {
			t.Errorf("%v: exit %d, stderr %q: want the FIFO named", args, code, s.stderr.String())
		}
	}
}

// TestBrowserSavesMarksOnHangup stars a talk in the browser while another
// process holds the marks lock, then hangs up its terminal (SIGHUP) and
// lets the lock go: the star is saved before cndtalks exits. It used to
// die at once and lose it.
func TestBrowserSavesMarksOnHangup(t *testing.T) {
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	state := filepath.Join(dir, "state", "cndtalks")
	if err := os.MkdirAll(state, 0o700); err != nil {
		t.Fatal(err)
	}
	lock, err := os.OpenFile(filepath.Join(state, store.MarksFileName+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Skip("no flock here:", err)
	}
	pidFile := filepath.Join(dir, "pid")
	p := tmuxtest.Start(t, 120, 30, marksEnv(dir), "sh -c "+tmuxtest.ShellQuote("echo $$ > "+tmuxtest.ShellQuote(pidFile)+"; exec "+tmuxtest.ShellQuote(bin)))
	p.WaitText("1/11")
	p.Keys("s")
	p.WaitText("★ Starred")
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	// The browser now waits for the lock to save: let it go.
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	p.WaitExit()
	s := openTestMarks(t, dir)
	if ids := s.IDs(data.Default().Event.ID, store.Star); len(ids) != 1 || ids[0] != data.Default().Talks[0].ID {
		t.Errorf("starred after SIGHUP: %v, want the first talk", ids)
	}
}
