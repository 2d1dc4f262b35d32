package model

import (
	"strings"
	"testing"
)

// TestSafeURLHostile adds to TestSafeURL the tricks seen in opener CVEs:
// option injection, smuggled whitespace and controls, scheme and host
// confusion. Whatever is accepted is re-encoded: no space, no control and
// no leading '-' can reach a browser's argv.
func TestSafeURLHostile(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means refused
	}{
		{" -https://example.org/", ""},
		{"\u00a0--new-window https://example.org/", ""},
		{"https://example.org/\ttab", ""},
		{"https://example.org/\x00nul", ""},
		{"https://example.org/#\x1b[31m", ""},
		{"https://example.org/\u2028line", "https://example.org/%E2%80%A8line"},
		{"https\uff1a//example.org/", ""},
		{"https:/\\evil.example/", ""},
		{"https:\\\\evil.example\\", ""},
		{"vbscript:msgbox(1)", ""},
		{"  javascript:alert(1)", ""},
		{"java\tscript:alert(1)", ""},
		{"https://user@example.org/", ""},
		{"https://:pass@example.org/", ""},
		{"smb://host/share", ""},
		{"chrome://settings", ""},
		{"about:blank", ""},
		{"\\\\server\\share", ""},
		{"C:\\Windows\\calc.exe", ""},
		{"https://example.org/a b c", "https://example.org/a%20b%20c"},
		{"https://example.org/%0d%0aSet-Cookie:x", "https://example.org/%0d%0aSet-Cookie:x"},
		{"https://example.org/--flag", "https://example.org/--flag"},
		{"https://ехаmple.org/", "https://xn--mple-43d3a6i.org/"}, // Cyrillic homoglyphs become punycode
		{"HTTP://EXAMPLE.ORG/", "http://EXAMPLE.ORG/"},
		// A query is re-encoded too: nothing outside RFC 3986 is left raw.
		{"https://example.org/?q=<x>`y`&z=%zz", "https://example.org/?q=%3Cx%3E%60y%60&z=%25zz"},
		{"https://example.org/p?a=\\b\"c\"", "https://example.org/p?a=%5Cb%22c%22"},
	}
	for _, tt := range tests {
		u, err := SafeURL(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("SafeURL(%q) = %q, want refused", tt.in, u)
			}
			continue
		}
		if err != nil {
			t.Errorf("SafeURL(%q): %v, want %q", tt.in, err, tt.want)
			continue
		}
		got := u.String()
		if got != tt.want {
			t.Errorf("SafeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.HasPrefix(got, "-") || strings.ContainsAny(got, " \t\r\n\x1b\x00") {
			t.Errorf("SafeURL(%q) = %q carries an option or a control", tt.in, got)
		}
	}
}

// FuzzSafeURL checks the promise openers rely on: an accepted URL is http
// or https with a host, re-encoded without spaces, controls or a leading
// '-', and accepting it again gives the same string.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"https://example.org/a b", "-x", "javascript:x", "https://a@b/", "https://bücher.example/",
		"http://[::1]:80/", "https://example.org/\x1b", "HTTPS://X/%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		u, err := SafeURL(in)
		if err != nil {
			return
		}
		s := u.String()
		if !(strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) || u.Host == "" || u.User != nil {
			t.Fatalf("SafeURL(%q) accepted %q", in, s)
		}
		for _, r := range s {
			if r <= ' ' || r == 0x7f || (r >= 0x80 && r <= 0x9f) || dropRune(r) {
				t.Fatalf("SafeURL(%q) = %q holds %U", in, s, r)
			}
		}
		again, err := SafeURL(s)
		if err != nil || again.String() != s {
			t.Fatalf("SafeURL(%q) = %q, which gives %v, %v", in, s, again, err)
		}
	})
}
