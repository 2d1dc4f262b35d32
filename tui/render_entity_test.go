package tui

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"cndtalks/internal/termscan"
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
		cat := fuzzCatalogue("Talk", tt.summary)
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
