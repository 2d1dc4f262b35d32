package render

import (
	"strings"
	"testing"

	"cndtalks/internal/glamour"
	"cndtalks/internal/glamour/styles"
	"github.com/charmbracelet/x/ansi"

	"cndtalks/internal/termscan"
	"cndtalks/model"
)

// plainRenderer is Glamour with its style of no styles (the notty style)
// behind cndtalks' output filter: it writes no SGR of its own, so any
// escape sequence but an OSC 8 hyperlink in its output came from the text.
func plainRenderer(tb testing.TB) *Renderer {
	tb.Helper()
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(styles.NoTTYStyle), glamour.WithWordWrap(60))
	if err != nil {
		tb.Fatal(err)
	}
	return &Renderer{tr: tr, width: 60}
}

// TestRenderedEntities renders summaries whose character references form
// only once the renderer has removed markup, a line break or a missing
// semicolon (Glamour joins the text of ~~strikethrough~~ and `code` and
// decodes it as HTML): no escape sequence comes out, and the text shows
// what was written.
func TestRenderedEntities(t *testing.T) {
	tests := []struct{ summary, shows string }{
		// The description of issue 10 after the HTML importer: &amp; is '&'.
		{"Split ~~&**#27;**[31;5;7mSPLIT~~ trick", "&#27;[31;5;7mSPLIT"},
		{"Split ~~&amp;**#27;**[31;5;7mSPLIT~~ trick", "&#27;[31;5;7mSPLIT"},
		{"code `&#27[31m` here", "&#27[31m"},
		{"struck ~~&#27[32m~~ here", "&#27[32m"},
		{"<div>&#27[33m</div>", "&#27[33m"},
		{"~~&\n#27;[34m~~", "#27;[34m"},
		{"~~&#x1b**;**[35m~~", "[35m"},
		{"AT&T and &amp; and &eacute;", "AT&T and & and é"},
	}
	dark, err := NewRenderer(true, 60)
	if err != nil {
		t.Fatal(err)
	}
	plain := plainRenderer(t)
	for _, tt := range tests {
		cat := summaryCatalogue(tt.summary)
		md := cat.TalkMarkdown(&cat.Talks[0])
		for _, r := range []struct {
			name  string
			r     *Renderer
			allow func(termscan.Seq) bool
		}{{"dark", dark, termscan.StylingOnly}, {"plain", plain, termscan.SafeHyperlink}} {
			out, err := r.r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			if err := termscan.Check(out, r.allow); err != nil {
				t.Errorf("%s renderer, summary %q: %v", r.name, tt.summary, err)
			}
			if text := ansi.Strip(out); !strings.Contains(text, tt.shows) {
				t.Errorf("%s renderer, summary %q: output does not show %q:\n%s", r.name, tt.summary, tt.shows, text)
			}
		}
	}
}

// summaryCatalogue is a catalogue of one talk with summary, sanitised and
// indexed as a loaded catalogue is.
func summaryCatalogue(summary string) *model.Catalogue {
	c := &model.Catalogue{
		Event:    model.Event{ID: "fuzz", Name: "Fuzz"},
		Speakers: []model.Speaker{{ID: "a", Name: "A"}},
		Talks:    []model.Talk{{ID: "t1", Title: "Talk", Summary: summary, Speakers: []string{"a"}}},
	}
	c.SanitizeText()
	c.Index()
	return c
}

// FuzzRenderTalk renders random Markdown as a talk summary through
// model.TalkMarkdown and Glamour, the path of `show` and the detail pane:
// no panic, and only SGR styling and OSC 8 links to safe URLs come out.
func FuzzRenderTalk(f *testing.F) {
	for _, s := range []string{"plain", "*em* **strong** `code` ~~del~~", "[x](https://a.example/) <https://b.example/>",
		"&#27;[31m &#x9b;2J &lrm;", "> > q\n\n1. a\n   - b", "| a | b |\n|---|---|\n| 1 | 2 |", "```go\nfunc main() {}\n```",
		"![i](javascript:alert(1)) [j](javascript:x)", "\x1b]8;;https://evil.example/\x1b\\x\x1b]8;;\x1b\\", "<div>&#27;[5m</div>"} {
		f.Add(s)
	}
	f.Add("Split ~~&amp;**#27;**[31;5;7mSPLIT~~ trick")
	f.Add("`&#27[31m` ~~&#27[32m~~ <div>&#27[33m</div> ~~&\n#27;[34m~~")
	r, err := NewRenderer(true, 60)
	if err != nil {
		f.Fatal(err)
	}
	plain := plainRenderer(f)
	f.Fuzz(func(t *testing.T, summary string) {
		if len(summary) > 4000 {
			return
		}
		cat := summaryCatalogue(summary)
		for i := range cat.Talks {
			md := cat.TalkMarkdown(&cat.Talks[i])
			out, err := r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			if err := termscan.Check(out, termscan.StylingOnly); err != nil {
				t.Fatal(err)
			}
			// An SGR the text formed would pass StylingOnly: without
			// styles, any SGR at all came from the catalogue.
			out, err = plain.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			if err := termscan.Check(out, termscan.SafeHyperlink); err != nil {
				t.Fatalf("%v\nin %q", err, out)
			}
		}
	})
}
