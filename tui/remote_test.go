package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// remoteHarness is the browser as cndtalks serve runs it.
func remoteHarness(t *testing.T, note string) *harness {
	t.Helper()
	h := newHarness(t, testCatalogue(), 120, 40)
	h.m.opts.Remote = true
	h.m.opts.MarksNote = note
	return h
}

// clipboard is the text the Cmds copied with OSC 52 ("" when none).
func clipboard(h *harness) string {
	for _, m := range h.msgs {
		v := reflect.ValueOf(m)
		if v.Kind() == reflect.String && strings.Contains(fmt.Sprintf("%T", m), "Clipboard") {
			return v.String()
		}
	}
	return ""
}

// For a remote client, o, v and 1-9 run nothing: the URL is copied to the
// client's clipboard and the status line links to it with OSC 8.
func TestRemoteLinkKeys(t *testing.T) {
	for _, k := range []string{"o", "1"} {
		t.Run(k, func(t *testing.T) {
			h := remoteHarness(t, "")
			h.keys(k)
			if len(h.opener.urls) != 0 {
				t.Fatalf("the opener ran: %v", h.opener.urls)
			}
			const url = "https://slides.example/engines"
			if got := clipboard(h); got != url {
				t.Errorf("clipboard = %q, want %q", got, url)
			}
			view := h.m.View().Content
			if !strings.Contains(view, ansi.SetHyperlink(url)) {
				t.Errorf("the status line is no OSC 8 link to %s", url)
			}
			if scr := ansi.Strip(view); !strings.Contains(scr, "to your clipboard") {
				t.Errorf("the status line does not say where the link went:\n%s", scr)
			}
			// The next message is not a link.
			h.keys("j")
			h.keys("s")
			if strings.Contains(h.m.View().Content, ansi.SetHyperlink(url)) {
				t.Error("the link outlived its message")
			}
		})
	}
}

// A local browser opens links as before.
func TestLocalLinkKeysOpen(t *testing.T) {
	h := newHarness(t, testCatalogue(), 120, 40)
	h.keys("o")
	if len(h.opener.urls) != 1 {
		t.Fatalf("opener calls %v, want one", h.opener.urls)
	}
}

// x and X write nothing on a server; a marks note follows every mark.
func TestRemoteExportAndMarksNote(t *testing.T) {
	h := remoteHarness(t, "for this session only")
	h.m.opts.Marks, _ = storeMarks(t, h.m.cat.Event.ID)
	h.keys("x")
	if h.m.export != nil || !strings.Contains(h.m.status, "not written over SSH") {
		t.Errorf("x for a remote client: prompt %v, status %q", h.m.export != nil, h.m.status)
	}
	h.keys("s")
	if !strings.HasSuffix(h.m.status, "(for this session only)") {
		t.Errorf("status after s = %q", h.m.status)
	}
}
