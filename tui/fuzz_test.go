package tui

import (
	"fmt"
	"strings"
	"testing"

	"cndtalks/internal/termscan"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// fuzzKeys are the keys FuzzTUI presses, by op byte.
var fuzzKeys = []string{"j", "k", "enter", "esc", "tab", "/", "?", "p", "e", "t", "o", "v", "1", "3", "y",
	"pgdown", "pgup", "end", "home", "up", "down", "backspace", "space", "x", "g", "G", "n", "N"}

// fuzzSizes are the window sizes FuzzTUI resizes to.
var fuzzSizes = []int{0, 1, 2, 3, 5, 10, 20, 33, 80, 300}

// fuzzCatalogue builds a small catalogue around fuzzed text, sanitised and
// indexed the way a loader leaves it.
func fuzzCatalogue(title, summary string) *model.Catalogue {
	c := &model.Catalogue{
		Event: model.Event{ID: "fuzz", Name: title, Description: summary, City: title,
			Links: []model.Link{{Kind: model.LinkVideo, URL: "https://example.org/event", Label: title}}},
		Speakers: []model.Speaker{{ID: "a", Name: title, Org: summary}, {ID: "b", Name: "B"}},
		Talks: []model.Talk{
			{ID: "t1", Title: title, Summary: summary, Speakers: []string{"a"}, Topics: []string{title},
				Links: []model.Link{{Kind: model.LinkSlides, URL: "https://example.org/s", Label: title}}},
			{ID: "t2", Title: "Second " + title, Summary: summary + summary, Speakers: []string{"a", "b"}, Room: title},
			{ID: "t3", Title: "Third", Kind: title},
		},
	}
	c.SanitizeText()
	c.Index()
	return c
}

// FuzzTUI drives the browser with random sequences of key presses, resizes,
// clicks, wheel turns, typed and pasted text over a catalogue of random
// text: no panic, every view within the window, and nothing but styling
// and safe links in it.
func FuzzTUI(f *testing.F) {
	for _, seed := range []struct {
		title, summary string
		ops            []byte
	}{
		{"Kubernetes: Crossing the Chasm", "A *talk* about [links](https://a.example/).", []byte{2, 0, 0, 3, 6, 200, 10, 5, 210, 40, 12}},
		{"クラウド 👩‍💻 \x1b]0;x\x07", "> quote\n\n- a\n  - b\n\n```\ncode\n```", []byte{5, 'k', 'u', 2, 200, 1, 1, 200, 0, 0, 2, 15, 220, 3, 4}},
		{"\u202eevil\r\x9b2J", "&#27;[31m *a *a b a* a*", []byte{7, 1, 8, 16, 9, 10, 11, 12, 13, 14, 230, 5, 5, 240, 2, 2}},
		{"", "", []byte{200, 0, 0, 200, 255, 255, 2, 6, 3}},
	} {
		f.Add(encodeFuzzTUI(seed.title, seed.summary, seed.ops))
	}
	f.Fuzz(runFuzzTUI)
}

// runFuzzTUI runs one FuzzTUI input.
func runFuzzTUI(t *testing.T, in []byte) {
	title, summary, ops := decodeFuzzTUI(in)
	if len(ops) > 48 || len(title) > 200 || len(summary) > 1000 {
		return
	}
	cat := fuzzCatalogue(title, summary)
	w, h := 80, 24
	hs := newHarness(t, cat, w, h)
	check := func(step string) {
		t.Helper()
		checkBounds(t, step, hs.m, w, h)
		v := hs.m.View()
		if err := termscan.Check(v.Content, termscan.StylingOnly); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if len(termscan.Scan(v.WindowTitle)) > 0 {
			t.Fatalf("%s: window title %q", step, v.WindowTitle)
		}
	}
	for i := 0; i < len(ops); i++ {
		op := ops[i]
		arg := func() int {
			if i+1 < len(ops) {
				i++
				return int(ops[i])
			}
			return 0
		}
		var step string
		switch {
		case int(op) < len(fuzzKeys):
			step = "key " + fuzzKeys[op]
			hs.keys(fuzzKeys[op])
		case op < 200:
			// type a letter (a query character)
			r := rune('a' + (op-byte(len(fuzzKeys)))%26)
			step = "type " + string(r)
			hs.typeText(string(r))
		case op < 210:
			// Sizes from a fixed set: every new width builds a Glamour
			// renderer, which is slow under the fuzzer's instrumentation.
			w, h = fuzzSizes[arg()%len(fuzzSizes)], fuzzSizes[arg()%len(fuzzSizes)]
			step = fmt.Sprintf("resize %dx%d", w, h)
			hs.send(tea.WindowSizeMsg{Width: w, Height: h})
		case op < 220:
			x, y := arg(), arg()
			step = fmt.Sprintf("click %d,%d", x, y)
			hs.send(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
		case op < 230:
			x, y := arg(), arg()
			button := tea.MouseWheelDown
			if op%2 == 0 {
				button = tea.MouseWheelUp
			}
			step = fmt.Sprintf("wheel %d,%d", x, y)
			hs.send(tea.MouseWheelMsg{X: x, Y: y, Button: button})
		case op < 240:
			step = "paste"
			hs.send(tea.PasteMsg{Content: summary})
		default:
			step = "type the title"
			for _, r := range title {
				if r >= ' ' && r != 0x7f {
					hs.send(tea.KeyPressMsg{Code: r, Text: string(r)})
				}
			}
		}
		check(step)
	}
	if strings.Contains(hs.m.View().Content, "\x1b]52") {
		t.Fatal("a clipboard sequence in the view")
	}
}

// encodeFuzzTUI packs FuzzTUI's three inputs into one: the title, a NUL,
// the summary, a NUL, the operations. (One []byte argument keeps the
// fuzzer's mutations cheap.)
func encodeFuzzTUI(title, summary string, ops []byte) []byte {
	return append([]byte(title+"\x00"+summary+"\x00"), ops...)
}

func decodeFuzzTUI(in []byte) (title, summary string, ops []byte) {
	parts := strings.SplitN(string(in), "\x00", 3)
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	return parts[0], parts[1], []byte(parts[2])
}
