package main

import (
	"strings"
	"testing"
	"time"
)

func TestScreen(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string // rows joined by |, trailing blanks trimmed
	}{
		{"text and newline", []string{"ab\r\ncd"}, "ab|cd|"},
		{"cursor position", []string{"\x1b[2;3Hx\x1b[1;1Hy"}, "y|  x|"},
		{"styles ignored", []string{"\x1b[1;38;5;12mhi\x1b[m"}, "hi||"},
		{"hyperlink ignored", []string{"\x1b]8;;https://x.org\x1b\\go\x1b]8;;\x1b\\"}, "go||"},
		{"erase line to end", []string{"abcdef\x1b[1;3H\x1b[K"}, "ab||"},
		{"erase screen", []string{"abc\r\ndef\x1b[2J"}, "||"},
		{"erase characters", []string{"abcdef\x1b[1;2H\x1b[2X"}, "a  def||"},
		{"repeat", []string{"a\x1b[3b"}, "aaaa||"},
		{"wide characters", []string{"日本\x1b[1;5Hx"}, "日本x||"},
		{"deferred wrap", []string{"abcdefgh" + "ij"}, "abcdefgh|ij|"},
		{"scroll at the bottom", []string{"1\r\n2\r\n3\r\n4"}, "2|3|4"},
		{"sequence split across writes", []string{"\x1b[2", ";2Hz", "\xe2\x94", "\x82"}, "|\x20z│|"},
		{"insert and delete characters", []string{"abcd\x1b[1;2H\x1b[2@", "\x1b[1;1H\x1b[1P"}, "  bcd||"},
		{"delete line", []string{"1\r\n2\r\n3\x1b[1;1H\x1b[M"}, "2|3|"},
		{"alternate screen clears", []string{"old\x1b[?1049h"}, "||"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScreen(8, 3)
			for _, w := range tt.writes {
				s.Write([]byte(w))
			}
			got := strings.ReplaceAll(s.text(), "\n", "|")
			if got != tt.want {
				t.Fatalf("screen %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScreenRecordsQueries(t *testing.T) {
	s := newScreen(10, 3)
	s.Write([]byte("\x1b[?2026$p\x1b]11;?\x07\x1b[c\x1b[?u"))
	want := []string{"CSI ?2026$p", "OSC 11;?", "CSI c", "CSI ?u"}
	if strings.Join(s.queries, ",") != strings.Join(want, ",") {
		t.Fatalf("queries %q, want %q", s.queries, want)
	}
}

func TestQuantile(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 10; i++ {
		ds = append(ds, time.Duration(i))
	}
	for _, tt := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 5}, {0.9, 9}, {1, 10}, {0, 1}} {
		if got := quantile(ds, tt.q); got != tt.want {
			t.Errorf("quantile(%v) = %d, want %d (nearest rank)", tt.q, got, tt.want)
		}
	}
}
