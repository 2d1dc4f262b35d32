package main

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"cndtalks/internal/tmuxtest"
)

// serveProcess is `cndtalks serve` running in its own process.
type serveProcess struct {
	cmd  *exec.Cmd
	addr string
	port string
	log  chan string // the log lines after "listening"
}

// startServe runs `cndtalks serve` on a free loopback port with args added
// and returns once it listens.
func startServe(t *testing.T, stateDir string, args ...string) *serveProcess {
	t.Helper()
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0", "--state-dir", stateDir}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+stateDir)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProcess{cmd: cmd, log: make(chan string, 1000)}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	sc := bufio.NewScanner(stderr)
	listening := regexp.MustCompile(`msg=listening addr=(\S+)`)
	for sc.Scan() {
		if m := listening.FindStringSubmatch(sc.Text()); m != nil {
			p.addr = m[1]
			break
		}
	}
	if p.addr == "" {
		t.Fatal("cndtalks serve did not say where it listens")
	}
	_, p.port, _ = strings.Cut(p.addr, ":")
	go func() {
		for sc.Scan() {
			select {
			case p.log <- sc.Text():
			default:
			}
		}
		close(p.log)
	}()
	return p
}

// stop sends SIGTERM and returns the exit status and the log lines after
// "listening".
func (p *serveProcess) stop(t *testing.T) (int, []string) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for l := range p.log {
		lines = append(lines, l)
	}
	err := p.cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), lines
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, lines
}

// writeClientKey writes a new ed25519 private key for ssh -i.
func writeClientKey(t *testing.T, path string) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "cndtalks test")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestServeWithOpenSSH drives OpenSSH's ssh -tt in tmux against the real
// cndtalks serve: the header appears, a filter narrows, s stars, q ends
// the session, the star is there on reconnecting with the same key, and
// SIGTERM stops the server with a log of what happened.
func TestServeWithOpenSSH(t *testing.T) {
	if testing.Short() {
		t.Skip("ssh test skipped in -short mode")
	}
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("OpenSSH's ssh is not installed (.ci/run installs openssh-client)")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	srv := startServe(t, filepath.Join(dir, "state"))
	key := filepath.Join(dir, "id_ed25519")
	writeClientKey(t, key)
	ssh := strings.Join([]string{tmuxtest.ShellQuote(sshBin), "-tt", "-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
		"-i", tmuxtest.ShellQuote(key), "-p", srv.port, "127.0.0.1"}, " ")

	a := tmuxtest.Start(t, 100, 30, []string{"TERM=xterm-256color"}, ssh)
	a.WaitHeader("cndtalks")
	a.WaitText("1/11")
	a.Keys("/", "kafka")
	a.WaitFor("the filter to narrow to one talk", func(s string) bool { return regexp.MustCompile(`\s1/1\s*\n`).MatchString(s) })
	a.Keys("Tab", "s")
	a.WaitText("★ Starred")
	a.Keys("q")
	if st := a.WaitExit(); st != "0" {
		t.Fatalf("ssh after q exited %s", st)
	}

	b := tmuxtest.Start(t, 100, 30, []string{"TERM=xterm-256color"}, ssh)
	b.WaitText("1/11")
	b.Keys("/", "is:starred")
	scr := b.WaitFor("is:starred to keep one talk", func(s string) bool { return regexp.MustCompile(`\s1/1\s*\n`).MatchString(s) })
	if !strings.Contains(scr, "Streams must flow") {
		t.Errorf("is:starred after reconnecting is not the talk starred:\n%s", scr)
	}
	b.Keys("Tab", "q")
	if st := b.WaitExit(); st != "0" {
		t.Fatalf("second ssh after q exited %s", st)
	}

	code, log := srv.stop(t)
	all := strings.Join(log, "\n")
	for _, want := range []string{"msg=connect", "msg=disconnect", `msg="shutting down"`, "msg=stopped"} {
		if !strings.Contains(all, want) {
			t.Errorf("the log lacks %s:\n%s", want, all)
		}
	}
	if code != 0 && code != 130 {
		t.Errorf("cndtalks serve exited %d after SIGTERM", code)
	}
	if n := strings.Count(all, "msg=connect"); n != 2 {
		t.Errorf("%d connects logged, want 2:\n%s", n, all)
	}
}

// rssKB is a process's resident memory in KiB (Linux).
func rssKB(pid int) (int, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
		}
	}
	return 0, io.ErrUnexpectedEOF
}

// waitGap bounds a wait in the load test.
const waitGap = 60 * time.Second
