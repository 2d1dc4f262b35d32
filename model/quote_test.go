package model

import "testing"

func TestQuoteLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kafka", `"Kafka"`},
		{"Montréal", `"Montréal"`},
		{"👩\u200d💻 and 🏳️\u200d🌈", "\"👩\u200d💻 and 🏳️\u200d🌈\""}, // ZWJ kept, not \u200d
		{"a\x1b]0;pwn\x07b\nc", `"ab c"`},
		{"\u202eevil", `"evil"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := QuoteLine(tt.in); got != tt.want {
			t.Errorf("QuoteLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
