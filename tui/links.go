package tui

import (
	"errors"
	"fmt"
	"strings"

	"cndtalks/internal/opener"
	"cndtalks/model"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// talkKey handles the keys every view gives its selected talk: the links
// (links.go) and the marks (marks.go).
func (m *Model) talkKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if cmd, ok := m.linkKey(msg, m.currentTalk()); ok {
		return cmd, true
	}
	return m.markKey(msg, m.currentTalk())
}

// linkKey handles o, v, 1-9 and y for talk t (-1: none selected).
func (m *Model) linkKey(msg tea.KeyPressMsg, t int) (tea.Cmd, bool) {
	k := m.keys
	if !key.Matches(msg, k.Open, k.Video, k.Link, k.Copy) {
		return nil, false
	}
	if t < 0 {
		m.setError("No talk is selected")
		return nil, true
	}
	talk := &m.cat.Talks[t]
	switch {
	case key.Matches(msg, k.Open):
		l, ok := talk.MainLink()
		if !ok {
			m.setError("This talk has no links")
			return nil, true
		}
		return m.openLink(l, strings.ToLower(model.KindLabel(l.Kind))), true
	case key.Matches(msg, k.Video):
		l, ok := talk.VideoLink()
		if !ok {
			msg := "This talk has no video"
			for _, el := range m.cat.Event.Links {
				if el.Kind == model.LinkVideo || el.Kind == model.LinkRecording {
					// Point at the one recording there is rather than stop at "no".
					msg += "; the event's video is on the Event page (e, then v)"
					break
				}
			}
			m.setError(msg)
			return nil, true
		}
		return m.openLink(l, "video"), true
	case key.Matches(msg, k.Link):
		n := int(msg.String()[0] - '0')
		if n > len(talk.Links) {
			m.setError(fmt.Sprintf("This talk has no link [%d]", n))
			return nil, true
		}
		return m.openLink(talk.Links[n-1], "link ["+msg.String()+"]"), true
	default:
		l, ok := talk.MainLink()
		if !ok {
			m.setError("This talk has no links to copy")
			return nil, true
		}
		return m.copyLink(l), true
	}
}

// openLink checks l's URL and returns the Cmd that opens it. The opener
// (a browser that may block) runs off the UI goroutine.
func (m *Model) openLink(l model.Link, what string) tea.Cmd {
	u, err := model.SafeURL(l.URL)
	if err != nil {
		m.setError(fmt.Sprintf("Refused to open %s: %s", what, refusal(err)))
		return nil
	}
	if m.opts.Remote {
		return m.offerLink(u.String(), what)
	}
	target, opener := u.String(), m.opener
	m.setStatus("Opening " + what + "…")
	return func() tea.Msg {
		return openedMsg{what: what, url: target, err: opener.Open(target)}
	}
}

// refusal says in a few words why SafeURL refused a URL.
func refusal(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "+model.ErrUnsafeURL.Error()); i >= 0 {
		s = s[:i]
	}
	return model.SanitizeLine(s)
}

// copyLink copies l's URL to the clipboard with OSC 52.
func (m *Model) copyLink(l model.Link) tea.Cmd {
	u, err := model.SafeURL(l.URL)
	if err != nil {
		m.setError("Refused to copy: " + refusal(err))
		return nil
	}
	// The kind, as o says it: the label's own capitals ("SlideShare")
	// look wrong lower-cased.
	m.setStatus("Copied " + strings.ToLower(model.KindLabel(l.Kind)) + " link: " + u.String())
	if m.opts.Remote {
		m.linkStatus(u.String())
	}
	return tea.SetClipboard(u.String())
}

// reportOpened puts the opener's outcome in the status line. When no
// browser could be started, or it failed, the URL itself is shown so it can
// be copied.
func (m *Model) reportOpened(msg openedMsg) {
	var exit *opener.BrowserExitError
	switch {
	case msg.err == nil:
		m.setStatus("Opened " + msg.what + " in your browser")
	case errors.Is(msg.err, opener.ErrBrowserTimeout):
		m.setStatus("Sent " + msg.what + " to your browser")
	case errors.As(msg.err, &exit):
		m.setError(exit.Summary() + ". Open it yourself: " + msg.url)
	default:
		m.setError("No browser could be started. Open it yourself: " + msg.url)
	}
}
