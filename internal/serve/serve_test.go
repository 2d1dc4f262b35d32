package serve

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"cndtalks/data"
	"cndtalks/internal/sshtest"
	"cndtalks/model"
)

// wait bounds every wait for a screen or a session's end.
const wait = 15 * time.Second

// syncBuffer is a log the server writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a server on a loopback port.
type testServer struct {
	*Server
	addr string
	log  *syncBuffer
	dir  string
}

// start serves the built-in catalogue with cfg on 127.0.0.1:0.
func start(t *testing.T, cfg Config) *testServer {
	t.Helper()
	ts := &testServer{log: &syncBuffer{}, dir: t.TempDir()}
	if cfg.StateDir == "" {
		cfg.StateDir = ts.dir
	}
	if cfg.PerIPPerMinute == 0 {
		cfg.PerIPPerMinute = 1000 // every test connects from 127.0.0.1
	}
	cfg.Logger = slog.New(slog.NewTextHandler(ts.log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cat := data.Default()
	cfg.List = func(w io.Writer, marks model.Marks) error {
		for _, talk := range cat.Talks {
			mark := " "
			if marks != nil && marks.Starred(talk.ID) {
				mark = "★"
			}
			if _, err := io.WriteString(w, mark+" "+talk.ID+"\n"); err != nil {
				return err
			}
		}
		return nil
	}
	srv, err := New(cat, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	ts.Server, ts.addr = srv, ln.Addr().String()
	return ts
}

func (ts *testServer) dial(t *testing.T, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := sshtest.Dial(ts.addr, key)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func open(t *testing.T, c *gossh.Client, o sshtest.Options) *sshtest.Terminal {
	t.Helper()
	term, err := sshtest.Open(c, o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	return term
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	k, err := sshtest.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func waitText(t *testing.T, term *sshtest.Terminal, text string) string {
	t.Helper()
	scr, err := term.WaitText(wait, text)
	if err != nil {
		t.Fatalf("waiting for %q: %v; screen:\n%s", text, err, scr)
	}
	return scr
}

// exitStatus is a session's exit status, -1 when it ended without one.
func exitStatus(err error) int {
	if err == nil {
		return 0
	}
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return ee.ExitStatus()
	}
	return -1
}

// listOutput runs a session without a terminal: the talk list.
func listOutput(t *testing.T, c *gossh.Client) string {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out bytes.Buffer
	sess.Stdout = &out
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Wait(); err != nil {
		t.Fatalf("list session: %v", err)
	}
	return out.String()
}

// A session with a terminal gets the browser at its size, filters, stars
// and quits with q; without a terminal it gets the list, with its key's
// marks.
func TestBrowserSession(t *testing.T) {
	ts := start(t, Config{})
	key := newKey(t)
	c := ts.dial(t, key)
	term := open(t, c, sshtest.Options{Width: 100, Height: 30})
	waitText(t, term, "11 talks")
	waitText(t, term, "1/11")
	if err := term.Type("/kafka"); err != nil {
		t.Fatal(err)
	}
	if scr, err := term.WaitFor(wait, func(s string) bool { return regexp.MustCompile(`\s1/1\s*\n`).MatchString(s) }); err != nil {
		t.Fatalf("the filter did not narrow to one talk: %v; screen:\n%s", err, scr)
	}
	if err := term.Type("\ts"); err != nil {
		t.Fatal(err)
	}
	waitText(t, term, "★ Starred")
	if err := term.Type("q"); err != nil {
		t.Fatal(err)
	}
	if err := term.Wait(wait); err != nil {
		t.Fatalf("session after q: %v", err)
	}
	list := listOutput(t, ts.dial(t, key))
	if !strings.Contains(list, "★ streams-must-flow-kafka-streams-kubernetes") {
		t.Errorf("the list for the same key lacks the star:\n%s", list)
	}
	if other := listOutput(t, ts.dial(t, newKey(t))); strings.Contains(other, "★") {
		t.Errorf("another key sees a star:\n%s", other)
	}
	files, _ := filepath.Glob(filepath.Join(ts.dir, "marks", "*.json"))
	if len(files) != 1 || filepath.Base(files[0]) != keyFingerprint(key.PublicKey())+".json" {
		t.Errorf("marks files %v, want one named after the key's SHA-256", files)
	}
	if fi, err := os.Stat(filepath.Join(ts.dir, "host_ed25519")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("host key: %v, mode %v; want 0600", err, fi.Mode())
	}
	for _, want := range []string{"msg=connect", "term=xterm-256color", "window=100x30", "msg=disconnect", "pty=false"} {
		if !strings.Contains(ts.log.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, ts.log.String())
		}
	}
}

// A client without a key is told its marks last for the session, and its
// star says so.
func TestKeylessMarks(t *testing.T) {
	ts := start(t, Config{})
	term := open(t, ts.dial(t, nil), sshtest.Options{Width: 120, Height: 30})
	waitText(t, term, "for this session only")
	if err := term.Type("s"); err != nil {
		t.Fatal(err)
	}
	waitText(t, term, "(for this session only)")
	if files, _ := filepath.Glob(filepath.Join(ts.dir, "marks", "*")); len(files) != 0 {
		t.Errorf("a keyless session wrote %v", files)
	}
}

// o runs nothing on the server: the link is copied with OSC 52 and shown
// as an OSC 8 hyperlink.
func TestLinkKeysStayWithTheClient(t *testing.T) {
	ts := start(t, Config{})
	term := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 120, Height: 30, KeepRaw: true})
	waitText(t, term, "1/11")
	if err := term.Type("/kafka\to"); err != nil {
		t.Fatal(err)
	}
	waitText(t, term, "Copied slides to your clipboard")
	url := "https://www.slideshare.net/CloudOps2005/kafka-on-kubernetes"
	for _, seq := range []string{"\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(url)), "\x1b]8;;" + url} {
		// The copy is a command of its own: it may follow the frame.
		if _, err := term.WaitFor(wait, func(string) bool { return strings.Contains(term.Raw(), seq) }); err != nil {
			t.Errorf("no %q in the output: %v", seq, err)
		}
	}
	if err := term.Type("x"); err != nil {
		t.Fatal(err)
	}
	waitText(t, term, "Exports are not written over SSH")
}

// Refusals: exec, a subsystem, port forwarding both ways, agent forwarding,
// the environment (all but the colour hints).
func TestRefusedRequests(t *testing.T) {
	ts := start(t, Config{})
	c := ts.dial(t, newKey(t))

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := sess.CombinedOutput("id"); err == nil {
		t.Errorf("exec id ran: %q", out)
	}
	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was granted")
	}
	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("a local port forward (direct-tcpip) was opened")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("a remote port forward (tcpip-forward) was granted")
	}
	sess, _ = c.NewSession()
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding was granted")
	}
	sess, _ = c.NewSession()
	if err := sess.Setenv("LD_PRELOAD", "/tmp/x.so"); err == nil {
		t.Error("env LD_PRELOAD was accepted")
	}
	if err := sess.Setenv("COLORTERM", "truecolor"); err != nil {
		t.Errorf("env COLORTERM was refused: %v", err)
	}
	log := ts.log.String()
	for _, want := range []string{`request=exec detail=id`, `request=subsystem detail=sftp`, `channel=direct-tcpip`,
		`request=tcpip-forward`, `request=auth-agent-req@openssh.com`, `reason=env`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %q:\n%s", want, log)
		}
	}
}

