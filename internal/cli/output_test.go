package cli

import "testing"

func TestHighlight(t *testing.T) {
	const on, off = matchOn, matchOff
	tests := []struct {
		s       string
		offsets []int
		want    string
	}{
		{"Kafka", nil, "Kafka"},
		{"Kafka", []int{0, 1, 2}, on + "Kaf" + off + "ka"},
		{"Kafka", []int{0, 2, 4}, on + "K" + off + "a" + on + "f" + off + "k" + on + "a" + off},
		{"Montréal", []int{5, 7}, "Montr" + on + "éa" + off + "l"}, // é is two bytes
		{"Montréal", []int{5, 6}, "Montr" + on + "é" + off + "al"}, // 6 is inside "é": dropped
		{"abc", []int{1, 9}, "a" + on + "b" + off + "c"},           // out of range: ignored
	}
	for _, tt := range tests {
		if got := highlight(tt.s, tt.offsets); got != tt.want {
			t.Errorf("highlight(%q, %v) = %q, want %q", tt.s, tt.offsets, got, tt.want)
		}
	}
}

func TestDarkFromCOLORFGBG(t *testing.T) {
	tests := []struct {
		in   string
		dark bool
	}{
		{"", true},
		{"15;0", true},
		{"0;15", false},
		{"0;7", false},
		{"7;8", true},
		{"default;default", true},
		{"12;default;0", true},
		{"0;default;15", false},
	}
	for _, tt := range tests {
		if got := darkFromCOLORFGBG(tt.in); got != tt.dark {
			t.Errorf("darkFromCOLORFGBG(%q) = %v, want %v", tt.in, got, tt.dark)
		}
	}
}
