package schedule

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"cndtalks/model"
)

// htmlToMarkdown turns a schedule's abstract or description into sanitised
// Markdown. Schedules write these fields as Markdown (pretalx, frab), as
// HTML (Pentabarf, FOSDEM) or as Markdown with bits of raw HTML in it; all
// three go through here:
//
//   - known HTML tags become their Markdown form (paragraphs, headings,
//     lists, links, emphasis, code, line breaks);
//   - text is kept as written, so Markdown stays Markdown, with entities
//     decoded exactly once: the XML layer is decoded by the XML reader, this
//     decodes the HTML layer, and a literal "&lt;" that survives both is
//     escaped so the Markdown renderer does not decode it a third time;
//   - tags it does not know are kept as text (they are usually Markdown code
//     like `vector<int>` or autolinks like <https://...>);
//   - scripts, styles and images are dropped (an image keeps its alt text).
//
// base resolves relative link targets; a target that is not a safe http(s)
// URL keeps only its text. The result passes model.Sanitize.
func htmlToMarkdown(s, base string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.IndexByte(s, '<') < 0 && strings.IndexByte(s, '&') < 0 {
		return model.Sanitize(s) // no markup, no entity: only sanitising to do
	}
	c := mdConverter{base: base}
	c.convert(s)
	return model.Sanitize(tidyMarkdown(c.out.String()))
}

// maxHTMLNesting caps the list indentation and blockquote prefixes written
// for nested HTML: each is written per line, so 50,000 nested <ul><li> made
// gigabytes of indentation (quadratic). Markdown renders no deeper anyway
// (model.MarkdownText flattens past 8 levels).
const maxHTMLNesting = 8

type mdList struct {
	ordered bool
	n       int
}

type mdConverter struct {
	base  string
	out   bytes.Buffer
	lists []mdList
	pre   int // depth of <pre>
	skip  int // depth of <script>/<style>/<head>
	// links holds, per open <a>, the target to append on </a> ("" for none).
	links []string
	// quote is the depth of <blockquote>; lines inside start with "> ".
	quote int
}

func (c *mdConverter) convert(s string) {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// An unfinished tag at the end ("a <b") is text that lost its
			// way, not markup: keep it.
			if raw := z.Raw(); len(raw) > 0 && c.skip == 0 {
				c.text(string(raw))
			}
			return
		case html.TextToken:
			if c.skip > 0 {
				continue
			}
			c.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var attrs map[string]string
			if hasAttr {
				attrs = map[string]string{}
				for {
					k, v, more := z.TagAttr()
					attrs[string(k)] = string(v)
					if !more {
						break
					}
				}
			}
			if !c.start(a, attrs, tt == html.SelfClosingTagToken) && c.skip == 0 {
				c.raw(string(z.Raw()))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !c.end(atom.Lookup(name)) && c.skip == 0 {
				c.raw(string(z.Raw()))
			}
		case html.CommentToken, html.DoctypeToken:
			// dropped
		}
	}
}

// start handles an opening tag and reports whether it knew it.
func (c *mdConverter) start(a atom.Atom, attrs map[string]string, selfClosing bool) bool {
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template:
		if !selfClosing {
			c.skip++
		}
	case atom.Html, atom.Body, atom.Span, atom.Small, atom.Big, atom.Font, atom.Sup, atom.Sub,
		atom.U, atom.Abbr, atom.Cite, atom.Mark, atom.Thead, atom.Tbody, atom.Table, atom.Meta, atom.Link:
		// transparent
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main,
		atom.Figure, atom.Figcaption, atom.Dl, atom.Center, atom.Nav, atom.Aside:
		c.block()
	case atom.Dt, atom.Dd, atom.Tr:
		c.newline()
	case atom.Td, atom.Th:
		c.inlineSpace()
	case atom.Blockquote:
		c.block()
		c.quote++
		c.prefix()
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.block()
		level := int(a.String()[1] - '0')
		c.out.WriteString(strings.Repeat("#", level))
		c.out.WriteByte(' ')
	case atom.Ul, atom.Ol:
		if len(c.lists) == 0 {
			c.block()
		}
		l := mdList{ordered: a == atom.Ol}
		if n, err := strconv.Atoi(attrs["start"]); err == nil && n >= 0 && n < 1_000_000 {
			l.n = n - 1
		}
		c.lists = append(c.lists, l)
	case atom.Li:
		c.newline()
		depth := len(c.lists)
		if depth > 1 {
			c.out.WriteString(strings.Repeat("  ", min(depth, maxHTMLNesting)-1))
		}
		if depth > 0 && c.lists[depth-1].ordered {
			c.lists[depth-1].n++
			c.out.WriteString(strconv.Itoa(c.lists[depth-1].n))
			c.out.WriteString(". ")
		} else {
			c.out.WriteString("- ")
		}
	case atom.Br:
		if c.pre > 0 {
			c.out.WriteByte('\n')
		} else {
			c.trimTrailingSpace()
			c.out.WriteString("  \n")
			c.prefix()
		}
	case atom.Hr:
		c.block()
		c.out.WriteString("---")
		c.block()
	case atom.Pre:
		c.block()
		c.out.WriteString("```\n")
		c.pre++
	case atom.Code, atom.Tt, atom.Kbd, atom.Samp:
		if c.pre == 0 {
			c.out.WriteByte('`')
		}
	case atom.Strong, atom.B:
		c.out.WriteString("**")
	case atom.Em, atom.I:
		c.out.WriteByte('*')
	case atom.S, atom.Strike, atom.Del:
		c.out.WriteString("~~")
	case atom.A:
		target := ""
		if href := strings.TrimSpace(attrs["href"]); href != "" {
			if u, _, err := model.ResolveURLString(c.base, href); err == nil {
				target = u
			}
		}
		if target != "" {
			c.out.WriteByte('[')
		}
		c.links = append(c.links, target)
	case atom.Img:
		if alt := strings.TrimSpace(attrs["alt"]); alt != "" {
			c.text(alt)
		}
	default:
		return false
	}
	return true
}

