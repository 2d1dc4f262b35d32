package schedule

import (
	"strings"
	"testing"
)

// TestHTMLToMarkdownDeepNesting checks that deeply nested HTML lists and
// blockquotes convert to Markdown of a size proportional to the input:
// indentation used to be written per level, so 50,000 nested <ul><li> in
// one schedule abstract made gigabytes of Markdown.
func TestHTMLToMarkdownDeepNesting(t *testing.T) {
	for name, in := range map[string]string{
		"lists":       strings.Repeat("<ul><li>x", 5000),
		"ordered":     strings.Repeat("<ol><li>x</li><li>", 5000),
		"blockquotes": strings.Repeat("<blockquote><p>x<br>", 5000),
		"mixed":       strings.Repeat("<blockquote><ul><li>x\ny", 3000),
	} {
		out := htmlToMarkdown(in, "")
		if len(out) > 20*len(in) {
			t.Errorf("%s: %d bytes of HTML became %d bytes of Markdown", name, len(in), len(out))
		}
		if !strings.Contains(out, "x") {
			t.Errorf("%s: the text is lost: %.100q", name, out)
		}
	}
}
