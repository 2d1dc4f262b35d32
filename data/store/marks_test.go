package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"cndtalks/data/internal/fsx"
)

func openMarks(t *testing.T, dir string) *MarksStore {
	t.Helper()
	s, err := OpenMarks(dir)
	if err != nil {
		t.Fatalf("OpenMarks: %v", err)
	}
	return s
}

func apply(t *testing.T, s *MarksStore, ops ...Op) {
	t.Helper()
	for _, op := range ops {
		if err := s.Apply(op); err != nil {
			t.Fatalf("Apply(%+v): %v", op, err)
		}
	}
}

func readMarksFile(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, MarksFileName))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func star(cat, talk string) Op   { return Op{Catalogue: cat, Talk: talk, Mark: Star, On: true} }
func unstar(cat, talk string) Op { return Op{Catalogue: cat, Talk: talk, Mark: Star, On: false} }
func watch(cat, talk string) Op  { return Op{Catalogue: cat, Talk: talk, Mark: Watch, On: true} }

func TestMarksFileFormat(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	apply(t, s,
		star("mtl-2019", "zeta"), star("mtl-2019", "alpha"), watch("mtl-2019", "alpha"),
		star("fosdem-2023", "k8s"), star("fosdem-2023", "gone"), unstar("fosdem-2023", "gone"),
		star("empty", "x"), unstar("empty", "x"),
	)
	want := `{
  "version": 1,
  "catalogues": {
    "fosdem-2023": {
      "starred": [
        "k8s"
      ]
    },
    "mtl-2019": {
      "starred": [
        "alpha",
        "zeta"
      ],
      "watched": [
        "alpha"
      ]
    }
  }
}
`
	if got := readMarksFile(t, dir); got != want {
		t.Errorf("marks file:\n%s\nwant:\n%s", got, want)
	}

	// Reopened, the marks are all there, per catalogue.
	r := openMarks(t, dir)
	m := r.For("mtl-2019")
	if !m.Starred("alpha") || !m.Starred("zeta") || !m.Watched("alpha") || m.Watched("zeta") {
		t.Errorf("reopened mtl-2019: starred %v watched %v", m.IDs(Star), m.IDs(Watch))
	}
	if r.Starred("mtl-2019", "k8s") || !r.Starred("fosdem-2023", "k8s") || r.Starred("fosdem-2023", "gone") {
		t.Error("marks leaked between catalogues")
	}
	if got := r.IDs("empty", Star); len(got) != 0 {
		t.Errorf("IDs(empty) = %v", got)
	}
}

func TestMarksToggle(t *testing.T) {
	s := openMarks(t, t.TempDir())
	m := s.For("c")
	for i, want := range []bool{true, false, true} {
		on, err := m.Toggle("t1", Watch)
		if err != nil || on != want || m.Watched("t1") != want {
			t.Fatalf("toggle %d: on=%v err=%v watched=%v, want %v", i, on, err, m.Watched("t1"), want)
		}
	}
	if m.Starred("t1") {
		t.Error("toggling watched starred the talk")
	}
}

// Two stores on one file stand for two processes: each change is replayed
// on the file as it is, so neither loses the other's marks.
func TestMarksMergeBetweenStores(t *testing.T) {
	dir := t.TempDir()
	a := openMarks(t, dir)
	b := openMarks(t, dir)
	apply(t, a, star("c", "from-a"), star("c", "both"))
	apply(t, b, star("c", "from-b"), watch("c", "w-b"))
	apply(t, a, unstar("c", "both"))

	r := openMarks(t, dir)
	for _, id := range []string{"from-a", "from-b"} {
		if !r.Starred("c", id) {
			t.Errorf("%s lost", id)
		}
	}
	if r.Starred("c", "both") {
		t.Error("unstar by a was lost")
	}
	if !r.Watched("c", "w-b") {
		t.Error("watched mark by b lost")
	}
	// Each store also sees the other's marks once it has written.
	if !a.Starred("c", "from-b") {
		t.Error("a did not pick up b's star when it wrote")
	}
}

func TestMarksConcurrentGoroutines(t *testing.T) {
	dir := t.TempDir()
	const stores, each = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, stores*each)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := OpenMarks(dir)
			if err != nil {
				errs <- err
				return
			}
			for j := range each {
				if err := s.Apply(star("c", fmt.Sprintf("s%d-t%d", i, j))); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := len(openMarks(t, dir).IDs("c", Star)); got != stores*each {
		t.Errorf("%d marks survived, want %d", got, stores*each)
	}
}

