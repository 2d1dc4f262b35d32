package main

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestREADMEExamples runs every `$ cndtalks ...` example of README.md's
// console blocks against the built-in catalogue, each with a fresh library
// and marks, and wants exit 0: a query the README shows must find its talk
// (not stop at "matches 2 talks"). What follows a pipe or a redirection is
// not run (jq, head); $BROWSER is replaced by a command that opens nothing.
// Examples that need the network are not run; those that name the FOSDEM
// library entry run with ../shared's FOSDEM schedule added under that name
// (skipped when it is absent).
func TestREADMEExamples(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the examples are written for a Unix shell")
	}
	bin, err := exec.LookPath("cndtalks")
	if err != nil {
		t.Fatal(err)
	}
	fosdem, err := filepath.Abs("../shared/fixtures/schedules/fosdem-2023.schedule.xml")
	if err != nil {
		t.Fatal(err)
	}
	_, fosdemErr := os.Stat(fosdem)
	examples := readmeExamples(t)
	if len(examples) < 20 {
		t.Fatalf("only %d examples found in README.md", len(examples))
	}
	for _, ex := range examples {
		args := ex.args
		switch {
		case strings.Contains(ex.line, "https://") || strings.Contains(ex.line, "curl "):
			t.Logf("not run (needs the network): %s", ex.line)
			continue
		case strings.Contains(ex.line, "fosdem") && fosdemErr != nil:
			t.Logf("not run (needs ../shared/fixtures): %s", ex.line)
			continue
		}
		dir := t.TempDir()
		env := append(os.Environ(),
			"XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
			"XDG_STATE_HOME="+filepath.Join(dir, "state"), "XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
			"HOME="+dir, "BROWSER=true", "NO_COLOR=1")
		run := func(args ...string) (string, int) {
			cmd := exec.Command(bin, args...)
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return string(out), exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			return string(out), 0
		}
		if fosdemErr == nil {
			// The file the add example names, and the library entry the
			// others use.
			if err := os.Symlink(fosdem, filepath.Join(dir, "fosdem-2023.xml")); err != nil {
				t.Fatal(err)
			}
			if !isCommand(args, "add") {
				if out, code := run("add", fosdem, "--name", "fosdem23"); code != 0 {
					t.Fatalf("adding the FOSDEM schedule: exit %d: %s", code, out)
				}
			}
		}
		if out, code := run(args...); code != 0 {
			t.Errorf("README.md:%d: %s: exit %d, want 0:\n%s", ex.lineNo, ex.line, code, out)
		}
	}
}

// isCommand reports whether args start with the subcommand cmd.
func isCommand(args []string, cmd string) bool { return len(args) > 0 && args[0] == cmd }

type readmeExample struct {
	lineNo int
	line   string
	args   []string
}

// readmeExamples returns the `$ cndtalks` lines of README.md's console
// blocks, with the arguments before any pipe, redirection or comment, split
// as the shell would (single and double quotes).
func readmeExamples(t *testing.T) []readmeExample {
	f, err := os.Open("README.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeExample
	inConsole := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```console"):
			inConsole = true
			continue
		case strings.HasPrefix(line, "```"):
			inConsole = false
			continue
		}
		if !inConsole || !strings.HasPrefix(line, "$ ") {
			continue
		}
		words := shellWords(strings.TrimPrefix(line, "$ "))
		for len(words) > 0 && strings.Contains(words[0], "=") {
			words = words[1:] // VAR=value
		}
		if len(words) == 0 || words[0] != "cndtalks" {
			if strings.Contains(line, "cndtalks") {
				out = append(out, readmeExample{n, line, nil}) // e.g. curl ... | cndtalks
			}
			continue
		}
		out = append(out, readmeExample{n, line, words[1:]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shellWords splits a command line into words up to the first unquoted |,
// >, or #.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '|' || r == '>' || r == '#':
			if inWord {
				words = append(words, cur.String())
			}
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
