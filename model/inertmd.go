package model

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// inertParser parses the catalogue Markdown InertMarkdown rewrites. The
// plain CommonMark parser is enough: what it does not know (tables,
// strikethrough) comes out as escaped text.
var inertParser = goldmark.New().Parser()

// InertMarkdown rewrites catalogue Markdown as one line that any Markdown
// renderer shows as text: emphasis, code spans and links to http(s) URLs
// (re-encoded by SafeURL) are kept; raw HTML (<script>, <img onerror>, an
// unclosed <!--) becomes literal text; a link or image to any other URL
// (javascript:, data:, a relative path) keeps only its text; an image
// becomes a link, so an export never loads anything by itself. Block
// structure (lists, quotes, headings) is flattened to its text.
//
// It is built from the parsed document rather than by patching the source,
// so whatever the input, the output holds no markup but what it writes.
func InertMarkdown(md string) string {
	src := []byte(md)
	doc := inertParser.Parse(text.NewReader(src))
	var b strings.Builder
	inertBlocks(&b, doc, src)
	return strings.Join(strings.Fields(b.String()), " ")
}

// inertBlocks writes the text of n's blocks, a space between each.
func inertBlocks(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch {
		case c.Type() == ast.TypeInline:
			inertInline(b, c, src)
			continue
		case c.HasChildren():
			inertBlocks(b, c, src)
		default:
			// A block without inline children (HTML, code): its lines
			// as literal text.
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.WriteString(EscapeMarkdown(string(seg.Value(src))))
				b.WriteByte(' ')
			}
		}
		b.WriteByte(' ')
	}
}

// inertInline writes one inline node as inert Markdown.
func inertInline(b *strings.Builder, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		b.WriteString(literal(n.Segment.Value(src)))
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.WriteByte(' ')
		}
	case *ast.String:
		b.WriteString(literal(n.Value))
	case *ast.CodeSpan:
		var code strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				code.Write(t.Segment.Value(src))
			} else if s, ok := c.(*ast.String); ok {
				code.Write(s.Value)
			}
		}
		if s := SanitizeLine(code.String()); strings.TrimSpace(s) != "" {
			b.WriteString(codeSpan(s))
		}
	case *ast.Emphasis:
		var inner strings.Builder
		inertChildren(&inner, n, src)
		if s := strings.TrimSpace(inner.String()); s != "" {
			mark := strings.Repeat("*", min(n.Level, 2))
			b.WriteString(mark + s + mark)
		}
	case *ast.Link:
		inertLink(b, n, string(n.Destination), src)
	case *ast.Image:
		inertLink(b, n, string(n.Destination), src)
	case *ast.AutoLink:
		label := string(n.Label(src))
		if n.AutoLinkType == ast.AutoLinkURL {
			if u, err := SafeURL(label); err == nil {
				b.WriteString("<" + escapeDestination(u.String()) + ">")
				return
			}
		}
		b.WriteString(escapeText(label))
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.WriteString(escapeText(string(seg.Value(src))))
		}
	default:
		inertChildren(b, n, src)
	}
}

func inertChildren(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		inertInline(b, c, src)
	}
}

// inertLink writes a link (or an image, as a link) when dest is a safe
// URL, else just its text.
func inertLink(b *strings.Builder, n ast.Node, dest string, src []byte) {
	var inner strings.Builder
	inertChildren(&inner, n, src)
	label := strings.TrimSpace(inner.String())
	u, err := SafeURL(dest)
	if err != nil {
		b.WriteString(label)
		return
	}
	if label == "" {
		label = EscapeMarkdown(u.String())
	}
	b.WriteString("[" + label + "](<" + escapeDestination(u.String()) + ">)")
}

// literal is a text node's source as literal Markdown: backslash escapes
// and character references are decoded, then every character that could
// start markup is escaped again.
func literal(v []byte) string {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return escapeText(string(v))
}

// escapeText is EscapeMarkdown keeping a space at either end, which
// separates this piece of text from the next.
func escapeText(s string) string {
	core := strings.TrimSpace(s)
	if core == "" {
		if s != "" {
			return " "
		}
		return ""
	}
	out := EscapeMarkdown(core)
	if !strings.HasPrefix(s, core) {
		out = " " + out
	}
	if !strings.HasSuffix(s, core) {
		out += " "
	}
	return out
}
