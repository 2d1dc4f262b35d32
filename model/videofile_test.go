package model

import (
	"strings"
	"testing"
)

// isVideoFileFolding is IsVideoFile as it was: the path cut at the first
// '?' or '#', then each extension compared with strings.EqualFold.
func isVideoFileFolding(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, ext := range []string{".webm", ".mp4", ".mkv", ".m4v", ".ogv", ".mov", ".avi"} {
		if len(u) >= len(ext) && strings.EqualFold(u[len(u)-len(ext):], ext) {
			return true
		}
	}
	return false
}

var videoFileCases = []struct {
	url  string
	want bool
}{
	{"", false},
	{".mp4", true},
	{"mp4", false},
	{".webm", true},
	{"webm", false},
	{"https://e.org/a.webm", true},
	{"https://e.org/a.WebM", true},
	{"https://e.org/a.MP4?x=1", true},
	{"https://e.org/a.mkv#t=10", true},
	{"https://e.org/a.m4v", true},
	{"https://e.org/a.ogv", true},
	{"https://e.org/a.mov", true},
	{"https://e.org/a.AVI", true},
	{"https://e.org/a.mp3", false},
	{"https://e.org/a.mp4/", false},
	{"https://e.org/amp4", false},
	{"https://e.org/a.xwebm", false},
	{"https://e.org/a_webm", false},
	{"https://e.org/watch?v=a.mp4", false},
	{"https://e.org/a#b.mp4", false},
	{"https://e.org/a#b?.mp4", false},
	{"https://e.org/a.mp4#b?c", true},
	{"https://e.org/a?b#.mp4", false},
	{"https://e.org/a.m\x14v", false}, // 0x14|0x20 is '4': no folding beyond letters
	{"https://e.org/a.M\u212aV", false},
	{"https://e.org/a.m\u212av", false}, // the Kelvin sign folds to k, but is three bytes
	{"https://e.org/a.\x00ebm", false},
	{"https://e.org/a.Webm?", true},
}

func TestIsVideoFile(t *testing.T) {
	for _, tc := range videoFileCases {
		if got := IsVideoFile(tc.url); got != tc.want {
			t.Errorf("IsVideoFile(%q) = %v, want %v", tc.url, got, tc.want)
		}
		if got, want := IsVideoFile(tc.url), isVideoFileFolding(tc.url); got != want {
			t.Errorf("IsVideoFile(%q) = %v, folding says %v", tc.url, got, want)
		}
	}
}

func FuzzIsVideoFile(f *testing.F) {
	for _, tc := range videoFileCases {
		f.Add(tc.url)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if got, want := IsVideoFile(u), isVideoFileFolding(u); got != want {
			t.Fatalf("IsVideoFile(%q) = %v, folding says %v", u, got, want)
		}
	})
}
