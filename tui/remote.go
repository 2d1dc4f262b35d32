package tui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// The browser for a remote client (Options.Remote, cndtalks serve): the
// machine it runs on is not the user's, so nothing is opened or written
// there. A link key shows the URL as a hyperlink the user's terminal can
// open and copies it to their clipboard; both travel to them as escape
// sequences in the output.

// remoteExport is what x and X say to a remote client.
const remoteExport = "Exports are not written over SSH: run cndtalks export on your own machine"

// offerLink shows url (already checked by model.SafeURL) in the status line
// as a hyperlink and copies it to the client's clipboard with OSC 52.
func (m *Model) offerLink(url, what string) tea.Cmd {
	m.setStatus("Copied " + what + " to your clipboard (OSC 52); open it from here: " + url)
	m.linkStatus(url)
	return tea.SetClipboard(url)
}

// linkStatus makes the message just shown a hyperlink to url. url must be
// model.SafeURL's re-encoded form: it carries no control character that
// could end the OSC 8 sequence early.
func (m *Model) linkStatus(url string) {
	m.statusLink, m.statusLinkSeq = url, m.statusSeq
}

// linked wraps a rendered status line in the OSC 8 hyperlink of the
// message shown, when it has one.
func (m Model) linked(s string) string {
	if m.statusLink == "" || m.statusLinkSeq != m.statusSeq || m.status == "" {
		return s
	}
	return ansi.SetHyperlink(m.statusLink) + s + ansi.ResetHyperlink()
}
