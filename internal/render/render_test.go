package render

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"cndtalks/model"
)

func TestFilterTerminalOutput(t *testing.T) {
	const (
		link  = "\x1b]8;id=1;https://example.com/\x1b\\"
		reset = "\x1b]8;;\x1b\\"
	)
	tests := []struct{ name, in, want string }{
		{"plain", "hello\n\tworld", "hello\n\tworld"},
		{"sgr kept", "\x1b[1;38;2;1;2;3mbold\x1b[0m", "\x1b[1;38;2;1;2;3mbold\x1b[0m"},
		{"safe hyperlink kept", link + "text" + reset, link + "text" + reset},
		{"hyperlink BEL terminator normalised", "\x1b]8;;https://example.com/\atext\x1b]8;;\a", "\x1b]8;;https://example.com/\x1b\\text" + reset},
		{"unsafe hyperlink dropped", "\x1b]8;;javascript:alert(1)\x1b\\text" + reset, "text" + reset},
		{"odd link params dropped", "\x1b]8;foo=bar;https://example.com/\x1b\\x", "\x1b]8;;https://example.com/\x1b\\x"},
		{"title dropped", "a\x1b]0;pwned\x07b", "ab"},
		{"clipboard dropped", "a\x1b]52;c;aGk=\x1b\\b", "ab"},
		{"cursor moves dropped", "a\x1b[2J\x1b[Hb\x1b[?25l", "ab"},
		{"dcs dropped", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"charset dropped", "a\x1b(Bb\x1bcc", "abc"},
		{"controls dropped", "a\rb\bc\x00d\x7fe", "abcde"},
		{"c1 dropped", "a\u009b31mb\u0085c", "a31mbc"},
		{"invalid utf8 dropped", "a\xffb", "ab"},
		{"unterminated osc", "a\x1b]8;;https://example.com/", "a"},
		{"lone esc", "a\x1b", "a"},
		{"unicode kept", "Montréal 東京 👩‍💻", "Montréal 東京 👩‍💻"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FilterTerminalOutput(tt.in); got != tt.want {
				t.Errorf("FilterTerminalOutput(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// allowedSequences matches what cndtalks may send: SGR and OSC 8.
var allowedSequences = regexp.MustCompile("\x1b\\[[0-9;:]*m|\x1b\\]8;[^;\x1b\a]*;[^\x1b\a]*\x1b\\\\")

func hostileCatalogue() *model.Catalogue {
	c := &model.Catalogue{
		Event: model.Event{Name: "Evil\x1b]0;title\x07 Con"},
		Speakers: []model.Speaker{
			{ID: "e", Name: "Eve \x1b[31mRed\x1b[0m", Org: "\u202eAcme"},
		},
		Talks: []model.Talk{{
			ID: "t", Title: "Title \x1b]52;c;aGk=\x07 end", Kind: "talk", Speakers: []string{"e"},
			Summary: "Entity &#27;]52;c;aGk=&#7; and *split &#x1b;*[2J* and " +
				"[click](javascript:alert(1)) and <https://ok.example/> and \x9b31m c1 and \rover",
			Links: []model.Link{
				{Kind: model.LinkSlides, URL: "https://slides.example.com/deck"},
				{Kind: model.LinkWeb, URL: "javascript:alert(1)"},
			},
		}},
	}
	c.Index()
	return c
}

func TestRendererEmitsOnlyStylingAndSafeLinks(t *testing.T) {
	c := hostileCatalogue()
	for _, dark := range []bool{true, false} {
		r, err := NewRenderer(dark, 60)
		if err != nil {
			t.Fatal(err)
		}
		for name, md := range map[string]string{
			"talk":     c.TalkMarkdown(&c.Talks[0]),
			"event":    c.EventMarkdown(),
			"speakers": c.SpeakersMarkdown(),
			"raw":      "# hi \x1b]0;x\x07\n\n[bad](javascript:alert(1)) [ok](https://ok.example/)\n",
		} {
			out, err := r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			rest := allowedSequences.ReplaceAllString(out, "")
			for i, ch := range rest {
				if ch == 0x1b || ch == '\r' || ch == '\b' || ch == 0x07 || (ch >= 0x80 && ch <= 0x9f) || ch == 0x202e {
					t.Errorf("dark=%v %s: control %U at %d in %q", dark, name, ch, i, rest)
					break
				}
			}
			if strings.Contains(out, "javascript:") && strings.Contains(out, "\x1b]8;;javascript") {
				t.Errorf("dark=%v %s: javascript: hyperlink survived", dark, name)
			}
		}
	}
}

func TestRendererTalk(t *testing.T) {
	c := hostileCatalogue()
	r, err := NewRenderer(true, 50)
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(c.TalkMarkdown(&c.Talks[0]))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "\x1b]8;") || !strings.Contains(out, "https://slides.example.com/deck") {
		t.Errorf("slides should be an OSC 8 hyperlink:\n%q", out)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"Title", "Eve Red", "Acme", "[1] Slides", "[2] Web page"} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendered talk lacks %q:\n%s", want, plain)
		}
	}
	for _, line := range strings.Split(plain, "\n") {
		if w := ansi.StringWidth(line); w > 50 {
			t.Errorf("line %q is %d cells wide, more than 50", line, w)
		}
	}
}

func TestRendererConcurrentUse(t *testing.T) {
	c := hostileCatalogue()
	r, err := NewRenderer(false, 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Width() != DefaultMarkdownWidth || r.Dark() {
		t.Errorf("NewRenderer(false, 0): width %d dark %v", r.Width(), r.Dark())
	}
	md := c.TalkMarkdown(&c.Talks[0])
	want, err := r.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			got, err := r.Render(md)
			if err != nil || got != want {
				t.Errorf("concurrent render differs (err %v)", err)
			}
		})
	}
	wg.Wait()
}
