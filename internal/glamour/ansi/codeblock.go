package ansi

import (
	"io"
)

// A CodeBlockElement is used to render code blocks.
//
// cndtalks: rendered without chroma syntax highlighting, in the code block
// style's colours (what upstream does for a style without a chroma theme).
// Linking chroma costs every start of the program ~10 ms of package
// initialisation (its lexers and styles are parsed from XML at init), and
// talk summaries hardly ever hold code.
type CodeBlockElement struct {
	Code     string
	Language string
}

// Render renders a CodeBlockElement.
func (e *CodeBlockElement) Render(w io.Writer, ctx RenderContext) error {
	bs := ctx.blockStack

	var indentation uint
	var margin uint
	rules := ctx.options.Styles.CodeBlock
	if rules.Indent != nil {
		indentation = *rules.Indent
	}
	if rules.Margin != nil {
		margin = *rules.Margin
	}
	iw := NewIndentWriter(w, int(indentation+margin), func(_ io.Writer) {
		_, _ = renderText(w, bs.Current().Style.StylePrimitive, " ")
	})
	defer iw.Close() //nolint:errcheck

	el := &BaseElement{
		Token: e.Code,
		Style: rules.StylePrimitive,
	}
	return el.Render(iw, ctx)
}
