package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// isCleanBytewise is isClean as it was before its eight-bytes-at-a-time
// path: the reference the fast path is checked against.
func isCleanBytewise(s string, multiline bool) bool {
	var run runs
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			run = runs{}
			if b < 0x20 || b == 0x7f {
				if !multiline || (b != '\n' && b != '\t') {
					return false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if dropRune(r) || !run.keep(r) {
			return false
		}
		i += size
	}
	return true
}

func checkIsClean(t *testing.T, s string) {
	t.Helper()
	for _, multiline := range []bool{false, true} {
		if got, want := isClean(s, multiline), isCleanBytewise(s, multiline); got != want {
			t.Fatalf("isClean(%q, %v) = %v, the bytewise check says %v", s, multiline, got, want)
		}
	}
}

// TestIsCleanSameAsBytewise puts every byte value, and invisible runs, at
// every position around the 8-byte words and the 16-byte steps.
func TestIsCleanSameAsBytewise(t *testing.T) {
	for n := 0; n <= 40; n++ {
		base := strings.Repeat("abcdefgh", 5)[:n]
		checkIsClean(t, base)
		for pos := 0; pos < n; pos++ {
			for c := 0; c < 256; c++ {
				checkIsClean(t, base[:pos]+string(rune(c))+base[pos:])
				checkIsClean(t, base[:pos]+string([]byte{byte(c)})+base[pos+1:])
			}
			for _, ins := range []string{"\u200d\u200d", "\u200d", "e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301", "\U000e0041", "é", "👩\u200d💻"} {
				checkIsClean(t, base[:pos]+ins+base[pos:])
			}
		}
	}
	// A run of joiners split by 8 ASCII bytes is two runs.
	checkIsClean(t, "\u200dabcdefgh\u200d")
	checkIsClean(t, "\u200d\u200dabcdefgh")
}

func FuzzIsClean(f *testing.F) {
	for _, s := range []string{"", "plain text of some length", "tab\there", "line\nbreak", "\x1b[31mred", "a\u009b1mb",
		"Montréal, Palais des congrès", "👩\u200d💻 and more ASCII after it", "\x7fabcdefgh", "abcdefgh\x1f"} {
		f.Add(s)
	}
	f.Fuzz(checkIsClean)
}

// BenchmarkIsClean compares isClean with the bytewise check on an English
// summary, a French one and a title:
//
//	go test -run '^$' -bench IsClean ./model/
func BenchmarkIsClean(b *testing.B) {
	texts := map[string]string{
		"english": strings.Repeat("We will walk through the architecture, the mistakes we made, and the tooling. ", 6),
		"french":  strings.Repeat("Nous montrerons comment Apple a adopté Helm pour ses équipes de développement. ", 6),
		"title":   "Securing Admission Control with Knative",
	}
	for name, s := range texts {
		b.Run(name+"/words", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				isClean(s, true)
			}
		})
		b.Run(name+"/bytewise", func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				isCleanBytewise(s, true)
			}
		})
	}
}

// sanitizeLineLongWay is SanitizeLine without its plainLine fast path.
func sanitizeLineLongWay(s string) string {
	if isClean(s, false) && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s {
		return s
	}
	return strings.Join(strings.Fields(sanitize(s, false)), " ")
}

func checkPlainLine(t *testing.T, s string) {
	t.Helper()
	if plainLine(s) && sanitizeLineLongWay(s) != s {
		t.Fatalf("plainLine(%q) is true, but SanitizeLine changes it to %q", s, sanitizeLineLongWay(s))
	}
	if got, want := SanitizeLine(s), sanitizeLineLongWay(s); got != want {
		t.Fatalf("SanitizeLine(%q) = %q, the long way %q", s, got, want)
	}
}

// TestPlainLine puts every byte value and every pair of spaces and other
// white space at the ends and in the middle of a line, and at every place
// around the 8-byte words.
func TestPlainLine(t *testing.T) {
	for n := 2; n <= 26; n++ {
		base := strings.Repeat("abcdefgh", 4)[:n]
		for pos := 1; pos < n; pos++ {
			checkPlainLine(t, base[:pos]+" "+base[pos:])
			checkPlainLine(t, base[:pos]+"  "+base[pos:])
			checkPlainLine(t, base[:pos]+" "+base[pos:pos+1]+" "+base[pos+1:])
			for _, c := range []byte{0, '\t', 0x1f, 0x7f, 0x80, 0xc3, 0xff} {
				checkPlainLine(t, base[:pos]+string([]byte{c})+base[pos:])
			}
		}
	}
	for _, s := range []string{"", " ", "  ", "a", "a b", "a  b", " a", "a ", "https://example.org/a?b=c", "Title: A Talk (Part 2)"} {
		checkPlainLine(t, s)
	}
	for c := range 256 {
		b := string([]byte{byte(c)})
		for _, s := range []string{b, "a" + b, b + "a", "a" + b + "b", "a " + b, b + " b", "ab" + b + b + "cd"} {
			checkPlainLine(t, s)
		}
	}
	for _, ws := range []string{"\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u2028", "\u3000"} {
		for _, s := range []string{ws + "a", "a" + ws, "a" + ws + "b", "a " + ws + "b", "a" + ws + " b"} {
			checkPlainLine(t, s)
		}
	}
}

func FuzzPlainLine(f *testing.F) {
	for _, s := range []string{"", "plain title", " lead", "trail ", "two  spaces", "tab\there", "é", "\x7f"} {
		f.Add(s)
	}
	f.Fuzz(checkPlainLine)
}

// BenchmarkSanitizeLine times SanitizeLine on the usual fields of a
// talk, each already clean:
//
//	go test -run '^$' -bench SanitizeLine ./model/
func BenchmarkSanitizeLine(b *testing.B) {
	fields := []string{"00000000-0000-4000-8000-000000000007", "Operating Jaeger on Bare Metal", "talk", "en", "Salle Viger",
		"observability", "2019-11-04", "p-s05115", "video", "https://video.example.org/watch?v=talk-000007", "Video"}
	for _, long := range []bool{false, true} {
		name, f := "fast", SanitizeLine
		if long {
			name, f = "longway", sanitizeLineLongWay
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				for _, s := range fields {
					f(s)
				}
			}
		})
	}
}
