package data

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const seedPath = "../../shared/seeds/000_1afff8e29ffe0288.txt"

// seedText returns the source post's text with its HTML tags dropped and its
// words lower-cased, or skips the test when ../shared is not beside the repo.
func seedText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("source post not available (%v)", err)
	}
	s := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(b), " ")
	return strings.Join(words(s), " ")
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func words(s string) []string {
	s = strings.NewReplacer("’", "'", "&nbsp;", " ").Replace(strings.ToLower(s))
	return wordRE.FindAllString(s, -1)
}

// copiedRun returns the first run of n words of text that also appears in
// src (already normalised by seedText), or "".
func copiedRun(text, src string, n int) string {
	w := words(text)
	for i := 0; i+n <= len(w); i++ {
		run := strings.Join(w[i:i+n], " ")
		if strings.Contains(src, run) {
			return run
		}
	}
	return ""
}

// sentences counts the sentences of a Markdown paragraph.
func sentences(s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n := 0
	for i, r := range s {
		if r == '.' || r == '!' || r == '?' {
			next := i + 1
			if next == len(s) || s[next] == ' ' || s[next] == '\n' {
				n++
			}
		}
	}
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		n++
	}
	return n
}

// testingNow is the clock of the measurement tests.
var testingNow = time.Now

// The real schedule exports live beside the repository, in ../shared (see
// ../shared/fixtures/schedules/SOURCES.md); they are test input only and are
// never copied into the repository.
const realSchedules = "../../shared/fixtures/schedules"

// loadReal loads one of the real exports, or skips the test when they are
// not beside the repository.
func loadReal(t testing.TB, file string) *Result {
	t.Helper()
	path := filepath.Join(realSchedules, file)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("real schedule %s not available (needs ../shared beside the repo): %v", file, err)
	}
	res, err := LoadFile(path)
	if err != nil {
		t.Fatalf("LoadFile(%s): %v", file, err)
	}
	return res
}
