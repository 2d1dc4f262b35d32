package render

import (
	"strings"
	"testing"

	"cndtalks/internal/termscan"
	"cndtalks/model"
)

// markdownBombs are summaries that nest deep enough to stall or crash a
// Markdown renderer: before model.MarkdownText limited nesting, the
// emphasis one overflowed the goroutine stack inside Glamour (a fatal
// error, not a panic: no recover, and the terminal left raw) and the
// blockquote and list ones took minutes.
func markdownBombs() map[string]string {
	var list strings.Builder
	for i := 0; i < 2000; i++ {
		list.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return map[string]string{
		"nested emphasis":    strings.Repeat("*a ", 50000) + "b" + strings.Repeat(" a*", 50000),
		"nested blockquotes": strings.Repeat("> ", 20000) + "x",
		"nested list line":   strings.Repeat("- ", 20000) + "x",
		"indented lists":     list.String(),
		"nested links":       strings.Repeat("[", 20000) + "x" + strings.Repeat("](https://a.example/)", 20000),
		"code spans":         strings.Repeat("`a", 50000),
		"mixed containers":   strings.Repeat("> - 1. * ", 5000) + "x",
		"strikethrough":      strings.Repeat("~~a ", 30000) + "b" + strings.Repeat(" a~~", 30000),
		// Many blocks rather than deep ones: Glamour's time grows faster
		// than their number (a 180 KB summary of nested quotes and lists
		// took 14 s and 637 MB under show).
		"quote-list lines": strings.Repeat("> - > - > - > - item text here\n", 5800),
		"list items":       strings.Repeat("- item text here\n", 10000),
		"paragraphs":       strings.Repeat("para text here\n\n", 10000),
	}
}

// TestRendererSurvivesMarkdownBombs renders each bomb as a talk summary
// with Glamour, the way show and the detail pane do: it must finish (a
// stack overflow kills the test binary) and emit only styling.
func TestRendererSurvivesMarkdownBombs(t *testing.T) {
	r, err := NewRenderer(true, 80)
	if err != nil {
		t.Fatal(err)
	}
	for name, summary := range markdownBombs() {
		t.Run(name, func(t *testing.T) {
			cat := &model.Catalogue{
				Event: model.Event{ID: "bomb", Name: "Bomb"},
				Talks: []model.Talk{{ID: "b", Title: "Bomb", Summary: summary}},
			}
			cat.Index()
			md := cat.TalkMarkdown(&cat.Talks[0])
			out, err := r.Render(md)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, "Bomb") {
				t.Errorf("the title is lost: %.200q", out)
			}
			if err := termscan.Check(out, termscan.StylingOnly); err != nil {
				t.Error(err)
			}
		})
	}
}

// BenchmarkRenderMarkdownBomb shows what each bomb costs to render now.
func BenchmarkRenderMarkdownBomb(b *testing.B) {
	r, err := NewRenderer(true, 80)
	if err != nil {
		b.Fatal(err)
	}
	for name, summary := range markdownBombs() {
		cat := &model.Catalogue{Talks: []model.Talk{{ID: "b", Title: "Bomb", Summary: summary}}}
		md := cat.TalkMarkdown(&cat.Talks[0])
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Render(md); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