// One session more than --max-sessions is refused with a message and exit
// status 1; when one ends, the next is let in.
func TestMaxSessions(t *testing.T) {
	ts := start(t, Config{MaxSessions: 2})
	var terms []*sshtest.Terminal
	for range 2 {
		term := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 80, Height: 24})
		waitText(t, term, "1/11")
		terms = append(terms, term)
	}
	extra := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 80, Height: 24})
	if err := extra.Wait(wait); exitStatus(err) != 1 || !strings.Contains(extra.Stderr(), "the server is full (2 sessions)") {
		t.Fatalf("third session: %v, stderr %q; want exit 1 and 'the server is full'", err, extra.Stderr())
	}
	if !strings.Contains(ts.log.String(), "reason=full") {
		t.Errorf("the log lacks the refusal:\n%s", ts.log.String())
	}
	if err := terms[0].Type("q"); err != nil {
		t.Fatal(err)
	}
	if err := terms[0].Wait(wait); err != nil {
		t.Fatal(err)
	}
	next := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 80, Height: 24})
	waitText(t, next, "1/11")
}

// A flood of connections from one address is cut before the handshake.
func TestPerIPFlood(t *testing.T) {
	ts := start(t, Config{PerIPPerMinute: 3})
	for i := range 3 {
		if _, err := sshtest.Dial(ts.addr, newKey(t)); err != nil {
			t.Fatalf("connection %d of 3: %v", i+1, err)
		}
	}
	if c, err := sshtest.Dial(ts.addr, newKey(t)); err == nil {
		c.Close()
		t.Fatal("a 4th connection within the minute was accepted")
	}
	if !strings.Contains(ts.log.String(), "reason=rate") {
		t.Errorf("the log lacks the refusal:\n%s", ts.log.String())
	}
}