// end handles a closing tag and reports whether it knew it.
func (c *mdConverter) end(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template:
		if c.skip > 0 {
			c.skip--
		}
	case atom.Html, atom.Body, atom.Span, atom.Small, atom.Big, atom.Font, atom.Sup, atom.Sub,
		atom.U, atom.Abbr, atom.Cite, atom.Mark, atom.Thead, atom.Tbody, atom.Table, atom.Td,
		atom.Th, atom.Dt, atom.Dd, atom.Img, atom.Br, atom.Hr, atom.Li, atom.Meta, atom.Link:
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Main,
		atom.Figure, atom.Figcaption, atom.Dl, atom.Center, atom.Nav, atom.Aside,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.block()
	case atom.Tr:
		c.newline()
	case atom.Blockquote:
		if c.quote > 0 {
			c.quote--
		}
		c.block()
	case atom.Ul, atom.Ol:
		if len(c.lists) > 0 {
			c.lists = c.lists[:len(c.lists)-1]
		}
		if len(c.lists) == 0 {
			c.block()
		} else {
			// What follows a nested list belongs to the outer item.
			c.itemContinuation()
		}
	case atom.Pre:
		if c.pre > 0 {
			c.pre--
			if !bytes.HasSuffix(c.out.Bytes(), []byte("\n")) {
				c.out.WriteByte('\n')
			}
			c.out.WriteString("```")
			c.block()
		}
	case atom.Code, atom.Tt, atom.Kbd, atom.Samp:
		if c.pre == 0 {
			c.out.WriteByte('`')
		}
	case atom.Strong, atom.B:
		c.out.WriteString("**")
	case atom.Em, atom.I:
		c.out.WriteByte('*')
	case atom.S, atom.Strike, atom.Del:
		c.out.WriteString("~~")
	case atom.A:
		if n := len(c.links); n > 0 {
			target := c.links[n-1]
			c.links = c.links[:n-1]
			if target != "" {
				c.out.WriteString("](")
				c.out.WriteString(strings.NewReplacer("(", "%28", ")", "%29").Replace(target))
				c.out.WriteByte(')')
			}
		}
	default:
		return false
	}
	return true
}

// text writes decoded text. Inside <pre> it is verbatim; elsewhere text at
// the start of a line loses its leading blanks (HTML indentation would turn
// into a Markdown code block), and whatever the HTML layer decoded into
// something Markdown would decode or swallow again is escaped.
func (c *mdConverter) text(t string) {
	t = strings.ReplaceAll(t, "\r\n", "\n")
	if c.pre > 0 {
		c.out.WriteString(t)
		return
	}
	if c.atLineStart() {
		t = strings.TrimLeft(t, " \t\n")
		if t == "" {
			return
		}
	}
	if c.quote > 0 && strings.Contains(t, "\n") {
		t = strings.ReplaceAll(t, "\n", "\n"+strings.Repeat("> ", min(c.quote, maxHTMLNesting)))
	}
	c.out.WriteString(escapeDecoded(t))
}

// raw writes a tag cndtalks does not convert as the source spelt it: in
// Markdown it is a code span's content, an autolink or inline HTML that the
// renderer handles itself.
func (c *mdConverter) raw(t string) {
	if c.atLineStart() {
		t = strings.TrimLeft(t, " \t\n")
	}
	c.out.WriteString(strings.ReplaceAll(t, "\r\n", "\n"))
}

