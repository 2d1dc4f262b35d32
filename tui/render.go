package tui

import (
	"cmp"
	"fmt"
	"strings"
	"sync"

	"cndtalks/internal/render"
	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// renderFunc turns Markdown into terminal text wrapped at width, in the
// dark or light Glamour style.
type renderFunc func(markdown string, width int, dark bool) (string, error)

// glamourRenderers keeps one Renderer per width and background: building
// a Glamour renderer costs more than rendering a talk.
type glamourRenderers struct {
	mu sync.Mutex
	m  map[[2]int]*render.Renderer
}

// render is the production renderFunc, safe to call from Cmds.
func (g *glamourRenderers) render(md string, width int, dark bool) (string, error) {
	k := [2]int{width, 0}
	if dark {
		k[1] = 1
	}
	g.mu.Lock()
	r, ok := g.m[k]
	if !ok {
		var err error
		if r, err = render.NewRenderer(dark, width); err != nil {
			g.mu.Unlock()
			return "", err
		}
		if len(g.m) >= 64 {
			clear(g.m)
		}
		g.m[k] = r
	}
	g.mu.Unlock()
	return r.Render(md)
}

// eventPage is the renderKey talk of the Event view.
const eventPage = -1

// renderKey names one rendering: which talk (or eventPage), at which width,
// on which background.
type renderKey struct {
	talk  int
	width int
	dark  bool
}

// renderCache holds the detail pane's renderings, finished or being
// made, so a selection that comes back is instant and nothing is rendered
// twice: not by one browser, nor by the browsers of one Shared (a
// rendering another is making is waited for). Safe for concurrent use.
type renderCache struct {
	mu   sync.Mutex
	done map[renderKey]*rendering
}

// rendering is one entry of a renderCache. ready is closed once it is
// finished or abandoned; ok, content and err are set before (and, while
// it is in the cache, read under the cache's lock).
type rendering struct {
	ready   chan struct{}
	ok      bool // finished; false when its maker panicked
	content string
	err     error
}

// maxRenders bounds the cache; past it the cache starts over (a rendering
// is cheap to redo, a leak is not).
const maxRenders = 1024

func newRenderCache() *renderCache {
	return &renderCache{done: map[renderKey]*rendering{}}
}

// get returns k's finished rendering.
func (c *renderCache) get(k renderKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.done[k]; e != nil && e.ok {
		return e.content, true
	}
	return "", false
}

// put keeps a finished rendering of k (one the cache dropped since it was
// made: the browser that asked for it shows it, and keeps it at hand).
func (c *renderCache) put(k renderKey, content string, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.done[k]; e != nil && e.ok {
		return
	}
	c.add(k, &rendering{ready: closedReady, ok: true, content: content, err: err})
}

// closedReady is the ready channel of renderings made elsewhere (put).
var closedReady = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

// add adds e under k; the caller holds the lock.
func (c *renderCache) add(k renderKey, e *rendering) {
	if len(c.done) >= maxRenders {
		clear(c.done)
	}
	c.done[k] = e
}

// render returns k's rendering: the cached one, the one another goroutine
// is making (once it is finished), or what mk makes now.
func (c *renderCache) render(k renderKey, mk func() (string, error)) (string, error) {
	for {
		c.mu.Lock()
		e := c.done[k]
		if e == nil {
			e = &rendering{ready: make(chan struct{})}
			c.add(k, e)
			c.mu.Unlock()
			return c.make(k, e, mk)
		}
		c.mu.Unlock()
		<-e.ready
		if e.ok {
			return e.content, e.err
		}
		// Its maker panicked and dropped it: make it here (or wait for
		// whoever claimed it since).
	}
}

// make runs mk for e, the entry of k this goroutine claimed. Should mk
// panic, e is dropped and its waiters try again.
func (c *renderCache) make(k renderKey, e *rendering, mk func() (string, error)) (string, error) {
	defer func() {
		c.mu.Lock()
		if !e.ok && c.done[k] == e {
			delete(c.done, k)
		}
		c.mu.Unlock()
		close(e.ready)
	}()
	content, err := mk()
	c.mu.Lock()
	e.content, e.err, e.ok = content, err, true
	c.mu.Unlock()
	return content, err
}

// renderCmd returns the Cmd that renders k, or nil when k is cached or
// this browser asked for it already. Everything the Cmd needs is captured
// here, so it never reads the model from another goroutine.
func (m Model) renderCmd(k renderKey) tea.Cmd {
	if k.width <= 0 {
		return nil
	}
	if _, ok := m.renders.get(k); ok || m.asked[k] {
		return nil
	}
	if k.talk != eventPage && (k.talk < 0 || k.talk >= len(m.cat.Talks)) {
		return nil
	}
	m.asked[k] = true
	renders, render, st, cat, skipped := m.renders, m.render, m.st, m.cat, m.opts.Skipped
	return func() tea.Msg {
		content, err := renders.render(k, func() (string, error) {
			return renderPage(k, render, st, cat, skipped)
		})
		return renderedMsg{key: k, content: content, err: err}
	}
}

// renderPage renders k: the page is Glamour's rendering of head, the
// numbered links, then Glamour's rendering of tail (the event's sponsors).
// The Markdown is built here too: the event's is long for a big
// catalogue. The catalogue is only read.
func renderPage(k renderKey, render renderFunc, st *theme, cat *model.Catalogue, skipped []string) (string, error) {
	var head, tail string
	var links []model.Link
	if k.talk == eventPage {
		head, tail = eventPageMarkdown(cat)
		tail += skippedMarkdown(skipped)
		links = eventLinks(&cat.Event)
	} else {
		t := &cat.Talks[k.talk]
		head = cutSection(cat.TalkMarkdown(t), "Links")
		links = t.Links
	}
	glamour := func(md string) (string, error) {
		out, err := render(md, k.width, k.dark)
		if err != nil {
			// Glamour failing is not fatal: show the Markdown as text.
			out = model.Sanitize(md)
		}
		return strings.TrimRight(out, "\n "), err
	}
	body, err := glamour(head)
	body += "\n\n" + linksBlock(st, links, k.width)
	if tail != "" {
		rest, terr := glamour(tail)
		body += "\n" + rest
		err = cmp.Or(err, terr)
	}
	return body, err
}

// eventPageMarkdown is the event's Markdown for the Event view, split
// where its numbered links go (see linksBlock): head is the name, facts and
// description, tail the sponsors, thanks and source. The programme, which
// the Talks view already lists (and which is huge for a big catalogue), is
// left out.
func eventPageMarkdown(c *model.Catalogue) (head, tail string) {
	md := c.EventMarkdown()
	md = cutSection(md, "Programme")
	md = cutSection(md, "Community")
	md = cutSection(md, "Links")
	if src := c.Event.Source; src != "" && !strings.Contains(md, "*Source: ") {
		md += "\n*Source: " + model.EscapeMarkdown(model.SanitizeLine(src)) + "*\n"
	}
	for _, marker := range []string{"\n## Sponsors\n", "\n## Thanks\n", "\n*Source: "} {
		if i := strings.LastIndex(md, marker); i >= 0 {
			return md[:i+1], md[i+1:]
		}
	}
	return md, ""
}

// maxSkippedShown bounds the Event view's list of skipped records: a
// broken export can skip thousands.
const maxSkippedShown = 100

// skippedMarkdown is the Event view's account of what the importer left
// out, so the start-up notice's count has its reasons one key away.
func skippedMarkdown(skipped []string) string {
	if len(skipped) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n## Skipped while importing\n\n")
	for i, s := range skipped {
		if i == maxSkippedShown {
			fmt.Fprintf(&b, "- … and %d more\n", len(skipped)-i)
			break
		}
		b.WriteString("- " + model.EscapeMarkdown(s) + "\n")
	}
	return b.String()
}

// cutSection removes the last "## heading" section the model's Markdown
// builders wrote, up to the next heading (or the end).
func cutSection(md, heading string) string {
	i := strings.LastIndex(md, "\n## "+heading+"\n")
	if i < 0 {
		return md
	}
	rest := md[i+1:]
	j := strings.Index(rest[1:], "\n## ")
	if j < 0 {
		return md[:i+1]
	}
	return md[:i+1] + rest[j+2:]
}

// eventLinks are the Event view's numbered links: the event's own, then
// the community's.
func eventLinks(e *model.Event) []model.Link {
	out := make([]model.Link, 0, len(e.Links)+len(e.Community))
	out = append(out, e.Links...)
	return append(out, e.Community...)
}

// linkLabel is what a link is called on screen and in the status line.
func linkLabel(l model.Link) string {
	if l.Label != "" {
		return oneLine(l.Label)
	}
	return model.KindLabel(l.Kind)
}

// linksBlock renders numbered links ("[1] Slides") under a Glamour body,
// each URL an OSC 8 hyperlink to its SafeURL form. A URL SafeURL refuses is
// shown as refused, never as a link.
func linksBlock(st *theme, links []model.Link, width int) string {
	const indent = "  "
	if len(links) == 0 {
		return indent + st.loading.Render("No links.")
	}
	var b strings.Builder
	b.WriteString(indent + st.heading.Render("## Links") + "\n\n")
	labelW := 0
	for _, l := range links {
		labelW = max(labelW, ansi.StringWidth(linkLabel(l)))
	}
	labelW = min(labelW, max(width/2-4, 8))
	for i, l := range links {
		num := fmt.Sprintf("[%d]", i+1)
		label := ansi.Truncate(linkLabel(l), labelW, "…")
		label += strings.Repeat(" ", max(labelW-ansi.StringWidth(label), 0))
		line := indent + st.linkIndex.Render(num) + " " + st.linkLabel.Render(label)
		room := width - ansi.StringWidth(indent+num+" "+label) - 2
		u, err := model.SafeURL(l.URL)
		switch {
		case room < 8:
			// Too narrow for the URL: the label still opens with its number.
		case err != nil:
			line += "  " + st.statusError.Render(ansi.Truncate("not an http(s) link, will not open", room, "…"))
		default:
			shown := strings.TrimPrefix(strings.TrimPrefix(u.String(), "https://"), "http://")
			shown = strings.TrimPrefix(shown, "www.")
			shown = strings.TrimSuffix(shown, "/")
			line += "  " + ansi.SetHyperlink(u.String()) + st.linkURL.Render(ansi.Truncate(shown, room, "…")) + ansi.ResetHyperlink()
		}
		b.WriteString(line)
		if i < len(links)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}
