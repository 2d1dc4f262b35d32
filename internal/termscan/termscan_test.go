package termscan

import (
	"reflect"
	"testing"
)

func TestScan(t *testing.T) {
	type item struct {
		kind Kind
		raw  string
	}
	tests := []struct {
		name string
		in   string
		want []item
	}{
		{"plain text", "héllo\n\tクラウド 👩‍💻", nil},
		{"SGR", "\x1b[1;38;2;1;2;3mX\x1b[m", []item{{SGR, "\x1b[1;38;2;1;2;3m"}, {SGR, "\x1b[m"}}},
		{"CSI", "\x1b[2J\x1b[?1049h\x1b[>1u", []item{{CSI, "\x1b[2J"}, {CSI, "\x1b[?1049h"}, {CSI, "\x1b[>1u"}}},
		{"SGR-looking private CSI", "\x1b[?5m", []item{{CSI, "\x1b[?5m"}}},
		{"OSC BEL and ST", "\x1b]0;t\x07\x1b]8;;https://a.example/\x1b\\", []item{{OSC, "\x1b]0;t\x07"}, {OSC, "\x1b]8;;https://a.example/\x1b\\"}}},
		{"control strings", "\x1bPq\x1b\\\x1bXs\x1b\\\x1b^p\x1b\\\x1b_a\x1b\\", []item{{DCS, "\x1bPq\x1b\\"}, {SOS, "\x1bXs\x1b\\"}, {PM, "\x1b^p\x1b\\"}, {APC, "\x1b_a\x1b\\"}}},
		{"short escapes", "\x1b7\x1b(B\x1bc", []item{{Escape, "\x1b7"}, {Escape, "\x1b(B"}, {Escape, "\x1bc"}}},
		{"C0, DEL, C1, invalid", "a\rb\bc\x7f\u009b\xff", []item{{C0, "\r"}, {C0, "\b"}, {C0, "\x7f"}, {C1, "\u009b"}, {Invalid, "\xff"}}},
		{"unterminated OSC", "x\x1b]0;never", []item{{OSC, "\x1b]0;never"}}},
		{"OSC cut by ESC", "\x1b]2;t\x1b[31m", []item{{OSC, "\x1b]2;t"}, {SGR, "\x1b[31m"}}},
		{"lone ESC", "x\x1b", []item{{Escape, "\x1b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []item
			for _, s := range Scan(tt.in) {
				got = append(got, item{s.Kind, s.Raw})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Scan(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStylingOnly(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"\x1b[1mBold\x1b[0m", true},
		{"\x1b]8;;https://example.org/a\x1b\\link\x1b]8;;\x1b\\", true},
		{"\x1b]8;id=3;https://example.org/\x07x\x1b]8;;\x07", true},
		{"\x1b]8;;javascript:alert(1)\x1b\\x", false},
		{"\x1b]8;;https://example.org/a b\x1b\\x", false}, // not re-encoded
		{"\x1b]8;;https://u:p@example.org/\x1b\\x", false},
		{"\x1b]8;evil=1;https://example.org/\x1b\\x", false},
		{"\x1b]8;;https://example.org/", false}, // unterminated
		{"\x1b]0;title\x07", false},
		{"\x1b]52;c;aGk=\x07", false},
		{"\x1b[2J", false},
		{"\x1bPq\x1b\\", false},
		{"a\rb", false},
		{"\u009b31m", false},
	}
	for _, tt := range tests {
		err := Check(tt.in, StylingOnly)
		if (err == nil) != tt.ok {
			t.Errorf("Check(%q, StylingOnly) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}