// escapeDecoded escapes "<" where it would open raw HTML and "&" where it
// would start an entity: both can only be in decoded text because the
// source spelt them as entities, so they are meant literally.
func escapeDecoded(t string) string {
	if !strings.ContainsAny(t, "<&") {
		return t
	}
	var b strings.Builder
	b.Grow(len(t) + 8)
	for i := 0; i < len(t); i++ {
		ch := t[i]
		if ch == '<' && i+1 < len(t) && isTagStart(t[i+1]) {
			b.WriteString(`\<`)
			continue
		}
		if ch == '&' && looksLikeEntity(t[i+1:]) {
			b.WriteString(`\&`)
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

func isTagStart(c byte) bool {
	return c == '/' || c == '!' || c == '?' || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// looksLikeEntity reports whether s (what follows a '&') is an entity body
// and its ';'.
func looksLikeEntity(s string) bool {
	for i := 0; i < len(s) && i < 32; i++ {
		c := s[i]
		switch {
		case c == ';':
			return i > 0
		case c == '#' && i == 0, c >= '0' && c <= '9', c|0x20 >= 'a' && c|0x20 <= 'z':
		default:
			return false
		}
	}
	return false
}

func (c *mdConverter) atLineStart() bool {
	b := c.out.Bytes()
	b = bytes.TrimRight(b, " ")
	if len(b) == 0 {
		return true
	}
	if b[len(b)-1] == '\n' {
		return true
	}
	// just after a list marker or a blockquote prefix
	return bytes.HasSuffix(b, []byte("\n-")) || bytes.HasSuffix(b, []byte("\n>")) ||
		bytes.Equal(b, []byte("-")) || bytes.Equal(b, []byte(">")) || endsWithOrderedMarker(b)
}

func endsWithOrderedMarker(b []byte) bool {
	if len(b) == 0 || b[len(b)-1] != '.' {
		return false
	}
	i := len(b) - 2
	for i >= 0 && b[i] >= '0' && b[i] <= '9' {
		i--
	}
	return i < len(b)-2 && (i < 0 || b[i] == '\n' || b[i] == ' ')
}

func (c *mdConverter) trimTrailingSpace() {
	b := c.out.Bytes()
	n := len(b)
	for n > 0 && (b[n-1] == ' ' || b[n-1] == '\t') {
		n--
	}
	c.out.Truncate(n)
}

// block ends the current block: a blank line, unless at the very start.
func (c *mdConverter) block() {
	if len(c.lists) > 0 {
		// Inside a list item a block (<p>, <div>) must not end the item:
		// nothing right after the marker, else a continuation line.
		if !c.atLineStart() {
			c.itemContinuation()
		}
		return
	}
	c.trimTrailingSpace()
	b := c.out.Bytes()
	if len(b) == 0 {
		return
	}
	switch {
	case bytes.HasSuffix(b, []byte("\n\n")):
	case b[len(b)-1] == '\n':
		c.out.WriteByte('\n')
	default:
		c.out.WriteString("\n\n")
	}
	c.prefix()
}

// itemContinuation starts a new line indented to continue the current
// list item.
func (c *mdConverter) itemContinuation() {
	c.newline()
	c.out.WriteString(strings.Repeat("  ", len(c.lists)))
}

// newline starts a new line unless already at one.
func (c *mdConverter) newline() {
	c.trimTrailingSpace()
	b := c.out.Bytes()
	if len(b) > 0 && b[len(b)-1] != '\n' {
		c.out.WriteByte('\n')
	}
	c.prefix()
}

func (c *mdConverter) prefix() {
	if c.quote > 0 {
		c.out.WriteString(strings.Repeat("> ", min(c.quote, maxHTMLNesting)))
	}
}

func (c *mdConverter) inlineSpace() {
	b := c.out.Bytes()
	if len(b) > 0 && b[len(b)-1] != ' ' && b[len(b)-1] != '\n' {
		c.out.WriteByte(' ')
	}
}

// tidyMarkdown trims trailing blanks on each line (keeping the two-space hard
// breaks), collapses runs of blank lines and trims the ends.
func tidyMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		hard := strings.HasSuffix(l, "  ") && strings.TrimSpace(l) != ""
		l = strings.TrimRight(l, " \t")
		if strings.Trim(l, "> ") == "" {
			blank++
			if blank > 1 {
				continue
			}
			l = strings.TrimRight(l, " >")
		} else {
			blank = 0
			if hard {
				l += "  "
			}
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
