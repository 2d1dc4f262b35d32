package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Kubernetes: Crossing the Chasm", "Kubernetes: Crossing the Chasm"},
		{"newline and tab kept", "a\n\tb", "a\n\tb"},
		{"CRLF folded", "a\r\nb", "a\nb"},
		{"lone CR cannot overwrite", "safe\rEVIL", "safe\nEVIL"},
		{"backspace dropped", "abc\b\b\bxyz", "abcxyz"},
		{"BEL and NUL dropped", "a\x07b\x00c", "abc"},
		{"DEL dropped", "a\x7fb", "ab"},
		{"CSI colour", "\x1b[31mred\x1b[0m", "red"},
		{"CSI cursor movement", "x\x1b[2J\x1b[1;1Hy", "xy"},
		{"OSC title BEL", "\x1b]0;pwned\x07title", "title"},
		{"OSC title ST", "\x1b]2;pwned\x1b\\title", "title"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"OSC 52 clipboard", "\x1b]52;c;Y3VybCBldmlsIHwgc2g=\x07ok", "ok"},
		{"DCS", "\x1bPq#0;2;0;0;0\x1b\\after", "after"},
		{"APC", "\x1b_Gf=100;AAAA\x1b\\after", "after"},
		{"PM and SOS", "\x1b^pm\x1b\\\x1bXsos\x1b\\after", "after"},
		{"unterminated OSC eats to end", "ok\x1b]0;never ends", "ok"},
		{"charset designation", "\x1b(Bx", "x"},
		{"reset", "\x1bcx", "x"},
		{"lone ESC at end", "x\x1b", "x"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"8-bit OSC", "a\u009d0;t\u009cb", "ab"},
		{"C1 control", "a\u0085b", "ab"},
		{"bidi override", "abc\u202Egnp.exe", "abcgnp.exe"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"invalid UTF-8", "a\xffb\xc0", "ab"},
		{"CJK kept", "クラウドネイティブ 云原生", "クラウドネイティブ 云原生"},
		{"emoji ZWJ kept", "👩\u200d💻 team 👨\u200d👩\u200d👧\u200d👦", "👩\u200d💻 team 👨\u200d👩\u200d👧\u200d👦"},
		{"accents kept", "Montréal, Québec", "Montréal, Québec"},
		{"zero-width space kept", "\u200bTitle", "\u200bTitle"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sanitize(tt.in)
			if got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Sanitize(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestSanitizeLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Ian   Rae ", "Ian Rae"},
		{"two\nlines", "two lines"},
		{"tab\there", "tab here"},
		{"over\rwrite", "over write"},
		{"\x1b[1mBold\x1b[0m name", "Bold name"},
		{"Montréal", "Montréal"},
	}
	for _, tt := range tests {
		if got := SanitizeLine(tt.in); got != tt.want {
			t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzSanitize checks the properties every caller relies on: valid UTF-8,
// no byte a terminal acts on, and idempotence.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31mred", "\x1b]8;;x\x07y", "a\u009b1mb", "\r\n", "👩\u200d💻", "\xff\xfe",
		"a\u200d\u200d\u200db", "Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a", "\U000e0041\ufdd0\ue000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, fn := range []func(string) string{Sanitize, SanitizeLine} {
			out := fn(in)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 from %q: %q", in, out)
			}
			if strings.ContainsAny(out, "\x1b\r\b\x07\x00\x7f") {
				t.Fatalf("control byte survived in %q: %q", in, out)
			}
			zw, marks := 0, 0
			for _, r := range out {
				if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x80 && r <= 0x9f) || dropRune(r) {
					t.Fatalf("rune %U survived in %q", r, out)
				}
				switch {
				case zeroWidth(r):
					zw++
					marks++
				case combining(r):
					zw = 0
					marks++
				default:
					zw, marks = 0, 0
				}
				if zw > maxZeroWidthRun || marks > maxMarkRun {
					t.Fatalf("a run of invisible characters passed the caps in %q: %q", in, out)
				}
			}
			if again := fn(out); again != out {
				t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
			}
		}
	})
}

// TestSanitizeUnicodePolicy checks the characters that hide or forge text:
// tag characters, noncharacters and private-use characters used to pass,
// and so did floods of zero-width joiners and stacked combining marks.
func TestSanitizeUnicodePolicy(t *testing.T) {
	zalgo := "Z" + strings.Repeat("\u0336\u0301", 20) + "algo"
	tests := []struct{ in, want string }{
		{"id\U000e0069\U000e0064\U000e007f", "id"},             // tag characters
		{"a\ufdd0b\ufffec\U0001ffffd", "abcd"},                 // noncharacters
		{"pay\ue000pal\U000f0000\U0010fffd", "paypal"},         // private use
		{"a" + strings.Repeat("\u200d", 50) + "b", "a\u200db"}, // ZWJ flood
		{"x\u200b\u200c\u2060y", "x\u200by"},
		{zalgo, "Z" + strings.Repeat("\u0336\u0301", 4) + "algo"},
		// Kept as they are: emoji ZWJ sequences, keycaps, flags of
		// variation selectors, Vietnamese and Devanagari marks, a
		// Persian ZWNJ.
		{"👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 ❤️\u200d🔥 1️⃣ 🏳️\u200d🌈", "👩\u200d💻 👨\u200d👩\u200d👧\u200d👦 ❤️\u200d🔥 1️⃣ 🏳️\u200d🌈"},
		{"Tiếng Việt: Nguyễn, người", "Tiếng Việt: Nguyễn, người"},
		{"Vie\u0323\u0302t", "Vie\u0323\u0302t"},
		{"हिन्दी क्\u200dष श्री", "हिन्दी क्\u200dष श्री"},
		{"می\u200cخواهم", "می\u200cخواهم"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
		if got := SanitizeLine(tt.in); got != tt.want {
			t.Errorf("SanitizeLine(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}
