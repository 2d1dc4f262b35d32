package ansi

import (
	"strings"

	"golang.org/x/net/html"
)

// RenderContext holds the current rendering options and state.
type RenderContext struct {
	options Options

	blockStack *BlockStack
	table      *TableElement
}

// NewRenderContext returns a new RenderContext.
func NewRenderContext(options Options) RenderContext {
	return RenderContext{
		options:    options,
		blockStack: &BlockStack{},
		table:      &TableElement{},
	}
}

// SanitizeHTML sanitizes HTML content: it keeps the text and drops every
// tag, comment and doctype, and the content of elements that are not text
// (script, style, iframe...).
//
// cndtalks: upstream runs bluemonday's StrictPolicy and unescapes its
// result; this does the same with golang.org/x/net/html's tokenizer, which
// bluemonday uses underneath. Linking bluemonday (and its CSS parsers)
// cost every start of the program ~2 ms of package initialisation.
func (ctx RenderContext) SanitizeHTML(s string, trimSpaces bool) string {
	s = stripTags(s)
	if trimSpaces {
		s = strings.TrimSpace(s)
	}
	return s
}

// skipContent are the elements whose content bluemonday's StrictPolicy
// drops along with the tags. Script and style text is dropped separately:
// as in bluemonday, it is the text right after their start tag.
var skipContent = map[string]bool{
	"frame": true, "frameset": true, "iframe": true, "noembed": true, "noframes": true,
	"noscript": true, "nostyle": true, "object": true, "title": true,
}

// stripTags returns the text of an HTML fragment, unescaped, without its
// tags, comments and doctype.
func stripTags(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skipping := 0
	recent := "" // the element most recently started and not yet ended
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			recent = string(name)
			if skipContent[recent] {
				skipping++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if string(name) == recent {
				recent = ""
			}
			if skipContent[string(name)] && skipping > 0 {
				skipping--
			}
		case html.TextToken:
			if skipping == 0 && recent != "script" && recent != "style" {
				b.Write(z.Text())
			}
		}
	}
}
