package model

import (
	"strings"
	"testing"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"list", "list", 0},
		{"lst", "list", 1},
		{"lsit", "list", 2},
		{"kitten", "sitting", 3},
		{"montréal", "montreal", 1}, // runes, not bytes
		{"", "abc", 3},
		{strings.Repeat("a", 65), "a", 1 << 30},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"list", "show", "speakers", "Title"}
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"lst", "list", true},
		{"LIST", "list", true},
		{"title", "Title", true}, // case only: always suggested
		{"titel", "Title", true},
		{"speakrs", "speakers", true},
		{"frobnicate", "", false},
		{"xyz", "", false},
	}
	for _, tt := range tests {
		got, ok := Suggest(tt.word, cands)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}
