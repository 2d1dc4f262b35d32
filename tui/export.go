package tui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"cndtalks/model"

	tea "charm.land/bubbletea/v2"
)

// exportPrompt is x and X asking for the file name before writing anything:
// the status line proposes one, the user edits it, enter writes, esc
// cancels, and an existing file is replaced only after a second enter.
type exportPrompt struct {
	format model.ExportFormat
	// What to export, taken when x was pressed: the view's talks (nil:
	// every talk) and the filter that picked them.
	items []int
	query string
	count int
	// name is the file name as edited (relative to Options.ExportDir, or
	// the working directory).
	name string
	// exists: name is an existing file; enter now replaces it.
	exists bool
	// writing: enter was pressed, the Cmd is running.
	writing bool
}

// startExport opens the file name prompt for the current view.
func (m *Model) startExport(f model.ExportFormat) tea.Cmd {
	if m.opts.Remote {
		m.setError(remoteExport)
		return nil
	}
	if m.list.len() == 0 {
		m.setError("Nothing to export: no talk in this view")
		return nil
	}
	p := &exportPrompt{format: f, count: m.list.len(), name: exportBase(m.cat, m.now()) + f.Ext()}
	if m.result != nil {
		p.items = make([]int, m.list.len())
		for i := range p.items {
			p.items[i] = m.list.item(i)
		}
		p.query = strings.TrimSpace(m.result.Query)
	}
	m.export = p
	m.showExportPrompt()
	return nil
}

// showExportPrompt puts the prompt in the status line.
func (m *Model) showExportPrompt() {
	p := m.export
	name := model.SanitizeLine(p.name)
	switch {
	case p.writing:
		m.setStatus("Writing " + name + "…")
	case p.exists:
		m.setError(name + " exists: enter replaces it, esc cancels, or edit the name: " + name + "▏")
	default:
		m.setStatus("Export " + plural(p.count, "talk") + " to: " + name + "▏  (enter write, esc cancel)")
	}
}

// handleExportKey edits the file name while the prompt has the keyboard.
func (m Model) handleExportKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	p := m.export
	if p.writing {
		return m, nil
	}
	switch msg.String() {
	case "esc":
		m.export = nil
		m.setStatus("Export cancelled: nothing written")
		return m, nil
	case "enter":
		if strings.TrimSpace(p.name) == "" {
			m.setError("Export: type a file name (esc cancels)")
			return m, nil
		}
		p.writing = true
		m.showExportPrompt()
		return m, m.writeExport(*p)
	case "backspace":
		if r := []rune(p.name); len(r) > 0 {
			p.name = string(r[:len(r)-1])
		}
	case "ctrl+u":
		p.name = ""
	default:
		if msg.Text == "" {
			return m, nil
		}
		p.name += model.SanitizeLine(msg.Text)
	}
	p.exists = false
	m.showExportPrompt()
	return m, nil
}

// writeExport exports p's talks and writes them in a Cmd: to a new file,
// or over an existing one when the prompt said so.
func (m *Model) writeExport(p exportPrompt) tea.Cmd {
	cat, dir, now := m.cat, m.opts.ExportDir, m.now()
	opts := model.ExportOptions{Query: p.query, Marks: m.opts.Marks, Now: now}
	return func() tea.Msg {
		exp, err := cat.Export(p.format, p.items, opts)
		if err != nil {
			return exportedMsg{err: err}
		}
		if p.format == model.ExportICS && exp.Talks == 0 {
			return exportedMsg{err: errors.New("no talk in this view has a time, so there is no calendar to write")}
		}
		path, err := exportPath(dir, p.name)
		if err != nil {
			return exportedMsg{err: err}
		}
		err = writeExportFile(path, exp.Data, p.exists)
		if errors.Is(err, fs.ErrExist) {
			return exportedMsg{path: path, exists: true}
		}
		return exportedMsg{path: path, talks: exp.Talks, skipped: exp.Skipped, err: err}
	}
}

// exportPath is where name goes: as is when absolute, under dir (the
// working directory when "") otherwise; "~/" is the home directory.
func exportPath(dir, name string) (string, error) {
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		name = filepath.Join(home, rest)
	}
	if !filepath.IsAbs(name) {
		if dir == "" {
			wd, err := os.Getwd()
			if err != nil {
				return "", err
			}
			dir = wd
		}
		name = filepath.Join(dir, name)
	}
	return filepath.Abs(name)
}

// writeExportFile writes b to path: a new file, or with replace an
// existing one. Without replace an existing file gives fs.ErrExist and is
// left alone.
func writeExportFile(path string, b []byte, replace bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if replace {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil && !replace {
		_ = os.Remove(path)
	}
	return err
}

// reportExported says where the export went, or asks again when the file
// exists.
func (m *Model) reportExported(msg exportedMsg) {
	p := m.export
	if msg.exists && p != nil {
		p.writing, p.exists = false, true
		m.showExportPrompt()
		return
	}
	m.export = nil
	if msg.err != nil {
		m.setError("Export failed: " + oneLine(msg.err.Error()))
		return
	}
	s := "Exported " + plural(msg.talks, "talk") + " to " + oneLine(tildePath(msg.path))
	if msg.skipped > 0 {
		s += fmt.Sprintf(" (%d without a time left out)", msg.skipped)
	}
	m.setStatus(s)
}
