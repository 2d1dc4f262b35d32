package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"cndtalks/data"
	"cndtalks/internal/termscan"
	"cndtalks/model"
)

// The hostile catalogues in data/testdata/hostile carry terminal control
// sequences in every text field, in each format's own escapes. The bodies
// of real sequences say PWN (and those built from character references say
// ENT): if one is ever printed as text, or reaches the terminal as a
// sequence, the sanitising failed somewhere.

// hostileCatalogues returns the hostile fixture files.
func hostileCatalogues(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("data", "testdata", "hostile", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hostile catalogues in data/testdata/hostile (%v)", err)
	}
	return files
}

// mustLoad loads a catalogue file.
func mustLoad(t *testing.T, path string) *model.Catalogue {
	t.Helper()
	res, err := data.LoadFile(path)
	if err != nil {
		t.Fatalf("%s does not load: %v", path, err)
	}
	return res.Catalogue
}

// talkIDs returns the IDs of the talks in a catalogue file.
func talkIDs(t *testing.T, path string) []string {
	t.Helper()
	var ids []string
	for _, tk := range mustLoad(t, path).Talks {
		ids = append(ids, tk.ID)
	}
	return ids
}

// noText is the policy for piped output: no escape sequence and no control
// character at all.
func noText(termscan.Seq) bool { return false }

// injectedSGR reports an SGR that cndtalks never emits: blink, conceal,
// reverse-video tricks and, in true-colour output, the 16 basic colours
// (cndtalks' styles are true colour there, so a basic colour came from the
// catalogue).
func injectedSGR(s termscan.Seq, trueColour bool) bool {
	if s.Kind != termscan.SGR {
		return false
	}
	params := strings.FieldsFunc(s.Body, func(r rune) bool { return r == ';' || r == ':' })
	for i := 0; i < len(params); i++ {
		n, _ := strconv.Atoi(params[i])
		switch {
		case n == 38 || n == 48 || n == 58:
			// extended colour: skip its arguments
			if i+1 < len(params) && params[i+1] == "5" {
				i += 2
			} else if i+1 < len(params) && params[i+1] == "2" {
				i += 4
			}
		case n == 5 || n == 6 || n == 8:
			return true
		case trueColour && (n >= 30 && n <= 37 || n >= 40 && n <= 47 || n >= 90 && n <= 97 || n >= 100 && n <= 107):
			return true
		}
	}
	return false
}

// checkTerminalText fails when out holds anything the policy refuses, a
// leaked payload, or an SGR that came from the catalogue.
func checkTerminalText(t *testing.T, what, out string, allow func(termscan.Seq) bool, trueColour bool) {
	t.Helper()
	if err := termscan.Check(out, allow); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	for _, s := range termscan.Scan(out) {
		if injectedSGR(s, trueColour) {
			t.Errorf("%s: SGR %q was not emitted by cndtalks", what, s.Raw)
			break
		}
	}
	// Payloads built from character references (&#27;]0;ENT...) lose their
	// reference and stay as inert text; real sequences must vanish whole.
	for _, marker := range []string{"PWN", "evil.example"} {
		if strings.Contains(out, marker) {
			i := strings.Index(out, marker)
			t.Errorf("%s: payload %q leaked: %q", what, marker, out[max(i-40, 0):min(i+40, len(out))])
		}
	}
}

// TestHostileCataloguesPiped runs list, show, speakers and event on every
// hostile catalogue with stdout piped: the output is plain text, with no
// escape sequence or control character at all.
func TestHostileCataloguesPiped(t *testing.T) {
	for _, path := range hostileCatalogues(t) {
		name := filepath.Base(path)
		runs := [][]string{{"list"}, {"speakers"}, {"event"}, {"list", "--json"}, {"speakers", "--json"}, {"event", "--json"}}
		for _, id := range talkIDs(t, path) {
			runs = append(runs, []string{"show", id})
		}
		for _, args := range runs {
			what := name + ": " + strings.Join(args, " ")
			stdout, stderr, code := runInPTY(t, nil, "", append([]string{"--catalog", path}, args...)...)
			if code != 0 {
				t.Errorf("%s: exit %d, stderr %q", what, code, stderr)
				continue
			}
			if stdout == "" {
				t.Errorf("%s: no output", what)
			}
			checkTerminalText(t, what, stdout, noText, false)
			checkTerminalText(t, what+" (stderr)", stderr, noText, false)
		}
	}
}

// TestHostileCataloguesOnTerminal runs show and event on a terminal, where
// Glamour renders them: only cndtalks' own SGR styling and OSC 8 links to
// SafeURL-valid URLs may reach the terminal.
func TestHostileCataloguesOnTerminal(t *testing.T) {
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=", "CLICOLOR_FORCE="}
	for _, path := range hostileCatalogues(t) {
		name := filepath.Base(path)
		runs := [][]string{{"event"}, {"list"}, {"speakers"}}
		for _, id := range talkIDs(t, path) {
			runs = append(runs, []string{"show", id})
		}
		for _, style := range []string{"dark", "light"} {
			for _, args := range runs {
				what := name + ": " + strings.Join(args, " ") + " --style " + style
				stdout, stderr, code := runInPTY(t, env, "stdin stdout", append([]string{"--catalog", path, "--style", style}, args...)...)
				if code != 0 {
					t.Errorf("%s: exit %d, stderr %q", what, code, stderr)
					continue
				}
				checkTerminalText(t, what, stdout, termscan.StylingOnly, true)
			}
		}
	}
}
