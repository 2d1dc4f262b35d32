package model

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// plainURLCases are inputs at the edges of plainHTTPURL's shape, with
// whether it takes them.
var plainURLCases = []struct {
	in    string
	plain bool
}{
	{"https://example.org", true},
	{"http://example.org/", true},
	{"https://video.example.org/watch?v=talk-000000", true},
	{"https://slides.example.org/talk-000000.pdf", true},
	{"https://Example.ORG/A_b~c/d.e", true},
	{"https://example.org?x", true},
	{"https://example.org/p?", true},
	{"https://example.org/p??a=b&c", true},
	{"https://example.org//x/../y", true},
	{"https://...", true},
	{"https://-", true},
	{"https://", false},
	{"https:///x", false},
	{"https://?x", false},
	{"HTTPS://example.org", false},
	{"ftp://example.org", false},
	{"https://example.org:8080/", false},
	{"https://user@example.org/", false},
	{"https://example.org/a b", false},
	{"https://example.org/a%20b", false},
	{"https://example.org/#top", false},
	{"https://example.org/p?q=<x>", false},
	{"https://example.org/a:b", false},
	{"https://exa_mple.org/", false},
	{"https://xn--bcher-kva.example/", true},
	{"https://bücher.example/", false},
	{" https://example.org", false},
	{"https://example.org/\x1b[31m", false},
	{"https://[::1]/", false},
	{"https://1.2.3.4/x", true},
	{"//example.org/x", false},
	{"", false},
}

// checkPlainURL fails when plainHTTPURL takes s but SafeURL does not
// return it unchanged with the same host, or when SafeURLString and
// ResolveURLString differ from SafeURL and ResolveURL on s.
func checkPlainURL(t *testing.T, s string) {
	t.Helper()
	if host, ok := plainHTTPURL(s); ok {
		u, err := SafeURL(s)
		if err != nil {
			t.Fatalf("plainHTTPURL(%q) took it, SafeURL refuses it: %v", s, err)
		}
		if u.String() != s || u.Hostname() != host {
			t.Fatalf("plainHTTPURL(%q) = host %q; SafeURL gives %q with host %q", s, host, u.String(), u.Hostname())
		}
	}
	gotU, gotHost, gotErr := SafeURLString(s)
	wantU, wantHost, wantErr := "", "", error(nil)
	if u, err := SafeURL(s); err == nil {
		wantU, wantHost = u.String(), u.Hostname()
	} else {
		wantErr = err
	}
	if gotU != wantU || gotHost != wantHost || (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("SafeURLString(%q) = %q, %q, %v; SafeURL gives %q, %q, %v", s, gotU, gotHost, gotErr, wantU, wantHost, wantErr)
	}
	for _, base := range []string{"", "https://example.org/a/b", "http://h.example/x?y"} {
		gotU, gotHost, gotErr := ResolveURLString(base, s)
		wantU, wantHost, wantErr := "", "", error(nil)
		if u, err := ResolveURL(base, s); err == nil {
			wantU, wantHost = u.String(), u.Hostname()
		} else {
			wantErr = err
		}
		if gotU != wantU || gotHost != wantHost || (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Fatalf("ResolveURLString(%q, %q) = %q, %q, %v; ResolveURL gives %q, %q, %v", base, s, gotU, gotHost, gotErr, wantU, wantHost, wantErr)
		}
	}
}

func TestPlainHTTPURL(t *testing.T) {
	for _, c := range plainURLCases {
		if _, ok := plainHTTPURL(c.in); ok != c.plain {
			t.Errorf("plainHTTPURL(%q) = %v, want %v", c.in, ok, c.plain)
		}
		checkPlainURL(t, c.in)
	}
}

// realScheduleURLs are the URLs in the real schedule exports kept beside
// the repository (none when they are absent).
func realScheduleURLs(tb testing.TB) []string {
	files, _ := filepath.Glob("../../shared/fixtures/schedules/*")
	re := regexp.MustCompile(`https?://[^\s"'<>\\]+`)
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range re.FindAllString(string(b), -1) {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// TestPlainHTTPURLOnRealSchedules runs the differential check on every URL
// of the real exports.
func TestPlainHTTPURLOnRealSchedules(t *testing.T) {
	urls := realScheduleURLs(t)
	if len(urls) == 0 {
		t.Skip("real schedules not available (needs ../shared beside the repo)")
	}
	plain := 0
	for _, s := range urls {
		if _, ok := plainHTTPURL(s); ok {
			plain++
		}
		checkPlainURL(t, s)
	}
	t.Logf("%d URLs, %d plain", len(urls), plain)
}

func FuzzPlainHTTPURL(f *testing.F) {
	for _, c := range plainURLCases {
		f.Add(c.in)
	}
	urls := realScheduleURLs(f)
	for i := 0; i < len(urls); i += max(1, len(urls)/200) {
		f.Add(urls[i])
	}
	f.Fuzz(checkPlainURL)
}
