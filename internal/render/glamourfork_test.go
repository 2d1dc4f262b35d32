package render

import (
	"os/exec"
	"strings"
	"testing"

	"cndtalks/model"

	"github.com/charmbracelet/x/ansi"
)

// TestRendererHTMLAndCode checks what internal/glamour changes: HTML in
// Markdown is reduced to its text as bluemonday's StrictPolicy did, and a
// code block keeps its text and layout without chroma.
func TestRendererHTMLAndCode(t *testing.T) {
	r, err := NewRenderer(true, 60)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, md string
		want     []string // in order, on the text without styling
		not      []string
	}{
		{"inline tags", "before <b>bold</b> &amp; <i>it</i> &lt;tag&gt; after",
			[]string{"before bold & it <tag> after"}, []string{"<b>", "</i>"}},
		{"script and style content dropped", "<script>alert(1)</script>visible <style>p{}</style>also",
			[]string{"visible also"}, []string{"alert", "p{}"}},
		{"html block", "<div>\n<p>block <em>html</em></p>\n<iframe>hidden</iframe>\n<!-- note -->\n</div>\n\ntext",
			[]string{"block html", "text"}, []string{"hidden", "note", "<p>"}},
		{"entities decoded once", "&amp;lt; a <br/> b &#x41; c",
			[]string{"&lt; a b A c"}, nil},
		{"fenced code", "```go\nfunc main() {\n\tprintln(\"hi\")\n}\n```\n\nafter",
			[]string{"func main() {", `println("hi")`, "}", "after"}, nil},
		{"indented code", "    indented code\n    block\n\npara",
			[]string{"indented code", "block", "para"}, nil},
		{"links (autolink's patterns compile on first use)", "see https://github.com/a/b/issues/12 and [x](https://github.com/a/b/pull/3)",
			[]string{"see https://github.com/a/b/issues/12 and x", "https://github.com/a/b/pull/3"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := r.Render(tt.md)
			if err != nil {
				t.Fatal(err)
			}
			text := collapseSpaces(ansi.Strip(out))
			rest := text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q missing (or out of order) in %q", w, text)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(text, n) {
					t.Errorf("%q should be gone from %q", n, text)
				}
			}
		})
	}
}

// TestRendererShowsEscapedTextLiterally renders one-line fields the way
// the model's Markdown builders write them (model.EscapeMarkdown) and
// expects the text back: upstream Glamour showed "CCC \& Community" and
// "a\~b" with their backslashes, and "\&amp;" as "\&".
func TestRendererShowsEscapedTextLiterally(t *testing.T) {
	r, err := NewRenderer(true, 80)
	if err != nil {
		t.Fatal(err)
	}
	ins := []string{"CCC & Community", "AT&T", "&amp; stays &amp;", `a\&b`, `C:\path\`, "~tilde~ ~~", "&lt;tag&gt;"}
	for _, p := range "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" {
		ins = append(ins, "a"+string(p)+"b "+string(p)+" c"+string(p))
	}
	for _, in := range ins {
		out, err := r.Render(model.EscapeMarkdown(in))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(ansi.Strip(out)); got != in {
			t.Errorf("%q rendered as %q", in, got)
		}
	}
	// Character references in Markdown text are still decoded.
	out, err := r.Render("x &amp; y &lt;z&gt; &#65;")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(ansi.Strip(out)); got != "x & y <z> A" {
		t.Errorf("references: %q", got)
	}
}

// collapseSpaces turns each run of spaces into one, keeping newlines.
func collapseSpaces(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	return strings.Join(lines, "\n")
}

// TestNoSlowInitDependencies keeps the packages whose initialisers cost
// start-up milliseconds out of the binary (see internal/glamour).
func TestNoSlowInitDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command(goBin, "list", "-deps", "cndtalks").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, slow := range []string{"github.com/alecthomas/chroma", "github.com/microcosm-cc/bluemonday", "charm.land/lipgloss/v2/compat"} {
			if strings.HasPrefix(dep, slow) {
				t.Errorf("cndtalks links %s, whose package initialisation slows every start", dep)
			}
		}
	}
}
