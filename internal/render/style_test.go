package render

import "testing"

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]Style{"": StyleAuto, "auto": StyleAuto, "Dark": StyleDark, "light": StyleLight} {
		if got, err := ParseStyle(in); err != nil || got != want {
			t.Errorf("ParseStyle(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseStyle("blue"); err == nil {
		t.Error("ParseStyle(blue) did not fail")
	}
}
