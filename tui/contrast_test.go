package tui

import (
	"image/color"
	"math"
	"testing"

	"charm.land/lipgloss/v2"
)

// luminance is WCAG's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestThemeContrast: the text a user reads (titles, speakers, the hint,
// the status line, markers) has WCAG AA contrast (4.5:1) on a white
// background in the light theme and on a black one in the dark theme.
func TestThemeContrast(t *testing.T) {
	for _, dark := range []bool{false, true} {
		st := newTheme(dark)
		bg := color.Color(color.White)
		if dark {
			bg = color.Black
		}
		for name, s := range map[string]lipgloss.Style{
			"title": st.title, "titleSelected": st.titleSelected, "meta": st.meta, "metaSelected": st.metaSelected,
			"eventMeta": st.eventMeta, "count": st.count, "tab": st.tab, "marker": st.marker,
			"status": st.status, "statusError": st.statusError, "position": st.position,
			"hintKey": st.help.ShortKey, "hintDesc": st.help.ShortDesc, "fullDesc": st.help.FullDesc,
			"match": st.match, "speakerOrg": st.speakerOrg, "emptyHint": st.emptyHint, "loading": st.loading,
			"starMark": st.starMark, "watchedMark": st.watchedMark, "conflictMark": st.conflictMark,
		} {
			if c := contrast(s.GetForeground(), bg); c < 4.5 {
				t.Errorf("dark=%v: %s has contrast %.2f:1, want at least 4.5:1", dark, name, c)
			}
		}
	}
}
