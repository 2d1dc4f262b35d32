package model

import (
	"strings"
	"testing"
)

func TestLimitMarkdownNesting(t *testing.T) {
	deepQuote := strings.Repeat("> ", 100) + "x"
	tests := []struct {
		name, in, want string
	}{
		{"ordinary text unchanged", "A *talk* about `code` and [links](https://a.example/).\n\n- one\n  - two\n\n> quoted", ""},
		{"nested quotes capped", deepQuote, strings.Repeat("> ", 8) + "x"},
		{"list markers capped", strings.Repeat("- ", 20) + "x", strings.Repeat("- ", 8) + "x"},
		{"mixed markers capped", strings.Repeat("> 1. ", 10) + "x", strings.Repeat("> 1. ", 4) + "x"},
		{"indentation clamped", strings.Repeat(" ", 40) + "- deep", strings.Repeat(" ", 16) + "- deep"},
		{"tabs clamped", strings.Repeat("\t", 10) + "x", strings.Repeat(" ", 16) + "x"},
		{"emphasis bomb escaped", strings.Repeat("*a ", 300), strings.Repeat(`\*a `, 300)},
		{"already escaped kept", strings.Repeat(`\*`, 300), strings.Repeat(`\*`, 300)},
		{"limit is per paragraph", strings.Repeat("_", 200) + "\n\n" + strings.Repeat("_", 200), ""},
		{"eight markers kept", strings.Repeat("> ", 8) + "x", ""},
		{"not markers", "-x +y 1.5 *bold*", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			got := limitMarkdownNesting(tt.in)
			if got != want {
				t.Errorf("limitMarkdownNesting(%.80q) = %.80q, want %.80q", tt.in, got, want)
			}
			if again := limitMarkdownNesting(got); again != got {
				t.Errorf("not idempotent: %.80q -> %.80q", got, again)
			}
		})
	}
}

func TestMarkdownTextLimitsNesting(t *testing.T) {
	got := MarkdownText(strings.Repeat("> ", 1000) + "&#27;x")
	if want := strings.Repeat("> ", 8) + "x"; got != want {
		t.Errorf("MarkdownText = %.80q, want %q", got, want)
	}
}
