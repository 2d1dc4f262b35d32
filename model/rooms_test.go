package model

import "testing"

func TestShortRoom(t *testing.T) {
	tests := []struct {
		room  string
		width int
		want  string
	}{
		{"UB5.132", 7, "UB5.132"},
		{"UB5.132", 20, "UB5.132"},
		{"Janson", 6, "Janson"},
		{"H.1308 (Rolin)", 20, "H.1308 (Rolin)"},
		{"H.1308 (Rolin)", 12, "H.1308"},
		{"UB2.252A (Lameere)", 10, "UB2.252A"},
		{"K.1.105 (La Fontaine)", 12, "K.1.105"},
		{"Stonewall IO (Saal Y 06)", 14, "Stonewall IO"},
		{"Saal Zuse", 6, "Zuse"},
		{"Room 101", 5, "101"},
		{"Saal 1", 6, "Saal 1"}, // fits: unchanged
		{"Assembly:Hardware Hacking Area", 22, "Hardware Hacking Area"},
		{"Assembly:Hardware Hacking Area", 18, "Hardware Hacking…"},
		{"Sendezentrum Bühne (Saal X 07)", 19, "Sendezentrum Bühne"},
		{"Sendezentrum Bühne (Saal X 07)", 14, "Sendezentrum…"},
		{"Hardware Hacking Area -- Rear", 18, "Hardware Hacking…"},
		{"Kidspace - Tisch vor Saal B", 12, "Kidspace…"},
		{"Chaos Computer Music Club", 6, "Chaos…"},
		{"Workshoparea Chaos Mauldasch", 8, "Worksho…"},
		{"Restaurant Handelshof, zwischen Halle 3", 12, "Restaurant…"},
		{"  Spaced   out  ", 20, "Spaced out"},
		{"Anything", 1, "…"},
		{"Anything", 0, ""},
	}
	for _, tc := range tests {
		got := ShortRoom(tc.room, tc.width)
		if got != tc.want {
			t.Errorf("ShortRoom(%q, %d) = %q, want %q", tc.room, tc.width, got, tc.want)
		}
		if tc.width > 0 && runeLen(got) > tc.width {
			t.Errorf("ShortRoom(%q, %d) = %q is %d long", tc.room, tc.width, got, runeLen(got))
		}
	}
}
