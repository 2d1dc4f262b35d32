package model

import (
	"os"
	"strings"
	"testing"
)

// TestQueryRowsParse checks that every example of the summary is a valid
// query.
func TestQueryRowsParse(t *testing.T) {
	for _, r := range QueryRows {
		for _, q := range splitExamples(r.Example) {
			if _, err := ParseQuery(q); err != nil {
				t.Errorf("example %q of %q does not parse: %v", q, r.Example, err)
			}
		}
	}
}

// TestQueryQualifiersComplete checks that completion offers every
// qualifier ParseQuery knows, each with a description.
func TestQueryQualifiersComplete(t *testing.T) {
	qs := QueryQualifiers()
	if len(qs) != len(qualifierNames) {
		t.Fatalf("%d qualifiers, ParseQuery knows %d", len(qs), len(qualifierNames))
	}
	for _, q := range qs {
		if q.Help == "" {
			t.Errorf("qualifier %s: has no description", q.Name)
		}
		if _, err := ParseQuery(q.Name + ":x"); err != nil && len(q.Values) == 0 {
			t.Errorf("qualifier %s: %v", q.Name, err)
		}
		for _, v := range q.Values {
			if _, err := ParseQuery(q.Name + ":" + v); err != nil {
				t.Errorf("%s:%s: %v", q.Name, v, err)
			}
		}
	}
}

// TestREADMEQueryTable checks that the README's Queries section is the
// table QueryMarkdownTable generates: edit QueryRows, then paste it.
func TestREADMEQueryTable(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Skipf("no README beside the module: %v", err)
	}
	readme := string(b)
	_, section, ok := strings.Cut(readme, "\n## Queries\n")
	if !ok {
		t.Fatal("README.md has no Queries section")
	}
	want := QueryMarkdownTable()
	if !strings.Contains(section, want) {
		t.Errorf("README.md's Queries table is not model.QueryMarkdownTable(); it should read:\n%s", want)
	}
	if !strings.Contains(section, QueryNote) {
		t.Errorf("README.md's Queries section lacks %q", QueryNote)
	}
}

func TestQueryHelp(t *testing.T) {
	h := QueryHelp()
	for _, want := range []string{"\n  speaker:gamov ", "montreal finds Montréal", "cndtalks list -- -kubernetes"} {
		if !strings.Contains(h, want) {
			t.Errorf("QueryHelp lacks %q:\n%s", want, h)
		}
	}
	for _, l := range strings.Split(h, "\n") {
		if len([]rune(l)) > 80 {
			t.Errorf("line over 80 columns: %q", l)
		}
	}
}
