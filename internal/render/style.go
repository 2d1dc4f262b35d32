package render

import (
	"fmt"
	"strings"
)

// Style chooses the colour scheme.
type Style int

// The styles --style accepts.
const (
	// StyleAuto starts dark and switches to light if the terminal reports a
	// light background.
	StyleAuto Style = iota
	// StyleDark always uses the dark scheme.
	StyleDark
	// StyleLight always uses the light scheme.
	StyleLight
)

// String returns the flag value naming s.
func (s Style) String() string {
	switch s {
	case StyleDark:
		return "dark"
	case StyleLight:
		return "light"
	default:
		return "auto"
	}
}

// ParseStyle parses a --style value: "auto" (or ""), "dark" or "light".
func ParseStyle(s string) (Style, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return StyleAuto, nil
	case "dark":
		return StyleDark, nil
	case "light":
		return StyleLight, nil
	}
	return StyleAuto, fmt.Errorf("unknown style %q: want auto, dark or light", s)
}
