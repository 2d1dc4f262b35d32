package model

import (
	"fmt"
	"strings"
)

// Limits on how deeply a catalogue's Markdown may nest before it is
// rendered. Goldmark parses nested blocks in time quadratic in their depth
// (20,000 nested "> " take most of a second, 3,000 nested list levels over
// a minute) and Glamour renders nesting recursively with large stack
// frames: 50,000 nested emphasis spans overflow the goroutine stack, a
// fatal error no recover can catch, which would leave the terminal in raw
// mode. Real summaries nest a few levels and use a few dozen delimiters
// per paragraph, so these limits only change hostile text.
const (
	// maxMarkdownContainers is the number of container markers (">", list
	// markers) kept at the start of a line.
	maxMarkdownContainers = 8
	// maxMarkdownIndent is the leading indentation kept, in columns: deeper
	// list nesting by indentation is flattened to it.
	maxMarkdownIndent = 16
	// maxInlineDelimiters is the number of emphasis, strikethrough, link
	// and code-span delimiters a paragraph may hold before they are all
	// escaped (shown as themselves): it bounds inline nesting.
	maxInlineDelimiters = 256
	// maxMarkdownContainersTotal is the budget of container markers in a
	// whole field, each costing its depth (a top-level list item 1, the
	// eighth of eight nested markers 8): Glamour re-wraps a block's
	// content at every level it is nested in, so its time grows with the
	// number of blocks times their depth (400 lines of "> - > - > - > -
	// item" took 8 s). Lines past the budget lose their markers and
	// read as top-level text; a plain list keeps 256 items.
	maxMarkdownContainersTotal = 256
)

// Limits on the size of one Markdown field. Glamour's time grows faster
// than the number of blocks it renders (10,000 one-line list items take
// 15 s, 10,000 short paragraphs 13 s, and a 180 KB summary of nested
// quotes and lists 14 s and 637 MB), so a field is cut, at a line, past
// these limits, with a note saying so. The longest real summaries are a
// few kilobytes and a few dozen lines.
const (
	maxMarkdownBytes = 32 << 10
	maxMarkdownLines = 400
)

// limitMarkdownSize cuts s at the last line that fits the size limits and
// says how much was left out.
func limitMarkdownSize(s string) string {
	if len(s) <= maxMarkdownBytes && strings.Count(s, "\n") < maxMarkdownLines {
		return s
	}
	cut, lines := 0, 0
	for cut < len(s) && lines < maxMarkdownLines {
		end := strings.IndexByte(s[cut:], '\n')
		if end < 0 {
			end = len(s) - cut
		}
		if cut+end > maxMarkdownBytes {
			break
		}
		cut += end + 1
		lines++
	}
	cut = min(cut, len(s))
	left := len(s) - cut
	return strings.TrimRight(s[:cut], "\n") + fmt.Sprintf("\n\n*(shortened: %d more bytes, too long to show here; 'cndtalks show --json' prints the whole text)*\n", left)
}

// limitMarkdownNesting applies the limits above to Markdown text.
func limitMarkdownNesting(s string) string {
	if !needsNestingLimit(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	budget := maxMarkdownContainersTotal
	for i, l := range lines {
		if budget == 0 {
			// Past the budget every line is top-level text: a blank line
			// first closes the open containers, which would otherwise
			// take the rest as a lazy paragraph deep inside them.
			flat, _ := limitLinePrefix(strings.TrimLeft(l, " \t"), 0)
			lines[i] = "\n" + flat
			budget = -1
			continue
		}
		if budget < 0 {
			lines[i], _ = limitLinePrefix(strings.TrimLeft(l, " \t"), 0)
			continue
		}
		var used int
		lines[i], used = limitLinePrefix(l, budget)
		budget -= used
	}
	// Inline delimiters are counted per paragraph (runs of non-blank lines).
	start := 0
	for i := 0; i <= len(lines); i++ {
		if i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			continue
		}
		if i > start && countInlineDelimiters(lines[start:i]) > maxInlineDelimiters {
			for j := start; j < i; j++ {
				lines[j] = escapeInlineDelimiters(lines[j])
			}
		}
		start = i + 1
	}
	return strings.Join(lines, "\n")
}

// needsNestingLimit is the fast path: false when no line could be over a
// limit and the whole text has fewer delimiters than one paragraph may.
func needsNestingLimit(s string) bool {
	delims, markers, indent, total := 0, 0, 0, 0
	atStart := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			atStart, markers, indent = true, 0, 0
			continue
		case atStart && (c == ' ' || c == '\t'):
			indent++
			if c == '\t' {
				indent += 3
			}
			if indent > maxMarkdownIndent {
				return true
			}
			continue
		case atStart && (c == '>' || c == '-' || c == '+' || c == '*' || c >= '0' && c <= '9' || c == '.' || c == ')'):
			markers++
			total++
			if markers > maxMarkdownContainers || total > maxMarkdownContainersTotal {
				return true
			}
		default:
			atStart = false
		}
		if isInlineDelimiter(c) {
			delims++
			if delims > maxInlineDelimiters {
				return true
			}
		}
	}
	return false
}

func isInlineDelimiter(c byte) bool {
	return c == '*' || c == '_' || c == '~' || c == '[' || c == ']' || c == '`'
}

// limitLinePrefix clamps a line's indentation and drops the container
// markers past the limit, keeping the text after them.
func limitLinePrefix(l string, budget int) (string, int) {
	// Leading indentation, in columns.
	i, col := 0, 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		if l[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	prefix := l[:i]
	if col > maxMarkdownIndent {
		prefix = strings.Repeat(" ", maxMarkdownIndent)
	}
	rest := l[i:]
	// Each marker costs its depth, counting indentation as nesting.
	base := min(col, maxMarkdownIndent) / 2
	cost := func(k int) int { return k*base + k*(k+1)/2 }
	limit := 0
	for limit < maxMarkdownContainers && cost(limit+1) <= budget {
		limit++
	}
	// Container markers: ">", "-", "+", "*" and "1." or "1)" followed by a
	// blank, with blanks between them.
	j, n, keep := 0, 0, -1
	for j < len(rest) {
		k := markerLen(rest[j:])
		if k == 0 {
			break
		}
		n++
		j += k
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
			j++
		}
		if n == limit {
			keep = j
		}
	}
	if limit == 0 && n > 0 {
		return prefix + rest[j:], 0
	}
	if n > limit {
		return prefix + rest[:keep] + rest[j:], cost(limit)
	}
	return prefix + rest, cost(n)
}

// markerLen is the length of the container marker at the start of s, or 0.
func markerLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '>':
		return 1
	case '-', '+', '*':
		if len(s) == 1 || s[1] == ' ' || s[1] == '\t' {
			return 1
		}
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') && (d+1 == len(s) || s[d+1] == ' ' || s[d+1] == '\t') {
		return d + 1
	}
	return 0
}

func countInlineDelimiters(lines []string) int {
	n := 0
	for _, l := range lines {
		for i := 0; i < len(l); i++ {
			if isInlineDelimiter(l[i]) {
				n++
			}
		}
	}
	return n
}

// escapeInlineDelimiters backslash-escapes every inline delimiter in l that
// is not already escaped, so Markdown shows it as itself.
func escapeInlineDelimiters(l string) string {
	var b strings.Builder
	b.Grow(len(l) + len(l)/4)
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c == '\\' && i+1 < len(l) {
			b.WriteByte(c)
			b.WriteByte(l[i+1])
			i++
			continue
		}
		if isInlineDelimiter(c) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