// The limiter refills evenly: a burst of perMinute, then one per
// 60s/perMinute, per address.
func TestIPLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	l := newIPLimiter(2, func() time.Time { return now })
	steps := []struct {
		advance time.Duration
		ip      string
		want    bool
	}{
		{0, "a", true}, {0, "a", true}, {0, "a", false},
		{0, "b", true},
		{29 * time.Second, "a", false}, {time.Second, "a", true}, {0, "a", false},
		{time.Hour, "a", true}, {0, "a", true}, {0, "a", false},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := l.allow(s.ip); got != s.want {
			t.Errorf("step %d (%s after %s): allow = %v, want %v", i, s.ip, s.advance, got, s.want)
		}
	}
}

// A 1x1 window shows the too-small view without a panic and recovers when
// the window grows; a 10000x10000 window is clamped to the maximum.
func TestWindowSizes(t *testing.T) {
	ts := start(t, Config{MaxWidth: 200, MaxHeight: 60})
	tiny := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 1, Height: 1})
	if _, err := tiny.WaitFor(wait, func(string) bool { return tiny.Writes() > 0 }); err != nil {
		t.Fatalf("1x1: no frame: %v", err)
	}
	if err := tiny.Resize(80, 24, 80, 24); err != nil {
		t.Fatal(err)
	}
	waitText(t, tiny, "1/11")

	huge := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 10000, Height: 10000, ScreenWidth: 200, ScreenHeight: 60})
	scr := waitText(t, huge, "1/11")
	if lines := strings.Split(strings.TrimRight(scr, "\n"), "\n"); len(lines) > 60 {
		t.Errorf("10000x10000 drew %d lines, want at most 60", len(lines))
	}
	if err := huge.Resize(20000, 20000, 200, 60); err != nil {
		t.Fatal(err)
	}
	if err := huge.Type("q"); err != nil {
		t.Fatal(err)
	}
	if err := huge.Wait(wait); err != nil {
		t.Fatalf("after q: %v", err)
	}
	if !strings.Contains(ts.log.String(), "window=10000x10000") {
		t.Errorf("the log lacks the window asked for:\n%s", ts.log.String())
	}
}

// Shutdown tells each session, saves the marks and ends the connections.
func TestShutdown(t *testing.T) {
	ts := start(t, Config{})
	key := newKey(t)
	term := open(t, ts.dial(t, key), sshtest.Options{Width: 100, Height: 30})
	waitText(t, term, "1/11")
	if err := term.Type("s"); err != nil {
		t.Fatal(err)
	}
	waitText(t, term, "★ Starred")
	ts.Shutdown()
	if err := term.Wait(wait); err != nil && exitStatus(err) < 0 {
		t.Logf("session ended with %v", err)
	}
	if !strings.Contains(term.Stderr(), "the server is shutting down; your marks are saved") {
		t.Errorf("the client was not told: stderr %q", term.Stderr())
	}
	st, err := openStore(filepath.Join(ts.dir, "marks", keyFingerprint(key.PublicKey())+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if ids := st.For(data.Default().Event.ID).IDs(0); len(ids) != 1 {
		t.Errorf("starred after shutdown: %v, want one talk", ids)
	}
	if _, err := sshtest.Dial(ts.addr, key); err == nil {
		t.Error("a connection after shutdown was accepted")
	}
}

// A session with no key pressed for the idle timeout ends with a word.
func TestIdleTimeout(t *testing.T) {
	ts := start(t, Config{IdleTimeout: 300 * time.Millisecond})
	term := open(t, ts.dial(t, newKey(t)), sshtest.Options{Width: 80, Height: 24})
	if err := term.Wait(wait); err != nil {
		t.Fatalf("idle session: %v", err)
	}
	if !strings.Contains(term.Stderr(), "no key pressed for 300ms") {
		t.Errorf("stderr %q", term.Stderr())
	}
}

// The host key is created once, mode 0600, and reused; a key others can
// read is refused.
func TestHostKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "host")
	a, created, err := loadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first: created %v, %v", created, err)
	}
	b, created, err := loadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second: created %v, %v", created, err)
	}
	if !bytes.Equal(a.PublicKey().Marshal(), b.PublicKey().Marshal()) || a.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Error("the key changed, or is not ed25519")
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := loadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a 0644 key: %v", err)
	}
}