// TestMarksHelperProcess is not a test: the process tests below run the test
// binary with it to get real separate processes.
func TestMarksHelperProcess(t *testing.T) {
	spec := os.Getenv("CNDTALKS_MARKS_HELPER")
	if spec == "" {
		t.Skip("helper process for the multi-process tests")
	}
	// spec: dir|prefix|count ; count -1 writes forever.
	parts := strings.Split(spec, "|")
	n, _ := strconv.Atoi(parts[2])
	s, err := OpenMarks(parts[0])
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	for i := 0; n < 0 || i < n; i++ {
		id := fmt.Sprintf("%s-%d", parts[1], i)
		if err := s.Apply(star("c", id)); err != nil {
			fmt.Println("apply:", err)
			os.Exit(1)
		}
		// Odd talks are starred then unstarred: the unstar must win.
		if i%2 == 1 {
			if err := s.Apply(unstar("c", id)); err != nil {
				fmt.Println("apply:", err)
				os.Exit(1)
			}
		}
		fmt.Println("saved", id)
	}
	os.Exit(0)
}

func helperCmd(t *testing.T, dir, prefix string, n int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestMarksHelperProcess$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("CNDTALKS_MARKS_HELPER=%s|%s|%d", dir, prefix, n))
	return cmd
}

func TestMarksConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	const procs, each = 4, 20
	cmds := make([]*exec.Cmd, procs)
	outs := make([]*strings.Builder, procs)
	for i := range cmds {
		cmds[i] = helperCmd(t, dir, fmt.Sprintf("p%d", i), each)
		outs[i] = new(strings.Builder)
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	s := openMarks(t, dir)
	for p := range procs {
		for i := range each {
			id := fmt.Sprintf("p%d-%d", p, i)
			if want := i%2 == 0; s.Starred("c", id) != want {
				t.Errorf("%s starred = %v, want %v", id, !want, want)
			}
		}
	}
}

// A process killed with SIGKILL in the middle of its writes leaves a valid
// file with every mark it reported saved.
func TestMarksKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	cmd := helperCmd(t, dir, "k", -1)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	var saved []string
	for len(saved) < 30 && sc.Scan() {
		if id, ok := strings.CutPrefix(sc.Text(), "saved "); ok {
			saved = append(saved, id)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(saved) < 30 {
		t.Fatalf("helper saved only %d marks", len(saved))
	}
	s, err := OpenMarks(dir)
	if err != nil {
		t.Fatalf("after kill -9: %v", err)
	}
	for i, id := range saved {
		if want := i%2 == 0; s.Starred("c", id) != want {
			t.Errorf("%s starred = %v, want %v", id, !want, want)
		}
	}
	// A temporary file the killed writer left is cleaned at the next write.
	apply(t, s, star("c", "after"))
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestMarksCorruptFileMovedAside(t *testing.T) {
	cases := []struct {
		name, content, msg string
	}{
		{"garbage", "not json at all", "line 1, column 2"},
		{"empty", "", "the file is empty"},
		{"truncated", "{\n  \"version\": 1,\n  \"catalogues\": {\"c\": {\"starred\": [\"a\"", "unexpected end of JSON input"},
		{"wrong type", "{\n  \"version\": 1,\n  \"catalogues\": {\"c\": {\"starred\": \"a\"}}}", `line 3, column 37: catalogues.starred is a JSON string, expected []string`},
		{"no version", `{"catalogues": {}}`, `no "version" field`},
		{"version zero", `{"version": 0, "catalogues": {}}`, `"version" is 0`},
		{"version string", `{"version": "1"}`, `"version" is "1", expected a whole number`},
		{"array", `[1, 2]`, "expected"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, MarksFileName)
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := OpenMarks(dir)
			s.now = func() time.Time { return time.Date(2026, 11, 26, 4, 5, 6, 0, time.UTC) }
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("OpenMarks error = %v, want *CorruptError", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("message %q does not say %q", err, tc.msg)
			}
			if !strings.Contains(err.Error(), ce.MovedTo) || !strings.Contains(ce.MovedTo, ".corrupt-") {
				t.Errorf("message %q does not say where the file went (%q)", err, ce.MovedTo)
			}
			kept, rerr := os.ReadFile(ce.MovedTo)
			if rerr != nil || string(kept) != tc.content {
				t.Errorf("corrupt file not kept intact: %q, %v", kept, rerr)
			}
			if s.ReadOnly() != nil {
				t.Errorf("store read-only after moving the corrupt file aside: %v", s.ReadOnly())
			}
			apply(t, s, star("c", "new"))
			if !openMarks(t, dir).Starred("c", "new") {
				t.Error("mark after recovery not saved")
			}
			if kept2, _ := os.ReadFile(ce.MovedTo); string(kept2) != tc.content {
				t.Error("corrupt copy changed by a later write")
			}
		})
	}
}

