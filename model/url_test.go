package model

import (
	"errors"
	"testing"
)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in   string
		want string // re-encoded URL; empty means refused
	}{
		{"https://www.slideshare.net/CloudOps2005/kafka-on-kubernetes", "https://www.slideshare.net/CloudOps2005/kafka-on-kubernetes"},
		{"http://k8scanadaslack.herokuapp.com", "http://k8scanadaslack.herokuapp.com"},
		{"  https://example.org/a  ", "https://example.org/a"},
		{"HTTPS://Example.org/x", "https://Example.org/x"},
		{"https://example.org/video recording.webm", "https://example.org/video%20recording.webm"},
		{"https://example.org/search?q=a+b#frag", "https://example.org/search?q=a+b#frag"},
		{"https://bücher.example/", "https://xn--bcher-kva.example/"},
		{"https://[::1]:8080/x", "https://[::1]:8080/x"},

		{"", ""},
		{"   ", ""},
		{"-a x", ""},
		{"--flag=https://example.org", ""},
		{"-https://example.org", ""},
		{"calc", ""},
		{"calc.exe", ""},
		{"/etc/passwd", ""},
		{"./talk.pdf", ""},
		{"//evil.example/x", ""},
		{"file:///etc/passwd", ""},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"mailto:someone@example.org", ""},
		{"ftp://example.org/file", ""},
		{"https://example.org/\r\nSet-Cookie: x", ""},
		{"https://example.org/\nx", ""},
		{"https://example.org/\x1b]52;c;aGk=\x07", ""},
		{"https://example.org/\u009b31m", ""},
		{"https://example.org/\u202eevil", ""},
		{"https://good.example@evil.example/", ""},
		{"https://user:pass@example.org/", ""},
		{"https:", ""},
		{"https://", ""},
		{"https:example.org", ""},
		{"http://:80/", ""},
		{"https://exa mple.org/", ""},
		{"https://example.org\\@evil.example/", ""},
	}
	for _, tt := range tests {
		u, err := SafeURL(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("SafeURL(%q) = %q, want refused", tt.in, u)
			} else if !errors.Is(err, ErrUnsafeURL) {
				t.Errorf("SafeURL(%q) error %v does not wrap ErrUnsafeURL", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("SafeURL(%q): %v, want %q", tt.in, err, tt.want)
			continue
		}
		if got := u.String(); got != tt.want {
			t.Errorf("SafeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveURL(t *testing.T) {
	tests := []struct {
		base, ref, want string
	}{
		{"https://events.ccc.de/congress/2025/", "/media/slides.pdf", "https://events.ccc.de/media/slides.pdf"},
		{"https://fosdem.org/2023/schedule/", "event/x/attachments/slides.pdf", "https://fosdem.org/2023/schedule/event/x/attachments/slides.pdf"},
		{"", "https://example.org/a b", "https://example.org/a%20b"},
		{"https://example.org/", "https://other.example/x", "https://other.example/x"},
		{"", "/relative/without/base", ""},
		{"https://example.org/", "javascript:alert(1)", ""},
		{"file:///tmp/", "x.pdf", ""},
		{"https://example.org/", "//evil.example@x/", ""},
	}
	for _, tt := range tests {
		u, err := ResolveURL(tt.base, tt.ref)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ResolveURL(%q, %q) = %q, want refused", tt.base, tt.ref, u)
			}
			continue
		}
		if err != nil {
			t.Errorf("ResolveURL(%q, %q): %v", tt.base, tt.ref, err)
			continue
		}
		if got := u.String(); got != tt.want {
			t.Errorf("ResolveURL(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}
