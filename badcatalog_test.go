package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/termscan"
)

// TestBadCataloguesCLI runs the real command on broken catalogue files
// generated here (the big ones are never committed): each must fail with
// exit code 2 and one line on stderr naming the file and, where there is
// one, the line, column and field, with no panic and no stack trace.
func TestBadCataloguesCLI(t *testing.T) {
	dir := t.TempDir()
	nest := func(open, close string, n int) string {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	tests := []struct {
		name    string
		content string
		want    string // regexp for the one line after "cndtalks: "
	}{
		{"bad.yaml", "event:\n  name: [unclosed\n", `^bad\.yaml:\d+(:\d+)?: invalid YAML`},
		{"bad.json", `{"event": {"name": "x"`, `^bad\.json:1:\d+: invalid JSON`},
		{"bad.xml", "<schedule><conference><title>x</titl></schedule>", `^bad\.xml:1:\d+: invalid XML`},
		{"type.yaml", "event:\n  name: [1, 2]\n", `^type\.yaml:2:9: event\.name: expected a string, got a list$`},
		{"type.json", `{"event": {"name": 3}}`, `^type\.json:1:\d+: event\.name: expected a string, got the number 3$`},
		{"unknown.json", `{"event": {"name": "x", "nmae": "y"}}`, `^unknown\.json:1:\d+: event\.nmae: unknown field "nmae"`},
		{"utf8.yaml", "event:\n  name: caf\xe9\n", `^utf8\.yaml:2:\d+: invalid UTF-8`},
		{"utf8.json", "{\"event\": {\"name\": \"caf\xe9\"}}", `^utf8\.json:1:\d+: invalid UTF-8`},
		{"utf8.xml", "<schedule><conference><title>caf\xe9</title></conference></schedule>", `^utf8\.xml:1:\d+: invalid UTF-8`},
		{"utf16.yaml", "\xff\xfee\x00v\x00", `^utf16\.yaml:\d+:\d+: the file is UTF-16`},
		{"empty.yaml", "", `^empty\.yaml: empty catalogue`},
		{"blank.json", "  \n\n", `^blank\.json: empty catalogue`},
		{"nested.json", strings.Repeat("[", 100_000), `^nested\.json:1:\d+: invalid JSON: nested more than \d+ levels`},
		{"nested-object.json", `{"event": {"name": "x", "links": ` + strings.Repeat(`{"a": `, 100_000), `^nested-object\.json:1:\d+: `},
		{"nested.yaml", "event: " + strings.Repeat("[", 100_000), `^nested\.yaml(:\d+)*: invalid YAML: exceeded max depth`},
		{"nested-schedule.json", `{"schedule": ` + strings.Repeat("[", 100_000), `^nested-schedule\.json:1:\d+: invalid JSON`},
		{"nested.xml", "<schedule>" + strings.Repeat("<a>", 100_000), `^nested\.xml:1:\d+: invalid XML`},
		{"nested-closed.xml", "<schedule>" + nest("<a>", "</a>", 100_000) + "</schedule>", `^nested-closed\.xml: the schedule lists no events`},
		{"title.yaml", "event: {name: x}\ntalks:\n  - id: a\n    title: " + strings.Repeat("T", 100<<10) + "\n",
			`^title\.yaml:4:12: talks\[0\]\.title: is 102400 characters long; the limit is 1000$`},
		{"title.json", `{"event": {"name": "x"}, "talks": [{"id": "a", "title": "` + strings.Repeat("T", 100<<10) + `"}]}`,
			`^title\.json:1:\d+: talks\[0\]\.title: is 102400 characters long`},
		{"entities.xml", `<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]><schedule><conference><title>&x;</title></conference></schedule>`,
			`^entities\.xml:1:\d+: invalid XML`},
		{"html.xml", "<html><body>not a schedule</body></html>", `^html\.xml: XML with root element <html>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			checkBadCatalogue(t, dir, tt.name, tt.want)
		})
	}

	t.Run("alias bomb", func(t *testing.T) {
		// A billion laughs in a field that takes strings: 9^8 expansions if
		// aliases were followed blindly. Each wrong entry is one line (the
		// loader stops listing at 50).
		var b strings.Builder
		b.WriteString("event:\n  name: x\n  thanks:\n    - &a [l, l, l, l, l, l, l, l, l]\n")
		prev := "a"
		for _, n := range []string{"b", "c", "d", "e", "f", "g", "h"} {
			b.WriteString("    - &" + n + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]\n")
			prev = n
		}
		b.WriteString("talks:\n  - {id: t, title: t, topics: *h}\n")
		if err := os.WriteFile(filepath.Join(dir, "laughs.yaml"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		checkBadCatalogueLines(t, dir, "laughs.yaml", `^laughs\.yaml:4:7: event\.thanks\[0\]: expected a string, got a list$`, 51)
	})
	t.Run("directory", func(t *testing.T) {
		if err := os.Mkdir(filepath.Join(dir, "adir"), 0o755); err != nil {
			t.Fatal(err)
		}
		checkBadCatalogue(t, dir, "adir", `^adir: is a directory`)
	})
	t.Run("missing", func(t *testing.T) {
		checkBadCatalogue(t, dir, "missing.yaml", `^missing\.yaml: no such file`)
	})
	t.Run("over the size limit", func(t *testing.T) {
		// A sparse file: its size is over the limit, its blocks are not
		// written.
		f, err := os.Create(filepath.Join(dir, "huge.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Truncate(data.MaxFileSize + 1); err != nil {
			t.Skipf("cannot make a sparse file here: %v", err)
		}
		f.Close()
		checkBadCatalogue(t, dir, "huge.yaml", `^huge\.yaml: file is [\d.]+ MiB, over the \d+ MiB limit`)
	})
	t.Run("unreadable", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root, which can read a chmod 000 file")
		}
		path := filepath.Join(dir, "secret.yaml")
		if err := os.WriteFile(path, []byte("event: {name: x}\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		checkBadCatalogue(t, dir, "secret.yaml", `^secret\.yaml: permission denied`)
	})
}

var stackTrace = regexp.MustCompile(`goroutine \d+|panic:|runtime\.|\.go:\d+`)

// checkBadCatalogue runs `cndtalks --catalog name list` in dir and checks
// the failure: exit 2, nothing on stdout, one stderr line matching want.
func checkBadCatalogue(t *testing.T, dir, name, want string) {
	t.Helper()
	checkBadCatalogueLines(t, dir, name, want, 1)
}

// checkBadCatalogueLines is checkBadCatalogue for a file with up to
// maxLines problems, each on its own line naming the file; want matches
// the first.
func checkBadCatalogueLines(t *testing.T, dir, name, want string, maxLines int) {
	t.Helper()
	t.Chdir(dir)
	stdout, stderr, code := runInPTY(t, nil, "", "--catalog", name, "list")
	if code != 2 {
		t.Errorf("exit code %d, want %d; stderr:\n%s", code, 2, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout: %.200q", stdout)
	}
	if stackTrace.MatchString(stderr) {
		t.Fatalf("stderr has a stack trace:\n%.2000s", stderr)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) > maxLines {
		t.Errorf("%d lines on stderr, want at most %d:\n%.2000s", len(lines), maxLines, stderr)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "cndtalks: "+name) {
			t.Errorf("stderr line %q does not name the file", l)
		}
	}
	line, ok := strings.CutPrefix(lines[0], "cndtalks: ")
	if !ok || !regexp.MustCompile(want).MatchString(line) {
		t.Errorf("stderr %q, want cndtalks: %s", lines[0], want)
	}
	if len(lines[0]) > 400 {
		t.Errorf("the error line is %d bytes long", len(lines[0]))
	}
}

// TestHostileArgumentsCLI passes control sequences where the user's own
// input is echoed back: a file name, a query, a talk ID, a flag value and
// a command name. Error messages repeat them, without the controls.
func TestHostileArgumentsCLI(t *testing.T) {
	dir := t.TempDir()
	evil := "evil\x1b]0;PWN\x07\u009b2J\u202e.yaml"
	if err := os.WriteFile(filepath.Join(dir, evil), []byte("event: [broken\n"), 0o644); err != nil {
		t.Skipf("this file system refuses the name: %v", err)
	}
	t.Chdir(dir)
	payload := "\x1b]0;PWN\x07\x1b[2J\u009b31m\r\b"
	for _, args := range [][]string{
		{"--catalog", evil, "list"},
		{"list", "kube" + payload},
		{"show", payload},
		{"open", "id" + payload},
		{"--style", payload, "list"},
		{"li" + payload + "st"},
		{"list", "--js" + payload},
		{"list", `speaker:"` + payload},
	} {
		// (A value may be echoed %q-quoted, as inert text: only real
		// controls are looked for here.)
		stdout, stderr, _ := runInPTY(t, nil, "", args...)
		for _, out := range []string{stdout, stderr} {
			if err := termscan.Check(out, noText); err != nil {
				t.Errorf("%q: %v", args, err)
			}
		}
		if stackTrace.MatchString(stderr) {
			t.Errorf("%q: stack trace:\n%s", args, stderr)
		}
		if !strings.HasPrefix(stderr, "cndtalks: ") {
			t.Errorf("%q: stderr %q", args, stderr)
		}
	}
}