func TestMarksCorruptedDuringSession(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	apply(t, s, star("c", "a"))
	path := filepath.Join(dir, MarksFileName)
	if err := os.WriteFile(path, []byte("{oops"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Two corrupt files in the same second get distinct names.
	s.now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }
	if err := os.WriteFile(path+".corrupt-20260102T030405Z", []byte("older"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.Apply(star("c", "b"))
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.MovedTo != path+".corrupt-20260102T030405Z-1" {
		t.Fatalf("Apply error = %v, want a CorruptError moved to ...-1", err)
	}
	if b, _ := os.ReadFile(ce.MovedTo); string(b) != "{oops" {
		t.Errorf("moved file = %q", b)
	}
	r := openMarks(t, dir)
	if !r.Starred("c", "a") || !r.Starred("c", "b") {
		t.Errorf("after recovery: %v", r.IDs("c", Star))
	}
}

func TestMarksNewerVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, MarksFileName)
	newer := `{"version": 2, "catalogues": {"c": {"starred": ["a"], "colour": "red"}}, "extra": true}`
	if err := os.WriteFile(path, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenMarks(dir)
	var nv *NewerVersionError
	if !errors.As(err, &nv) || nv.Version != 2 {
		t.Fatalf("OpenMarks error = %v, want NewerVersionError v2", err)
	}
	if !strings.Contains(err.Error(), "newer cndtalks") || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("unclear message: %v", err)
	}
	if !s.Starred("c", "a") {
		t.Error("marks of the newer file not shown")
	}
	err = s.Apply(star("c", "b"))
	var ns *NotSavedError
	if !errors.As(err, &ns) || !errors.As(err, &nv) {
		t.Fatalf("Apply error = %v, want NotSavedError wrapping NewerVersionError", err)
	}
	if !s.Starred("c", "b") {
		t.Error("change not kept in memory")
	}
	if got, _ := os.ReadFile(path); string(got) != newer {
		t.Errorf("newer file changed: %s", got)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*corrupt*")); len(m) != 0 {
		t.Errorf("newer file treated as corrupt: %v", m)
	}
}

func TestMarksNewerVersionAppearsDuringSession(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	apply(t, s, star("c", "a"))
	path := filepath.Join(dir, MarksFileName)
	newer := `{"version": 7, "whatever": []}`
	if err := os.WriteFile(path, []byte(newer), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Apply(star("c", "b")); !errors.As(err, new(*NewerVersionError)) {
		t.Fatalf("Apply error = %v, want NewerVersionError", err)
	}
	if s.ReadOnly() == nil {
		t.Error("store still writable")
	}
	if err := s.Apply(star("c", "c")); !errors.As(err, new(*NotSavedError)) {
		t.Errorf("second Apply error = %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != newer {
		t.Errorf("newer file changed: %s", got)
	}
	if !s.Starred("c", "a") || !s.Starred("c", "b") || !s.Starred("c", "c") {
		t.Error("in-memory marks lost")
	}
}

// A home where the state directory cannot be created: marks work for the
// session and every change says it was not saved.
func TestMarksUnwritableHome(t *testing.T) {
	home := t.TempDir()
	blocker := filepath.Join(home, "state")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := OpenMarks(filepath.Join(blocker, "cndtalks"))
	if err != nil {
		t.Fatalf("OpenMarks: %v", err) // nothing to read is not an error
	}
	err = s.Apply(star("c", "a"))
	var ns *NotSavedError
	if !errors.As(err, &ns) || !strings.Contains(err.Error(), "kept for this session") {
		t.Fatalf("Apply error = %v, want NotSavedError", err)
	}
	if !s.For("c").Starred("a") {
		t.Error("mark not kept in memory")
	}
}

func TestMarksReadOnlyDir(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs Unix permissions that apply (not root)")
	}
	dir := t.TempDir()
	s := openMarks(t, dir)
	apply(t, s, star("c", "a"))
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if err := s.Apply(star("c", "b")); !errors.As(err, new(*NotSavedError)) {
		t.Fatalf("Apply error = %v, want NotSavedError", err)
	}
	if !s.Starred("c", "b") {
		t.Error("change not kept in memory")
	}
	if !strings.Contains(readMarksFile(t, dir), `"a"`) {
		t.Error("existing file damaged")
	}
}

// A full disk fails the write half-way: the old file stays whole, no
// temporary file is left, and the change is written with the next one once
// there is room.
func TestMarksFullDisk(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	apply(t, s, star("c", "a"))
	before := readMarksFile(t, dir)

	full := true
	s.write = func(f *os.File, b []byte) error {
		if full {
			_, _ = f.Write(b[:len(b)/2])
			return &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
		}
		_, err := f.Write(b)
		return err
	}
	err := s.Apply(star("c", "b"))
	if !errors.As(err, new(*NotSavedError)) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Apply error = %v, want NotSavedError(ENOSPC)", err)
	}
	if got := readMarksFile(t, dir); got != before {
		t.Errorf("file changed by a failed write:\n%s", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if !s.Starred("c", "b") {
		t.Error("change not kept in memory")
	}

	full = false
	apply(t, s, watch("c", "a"))
	r := openMarks(t, dir)
	if !r.Starred("c", "a") || !r.Starred("c", "b") || !r.Watched("c", "a") {
		t.Errorf("pending change not retried: starred %v watched %v", r.IDs("c", Star), r.IDs("c", Watch))
	}
}

func TestMarksCannotCreateTemp(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	s.createTemp = func(string, string) (*os.File, error) {
		return nil, &os.PathError{Op: "open", Path: dir, Err: syscall.EROFS}
	}
	err := s.Apply(star("c", "a"))
	if !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), "read-only file system") {
		t.Fatalf("Apply error = %v, want EROFS", err)
	}
	if !s.Starred("c", "a") {
		t.Error("change not kept in memory")
	}
}

func TestMarksUnreadableFileIsNotOverwritten(t *testing.T) {
	dir := t.TempDir()
	// A directory where the file should be cannot be read, nor replaced.
	if err := os.Mkdir(filepath.Join(dir, MarksFileName), 0o700); err != nil {
		t.Fatal(err)
	}
	s, err := OpenMarks(dir)
	if err == nil || s.ReadOnly() == nil {
		t.Fatalf("OpenMarks error = %v, read-only = %v", err, s.ReadOnly())
	}
	if err := s.Apply(star("c", "a")); !errors.As(err, new(*NotSavedError)) {
		t.Errorf("Apply error = %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, MarksFileName)); err != nil || !fi.IsDir() {
		t.Error("unreadable marks path replaced")
	}
}

func TestMarksLocked(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	s.timeout = 20 * time.Millisecond
	unlock, ok, err := fsx.TryLock(filepath.Join(dir, MarksFileName+".lock"))
	if err != nil || !ok {
		t.Fatalf("tryLock: %v %v", ok, err)
	}
	err = s.Apply(star("c", "a"))
	unlock()
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Apply error = %v, want ErrLocked", err)
	}
	apply(t, s, star("c", "b"))
	r := openMarks(t, dir)
	if !r.Starred("c", "a") || !r.Starred("c", "b") {
		t.Errorf("after the lock was released: %v", r.IDs("c", Star))
	}
}

func TestMarksNoCatalogueID(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	if err := s.Apply(star("", "a")); !errors.Is(err, ErrNoCatalogueID) {
		t.Fatalf("Apply error = %v", err)
	}
	if !s.Starred("", "a") {
		t.Error("not kept in memory")
	}
	if _, err := os.Stat(filepath.Join(dir, MarksFileName)); err == nil {
		t.Error("file written for a catalogue without id")
	}
}

func TestInMemoryMarks(t *testing.T) {
	s := InMemoryMarks(errors.New("no home directory"))
	err := s.Apply(star("c", "a"))
	if !errors.As(err, new(*NotSavedError)) || !strings.Contains(err.Error(), "no home directory") {
		t.Fatalf("Apply error = %v", err)
	}
	if !s.Starred("c", "a") || s.Path() != "" {
		t.Error("in-memory store broken")
	}
	// Without a reason it is still never written.
	if err := InMemoryMarks(nil).Apply(star("c", "a")); !errors.As(err, new(*NotSavedError)) {
		t.Errorf("Apply on InMemoryMarks(nil) = %v", err)
	}
}

func TestStateDir(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/x/state")
	if got, err := StateDir(); err != nil || got != filepath.Join("/x/state", "cndtalks") {
		t.Errorf("with XDG_STATE_HOME: %q, %v", got, err)
	}
	if runtime.GOOS != "linux" {
		return
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"", "relative/state"} { // relative is ignored, per the XDG spec
		t.Setenv("XDG_STATE_HOME", v)
		if got, err := StateDir(); err != nil || got != filepath.Join(home, ".local", "state", "cndtalks") {
			t.Errorf("XDG_STATE_HOME=%q: %q, %v", v, got, err)
		}
	}
	t.Setenv("HOME", "")
	if _, err := StateDir(); err == nil {
		t.Error("no error without a home directory")
	}
}

func TestOpenDefaultMarks(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	s, err := OpenDefaultMarks()
	if err != nil {
		t.Fatal(err)
	}
	m := s.For("cat")
	if err := m.SetStarred("a", true); err != nil {
		t.Fatal(err)
	}
	if err := m.SetWatched("a", true); err != nil {
		t.Fatal(err)
	}
	if got := filepath.Join(state, "cndtalks", MarksFileName); s.Path() != got {
		t.Errorf("path %q, want %q", s.Path(), got)
	}
	r := openMarks(t, filepath.Join(state, "cndtalks"))
	if !r.Starred("cat", "a") || !r.Watched("cat", "a") {
		t.Error("marks not in the default file")
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_STATE_HOME", "")
		t.Setenv("HOME", "")
		s, err := OpenDefaultMarks()
		if err == nil || s.ReadOnly() == nil || s.Path() != "" {
			t.Errorf("without a home: err %v, read-only %v", err, s.ReadOnly())
		}
	}
}

// FuzzDecodeMarks: any bytes are either a marks file, one from a newer
// version, or an error; never a panic. A file that decodes encodes back to
// one that decodes to the same marks.
func FuzzDecodeMarks(f *testing.F) {
	f.Add([]byte(`{"version": 1, "catalogues": {"c": {"starred": ["a"], "watched": ["b"]}}}`))
	f.Add([]byte(`{"version": 2}`))
	f.Add([]byte(`{"version": 1, "catalogues": null}`))
	f.Add([]byte(`{"version": 1e400}`))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := decodeMarks(b)
		if err != nil {
			return
		}
		again, err := decodeMarks(encodeMarks(st))
		if err != nil {
			t.Fatalf("re-decoding: %v", err)
		}
		if string(encodeMarks(again)) != string(encodeMarks(st)) {
			t.Fatal("round trip changed the marks")
		}
	})
}

// Stage changes memory at once and writes only when save runs; saves run in
// any order (as Cmds do) still write every staged change.
func TestMarksStage(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	m := s.For("c")
	save1 := m.StageStarred("a", true)
	save2 := m.StageWatched("a", true)
	save3 := m.StageStarred("b", true)
	if !m.Starred("a") || !m.Watched("a") || !m.Starred("b") {
		t.Fatal("staged changes not in memory")
	}
	if _, err := os.Stat(filepath.Join(dir, MarksFileName)); err == nil {
		t.Fatal("written before save")
	}
	for _, save := range []func() error{save3, save1, save2} {
		if err := save(); err != nil {
			t.Fatal(err)
		}
	}
	r := openMarks(t, dir)
	if !r.Starred("c", "a") || !r.Watched("c", "a") || !r.Starred("c", "b") {
		t.Errorf("saved: starred %v watched %v", r.IDs("c", Star), r.IDs("c", Watch))
	}
	// Un-starring then saving both in reverse order keeps the last change.
	saveOn := m.StageStarred("x", true)
	saveOff := m.StageStarred("x", false)
	if err := saveOff(); err != nil {
		t.Fatal(err)
	}
	if err := saveOn(); err != nil {
		t.Fatal(err)
	}
	if openMarks(t, dir).Starred("c", "x") {
		t.Error("an earlier staged change overrode a later one")
	}
}

// Flush writes what a save still running in the background (or never run)
// would have written; on a read-only store it says the changes are lost.
func TestMarksFlush(t *testing.T) {
	dir := t.TempDir()
	s := openMarks(t, dir)
	if err := s.Flush(); err != nil {
		t.Fatalf("Flush with nothing to save: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, MarksFileName)); err == nil {
		t.Fatal("Flush wrote a file with nothing to save")
	}
	_ = s.For("c").StageStarred("a", true) // the save never runs
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if !openMarks(t, dir).Starred("c", "a") {
		t.Error("Flush did not save the staged change")
	}

	mem := InMemoryMarks(errors.New("no home directory"))
	_ = mem.For("c").StageStarred("a", true)
	if err := mem.Flush(); !errors.As(err, new(*NotSavedError)) {
		t.Errorf("in-memory Flush error = %v", err)
	}
	if _, err := os.Stat(MarksFileName); err == nil {
		t.Error("an in-memory store wrote marks.json in the working directory")
	}
}
